"""checker.lazylog: loguru is imported with the first message, which still goes where setup_logging said.

Each case runs in a fresh `python`, since this test process has loguru loaded already.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

# setup_logging as `checker check` calls it, then messages at several levels through the stand-in.
DEFERRED = """
import sys
from checker.logs import setup_logging
from checker.lazylog import logger
setup_logging("WARNING", read_errors=False, defer=True)
print("loaded after setup:", "loguru" in sys.modules)
logger.info("not shown at WARNING")
logger.bind(read_error=True).error("not shown: the command prints read errors itself")
logger.warning("shown {}", 1)
print("loaded after a message:", "loguru" in sys.modules)
"""

# loguru already loaded when a one-off command defers: the configuration applies at once.
EAGER = """
from loguru import logger as real
from checker.logs import setup_logging
setup_logging("INFO", defer=True)
real.info("through loguru itself")
real.debug("not shown at INFO")
"""

# The service configures at once (its threads log from the start), even with loguru not yet loaded.
SERVICE = """
import sys
from checker.logs import setup_logging
setup_logging("WARNING", read_errors=False, defer=True)
setup_logging("INFO")
print("loaded:", "loguru" in sys.modules)
from loguru import logger as real
real.info("as the service logs")
"""


def _run(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_loguru_waits_for_the_first_message_and_then_logs_as_configured(tmp_path: Path) -> None:
    done = _run(DEFERRED, tmp_path)
    assert done.stdout.splitlines() == ["loaded after setup: False", "loaded after a message: True"]
    assert done.stderr == "WARNING shown 1\n"


def test_a_loaded_loguru_is_configured_at_once(tmp_path: Path) -> None:
    done = _run(EAGER, tmp_path)
    assert done.stderr == "INFO    through loguru itself\n"


def test_the_service_configures_at_once_over_a_deferred_configuration(tmp_path: Path) -> None:
    done = _run(SERVICE, tmp_path)
    assert done.stdout == "loaded: True\n"
    assert done.stderr == "INFO    as the service logs\n"
