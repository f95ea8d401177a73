"""Finding a Java runtime that a given Elasticsearch version accepts."""

from __future__ import annotations

import logging
import os
import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SYSTEM_JVM_DIRS = (Path("/usr/lib/jvm"), Path("/usr/java"), Path("/opt/java"), Path("/Library/Java/JavaVirtualMachines"))


class JavaNotFound(RuntimeError):
    """No usable Java; the message names the minimum version and what was tried."""


@dataclass(frozen=True)
class JavaHome:
    path: Path
    major: int


def minimum_java(es_version: str) -> int:
    """The oldest Java major version an Elasticsearch release runs on (9.x: 21, 8.x: 17)."""
    return 21 if int(es_version.split(".")[0]) >= 9 else 17


def find_java(minimum: int, environ: Mapping[str, str] | None = None, search_dirs: tuple[Path, ...] = SYSTEM_JVM_DIRS) -> JavaHome:
    """ES_JAVA_HOME if set (it must be new enough), else JAVA_HOME, else the newest installed JDK."""
    environ = os.environ if environ is None else environ
    explicit = environ.get("ES_JAVA_HOME")
    if explicit:
        home = _inspect(Path(explicit))
        if home is None:
            raise JavaNotFound(
                f"ES_JAVA_HOME={explicit} is not a Java installation (no bin/java); Elasticsearch needs Java {minimum} or newer"
            )
        if home.major < minimum:
            raise JavaNotFound(f"ES_JAVA_HOME={explicit} is Java {home.major}; Elasticsearch needs Java {minimum} or newer")
        return home
    candidates: list[JavaHome] = []
    if environ.get("JAVA_HOME"):
        home = _inspect(Path(environ["JAVA_HOME"]))
        if home and home.major >= minimum:
            return home
        log.info("JAVA_HOME=%s is not Java %d or newer; looking for another JDK", environ["JAVA_HOME"], minimum)
    for root in search_dirs:
        if root.is_dir():
            for entry in sorted(root.iterdir()):
                for path in (entry, entry / "Contents" / "Home"):
                    home = _inspect(path)
                    if home:
                        candidates.append(home)
    usable = [home for home in candidates if home.major >= minimum]
    if usable:
        return max(usable, key=lambda home: home.major)
    found = ", ".join(f"{home.path} (Java {home.major})" for home in candidates) or "none"
    searched = ", ".join(str(root) for root in search_dirs)
    raise JavaNotFound(
        f"Elasticsearch needs Java {minimum} or newer. Installed JDKs found in {searched}: {found}. "
        f"Install a JDK {minimum}+ or point ES_JAVA_HOME at one."
    )


def _inspect(path: Path) -> JavaHome | None:
    if not (path / "bin" / "java").is_file():
        return None
    major = _major_from_release(path / "release") or _major_from_binary(path / "bin" / "java")
    return JavaHome(path.resolve(), major) if major else None


def _major_from_release(release: Path) -> int | None:
    try:
        text = release.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = re.search(r'^JAVA_VERSION="([^"]+)"', text, re.MULTILINE)
    return _major(match.group(1)) if match else None


def _major_from_binary(java: Path) -> int | None:
    try:
        result = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r'version "([^"]+)"', result.stderr)
    return _major(match.group(1)) if match else None


def _major(version: str) -> int | None:
    # "1.8.0_392" is Java 8; "17.0.15" and "25" are what they say.
    parts = version.split(".")
    try:
        return int(parts[1]) if parts[0] == "1" and len(parts) > 1 else int(parts[0])
    except ValueError:
        return None
