"""What learning a publisher's template gains, and what it costs, on real text laid out as sites do.

    .venv/bin/python -m bench.site_templates            # both text-dump kinds
    .venv/bin/python -m bench.site_templates --inputs html2txt --sites 40

The dev set holds no run of whole pages from one site, so sites are built from real parts: a
Readability page's dump with its own article lines (those in its gold text) replaced by the gold
text of the next pages is one site with several articles — the same furniture (header, menus,
teasers, footer, comments) around different articles, as a publisher serves it. Each site's
articles are extracted in order, as a stream brings them, and scored with the dev set's own body
metric (score.py, 4-gram shingles) without and with the site's template learned from the
articles before. The cost is extraction time with the template beside extraction time without it.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import time
from pathlib import Path
from statistics import mean
from types import ModuleType

from foundation.records import RawDocument
from foundation.vocabulary import ExtractionWarning
from pipelines.extraction import extract
from pipelines.extraction.site_template import SiteTemplate

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devsets"
KINDS = {"html2txt": "dump_html2txt", "inscriptis": "dump_inscriptis"}
ARTICLES_PER_SITE = 5
MIN_FURNITURE_LINES = 20
_WORDS = re.compile(r"\w+")


def scorer(devset: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("devset_score", devset / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"bench.site_templates: no scorer at {devset / 'score.py'}; pass --devset DIR")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def readability_pages(devset: Path) -> list[dict]:
    with gzip.open(devset / "extraction-dev.jsonl.gz", "rt", encoding="utf-8") as lines:
        pages = [json.loads(line) for line in lines]
    return [page for page in pages if page["id"].startswith("readability/") and len(_WORDS.findall(page["gold"]["body"])) >= 100]


def with_article(dump: str, own_gold: str, article: str) -> str | None:
    """`dump` with its own article's lines replaced, where the first stood, by `article`'s paragraphs.

    None when the dump has no separate article lines or too little furniture to make a site of
    (converters sometimes put a whole page on a few lines).
    """
    gold_words = set(_WORDS.findall(own_gold.lower()))
    out, placed = [], False
    for line in dump.split("\n"):
        words = _WORDS.findall(line.lower())
        if len(words) >= 4 and sum(word in gold_words for word in words) >= 0.8 * len(words):
            if not placed:
                out.append(article.replace("\n\n", "\n"))
                placed = True
            continue
        out.append(line)
    return "\n".join(out) if placed and len(out) > MIN_FURNITURE_LINES else None


def sites(pages: list[dict], kind: str, count: int) -> list[list[tuple[str, str]]]:
    """`count` sites of (dump, gold) pairs: page i's furniture around the articles of the pages after it."""
    built: list[list[tuple[str, str]]] = []
    for i, page in enumerate(pages):
        articles = [pages[(i + 1 + k) % len(pages)]["gold"]["body"] for k in range(ARTICLES_PER_SITE)]
        dumps = [with_article(page[KINDS[kind]], page["gold"]["body"], article) for article in articles]
        if all(dumps):
            built.append([(dump, article) for dump, article in zip(dumps, articles, strict=True) if dump])
        if len(built) == count:
            break
    return built


def measure(kind: str, built: list[list[tuple[str, str]]], prf) -> dict[str, float]:
    without, with_template, extract_seconds, template_seconds, changed = [], [], 0.0, 0.0, 0
    for number, site in enumerate(built):
        template = SiteTemplate()
        for position, (dump, gold) in enumerate(site):
            raw = RawDocument(source=f"site-{number}/{position}", content=dump, content_type="text/plain")
            started = time.perf_counter()
            article = extract(raw)
            extract_seconds += time.perf_counter() - started
            started = time.perf_counter()
            cleaned = extract(raw, template=template)
            template_seconds += time.perf_counter() - started
            changed += ExtractionWarning.SITE_TEMPLATE_LINES in cleaned.extraction.warnings
            without.append(prf(article.body, gold))
            with_template.append(prf(cleaned.body, gold))
    return {
        "articles": len(without),
        "changed": changed,
        **{name: mean(score[i] for score in without) for i, name in enumerate(("P", "R", "F1"))},
        **{name + "+t": mean(score[i] for score in with_template) for i, name in enumerate(("P", "R", "F1"))},
        "cost": template_seconds / extract_seconds - 1,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", default=",".join(KINDS), help="comma-separated text-dump kinds: html2txt, inscriptis")
    parser.add_argument("--sites", type=int, default=60, help="how many sites to build (default: %(default)s)")
    parser.add_argument("--devset", type=Path, default=DEVSET, help="the dev set's folder (default: %(default)s)")
    args = parser.parse_args()
    prf = scorer(args.devset).prf
    pages = readability_pages(args.devset)
    print(f"sites of {ARTICLES_PER_SITE} articles each, built from {len(pages)} Readability pages with their furniture")
    print(
        f"{'input':<11} {'sites':>5} {'articles':>8} {'changed':>7} {'P':>6} {'P+t':>6} {'R':>6} {'R+t':>6} {'F1':>6} {'F1+t':>6} {'cost':>6}"
    )
    for kind in args.inputs.split(","):
        built = sites(pages, kind, args.sites)
        if not built:
            print(f"{kind:<11} no site can be built: this converter puts each page on a few lines, so no line is the article's alone")
            continue
        row = measure(kind, built, prf)
        print(
            f"{kind:<11} {len(built):>5} {row['articles']:>8} {row['changed']:>7} {row['P']:>6.3f} {row['P+t']:>6.3f} {row['R']:>6.3f} {row['R+t']:>6.3f} "
            f"{row['F1']:>6.3f} {row['F1+t']:>6.3f} {row['cost']:>6.1%}"
        )


if __name__ == "__main__":
    main()
