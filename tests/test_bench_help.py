"""Every bench command answers `--help` with its usage instead of starting a measurement that runs for minutes."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
COMMANDS = sorted(path.stem for path in BENCH.glob("*.py") if '__name__ == "__main__"' in path.read_text(encoding="utf-8"))


def test_the_bench_commands_are_found() -> None:
    assert {"quality", "stories_eval", "extraction_cost"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_help_prints_usage_and_exits(name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    module = importlib.import_module(f"bench.{name}")
    monkeypatch.setattr("sys.argv", [f"{name}.py", "--help"])
    with pytest.raises(SystemExit) as leaving:
        module.main()
    assert leaving.value.code == 0
    assert capsys.readouterr().out.startswith("usage:")
