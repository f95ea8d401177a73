"""newsbeam's analysis plugin (config/elasticsearch/plugin): built with Maven, installed into the local distribution.

The plugin goes into the distribution's `plugins/` folder, so every local node of that version
loads it at its next start: Elasticsearch reads plugins from its home only. It only adds token
filters, so a node that loads it behaves as before for indices that do not use them.

Nothing here is fatal to `newsbeam es up`: without Maven, without a network for Maven's first
download, or with a failing install, the node starts without the plugin and indices created then
fall back to analysis without stemming (connectors.elasticsearch.analysis).
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from connectors.elasticsearch.analysis import PLUGIN_NAME
from foundation.settings import PROJECT_ROOT

log = logging.getLogger(__name__)

PLUGIN_PROJECT = PROJECT_ROOT / "config" / "elasticsearch" / "plugin"
BUILD_DIR = PROJECT_ROOT / ".cache" / "es-plugin"
MAVEN_LOG = BUILD_DIR / "maven.log"
_BUILD_TIMEOUT = 600.0
_TOOL_TIMEOUT = 180.0


class PluginError(RuntimeError):
    """The plugin could not be built or installed; the message is one line saying why and what to do."""


def plugin_zip(build_dir: Path = BUILD_DIR) -> Path | None:
    """The zip Maven built (`make es-plugin`), or None."""
    built = sorted((build_dir / "build").glob(f"{PLUGIN_NAME}-*.zip"))
    return built[-1] if built else None


def ensure_plugin_zip(java_home: Path, project: Path = PLUGIN_PROJECT, build_dir: Path = BUILD_DIR) -> Path:
    """The plugin zip, built by Maven when missing or older than the plugin's sources."""
    built = plugin_zip(build_dir)
    if built is not None and not _stale(built, project):
        return built
    if not (project / "pom.xml").is_file():
        raise PluginError(f"no plugin zip in {build_dir / 'build'} and no plugin sources at {project} to build one")
    maven = shutil.which("mvn")
    if maven is None:
        raise PluginError("Maven (mvn) is not installed, so the analysis plugin cannot be built; install Maven or run `make es-plugin`")
    build_dir.mkdir(parents=True, exist_ok=True)
    log.info("building the analysis plugin with Maven (log: %s)", build_dir / "maven.log")
    command = [maven, "--batch-mode", "--no-transfer-progress", "-f", str(project / "pom.xml"), "package"]
    # Maven's own JVM runs the compiler, which needs Java 21 for Elasticsearch 9's API.
    env = {**os.environ, "JAVA_HOME": str(java_home)}
    with (build_dir / "maven.log").open("w", encoding="utf-8") as output:
        try:
            result = subprocess.run(command, env=env, stdout=output, stderr=subprocess.STDOUT, timeout=_BUILD_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise PluginError(
                f"Maven did not build the analysis plugin within {_BUILD_TIMEOUT:.0f}s (log: {build_dir / 'maven.log'})"
            ) from None
    built = plugin_zip(build_dir)
    if result.returncode != 0 or built is None:
        raise PluginError(
            f"Maven could not build the analysis plugin: {_maven_error(build_dir / 'maven.log')} (log: {build_dir / 'maven.log'})"
        )
    return built


def installed_jar(distribution: Path) -> Path | None:
    jars = sorted((distribution / "plugins" / PLUGIN_NAME).glob("*.jar"))
    return jars[0] if jars else None


def ensure_installed(distribution: Path, archive: Path, env: dict[str, str]) -> bool:
    """Install `archive` into the distribution unless the same build is there; True when it installed.

    A different build (an older one) is removed first. A lock keeps two `es up` from installing at once.
    """
    with _install_lock(distribution):
        if _same_build(distribution, archive):
            return False
        tool = distribution / "bin" / "elasticsearch-plugin"
        if (distribution / "plugins" / PLUGIN_NAME).exists():
            _run(tool, ["remove", "--purge", PLUGIN_NAME], env)
        _run(tool, ["install", "--batch", archive.resolve().as_uri()], env)
        if not _same_build(distribution, archive):
            raise PluginError(
                f"elasticsearch-plugin reported success, but {distribution / 'plugins' / PLUGIN_NAME} does not hold {archive.name}"
            )
        log.info("installed %s into %s", archive.name, distribution)
        return True


def _same_build(distribution: Path, archive: Path) -> bool:
    jar = installed_jar(distribution)
    if jar is None:
        return False
    try:
        with zipfile.ZipFile(archive) as zipped:
            return zipped.read(jar.name) == jar.read_bytes()
    except (KeyError, OSError, zipfile.BadZipFile):
        return False


def _run(tool: Path, arguments: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run([str(tool), *arguments], env=env, capture_output=True, text=True, timeout=_TOOL_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PluginError(f"elasticsearch-plugin {arguments[0]} failed: {exc}") from None
    if result.returncode != 0:
        lines = [
            line.strip() for line in (result.stderr + result.stdout).splitlines() if line.strip() and not line.startswith(("at ", "\tat "))
        ]
        # The tool prints progress lines, then the exception: its message is the reason.
        reasons = [line for line in lines if "Exception" in line or "Error" in line or line.startswith("ERROR")]
        detail = (reasons or lines or [f"exit code {result.returncode}"])[0]
        raise PluginError(f"elasticsearch-plugin {arguments[0]} failed: {detail}")


@contextmanager
def _install_lock(distribution: Path) -> Iterator[None]:
    lock_file = distribution.parent / f".{distribution.name}.plugins.lock"
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _stale(built: Path, project: Path) -> bool:
    """Whether a plugin source is newer than the zip (as make would see it)."""
    if not project.is_dir():
        return False
    sources = [project / "pom.xml", *(path for path in (project / "src").rglob("*") if path.is_file())]
    return any(path.stat().st_mtime > built.stat().st_mtime for path in sources if path.exists())


def _maven_error(maven_log: Path) -> str:
    """Maven's first [ERROR] line: the reason (the ones after it are advice on re-running)."""
    try:
        lines = maven_log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "no log"
    errors = [line.removeprefix("[ERROR]").strip() for line in lines if line.startswith("[ERROR]") and line.strip() != "[ERROR]"]
    return errors[0] if errors else (lines[-1].strip() if lines else "no output")
