"""Published-day accuracy of newsbeam against htmldate alone, on the same dev pages.

    .venv/bin/python -m bench.htmldate_baseline            # totals
    .venv/bin/python -m bench.htmldate_baseline --pages    # one row per page, misses marked

The pages are those of the extraction dev set (`../shared/devsets/`, beside the repository) whose
gold carries a published date; a page counts as right when the first ten characters of the output
equal those of the gold, the rule `score.py` applies. htmldate runs as a user would call it:
`find_date(html, original_date=True, extensive_search=...)`, both settings reported.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
from pathlib import Path

from htmldate import find_date

from foundation.records import RawDocument
from pipelines.extraction import ExtractionError, extract

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devsets" / "extraction-dev.jsonl.gz"


def dated_pages(path: Path) -> list[dict]:
    if not path.is_file():
        raise SystemExit(f"dev set not found at {path}; pass --data")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    return [r for r in records if r["gold"].get("published")]


def newsbeam_date(record: dict) -> str:
    url = record["url"] or f"https://dev.invalid/{record['id']}"
    try:
        return extract(RawDocument(source=record["id"], content=record["html"].encode("utf-8"), url=url)).published_at or ""
    except ExtractionError:
        return ""


def htmldate_date(record: dict, extensive: bool) -> str:
    url = record["url"] or f"https://dev.invalid/{record['id']}"
    try:
        return find_date(record["html"], url=url, original_date=True, extensive_search=extensive) or ""
    except Exception:  # htmldate has no documented exception contract; a miss is a miss
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEVSET)
    parser.add_argument("--pages", action="store_true", help="print one row per page")
    args = parser.parse_args()
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
