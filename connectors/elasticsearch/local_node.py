"""A local single-node Elasticsearch for development, tests and Docker-less use (`newsbeam es`).

It runs the official integ-test-zip distribution bound to 127.0.0.1 with security off. Elasticsearch
refuses to run as root, so when newsbeam runs as root the node runs as a dedicated system user
(`newsbeam-es`) that owns the node's folders, and those folders default to /var/lib/newsbeam
(root's own home is not reachable by that user).
"""

from __future__ import annotations

import logging
import os
import pwd
import shutil
import signal
import socket
import stat
import subprocess
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from elasticsearch import ApiError, Elasticsearch, TransportError

from connectors.elasticsearch.client import server_version
from connectors.elasticsearch.distribution import ensure_distribution
from connectors.elasticsearch.java import find_java, minimum_java
from pipelines.settings import LocalNodeSettings, cache_dir

log = logging.getLogger(__name__)

SERVICE_USER = "newsbeam-es"
ROOT_STATE_DIR = Path("/var/lib/newsbeam")
CLUSTER_NAME = "newsbeam-local"
_LOG_TAIL_LINES = 30


class LocalNodeError(RuntimeError):
    """The node could not be started or stopped; the message says why and where to look."""


@dataclass(frozen=True)
class NodeStatus:
    url: str
    version: str
    health: str


def state_root() -> Path:
    """Where unpacked distributions and node folders live."""
    if os.environ.get("NEWSBEAM_NODE_ROOT"):
        return Path(os.environ["NEWSBEAM_NODE_ROOT"])
    return ROOT_STATE_DIR if os.geteuid() == 0 else cache_dir()


class LocalNode:
    """One local node, identified by its folder (default: `<state root>/node-<port>`)."""

    def __init__(self, settings: LocalNodeSettings) -> None:
        self.version = settings.version
        self.port = settings.port
        self.heap = settings.heap
        self.extra_settings = dict(settings.settings)
        self.home = Path(settings.data_dir) if settings.data_dir else state_root() / f"node-{settings.port}"
        self.url = f"http://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "elasticsearch.pid"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / f"{CLUSTER_NAME}.log"

    def up(self, timeout: float = 180.0) -> tuple[NodeStatus, bool]:
        """Start the node unless it already runs; wait for yellow health. Returns (status, started)."""
        running = self.status()
        if running:
            return running, False
        if not _port_is_free(self.port):
            raise LocalNodeError(f"port {self.port} is in use by a program that is not Elasticsearch; choose another with --port")
        java = find_java(minimum_java(self.version))
        distribution = ensure_distribution(self.version, cache_dir() / "downloads", state_root())
        self._prepare(distribution)
        self._launch(distribution, java.path, timeout)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            running = self.status()
            if running and running.health in ("yellow", "green"):
                return running, True
            if not self._process_alive():
                break
            time.sleep(0.5)
        raise LocalNodeError(self._failure(f"Elasticsearch did not become healthy within {timeout:.0f}s"))

    def down(self, timeout: float = 60.0) -> bool:
        """Stop the node this folder's PID file names; False when none was running."""
        pid = self._pid()
        if pid is None or not _is_elasticsearch(pid):
            self.pid_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _alive(pid):
            if time.monotonic() > deadline:
                log.warning("Elasticsearch (pid %d) did not stop within %.0fs; killing it", pid, timeout)
                os.kill(pid, signal.SIGKILL)
                deadline = time.monotonic() + 10
            time.sleep(0.2)
        self.pid_file.unlink(missing_ok=True)
        return True

    def status(self) -> NodeStatus | None:
        """Version and health of whatever Elasticsearch answers on this node's port, or None."""
        client = Elasticsearch(self.url, request_timeout=5, retry_on_timeout=False, max_retries=0)
        try:
            health = client.cluster.health()["status"]
            return NodeStatus(self.url, server_version(client), health)
        except (ApiError, TransportError):
            return None
        finally:
            client.close()

    def _prepare(self, distribution: Path) -> None:
        for sub in ("data", "logs", "run", "tmp"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        config = self.home / "config"
        if not config.is_dir():
            shutil.copytree(distribution / "config", config)
        (config / "elasticsearch.yml").write_text(self._node_config(), encoding="utf-8")
        (config / "jvm.options.d" / "newsbeam-heap.options").write_text(f"-Xms{self.heap}\n-Xmx{self.heap}\n", encoding="utf-8")
        if os.geteuid() == 0:
            user = _ensure_service_user()
            for path in (distribution, self.home):
                _check_reachable(path, user)
            _chown_tree(self.home, user)

    def _node_config(self) -> str:
        settings = {
            "cluster.name": CLUSTER_NAME,
            "node.name": f"newsbeam-{self.port}",
            "path.data": self.home / "data",
            "path.logs": self.home / "logs",
            "network.host": "127.0.0.1",
            "http.port": self.port,
            "transport.port": "9300-9399",
            "discovery.type": "single-node",
            # Local use only, bound to loopback: no TLS or passwords to set up.
            "xpack.security.enabled": "false",
            # A nearly full developer disk must not turn the cluster red.
            "cluster.routing.allocation.disk.threshold_enabled": "false",
            **self.extra_settings,
        }
        return "".join(f"{key}: {value}\n" for key, value in settings.items())

    def _launch(self, distribution: Path, java_home: Path, timeout: float) -> None:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "ES_JAVA_HOME": str(java_home),
            "ES_PATH_CONF": str(self.home / "config"),
            "ES_TMPDIR": str(self.home / "tmp"),
        }
        command = [str(distribution / "bin" / "elasticsearch"), "-d", "-p", str(self.pid_file)]
        user = SERVICE_USER if os.geteuid() == 0 else None
        log.info("starting Elasticsearch %s on %s (java %s, folder %s)", self.version, self.url, java_home, self.home)
        try:
            # -d returns once the node has started or failed to.
            result = subprocess.run(command, env=env, user=user, cwd=self.home, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise LocalNodeError(self._failure(f"the Elasticsearch launcher did not return within {timeout:.0f}s")) from None
        if result.returncode != 0:
            output = (result.stderr or result.stdout).strip().splitlines()[-5:]
            raise LocalNodeError(self._failure("Elasticsearch failed to start: " + " / ".join(output)))

    def _failure(self, reason: str) -> str:
        lines = _tail(self.log_file, _LOG_TAIL_LINES)
        tail = "\n".join(lines) if lines else "(the log is empty or missing)"
        return f"{reason}\nlog file: {self.log_file}\nlast {_LOG_TAIL_LINES} lines:\n{tail}"

    def _pid(self) -> int | None:
        try:
            return int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def _process_alive(self) -> bool:
        pid = self._pid()
        return pid is not None and _alive(pid)


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie has exited; it only waits for its parent to reap it.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][0] != "Z"
    except OSError:
        return True


def _is_elasticsearch(pid: int) -> bool:
    """Guards against a stale PID file whose number now belongs to another program."""
    try:
        return b"org.elasticsearch" in Path(f"/proc/{pid}/cmdline").read_bytes() and _alive(pid)
    except OSError:
        return _alive(pid)


def _ensure_service_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(SERVICE_USER)
    except KeyError:
        pass
    log.info("creating system user %s to run Elasticsearch (it refuses to run as root)", SERVICE_USER)
    command = ["useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", SERVICE_USER]
    try:
        subprocess.run(command, check=True, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        detail = getattr(exc, "stderr", "") or exc
        raise LocalNodeError(f"cannot create the system user {SERVICE_USER} to run Elasticsearch: {detail}") from None
    return pwd.getpwnam(SERVICE_USER)


def _check_reachable(path: Path, user: pwd.struct_passwd) -> None:
    for folder in [path, *path.parents]:
        info = folder.stat()
        if info.st_uid != user.pw_uid and not info.st_mode & stat.S_IXOTH:
            raise LocalNodeError(
                f"{folder} (mode {stat.filemode(info.st_mode)}) blocks the user {SERVICE_USER} that runs Elasticsearch "
                f"from reaching {path}; choose a folder it can reach, e.g. under {ROOT_STATE_DIR}"
            )


def _chown_tree(path: Path, user: pwd.struct_passwd) -> None:
    for folder, _, files in os.walk(path):
        os.chown(folder, user.pw_uid, user.pw_gid)
        for name in files:
            os.chown(os.path.join(folder, name), user.pw_uid, user.pw_gid)


def _tail(path: Path, count: int) -> list[str]:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return [line.rstrip("\n") for line in deque(handle, maxlen=count)]
    except OSError:
        return []
