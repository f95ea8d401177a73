"""The MinHash signature of an article body, over shingles of normalised words.

Words are casefolded letter runs: punctuation, digits, quotes and line breaks are dropped, so a copy
that re-wraps lines, swaps typographic quotes or reformats numbers ("05:07", "22.06.2024") has the
same words. Shingles are runs of `SHINGLE_WORDS` words:

- 5 words: one inserted, dropped or changed word touches at most 5 shingles, so light edits keep
  the overlap high, while two different articles on the same subject (same names, same quoted
  phrases of two or three words) share few 5-word runs; 3-word shingles made same-topic pairs look
  alike, 8-word ones made every small edit cost too much (see bench/stories_eval.py).
- 128 permutations: the standard error of the estimated Jaccard is about 1/sqrt(128) = 0.09 at
  J = 0.5 and smaller near 0 and 1, which is enough to verify a candidate against thresholds of
  0.5 (Jaccard) and 0.6 (containment); a signature is 512 bytes (datasketch 2 keeps 32-bit values).

Shingles are hashed with CRC-32 rather than datasketch's default SHA-1: it is a fifth of the cost,
and datasketch mixes every input hash (MurmurHash3's finaliser) before permuting, so CRC-32's weak
avalanche does not matter. The seed is fixed and neither hash is Python's salted `hash`, so a
signature is the same in every process and can be stored and compared later.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass

from datasketch import LeanMinHash, MinHash

from pipelines.extraction.scripts import CJK_RANGES

SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 20241
# Letters only: digits and the punctuation around them are the part of a text that converters and
# outlets reformat most (times, dates, thousands separators), and they say little about which article it is.
# Chinese and Japanese are written without spaces, so each ideograph or kana is a word of its own
# (else a whole sentence is one "word" and a line break inside it makes two).
_WORD = re.compile(rf"[{CJK_RANGES}]|[^\W\d_{CJK_RANGES}]+")
# One template holds the permutations, which cost more to draw than to copy.
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)


@dataclass(frozen=True)
class Signature:
    """A body's MinHash and how many distinct shingles it had (containment needs set sizes)."""

    minhash: LeanMinHash
    shingles: int

    def jaccard(self, other: Signature) -> float:
        return float(self.minhash.jaccard(other.minhash))

    def containment(self, other: Signature) -> float:
        """Estimated share of the smaller set's shingles found in the larger one.

        From |A∩B| = J/(1+J)·(|A|+|B|): a copy cut after a few paragraphs has a low Jaccard with its
        original but almost all of its own shingles in it.
        """
        return containment(self.jaccard(other), self.shingles, other.shingles)


def containment(jaccard: float, shingles: int, other_shingles: int) -> float:
    """The share of the smaller set found in the larger, from the two sets' Jaccard and sizes."""
    smaller = min(shingles, other_shingles)
    if smaller == 0:
        return 0.0
    common = jaccard / (1 + jaccard) * (shingles + other_shingles)
    return min(1.0, common / smaller)


def words(text: str) -> list[str]:
    """The normalised words of a text: NFKC, casefolded, letters only."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The distinct runs of `size` words; a text shorter than that is one shingle of all its words."""
    tokens = words(text)
    if len(tokens) <= size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


def sign(text: str) -> Signature:
    """The signature of an article body (an empty body gives an empty signature that matches nothing)."""
    found = shingles(text)
    minhash = _TEMPLATE.copy()
    minhash.update_batch(found)
    return Signature(LeanMinHash(minhash), len(found))
