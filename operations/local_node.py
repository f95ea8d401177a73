"""A local single-node Elasticsearch for development, tests and Docker-less use (`newsbeam es`).

It runs the official integ-test-zip distribution bound to 127.0.0.1, with security off unless asked
(`--secure`, `local_node.security`): then it serves HTTPS with a certificate from its own CA and
wants a password, and `add_user` makes least-privilege users. A folder once secured stays secured. Elasticsearch refuses to run
as root, so when newsbeam runs as root the node runs as a dedicated system user
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
from typing import Any

from elasticsearch import ApiError, AuthenticationException, Elasticsearch, TransportError

from connectors.elasticsearch.analysis import node_plugins
from connectors.elasticsearch.client import server_version
from foundation.settings import LocalNodeSettings, cache_dir
from operations import node_security
from operations.distribution import ensure_distribution
from operations.java import find_java, minimum_java
from operations.plugin import ensure_installed, ensure_plugin_zip
from operations.roles import role_descriptor, role_name

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
        # Switching security off would leave the folder's data and users unguarded: it stays on.
        self.secure = settings.security or self._secured_folder()
        self.url = f"{'https' if self.secure else 'http'}://127.0.0.1:{self.port}"

    @property
    def ca_cert(self) -> Path:
        """The CA certificate clients of a secured node verify it with."""
        return self.home / "config" / node_security.CA_CERT

    @property
    def credentials(self) -> Path:
        """Passwords, in a folder only whoever ran `es up --secure` can enter (never the node's user)."""
        return self.home / "credentials"

    @property
    def password_file(self) -> Path:
        return self.password_file_of("elastic")

    def password_file_of(self, user: str) -> Path:
        return self.credentials / f"{user}.password"

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
        pid = self._pid()
        if pid is not None and _is_elasticsearch(pid):
            raise LocalNodeError(self._not_answering())
        if not _port_is_free(self.port):
            raise LocalNodeError(f"port {self.port} is in use by a program that is not Elasticsearch; choose another with --port")
        java = find_java(minimum_java(self.version))
        distribution = ensure_distribution(self.version, cache_dir() / "downloads", state_root())
        self._prepare(distribution, java.path)
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

    def install_plugin(self) -> bool:
        """Build (when needed) and install newsbeam's analysis plugin into this node's distribution.

        True when it installed it now (a running node loads it at its next start); raises
        PluginError when Maven or the plugin tool fails.
        """
        java = find_java(minimum_java(self.version))
        distribution = ensure_distribution(self.version, cache_dir() / "downloads", state_root())
        archive = ensure_plugin_zip(java.path)
        env = self._tool_environment(java.path)
        # The distribution's own config: the node's folder may not exist before its first start.
        env["ES_PATH_CONF"] = str(distribution / "config")
        # The installer scans the plugin's and the server's jars for named components (to write
        # named_components.json): its default heap runs out.
        env["CLI_JAVA_OPTS"] += " -Xmx512m"
        return ensure_installed(distribution, archive, env)

    def plugins(self) -> frozenset[str]:
        """The plugins the running node has loaded."""
        client = self.client(request_timeout=10, max_retries=0)
        try:
            return node_plugins(client) or frozenset()
        finally:
            client.close()

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
        if self.secure and not self.password_file.is_file():
            return None
        client = self.client(request_timeout=5, retry_on_timeout=False, max_retries=0)
        try:
            health = client.cluster.health()["status"]
            return NodeStatus(self.url, server_version(client), health)
        except AuthenticationException:
            raise LocalNodeError(f"Elasticsearch at {self.url} refuses the elastic password in {self.password_file}") from None
        except (ApiError, TransportError):
            return None
        finally:
            client.close()

    def client(self, **options: Any) -> Elasticsearch:
        """A client of this node; on a secured node it verifies the node's CA and logs in as `elastic`."""
        if self.secure:
            options = {"ca_certs": str(self.ca_cert), "basic_auth": ("elastic", self.elastic_password()), **options}
        return Elasticsearch(self.url, **options)

    def elastic_password(self) -> str:
        try:
            return self.password_file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise LocalNodeError(f"cannot read the elastic password of the secured node at {self.url}: {exc}") from None

    def add_user(self, kind: str, alias: str, timeout: float = 60.0) -> tuple[str, Path]:
        """A new file-realm user with the `kind` role of roles.py for `alias`; returns its name and password file.

        When the node runs, waits until it has reloaded its user files and accepts the new user.
        """
        if not self.secure:
            raise LocalNodeError(
                f"the node of {self.home} is not secured: start it with `newsbeam es up --secure` (after `newsbeam es down` if it runs)"
            )
        name, role = f"newsbeam-{kind}-{alias}", role_name(kind, alias)
        password = node_security.new_password()
        distribution = state_root() / f"elasticsearch-{self.version}"
        env = self._tool_environment(find_java(minimum_java(self.version)).path)
        try:
            node_security.put_file_role(self.home / "config", role, role_descriptor(kind, alias))
            node_security.add_file_user(distribution, env, name, password, role)
            node_security.write_secret_file(self.password_file_of(name), password)
        except (node_security.NodeSecurityError, OSError) as exc:
            raise LocalNodeError(f"cannot add the user {name} in {self.home}: {exc}") from None
        if self._process_alive():
            self._wait_for_user(name, password, timeout)
        return name, self.password_file_of(name)

    def _wait_for_user(self, name: str, password: str, timeout: float) -> None:
        client = self.client(request_timeout=10, max_retries=0)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    client.options(basic_auth=(name, password)).security.authenticate()
                    return
                except AuthenticationException:
                    if time.monotonic() > deadline:
                        raise LocalNodeError(f"the node at {self.url} did not accept the new user {name} within {timeout:.0f}s") from None
                    time.sleep(0.5)
                except (ApiError, TransportError) as exc:
                    raise LocalNodeError(f"cannot check the new user {name} at {self.url}: {exc}") from None
        finally:
            client.close()

    def _prepare(self, distribution: Path, java_home: Path) -> None:
        for sub in ("data", "logs", "run", "tmp"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        config = self.home / "config"
        if not config.is_dir():
            shutil.copytree(distribution / "config", config)
        if self.secure:
            self._prepare_security(distribution, self._tool_environment(java_home))
        (config / "elasticsearch.yml").write_text(self._node_config(), encoding="utf-8")
        (config / "jvm.options.d" / "newsbeam-heap.options").write_text(f"-Xms{self.heap}\n-Xmx{self.heap}\n", encoding="utf-8")
        if os.geteuid() == 0:
            user = _ensure_service_user()
            for path in (distribution, self.home):
                _check_reachable(path, user)
            # Passwords stay the invoking user's alone; the node reads its own from its keystore.
            _chown_tree(self.home, user, keep=self.credentials)

    def _prepare_security(self, distribution: Path, env: dict[str, str]) -> None:
        """Certificates once per folder; a new `elastic` password whenever its file is missing."""
        try:
            if not self._secured_folder():
                node_security.make_certificates(distribution, self.home / "config", env)
            if not self.password_file.is_file():
                password = node_security.new_password()
                node_security.set_bootstrap_password(distribution, env, password)
                node_security.write_secret_file(self.password_file, password)
        except (node_security.NodeSecurityError, OSError) as exc:
            raise LocalNodeError(f"cannot set up security in {self.home}: {exc}") from None

    def _tool_environment(self, java_home: Path) -> dict[str, str]:
        """For the distribution's command-line tools and its launcher (not the node's own JVM)."""
        return {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "ES_JAVA_HOME": str(java_home),
            "ES_PATH_CONF": str(self.home / "config"),
            "ES_TMPDIR": str(self.home / "tmp"),
            # The tools run for seconds: without the optimizing compiler they start about a third faster.
            "CLI_JAVA_OPTS": "-XX:TieredStopAtLevel=1",
        }

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
            **self._security_config(),
            # A nearly full developer disk must not turn the cluster red.
            "cluster.routing.allocation.disk.threshold_enabled": "false",
            **self.extra_settings,
        }
        return "".join(f"{key}: {value}\n" for key, value in settings.items())

    def _security_config(self) -> dict[str, str]:
        if not self.secure:
            # Local use only, bound to loopback: no TLS or passwords to set up.
            return {"xpack.security.enabled": "false"}
        # HTTPS for clients. A single node bound to loopback talks to no other node, so its
        # transport layer goes without TLS: Elasticsearch only logs a warning about it (the
        # bootstrap check is enforced for nodes bound beyond loopback).
        return {
            "xpack.security.enabled": "true",
            "xpack.security.http.ssl.enabled": "true",
            "xpack.security.http.ssl.certificate": node_security.HTTP_CERT,
            "xpack.security.http.ssl.key": node_security.HTTP_KEY,
            # Users that `es user` adds are accepted within a second, not five.
            "resource.reload.interval.high": "1s",
        }

    def _launch(self, distribution: Path, java_home: Path, timeout: float) -> None:
        env = self._tool_environment(java_home)
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

    def _secured_folder(self) -> bool:
        return (self.home / "config" / node_security.HTTP_CERT).is_file()

    def _not_answering(self) -> str:
        """Why the node this folder's PID file names does not answer `status`."""
        if not self._secured_folder():
            if self.secure:
                return f"the Elasticsearch of {self.home} runs without security; stop it with `newsbeam es down` before starting it with --secure"
            return f"the Elasticsearch of {self.home} runs but does not answer on {self.url}; stop it with `newsbeam es down` first"
        if not self.password_file.is_file():
            return f"the secured Elasticsearch of {self.home} runs, but its password file {self.password_file} is missing"
        return f"the secured Elasticsearch of {self.home} runs but does not answer on {self.url}; stop it with `newsbeam es down` first"

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
    command = [
        "useradd",
        "--system",
        "--user-group",
        "--no-create-home",
        "--home-dir",
        "/nonexistent",
        "--shell",
        "/usr/sbin/nologin",
        SERVICE_USER,
    ]
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


def _chown_tree(path: Path, user: pwd.struct_passwd, keep: Path) -> None:
    """Give the tree to `user`, all but the folder `keep`."""
    for folder, subfolders, files in os.walk(path):
        subfolders[:] = [name for name in subfolders if Path(folder, name) != keep]
        os.chown(folder, user.pw_uid, user.pw_gid)
        for name in files:
            os.chown(os.path.join(folder, name), user.pw_uid, user.pw_gid)


def _tail(path: Path, count: int) -> list[str]:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return [line.rstrip("\n") for line in deque(handle, maxlen=count)]
    except OSError:
        return []
