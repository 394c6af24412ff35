"""Relations between the claims of one document, as the extractor reads them; they name claims by id."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from checker.models.claims import Claim


class Part(BaseModel):
    """A part of a total: a claim, counted `times` times ("上海、江苏、浙江各1个" counts 3 times)."""

    model_config = ConfigDict(frozen=True)

    claim: str
    times: int = Field(default=1, ge=1)


class TotalRelation(BaseModel):
    """Parts that the text says add up to a total.

    `sum`: parts joined by 加上/和/、/plus before a marked total ("14个……加上5个联盟共有19个");
    `breakdown`: a marked total, then 其中/分别/of which and its parts.  `restated`
    are other totals of the same noun in the document that must equal it too.
    """

    model_config = ConfigDict(frozen=True)

    type: Literal["total"] = "total"
    path: str
    shape: Literal["sum", "breakdown"]
    totals: list[str]
    parts: list[Part]
    restated: list[str] = Field(default_factory=list)
    noun: str = ""


class Section(BaseModel):
    """A numbered section and the count it states ("九、着力提升安全发展能力 / 共有13项重点任务")."""

    model_config = ConfigDict(frozen=True)

    number: int
    heading: str
    claim: str


class SectionsRelation(BaseModel):
    """Numbered sections, each with its own count, and the document's headline total(s) of that noun.

    `stated_sections` are figures saying how many sections there are ("九个方面").
    `unit` is the unit key the counts share.
    """

    model_config = ConfigDict(frozen=True)

    type: Literal["sections"] = "sections"
    path: str
    noun: str
    unit: str
    sections: list[Section]
    totals: list[str] = Field(default_factory=list)
    stated_sections: list[str] = Field(default_factory=list)


class HeadlineRelation(BaseModel):
    """A headline total stated beside a number of sections ("九个方面，共165项重点任务").

    Another report's numbered sections of the same noun are held to it.
    """

    model_config = ConfigDict(frozen=True)

    type: Literal["headline"] = "headline"
    path: str
    total: str
    noun: str
    unit: str
    stated_sections: list[str] = Field(
        default_factory=list, description="the figures saying how many sections"
    )


class GrowthRelation(BaseModel):
    """A start, an end and a stated rate or increase between them.

    `measure` is `annual` (年均, average annual) or `change` (增长, 提高, up).
    `start` is None when the start figure is in another report: the rule looks
    up the same fact's figure for `start_year` there.  `difference` is a stated
    increase between the two ("新增2978公里").
    """

    model_config = ConfigDict(frozen=True)

    type: Literal["growth"] = "growth"
    path: str
    measure: Literal["annual", "change"]
    rate: str | None = None
    down: bool = False
    start: str | None = None
    end: str
    start_year: int | None = None
    end_year: int | None = None
    difference: str | None = None
    difference_down: bool = False
    subject: str = ""


class ListRelation(BaseModel):
    """A count and the items it introduces ("9家企业：A、B、…", "5个联盟分别是：A；B；…")."""

    model_config = ConfigDict(frozen=True)

    type: Literal["list"] = "list"
    path: str
    count: str
    items: list[str]
    open_ended: bool = Field(default=False, description="等 or 包括: the list need not be complete")
    noun: str = ""


class Restatement(BaseModel):
    """One quantity said twice in different units ("144小时（6天）", 即, 合, 相当于, "or")."""

    model_config = ConfigDict(frozen=True)

    type: Literal["restatement"] = "restatement"
    path: str
    stated: str
    restated: str
    how: Literal["restated", "nearby"] = "restated"


Relation = Annotated[
    TotalRelation | SectionsRelation | HeadlineRelation | GrowthRelation | ListRelation | Restatement,
    Field(discriminator="type"),
]


def relation_claims(relation: Relation) -> list[str]:
    """The ids of every claim a relation names."""
    if isinstance(relation, TotalRelation):
        return [*relation.totals, *(p.claim for p in relation.parts), *relation.restated]
    if isinstance(relation, SectionsRelation):
        return [*(s.claim for s in relation.sections), *relation.totals, *relation.stated_sections]
    if isinstance(relation, HeadlineRelation):
        return [relation.total, *relation.stated_sections]
    if isinstance(relation, GrowthRelation):
        ids = [relation.start, relation.end, relation.rate, relation.difference]
        return [i for i in ids if i is not None]
    if isinstance(relation, ListRelation):
        return [relation.count]
    return [relation.stated, relation.restated]


class Extraction(BaseModel):
    """What extraction gives for one document: its claims and the relations between them."""

    claims: list[Claim] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
