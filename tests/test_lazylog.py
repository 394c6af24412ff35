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
setup_logging("WARNING", read_errors=False)
print("loaded after setup:", "loguru" in sys.modules)
logger.info("not shown at WARNING")
logger.bind(read_error=True).error("not shown: the command prints read errors itself")
logger.warning("shown {}", 1)
print("loaded after a message:", "loguru" in sys.modules)
"""

# loguru already loaded (as by `checker watch`'s scheduler): the configuration applies at once.
EAGER = """
from loguru import logger as real
from checker.logs import setup_logging
setup_logging("INFO")
real.info("through loguru itself")
real.debug("not shown at INFO")
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
