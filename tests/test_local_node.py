"""The local node manager (`newsbeam es`), run as users run it: through the CLI, against a real node."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from operations.java import JavaNotFound, find_java
from tests.support.cli import newsbeam
from tests.support.nodes import free_port, node_folder


def fake_jdk(root: Path, version: str) -> Path:
    """A folder shaped like a JDK of the given version (only its `release` file is read)."""
    home = root / f"jdk-{version}"
    (home / "bin").mkdir(parents=True)
    (home / "bin" / "java").write_text("#!/bin/sh\nexit 1\n")
    (home / "bin" / "java").chmod(0o755)
    (home / "release").write_text(f'JAVA_VERSION="{version}"\n')
    return home


@pytest.fixture
def node():
    port, folder = free_port(), node_folder()
    yield port, folder
    newsbeam("es", "down", "--port", str(port), "--data-dir", str(folder))
    shutil.rmtree(folder, ignore_errors=True)


def elasticsearch_pids(folder: Path) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"org.elasticsearch" in cmdline and str(folder).encode() in cmdline:
                pids.append(int(entry.name))
    return pids


@pytest.mark.elasticsearch
def test_up_status_idempotent_up_and_down(node):
    port, folder = node
    where = ["--port", str(port), "--data-dir", str(folder)]

    assert newsbeam("es", "status", *where).returncode == 1

    first = newsbeam("es", "up", *where)
    assert first.returncode == 0, first.stderr
    assert f"started at http://127.0.0.1:{port}" in first.stdout
    assert "9.5.2" in first.stdout
    assert "analysis plugin newsbeam-analysis loaded" in first.stdout, first.stdout

    status = newsbeam("es", "status", *where)
    assert status.returncode == 0
    assert "health green" in status.stdout or "health yellow" in status.stdout

    again = newsbeam("es", "up", *where)
    assert again.returncode == 0
    assert "already running" in again.stdout
    assert len(elasticsearch_pids(folder)) == 1

    # Security cannot be switched on under a running node; nothing is touched.
    secure = newsbeam("es", "up", "--secure", *where)
    assert secure.returncode == 1 and "runs without security" in secure.stderr and "es down" in secure.stderr
    assert "Traceback" not in secure.stderr
    assert not (folder / "credentials").exists() and len(elasticsearch_pids(folder)) == 1

    down = newsbeam("es", "down", *where)
    assert down.returncode == 0 and "stopped" in down.stdout
    assert elasticsearch_pids(folder) == []
    after = newsbeam("es", "status", *where)
    assert after.returncode == 1 and "not running" in after.stdout
    assert (folder / "data").is_dir(), "down must not delete the node's data"


@pytest.mark.elasticsearch
def test_users_need_a_secured_node(node):
    port, folder = node
    result = newsbeam("es", "user", "--writer", "--port", str(port), "--data-dir", str(folder))
    assert result.returncode == 1
    assert "is not secured: start it with `newsbeam es up --secure`" in result.stderr
    assert "Traceback" not in result.stderr


def listening_addresses(port: int) -> set[str]:
    """Hex local addresses of the sockets listening on `port`, from the kernel's tables."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if fields[3] == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_binds_loopback_only(es_url):
    if not es_url.startswith("http://127.0.0.1"):
        pytest.skip("the session uses an external cluster")
    addresses = listening_addresses(int(es_url.rsplit(":", 1)[1]))
    loopback = {"0100007F", "0000000000000000FFFF00000100007F"}
    assert addresses and addresses <= loopback, addresses


@pytest.mark.elasticsearch
def test_a_port_taken_by_another_program_is_a_clear_error(node):
    port, folder = node
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", port))
        squatter.listen()
        result = newsbeam("es", "up", "--port", str(port), "--data-dir", str(folder), "--timeout", "20")
    assert result.returncode == 1
    assert f"port {port} is in use" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.elasticsearch
def test_too_old_java_names_the_minimum(node, tmp_path):
    port, folder = node
    env = {**os.environ, "ES_JAVA_HOME": str(fake_jdk(tmp_path, "17.0.9"))}
    result = newsbeam("es", "up", "--port", str(port), "--data-dir", str(folder), env=env)
    assert result.returncode == 1
    assert "is Java 17; Elasticsearch needs Java 21 or newer" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.elasticsearch
def test_missing_java_is_a_clear_error(node, tmp_path):
    port, folder = node
    env = {**os.environ, "ES_JAVA_HOME": str(tmp_path / "no-such-jdk")}
    result = newsbeam("es", "up", "--port", str(port), "--data-dir", str(folder), env=env)
    assert result.returncode == 1
    assert "is not a Java installation" in result.stderr and "Java 21 or newer" in result.stderr


def test_java_discovery_prefers_the_newest_new_enough_jdk(tmp_path):
    fake_jdk(tmp_path, "17.0.9")
    fake_jdk(tmp_path, "21.0.2")
    fake_jdk(tmp_path, "25")
    assert find_java(21, environ={}, search_dirs=(tmp_path,)).major == 25
    assert find_java(17, environ={"JAVA_HOME": str(tmp_path / "jdk-17.0.9")}, search_dirs=(tmp_path,)).major == 17


def test_no_suitable_jdk_lists_what_was_found(tmp_path):
    fake_jdk(tmp_path, "17.0.9")
    with pytest.raises(JavaNotFound, match=r"needs Java 21 or newer.*Java 17"):
        find_java(21, environ={}, search_dirs=(tmp_path,))
