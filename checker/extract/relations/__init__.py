"""Relations between the claims of one document: the second half of reading a text.

The claims of a document are placed in its flat text (`text.py`); each reader
finds one kind of relation there and names its claims by id:

| module | relation |
|---|---|
| `totals.py` | a total and its parts (共有/其中/分别/加上, of which) |
| `structure.py` | numbered sections with their counts, and headline totals beside a number of sections |
| `growth.py` | a start, an end and a stated rate or increase, with their years |
| `lists.py` | a count and the items it introduces |
| `restatements.py` | one quantity said in two units (brackets, 即, 合, 相当于) |

Rule kinds judge these relations; none of them reads document text.
"""

from __future__ import annotations

from checker.extract.relations.growth import growth
from checker.extract.relations.lists import lists
from checker.extract.relations.restatements import pairable, restatements
from checker.extract.relations.structure import structures
from checker.extract.relations.text import DocText
from checker.extract.relations.totals import totals
from checker.models import Claim, Relation


def relate(path: str, text: str, claims: list[Claim]) -> list[Relation]:
    """Every relation between `claims` that the text of their document states."""
    if not claims:
        return []
    doc = DocText(path, text, claims)
    found: list[Relation] = [*totals(doc), *structures(doc), *growth(doc), *lists(doc), *restatements(doc)]
    return found


__all__ = ["pairable", "relate"]
