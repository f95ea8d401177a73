"""A bounded, time-windowed index of recent signatures that says which story an article joins.

Candidates come from a banded LSH (`lsh.BandIndex`, compact numpy storage) and are then verified,
because LSH tuned for recall at low similarity lets through pairs that merely share a few phrases:

- estimated Jaccard ≥ `jaccard_threshold` (exact reposts, re-wrapped or re-headlined copies), or
- estimated containment of the shorter text in the longer ≥ `containment_threshold`, when the
  shorter has at least `min_shingles` shingles (a copy cut after a few paragraphs, or an original
  that a copy extended; short texts are left out because a few sentences are "contained" in many
  reports that quote them). 0.6 because the copy's own headline and boilerplate count against it;
  different articles on the same subject score under 0.05 on the labelled set (bench/stories_eval.py).

The window keeps the entries added in the last `window` (by the times given to `add`) and at most
`max_entries` of them, oldest out first, so memory is bounded whatever the stream's rate: about 0.5 KB
per article, since only 16 bits of each MinHash value, the band links, the shingle count, the story
id and the time are kept, not the signature objects (with what `StoryAssigner` keeps beside it, a
window of 100,000 articles is 84 MB: bench/stories_eval.py). A story's id is the id of its first article: an article that matches takes the story id of
what it matched.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from pipelines.stories.lsh import BandIndex, band_keys
from pipelines.stories.signature import NUM_PERM, Signature, containment, sign

DEFAULT_WINDOW = timedelta(days=7)
DEFAULT_MAX_ENTRIES = 100_000
# 24 bands of 2 values: a pair at Jaccard 0.3 becomes a candidate with probability 0.90, at 0.4
# with 0.985 (a copy cut to half its original is near 0.4). Bands of 2 let through more
# candidates than datasketch's own choice for 0.3 (37 bands of 3), and verification is cheap.
# Unrelated articles (Jaccard near 0) almost never share a band. Each band costs 12 bytes per
# article (two chain links and a bucket head); 16 bands lost 5% of the cut copies on the labelled set.
LSH_BANDS = (24, 2)


@dataclass(frozen=True)
class StoryMatch:
    """The story an article joins and the article it was found to copy."""

    story_id: str
    near_duplicate_of: str
    jaccard: float
    containment: float


class StoryIndex:
    """Recent articles' signatures; `match` finds a new article's story, `add` remembers it.

    What is kept per article sits in columns indexed by its LSH slot (a list of ids and of story ids,
    numpy arrays of shingle counts and times) rather than in an object per article: a third less
    memory, and a pickled window is read back in a fraction of the time.
    """

    def __init__(
        self,
        *,
        window: timedelta = DEFAULT_WINDOW,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        jaccard_threshold: float = 0.5,
        containment_threshold: float = 0.6,
        min_shingles: int = 30,
        bands: tuple[int, int] = LSH_BANDS,
    ) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        if window <= timedelta(0):
            raise ValueError("window must be positive")
        self.window = window
        self.max_entries = max_entries
        self.jaccard_threshold = jaccard_threshold
        self.containment_threshold = containment_threshold
        self.min_shingles = min_shingles
        self.bands = bands
        self._lsh = BandIndex(NUM_PERM, *bands, max_slots=max_entries)
        # Article id -> slot; insertion order is age order for a stream, eviction pops from the front.
        self._slots: OrderedDict[str, int] = OrderedDict()
        self._ids: list[str] = []
        self._stories: list[str] = []
        self._shingles = np.zeros(0, dtype=np.int32)
        self._added = np.zeros(0, dtype=np.float64)
        """POSIX seconds of each addition: 8 bytes, where a datetime takes 48."""
        self._latest: datetime | None = None

    def __len__(self) -> int:
        return len(self._slots)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._slots

    def slot(self, article_id: str) -> int | None:
        """The slot an article holds (None when it is not in the window), for columns kept beside the index."""
        return self._slots.get(article_id)

    def entry(self, slot: int) -> tuple[str, float]:
        """The story id a slot's article was added with, and when (POSIX seconds)."""
        return self._stories[slot], float(self._added[slot])

    def band_keys(self, signature: Signature) -> list[str]:
        """The signature's band keys as strings, to store with the article for later runs' candidate queries."""
        return band_keys(signature.minhash.hashvalues, *self.bands)

    def match(self, signature: Signature) -> StoryMatch | None:
        """The best verified match among the window's entries, or None when the article starts a story."""
        if signature.shingles == 0:
            return None
        values = signature.minhash.hashvalues
        slots = self._lsh.candidates(values)
        if not slots.size:
            return None
        jaccards = self._lsh.similarity(slots, values)
        # Most similar first, and no further than the best verified similarity: a story copied a
        # thousand times puts a thousand candidates in one bucket, and the first is the one.
        order = np.argsort(-jaccards, kind="stable")
        best: StoryMatch | None = None
        for slot, jaccard in zip(slots[order].tolist(), jaccards[order].tolist(), strict=True):
            if best is not None and jaccard < best.jaccard:
                break
            shingles = int(self._shingles[slot])
            contained = containment(jaccard, signature.shingles, shingles)
            if not self._verified(signature.shingles, shingles, jaccard, contained):
                continue
            if best is None or (jaccard, contained) > (best.jaccard, best.containment):
                best = StoryMatch(self._stories[slot], self._ids[slot], jaccard, contained)
        return best

    def add(self, article_id: str, signature: Signature, added_at: datetime, story_id: str | None = None) -> None:
        """Remember an article (its own story unless `story_id` says otherwise), then evict what is out of the window."""
        if article_id in self._slots:
            self._remove(article_id)
        if signature.shingles:
            if len(self._slots) >= self.max_entries:
                self._remove(next(iter(self._slots)))
            slot = self._lsh.insert(np.asarray(signature.minhash.hashvalues, dtype=np.uint32))
            self._make_room(slot)
            self._slots[article_id] = slot
            self._ids[slot] = article_id
            self._stories[slot] = story_id or article_id
            self._shingles[slot] = signature.shingles
            self._added[slot] = added_at.timestamp()
        if self._latest is None or added_at > self._latest:
            self._latest = added_at
        self.evict()

    def assign(self, article_id: str, body: str, added_at: datetime) -> StoryMatch | None:
        """Sign a body, find its story and add it: what a pipeline does for each article."""
        signature = sign(body)
        found = self.match(signature)
        self.add(article_id, signature, added_at, found.story_id if found else None)
        return found

    def evict(self, now: datetime | None = None) -> int:
        """Drop entries older than the window (measured from `now`, default the latest addition) and any over the cap."""
        latest = now or self._latest
        oldest_kept = (latest - self.window).timestamp() if latest is not None else None
        dropped = 0
        while self._slots:
            oldest_id, slot = next(iter(self._slots.items()))
            too_old = oldest_kept is not None and self._added[slot] < oldest_kept
            if not too_old and len(self._slots) <= self.max_entries:
                break
            self._remove(oldest_id)
            dropped += 1
        return dropped

    def _make_room(self, slot: int) -> None:
        """Columns as long as the LSH's slots (new arrays, not resized in place: unpickled ones may be views)."""
        if slot < len(self._ids):
            return
        more = self._lsh.capacity - len(self._ids)
        self._ids.extend([""] * more)
        self._stories.extend([""] * more)
        self._shingles = np.concatenate([self._shingles, np.zeros(more, dtype=np.int32)])
        self._added = np.concatenate([self._added, np.zeros(more, dtype=np.float64)])

    def _remove(self, article_id: str) -> None:
        slot = self._slots.pop(article_id)
        self._ids[slot] = self._stories[slot] = ""
        self._lsh.remove(slot)

    def _verified(self, new_shingles: int, old_shingles: int, jaccard: float, contained: float) -> bool:
        if jaccard >= self.jaccard_threshold:
            return True
        return min(new_shingles, old_shingles) >= self.min_shingles and contained >= self.containment_threshold
