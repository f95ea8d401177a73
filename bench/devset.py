"""The extraction dev set's records (`../shared/devsets/extraction-dev.jsonl.gz`, beside the repository)."""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from foundation.records import Article, RawDocument
from pipelines.extraction import ExtractionError, extract

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devsets" / "extraction-dev.jsonl.gz"


def records(path: Path = DEVSET) -> list[dict]:
    """Every page of the dev set at `path`, with its gold; a clear exit when the file is missing."""
    if not path.is_file():
        raise SystemExit(f"dev set not found at {path}; pass --data")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def page_url(record: dict) -> str:
    """The page's URL, or the placeholder `score.py` gives pages without one."""
    return record["url"] or f"https://dev.invalid/{record['id']}"


def extract_page(record: dict) -> Article | None:
    """newsbeam's article from the page's HTML, None where extraction refuses it."""
    try:
        return extract(RawDocument(source=record["id"], content=record["html"].encode("utf-8"), url=page_url(record)))
    except ExtractionError:
        return None


def page_arguments(description: str) -> argparse.Namespace:
    """The options of a bench that scores the dev pages one by one: `--data`, `--pages`."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=DEVSET, help=f"the dev set (default {DEVSET})")
    parser.add_argument("--pages", action="store_true", help="print one row per page")
    return parser.parse_args()
