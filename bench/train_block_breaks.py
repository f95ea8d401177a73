"""Train the block-break model of one-line dumps (pipelines/extraction/dumps/models/breaks.json).

Any HTML page is training data: the page is flattened onto one line the way `trafilatura.html2txt`
does it, with a mark left wherever a block element (a paragraph, a heading, a list item, a `div`,
a `br`…) opened or closed. Each gap between two words is labelled a boundary when a mark lies in
it, and described by `block_breaks.gap_features`, which reads only the text (only the gaps
`gap_features` leaves open are learnt and scored).

    python -m bench.train_block_breaks PAGES.jsonl[.gz] ... --holdout-half 1 --out pipelines/extraction/dumps/models/breaks.json

`--holdout-half N` leaves out the pages whose id hashes to half N (see `train_line_model._half`)
and reports the boundary precision and recall on them.
"""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

import numpy as np
import trafilatura
from trafilatura.baseline import basic_cleaning

from bench.train_line_model import _half, export, read_pages, synthetic_pages, train
from pipelines.extraction.dumps.block_breaks import BREAK_FEATURE_NAMES, THRESHOLD, gap_features
from pipelines.extraction.dumps.trees import TreeModel

log = logging.getLogger(__name__)

# trafilatura's block elements for html2txt (`trafilatura.baseline._BLOCK_ELEMS`), written out
# because that name is private.
BLOCK_ELEMENTS = (
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
)  # fmt: skip
MARK = "\ue000"
ITERATIONS = 120


def flattened(html: str) -> tuple[list[str], np.ndarray]:
    """The page's words on one line, and for each gap between two of them whether a block edge lies there."""
    tree = trafilatura.load_html(html)
    body = tree.find(".//body") if tree is not None else None
    if body is None:
        return [], np.zeros(0, dtype=bool)
    basic_cleaning(body)
    for element in body.iter(*BLOCK_ELEMENTS):
        element.text = f" {MARK} {element.text or ''}"
        element.tail = f" {MARK} {element.tail or ''}"
    tokens: list[str] = []
    breaks: list[bool] = []
    edge = False
    for word in body.text_content().split():
        if word == MARK:
            edge = True
            continue
        if tokens:
            breaks.append(edge)
        tokens.append(word)
        edge = False
    return tokens, np.asarray(breaks, dtype=bool)


def build(pages: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    rows: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    for number, page in enumerate(pages):
        tokens, breaks = flattened(page["html"])
        if len(tokens) < 2:
            continue
        gaps, x = gap_features(tokens)
        rows.append(x)
        labels.append(breaks[gaps])
        if number % 100 == 0:
            log.info("%d/%d pages", number, len(pages))
    return np.vstack(rows), np.concatenate(labels)


def report(model: dict, pages: list[dict]) -> None:
    """Boundary precision and recall on pages the model did not see."""
    x, y = build(pages)
    found = TreeModel.from_json(model, BREAK_FEATURE_NAMES).probabilities(x) > THRESHOLD
    hits = int((found & y).sum())
    log.info(
        "held-out pages: %d gaps, %.1f%% boundaries; precision %.3f recall %.3f",
        len(y),
        100 * y.mean(),
        hits / max(found.sum(), 1),
        hits / max(y.sum(), 1),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", type=Path, help="JSON Lines files of pages with an `html` field")
    parser.add_argument("--synthetic", type=int, default=150, help="generated pages from bench.corpus to add")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--holdout-half", type=int, choices=(0, 1), help="leave out the pages of this half and score on them")
    parser.add_argument("--iterations", type=int, default=ITERATIONS, help="trees (each costs run time)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    pages = list(read_pages(args.pages))
    held = [page for page in pages if args.holdout_half is not None and _half(page["id"]) == args.holdout_half]
    pages = [page for page in pages if args.holdout_half is None or _half(page["id"]) != args.holdout_half]
    pages += list(synthetic_pages(args.synthetic, args.seed))
    x, y = build(pages)
    log.info("%d gaps from %d pages, %.1f%% boundaries", len(y), len(pages), 100 * y.mean())
    model = export(train(x, y, args.seed, args.iterations), BREAK_FEATURE_NAMES)
    model["kind"] = "gradient-boosted trees (scikit-learn HistGradientBoostingClassifier), log-odds of a block boundary"
    args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n")
    log.info("wrote %s", args.out)
    if held:
        report(model, held)


if __name__ == "__main__":
    main()
