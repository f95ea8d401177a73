"""The compact LSH behind the story window: the same candidates as a brute-force band comparison, through inserts,
removals and growth."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from pipelines.stories.lsh import BandIndex, band_keys

NUM_PERM, BANDS, ROWS = 16, 6, 2


def brute_force(stored: dict[int, np.ndarray], query: np.ndarray) -> set[int]:
    wanted = query[: BANDS * ROWS].reshape(BANDS, ROWS)
    return {slot for slot, values in stored.items() if (values[: BANDS * ROWS].reshape(BANDS, ROWS) == wanted).all(axis=1).any()}


def test_candidates_match_a_brute_force_comparison_through_inserts_removals_and_growth() -> None:
    rng = np.random.default_rng(18)
    # Values from a small alphabet so that many pairs share a band and bucket chains grow long.
    signatures = rng.integers(0, 4, size=(3000, NUM_PERM), dtype=np.uint32)
    index = BandIndex(NUM_PERM, BANDS, ROWS, max_slots=2500)
    stored: dict[int, np.ndarray] = {}
    for n, values in enumerate(signatures):
        if n % 3 == 2 and stored:
            slot = sorted(stored)[int(rng.integers(len(stored)))]
            index.remove(slot)
            del stored[slot]
        slot = index.insert(values)
        assert slot not in stored
        stored[slot] = values
        if n % 97 == 0:
            probe = signatures[int(rng.integers(len(signatures)))]
            assert set(index.candidates(probe).tolist()) == brute_force(stored, probe)
    assert len(index) == len(stored) and index.capacity > 1024
    for probe in signatures[:50]:
        assert set(index.candidates(probe).tolist()) == brute_force(stored, probe)


def test_a_full_index_refuses_more_and_takes_again_after_a_removal() -> None:
    index = BandIndex(NUM_PERM, BANDS, ROWS, max_slots=2)
    values = np.arange(NUM_PERM, dtype=np.uint32)
    first = index.insert(values)
    index.insert(values + 1)
    with pytest.raises(OverflowError):
        index.insert(values + 2)
    index.remove(first)
    assert index.insert(values + 2) == first
    assert index.candidates(values).size == 0 and index.candidates(values + 2).tolist() == [first]


def test_band_keys_name_the_band_and_its_values() -> None:
    values = np.arange(NUM_PERM, dtype=np.uint32)
    keys = band_keys(values, BANDS, ROWS)
    assert keys[0] == "0:0000000000000001" and keys[-1] == "5:0000000a0000000b" and len(keys) == BANDS


def test_more_bands_than_values_is_refused() -> None:
    with pytest.raises(ValueError, match="need 18 values"):
        BandIndex(16, 9, 2, max_slots=10)


def test_a_pickled_index_finds_the_same_candidates_and_still_grows() -> None:
    # A window handed to another process is pickled: the copy must work on, and grow, as the original.
    rng = np.random.default_rng(7)
    signatures = rng.integers(0, 4, size=(1500, NUM_PERM), dtype=np.uint32)
    index = BandIndex(NUM_PERM, BANDS, ROWS, max_slots=3000)
    stored = {index.insert(values): values for values in signatures[:1024]}
    for slot in list(stored)[::5]:
        index.remove(slot)
        del stored[slot]
    copy = pickle.loads(pickle.dumps(index))
    for values in signatures[1024:]:
        stored[copy.insert(values)] = values
    assert len(copy) == len(stored) and copy.capacity > 1024
    for probe in signatures[::30]:
        assert set(copy.candidates(probe).tolist()) == brute_force(stored, probe)
