"""Downloading, verifying and unpacking the official Elasticsearch integ-test-zip from Maven Central."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

log = logging.getLogger(__name__)

MAVEN_URL = "https://repo1.maven.org/maven2"
ARTIFACT_PATH = "org/elasticsearch/distribution/integ-test-zip/elasticsearch"

# Maven Central publishes no checksum file beside the 9.x integ-test-zips, so the digest of the
# pinned version is kept here (taken from the artifact and checked against a second download).
# Versions that do publish `.sha512`/`.sha1` are verified against those instead.
PINNED_SHA512 = {
    "9.5.2": "235e25fde8307c6dec328a905930e572aae6d113ba627b12015885ad9c608ad67655b721341aa4e656a41a24c67b2519f1e518710aa553e57fcf8613430eb192",
}

_TIMEOUT = httpx.Timeout(30.0, connect=15.0)
_CHUNK = 1 << 20


class DistributionError(RuntimeError):
    """The distribution could not be downloaded, verified or unpacked."""


def artifact_url(version: str) -> str:
    base = os.environ.get("NEWSBEAM_MAVEN_URL", MAVEN_URL).rstrip("/")
    return f"{base}/{ARTIFACT_PATH}/{version}/elasticsearch-{version}.zip"


def ensure_distribution(version: str, downloads: Path, install_root: Path) -> Path:
    """The unpacked `elasticsearch-<version>` folder, downloading and unpacking it once."""
    home = install_root / f"elasticsearch-{version}"
    if (home / "bin" / "elasticsearch").is_file():
        return home
    archive = ensure_archive(version, downloads)
    _unpack(archive, install_root, home)
    return home


def ensure_archive(version: str, downloads: Path) -> Path:
    """The verified zip in the download cache, fetched when missing."""
    downloads.mkdir(parents=True, exist_ok=True)
    archive = downloads / f"elasticsearch-{version}.zip"
    if archive.is_file():
        return archive
    url = artifact_url(version)
    with httpx.Client(timeout=_TIMEOUT, follow_redirects=True) as http:
        algorithm, expected = _expected_digest(http, url, version)
        partial = archive.with_suffix(".zip.part")
        actual = _download(http, url, partial, algorithm)
        if actual != expected:
            partial.unlink(missing_ok=True)
            raise DistributionError(f"checksum mismatch for {url}: expected {algorithm} {expected}, got {actual}")
    partial.replace(archive)
    log.info("downloaded and verified %s (%s)", archive, algorithm)
    return archive


def _expected_digest(http: httpx.Client, url: str, version: str) -> tuple[str, str]:
    for algorithm in ("sha512", "sha1"):
        try:
            response = http.get(f"{url}.{algorithm}")
        except httpx.HTTPError as exc:
            raise DistributionError(f"cannot reach {url}.{algorithm}: {exc}") from None
        if response.status_code == 200 and response.text.strip():
            return algorithm, response.text.split()[0].lower()
    if version in PINNED_SHA512:
        return "sha512", PINNED_SHA512[version]
    raise DistributionError(
        f"no checksum is published beside {url} and newsbeam pins none for {version}; "
        f"refusing to run an unverified download (pinned versions: {', '.join(PINNED_SHA512)})"
    )


def _download(http: httpx.Client, url: str, target: Path, algorithm: str) -> str:
    digest = hashlib.new(algorithm)
    try:
        with http.stream("GET", url) as response:
            if response.status_code == 404:
                raise DistributionError(f"{url} does not exist: is the version right?")
            response.raise_for_status()
            total = int(response.headers.get("content-length", 0)) or None
            with target.open("wb") as out, _progress(total, url.rsplit("/", 1)[-1]) as advance:
                for chunk in response.iter_bytes(_CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    advance(len(chunk))
    except httpx.HTTPError as exc:
        target.unlink(missing_ok=True)
        raise DistributionError(f"download of {url} failed: {exc}") from None
    return digest.hexdigest()


@contextmanager
def _progress(total: int | None, label: str) -> Iterator[Callable[[int], None]]:
    """A download bar on a terminal; one log line otherwise, so CI logs stay readable."""
    if not sys.stderr.isatty():
        log.info("downloading %s (%s MB)", label, round(total / 1e6) if total else "?")
        yield lambda size: None
        return
    columns = ("[progress.description]{task.description}", BarColumn(), DownloadColumn(), TransferSpeedColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda size: bar.advance(task, size)


def _unpack(archive: Path, install_root: Path, home: Path) -> None:
    install_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".unpack-", dir=install_root))
    try:
        with zipfile.ZipFile(archive) as zipped:
            top = zipped.namelist()[0].split("/")[0]
            for info in zipped.infolist():
                extracted = Path(zipped.extract(info, staging))
                # zipfile drops Unix permissions; the launch scripts need their executable bits.
                mode = info.external_attr >> 16
                if mode:
                    extracted.chmod(mode & 0o777)
        shutil.rmtree(home, ignore_errors=True)
        (staging / top).rename(home)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DistributionError(f"cannot unpack {archive}: {exc}; delete it to download again") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
