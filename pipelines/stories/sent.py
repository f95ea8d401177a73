"""What the stories window sent on under each id, in columns beside the index's slots.

The window holds up to 100,000 articles, most of which nobody copies: an object and an ordered-dict
entry for each (about 280 bytes) were a quarter of its memory. Here an article's record is a row of
numpy columns at its slot in `StoryIndex`, whose map of ids, story ids, times and eviction it
shares, plus four references; only articles without a signature (an empty body), which the index
does not hold, have an object in a small ordered map of their own.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace

import numpy as np

from pipelines.stories.index import StoryIndex

Rank = tuple[int, int]
"""(body length << 32 | fetch time, digest of the source): the longest, then latest, copy ranks highest."""


@dataclass(frozen=True, slots=True)
class Sent:
    story_id: str
    near_duplicate_of: str | None
    content: int
    """A 64-bit digest of the content hash."""
    rank: Rank | None
    """Only where the longest copy is kept (`prefer_complete`)."""
    at: float
    # The figures of the article's story while it stands alone (see `StoryAssigner`); else None.
    first_seen: str | None = None
    first_publisher: str | None = None
    outlet: str | None = None


class SentLog:
    """`put` after the article was added to the index; `get` while it is in the window."""

    def __init__(self, index: StoryIndex) -> None:
        self._index = index
        self._content = np.zeros(0, dtype=np.uint64)
        self._rank = np.zeros((0, 2), dtype=np.uint64)
        self._ranked = np.zeros(0, dtype=np.bool_)
        self._near: list[str | None] = []
        self._first_seen: list[str | None] = []
        self._first_publisher: list[str | None] = []
        self._outlet: list[str | None] = []
        self._unsigned: OrderedDict[str, Sent] = OrderedDict()

    def __len__(self) -> int:
        return len(self._index) + len(self._unsigned)

    def get(self, article_id: str) -> Sent | None:
        slot = self._index.slot(article_id)
        if slot is None:
            return self._unsigned.get(article_id)
        story_id, at = self._index.entry(slot)
        rank = (int(self._rank[slot, 0]), int(self._rank[slot, 1])) if self._ranked[slot] else None
        return Sent(
            story_id,
            self._near[slot],
            int(self._content[slot]),
            rank,
            at,
            self._first_seen[slot],
            self._first_publisher[slot],
            self._outlet[slot],
        )

    def put(self, article_id: str, sent: Sent) -> None:
        """Record what was sent; the index's slot already holds its story id and time."""
        slot = self._index.slot(article_id)
        if slot is None:
            self._unsigned[article_id] = sent
            self._unsigned.move_to_end(article_id)
            return
        self._unsigned.pop(article_id, None)
        self._make_room(slot)
        self._content[slot] = sent.content
        self._ranked[slot] = sent.rank is not None
        self._rank[slot] = sent.rank or (0, 0)
        self._near[slot] = sent.near_duplicate_of
        self._first_seen[slot], self._first_publisher[slot], self._outlet[slot] = sent.first_seen, sent.first_publisher, sent.outlet

    def no_longer_alone(self, article_id: str) -> None:
        """Forget the story figures kept with an article: its story is now kept as a story."""
        slot = self._index.slot(article_id)
        if slot is None:
            if article_id in self._unsigned:
                self._unsigned[article_id] = replace(self._unsigned[article_id], first_seen=None, first_publisher=None, outlet=None)
            return
        self._first_seen[slot] = self._first_publisher[slot] = self._outlet[slot] = None

    def evict(self, oldest: float, cap: int) -> None:
        """The unsigned articles' limits (the index evicts the others)."""
        while self._unsigned:
            first = next(iter(self._unsigned.values()))
            if first.at >= oldest and len(self._unsigned) <= cap:
                break
            self._unsigned.popitem(last=False)

    def _make_room(self, slot: int) -> None:
        if slot < len(self._near):
            return
        more = max(slot + 1, len(self._near) * 3 // 2, 1024) - len(self._near)
        self._content = np.concatenate([self._content, np.zeros(more, dtype=np.uint64)])
        self._rank = np.concatenate([self._rank, np.zeros((more, 2), dtype=np.uint64)])
        self._ranked = np.concatenate([self._ranked, np.zeros(more, dtype=np.bool_)])
        for column in (self._near, self._first_seen, self._first_publisher, self._outlet):
            column.extend([None] * more)
