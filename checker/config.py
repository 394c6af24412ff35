"""Settings: one model, one precedence.

flags > environment (CHECKER_*) > checker.toml > [tool.checker] in pyproject.toml > defaults.
Both files are looked for in the working directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    PyprojectTomlConfigSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from checker.errors import ConfigError
from checker.executors import ExecutorKind
from checker.models import Severity
from checker.sources.discover import DEFAULT_EXCLUDE, DEFAULT_INCLUDE


class Settings(BaseSettings):
    """Every setting checker reads.  Documented in README.md (a test keeps them in step)."""

    model_config = SettingsConfigDict(
        env_prefix="CHECKER_",
        extra="forbid",
        toml_file="checker.toml",
        pyproject_toml_table_header=("tool", "checker"),
        validate_default=True,
    )

    store: Path | str = Field(
        default=Path(".checker/checker.db"),
        description="SQLite store file, or a PostgreSQL database as postgresql://USER@HOST:PORT/DB",
    )
    reports: Path = Field(default=Path("reports"), description="folder the reports are written to")
    rules: list[Path] = Field(default_factory=lambda: [Path("rules")], description="rule files or folders")
    include: list[str] = Field(
        default_factory=lambda: list(DEFAULT_INCLUDE), description="file globs to check"
    )
    exclude: list[str] = Field(
        default_factory=lambda: list(DEFAULT_EXCLUDE), description="globs never checked"
    )
    select: list[str] = Field(default_factory=list, description="run only these rule ids (empty: all)")
    ignore: list[str] = Field(default_factory=list, description="never run these rule ids")
    severity: dict[str, Severity] = Field(default_factory=dict, description="rule id → severity override")
    baseline: Path | None = Field(
        default=None, description="accepted-findings file (default: beside the corpus)"
    )
    retention: int = Field(default=50, ge=1, description="how many past runs to keep under reports/runs/")
    debounce_ms: int = Field(default=300, ge=10, description="watch: changes within this window make one run")
    reconcile_minutes: float = Field(default=10.0, gt=0, description="watch: full reconcile period")
    follow_outside_links: bool = Field(
        default=False, description="read symlinks whose target lies outside the checked folders"
    )
    polling: bool = Field(default=False, description="watch: poll the file system instead of kernel events")
    executor: ExecutorKind = Field(
        default="serial", description="where extraction runs: serial, processes (--jobs) or dask"
    )
    jobs: int | None = Field(
        default=None, ge=1, description="extraction processes or LocalCluster workers (default: cores)"
    )
    dask_scheduler: str | None = Field(
        default=None, description="Dask scheduler tcp://HOST:PORT (default: a LocalCluster per run)"
    )
    lease_seconds: float = Field(
        default=30.0, ge=2, description="watch on PostgreSQL: a silent watcher's lease on its folders expires"
    )
    log_file: Path | None = Field(default=Path(".checker/checker.log"), description="rotating log file")
    log_json: bool = Field(default=False, description="log as JSON lines for log collectors")

    @field_validator("store", mode="before")
    @classmethod
    def _store_location(cls, value: object) -> object:
        """A URL stays a string (PostgreSQL); anything else is a file path (SQLite)."""
        if isinstance(value, str):
            if "://" not in value:
                return Path(value)
            if not value.startswith(("postgresql://", "postgres://")):
                raise ValueError(
                    f"{value.split('://')[0]}:// is not a store checker knows; "
                    "give a SQLite file path or postgresql://USER@HOST:PORT/DB"
                )
        return value

    @model_validator(mode="after")
    def _scheduler_needs_dask(self) -> Settings:
        if self.dask_scheduler and self.executor != "dask":
            raise ValueError("dask_scheduler is set but executor is not dask; add --executor dask")
        return self

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls),
            PyprojectTomlConfigSettingsSource(settings_cls),
        )


def load_settings(**overrides: Any) -> Settings:
    """Settings with command-line overrides on top; None overrides are ignored."""
    given = {k: v for k, v in overrides.items() if v is not None and v not in ((), [])}
    try:
        return Settings(**given)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(
            f"invalid configuration ({problems}); check the flags, CHECKER_* variables, "
            "checker.toml and [tool.checker] in pyproject.toml"
        ) from exc
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read configuration: {exc}; fix checker.toml or pyproject.toml") from exc
