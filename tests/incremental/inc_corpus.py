"""Corpora for the incremental tests: real reports (the seeds, excerpts of government work reports) and
synthetic ones that every rule kind has something to say about."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, SEEDS, SHARED

GOV = SHARED / "corpora" / "gov-work-reports"
# Consecutive years: each states targets for its own year and outcomes for the year before (target, agree).
GOV_YEARS = (2005, 2006, 2007)
# The opening of a report (last year's outcomes, this year's targets) carries most of its figures.
EXCERPT_CHARS = 3000

DATES = ("2006-03-05", "2007-03-05", "2024-06-06", "2024-06-07", "2025-01-10")


def real_documents(excerpt: int | None = EXCERPT_CHARS) -> dict[str, str]:
    """The seeds and, when ../shared is beside the repo, three government work reports: whole, or their
    opening (last year's outcomes) and the paragraph of this year's targets (预期目标)."""
    docs = {f.name: f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt"))}
    for year in GOV_YEARS:
        path = GOV / f"{year}_政府工作报告.txt"
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            if excerpt is not None:
                targets = [line for line in text.splitlines() if "预期目标" in line][:1]
                text = text[: text.find("\n", excerpt) + 1] + "".join(f"{t}\n" for t in targets)
            docs[path.name] = text
    return docs


def _sentences(rng: random.Random, date: str) -> list[str]:
    """One statement for each rule kind, each figure right most of the time and wrong sometimes."""

    def pick(right: object, *wrong: object) -> object:
        return right if rng.random() < 0.7 else rng.choice(wrong)

    a, b = rng.randint(3, 20), rng.randint(1, 9)
    year = int(date[:4])
    return [
        f"长三角地区新增建成铁路里程{pick(660, 680, 600)}公里。",
        f"长三角地区新建公共充电桩{pick(7, 5, 9)}万个以上，车桩比力争达到{pick('1.9', '2.1')}以内。",
        f"长三角企业家联盟先后组建了{a}个产业链联盟，加上此次授牌的{b}个联盟共有{pick(a + b, a + b + 1)}个。",
        "其中，科大讯飞股份有限公司、安徽安利材料科技股份有限公司、安徽应流机电集团有限公司、"
        f"安徽珍珠水泥集团股份有限公司{pick(4, 3, 5)}家安徽企业入选。",
        rng.choice(
            [
                f"铁路营业里程由9868公里增加到{pick(12846, 12946)}公里，新增2978公里，增幅{pick('30.2', '31.2')}%。",
                f"成果共用指标从2018年的159.24分提高到2023年的{pick('409.89', '390.12')}分，年均增速达到"
                f"{pick('20.82', '18.5')}%。",
            ]
        ),
        f"可免办签证在上海、江苏、浙江、安徽三省一市内停留不超过144小时（{pick(6, 5)}天），享受便利。",
        f"今年的主要预期目标是：城镇新增就业{pick(900, 1000)}万人，居民消费价格涨幅控制在{pick(3, 4)}%以内。",
        f"过去一年，城镇新增就业{pick(1184, 850)}万人，居民消费价格涨幅为{pick('1.5', '4.8')}%。",
        f"{year - 1}年国内生产总值增长{pick('9.9', '10.4', '6.1')}%。",
    ]


def _english(rng: random.Random) -> list[str]:
    """English restatements that join Chinese facts through the glossary (few: linking is costly)."""
    return [
        f"The region will add {rng.choice([660, 660, 680])} kilometers of new railway lines this year.",
        f"It will install over {rng.choice(['70,000', '70,000', '50,000'])} new public charging piles.",
    ]


def synthetic_document(rng: random.Random, english: bool = False) -> tuple[str, str]:
    """A dated file name and a short report of a few statements, in random order (in English, with
    `english`, one time in four)."""
    date = rng.choice(DATES)
    pool = _english(rng) if english and rng.random() < 0.25 else _sentences(rng, date)
    lines = rng.sample(pool, min(len(pool), rng.randint(2, 5)))
    return f"{date}_syn{rng.randrange(10**6):06d}.txt", "\n\n".join(lines) + "\n"


def build(
    folder: Path,
    rng: random.Random,
    synthetic: int,
    *,
    english: bool = False,
    excerpt: int | None = EXCERPT_CHARS,
) -> Path:
    """The real documents and `synthetic` made-up ones under folder/corpus; the repo's rules in folder/rules."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    for name, text in real_documents(excerpt).items():
        (corpus / name).write_text(text, encoding="utf-8")
    for _ in range(synthetic):
        name, text = synthetic_document(rng, english=english)
        (corpus / name).write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "rules", folder / "rules")
    return corpus


_A, _B = "东西南北中上下前后左右新老大小", "山河湖海江城港湾岭原州县镇村"
_PLACES = [a + b for a in _A for b in _B]


def place(n: int) -> str:
    """A made-up place name, distinct for every n below 44,100."""
    return _PLACES[n % len(_PLACES)] + _PLACES[n // len(_PLACES) % len(_PLACES)]


def bulk_document(n: int, variant: int = 0) -> tuple[str, str]:
    """A short report for large corpora: two figures of its own place, one shared with a 40th of the others.

    Facts stay small (a fact every report joins makes the rules quadratic); the shared one still gives
    agreements and conflicts across reports.
    """
    own, shared = place(n), place(10_000 + n % 40)
    text = (
        f"{own}新建高速公路里程{600 + variant}公里。{own}新建5G基站{n % 5 + 1}万个以上。"
        f"{shared}签约合作项目{10 + (n + variant) % 2}个。\n"
    )
    return f"{DATES[n % len(DATES)]}_bulk{n:05d}.txt", text


def rule_ids(rules: Path) -> set[str]:
    """The ids of the rules in a rules folder (one rule per file here)."""
    return {
        m.group(1) for f in rules.glob("*.yml") if (m := re.search(r"^id: (\S+)", f.read_text("utf-8"), re.M))
    }


def unexercised(report: dict[str, Any], rules: Path) -> set[str]:
    """The rules with no finding (failed or passed) in a report; the target rule needs the government
    reports (targets one year, outcomes the next), so it is excused without them."""
    missing = rule_ids(rules) - {f["rule"] for f in report["findings"]}
    return missing - {"target"} if not GOV.is_dir() else missing
