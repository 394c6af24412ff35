"""Service notifications against a real local HTTP server and a real command: payload, retries, timeout."""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from checker.app import Checker
from checker.config import load_settings
from checker.selection import rules_for
from checker.service.notify import Notifier
from checker.service.runner import Runner
from tests.conftest import ROOT, replace_in


class Receiver(BaseHTTPRequestHandler):
    """Fails the first `fail` requests with 503, sleeps `delay` seconds, records the bodies."""

    bodies: ClassVar[list[dict[str, Any]]] = []
    fail: ClassVar[int] = 0
    delay: ClassVar[float] = 0.0

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        time.sleep(type(self).delay)
        if type(self).fail > 0:
            type(self).fail -= 1
            self.send_response(503)
            self.end_headers()
            return
        type(self).bodies.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Receiver.bodies, Receiver.fail, Receiver.delay = [], 0, 0.0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/hook"
    httpd.shutdown()
    httpd.server_close()


def _runner(tmp_path: Path, corpus: Path, **notify: Any) -> Runner:
    settings = load_settings(
        store=tmp_path / "s.db", reports=tmp_path / "reports", rules=[ROOT / "rules"], **notify
    )
    rules, problems = rules_for(settings)
    return Runner(Checker(settings, rules, problems), [corpus])


def test_new_errors_are_posted_once_after_retries(tmp_path: Path, seeds_copy: Path, server: str) -> None:
    runner = _runner(tmp_path, seeds_copy, notify_url=server, notify_retries=3)
    runner.notifier.backoff = 0.05
    assert runner.reconcile() is not None
    time.sleep(0.2)
    assert Receiver.bodies == []  # the seeds have no error finding: nothing is sent
    Receiver.fail = 2
    replace_in(seeds_copy / "000_92f2ac85fe6324f8.txt", "660公里", "680公里")
    outcome = runner.reconcile()
    assert outcome is not None and outcome.report.has_errors
    deadline = time.monotonic() + 10
    while not Receiver.bodies and time.monotonic() < deadline:
        time.sleep(0.05)
    (body,) = Receiver.bodies
    assert body["event"] == "new_error_findings" and body["run"]["id"] == outcome.report.run.id
    (finding,) = body["findings"]
    assert finding["code"] == "CK401" and len(finding["places"]) == 1
    assert finding["places"][0].endswith("000_92f2ac85fe6324f8.txt:17:12")
    # The same error in the next run is not new: nothing more is sent.
    runner.reconcile()
    time.sleep(0.3)
    assert len(Receiver.bodies) == 1
    runner.app.close()


def test_a_slow_receiver_never_holds_up_a_run(tmp_path: Path, seeds_copy: Path, server: str) -> None:
    replace_in(seeds_copy / "000_92f2ac85fe6324f8.txt", "660公里", "680公里")
    Receiver.delay = 3.0
    runner = _runner(tmp_path, seeds_copy, notify_url=server, notify_timeout=0.5, notify_retries=1)
    runner.notifier.backoff = 0.05
    started = time.monotonic()
    assert runner.reconcile() is not None
    assert time.monotonic() - started < 2.5  # the run returned while the receiver still sleeps
    runner.app.close()


def test_a_command_reads_the_payload_on_stdin(tmp_path: Path, seeds_copy: Path) -> None:
    replace_in(seeds_copy / "000_92f2ac85fe6324f8.txt", "660公里", "680公里")
    out = tmp_path / "got.json"
    script = f"import sys, pathlib; pathlib.Path({str(out)!r}).write_bytes(sys.stdin.buffer.read())"
    command = f"{sys.executable} -c {json.dumps(script)}"
    notifier = Notifier(command=command, timeout=30, retries=0)
    runner = _runner(tmp_path, seeds_copy)
    outcome = runner.reconcile()
    assert outcome is not None
    thread = notifier.notify(outcome.report)
    assert thread is not None
    thread.join(30)
    assert json.loads(out.read_text(encoding="utf-8"))["findings"][0]["code"] == "CK401"
    runner.app.close()
