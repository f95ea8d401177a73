"""An article's signature as it is indexed (`story_minhash`, `story_shingles`, `story_bands`), and back.

The MinHash travels as base64 of its 128 little-endian 32-bit values (684 characters): the stored
form is fixed by the seed and the hash, so a later run or another worker rebuilds the same
signature and verifies a candidate exactly as the in-memory window does.
"""

from __future__ import annotations

import base64
from dataclasses import replace

import numpy as np
from datasketch import LeanMinHash

from foundation.records import Article
from pipelines.stories.index import LSH_BANDS
from pipelines.stories.lsh import band_keys
from pipelines.stories.signature import NUM_PERM, SEED, Signature, sign

_SCHEME = sign("").minhash.scheme


def encode(signature: Signature) -> str:
    return base64.b64encode(np.asarray(signature.minhash.hashvalues, dtype="<u4").tobytes()).decode("ascii")


def decode(minhash: str, shingles: int) -> Signature:
    """A stored signature; `ValueError` when it is not one (another version, a damaged document)."""
    values = np.frombuffer(base64.b64decode(minhash, validate=True), dtype="<u4")
    if len(values) != NUM_PERM:
        raise ValueError(f"a stored MinHash has {len(values)} values, not {NUM_PERM}")
    return Signature(LeanMinHash(seed=SEED, hashvalues=values.astype(np.uint32), scheme=_SCHEME), shingles)


def signed(article: Article) -> Article:
    """The article with its body's signature and band keys (an empty body has neither and matches nothing)."""
    signature = sign(article.body)
    if not signature.shingles:
        return replace(article, story_bands=[], story_minhash=None, story_shingles=0)
    return replace(
        article,
        story_bands=band_keys(signature.minhash.hashvalues, *LSH_BANDS),
        story_minhash=encode(signature),
        story_shingles=signature.shingles,
    )


def signature_of(article: Article) -> Signature:
    """The signature `signed` stored on the article, or the body's own when it was not signed."""
    if article.story_minhash and article.story_shingles:
        return decode(article.story_minhash, article.story_shingles)
    return sign(article.body)
