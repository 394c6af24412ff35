"""Settings: one model, one precedence.

flags > environment (CHECKER_*) > the config file > defaults.  The config file
is the nearest `checker.toml` (or `pyproject.toml` with `[tool.checker]`) from
the working folder upwards, or the one `--config` names; paths in it are
relative to it, and so are the default store, reports and rules folders
(checker/configfile.py).  Every error names where the bad value was set.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)

from checker.configfile import PATH_KEYS, ConfigFiles, Layer, env_layer, load_files
from checker.errors import ConfigError
from checker.executors import ExecutorKind
from checker.models import Severity
from checker.sources.discover import DEFAULT_EXCLUDE, DEFAULT_INCLUDE


class Settings(BaseModel):
    """Every setting checker reads.  Documented in README.md (a test keeps them in step)."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

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
    select: list[str] = Field(
        default_factory=list, description="run only these rules: codes, names, groups, ids, kinds"
    )
    ignore: list[str] = Field(default_factory=list, description="never run these rules (same names)")
    severity: dict[str, Severity] = Field(default_factory=dict, description="rule → severity override")
    baseline: Path | None = Field(
        default=None, description="accepted-findings file (default: beside the corpus)"
    )
    retention: int = Field(default=50, ge=1, description="how many past runs to keep under reports/runs/")
    document_pages_above: int = Field(
        default=200, ge=0, description="above this many documents each has its own page under reports/docs/"
    )
    debounce_ms: int = Field(default=100, ge=10, description="watch: changes within this window make one run")
    reconcile_minutes: float = Field(default=10.0, gt=0, description="watch: full reconcile period")
    follow_outside_links: bool = Field(
        default=False, description="read symlinks whose target lies outside the checked folders"
    )
    polling: bool = Field(default=False, description="watch: poll the file system instead of kernel events")
    executor: ExecutorKind = Field(
        default="auto",
        description="where extraction runs: auto (here, or processes for a large run), serial, processes, dask",
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
    notify_url: str | None = Field(
        default=None, description="watch: POST new error findings as JSON to this URL"
    )
    notify_command: str | None = Field(
        default=None, description="watch: run this command with new error findings as JSON on stdin"
    )
    notify_timeout: float = Field(default=10.0, gt=0, description="watch: seconds per notification attempt")
    notify_retries: int = Field(default=3, ge=0, description="watch: attempts after a failed notification")

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

    _root: Path = PrivateAttr(default=Path())
    _files: list[Path] = PrivateAttr(default_factory=list)
    _origins: dict[str, str] = PrivateAttr(default_factory=dict)

    @property
    def root(self) -> Path:
        """The config root: the folder of the config file in use, else the working folder."""
        return self._root

    @property
    def config_files(self) -> list[Path]:
        return list(self._files)

    def origin(self, key: str) -> str:
        """Where a setting was set: "checker.toml:3", "CHECKER_SELECT", "--select", or "default"."""
        return self._origins.get(key, "default")


def _kinds() -> dict[str, str]:
    kinds = {}
    for name, info in Settings.model_fields.items():
        origin = get_origin(info.annotation)
        kinds[name] = "list" if origin is list else "dict" if origin is dict else "other"
    return kinds


def _defaults(root: Path) -> Layer:
    """The path defaults, relative to the config root (unchanged when that is the working folder)."""
    if root == Path():
        return Layer()
    return Layer(
        values={
            "store": root / ".checker/checker.db",
            "reports": root / "reports",
            "rules": [root / "rules"],
            "log_file": root / ".checker/checker.log",
        }
    )


def _problem(err: Any, origins: dict[str, str]) -> str:
    loc = [str(p) for p in err["loc"]]
    key = loc[0] if loc else "settings"
    where = origins.get(key, "default")
    if err["type"] == "extra_forbidden":
        near = difflib.get_close_matches(key, list(Settings.model_fields), n=1)
        hint = (
            f"; did you mean '{near[0]}'?" if near else "; `checker --help` and README.md list the settings"
        )
        return f"{where}: key '{key}': unknown setting{hint}"
    return f"{where}: key '{'.'.join(loc)}': {err['msg']}"


def load_settings(
    config: Path | None = None, flags: dict[str, str] | None = None, **overrides: Any
) -> Settings:
    """Settings with command-line overrides on top; None overrides are ignored.

    `flags` maps a setting to the flag that set it, for messages ("--select").
    """
    files: ConfigFiles = load_files(config)
    env = env_layer(_kinds())
    given = {k: v for k, v in overrides.items() if v is not None and v not in ((), [])}
    origins = {
        **files.layer.origins,
        **env.origins,
        **{k: (flags or {}).get(k, f"--{k.replace('_', '-')}") for k in given},
    }
    values = {**_defaults(files.root).values, **files.layer.values, **env.values, **given}
    try:
        settings = Settings(**values)
    except ValidationError as exc:
        problems = "; ".join(_problem(err, origins) for err in exc.errors())
        raise ConfigError(f"invalid configuration: {problems}") from exc
    settings._root = files.root
    settings._files = files.files
    settings._origins = origins
    # Only what a user set counts as set: a default rules folder may be missing, a named one may not.
    explicit = set(files.layer.values) | set(env.values) | set(given)
    object.__setattr__(settings, "__pydantic_fields_set__", explicit & set(Settings.model_fields))
    return settings


__all__ = ["PATH_KEYS", "Settings", "load_settings"]
