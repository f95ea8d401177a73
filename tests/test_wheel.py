"""The wheel as a user installs it: a fresh virtualenv with the interpreter's own pip, used from
outside the checkout.

The wheel's declared dependencies are what is tested (pinned to requirements.lock's versions, so
the test does not drift): a dependency the code imports but the wheel does not declare, or an
extra that an older pip does not understand, fails here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.paths import PROJECT_ROOT, SEEDS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin/ folder of a fresh virtualenv with newsbeam's wheel installed."""
    work = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(work / "dist"), str(PROJECT_ROOT)], work)
    wheel = next((work / "dist").glob("newsbeam-*.whl"))
    constraints = work / "constraints.txt"
    constraints.write_text("\n".join(pinned_versions(PROJECT_ROOT / "requirements.lock")) + "\n", encoding="utf-8")
    base = getattr(sys, "_base_executable", sys.executable)
    run([base, "-m", "venv", str(work / "venv")], work)
    bin_dir = work / "venv" / "bin"
    run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", str(constraints), str(wheel)],
        work,
    )
    return bin_dir


def pinned_versions(lock: Path) -> list[str]:
    """`name==version ; marker` lines of the lock, without its hashes (pip takes no hashes in constraints)."""
    return [match.group(1).strip() for match in re.finditer(r"^([A-Za-z0-9_.\-]+==[^\s\\]+(?: ;[^\\\n]+)?)", lock.read_text(), re.M)]


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{command[:4]}…\n{result.stdout}\n{result.stderr}"
    return result


def test_the_installed_wheel_extracts_a_seed_outside_the_checkout(installed, tmp_path):
    seed = next(iter(sorted(SEEDS.glob("*.txt"))))
    result = run([str(installed / "newsbeam"), "extract", str(seed)], tmp_path)
    assert '"title"' in result.stdout and '"body"' in result.stdout
    assert str(PROJECT_ROOT) not in run([str(installed / "python"), "-c", "import pipelines; print(pipelines.__file__)"], tmp_path).stdout


def test_the_installed_wheel_reports_the_running_node(installed, es_url, tmp_path):
    port = str(urlsplit(es_url).port)
    result = subprocess.run(
        [str(installed / "newsbeam"), "es", "status", "--port", port], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "Elasticsearch 9." in result.stdout and "health" in result.stdout
