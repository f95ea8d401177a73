"""Running the newsbeam CLI: as a user does (a child process) or in this process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.support.paths import PROJECT_ROOT


def newsbeam(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the installed CLI the way a user does."""
    command = [sys.executable, "-m", "pipelines.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=PROJECT_ROOT)


def replay(capsys: pytest.CaptureFixture[str], es_url: str, index: str, *args: str) -> tuple[int, dict]:
    """`newsbeam replay ... --json` in this process; returns the exit code and the summary."""
    from pipelines.cli import main

    code = main(["replay", "--es-url", es_url, "--index", index, "--json", *args])
    output = capsys.readouterr().out.strip().splitlines()
    return code, json.loads(output[-1])
