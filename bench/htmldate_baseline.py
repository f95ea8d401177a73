"""Published-day accuracy of newsbeam against htmldate alone, on the same dev pages.

    .venv/bin/python -m bench.htmldate_baseline            # totals
    .venv/bin/python -m bench.htmldate_baseline --pages    # one row per page, misses marked

The pages are those of the extraction dev set (`../shared/devsets/`, beside the repository) whose
gold carries a published date; a page counts as right when the first ten characters of the output
equal those of the gold, the rule `score.py` applies. htmldate runs as a user would call it:
`find_date(html, original_date=True, extensive_search=...)`, both settings reported.
"""

from __future__ import annotations

import logging
from pathlib import Path

from htmldate import find_date

from bench import devset


def dated_pages(path: Path) -> list[dict]:
    return [r for r in devset.records(path) if r["gold"].get("published")]


def newsbeam_date(record: dict) -> str:
    article = devset.extract_page(record)
    return (article.published_at or "") if article is not None else ""


def htmldate_date(record: dict, extensive: bool) -> str:
    try:
        return find_date(record["html"], url=devset.page_url(record), original_date=True, extensive_search=extensive) or ""
    except Exception:  # htmldate has no documented exception contract; a miss is a miss
        return ""


def main() -> None:
    args = devset.page_arguments(__doc__.split("\n")[0])
    logging.disable(logging.WARNING)
    pages = dated_pages(args.data)
    columns: dict[str, list[bool]] = {"newsbeam": [], "htmldate extensive": [], "htmldate fast": []}
    for record in pages:
        gold = record["gold"]["published"][:10]
        found = {
            "newsbeam": newsbeam_date(record),
            "htmldate extensive": htmldate_date(record, True),
            "htmldate fast": htmldate_date(record, False),
        }
        for name, value in found.items():
            columns[name].append(value[:10] == gold)
        if args.pages:
            marks = " ".join(f"{'ok  ' if v[:10] == gold else 'MISS'} {v or '-':25s}" for v in found.values())
            print(f"{record['id']:45s} gold {record['gold']['published']:32s} {marks}")
    for name, hits in columns.items():
        print(f"{name:20s} day accuracy {sum(hits) / len(hits):.3f} ({sum(hits)}/{len(hits)})")


if __name__ == "__main__":
    main()
