"""The safe formula evaluator: arithmetic only, nothing else from a file ever runs."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.rules.evaluator import FormulaError, compile_formula

GROWTH = {"start", "end", "years"}


def test_the_growth_formulas() -> None:
    cagr = compile_formula("(end / start) ** (1 / years) - 1", GROWTH)
    assert cagr(start=159.24, end=409.89, years=5) == pytest.approx(0.208156, abs=1e-6)
    change = compile_formula("(end - start) / start", GROWTH)
    assert change(start=9868, end=12846, years=0) == pytest.approx(0.30178, abs=1e-5)


def test_functions_unary_minus_and_modulo() -> None:
    f = compile_formula("-abs(start) + max(end, 2) % 3 + sqrt(4) + log(exp(1)) + min(1, 2)", GROWTH)
    assert f(start=2, end=5, years=1) == pytest.approx(-2 + 2 + 2 + 1 + 1)
    assert f.variables == {"start", "end"}


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("__import__('os').system('true')", "only these functions"),
        ("start.__class__", "Attribute"),
        ("open('x')", "only these functions"),
        ("[1, 2]", "List"),
        ("'a' * 3", "only numbers"),
        ("lambda: 1", "Lambda"),
        ("start if end else years", "IfExp"),
        ("start < end", "Compare"),
        ("total + 1", "unknown name 'total'"),
        ("start +", "not a formula"),
        ("1 // 2", "FloorDiv"),
        ("True + 1", "only numbers"),
        ("abs(x=1)", "only these functions"),
        ("+".join(["start"] * 200), "formula"),
    ],
)
def test_anything_but_arithmetic_is_refused(text: str, why: str) -> None:
    with pytest.raises(FormulaError, match=why):
        compile_formula(text, GROWTH)


def test_evaluation_errors_are_formula_errors() -> None:
    with pytest.raises(FormulaError):
        compile_formula("end / start", GROWTH)(start=0, end=1)
    with pytest.raises(FormulaError):
        compile_formula("10 ** 10 ** 10", GROWTH)()
    with pytest.raises(FormulaError, match="no value for end"):
        compile_formula("end", GROWTH)(start=1)
    with pytest.raises(FormulaError, match="no real finite result"):
        compile_formula("start ** 0.5", GROWTH)(start=-1)


@given(st.floats(1, 1e6), st.floats(1, 1e6), st.integers(1, 50))
def test_matches_python_arithmetic(start: float, end: float, years: int) -> None:
    f = compile_formula("(end / start) ** (1 / years) - 1", GROWTH)
    assert math.isclose(f(start=start, end=end, years=years), (end / start) ** (1 / years) - 1)
