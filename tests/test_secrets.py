"""Secrets never appear in what the CLI prints: help, errors, debug logs, summaries.

The CLI runs as a user runs it (`python -m pipelines.cli`), with `-vv` (debug logging of every
library), the Elasticsearch and Kibana credentials set in the environment to distinctive values,
against a closed port and against the test Elasticsearch.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.feeds.server import FeedServer
from tests.support.nodes import free_port

# Each test runs every command as a child process (a second or more of start-up each).
pytestmark = pytest.mark.slow

PROJECT = Path(__file__).resolve().parents[1]
API_KEY = "QXBpS2V5U2VjcmV0LXNoMHVsZC1uZXZlci1sZWFr"
ES_PASSWORD = "es-pw-7Hq2xZr9Kp4w"
KIBANA_PASSWORD = "kb-pw-Vn3sLm8Qe1Td"
SECRETS = (API_KEY, ES_PASSWORD, KIBANA_PASSWORD)

HELP = [
    [],
    ["es"],
    ["es", "up"],
    ["es", "down"],
    ["es", "status"],
    ["extract"],
    ["replay"],
    ["search"],
    ["kibana"],
    ["kibana", "setup"],
    ["watch"],
]


def environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEWSBEAM_")}
    env.update({"NEWSBEAM_KIBANA_USERNAME": "kibana-user", "NEWSBEAM_KIBANA_PASSWORD": KIBANA_PASSWORD, "PYTHONUNBUFFERED": "1", **extra})
    return env


API_KEY_ENV = {"NEWSBEAM_ES_API_KEY": API_KEY}
BASIC_ENV = {"NEWSBEAM_ES_USERNAME": "newsbeam-writer", "NEWSBEAM_ES_PASSWORD": ES_PASSWORD}


def run_all(commands: list[tuple[list[str], dict[str, str]]], timeout: float = 120) -> list[tuple[list[str], int, str]]:
    """Run the commands side by side; (args, exit code, stdout + stderr) each."""
    running = [
        (
            args,
            subprocess.Popen(
                [sys.executable, "-m", "pipelines.cli", *args],
                cwd=PROJECT,
                env=env,
                text=True,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            ),
        )
        for args, env in commands
    ]
    results = []
    for args, process in running:
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
            pytest.fail(f"{args} did not finish within {timeout}s:\n{output[-2000:]}")
        results.append((args, process.returncode, output))
    return results


def assert_no_secret(results: list[tuple[list[str], int, str]]) -> None:
    for args, _, output in results:
        for secret in SECRETS:
            assert secret not in output, f"`newsbeam {' '.join(args)}` printed a secret:\n{output[-3000:]}"


@pytest.mark.timeout(60)
def test_help_of_every_command_shows_no_secret():
    results = run_all([([*command, "--help"], environment(**API_KEY_ENV, **BASIC_ENV)) for command in HELP])
    assert all(code == 0 and "usage:" in output for _, code, output in results), results
    assert_no_secret(results)


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    folder = tmp_path_factory.mktemp("secrets")
    (folder / "story.txt").write_text(
        "Harbour reopens after storm\n\nThe harbour reopened on Monday after a week of repairs, the port authority said. "
        "Ferries resumed their usual timetable and the fish market opened at dawn.\n",
        encoding="utf-8",
    )
    site = FeedServer().start()
    site.add("rss", "secrets-story")
    (folder / "feeds.yaml").write_text(
        f"feeds:\n  - name: local\n    url: {site.base}/rss.xml\n    fetch_pages: false\n"
        f"http:\n  read_timeout: 5\n  allow_private_hosts: ['127.0.0.1']\n",
        encoding="utf-8",
    )
    yield folder
    site.stop()


def user_commands(work: Path, es_url: str, index: str) -> list[list[str]]:
    return [
        [
            "-vv",
            "replay",
            str(work / "story.txt"),
            "--es-url",
            es_url,
            "--index",
            index,
            "--retry-timeout",
            "2",
            "--dlq",
            str(work / f"{index}-replay.jsonl"),
        ],
        ["-vv", "search", "harbour", "--es-url", es_url, "--index", index],
        [
            "-vv",
            "watch",
            "--once",
            "--feeds",
            str(work / "feeds.yaml"),
            "--es-url",
            es_url,
            "--index",
            index,
            "--dlq",
            str(work / f"{index}-watch.jsonl"),
        ],
    ]


@pytest.mark.timeout(120)
def test_commands_failing_against_a_closed_port_print_no_secret(work):
    closed = f"http://127.0.0.1:{free_port()}"
    commands = [(args, environment(**env)) for args in user_commands(work, closed, "closed") for env in (API_KEY_ENV, BASIC_ENV)]
    kibana = environment(NEWSBEAM_KIBANA_URL=closed, NEWSBEAM_ES_URL=closed, **BASIC_ENV)
    commands.append((["-vv", "kibana", "setup", "--timeout", "2"], kibana))
    results = run_all(commands)
    assert all(code != 0 for _, code, _ in results), [(args, code) for args, code, _ in results]
    assert_no_secret(results)


@pytest.mark.timeout(180)
def test_commands_against_elasticsearch_with_debug_logging_print_no_secret(work, es_url):
    # The test node runs without security: it ignores the credentials, but newsbeam still sends them.
    key, basic = user_commands(work, es_url, "secrets-key"), user_commands(work, es_url, "secrets-basic")
    writes = [(key[0], environment(**API_KEY_ENV)), (key[2], environment(**API_KEY_ENV)), (basic[0], environment(**BASIC_ENV))]
    results = run_all(writes, timeout=150)
    results += run_all([(key[1], environment(**API_KEY_ENV)), (basic[1], environment(**BASIC_ENV))])
    assert "Harbour reopens" in results[-1][2], "search found the replayed story"
    for args, code, output in results:
        assert code in (0, 3), f"{args} exited {code}:\n{output[-3000:]}"
        assert "DEBUG" in output, "debug logging was on"
    assert_no_secret(results)


@pytest.mark.timeout(60)
def test_credentials_inside_the_elasticsearch_url_are_not_echoed(work):
    closed = f"127.0.0.1:{free_port()}"
    in_url = f"writer:{ES_PASSWORD}@{closed}"
    results = run_all(
        [
            (["search", "harbour"], environment(NEWSBEAM_ES_URL=f"http://{in_url}")),
            (
                ["-vv", "replay", str(work / "story.txt"), "--retry-timeout", "2", "--dlq", str(work / "in-url.jsonl")],
                environment(NEWSBEAM_ES_URL=f"http://{in_url}"),
            ),
            (["search", "harbour", "--es-url", f"ftp://{in_url}"], environment()),
        ]
    )
    assert all(code != 0 for _, code, _ in results)
    assert_no_secret(results)
