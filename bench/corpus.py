"""A deterministic synthetic news corpus for the benchmarks (latency.py, cluster.py, scale.py).

Most documents are short Chinese reports: a headline, a dateline, figures about
made-up places and sentences from seeds/ that carry no figure (so the prose reads
like the real reports).  About one in ten is an English report about made-up
towns.  Figures form facts across documents (about five documents per subject,
as in a real news corpus; one subject shared by every document would measure the
rules' worst case, not the service) and give every rule kind work:

- agree:        the same place's figure restated elsewhere, one report in twenty wrong
- growth:       "从2018年的X分提高到2023年的Y分，年均增速Z%"; one in twenty has the rate wrong
- total:        "已组建A个……加上此次的B个联盟共有C个"; one in twenty adds up wrong
- count:        "甲、乙、丙3家企业入选"; one in twenty miscounts
- equivalence:  "停留时间延长至144小时（6天）"; one in twenty converts wrong

Document n is a function of (seed, n, size) alone, so any document can be
regenerated (or an edit of it made) without writing the others first, and the
same arguments give the same bytes on every run.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Subjects and units the seeds talk about; the figure is made up per place.
FIGURES = [
    ("新增建成铁路里程", "公里", (300, 900)),
    ("新建公共充电桩", "万个以上", (2, 12)),
    ("开通跨省通办服务点位", "个以上", (50, 400)),
    ("累计上线政务服务", "项以上", (80, 300)),
    ("签约合作项目", "个", (5, 40)),
    ("新组建产业链联盟", "个", (3, 20)),
    ("发布重点任务", "项", (60, 200)),
    ("协同创新指数达到", "分", (200, 420)),
]
PLACE_A = "东西南北中上下前后左右新老大小金银玉石"
PLACE_B = "山河湖海江城港湾岭原州县镇村桥塘"
FIRMS = "华宏光远恒信瑞安泰康嘉盛鼎新海川德润"
REPORTERS = ["章沁园", "李明", "王晓", "陈静", "刘洋", "赵磊"]
HEADLINES = ["发布年度实事项目清单", "一体化发展取得新进展", "重点工作稳步推进", "召开高质量发展大会"]

# English reports: made-up towns, the glossary's nouns, prose with no figure.
EN_A = ["East", "West", "North", "South", "New", "Old", "Green", "Stone", "Gold", "Silver", "Red", "Lake"]
EN_B = ["port", "field", "bridge", "haven", "ford", "wick", "ton", "bury", "dale", "mouth", "stead", "mere"]
EN_FIGURES = [
    ("added {v} kilometers of new railway lines this year", (300, 900)),
    ("will build more than {v} new public charging piles", (2000, 12000)),
    ("signed {v} cooperation projects at the forum", (5, 40)),
    ("set out {v} key tasks for the coming year", (60, 200)),
    ("now offers {v} government services online", (80, 300)),
]
EN_FILLER = [
    "Officials said the plan would make daily life easier for residents across the region.",
    "The projects cover transport, elderly care, health insurance and food safety.",
    "Local companies welcomed the move and said they would expand their investment.",
    "The forum brought together officials, business leaders and researchers.",
    "Residents can now handle many routine matters without travelling to another city.",
    "Analysts expect the measures to support growth in the coming years.",
    "The authorities promised to publish regular updates on the progress of the work.",
    "Several of the projects had been delayed by planning disputes, the report noted.",
]


def filler_sentences() -> list[str]:
    """Sentences from seeds/ with no figure in them (checked with the real extractor)."""
    from checker.extract import extract
    from checker.models import Document

    text = re.sub(r"\s+", "", "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))))
    candidates = [s + "。" for s in re.split(r"[。！？]", text) if 8 <= len(s) <= 80]
    return [s for s in candidates if not extract(Document(path="seed.txt", text=s, sha256="-")).claims]


def _growth(rng: random.Random) -> tuple[int, int, float, float]:
    """Start year, years, start and end score of a consistent growth figure."""
    start_year, years = rng.randint(2011, 2019), rng.randint(3, 5)
    start = round(rng.uniform(100, 200), 2)
    return start_year, years, start, round(start * rng.uniform(1.1, 2.5), 2)


class Corpus:
    """A deterministic synthetic corpus of `size` documents."""

    def __init__(self, size: int, seed: int = 7, filler: list[str] | None = None) -> None:
        self.size = size
        self.seed = seed
        self.rng = random.Random(seed)
        self.filler = filler if filler is not None else filler_sentences()
        places = [a + b for a in PLACE_A for b in PLACE_B]
        # About five documents per subject: corroborations and the odd conflict, never a giant group.
        subjects = max(50, size * 4 // 5)
        self.subjects = [
            (self.rng.choice(places) + self.rng.choice(places), FIGURES[i % len(FIGURES)])
            for i in range(subjects)
        ]
        self.values = [self.rng.randint(*fig[2]) for _, fig in self.subjects]
        towns = [a + b for a in EN_A for b in EN_B]
        # One report in ten is English, so fewer English subjects keep their groups as large.
        self.towns = [
            self.rng.choice(towns) + " " + self.rng.choice(["City", "County"])
            for _ in range(max(20, size // 25))
        ]
        self.growths = [_growth(random.Random(seed * 7919 + i)) for i in range(subjects)]

    def fact(self, index: int, rng: random.Random | None = None) -> str:
        """One sentence stating subject `index`'s figure (wrong one time in twenty)."""
        rng = rng or self.rng
        place, (noun, unit, _span) = self.subjects[index]
        value = self.values[index]
        if rng.random() < 0.05:
            value += rng.randint(1, 5)  # a report that got it wrong
        return f"{place}{noun}{value}{unit}。"

    def _extras(self, rng: random.Random) -> list[str]:
        """The growth, sum, list and unit sentences some reports carry."""
        out = []
        i = rng.randrange(len(self.subjects))
        place = self.subjects[i][0]
        wrong = rng.random() < 0.05
        if rng.random() < 0.3:
            year, years, start, end = self.growths[i]
            rate = ((end / start) ** (1 / years) - 1) * 100 + (3.0 if wrong else 0.0)
            out.append(
                f"{place}协同创新指数从{year}年的{start:.2f}分提高到{year + years}年的{end:.2f}分，"
                f"年均增速{rate:.2f}%。"
            )
        if rng.random() < 0.2:
            a, b = rng.randint(5, 20), rng.randint(2, 6)
            out.append(f"{place}此前已组建{a}个产业链联盟，加上此次授牌的{b}个联盟共有{a + b + wrong}个。")
        if rng.random() < 0.15:
            k = rng.randint(3, 6)
            firms = "、".join(rng.choice(FIRMS) + rng.choice(FIRMS) + "科技" for _ in range(k))
            out.append(f"{firms}{k + wrong}家{place}企业入选首批链主企业名单。")
        if rng.random() < 0.1:
            days = rng.randint(3, 10)
            out.append(f"{place}过境免签停留时间延长至{24 * days}小时（{days + wrong}天）。")
        return out

    def chinese(self, n: int, rng: random.Random) -> str:
        facts = [self.fact(rng.randrange(len(self.subjects)), rng) for _ in range(rng.randint(3, 6))]
        prose = rng.sample(self.filler, rng.randint(4, 8))
        body = facts + self._extras(rng) + prose
        rng.shuffle(body)
        place = self.subjects[rng.randrange(len(self.subjects))][0]
        dateline = f"本报讯（记者 {rng.choice(REPORTERS)}） {rng.randint(1, 12)}月{rng.randint(1, 28)}日，"
        return f"{place}{rng.choice(HEADLINES)}（第{n}号）\n{dateline}" + "\n".join(body) + "\n"

    def english(self, n: int, rng: random.Random) -> str:
        lines = []
        for _ in range(rng.randint(2, 4)):
            i = rng.randrange(len(self.towns))
            template, span = EN_FIGURES[i % len(EN_FIGURES)]
            value = random.Random(self.seed * 104729 + i).randint(*span)
            if rng.random() < 0.05:
                value += rng.randint(1, 5)
            lines.append(f"{self.towns[i]} {template.format(v=f'{value:,}')}.")
        lines += rng.sample(EN_FILLER, rng.randint(2, 4))
        rng.shuffle(lines)
        town = self.towns[rng.randrange(len(self.towns))]
        return f"{town} reports progress on regional projects (no. {n})\n\n" + "\n\n".join(lines) + "\n"

    def document(self, n: int) -> str:
        """Document n's text: the same for the same seed, size and n."""
        rng = random.Random(self.seed * 1_000_003 + n)
        return self.english(n, rng) if rng.random() < 0.1 else self.chinese(n, rng)

    @staticmethod
    def path(folder: Path, n: int) -> Path:
        return folder / f"batch{n // 1000:02d}" / f"report{n:06d}.txt"

    def write(self, folder: Path, start: int = 0, count: int | None = None) -> None:
        """Write documents start .. start+count-1 (all `size` by default) under `folder`."""
        end = start + (self.size if count is None else count)
        for n in range(start, end):
            target = self.path(folder, n)
            if n == start or n % 1000 == 0:
                target.parent.mkdir(parents=True, exist_ok=True)
            # os.write, not Path.write_text: a third of the time for 100,000 small files.
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                os.write(fd, self.document(n).encode("utf-8"))
            finally:
                os.close(fd)
