"""What a process keeps from one run to the next of what it made of a model: the key it is kept by.

A process that makes many runs (the watch service) writes after each change a
report whose models are mostly the last run's, or equal to them; their JSON
and the digests made of it are kept (models/reportjson.py, report/docpages.py)
by a `Shape`'s key: every field a model's JSON shows, by value, except lists
of frozen models (the claims a finding quotes), which are named by identity.
A kept entry holds those models, so no other object can take their ids while
it is kept: an equal key is the same models and the same values, and gives
the same bytes.

Before the key, a model may be known by identity (`Same`): the same object
whose fields still hold the objects they held is the same JSON, found with no
key made (a key costs microseconds, and a report at 10,000 documents holds
48,000 models, nearly all the last run's objects).

A field the key cannot hold safely makes the model's class unkept (`shape_of`
gives None): a float (0.0 and -0.0 are equal and print apart), a model outside
a list, anything else it does not know; so do extra and computed fields.
"""

from __future__ import annotations

import operator
import types
from collections.abc import Collection, Hashable
from enum import Enum
from functools import cache
from operator import itemgetter
from typing import Any, Generic, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

_SCALARS: tuple[type, ...] = (str, int, bool, type(None))
V = TypeVar("V")


def _scalar(annotation: Any) -> bool:
    """Whether a field of this type is held by value: strings, ints, booleans, None, enums, literals."""
    origin = get_origin(annotation)
    if origin is Literal:
        return all(isinstance(a, str | int | bool) for a in get_args(annotation))
    if origin in (Union, types.UnionType):
        return all(_scalar(a) for a in get_args(annotation))
    if annotation is float:
        return False
    return annotation in _SCALARS or (isinstance(annotation, type) and issubclass(annotation, Enum))


def _frozen(annotation: Any) -> bool:
    return (
        isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
        and bool(annotation.model_config.get("frozen"))
    )


class Shape:
    """A model class's key: its fields by value, its lists of frozen models by identity.

    For models of exactly that class (a subclass may have fields the key does not hold).
    """

    def __init__(
        self, values: list[str], strings: list[str], held: list[str], nested: list[tuple[str, Shape]]
    ) -> None:
        self._values = itemgetter(*values) if values else None
        self._strings, self._held, self._nested = strings, held, nested
        self.fields = {*values, *strings, *held, *(n for n, _ in nested)}

    def key(self, model: BaseModel) -> tuple[Hashable, ...]:
        """What decides the model's JSON; equal only for models that give the same bytes (see `held`)."""
        d = model.__dict__
        return (
            type(model),
            self._values(d) if self._values is not None else None,
            *[tuple(d[n]) for n in self._strings],
            *[tuple(map(id, d[n])) for n in self._held],
            *[tuple(s.key(m) for m in d[n]) for n, s in self._nested],
        )

    def held(self, model: BaseModel) -> tuple[object, ...]:
        """The models the key names by identity: whatever keeps a key must keep these alive with it."""
        d = model.__dict__
        return tuple(m for n in self._held for m in d[n])


@cache
def shape_of(cls: type[BaseModel], leave: frozenset[str] = frozenset()) -> Shape | None:
    """The key of `cls` over its fields but `leave`, or None where a field cannot be held safely."""
    values: list[str] = []
    strings: list[str] = []
    held: list[str] = []
    nested: list[tuple[str, Shape]] = []
    for name, info in cls.model_fields.items():
        if name in leave:
            continue
        annotation = info.annotation
        (item,) = get_args(annotation) if get_origin(annotation) is list else (None,)
        if _scalar(annotation):
            values.append(name)
        elif item is str:
            strings.append(name)
        elif _frozen(item):
            held.append(name)
        elif isinstance(item, type) and issubclass(item, BaseModel) and (inner := shape_of(item)) is not None:
            if inner._held:  # its models would have to be held as well: not worth the code
                return None
            nested.append((name, inner))
        else:
            return None
    if cls.model_config.get("extra") == "allow" or cls.model_computed_fields:
        return None  # in its JSON, and in no key
    return Shape(values, strings, held, nested)


class Recent(Generic[V]):
    """Values by key, from this run and the last: `turn` at the end of a run forgets what it did not use."""

    def __init__(self) -> None:
        self._last: dict[Hashable, V] = {}
        self._now: dict[Hashable, V] = {}

    def get(self, key: Hashable) -> V | None:
        """The value kept for `key` (kept on for this run), or None."""
        hit = self._now.get(key)
        if hit is None and (hit := self._last.get(key)) is not None:
            self._now[key] = hit
        return hit

    def peek(self, key: Hashable) -> V | None:
        """The value kept for `key`, or None; kept on for no longer than it was."""
        hit = self._now.get(key)
        return hit if hit is not None else self._last.get(key)

    def put(self, key: Hashable, value: V) -> None:
        self._now[key] = value

    def turn(self) -> None:
        """A run is done: the next one keeps what it used, no more."""
        self._last, self._now = self._now, {}

    def __len__(self) -> int:
        return len(self._now) + len(self._last.keys() - self._now.keys())


def snapshot(model: BaseModel) -> tuple[object, ...]:
    """The objects a model's fields hold now (for `unchanged`)."""
    return tuple(model.__dict__.values())


def same_objects(before: Collection[object], now: Collection[object]) -> bool:
    """Whether `now` holds the very objects `before` held, in the same order."""
    return len(before) == len(now) and all(map(operator.is_, before, now))


def unchanged(model: BaseModel, fields: tuple[object, ...]) -> bool:
    """Whether each of the model's fields still holds the object its `snapshot` saw."""
    return same_objects(fields, model.__dict__.values())


class Same(Generic[V]):
    """Values by model identity, from this run and the last: `turn` at the end of a run forgets the unused.

    A model is the same while each of its fields holds the object it held when the value was put: a field
    assigned since (a finding's status set by tracking) makes it another.  A frozen model's fields are never
    assigned, so it is the same while it is the same object (no fields compared: 34,000 of the 48,000 models
    of a report at 10,000 documents).  A list a field holds is not looked into: report models are never
    changed inside their lists once made.  An entry holds its model, so no other object can take its id
    while it is kept.
    """

    def __init__(self) -> None:
        self._recent: Recent[tuple[BaseModel, tuple[object, ...] | None, V]] = Recent()

    def get(self, model: BaseModel) -> V | None:
        """The value put for this very model, its fields unchanged (kept on for this run), or None."""
        return self._check(self._recent.get(id(model)), model)

    def peek(self, model: BaseModel) -> V | None:
        """`get`, keeping the entry for no longer than it was."""
        return self._check(self._recent.peek(id(model)), model)

    def put(self, model: BaseModel, value: V) -> None:
        self._recent.put(id(model), (model, None if _frozen(type(model)) else snapshot(model), value))

    def turn(self) -> None:
        self._recent.turn()

    def __len__(self) -> int:
        return len(self._recent)

    @staticmethod
    def _check(hit: tuple[BaseModel, tuple[object, ...] | None, V] | None, model: BaseModel) -> V | None:
        if hit is None or hit[0] is not model:
            return None
        return hit[2] if hit[1] is None or unchanged(model, hit[1]) else None
