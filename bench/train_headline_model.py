"""Train the headline ranker of the text-dump path (pipelines/extraction/dumps/models/headlines.json).

Any HTML page is training data. Its headline comes from its HTML: the `<h1>`, else the
`og:title` or `<title>` less the site's name (the part a separator sets off), whichever the dump
prints. The page is dumped by every converter the line model trains on
(`bench.dump_layouts.TRAINING`), each dump is read by the
text-dump path up to `dumps.headlines.search.headline_candidates`, and each candidate is labelled a
headline when its text is the page's (the dev set scorer's match: equal, or one holding the
other at 0.6 of its length or more) and no other candidate of the dump matches it more closely
(`closest_matches`). The model is scikit-learn's HistGradientBoostingClassifier (training only),
exported as plain arrays and walked with numpy by `dumps.headlines.model`.

    python -m bench.train_headline_model ../shared/devsets/extraction-dev.jsonl.gz --holdout-half 1 \\
        --synthetic 100 --out pipelines/extraction/dumps/models/headlines.json

The same inputs and seed always give the same model. `--holdout-half N` leaves out the pages of
the given files whose id hashes to half N (`bench.train_line_model._half`), so that half can
validate the model.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import trafilatura
from lxml import etree

from bench.dump_layouts import CONVERTERS, TRAINING, Converter, chosen
from bench.train_line_model import _half, export, read_pages, synthetic_pages
from bench.train_line_model import train as train_trees
from pipelines.extraction.dumps.headlines import search as dump_headline
from pipelines.extraction.dumps.headlines.model import MODEL_FEATURES, Candidate, Headline, ranked
from pipelines.extraction.dumps.reader import extract_text

log = logging.getLogger(__name__)

ITERATIONS = 120
# What sets a site's name off a `<title>` ("Headline | Site", "Site - Headline").
_SITE_SEPARATOR = re.compile(r"\s+[|–—:»·-]{1,2}\s+")


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def matches(found: str, gold: str) -> bool:
    """The dev set scorer's title match."""
    found, gold = _squash(found), _squash(gold)
    if not found or not gold:
        return False
    return found == gold or (min(len(found), len(gold)) >= 0.6 * max(len(found), len(gold)) and (found in gold or gold in found))


def closest_matches(texts: Sequence[str], gold: str) -> list[bool]:
    """Which texts are the headline: those that match it (`matches`) with the fewest characters
    more or less than it among the dump's matches. A span that takes a menu item or the byline
    along still matches; labelled a headline, it would teach the ranker that where a block ends
    does not matter."""
    distances = [abs(len(_squash(text)) - len(_squash(gold))) if matches(text, gold) else None for text in texts]
    closest = min((distance for distance in distances if distance is not None), default=None)
    return [distance is not None and distance == closest for distance in distances]


def html_titles(html: str) -> list[str]:
    """The page's headline as its HTML gives it, likeliest first: an `<h1>` that the `og:title` or
    `<title>` less the site's name names too (a site's logo or a section is an `<h1>` on many
    pages), then the `og:title` and the `<title>` less the site's name, then whole."""
    tree = trafilatura.load_html(html)
    if tree is None:
        return []
    headings = [" ".join(h1.text_content().split()) for h1 in tree.iter("h1")]
    titles = [
        " ".join(str(title).split()) for title in [*tree.xpath('//meta[@property="og:title"]/@content'), *tree.xpath("//title/text()")]
    ]
    bare = [max(_SITE_SEPARATOR.split(title), key=len) for title in titles]
    named = [heading for heading in headings if any(_shares_words(heading, title) for title in bare)]
    return [title for title in [*named, *bare, *titles] if len(title.split()) >= 2]


def _shares_words(heading: str, title: str) -> bool:
    words, named = set(_squash(heading).split()), set(_squash(title).split())
    return bool(words) and len(words & named) >= 0.6 * len(words)


def gold_headline(page: dict, dump: str) -> str | None:
    """The page's gold title where it has one (the dev set's Readability pages), else the first of
    its `html_titles`; only if the dump prints it."""
    printed = _squash(dump)
    titles = [page["gold"]["title"]] if (page.get("gold") or {}).get("title") else html_titles(page["html"])
    return next((title for title in titles if _squash(title) in printed), None)


def dump_candidates(dump: str, url: str | None) -> list[Candidate]:
    """The headline candidates the text-dump path weighs for `dump`."""
    seen: list[Candidate] = []
    candidates = dump_headline.headline_candidates

    def record(*args: Any, **kwargs: Any) -> Headline | None:
        # Stands in for `find_headline`, whose arguments it hands on unchanged.
        found = candidates(*args, **kwargs)
        seen.extend(found)
        return max(found, key=lambda candidate: candidate.features[0]).headline if found else None

    original = dump_headline.find_headline
    dump_headline.find_headline = record
    try:
        extract_text(dump, url)
    finally:
        dump_headline.find_headline = original
    return seen


def build(pages: list[dict], layouts: dict[str, Converter] | None = None) -> tuple[np.ndarray, np.ndarray, int, int]:
    """Features and labels of every candidate of every dump with a known headline; how many dumps
    there were and how many held the headline among their candidates."""
    rows: list[np.ndarray] = []
    labels: list[int] = []
    dumps = found = 0
    for number, page in enumerate(pages):
        for name, dumper in sorted((layouts or chosen(None, TRAINING)).items()):
            try:
                dump = dumper(page["html"]) or ""
            except (ValueError, RecursionError, etree.ParserError) as error:
                log.warning("%s: %s failed: %s", page["id"], name, error)
                continue
            gold = gold_headline(page, dump)
            if gold is None:
                continue
            candidates = dump_candidates(dump, page.get("url"))
            hits = closest_matches([candidate.headline.text for candidate in candidates], gold)
            if candidates:
                features = np.asarray([candidate.features for candidate in candidates], dtype=float)
                rows.append(ranked(features, [candidate.headline.text for candidate in candidates]))
            labels.extend(hits)
            dumps += 1
            found += any(hits)
        if number % 50 == 0:
            log.info("%d/%d pages", number, len(pages))
    return np.vstack(rows), np.asarray(labels, dtype=float), dumps, found


def train(x: np.ndarray, y: np.ndarray, seed: int, iterations: int = ITERATIONS):
    """Smaller trees than the line model's: a dump gives a few dozen candidates, not hundreds of units."""
    return train_trees(x, y, seed, iterations, learning_rate=0.1, max_depth=4, max_leaf_nodes=12, min_samples_leaf=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", type=Path, help="JSON Lines files of pages with an `html` field")
    parser.add_argument("--synthetic", type=int, default=100, help="generated pages from bench.corpus to add")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--layouts", help=f"comma-separated dump layouts (default: {','.join(TRAINING)}; known: {','.join(CONVERTERS)})")
    parser.add_argument("--holdout-half", type=int, choices=(0, 1), help="leave out the pages of this half")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        layouts = chosen(args.layouts, TRAINING)
    except ValueError as error:
        parser.error(str(error))
    pages = list(read_pages(args.pages))
    if args.holdout_half is not None:
        pages = [page for page in pages if _half(page["id"]) != args.holdout_half]
    pages += list(synthetic_pages(args.synthetic, args.seed))
    x, y, dumps, found = build(pages, layouts)
    log.info("%d candidates of %d dumps (%d hold the headline), %.1f%% headlines", len(y), dumps, found, 100 * y.mean())
    exported = export(train(x, y, args.seed), MODEL_FEATURES)
    exported["kind"] = "gradient-boosted trees (scikit-learn HistGradientBoostingClassifier), log-odds of headline"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(exported, separators=(",", ":")) + "\n")
    log.info("wrote %s (%d bytes)", args.out, args.out.stat().st_size)


if __name__ == "__main__":
    main()
