"""Train the line model of the text-dump path (pipelines/extraction/dumps/models/lines.json).

Any HTML page is training data: an HTML extractor (trafilatura, comments left out) says which
text is the article, and the same page turned into whole-page text dumps says where that text
sits among the page's furniture. Every unit of a dump (see `units.split_units`) is
labelled content when most of its word trigrams are in trafilatura's text, and described by
text-only features (`line_features.features`). The model never sees the HTML at run time.

Pages are dumped by several converters so the model learns the problem, not one layout
(`bench.dump_layouts.TRAINING`): trafilatura's `html2txt` (the whole page on one line), inscriptis
(a browser-like layout), and two layouts written in `bench.dump_layouts`: one line per block, and
blank-separated blocks wrapped at 78 columns with list bullets. `--layouts` names others
(html2text's and markdownify's Markdown, BeautifulSoup's text nodes, ...).

The model is scikit-learn's HistGradientBoostingClassifier (training only: `pip install -e
'.[train]'`), exported as plain arrays to JSON and evaluated with numpy by `line_model`.

    python -m bench.train_line_model PAGES.jsonl[.gz] ... --synthetic 150 --out pipelines/extraction/dumps/models/lines.json

PAGES files are JSON Lines with an `html` field (and optionally `id`, `url`); the same inputs
and seed always give the same model. `--holdout-half N` leaves out the pages of the given files
whose id hashes to half N (`_half`), so that half can validate the model.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import trafilatura
from lxml import etree

from bench.dump_layouts import CONVERTERS, TRAINING, Converter, chosen
from pipelines.extraction.dumps.line_features import _WORD, FEATURE_NAMES, SECOND_STAGE_NAMES, features, second_stage
from pipelines.extraction.dumps.stop_words import dump_language
from pipelines.extraction.dumps.units import Unit, split_units

log = logging.getLogger(__name__)

FOLDS = 2
ITERATIONS = 150


def read_pages(paths: list[Path]) -> Iterator[dict]:
    for path in paths:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                record = json.loads(line)
                if record.get("html"):
                    record.setdefault("id", f"{path.name}:{number}")
                    yield record


def synthetic_pages(count: int, seed: int) -> Iterator[dict]:
    from bench.corpus import generate

    for number, doc in enumerate(generate(count, seed=seed, kind="html", html_kb=(8, 40))):
        yield {"id": f"synthetic:{number}", "url": doc.url, "html": doc.content}


def _grams(words: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]


def label_units(units: list[Unit], article: str, n: int = 3) -> np.ndarray:
    """1 for units whose text is (mostly) the reference article text, else 0: half the unit's word
    n-grams are in the article (units of n + 2 words or more), or a short unit is in it and next to content."""
    article_words = _WORD.findall(article.casefold())
    article_grams = set(_grams(article_words, n))
    article_key = " " + " ".join(article_words) + " "
    labels = np.zeros(len(units))
    short = []
    for i, unit in enumerate(units):
        words = _WORD.findall(unit.text.casefold())
        if len(words) >= n + 2:
            grams = set(_grams(words, n))
            labels[i] = sum(1 for g in grams if g in article_grams) >= 0.5 * len(grams)
        elif words and f" {' '.join(words)} " in article_key:
            short.append(i)
    # A short unit ("Share", "Comments") is found in most articles by chance: it counts only next to content.
    for i in short:
        labels[i] = any(labels[j] for j in range(max(0, i - 2), min(len(units), i + 3)) if j != i)
    return labels


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


def page_labels(units: list[Unit], gold: dict, article: str | None) -> np.ndarray:
    """Labels for one dump of a page: from the page's gold when it has one, else from the extractor.

    A gold article text (`gold.body`, as the dev set's Readability pages have) labels every unit by
    its 4-grams, the unit of the dev set's scorer. Gold snippets (`gold.with` / `gold.without`, as
    its trafilatura pages have) correct the extractor's labels of the units that hold them.
    """
    if gold.get("body"):
        return label_units(units, gold["body"], n=4)
    labels = label_units(units, article or "")
    without = [_squash(snippet) for snippet in gold.get("without", []) if len(snippet) > 3]
    with_ = [_squash(snippet) for snippet in gold.get("with", [])]
    if without or with_:
        for i, unit in enumerate(units):
            text = _squash(unit.text)
            if any(snippet in text for snippet in without):
                labels[i] = 0
            elif any(snippet in text for snippet in with_):
                labels[i] = 1
    return labels


def build(
    pages: list[dict], gold_labels: bool = False, layouts: dict[str, Converter] | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels, page number and dump number of every unit of every dump of every page
    (labelled from the page's gold where it has one and `gold_labels` is set, see `page_labels`)."""
    rows: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    groups: list[np.ndarray] = []
    dumps: list[np.ndarray] = []
    for number, page in enumerate(pages):
        article = trafilatura.extract(page["html"], url=page.get("url"), include_comments=False)
        gold = (page.get("gold") or {}) if gold_labels else {}
        if not article and not gold.get("body"):
            continue
        for name, dumper in sorted((layouts or chosen(None, TRAINING)).items()):
            try:
                dump = dumper(page["html"])
            except (ValueError, RecursionError, etree.ParserError) as error:
                log.warning("%s: %s failed: %s", page["id"], name, error)
                continue
            units = split_units(dump or "")
            if not units:
                continue
            rows.append(features(units, dump_language(units)))
            labels.append(page_labels(units, gold, article))
            groups.append(np.full(len(units), number))
            dumps.append(np.full(len(units), len(dumps)))
        if number % 50 == 0:
            log.info("%d/%d pages", number, len(pages))
    return np.vstack(rows), np.concatenate(labels), np.concatenate(groups), np.concatenate(dumps)


def train_stages(x: np.ndarray, y: np.ndarray, groups: np.ndarray, dumps: np.ndarray, seed: int, iterations: int = ITERATIONS) -> dict:
    """Both stages, exported. The second stage learns from first-stage guesses made by models
    that did not see the page (folds by page), as the shipped first stage will be on new pages."""
    folds = groups % FOLDS
    guesses = np.zeros(len(y))
    for fold in range(FOLDS):
        held = folds == fold
        guesses[held] = train(x[~held], y[~held], seed, iterations).predict_proba(x[held])[:, 1]
        log.info("first-stage fold %d/%d done", fold + 1, FOLDS)
    first = train(x, y, seed, iterations)
    boundaries = np.flatnonzero(np.diff(dumps)) + 1
    x2 = np.vstack([second_stage(rows, p) for rows, p in zip(np.split(x, boundaries), np.split(guesses, boundaries), strict=False)])
    second = train(x2, y, seed, iterations)
    return {"first": export(first, FEATURE_NAMES), "second": export(second, SECOND_STAGE_NAMES)}


def train(
    x: np.ndarray,
    y: np.ndarray,
    seed: int,
    iterations: int = ITERATIONS,
    *,
    learning_rate: float = 0.15,
    max_depth: int = 6,
    max_leaf_nodes: int = 24,
    min_samples_leaf: int = 40,
):
    """Gradient-boosted trees on (x, y), seeded; the defaults are sized for the line model's many rows."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(
        max_iter=iterations,
        learning_rate=learning_rate,
        max_depth=max_depth,
        max_leaf_nodes=max_leaf_nodes,
        min_samples_leaf=min_samples_leaf,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=seed,
    )
    return model.fit(x, y)


def export(model, names: tuple[str, ...]) -> dict:
    """The trees as flat arrays: `line_model` walks them with numpy."""
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append(
            {
                "feature": nodes["feature_idx"].tolist(),
                "threshold": nodes["num_threshold"].tolist(),
                "left": nodes["left"].tolist(),
                "right": nodes["right"].tolist(),
                "leaf": nodes["is_leaf"].astype(int).tolist(),
                "value": nodes["value"].tolist(),
            }
        )
    return {
        "kind": "gradient-boosted trees (scikit-learn HistGradientBoostingClassifier), log-odds of content",
        "features": list(names),
        "baseline": round(float(np.ravel(model._baseline_prediction)[0]), 6),
        "trees": trees,
    }


def _half(page_id: str) -> int:
    return hashlib.sha1(page_id.encode()).digest()[0] % 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", type=Path, help="JSON Lines files of pages with an `html` field")
    parser.add_argument("--synthetic", type=int, default=150, help="generated pages from bench.corpus to add")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--layouts", help=f"comma-separated dump layouts (default: {','.join(TRAINING)}; known: {','.join(CONVERTERS)})")
    parser.add_argument("--holdout-half", type=int, choices=(0, 1), help="leave out the pages of this half")
    parser.add_argument("--gold-labels", action="store_true", help="label pages that carry a `gold` (the dev set's) from it")
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
    x, y, groups, dumps = build(pages, args.gold_labels, layouts)
    log.info("%d units from %d pages, %.1f%% content", len(y), len(pages), 100 * y.mean())
    exported = train_stages(x, y, groups, dumps, args.seed)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(exported, separators=(",", ":")) + "\n")
    log.info("wrote %s (%d bytes)", args.out, args.out.stat().st_size)


if __name__ == "__main__":
    main()
