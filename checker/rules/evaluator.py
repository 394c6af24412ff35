"""A safe evaluator for the small formulas rule files may hold ("(end / start) ** (1 / years) - 1").

Nothing read from a file is ever passed to eval: the formula is parsed with
`ast` and only a whitelist of nodes is accepted (numbers, named variables,
+ - * / ** %, unary minus, a few math functions).  Every number is a float,
so a huge power overflows at once instead of building a giant integer.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

MAX_LENGTH = 300
MAX_NODES = 100

_BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
    ast.Mod: operator.mod,
}
_UNARY: dict[type[ast.unaryop], Callable[[float], float]] = {ast.USub: operator.neg, ast.UAdd: operator.pos}
FUNCTIONS: dict[str, Callable[..., float]] = {
    "abs": abs,
    "min": min,
    "max": max,
    "sqrt": math.sqrt,
    "log": math.log,
    "exp": math.exp,
}


class FormulaError(ValueError):
    """A formula that is not allowed, or that cannot be evaluated with the given values."""


@dataclass(frozen=True)
class Formula:
    """A checked arithmetic expression over named variables."""

    text: str
    variables: frozenset[str]
    _tree: ast.Expression

    def __call__(self, **values: float) -> float:
        missing = self.variables - values.keys()
        if missing:
            raise FormulaError(f"no value for {', '.join(sorted(missing))}")
        try:
            result = _eval(self._tree.body, values)
        except (ArithmeticError, ValueError, TypeError) as exc:
            raise FormulaError(f"{self.text}: {exc}") from exc
        if isinstance(result, complex) or not math.isfinite(result):
            raise FormulaError(f"{self.text}: no real finite result")
        return float(result)


# Sample values a formula is tried with when it is loaded: positive, growing and
# shrinking, small and large.  A formula that fails on every one of them can
# never give a result, and would switch its rule off without a word.
TRIALS: tuple[tuple[float, float, float], ...] = ((100.0, 121.0, 2.0), (250.0, 200.0, 3.0), (1.5, 7.25, 5.0))


def compile_formula(text: str, allowed: Mapping[str, object] | frozenset[str] | set[str]) -> Formula:
    """Parse and check `text`; raise FormulaError naming what is not allowed or cannot be evaluated."""
    return _compiled(text, frozenset(allowed))


@lru_cache(maxsize=256)
def _compiled(text: str, allowed: frozenset[str]) -> Formula:
    formula = _parse(text, allowed)
    _try(formula, sorted(allowed))
    return formula


def _try(formula: Formula, names: list[str]) -> None:
    """Raise FormulaError when the formula fails on every sample (see TRIALS)."""
    failures: list[str] = []
    for trial in TRIALS:
        values = {name: trial[i % len(trial)] for i, name in enumerate(names)}
        try:
            formula(**values)
            return
        except FormulaError as exc:
            failures.append(str(exc).removeprefix(f"{formula.text}: "))
    raise FormulaError(
        f"cannot be evaluated: {failures[0]} (with every sample value tried); correct the formula"
    )


def _parse(text: str, allowed: frozenset[str]) -> Formula:
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"formula longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"not a formula: {exc.msg}") from None
    names = set(allowed)
    used: set[str] = set()
    count = 0
    for node in ast.walk(tree):
        count += 1
        if count > MAX_NODES:
            raise FormulaError(f"formula with more than {MAX_NODES} parts")
        if isinstance(node, ast.Name):
            if node.id in FUNCTIONS:
                continue
            if node.id not in names:
                raise FormulaError(f"unknown name '{node.id}' (use {', '.join(sorted(names))})")
            used.add(node.id)
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
                raise FormulaError(f"only these functions may be called: {', '.join(FUNCTIONS)}")
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, bool) or not isinstance(node.value, int | float):
                raise FormulaError(f"only numbers may be written, not {node.value!r}")
        elif isinstance(node, ast.BinOp | ast.UnaryOp):
            if type(node.op) not in _BINARY and type(node.op) not in _UNARY:
                raise FormulaError(f"'{type(node.op).__name__}' is not allowed in a formula")
        elif not isinstance(node, ast.Expression | ast.Load | ast.operator | ast.unaryop):
            raise FormulaError(f"'{type(node).__name__}' is not allowed in a formula")
    return Formula(text=text, variables=frozenset(used), _tree=tree)


def _eval(node: ast.expr, values: Mapping[str, float]) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.Name):
        return float(values[node.id])
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_eval(node.left, values), _eval(node.right, values))
    if isinstance(node, ast.UnaryOp):
        return _UNARY[type(node.op)](_eval(node.operand, values))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return float(FUNCTIONS[node.func.id](*(_eval(a, values) for a in node.args)))
    raise FormulaError(f"'{type(node).__name__}' is not allowed in a formula")
