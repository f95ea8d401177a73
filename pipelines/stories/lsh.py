"""A compact banded LSH over MinHash values: numpy arrays in fixed slots, no Python object per band.

Written by hand rather than with datasketch's `MinHashLSH` because of memory: its dict storage keeps a
Python set per bucket and the band keys as bytes objects twice over, about 8.8 KB per article for 24
bands (882 MB for a window of 100,000). Here an article is one row of 16-bit values and, per band, a
link in a singly linked bucket chain (an int32), plus a bucket head table of a half to one int32
per band and article: about 0.4 KB per article at 128 values and 24 bands.

Only the low 16 bits of each MinHash value are kept (b-bit MinHash): two different values agree
there by chance once in 65,536, which `similarity` takes out of its estimate, so the verified
Jaccard is the same to the fourth decimal at half the memory. A band's key is its `rows` values;
the bucket is a multiplicative hash of them, and a chain may hold other keys that fell in the same
bucket, so every candidate is confirmed by comparing its band values exactly. Removal walks the
slot's chains from their heads (short: about one slot per bucket), which the window's eviction
does for every article it lets in once it is full; a second, backward link per band would make it
constant time at 96 more bytes per article.

A pickled index (the pipelines keep their window in the worker's memory, but a window may be handed
to another process) holds only its rows in use, and one read back copies them into arrays of its
own, so that it can grow: numpy's in-place resize refuses the views of the pickle's buffer that
unpickling may give.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

Values = npt.NDArray[np.uint32]
Slots = npt.NDArray[np.intp]
Kept = npt.NDArray[np.uint16]
_KEPT = np.uint16
"""What is kept of each MinHash value (see the module)."""
_CHANCE = 1 / 65536

# Fibonacci hashing: the top bits of key * 2^64/phi spread consecutive and structured keys evenly.
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_INITIAL_SLOTS = 1024


def band_keys(values: Values, bands: int, rows: int) -> list[str]:
    """One string per band (`<band>:<values in hex>`): the keys to store with an article so that a
    `terms` query finds the same candidates as the in-memory index."""
    banded = np.asarray(values, dtype=np.uint32)[: bands * rows].reshape(bands, rows)
    return [f"{band}:{''.join(f'{value:08x}' for value in band_values)}" for band, band_values in enumerate(banded.tolist())]


def _kept(values: Values) -> Kept:
    return (np.asarray(values, dtype=np.uint32) & 0xFFFF).astype(_KEPT)


class BandIndex:
    """Slots holding MinHash values; `insert` takes a free slot, `candidates` finds the slots sharing a band."""

    def __init__(self, num_perm: int, bands: int, rows: int, max_slots: int) -> None:
        if bands * rows > num_perm:
            raise ValueError(f"{bands} bands of {rows} need {bands * rows} values, a signature has {num_perm}")
        if max_slots < 1:
            raise ValueError("max_slots must be at least 1")
        self.num_perm, self.bands, self.rows, self.max_slots = num_perm, bands, rows, max_slots
        self._band_range = np.arange(bands)
        slots = min(max_slots, _INITIAL_SLOTS)
        self._values = np.zeros((slots, num_perm), dtype=_KEPT)
        self._next = np.zeros((slots, bands), dtype=np.int32)
        self._size_table(slots)
        # Slots from `_fresh` on were never used; `_freed` holds the removed ones, taken first.
        self._fresh = 0
        self._freed: list[int] = []

    def __getstate__(self) -> dict[str, Any]:
        used = self._fresh
        return {
            "shape": (self.num_perm, self.bands, self.rows, self.max_slots, self.capacity, self._table_bits),
            "rows": (self._values[:used], self._next[:used]),
            "heads": self._heads,
            "freed": self._freed,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.num_perm, self.bands, self.rows, self.max_slots, capacity, self._table_bits = state["shape"]
        self._band_range = np.arange(self.bands)
        # Copies into arrays of their own: unpickled arrays may be views of the pickle's buffer.
        values, links = state["rows"]
        used = len(values)
        self._values = np.zeros((capacity, values.shape[1]), dtype=_KEPT)
        self._next = np.zeros((capacity, links.shape[1]), dtype=np.int32)
        self._values[:used] = values
        self._next[:used] = links
        self._heads = np.array(state["heads"])
        self._fresh = used
        self._freed = list(state["freed"])

    @property
    def capacity(self) -> int:
        return len(self._values)

    def __len__(self) -> int:
        return self._fresh - len(self._freed)

    def similarity(self, slots: Slots, values: Values) -> npt.NDArray[np.float64]:
        """The estimated Jaccard of `values` with each slot's signature (chance agreements of the kept bits taken out)."""
        agreed = (self._values[slots] == _kept(values)).mean(axis=1)
        return np.clip((agreed - _CHANCE) / (1 - _CHANCE), 0.0, 1.0)

    def insert(self, values: Values) -> int:
        """Store a signature's values in a free slot (growing up to `max_slots`) and return the slot."""
        if self._freed:
            slot = self._freed.pop()
        else:
            if self._fresh == self.capacity:
                self._grow()
            slot = self._fresh
            self._fresh += 1
        self._values[slot] = _kept(values)
        buckets = self._buckets(self._values[slot : slot + 1])[0]
        # Links are slot + 1 so that the zeroed arrays mean "no link"; a new slot heads its chains.
        self._next[slot] = self._heads[self._band_range, buckets]
        self._heads[self._band_range, buckets] = slot + 1
        return slot

    def remove(self, slot: int) -> None:
        """Unlink a slot from its bucket chains (every band's at once, walking them from their heads) and free it."""
        buckets = self._buckets(self._values[slot : slot + 1])[0]
        link, after = slot + 1, self._next[slot].copy()
        heads = self._heads[self._band_range, buckets]
        first = heads == link
        self._heads[self._band_range[first], buckets[first]] = after[first]
        bands, at, after = self._band_range[~first], heads[~first], after[~first]
        while bands.size:
            following = self._next[at - 1, bands]
            found = following == link
            self._next[at[found] - 1, bands[found]] = after[found]
            bands, at, after = bands[~found], following[~found], after[~found]
        self._next[slot] = 0
        self._freed.append(slot)

    def candidates(self, values: Values) -> Slots:
        """The slots that share at least one whole band with `values`."""
        query = _kept(values)[None, :]
        links = self._heads[self._band_range, self._buckets(query)[0]]
        bands = self._band_range
        found_slots, found_bands = [], []
        while True:
            live = links > 0
            links, bands = links[live], bands[live]
            if not links.size:
                break
            found_slots.append(links - 1)
            found_bands.append(bands)
            links = self._next[links - 1, bands]
        if not found_slots:
            return np.empty(0, dtype=np.intp)
        slots, bands = np.concatenate(found_slots), np.concatenate(found_bands)
        stored = self._values[slots].reshape(len(slots), -1)[:, : self.bands * self.rows].reshape(len(slots), self.bands, self.rows)
        wanted = query[0, : self.bands * self.rows].reshape(self.bands, self.rows)
        same = (stored[np.arange(len(slots)), bands] == wanted[bands]).all(axis=1)
        return np.unique(slots[same])

    def _buckets(self, values: Kept) -> npt.NDArray[np.intp]:
        """The bucket of each band of each row of `values` (shape rows x bands)."""
        return self._hash(values[:, : self.bands * self.rows].reshape(len(values), self.bands, self.rows))

    def _hash(self, banded: Kept) -> npt.NDArray[np.intp]:
        """Buckets of band values (the last axis holds a band's `rows` values)."""
        mixed = np.zeros(banded.shape[:-1], dtype=np.uint64)
        for row in range(self.rows):
            mixed = (mixed ^ banded[..., row].astype(np.uint64)) * _GOLDEN
        return (mixed >> np.uint64(64 - self._table_bits)).astype(np.intp)

    def _size_table(self, slots: int) -> None:
        # Between one and two slots per bucket: chains stay short and the heads take 48 to 96 bytes
        # an article rather than twice that.
        self._table_bits = max(1, (slots - 1).bit_length() - 1)
        self._heads = np.zeros((self.bands, 1 << self._table_bits), dtype=np.int32)

    def _grow(self) -> None:
        """Up to half again the slots (at most `max_slots`) and every chain rebuilt; called only when every slot is in use.

        Half again rather than twice: a window that stops growing wastes at most a third of its rows.
        The arrays are resized in place (realloc, which moves pages rather than copying them), so the
        window never holds its old and new arrays at once; only the bucket heads are allocated anew.
        """
        used = self.capacity
        if used >= self.max_slots:
            raise OverflowError(f"all {self.max_slots} slots are in use")
        slots = min(self.max_slots, max(used + 1, used + used // 2))
        for array in (self._values, self._next):
            array.resize((slots, array.shape[1]), refcheck=False)
        self._next[:used] = 0
        self._size_table(slots)
        self._link(np.arange(used))

    def _link(self, slots: Slots) -> None:
        """Chain `slots` into empty buckets, one band at a time (sorted by bucket, so no Python loop over slots)."""
        if not slots.size:
            return
        for band in range(self.bands):
            buckets = self._hash(self._values[slots, band * self.rows : (band + 1) * self.rows])
            order = np.argsort(buckets, kind="stable")
            chained, sorted_buckets = slots[order], buckets[order]
            same = sorted_buckets[1:] == sorted_buckets[:-1]
            self._next[chained[:-1][same], band] = chained[1:][same] + 1
            starts = np.concatenate(([True], ~same))
            self._heads[band, sorted_buckets[starts]] = chained[starts] + 1
