"""Tell someone when a run finds new errors: POST to a webhook and/or run a command.

The payload is one JSON object: the run, its summary, and each new error
finding with its code, message, place and fingerprint.  Delivery happens on a
thread of its own, with a timeout per attempt and retries with backoff, so a
slow or dead receiver never holds up a run; a delivery that fails for good is
logged and dropped.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from checker import __version__
from checker.lazylog import logger
from checker.models import Finding, Report, Severity


def new_errors(report: Report) -> list[Finding]:
    """The findings worth a message: errors new in this run (not accepted, not checks that held)."""
    return [f for f in report.findings if f.severity is Severity.ERROR and f.status == "new" and not f.passed]


def payload(report: Report, findings: list[Finding]) -> dict[str, Any]:
    """What the webhook receives and the command reads on stdin."""
    return {
        "event": "new_error_findings",
        "checker": __version__,
        "run": {"id": report.run.id, "trigger": report.run.trigger, "paths": report.run.paths},
        "summary": report.summary.model_dump(),
        "findings": [
            {
                "code": f.code or f.rule,
                "name": f.name,
                "rule": f.rule,
                "message": f.message,
                "fingerprint": f.fingerprint,
                "places": [f"{c.path}:{c.line}:{c.column}" for c in f.claims],
            }
            for f in findings
        ],
    }


@dataclass
class Notifier:
    """Where to send new error findings, how long to wait and how often to try."""

    url: str | None = None
    command: str | None = None
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 1.0

    @property
    def enabled(self) -> bool:
        return bool(self.url or self.command)

    def notify(self, report: Report) -> threading.Thread | None:
        """Send the new error findings of `report` in the background; None when there is nothing to send."""
        findings = new_errors(report)
        if not self.enabled or not findings:
            return None
        body = json.dumps(payload(report, findings), ensure_ascii=False).encode("utf-8")
        thread = threading.Thread(target=self._deliver, args=(body,), name="checker-notify", daemon=True)
        thread.start()
        return thread

    def _deliver(self, body: bytes) -> None:
        if self.url:
            self._attempts("webhook " + self.url, lambda: self._post(body))
        if self.command:
            self._attempts("command " + self.command, lambda: self._run(body))

    def _attempts(self, what: str, send: Any) -> bool:
        for attempt in range(self.retries + 1):
            try:
                send()
            except (OSError, subprocess.SubprocessError, ValueError) as exc:
                logger.warning("notification to {} failed (attempt {}): {}", what, attempt + 1, exc)
                time.sleep(self.backoff * 2**attempt)
                continue
            logger.info("notified {} of new error findings", what)
            return True
        logger.error("notification to {} failed {} times; giving up on this run", what, self.retries + 1)
        return False

    def _post(self, body: bytes) -> None:
        request = urllib.request.Request(  # noqa: S310 - the URL is the user's own setting
            self.url or "",
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "User-Agent": f"checker/{__version__}",
            },
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            if response.status >= 300:
                raise ValueError(f"HTTP {response.status}")

    def _run(self, body: bytes) -> None:
        done = subprocess.run(
            shlex.split(self.command or ""),
            input=body,
            capture_output=True,
            timeout=self.timeout,
            check=False,
        )
        if done.returncode != 0:
            raise ValueError(f"exit status {done.returncode}: {done.stderr.decode(errors='replace')[:200]}")
