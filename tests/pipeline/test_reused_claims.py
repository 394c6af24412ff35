"""A changed document's claims and relations that equal the last run's are the last run's objects.

checker/loading.py `_as_before`: what was judged of them is then known by identity (rules/base.py
`Recall`), so an edit to one sentence of a report in a large component judges that sentence again, not
the component.  Not when the document's date changed: a claim's period and a revision are judged
against it.
"""

from __future__ import annotations

from pathlib import Path

from checker.incremental import memo_for
from tests.incremental.inc_kept import checker_of, findings_shape, fresh_shape


def test_a_sentence_added_leaves_the_other_claims_and_relations_as_they_were(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    report = folder / "a.txt"
    report.write_text("长三角此前已组建14个产业链联盟，加上此次授牌的5个联盟共有19个。\n", encoding="utf-8")
    (folder / "b.txt").write_text("新增建成铁路里程660公里。\n", encoding="utf-8")
    service = checker_of(tmp_path, "service", carry=True)
    service.run([folder])
    held = memo_for(service.store).documents[str(report)]
    claims, relations = list(held.claims), list(held.relations)
    assert len(claims) == 3 and relations
    report.write_text(report.read_text(encoding="utf-8") + "新增建成铁路里程680公里。\n", encoding="utf-8")
    after = service.run([folder], only=[report]).report
    now = memo_for(service.store).documents[str(report)]
    assert [c is o for c, o in zip(now.claims, claims, strict=False)] == [True, True, True]
    assert len(now.claims) == 4 and now.claims[3] not in claims
    assert all(any(r is o for o in relations) for r in now.relations)
    assert findings_shape(after) == fresh_shape(tmp_path, folder)
    assert any(not f.passed and "680公里" in [c.text for c in f.claims] for f in after.findings), (
        "680 is held up"
    )
    service.close()


def test_a_document_dated_again_is_judged_again(tmp_path: Path) -> None:
    """The same text, a new date: a revision three years later becomes a disagreement a week apart."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("2004年国内生产总值13.65万亿元。\n", encoding="utf-8")
    (folder / "b.txt").write_text("2004年国内生产总值15.99万亿元。\n", encoding="utf-8")
    (folder / "a.txt.meta.yml").write_text("date: 2005-03-05\n", encoding="utf-8")
    (folder / "b.txt.meta.yml").write_text("date: 2008-03-05\n", encoding="utf-8")
    service = checker_of(tmp_path, "service", carry=True)
    first = service.run([folder]).report
    assert [f.message.split(":")[0] for f in first.findings if f.rule == "agree"] == ["Revised"]
    (folder / "b.txt.meta.yml").write_text("date: 2005-03-12\n", encoding="utf-8")
    after = service.run([folder]).report
    assert [f.message.split(" on ")[0] for f in after.findings if f.rule == "agree"] == ["Reports disagree"]
    assert findings_shape(after) == fresh_shape(tmp_path, folder)
    service.close()


def test_a_component_the_edit_left_as_it_was_is_not_evaluated_again(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    report = folder / "a.txt"
    report.write_text("长三角此前已组建14个产业链联盟，加上此次授牌的5个联盟共有19个。\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "江苏此前已组建10个产业链联盟，加上此次授牌的3个联盟共有13个。\n", encoding="utf-8"
    )
    (folder / "c.txt").write_text("新增建成铁路里程660公里。\n", encoding="utf-8")
    for n in range(4):  # a change to more than a quarter of the documents splits them all again
        (folder / f"z{n}.txt").write_text(f"全市共有{30 + n}所学校。\n", encoding="utf-8")
    service = checker_of(tmp_path, "service", carry=True)
    service.run([folder])
    memo = memo_for(service.store)
    first = memo.documents[str(report)].claims[0]
    component = memo.regions.component_of()[first.ident]
    assert len({c.path for c in component}) == 2, "the sums of both reports are one component"
    report.write_text(report.read_text(encoding="utf-8") + "新增建成铁路里程680公里。\n", encoding="utf-8")
    after = service.run([folder], only=[report]).report
    assert memo.regions.component_of()[first.ident] is component, "the sums' component is carried"
    # Judged again: the edited report's own checks, and the railway's component it joined.
    assert memo.evaluated == 2
    assert findings_shape(after) == fresh_shape(tmp_path, folder)
    service.close()
