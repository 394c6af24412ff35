"""Lists of named items around a count: ListRelation.

Before the count: "科大讯飞股份有限公司、安徽安利材料科技股份有限公司、……9家安徽企业入选"
(items split on 、 and a final 和/及).  After it: "5个联盟分别是：长三角储能……联盟，由……；
长三角绿色低碳产业链联盟，……" (items split on ；, and a segment counts as an item
only when its first clause names the counted noun, so a continuation after an
inner ； is not an item), or "nine companies: A, B, … and I".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.extract.lexicon import CLAUSE_STOPS, HEADING_PATTERN
from checker.extract.relations.text import DocText, Placed
from checker.models import ListRelation

# Longer pieces mean it is not a list of names (the `count` rule may ask for shorter items).
MAX_ITEM = 40
# A count right before another figure ("三省一市") is not a list count.
NUMERAL_NEXT = "0123456789一二两三四五六七八九十"
LINKS_BEFORE = re.compile(r"(?:共计|合计|总计|共有|共|这|等等|等在内的|在内的|等)$")
LABEL = re.compile(r"^[\d一二三四五六七八九十]+$")
HEADING_LINE = re.compile(HEADING_PATTERN, re.M)
INTRO_AFTER = re.compile(
    r"^[^。；;：:]{0,8}?(?:分别是|分别为|依次是|依次为|包括|包含|如下)[：:]?"
    r"|^[^，,。；;：:]{0,8}[：:]"
    r"|^[^.;:]{0,30}?(?::|\bnamely\b|\bincluding\b|\binclude\b|\bincludes\b)",
)
INTRO_CHARS = re.compile(r"[分依包如：:ni]")  # a character of every match of INTRO_AFTER
PARTIAL_INTRO = re.compile(r"包括|包含|includ")
LAST_JOIN = re.compile(r"以及|及|和|与")
EN_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
# Items of an enumeration are names; a verb phrase or a quotation is running text ("坚持“和平统一、一国两制”").
NOT_A_NAME = re.compile(r"[了是等“”\"「」『』]|^(?:在|我们|坚持|全面|继续|进一步)")
# Items enumerated by ordinals ("一是……，二是……", "一方面……另一方面"): counted by their markers.
ORDINAL_MARK = re.compile(
    r"(?<![统唯])[一二三四五六七八九十]是|(?:另)?一方面|第[一二三四五六七八九十]+[，,、]"
)
# A count this many times the items named counts what the items are kinds of, not the items.
CATEGORIES = 3
CORPORATE = re.compile(r"^(?:ltd|inc|llc|co|corp|plc)\.?$", re.I)


@dataclass
class ItemList:
    """The items a count introduces, and whether the list admits more (等, including)."""

    items: list[str]
    open_ended: bool
    start: int
    end: int


def _chinese_items(text: str) -> list[str]:
    items = text.split("、")
    if len(items) >= 2:
        # "A、B和C" ends in two items; "A、和平共处" does not ("和" opens a word there).
        last = LAST_JOIN.split(items[-1], maxsplit=1)
        if len(last) == 2 and all(last):
            items[-1:] = last
    return [s.strip() for s in items]


def _swallowed_clause(items: list[str]) -> bool:
    """The first item is a clause that ran into the list, not a name like the others."""
    rest = max(len(s) for s in items[1:])
    return len(items[0]) > max(8, 1.5 * rest)


def _first_clause(segment: str) -> str:
    return re.split(r"[，,：:]", segment)[0].strip()


def _english_items(text: str) -> list[str]:
    items: list[str] = []
    for piece in (s.strip() for s in EN_SPLIT.split(text)):
        if CORPORATE.match(piece) and items:
            items[-1] = f"{items[-1]}, {piece}"
        elif piece:
            items.append(piece)
    return items


def list_before(doc: DocText, p: Placed, max_len: int) -> ItemList | None:
    """Items separated by 、 right before the count ("A、B、C9家企业")."""
    start = doc.clause_start(p.start, CLAUSE_STOPS)
    head = doc.flat[start : p.start]
    link = LINKS_BEFORE.search(head)
    open_ended = bool(link and "在内" in link.group()) or bool(link and link.group().startswith("等"))
    if link:
        head = head[: link.start()]
    # "…揭牌、10个重大项目签约": the count opens the next item; "各1个" counts each item.
    if head.endswith(("各", "分别", "、")) or "、" not in head or doc.claims_in(start, p.start):
        return None
    open_ended = open_ended or bool(PARTIAL_INTRO.search(head))
    # "在广东、福建两省的深圳、珠海、汕头、厦门四个": what the count counts follows the last 的.
    head = head.rpartition("的")[2]
    items = _chinese_items(head)
    # "二、协同建设…共有20项": a numbered heading run into its section, not a list.
    if HEADING_LINE.search(doc.raw[doc.raw_offset(start) : p.claim.offset]):
        return None
    if len(items) < 2 or any(
        not s or len(s) > max_len or LABEL.match(s) or NOT_A_NAME.search(s) for s in items
    ):
        return None
    if _swallowed_clause(items):
        return None
    if p.claim.value > CATEGORIES * len(items) and not open_ended:
        # "停建、缓建了大中型项目295个": two kinds of thing, not the 295 things themselves.
        return None
    return ItemList(items, open_ended, start, p.start)


def list_after(doc: DocText, p: Placed, max_len: int) -> ItemList | None:
    """Items after the count and an introducer ("5个联盟分别是：A；B；…", "nine companies: A, B and C")."""
    # The noun ends at most 40 characters on and an introducer holds one of these in its first 40: most
    # counts have none in reach, which one search tells before the noun is read.
    if not INTRO_CHARS.search(doc.flat, p.end, p.end + 80):
        return None
    noun, after = doc.noun_span(p)
    tail = doc.flat[after : after + 400]
    intro = INTRO_AFTER.search(tail)
    if intro is None:
        return None
    body_start = after + intro.end()
    end_m = re.search(r"[。！？!?]|\.(?=\s|$)", doc.flat[body_start:])
    body_end = body_start + end_m.start() if end_m else len(doc.flat)
    body = doc.flat[body_start:body_end].strip()
    last = re.split(r"[；;、]", body)[-1]
    # 等 closing a bare item ("A、B、C等") leaves the list open; closing an item's
    # description ("…，促进科技协同创新等") it does not.
    closed_by_deng = bool(re.search(r"(?:等|等等|\betc)\W*$", body)) and not re.search(r"[，,]", last)
    open_ended = closed_by_deng or bool(PARTIAL_INTRO.search(intro.group()))
    body = re.sub(r"(?:等等|等|,?\s*etc\.?)\W*$", "", body)
    marks = list(ORDINAL_MARK.finditer(body))
    if marks:
        # "四项：一是……，二是……": the ordinals count the items; one ordinal only means the list
        # runs on past this sentence, where it cannot be counted.
        if len(marks) < 2:
            return None
        items = [
            body[m.start() : n.start() if n else len(body)]
            for m, n in zip(marks, [*marks[1:], None], strict=True)
        ]
        return ItemList([_first_clause(i) for i in items], open_ended, body_start, body_end)
    if "；" in body or ";" in body:
        segments = [s.strip() for s in re.split(r"[；;]", body) if s.strip()]
        head = noun[-2:] if noun and not noun.isascii() else noun.split(" ")[-1]
        named = [s for s in segments if head and _first_clause(s).lower().rstrip("s").endswith(head)]
        items = named if len(named) * 2 >= len(segments) else segments
        items = [_first_clause(s) for s in items]
    elif "、" in body:
        items = _chinese_items(body)
    else:
        items = _english_items(re.sub(r"^\s*(?:and\s+)?", "", body))
    if len(items) < 2 or any(len(s) > max_len for s in items):
        return None
    return ItemList(items, open_ended, body_start, body_end)


def lists(doc: DocText) -> list[ListRelation]:
    """Every exact count of two or more with the list of items it introduces."""
    out = []
    for p in doc.placed:
        c = p.claim
        if not (c.interval.exact and c.unit == "count" and c.value >= 2) or doc.in_brackets(p):
            continue
        if doc.flat[p.end : p.end + 1] in tuple(NUMERAL_NEXT):
            continue
        found = list_before(doc, p, MAX_ITEM) or list_after(doc, p, MAX_ITEM)
        if found is not None:
            out.append(
                ListRelation(
                    path=doc.path,
                    count=c.id,
                    items=found.items,
                    open_ended=found.open_ended,
                    noun=doc.noun_after(p),
                )
            )
    return out
