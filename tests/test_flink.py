"""The replay pipeline, unchanged, on Apache Flink through Beam's portable FlinkRunner.

An embedded Flink cluster started by Beam's Flink job server (`make flink` builds the jar); the
SDK workers run in this process (LOOPBACK), the Elasticsearch is the real test node.
"""

from __future__ import annotations

import json
import shutil

import pytest

from tests.support.cli import replay
from tests.support.paths import SEEDS
from tests.support.runners import FLINK_JOB_SERVER, needs_flink

pytestmark = [
    pytest.mark.flink,
    needs_flink,
    pytest.mark.usefixtures("flink_job_servers_stopped"),
    # When a job ends, Flink hangs up the data channel and a thread of Beam's LOOPBACK worker
    # raises CANCELLED ("Multiplexer hanging up"), after every result has been delivered.
    pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning"),
]


def test_replay_on_flink_indexes_what_the_direct_runner_indexes(es, es_url, alias, capsys, tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(SEEDS, folder)
    shutil.copy(SEEDS / "001_dc971c7429e3bb8a.txt", folder / "copy-of-001.txt")
    (folder / "broken.jsonl").write_text("{not json\n", encoding="utf-8")
    dlq = tmp_path / "dlq.jsonl"

    code, summary = replay(
        capsys, es_url, alias, str(folder), "--dlq", str(dlq), "--runner", "FlinkRunner", f"--flink_job_server_jar={FLINK_JOB_SERVER}"
    )

    assert code == 3, "a dead letter makes the run exit 3 on Flink too"
    assert summary["reconciled"]
    assert (summary["read"], summary["created"], summary["duplicates"], summary["dead_lettered"]) == (7, 5, 1, 1)
    letters = [json.loads(line) for line in dlq.read_text(encoding="utf-8").splitlines()]
    assert [letter["source"].endswith("broken.jsonl#L1") for letter in letters] == [True]
    assert es.count(index=alias)["count"] == 5

    # The in-process runner finds nothing to change: Flink indexed the very same documents.
    code, again = replay(capsys, es_url, alias, str(folder), "--dlq", str(tmp_path / "again.jsonl"))
    assert (again["unchanged"], again["created"], again["updated"], again["dead_lettered"]) == (5, 0, 0, 1)
