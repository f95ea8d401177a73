"""Adding feeds to the feeds file (`feeds import`, `feeds discover --add`) without losing its comments.

PyYAML cannot write a file back with its comments, so the new entries are added as text at the
end of the `feeds:` list, indented as the entries already there: every other line, comment and
section stays as it was. The result is then read back and must equal the old feeds plus the new
ones with every other setting unchanged; when it does not (a `feeds: [...]` flow list, an unusual
layout), the file is written clean by PyYAML instead, comments lost, after a copy to `FILE.bak`.
Nothing is written unless the new file passes `load_feeds`; it replaces the old one atomically.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from connectors.feeds.opml import FeedCandidate
from foundation.config_files import ConfigError, read_yaml, validated
from foundation.feed_settings import Feed, FeedsConfig, load_feeds

log = logging.getLogger(__name__)

_FEEDS_KEY = re.compile(r"^feeds\s*:\s*(#.*)?$")
_ITEM = re.compile(r"^(\s*)-\s")


@dataclass
class Merge:
    added: list[dict[str, Any]] = field(default_factory=list)
    """The new entries, as written."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(name or URL, why)."""
    backup: Path | None = None
    """Where the old file was copied when it had to be rewritten without its comments."""


def url_key(url: str) -> str:
    """The URL as compared for duplicates: scheme and host are case-insensitive, a trailing / is not significant."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")


def add_feeds(path: str | os.PathLike[str], candidates: Iterable[FeedCandidate], *, dry_run: bool = False) -> Merge:
    """Add the candidates whose URL the file does not list yet, each under a name unique there.

    A missing file is created. ConfigError, with the file untouched, when the existing file or
    the result is invalid.
    """
    target = Path(path)
    old = load_feeds(target) if target.exists() else None
    feeds = old.feeds if old else ()
    urls = {url_key(feed.url) for feed in feeds}
    names = {feed.name for feed in feeds}
    merge = Merge()
    for candidate in candidates:
        if url_key(candidate.url) in urls:
            merge.skipped.append((candidate.name, "URL already in the feeds file"))
            continue
        urls.add(url_key(candidate.url))
        name = _unique_name(candidate.name, names)
        names.add(name)
        merge.added.append(candidate.entry(name))
    if merge.added and not dry_run:
        merge.backup = _write(target, old, merge.added)
    return merge


def _unique_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    number = 2
    while f"{name[:190]} ({number})" in taken:
        number += 1
    return f"{name[:190]} ({number})"


def _write(target: Path, old: FeedsConfig | None, entries: list[dict[str, Any]]) -> Path | None:
    text = target.read_text(encoding="utf-8") if old else ""
    backup = None
    expected = (old.feeds if old else ()) + tuple(validated(Feed, entry, source=target, contents="new feed") for entry in entries)
    appended = _appended(text, entries)
    candidate = appended if appended is not None and _matches(target, appended, old, expected) else None
    if candidate is None:
        if old is not None:
            log.warning("%s: cannot add the feeds as text; rewriting the file without its comments (a copy is kept)", target)
            backup = target.with_name(target.name + ".bak")
            shutil.copy2(target, backup)
        data = read_yaml(target, "feeds file") if old else {}
        data["feeds"] = list(data.get("feeds") or []) + entries
        candidate = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None)
        if not _matches(target, candidate, old, expected):
            raise ConfigError(f"{target}: the feeds file with the new feeds added does not read back as written (nothing changed)")
    _replace(target, candidate)
    return backup


def _appended(text: str, entries: list[dict[str, Any]]) -> str | None:
    """`text` with `entries` added at the end of its block-style `feeds:` list; None when there is none."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _FEEDS_KEY.match(line)), None)
    if start is None:
        return None
    last, indent = start, None
    for i in range(start + 1, len(lines)):
        line = lines[i]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not (line[0].isspace() or line.startswith("-")):
            break  # the next top-level key
        last = i
        item = _ITEM.match(line)
        if indent is None and item:
            indent = item.group(1)
    if indent is None:
        return None
    rendered = yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, default_flow_style=None)
    block = "".join(indent + line for line in rendered.splitlines(keepends=True))
    before = "".join(lines[: last + 1])
    if not before.endswith("\n"):
        before += "\n"
    return before + block + "".join(lines[last + 1 :])


def _matches(target: Path, text: str, old: FeedsConfig | None, expected: tuple[Feed, ...]) -> bool:
    """Whether `text`, validated as the feeds file, holds `expected` and the old file's other settings."""
    with tempfile.TemporaryDirectory(dir=target.parent if target.parent.exists() else None) as folder:
        probe = Path(folder) / target.name
        probe.write_text(text, encoding="utf-8")
        try:
            new = load_feeds(probe)
        except ConfigError as exc:
            raise ConfigError(str(exc).replace(str(probe), str(target)) + " (nothing changed)") from None
    if new.feeds != expected:
        return False
    return old is None or new.model_dump(exclude={"feeds"}) == old.model_dump(exclude={"feeds"})


def _replace(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        if target.exists():
            shutil.copymode(target, temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
