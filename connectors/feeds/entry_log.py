"""The entries of one feed seen recently, so each poll processes only new and edited ones."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from connectors.feeds.parsing import FeedEntry
from foundation.records import SourceHints
from foundation.vocabulary import EntryChange


@dataclass
class _Remembered:
    fingerprint: str
    last_seen: float
    pending: FeedEntry | None
    """Kept until its page is fetched (or given up on), so a 304 poll can still retry it."""
    attempts: int = 0
    link: str | None = None
    """Where its page is, to ask Elasticsearch after a restart whether it was indexed."""


@dataclass
class EntryLog:
    """The entries of one feed seen recently: bounded by count and age, so memory stays flat.

    An entry is new (key never seen), updated (its fingerprint changed) or due for a retry (its
    page has not been fetched yet, whether or not the feed still lists it); otherwise polling it
    again does nothing.
    """

    max_entries: int
    max_age: float
    max_attempts: int
    """Page fetches per entry (version) before it is given up on."""
    entries: dict[str, _Remembered] = field(default_factory=dict)

    def select(self, found: list[FeedEntry], now: float) -> list[tuple[FeedEntry, EntryChange]]:
        """The entries to process, each with why (`new`, `updated`, `retry`); remembers them all."""
        chosen = []
        for entry in found:
            known = self.entries.get(entry.key)
            if known is not None and known.fingerprint == entry.fingerprint:
                known.last_seen = now
                continue
            chosen.append((entry, EntryChange.NEW if known is None else EntryChange.UPDATED))
            self.entries[entry.key] = _Remembered(entry.fingerprint, now, pending=entry, link=entry.link)
        listed = {entry.key for entry, _ in chosen}
        chosen += [
            (known.pending, EntryChange.RETRY) for key, known in self.entries.items() if known.pending is not None and key not in listed
        ]
        self._prune(now)
        return chosen

    def page_attempted(self, key: str, *, done: bool) -> bool:
        """Record a page fetch (done: fetched, or not worth retrying); True when it will not be tried again."""
        known = self.entries.get(key)
        if known is None:
            return True
        known.attempts += 1
        if done or self.gives_up(known.attempts):
            known.pending = None
        return known.pending is None

    def gives_up(self, attempts: int) -> bool:
        """The retry limit: whether an entry's page is not tried again once fetched in vain `attempts` times."""
        return attempts >= self.max_attempts

    def attempts(self, key: str) -> int:
        known = self.entries.get(key)
        return known.attempts if known else 0

    def settled(self, limit: int) -> dict[str, str | None]:
        """Key → link of the (at most `limit`) most recently seen entries no longer waiting for their page."""
        done = sorted((item for item in self.entries.items() if item[1].pending is None), key=lambda item: item[1].last_seen, reverse=True)
        return {key: known.link for key, known in done[:limit]}

    def forget(self, keys: set[str]) -> None:
        """Forget these entries: the next poll that lists them treats them as new."""
        for key in keys:
            self.entries.pop(key, None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form of the remembered entries (the limits come from the settings)."""
        return {
            key: {
                "fingerprint": known.fingerprint,
                "last_seen": known.last_seen,
                "attempts": known.attempts,
                "link": known.link,
                "pending": _entry_to_dict(known.pending) if known.pending else None,
            }
            for key, known in self.entries.items()
        }

    def restore(self, data: dict[str, Any]) -> None:
        """Remember the entries of `to_dict()` (as saved by an earlier run)."""
        for key, known in data.items():
            pending = _entry_from_dict(known["pending"]) if known.get("pending") else None
            self.entries[key] = _Remembered(
                known["fingerprint"], float(known["last_seen"]), pending, int(known.get("attempts", 0)), known.get("link")
            )

    def _prune(self, now: float) -> None:
        cutoff = now - self.max_age
        for key in [key for key, known in self.entries.items() if known.last_seen < cutoff]:
            del self.entries[key]
        excess = len(self.entries) - self.max_entries
        if excess > 0:
            for key in sorted(self.entries, key=lambda k: self.entries[k].last_seen)[:excess]:
                del self.entries[key]


def _entry_to_dict(entry: FeedEntry) -> dict[str, Any]:
    return {"key": entry.key, "link": entry.link, "hints": asdict(entry.hints)}


def _entry_from_dict(data: dict[str, Any]) -> FeedEntry:
    hints: dict[str, Any] = {name: tuple(value) if isinstance(value, list) else value for name, value in data["hints"].items()}
    return FeedEntry(data["key"], data["link"], SourceHints(**hints))
