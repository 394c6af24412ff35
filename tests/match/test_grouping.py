"""Grouping and the agree assessment on hand-built claims (independent of the extractor)."""

from __future__ import annotations

from checker.match import assess, group_claims
from checker.models import Bound, Claim, Interval, Period, PeriodKind

_offsets: dict[str, int] = {}


def claim(
    path: str,
    value: float,
    subject: str,
    *,
    unit: str = "count",
    measure: str | None = "个",
    bound: Bound = Bound.EQ,
    lower: float | None = None,
    upper: float | None = None,
    upper_closed: bool = True,
    lower_closed: bool = True,
    year: int | None = None,
    qualifiers: tuple[str, ...] = (),
) -> Claim:
    offset = _offsets.get(path, 0)
    _offsets[path] = offset + 10
    if lower is None and upper is None and bound is Bound.EQ:
        lower, upper = value - 0.5, value + 0.5
    return Claim(
        path=path,
        line=offset // 10 + 1,
        column=1,
        end_line=offset // 10 + 1,
        end_column=5,
        offset=offset,
        end=offset + 4,
        text=f"{value:g}",
        value=value,
        unit=unit,
        measure=measure,
        bound=bound,
        interval=Interval(lower=lower, upper=upper, lower_closed=lower_closed, upper_closed=upper_closed),
        subject=subject,
        year=year,
        period=Period(start=f"{year}-01-01", end=f"{year}-12-31", kind=PeriodKind.SPAN) if year else Period(),
        qualifiers=list(qualifiers),
    )


def at_least(path: str, value: float, subject: str, **kw: object) -> Claim:
    return claim(path, value, subject, bound=Bound.GE, lower=value, **kw)  # type: ignore[arg-type]


def test_suffix_subjects_group_across_documents() -> None:
    facts = group_claims(
        [
            claim("a.txt", 660, "长三角地区新增建成铁路里程", unit="km", measure=None),
            claim("b.txt", 660, "新增建成铁路里程", unit="km", measure=None),
            claim("c.txt", 660, "沪苏浙皖新增建成铁路里程", unit="km", measure=None),
        ]
    )
    assert len(facts) == 1
    assert facts[0].documents == ["a.txt", "b.txt", "c.txt"]
    assert assess(facts[0]).status == "corroborated"


def test_a_prefix_that_narrows_the_subject_is_another_fact() -> None:
    facts = group_claims(
        [
            claim("a.txt", 8, "总产值增长", unit="percent", measure=None),
            claim("b.txt", 12, "轻纺工业总产值增长", unit="percent", measure=None),
        ]
    )
    assert len(facts) == 2


def test_light_and_ambiguous_subjects_never_make_one_fact_of_two_documents() -> None:
    light = group_claims([claim("a.txt", 4, "问题"), claim("b.txt", 2, "问题")])
    assert [len(f.documents) for f in light] == [1, 1]
    many = [claim(p, v, "学生") for p in ("a.txt", "b.txt") for v in (10, 20, 30)]
    assert all(len(f.documents) == 1 for f in group_claims(many))


def test_measure_words_keep_look_alikes_apart() -> None:
    facts = group_claims(
        [
            at_least("a.txt", 200, "服务点位", measure="个"),
            at_least("b.txt", 200, "服务点位", measure="项"),
        ]
    )
    assert len(facts) == 2


def test_shared_suffix_that_is_not_a_whole_subject_does_not_merge() -> None:
    facts = group_claims(
        [at_least("a.txt", 70000, "新建公共充电桩"), at_least("b.txt", 600000, "累计公共充电桩")]
    )
    assert len(facts) == 2


def test_qualifiers_and_years_split_facts() -> None:
    facts = group_claims(
        [
            claim("a.txt", 320, "重点任务", measure="项", qualifiers=("第一轮",)),
            claim("a.txt", 217, "重点任务", measure="项", qualifiers=("第二轮",)),
            claim("b.txt", 217, "重点任务", measure="项", qualifiers=("第二轮",)),
            claim("b.txt", 4000, "铁路通车里程", unit="km", measure=None, year=2018),
            claim("c.txt", 7100, "铁路通车里程", unit="km", measure=None, year=2024),
        ]
    )
    statuses = sorted(assess(f).status for f in facts)
    assert statuses == ["corroborated", "single", "single", "single"]


def test_conflict_between_documents() -> None:
    facts = group_claims(
        [
            claim("a.txt", 660, "新增建成铁路里程", unit="km", measure=None),
            claim("b.txt", 680, "新增建成铁路里程", unit="km", measure=None),
            claim("c.txt", 660, "新增建成铁路里程", unit="km", measure=None),
        ]
    )
    result = assess(facts[0])
    assert result.status == "conflict"
    assert [[c.path for c in camp] for camp in result.camps] == [["a.txt", "c.txt"], ["b.txt"]]


def test_nearly_does_not_agree_with_at_least() -> None:
    near = claim(
        "b.txt", 70000, "新建公共充电桩", bound=Bound.APPROX, lower=63000, upper=70000, upper_closed=False
    )
    facts = group_claims([at_least("a.txt", 70000, "新建公共充电桩"), near])
    assert assess(facts[0]).status == "conflict"


def test_more_than_agrees_with_at_least() -> None:
    more = claim("b.txt", 70000, "新建公共充电桩", bound=Bound.GT, lower=70000, lower_closed=False)
    facts = group_claims([at_least("a.txt", 70000, "新建公共充电桩"), more])
    assert assess(facts[0]).status == "corroborated"


def test_same_direction_bounds_with_different_figures_are_disputed() -> None:
    facts = group_claims(
        [at_least("a.txt", 600000, "累计公共充电桩"), at_least("b.txt", 500000, "累计公共充电桩")]
    )
    assert assess(facts[0]).status == "disputed"


def test_document_with_several_figures_corroborates_but_never_contradicts() -> None:
    # a.txt counts 19 alliances in all and 14 built earlier under the same subject.
    facts = group_claims(
        [
            claim("a.txt", 19, "产业链联盟"),
            claim("a.txt", 14, "产业链联盟"),
            claim("b.txt", 19, "产业链联盟"),
        ]
    )
    result = assess(facts[0])
    assert result.status == "corroborated"
    assert {c.value for c in result.agreeing} == {19}


def test_short_generic_subjects_stay_single() -> None:
    facts = group_claims([claim("a.txt", 5, "项"), claim("b.txt", 7, "项")])
    assert all(assess(f).status == "single" for f in facts)


def test_units_of_one_dimension_compare_through_pint() -> None:
    km = claim("a.txt", 660, "新增建成铁路里程", unit="km", measure=None)
    metres = claim("b.txt", 660000, "新增建成铁路里程", unit="m", measure=None, lower=659500, upper=660500)
    wrong = claim("c.txt", 680000, "新增建成铁路里程", unit="m", measure=None, lower=679500, upper=680500)
    facts = group_claims([km, metres])
    assert len(facts) == 1 and assess(facts[0]).status == "corroborated"
    result = assess(group_claims([km, wrong])[0])
    assert result.status == "conflict"
    assert {c.unit for camp in result.camps for c in camp} == {"km", "m"}  # quoted as written


def test_percent_and_bare_ratio_never_group() -> None:
    facts = group_claims(
        [
            claim("a.txt", 1.9, "车桩比", unit="ratio", measure=None),
            claim("b.txt", 1.9, "车桩比", unit="percent", measure=None),
        ]
    )
    assert len(facts) == 2


def test_one_dissenting_report_among_many() -> None:
    many = [claim(f"r{i}.txt", 660, "新增建成铁路里程", unit="km", measure=None) for i in range(300)]
    many.append(claim("odd.txt", 680, "新增建成铁路里程", unit="km", measure=None))
    result = assess(group_claims(many)[0])
    assert result.status == "conflict"
    assert [len(camp) for camp in result.camps] == [300, 1]
    assert result.camps[1][0].path == "odd.txt"
