"""How well stories group syndicated copies, and what it costs: a labelled set made from real text.

    .venv/bin/python -m bench.stories_eval

Originals are the article bodies of the dev set's Readability pages (`gold.body`) and the seeds
(through `extract`). Each original gets copies made the way outlets make them: an exact repost;
other boilerplate lines at top and bottom with another headline; cut after N paragraphs (keeping at
least half); a paragraph of another article inserted; lines re-wrapped; and, for dev pages, the
whole-page text dump (`dump_html2txt`) through `extract`. Negatives are the hardest pairs there
are: for each dev article, its two nearest other dev articles by TF-IDF cosine, and every pair of
seeds (five outlets' different reports on the same Russia–Japan exchange).

Each pair is judged on its own (a fresh index holding the first, `match` on the second). Precision
counts false matches from all negatives; the same-topic figure is the share of negatives kept apart.
A second check streams every original and copy, shuffled, through one window. Cost is signature +
match + add per article in that stream, next to `extract` on the dumps, both in CPU time (the
process's, so that other work on a shared machine does not count); memory is tracemalloc's peak for a
stories window (`StoryAssigner`, what the pipelines keep) of 100,000 articles with synthetic signatures,
and `assign` is timed again once that window is full (each addition then evicts the oldest).
Seeded and deterministic.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import statistics
import textwrap
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from datasketch import LeanMinHash
from rich.console import Console
from rich.table import Table

from foundation.records import Article, Extraction, RawDocument
from foundation.vocabulary import ExtractionMethod
from pipelines.extraction import ExtractionError, extract
from pipelines.stories.assign import StoryAssigner
from pipelines.stories.index import StoryIndex
from pipelines.stories.signature import NUM_PERM, SEED, Signature, sign, words
from pipelines.stories.stored import encode

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devsets" / "extraction-dev.jsonl.gz"
SEEDS = ROOT / "seeds"
RANDOM_SEED = 18
MIN_WORDS = 80
NEIGHBOURS = 2
WINDOW_SIZE = 100_000
START = datetime(2026, 1, 1, tzinfo=UTC)

BOILERPLATE_TOP = [
    "Home | World | Politics | Business | Tech | Sport",
    "Subscribe to our newsletter for the latest headlines",
    "By Staff Reporter",
    "Advertisement",
    "Listen to this article",
]
BOILERPLATE_BOTTOM = [
    "Follow us on Facebook, Twitter and Telegram for more updates.",
    "This story has not been edited by our staff and is published from a syndicated feed.",
    "Copyright 2026. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Related: Read more stories from our world desk",
    "Share this article: Email | WhatsApp | Copy link",
]


@dataclass(frozen=True)
class Original:
    id: str
    title: str
    body: str
    dump: str | None


@dataclass(frozen=True)
class Pair:
    kind: str
    first: str
    second: str
    same_story: bool


def load_originals() -> list[Original]:
    originals: list[Original] = []
    seen: set[tuple[str, ...]] = set()
    with gzip.open(DEVSET, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            gold = record.get("gold") or {}
            body = words(gold.get("body") or "")
            # Readability's parser fixtures are one lorem-ipsum text many times over, and a few pages are
            # the same article saved twice: neither is a pair of different articles.
            if not record["id"].startswith("readability/") or len(body) < MIN_WORDS or "lorem" in body or tuple(body) in seen:
                continue
            seen.add(tuple(body))
            originals.append(Original(record["id"], gold.get("title") or "", gold["body"], record.get("dump_html2txt")))
    for path in sorted(SEEDS.glob("*.txt")):
        article = extract(RawDocument(source=str(path), content=path.read_bytes()))
        originals.append(Original(f"seeds/{path.name}", article.title or "", article.body, None))
    return originals


def paragraphs(body: str) -> list[str]:
    return [part.strip() for part in body.split("\n\n") if part.strip()]


def copies(original: Original, others: list[Original], rng: random.Random) -> Iterator[tuple[str, str]]:
    """(kind, body) of each syndicated copy of an original."""
    parts = paragraphs(original.body)
    headline = (
        f"{rng.choice(['BREAKING', 'WORLD', 'UPDATE', 'EXCLUSIVE'])}: {original.title} - {rng.choice(['report', 'sources', 'agency'])}"
    )
    yield "exact repost", original.body
    top = rng.sample(BOILERPLATE_TOP, 2)
    bottom = rng.sample(BOILERPLATE_BOTTOM, 2)
    yield "boilerplate + headline", "\n\n".join([headline, *top, *parts, *bottom])
    keep = max(2, math.ceil(len(parts) * rng.uniform(0.5, 0.8)))
    yield "cut after N paragraphs", "\n\n".join([headline, *parts[:keep], *bottom])
    inserted = rng.choice(insertable(rng.choice(others)))
    at = rng.randint(1, max(1, len(parts) - 1))
    yield "paragraph inserted", "\n\n".join([*parts[:at], inserted, *parts[at:]])
    width = rng.randint(50, 80)
    yield "re-wrapped lines", "\n\n".join(textwrap.fill(part, width) for part in parts)
    dump_body = extracted(original)
    if dump_body:
        yield "text dump of the page", dump_body


def extracted(original: Original) -> str | None:
    """The body `extract` reads from the page's text dump; None when it finds none (no copy to judge)."""
    if not original.dump:
        return None
    try:
        return extract(RawDocument(source=original.id, content=original.dump)).body
    except ExtractionError:
        return None


def insertable(other: Original) -> list[str]:
    """Paragraphs of another article small enough to be an insert (under a quarter of it), else its first sentence:
    a copy holding most of another article would be a copy of that one too."""
    size = len(words(other.body))
    small = [part for part in paragraphs(other.body) if len(words(part)) < size / 4]
    return small or [other.body.split(". ")[0]]


def tfidf_neighbours(originals: list[Original], count: int) -> list[tuple[str, str]]:
    """Each article's `count` nearest others by TF-IDF cosine: hand-rolled because scikit-learn is only the `train` extra."""
    counts = [Counter(words(original.body)) for original in originals]
    documents = Counter(word for counter in counts for word in counter)
    idf = {word: math.log(len(counts) / seen) for word, seen in documents.items()}
    vectors = []
    for counter in counts:
        vector = {word: (1 + math.log(n)) * idf[word] for word, n in counter.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        vectors.append({word: value / norm for word, value in vector.items()})
    pairs = set()
    for i, vector in enumerate(vectors):
        scores = [(sum(value * other.get(word, 0.0) for word, value in vector.items()), j) for j, other in enumerate(vectors) if j != i]
        for _, j in sorted(scores, reverse=True)[:count]:
            pairs.add((originals[min(i, j)].id, originals[max(i, j)].id))
    return sorted(pairs)


def labelled_set(originals: list[Original]) -> tuple[list[Pair], dict[str, str]]:
    rng = random.Random(RANDOM_SEED)
    bodies = {original.id: original.body for original in originals}
    pairs = []
    for original in originals:
        others = [other for other in originals if other.id != original.id]
        for n, (kind, body) in enumerate(copies(original, others, rng)):
            copy_id = f"{original.id}#copy{n}"
            bodies[copy_id] = body
            pairs.append(Pair(kind, original.id, copy_id, True))
    dev = [original for original in originals if not original.id.startswith("seeds/")]
    pairs += [Pair("same subject (TF-IDF neighbours)", a, b, False) for a, b in tfidf_neighbours(dev, NEIGHBOURS)]
    seeds = [original.id for original in originals if original.id.startswith("seeds/")]
    pairs += [Pair("same subject (seeds)", a, b, False) for i, a in enumerate(seeds) for b in seeds[i + 1 :]]
    return pairs, bodies


def judge(pair: Pair, signatures: dict[str, Signature]) -> bool:
    index = StoryIndex()
    index.add(pair.first, signatures[pair.first], START)
    return index.match(signatures[pair.second]) is not None


@dataclass(frozen=True)
class Stream:
    ms_per_article: float
    copies_grouped: float
    originals_kept_apart: float


def stream(bodies: dict[str, str]) -> Stream:
    """Every original and copy through one window in a seeded shuffled order (a copy may come first):
    the median ms of sign + match + add, the share of copies in their original's story, and the share
    of originals in a story of their own."""
    order = list(bodies)
    random.Random(RANDOM_SEED).shuffle(order)
    index = StoryIndex()
    story: dict[str, str] = {}
    times = []
    for n, article_id in enumerate(order):
        started = time.process_time()
        found = index.assign(article_id, bodies[article_id], START + timedelta(seconds=n))
        times.append(time.process_time() - started)
        story[article_id] = found.story_id if found else article_id
    copies = [article_id for article_id in order if "#copy" in article_id]
    grouped = sum(story[copy] == story[copy.split("#copy")[0]] for copy in copies) / len(copies)
    originals = [article_id for article_id in order if "#copy" not in article_id]
    sizes = Counter(story[original] for original in originals)
    apart = sum(sizes[story[original]] == 1 for original in originals) / len(originals)
    return Stream(statistics.median(times) * 1000, grouped, apart)


def extract_ms(originals: list[Original]) -> float:
    times = []
    for original in originals:
        if original.dump:
            started = time.process_time()
            try:
                extract(RawDocument(source=original.id, content=original.dump))
            except ExtractionError:
                continue
            times.append(time.process_time() - started)
    return statistics.median(times) * 1000


@dataclass(frozen=True)
class Window:
    peak_mb: float
    ms_per_article: float


def full_window(count: int) -> Window:
    """Peak traced memory of a stories window (`StoryAssigner`: what a pipeline keeps between
    articles) filled with `count` articles of random signatures, ids like extraction's (64 hex
    digits) and 50 outlets, then the median ms of `assign` once it is full (each addition evicts the oldest)."""
    rng = np.random.default_rng(RANDOM_SEED)
    window = StoryAssigner(max_entries=count, prefer_complete=True)

    def article(n: int) -> Article:
        values = rng.integers(0, 2**32 - 1, size=NUM_PERM, dtype=np.uint32)
        signature = Signature(LeanMinHash(seed=SEED, hashvalues=values, scheme="affine32"), 300)
        return Article(
            id=f"{n:064x}",
            body="",
            source=f"eval#{n}",
            content_hash=f"{n:064x}",
            extraction=Extraction(ExtractionMethod.TEXT),
            url=f"https://outlet{n % 50}.example/{n}",
            story_minhash=encode(signature),
            story_shingles=signature.shingles,
        )

    tracemalloc.start()
    for n in range(count):
        window.assign(article(n), now=START + timedelta(seconds=n))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    times = []
    for n in range(count, count + 2000):
        made = article(n)
        started = time.process_time()
        window.assign(made, now=START + timedelta(seconds=n))
        times.append(time.process_time() - started)
    return Window(peak / 1e6, statistics.median(times) * 1000)


def main() -> None:
    # No options: `--help` says what the bench measures instead of starting it.
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args()
    originals = load_originals()
    pairs, bodies = labelled_set(originals)
    signatures = {article_id: sign(body) for article_id, body in bodies.items()}
    verdicts = [(pair, judge(pair, signatures)) for pair in pairs]

    table = Table(title=f"Stories: {len(originals)} originals, {len(pairs)} labelled pairs (seed {RANDOM_SEED})")
    for column in ("pairs", "kind", "joined", "figure"):
        table.add_column(column)
    for kind in dict.fromkeys(pair.kind for pair in pairs):
        judged = [joined for pair, joined in verdicts if pair.kind == kind]
        same = next(pair.same_story for pair in pairs if pair.kind == kind)
        share = sum(judged) / len(judged) if same else 1 - sum(judged) / len(judged)
        table.add_row(str(len(judged)), kind, str(sum(judged)), f"{'recall' if same else 'kept apart'} {share:.3f}")
    true_positive = sum(joined for pair, joined in verdicts if pair.same_story)
    false_positive = sum(joined for pair, joined in verdicts if not pair.same_story)
    positives = sum(pair.same_story for pair in pairs)
    negatives = len(pairs) - positives
    table.add_row("", "pair precision (target ≥ 0.98)", "", f"{true_positive / max(1, true_positive + false_positive):.3f}")
    table.add_row("", "pair recall (target ≥ 0.95)", "", f"{true_positive / positives:.3f}")
    table.add_row("", "same subject kept apart (target ≥ 0.99)", "", f"{1 - false_positive / negatives:.3f}")
    streamed = stream(bodies)
    extraction_ms = extract_ms(originals)
    table.add_row("", "one shuffled stream: copies in their original's story", "", f"{streamed.copies_grouped:.3f}")
    table.add_row("", "one shuffled stream: originals in a story of their own", "", f"{streamed.originals_kept_apart:.3f}")
    table.add_row("", "sign + match + add, median ms/article", "", f"{streamed.ms_per_article:.2f}")
    table.add_row("", "extract (dev dumps), median ms/article", "", f"{extraction_ms:.2f} ({streamed.ms_per_article / extraction_ms:.1%})")
    window = full_window(WINDOW_SIZE)
    table.add_row("", f"stories window of {WINDOW_SIZE:,} articles (tracemalloc peak)", "", f"{window.peak_mb:.0f} MB")
    table.add_row("", "assign in that full window, median ms/article", "", f"{window.ms_per_article:.2f}")
    Console().print(table)


if __name__ == "__main__":
    main()
