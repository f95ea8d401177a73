"""Beam's portable runners, built by `make prism` and `make flink` (part of `make test`), and the
marks that skip a test when its runner is not built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.paths import PROJECT_ROOT

PRISM = next((p for p in (PROJECT_ROOT / ".cache" / "bin" / "prism", Path.home() / "go" / "bin" / "prism") if p.exists()), None)
FLINK_JOB_SERVER = next(iter(sorted((PROJECT_ROOT / ".cache" / "flink").glob("beam-runners-flink-*-job-server-*.jar"))), None)
needs_prism = pytest.mark.skipif(PRISM is None, reason="no Prism binary in .cache/bin or ~/go/bin: build it with `make prism`")
needs_flink = pytest.mark.skipif(
    FLINK_JOB_SERVER is None or shutil.which("java") is None,
    reason="no Flink job server in .cache/flink (build it with `make flink`) or no Java to run it",
)
