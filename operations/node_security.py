"""TLS certificates, the `elastic` password and least-privilege users of a secured local node.

All are made with the distribution's own tools, so nothing is hand-rolled: `elasticsearch-certutil`
makes a CA and an HTTP certificate for 127.0.0.1/localhost signed by it, `elasticsearch-keystore`
stores a random `bootstrap.password`, which Elasticsearch takes as the `elastic` user's password
until someone changes it through the API, and `elasticsearch-users` adds users of the file realm.

Users and roles live in files (`config/users`, `config/roles.yml`, reloaded by the running node
within seconds), not in the security index: the integ-test distribution lacks the analysis module
that index's mapping needs, so it has no API keys, native users or API-defined roles.
"""

from __future__ import annotations

import logging
import os
import secrets
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)

_TOOL_TIMEOUT = 180.0
# Elasticsearch reads these, relative to its config folder.
HTTP_CERT = "certs/http.crt"
HTTP_KEY = "certs/http.key"
CA_CERT = "certs/ca.crt"


class NodeSecurityError(RuntimeError):
    """A certificate or the password could not be made; the message says which tool failed and why."""


def make_certificates(distribution: Path, config: Path, env: dict[str, str]) -> None:
    """A new CA and an HTTP certificate for 127.0.0.1 and localhost in `config/certs`, keys readable by the owner only."""
    certs = config / "certs"
    certs.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=certs) as work:
        # certutil resolves relative paths against its own home, so every path it gets is absolute.
        ca_zip, http_zip = Path(work, "ca.zip").resolve(), Path(work, "http.zip").resolve()
        _run_tool(
            distribution,
            "elasticsearch-certutil",
            ["ca", "--pem", "--silent", "--days", "3650", "--ca-dn", "CN=newsbeam local node CA", "--out", str(ca_zip)],
            env,
        )
        _unzip(ca_zip, certs)
        _run_tool(
            distribution,
            "elasticsearch-certutil",
            [
                "cert",
                "--pem",
                "--silent",
                "--days",
                "3650",
                "--name",
                "http",
                "--ip",
                "127.0.0.1",
                "--dns",
                "localhost",
                "--ca-cert",
                str(certs / "ca.crt"),
                "--ca-key",
                str(certs / "ca.key"),
                "--out",
                str(http_zip),
            ],
            env,
        )
        _unzip(http_zip, certs)
    # Nothing else is ever signed with the CA's key: not keeping it leaves nothing to steal.
    (certs / "ca.key").unlink()
    for name in ("ca.crt", "http.crt"):
        (certs / name).chmod(0o644)


def set_bootstrap_password(distribution: Path, env: dict[str, str], password: str) -> None:
    """Store `password` as `bootstrap.password` in the keystore of the config folder `env` names (created if missing)."""
    _run_tool(distribution, "elasticsearch-keystore", ["add", "--force", "--stdin", "bootstrap.password"], env, stdin=password)


def put_file_role(config: Path, name: str, descriptor: dict[str, Any]) -> None:
    """Add or replace the role `name` in `config/roles.yml`, keeping the others."""
    path = config / "roles.yml"
    roles = (yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None) or {}
    roles[name] = descriptor
    # Written in place, so the file keeps the owner the node runs as.
    with path.open("w", encoding="utf-8") as handle:
        yaml.safe_dump(roles, handle, sort_keys=True)


def add_file_user(distribution: Path, env: dict[str, str], name: str, password: str, role: str) -> None:
    """Add the file-realm user `name` with `role`, replacing any older user of that name.

    The password goes through stdin (asked twice), not the command line other users can see.
    """
    users = Path(env["ES_PATH_CONF"]) / "users"
    if users.is_file() and any(line.split(":", 1)[0] == name for line in users.read_text(encoding="utf-8").splitlines()):
        _run_tool(distribution, "elasticsearch-users", ["userdel", name], env)
    _run_tool(distribution, "elasticsearch-users", ["useradd", name, "--roles", role], env, stdin=f"{password}\n{password}\n")


def new_password() -> str:
    return secrets.token_urlsafe(24)


def write_secret_file(path: Path, secret: str) -> None:
    """Write `secret` to a file only the current user can read (in a folder only they can enter), replacing any older one."""
    path.parent.mkdir(mode=0o700, exist_ok=True)
    path.parent.chmod(0o700)
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(secret + "\n")


def _run_tool(distribution: Path, tool: str, args: list[str], env: dict[str, str], stdin: str | None = None) -> None:
    command = [str(distribution / "bin" / tool), *args]
    log.info("running %s %s", tool, args[0])
    try:
        result = subprocess.run(command, env=env, input=stdin, capture_output=True, text=True, timeout=_TOOL_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise NodeSecurityError(f"{tool} {args[0]} could not run: {exc}") from None
    if result.returncode != 0:
        # The tools print a Java stack trace after the message; its first lines say what went wrong.
        output = (result.stderr or result.stdout).strip().splitlines()[:3]
        raise NodeSecurityError(f"{tool} {args[0]} failed (exit {result.returncode}): " + " / ".join(output))


def _unzip(archive: Path, target: Path) -> None:
    """certutil writes `<name>/<name>.crt|key` into a zip; the files go flat into `target`, readable
    by the owner only from the start (a key must never be readable by others, even for a moment)."""
    with zipfile.ZipFile(archive) as zipped:
        for info in zipped.infolist():
            if not info.is_dir():
                descriptor = os.open(target / Path(info.filename).name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(zipped.read(info))
