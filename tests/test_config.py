"""One stated precedence, a test for each adjacent pair:
flags > environment CHECKER_* > checker.toml > [tool.checker] in pyproject.toml > defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import Settings, load_settings
from checker.errors import ConfigError


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in list(__import__("os").environ):
        if name.startswith("CHECKER_"):
            monkeypatch.delenv(name)


def _pyproject(retention: int) -> None:
    Path("pyproject.toml").write_text(f"[tool.checker]\nretention = {retention}\n", encoding="utf-8")


def _toml(retention: int) -> None:
    Path("checker.toml").write_text(f"retention = {retention}\n", encoding="utf-8")


def test_defaults() -> None:
    s = load_settings()
    assert s.retention == 50
    assert s.store == Path(".checker/checker.db")
    assert s.reports == Path("reports")


def test_pyproject_over_defaults() -> None:
    _pyproject(7)
    assert load_settings().retention == 7


def test_checker_toml_over_pyproject() -> None:
    _pyproject(7)
    _toml(8)
    assert load_settings().retention == 8


def test_environment_over_checker_toml(monkeypatch: pytest.MonkeyPatch) -> None:
    _toml(8)
    monkeypatch.setenv("CHECKER_RETENTION", "9")
    assert load_settings().retention == 9


def test_flags_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_RETENTION", "9")
    assert load_settings(retention=10).retention == 10
    assert load_settings(retention=None).retention == 9  # an unset flag does not override


def test_unknown_key_is_a_clear_error() -> None:
    _toml(8)
    Path("checker.toml").write_text("retension = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="retension"):
        load_settings()


def test_bad_toml_is_a_clear_error() -> None:
    Path("checker.toml").write_text("retention = = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"checker\.toml"):
        load_settings()


def test_every_setting_is_documented_in_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"`{name}`" not in readme]
    assert not missing, f"settings not documented in README.md: {missing}"


def test_store_is_a_file_path_or_a_postgresql_url(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings(store="state/x.db").store == Path("state/x.db")
    monkeypatch.setenv("CHECKER_STORE", "postgresql://checker@db.example:5432/news")
    assert load_settings().store == "postgresql://checker@db.example:5432/news"
    with pytest.raises(ConfigError, match="mysql:// is not a store checker knows"):
        load_settings(store="mysql://u@h/db")
