"""Authors of newsbeam against trafilatura's own, checked against the dev set's gold bylines.

    .venv/bin/python -m bench.bylines            # totals
    .venv/bin/python -m bench.bylines --pages    # one row per page, misses marked

The pages are the extraction dev set's (`../shared/devsets/`, beside the repository) whose gold
names a byline (Mozilla Readability's test pages). A page counts as right when every author found
is named in the gold byline (both case-folded, without punctuation or a leading "By"), so a name
with its job title or its agency counts, and a site's name or a date taken for an author does not;
no author found is a miss. trafilatura runs as a user would call it for metadata:
`bare_extraction(html, url=url, with_metadata=True)`, its `author` split at its ";". newsbeam is
also scored on the page's two text dumps, whose bylines it reads as plain text.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

import trafilatura

from bench import devset
from foundation.records import RawDocument
from pipelines.extraction import ExtractionError, extract

_BY = re.compile(r"^\s*(?:by|par|von|por|di|door)\s+", re.IGNORECASE)
# Punctuation, and the underscore `\w` counts as a letter ("史蒂文的家_藍天").
# The dev set's text dumps of each page, by converter.
DUMP_KINDS = ("html2txt", "inscriptis")
_NOT_WORD = re.compile(r"[^\w\s]|_")


def bylined_pages(path: Path) -> list[dict]:
    return [r for r in devset.records(path) if r["gold"].get("byline")]


def name_key(name: str) -> str:
    """A name as compared: NFKC, case-folded, without a leading "By" or punctuation."""
    folded = _BY.sub("", unicodedata.normalize("NFKC", name)).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def named_in(authors: list[str], byline: str) -> bool:
    """Whether authors were found and each is named in the byline."""
    gold = name_key(byline)
    keys = [name_key(author) for author in authors]
    return bool(keys) and all(key and key in gold for key in keys)


def newsbeam_authors(record: dict) -> list[str]:
    article = devset.extract_page(record)
    return article.authors if article is not None else []


def dump_authors(record: dict, kind: str) -> list[str]:
    """newsbeam's authors of the page's text dump by the converter `kind` (the dev set holds two)."""
    try:
        article = extract(
            RawDocument(source=record["id"], content=record[f"dump_{kind}"], url=devset.page_url(record), content_type="text/plain")
        )
    except ExtractionError:
        return []
    return article.authors


def trafilatura_authors(record: dict) -> list[str]:
    document = trafilatura.bare_extraction(record["html"], url=devset.page_url(record), with_metadata=True)
    author = getattr(document, "author", None) if document is not None else None
    return [name.strip() for name in (author or "").split(";") if name.strip()]


def scores(pages: list[dict]) -> dict[str, list[bool]]:
    """For each page, whether newsbeam's and trafilatura's authors are all named in its gold byline."""
    return {
        "newsbeam": [named_in(newsbeam_authors(page), page["gold"]["byline"]) for page in pages],
        "trafilatura": [named_in(trafilatura_authors(page), page["gold"]["byline"]) for page in pages],
        **{f"newsbeam, {kind} dump": [named_in(dump_authors(page, kind), page["gold"]["byline"]) for page in pages] for kind in DUMP_KINDS},
    }


def main() -> None:
    args = devset.page_arguments(__doc__.split("\n")[0])
    logging.disable(logging.WARNING)
    pages = bylined_pages(args.data)
    if args.pages:
        for page in pages:
            ours, theirs = newsbeam_authors(page), trafilatura_authors(page)
            mark = "" if named_in(ours, page["gold"]["byline"]) else "  <- miss"
            print(f"{page['id']}: gold {page['gold']['byline']!r} | newsbeam {ours} | trafilatura {theirs}{mark}")
    for name, hits in scores(pages).items():
        print(f"{name:28s} authors named in the gold byline: {sum(hits)}/{len(hits)} = {sum(hits) / len(hits):.3f}")


if __name__ == "__main__":
    main()
