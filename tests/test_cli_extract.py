"""`newsbeam extract`: JSON Lines out, errors per document, exit codes."""

from __future__ import annotations

import gc
import glob
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import pipelines.cli.extract as extract_command
from pipelines.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))


def _records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_seeds_print_one_article_each_in_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", *SEEDS]) == 0
    records = _records(capsys.readouterr().out)
    assert [r["source"] for r in records] == SEEDS
    assert all(r["extraction"]["method"] == "text" and r["body"] for r in records)


def test_directory_is_walked_sorted_and_errors_continue(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "b.txt").write_text("Headline of the story here\nThe body of the story is a sentence that is long enough.\n")
    (tmp_path / "a.jsonl").write_text('{"url": "https://e.com/x", "text": "Some text here."}\nnot json\n')
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    assert main(["extract", str(tmp_path)]) == 1
    records = _records(capsys.readouterr().out)
    assert [r["source"] for r in records] == [
        f"{tmp_path}/a.jsonl#L1",
        f"{tmp_path}/a.jsonl#L2",
        f"{tmp_path}/b.txt",
        f"{tmp_path}/empty.html",
    ]
    assert "error" not in records[0] and records[0]["url"] == "https://e.com/x"
    assert "invalid JSON" in records[1]["error"]
    assert records[2]["title"] == "Headline of the story here"
    assert records[3]["error"] == "empty document"


def test_pretty_output_is_indented(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--pretty", SEEDS[0]]) == 0
    out = capsys.readouterr().out
    assert out.startswith("{\n  ")
    assert json.loads(out)["title"].startswith("Moscow vows")


def test_stdin_is_one_sniffed_document(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    html = (
        b"<html><body><article><h1>Title</h1>"
        + b"<p>A paragraph of article text that is long enough to keep.</p>" * 10
        + b"</article></body></html>"
    )
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(html)))
    assert main(["extract", "-"]) == 0
    [record] = _records(capsys.readouterr().out)
    assert record["source"] == "-" and record["extraction"]["method"] == "html"


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", SEEDS[0], "does/not/exist.txt"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no such file or directory: does/not/exist.txt" in captured.err
    assert "Traceback" not in captured.err


def test_no_paths_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract"])
    assert exit_info.value.code == 2


@pytest.mark.timeout(120)
def test_installed_command_on_seeds() -> None:
    seeds = sorted(glob.glob("seeds/*", root_dir=ROOT))
    result = subprocess.run([str(ROOT / ".venv/bin/newsbeam"), "extract", *seeds], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert [r["source"] for r in _records(result.stdout)] == seeds


def test_the_run_collects_cycles_rarely_and_restores_the_collector(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    during: list[tuple[int, ...]] = []
    record = extract_command._record
    monkeypatch.setattr(extract_command, "_record", lambda item: during.append(gc.get_threshold()) or record(item))
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    assert main(["extract", SEEDS[0]]) == 0
    assert during and all(threshold[0] > before[0] for threshold in during)
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, frozen)
    assert _records(capsys.readouterr().out)[0]["body"]
