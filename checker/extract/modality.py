"""Whether a figure is an outcome, a target or plan, or an estimate: clause, sentence and period.

- the figure's clause: 预计/估计 (expected, estimated) make an estimate; 力争,
  目标, 计划, 拟, 将, 要, 确保 (will, plans, aims) a target; 已, 累计, 完成, 实现
  (has, already, completed) an outcome marked as reached (实际 is not: 实际增长 is real growth);
- the sentence: a target frame ("今年……主要预期目标是：") makes every figure of
  its list a target, and a target word carries to the later clauses of its
  sentence ("今年要新增就业900万人，城镇登记失业率控制在4.6%") until an outcome
  word breaks it, and so does an estimate word;
- the period: a figure about a time after the document (明年, 到2030年 in a
  2024 report) cannot be an outcome.  Weak plan words (控制在, 安排) count only
  when the figure's period is not already over when the document was written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from checker.models import Modality, PartialDate, Period

_ESTIMATE_RE: Final[re.Pattern[str]] = re.compile(r"预计|估计|预测|预估|有望|可望")
_TARGET_RE: Final[re.Pattern[str]] = re.compile(
    r"力争|争取|力求|计划(?!经济|生育|单列|体制|管理|委员会|内|外|的|和|与)|目标|预期|(?<![重主需纪摘紧必只想])要(?![求素点么])|拟|确保|预定|努力(?:使|实现|达到)"
)
# A plan named at the head of a sentence makes its figures targets ("“七五”计划草案规定，……").
_PLAN_OPENING_RE: Final[re.Pattern[str]] = re.compile(
    r"计划(?:草案)?(?:规定|提出|要求)|规划(?:纲要)?(?:提出|规定|要求)"
)
_WEAK_TARGET_RE: Final[re.Pattern[str]] = re.compile(r"将(?!近)|控制在|安排|定为|确定为")
_ACHIEVED_RE: Final[re.Pattern[str]] = re.compile(r"已|累计|完成|实现")
_FRAME_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:目标|预期|计划|任务|安排|要求|指标)[^。；;:：]{0,10}?[:：]"
)
_EN_ESTIMATE_RE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:expected|estimated?|forecasts?|projected|likely|anticipated)\b", re.I
)
_EN_TARGET_RE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:will|plans?|planned|aims?|aimed|targets?|targeted|seeks?|strive|goal|pledged?)\b", re.I
)
_EN_ACHIEVED_RE: Final[re.Pattern[str]] = re.compile(r"\b(?:has|have|had|already|completed|achieved)\b", re.I)


def _future(period: Period, date: PartialDate | None) -> bool:
    """Whether the period starts after the document date (its whole precision)."""
    if date is None or period.start is None:
        return False
    return period.start[: len(date.iso())] > date.iso()


def _past(period: Period, date: PartialDate | None) -> bool:
    """Whether the period was over before the document's date."""
    if date is None or period.end is None:
        return False
    return period.end[: len(date.iso())] < date.iso()


@lru_cache(maxsize=4096)  # pure, on one clause; clauses recur (lists, boilerplate)
def clause_modality(clause: str, english: bool = False) -> Modality | None:
    """What the words of one clause say, or None when they say nothing."""
    estimate, target, achieved = (
        (_EN_ESTIMATE_RE, _EN_TARGET_RE, _EN_ACHIEVED_RE)
        if english
        else (_ESTIMATE_RE, _TARGET_RE, _ACHIEVED_RE)
    )
    if estimate.search(clause):
        return Modality.ESTIMATE
    if target.search(clause):
        return Modality.TARGET
    if achieved.search(clause):
        return Modality.ACHIEVED
    return None


class Modalities:
    """The modality of each figure of one text, in order (a target word carries within its sentence)."""

    def __init__(self, text: str, date: PartialDate | None) -> None:
        self.text = text
        self.date = date
        self._target_sentence = -1
        self._estimate_sentence = -1

    def of(
        self, start: int, clause_start: int, sent_start: int, period: Period, english: str | None
    ) -> Modality:
        """The modality of the figure at `start`; `english` is its English clause, if it is English."""
        clause = english if english is not None else self.text[clause_start:start]
        said = clause_modality(clause, english is not None)
        if said is None and english is None and not _past(period, self.date):
            said = Modality.TARGET if _WEAK_TARGET_RE.search(clause) else None
        if said is Modality.TARGET:
            self._target_sentence = sent_start
        elif said is not None:
            if said is Modality.ACHIEVED:
                self._target_sentence = self._estimate_sentence = -1
            elif said is Modality.ESTIMATE:
                self._estimate_sentence = sent_start
            return said
        elif (
            self._target_sentence == sent_start
            or _FRAME_RE.search(self.text, sent_start, start)
            or (english is None and _PLAN_OPENING_RE.search(self.text, sent_start, clause_start))
        ):
            # "“七五”计划草案规定，五年内……增长百分之三十八": the plan word opens the sentence.
            said = Modality.TARGET
        elif self._estimate_sentence == sent_start:
            # "一九八二年预计同一九八○年比较，棉花增长……": an estimate word carries within its sentence.
            said = Modality.ESTIMATE
        if said is None and _future(period, self.date):
            said = Modality.TARGET
        return said or Modality.REPORTED
