"""Text-dump quality by converter: the dev set's pages dumped by converters it does not ship.

    .venv/bin/python -m bench.converter_dumps                           # every converter installed here
    .venv/bin/python -m bench.converter_dumps --converters lines,lynx   # some of them
    .venv/bin/python -m bench.converter_dumps --devset DIR              # the dev set elsewhere

The dev set holds each page dumped by two converters (trafilatura's html2txt and inscriptis); the
pages quality is finally judged on are dumped by another. This dumps the same pages with others and
scores each with the dev set's own scorer, unchanged: it writes a copy of the dev set whose
`dump_html2txt` holds that converter's dumps and runs `score.py --inputs html2txt` over
`newsbeam extract` on it, as `bench.quality` does for the dev set's own dumps.

The layouts are `bench.dump_layouts.SCORED`: one line per block, blocks wrapped, blocks wrapped and
indented as `lynx -dump` prints them, html2text (its defaults, which wrap at 78 columns, and
unwrapped), markdownify and BeautifulSoup (`get_text("\\n")`, stripped or not). The shipped dump
models learnt from two of them, one line per block and blocks wrapped (`bench.dump_layouts.TRAINING`),
and never from these pages' other half (`--holdout-half 1`).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.dump_layouts import SCORED, chosen
from bench.quality import DEVSET, REPO, SCORE_LINE

log = logging.getLogger(__name__)

COLUMNS = ("dumps by", "readability F1", "P", "R", "snippets F1", "titles", "dates", "docs/s")


def _dumped_devset(records: list[dict], convert: Callable[[str], str], path: Path) -> None:
    """The dev set with each page's `dump_html2txt` made by `convert` (empty where it fails on the page)."""
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for record in records:
            try:
                dump = convert(record["html"])
            except (ValueError, RecursionError) as error:
                log.warning("%s: the converter failed: %s", record["id"], error)
                dump = ""
            out.write(json.dumps(record | {"dump_html2txt": dump}, ensure_ascii=False) + "\n")


def score(name: str, records: list[dict], convert: Callable[[str], str], scorer: Path) -> list[str]:
    """One table row: the dev set's scorer over `newsbeam extract` on the pages as `convert` dumps them."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "devset.jsonl.gz"
        _dumped_devset(records, convert, data)
        command = [
            sys.executable,
            str(scorer),
            "--data",
            str(data),
            "--inputs",
            "html2txt",
            "--",
            sys.executable,
            "-m",
            "pipelines.cli",
            "extract",
        ]
        finished = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    for line in finished.stdout.splitlines():
        match = SCORE_LINE.match(line)
        if match:
            f1, precision, recall, titles, dates, snippets, speed = match.groups()[1:]
            return [name, f1, precision, recall, snippets, titles, dates, f"{float(speed):.1f}"]
    raise SystemExit(
        f"bench.converter_dumps: the scorer printed no score for {name}: {finished.stdout.strip()} {finished.stderr.strip()[-500:]}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET, help="the dev set's directory (score.py and its data)")
    parser.add_argument("--converters", help=f"comma-separated names (default: all of {', '.join(SCORED)})")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    scorer, data = args.devset / "score.py", args.devset / "extraction-dev.jsonl.gz"
    if not scorer.is_file() or not data.is_file():
        raise SystemExit(f"bench.converter_dumps: no dev set at {args.devset}; pass --devset DIR")
    try:
        layouts = chosen(args.converters, SCORED)
    except ValueError as error:
        parser.error(str(error))
    with gzip.open(data, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    rows = []
    for name, convert in layouts.items():
        log.info("%s: dumping and scoring %d pages", name, len(records))
        rows.append(score(name, records, convert, scorer))
    print("| " + " | ".join(COLUMNS) + " |")
    print("| " + " | ".join("---" for _ in COLUMNS) + " |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
