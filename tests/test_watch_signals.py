"""Stopping `newsbeam watch`: a second SIGINT/SIGTERM stops at once, with the counters so far and
the conventional exit code, and no traceback."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import uuid

import pytest
import yaml

from tests.support.feeds.server import FeedServer
from tests.support.paths import PROJECT_ROOT


@pytest.fixture
def site():
    server = FeedServer().start()
    server.slow_seconds = 8.0
    server.add("rss", "rss-harbour-opens")
    server.add("slow", "slow-harbour-opens")
    yield server
    server.stop()


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_second_signal_stops_at_once_with_the_counters_so_far(es, es_url, site, tmp_path, signum, code):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        yaml.safe_dump(
            {
                "feeds": [
                    {"name": name, "url": f"{site.base}/{path}", "interval": 1} for name, path in (("rss", "rss.xml"), ("slow", "slow.xml"))
                ],
                "http": {"read_timeout": 10.0, "deadline": 20, "allow_private_hosts": ["127.0.0.1"]},
                "polling": {"tick": 0.3},
            }
        ),
        encoding="utf-8",
    )
    index = f"test-signals-{uuid.uuid4().hex[:8]}"
    command = [
        sys.executable,
        "-m",
        "pipelines.cli",
        "watch",
        "--feeds",
        str(feeds),
        "--es-url",
        es_url,
        "--index",
        index,
        "--dlq",
        str(tmp_path / "dlq.jsonl"),
        "--json",
    ]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while site.requests["/slow.xml"] == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert site.requests["/slow.xml"] > 0, "the slow feed was never polled"
        process.send_signal(signum)
        time.sleep(0.5)
        process.send_signal(signum)
        sent = time.monotonic()
        out, err = process.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        process.kill()
        for name in es.indices.get(index=f"{index}-v*", allow_no_indices=True):
            es.indices.delete(index=name)
    assert process.returncode == code, err
    assert took < 5, "the second signal must not wait for the slow poll in flight"
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert f"second {signal.Signals(signum).name}" in err and "In flight" in err
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["aborted_by"] == signal.Signals(signum).name
    assert summary["polls"] >= 1 and "in_flight" in summary
