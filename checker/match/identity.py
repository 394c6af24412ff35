"""What makes two figures one fact: subject, unit, qualifiers, period and modality, and a specific subject.

- **Period.**  Figures of different known periods are different facts (a year
  and the five years around it, a year-end stock and the year's flow).  A
  figure whose period is unknown never contradicts one whose period is known:
  resolved from a relative word in an undated document (今年 with no date) it
  never meets a known period; in a dated document it meets the timeless
  figures of documents of the same year, and its subject's period of that
  very year, if there is one; in an undated document with no time
  word at all it joins the one other period its subject has (known, or the
  timeless figures of one year's documents), if there is just one.
  Undated figures of a subject meet each other (reports of one week about one
  event, like the seeds).
- **Modality.**  Outcomes (reported, achieved), targets and estimates are
  different facts; the `target` rule compares targets with outcomes.
- **Specificity.**  A subject that says what is measured only through light
  words (工作, 问题, 项目 … once function words, light verbs, measure and time
  words are gone) does not make figures of two documents one fact; neither does
  a subject that, in this corpus, takes several different values within one
  document, period and modality: it names a kind of thing, not one fact.
- **Scope prefixes.**  "长三角地区新增建成铁路里程" and "新增建成铁路里程" are one
  subject: what one adds to the other is a scope or region.  "轻纺工业总产值" and
  "总产值" are not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Final

from checker.extract.lexicon import MEASURE_WORDS
from checker.extract.words import REGION_NAMES, SCOPE_WORDS
from checker.models import Claim, Modality, PartialDate

PeriodKey = tuple[str, str]
# Undated documents: a figure with no time word joins the single known period of its subject,
# if there is one; a figure whose time word is relative (今年 with no date) never does.  Both
# meet the other undated figures of their subject.
WILDCARD: Final[PeriodKey] = ("?", "")
RELATIVE: Final[PeriodKey] = ("?", "relative")

# Light words: grammatical, not about any document.  Function words, light verbs of
# reporting (what was done to the quantity), and light nouns (heads that only say
# "a thing of some kind").
_FUNCTION = "的了和与及等"
_LIGHT_VERBS: Final[tuple[str, ...]] = (
    "新增", "增加", "增长", "提高", "提升", "下降", "减少", "降低", "扩大", "完成", "实现", "达到", "安排",
    "建成", "建设", "投入", "新建", "累计", "平均", "每年", "年均", "超过", "通过", "取得", "开展", "进行",
    "实际", "预计", "计划", "要求", "共有", "共计", "合计", "总计", "经过",
)  # fmt: skip
_LIGHT_NOUNS: Final[tuple[str, ...]] = (
    "工作", "问题", "方面", "情况", "事情", "事项", "项目", "措施", "内容", "任务", "部分", "数量", "总数",
    "总量", "水平", "规模", "比重", "比例", "目标", "成果", "单位", "地方", "部门", "方针", "政策", "原则",
)  # fmt: skip
# A light word followed by 率/量/值… starts a noun ("完成率", "增长量"): it stays.
_LIGHT_RE: Final[re.Pattern[str]] = re.compile(
    "(?:"
    + "|".join(sorted((*_LIGHT_VERBS, *_LIGHT_NOUNS, *MEASURE_WORDS), key=len, reverse=True))
    + ")(?![率量值额度数比])"
    + f"|[{_FUNCTION}]|[\\d一二两三四五六七八九十百千万亿年月日]"
)
_SCOPE_RE: Final[re.Pattern[str]] = re.compile(
    "(?:"
    + "|".join(sorted((*SCOPE_WORDS, *REGION_NAMES), key=len, reverse=True))
    + ")(?:省|市|自治区|地区|区域)?"
)


@lru_cache(maxsize=1 << 16)  # subjects recur: each is asked for again and again within a run and across runs
def content(subject: str) -> str:
    """What is left of a subject once light words are gone ("城镇新增就业" → "城镇就业", "工作" → "")."""
    return _LIGHT_RE.sub("", subject)


def light(subject: str) -> bool:
    """A subject too light to say which fact two documents share."""
    return len(content(subject)) < 2


def same_subject(prefix: str, shorter: str) -> bool:
    """Whether a subject with `prefix` in front of `shorter` names the same thing as `shorter`.

    Yes when the prefix is only scope or region words ("长三角地区"); or when the
    shorter subject is itself specific (four characters of content or more,
    "联合攻关项目"), so a prefix names whose it is rather than which kind.
    """
    return bool(prefix) and (_SCOPE_RE.sub("", prefix) == "" or len(content(shorter)) >= 4)


def modality_class(modality: Modality) -> str:
    """Outcome, target or estimate: figures of different classes are never one fact."""
    return "outcome" if modality.is_outcome else modality.value


def period_key(claim: Claim, dates: Mapping[str, PartialDate | None]) -> PeriodKey:
    """The period a claim is compared within (see the module docstring for unknown periods)."""
    p = claim.period
    if p.start is not None and p.end is not None:
        return (p.start, p.end)
    date = dates.get(claim.path)
    if date is not None:
        return ("timeless", str(date.year))
    return RELATIVE if p.relative else WILDCARD


def ambiguous_subjects(
    claims: Iterable[Claim], subject_of: Mapping[str, str], dates: Mapping[str, PartialDate | None]
) -> set[str]:
    """Subjects that take clearly different values within one document, period and modality, in most documents.

    Such a subject names a kind of thing (项目, 学生), not one fact: across
    documents its figures are not comparable.  `subject_of` maps a claim id to
    its bucketed subject (unit and qualifiers included).
    """
    cells: dict[tuple[str, str, PeriodKey, str], list[Claim]] = defaultdict(list)
    for c in claims:
        subject = subject_of.get(c.id)
        if subject is not None:
            cells[(subject, c.path, period_key(c, dates), modality_class(c.modality))].append(c)
    used: dict[str, set[str]] = defaultdict(set)
    mixed: dict[str, set[str]] = defaultdict(set)
    for (subject, path, *_), members in cells.items():
        used[subject].add(path)
        if len(members) > 1 and any(
            not a.interval.near(b.interval) for i, a in enumerate(members) for b in members[i + 1 :]
        ):
            mixed[subject].add(path)
    # One document breaking a total into parts is not enough; a subject mixed in most of the
    # documents that use it (at least two) is a kind of thing.
    return {s for s, paths in mixed.items() if len(paths) >= 2 and 2 * len(paths) >= len(used[s])}
