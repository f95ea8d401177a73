"""The stories window's memory per article, measured: it bounds what a replay of many documents costs
(the window holds up to `stories.max_entries`, 100,000 by default), so it must not creep back up."""

from __future__ import annotations

import tracemalloc
from datetime import UTC, datetime, timedelta

import numpy as np
from datasketch import LeanMinHash

from foundation.records import Article, Extraction
from foundation.vocabulary import ExtractionMethod
from pipelines.stories.assign import StoryAssigner
from pipelines.stories.signature import NUM_PERM, SEED, Signature, sign
from pipelines.stories.stored import encode

ARTICLES = 4000
BYTES_PER_ARTICLE = 1100
"""2.2 KB before the window was made compact; about 0.9 KB now, with the LSH's room to grow."""
T0 = datetime(2026, 1, 1, tzinfo=UTC)


_SCHEME = sign("").minhash.scheme


def stored_signature(values: np.ndarray) -> str:
    return encode(Signature(LeanMinHash(seed=SEED, hashvalues=values, scheme=_SCHEME), 120))


def stream(count: int) -> list[tuple[str, str, str]]:
    """(id, signature, url) as a replay meets them: distinct articles, every tenth a copy of an earlier one
    (the same signature, so it joins its story), every fiftieth the same id again."""
    rng = np.random.default_rng(18)
    made: list[tuple[str, str, str]] = []
    for n in range(count):
        if n % 50 == 49:
            made.append(made[int(rng.integers(n))])
        elif n % 10 == 9:
            _, signature, _ = made[int(rng.integers(n))]
            made.append((f"{n:064x}", signature, f"https://copy{n % 7}.example/{n}"))
        else:
            values = rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)
            made.append((f"{n:064x}", stored_signature(values), f"https://outlet{n % 7}.example/{n}"))
    return made


def test_the_window_keeps_an_article_in_a_bounded_number_of_bytes() -> None:
    articles = stream(ARTICLES)
    window = StoryAssigner(prefer_complete=True)
    tracemalloc.start()
    try:
        for n, (article_id, signature, url) in enumerate(articles):
            # Made inside the measure, as the pipeline hands them over, so that what the window keeps of them counts.
            article = Article(
                id=article_id,
                body="",
                source=f"replay#{n}",
                content_hash=f"{n:064x}",
                extraction=Extraction(ExtractionMethod.TEXT),
                url=url,
                story_minhash=signature,
                story_shingles=120,
            )
            window.assign(article, now=T0 + timedelta(seconds=n))
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(window) == ARTICLES - ARTICLES // 50
    assert held / len(window) < BYTES_PER_ARTICLE, f"{held / len(window):.0f} bytes per article in the window"
