"""Language as an ISO 639-1 code: from what a page declares, or detected from its text.

Detection uses py3langid (97 languages, its model ships inside the package), the detector
trafilatura itself relies on. It is conservative: a short text or an unsure guess means no
language, since a wrong one would hide an article from a language filter.

py3langid ships its model LZMA-compressed, and unpacking it took most of a second of every
`newsbeam extract`: the unpacked arrays are kept in newsbeam's cache folder (about 85 MB) and
mapped from there, which takes a few hundredths of a second.

py3langid counts a text's features with a Python loop over its bytes and scores them from a
half-precision table stored column by column; here the counting is done with numpy and the table
is kept in single precision row by row, which gives the same scores bit for bit at a fraction
of the cost (see `_Identifier`).
"""

from __future__ import annotations

import functools
import logging
import re
import shutil
import tempfile
from array import array
from pathlib import Path

import numpy as np
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from foundation.cache import cache_dir

logger = logging.getLogger(__name__)

_ARRAYS = ("ptc", "pc", "classes", "nextmove", "row", "output", "window")

# Letters rather than words: Chinese and Japanese do not separate words with spaces.
MIN_LETTERS = 40
MIN_PROBABILITY = 0.9
# Plenty for a sure guess; the detector's cost grows with the text.
_SAMPLE_CHARS = 5_000
_LETTER = re.compile(r"[^\W\d_]")
_CODE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")
# ISO 639-2 codes that pages sometimes use in place of the two-letter form.
_THREE_TO_TWO = {
    "eng": "en",
    "deu": "de",
    "ger": "de",
    "fra": "fr",
    "fre": "fr",
    "spa": "es",
    "ita": "it",
    "por": "pt",
    "nld": "nl",
    "dut": "nl",
    "rus": "ru",
    "jpn": "ja",
    "zho": "zh",
    "chi": "zh",
}


def normalize_code(value: str | None) -> str | None:
    """`en-US`, `en_EN`, `EN`, `eng` -> `en`; anything else -> None."""
    if not value:
        return None
    match = _CODE.match(value.strip().split(",")[0].strip())
    if not match:
        return None
    code = match[1].lower()
    if len(code) == 3:
        return _THREE_TO_TWO.get(code)
    return code


def detect(text: str) -> str | None:
    """The language of `text` when py3langid is sure of it, else None."""
    sample = text[:_SAMPLE_CHARS]
    if not _has_letters(sample, MIN_LETTERS):
        return None
    code, probability = _identifier().classify(sample)
    return code if probability >= MIN_PROBABILITY else None


def _has_letters(text: str, count: int) -> bool:
    letters = _LETTER.finditer(text)
    return all(next(letters, None) is not None for _ in range(count))


@functools.cache
def _identifier() -> LanguageIdentifier:
    # Once per process, and only when a text needs it.
    return load_identifier(cache_dir() / "py3langid")


def load_identifier(folder: Path | None) -> LanguageIdentifier:
    """py3langid's model for two-letter codes, from its unpacked copy in `folder` (made there when
    missing or stale; None: no copy)."""
    path = _unpacked_path(folder) if folder is not None else None
    if path is not None and path.exists():
        try:
            return _from_arrays(_read_unpacked(path))
        except (OSError, ValueError) as error:
            logger.info("rebuilding the unreadable or outdated language model copy %s: %s", path, error)
            shutil.rmtree(path, ignore_errors=True)
    arrays = _unpack()
    if path is not None:
        _save_unpacked(arrays, path)
    return _from_arrays(arrays)


def _unpacked_path(folder: Path) -> Path:
    # Named for the packed model's size and time, so that another py3langid release makes a new copy.
    packed = (MODEL_DIR / MODEL_FILE).stat()
    return folder / f"model-2letter-{packed.st_size}-{packed.st_mtime_ns}"


def _unpack() -> dict[str, np.ndarray]:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # Two-letter codes only, as the index stores: the model's three-letter varieties (Moroccan and
    # Egyptian Arabic, Cantonese…) would otherwise split the probability of their macrolanguage.
    identifier.set_languages([code for code in identifier.nb_classes if len(code) == 2])
    nextmove = np.frombuffer(identifier.tk_nextmove, dtype=f"u{identifier.tk_nextmove.itemsize}")
    row = np.frombuffer(identifier.tk_row, dtype=f"u{identifier.tk_row.itemsize}")
    return {
        # Widening half precision is exact, and py3langid widens the rows it scores anyway.
        "ptc": np.ascontiguousarray(identifier.nb_ptc, dtype=np.float32),
        "pc": identifier.nb_pc,
        "classes": np.asarray(identifier.nb_classes),
        "nextmove": nextmove,
        "row": row,
        "output": np.asarray(identifier.tk_output, dtype=np.int64),
        "window": np.asarray(_longest_state(nextmove, row)),
    }


def _read_unpacked(path: Path) -> dict[str, np.ndarray]:
    # One .npy file per array, mapped rather than read: the large tables are only paged in where a
    # text's features look them up.
    return {name: np.asarray(np.load(path / f"{name}.npy", mmap_mode="r", allow_pickle=False)) for name in _ARRAYS}


def _from_arrays(data: dict[str, np.ndarray]) -> _Identifier:
    return _Identifier(
        data["ptc"],
        np.array(data["pc"]),
        data["classes"].tolist(),
        data["nextmove"],
        data["row"],
        data["output"],
        int(data["window"]),
    )


def _save_unpacked(arrays: dict[str, np.ndarray], path: Path) -> None:
    """Write the copy beside its final name and move it there, so that a concurrent reader sees
    a whole copy or none; a folder that cannot be written only costs the next process the unpacking."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    except OSError as error:
        logger.info("cannot keep an unpacked copy of the language model in %s: %s", path.parent, error)
        return
    try:
        for name in _ARRAYS:
            np.save(temporary / f"{name}.npy", arrays[name], allow_pickle=False)
        # Fails when another process put its copy there first, which is as good.
        temporary.rename(path)
    except OSError as error:
        logger.info("cannot keep an unpacked copy of the language model at %s: %s", path, error)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _longest_state(nextmove: np.ndarray, row: np.ndarray) -> int:
    """The length of the longest byte string that the automaton's states stand for (the fewest
    bytes that reach its farthest state): the window `_Identifier` walks each byte's state from."""
    row_starts = row.astype(np.intp) << 8
    reached = np.zeros(len(row), dtype=bool)
    reached[0] = True
    frontier = np.zeros(1, dtype=np.intp)
    length = 0
    while True:
        following = np.zeros(len(row), dtype=bool)
        following[nextmove.take((row_starts.take(frontier)[:, None] + np.arange(256)).ravel())] = True
        following &= ~reached
        frontier = np.flatnonzero(following)
        if not len(frontier):
            return length
        reached |= following
        length += 1


class _Identifier(LanguageIdentifier):
    """py3langid's identifier, counting a text's features with numpy.

    py3langid walks an automaton over the text's bytes and counts the feature of each state it
    passes. Its states stand for byte strings of at most `window` bytes (the longest suffix read
    so far that is a prefix of a feature), so the state after each byte follows from the `window`
    bytes that end there, and all of them are walked at once, `window` steps for the whole text.
    Each state is then checked to be the automaton's step from the one before it, which makes
    the sequence the automaton's own; should a model's automaton remember more than that, the
    text is counted by py3langid's loop instead.
    """

    __slots__ = ("_moves", "_outputs", "_row_starts", "_window")

    def __init__(
        self,
        ptc: np.ndarray,
        pc: np.ndarray,
        classes: list[str],
        nextmove: np.ndarray,
        row: np.ndarray,
        output: np.ndarray,
        window: int,
    ) -> None:
        # py3langid's own loop indexes the mapped table as it is: it only runs where the windows
        # fail (see `_raw_score`), and copying the table for it would read all of it.
        super().__init__(ptc, pc, classes, nextmove, output.tolist(), norm_probs=True, tk_row=_to_array(row))
        self._moves = nextmove
        self._row_starts = row.astype(np.intp) << 8
        self._outputs = output.astype(np.intp)
        self._window = window

    def _raw_score(self, text: bytes) -> np.ndarray:
        counted = self._counts(text)
        if counted is None:
            return super()._raw_score(text)
        features, counts = counted
        # py3langid's own sum, over the features in the order the text first shows them.
        return np.log1p(counts.astype(np.float32)) @ self.nb_ptc[features] + self.nb_pc

    def _counts(self, text: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """The features the automaton passes on `text` and how often, in the order it first passes
        them; None when the text has none or the windows do not give the automaton's walk."""
        size = len(text)
        if not size:
            return None
        codes = np.frombuffer(text, dtype=np.uint8).astype(np.intp)
        states = np.zeros(size, dtype=np.intp)
        # Step `lag` reads, for each byte, the byte `lag` places before it: the windows of the
        # first bytes start at the text's start.
        for lag in range(min(self._window, size) - 1, -1, -1):
            steps = self._row_starts.take(states[lag:])
            steps += codes[: size - lag]
            states[lag:] = self._moves.take(steps)
        steps = self._row_starts.take(states[:-1])
        steps += codes[1:]
        if not np.array_equal(self._moves.take(steps), states[1:]):
            return None
        passed = self._outputs.take(states)
        passed = passed[passed >= 0]
        if not len(passed):
            return None
        # Sorting feature * size + position groups each feature's passes, its first one leading.
        keys = np.sort(passed * size + np.arange(len(passed)))
        features = keys // size
        starts = np.flatnonzero(np.concatenate(([True], features[1:] != features[:-1])))
        first_seen = np.argsort(keys.take(starts) % size)
        counts = np.diff(starts, append=len(keys))
        return features.take(starts).take(first_seen), counts.take(first_seen)


def _to_array(values: np.ndarray) -> array:
    # py3langid walks its automaton over a stdlib array: indexing one is much cheaper than a numpy array.
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).data.cast("B"))
    return out
