"""Language as an ISO 639-1 code: from what a page declares, or detected from its text.

Detection uses py3langid (97 languages, its model ships inside the package), the detector
trafilatura itself relies on. It is conservative: a short text or an unsure guess means no
language, since a wrong one would hide an article from a language filter.

py3langid ships its model LZMA-compressed, and unpacking it took most of a second of every
`newsbeam extract`: the unpacked arrays are kept in newsbeam's cache folder (about 60 MB) and
mapped from there, which takes a few hundredths of a second.
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

_ARRAYS = ("ptc", "pc", "classes", "nextmove", "row", "output")

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
            return _from_unpacked(path)
        except (OSError, ValueError) as error:
            logger.info("rebuilding the unreadable language model copy %s: %s", path, error)
            shutil.rmtree(path, ignore_errors=True)
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # Two-letter codes only, as the index stores: the model's three-letter varieties (Moroccan and
    # Egyptian Arabic, Cantonese…) would otherwise split the probability of their macrolanguage.
    identifier.set_languages([code for code in identifier.nb_classes if len(code) == 2])
    if path is not None:
        _save_unpacked(identifier, path)
    return identifier


def _unpacked_path(folder: Path) -> Path:
    # Named for the packed model's size and time, so that another py3langid release makes a new copy.
    packed = (MODEL_DIR / MODEL_FILE).stat()
    return folder / f"model-2letter-{packed.st_size}-{packed.st_mtime_ns}"


def _from_unpacked(path: Path) -> LanguageIdentifier:
    # One .npy file per array, mapped rather than read: the large probability table is only paged in
    # where a text's features look it up, and the other arrays are copied once.
    data = {name: np.load(path / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _ARRAYS}
    return LanguageIdentifier(
        np.asarray(data["ptc"]),
        np.array(data["pc"]),
        data["classes"].tolist(),
        _to_array(data["nextmove"]),
        data["output"].tolist(),
        norm_probs=True,
        tk_row=_to_array(data["row"]),
    )


def _save_unpacked(identifier: LanguageIdentifier, path: Path) -> None:
    """Write the copy beside its final name and move it there, so that a concurrent reader sees
    a whole copy or none; a folder that cannot be written only costs the next process the unpacking."""
    arrays = {
        "ptc": identifier.nb_ptc,
        "pc": identifier.nb_pc,
        "classes": np.asarray(identifier.nb_classes),
        "nextmove": np.frombuffer(identifier.tk_nextmove, dtype=f"u{identifier.tk_nextmove.itemsize}"),
        "row": np.frombuffer(identifier.tk_row, dtype=f"u{identifier.tk_row.itemsize}"),
        "output": np.asarray(identifier.tk_output, dtype=np.int64),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    except OSError as error:
        logger.info("cannot keep an unpacked copy of the language model in %s: %s", path.parent, error)
        return
    try:
        for name, values in arrays.items():
            np.save(temporary / f"{name}.npy", values, allow_pickle=False)
        # Fails when another process put its copy there first, which is as good.
        temporary.rename(path)
    except OSError as error:
        logger.info("cannot keep an unpacked copy of the language model at %s: %s", path, error)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _to_array(values: np.ndarray) -> array:
    # py3langid walks its automaton over a stdlib array: indexing one is much cheaper than a numpy array.
    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).data.cast("B"))
    return out
