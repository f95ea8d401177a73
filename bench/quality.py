"""Extraction quality in one table: the dev set (HTML and both text-dump kinds) and the seeds.

    .venv/bin/python -m bench.quality                    # all input kinds, seeds, htmldate comparison
    .venv/bin/python -m bench.quality --inputs html      # one kind only
    .venv/bin/python -m bench.quality --devset DIR       # the dev set elsewhere

The dev-set rows come from the dev set's own scorer (`score.py`, beside the data in
`../shared/devsets/` next to the repository), run over `newsbeam extract` exactly as its README
shows; nothing it computes is redone here. The seeds row runs the seeds' expectations
(tests/test_extraction_seeds.py) and times their extraction. The last lines compare published-day
accuracy with htmldate alone on the same pages (bench/htmldate_baseline.py), the authors found
with trafilatura's own against the gold bylines (bench/bylines.py), and the dumps' titles on every
dev page whose dump prints its headline, not only the Readability pages (bench/dump_titles.py).
"""

from __future__ import annotations

import argparse
import logging
import re
import subprocess
import sys
import time
from pathlib import Path

from bench import bylines, dump_titles, htmldate_baseline
from bench.devset import records
from foundation.records import RawDocument
from pipelines.extraction import extract

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
DEVSET = REPO.parent / "shared" / "devsets"
SEEDS = REPO / "seeds"
KINDS = ("html", "html2txt", "inscriptis")
LABELS = {"html": "HTML", "html2txt": "text dump (html2txt)", "inscriptis": "text dump (inscriptis)"}
_NUMBER = r"([\d.]+|nan)"
SCORE_LINE = re.compile(
    rf"^(?P<kind>\S+)\s+readability F1 {_NUMBER} P {_NUMBER} R {_NUMBER} \(n=\d+\) title {_NUMBER} "
    rf"date {_NUMBER} \(n=\d+\) \| snippets with [\d.na]+ without-absent [\d.na]+ F1 {_NUMBER} \(n=\d+\) "
    rf"\| {_NUMBER} docs/s"
)
COLUMNS = ("input", "readability F1", "P", "R", "snippets F1", "titles", "dates", "docs/s")


def dev_rows(devset: Path, kinds: list[str], details: Path | None) -> list[list[str]]:
    scorer = devset / "score.py"
    if not scorer.is_file():
        raise SystemExit(f"bench.quality: the dev set's scorer is not at {scorer}; pass --devset DIR")
    command = [sys.executable, str(scorer), "--inputs", ",".join(kinds)]
    if details:
        command += ["--details", str(details)]
    command += ["--", sys.executable, "-m", "pipelines.cli", "extract"]
    finished = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    rows = []
    for line in finished.stdout.splitlines():
        match = SCORE_LINE.match(line)
        if match:
            f1, precision, recall, titles, dates, snippets, speed = match.groups()[1:]
            rows.append([LABELS.get(match["kind"], match["kind"]), f1, precision, recall, snippets, titles, dates, f"{float(speed):.1f}"])
        elif line.strip():
            rows.append([line.split()[0], *["—"] * (len(COLUMNS) - 2), "failed"])
            log.error("score.py: %s", line.strip())
    if finished.returncode:
        raise SystemExit(f"bench.quality: score.py exited with {finished.returncode}: {finished.stderr.strip()[-500:]}")
    return rows


def _extract_all(paths: list[Path]) -> int:
    """Extract every file; the number that failed (a broken seed shows in the table, it does not stop the bench)."""
    failures = 0
    for path in paths:
        try:
            extract(RawDocument(source=str(path), content=path.read_bytes()))
        except Exception as error:
            failures += 1
            log.debug("seed %s: %s: %s", path.name, type(error).__name__, error)
    return failures


def seeds_row() -> list[str]:
    test = REPO / "tests" / "test_extraction_seeds.py"
    finished = subprocess.run(
        [sys.executable, "-m", "pytest", str(test), "-q", "-p", "no:cacheprovider"], capture_output=True, text=True, cwd=REPO, check=False
    )
    counts = dict((kind, int(n)) for n, kind in re.findall(r"(\d+) (passed|failed|error)", finished.stdout))
    total = sum(counts.values())
    paths = sorted(SEEDS.glob("*.txt"))
    _extract_all(paths)  # the first pass loads the language models: start-up, not throughput
    started = time.perf_counter()
    failures = _extract_all(paths)
    speed = len(paths) / (time.perf_counter() - started)
    expectations = f"{counts.get('passed', 0)}/{total} expectations pass" if total else "expectations not run"
    if failures:
        expectations += f", {failures} seeds fail to extract"
    return [f"seeds ({len(paths)} text dumps)", expectations, "", "", "", "", "", f"{speed:.1f}"]


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join(" --- " for _ in COLUMNS) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET, help=f"directory of score.py and the data (default {DEVSET})")
    parser.add_argument("--inputs", default=",".join(KINDS), help="comma-separated: " + ",".join(KINDS))
    parser.add_argument("--details", type=Path, help="per-document scores from score.py (JSON)")
    parser.add_argument("--no-seeds", action="store_true", help="skip the seeds row")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    kinds = [kind for kind in args.inputs.split(",") if kind]
    unknown = set(kinds) - set(KINDS)
    if unknown:
        parser.error(f"unknown input kinds: {', '.join(sorted(unknown))}")
    rows = dev_rows(args.devset, kinds, args.details)
    if not args.no_seeds:
        rows.append(seeds_row())
    print(markdown(rows))
    if "html" in kinds:
        pages = htmldate_baseline.dated_pages(args.devset / "extraction-dev.jsonl.gz")
        logging.disable(logging.WARNING)
        hits = sum(htmldate_baseline.htmldate_date(r, True)[:10] == r["gold"]["published"][:10] for r in pages)
        print(f"\nhtmldate alone, published day on the same {len(pages)} HTML pages: {hits / len(pages):.3f}")
        named = bylines.scores(bylines.bylined_pages(args.devset / "extraction-dev.jsonl.gz"))
        print(
            f"authors named in the gold byline, on the {len(named['newsbeam'])} pages whose gold names one: "
            + ", ".join(f"{name} {sum(hits) / len(hits):.3f}" for name, hits in named.items())
        )
    dumped = [kind for kind in kinds if kind in dump_titles.STORED]
    if dumped:
        parts = []
        for kind, results in dump_titles.scored_layouts(records(args.devset / "extraction-dev.jsonl.gz"), dumped).items():
            _, counted, right, share, _, unseen = dump_titles.row(kind, results)
            parts.append(f"{kind} {right}/{counted} ({share}; unseen half {unseen})")
        print("\ndump titles on every dev page whose dump prints its headline (bench.dump_titles): " + ", ".join(parts))
    print(
        "\nreadability F1/P/R: 4-gram overlap with the gold article text (Readability pages); snippets F1: "
        "must-have and must-not-have snippets (trafilatura pages); titles: where the input holds the title; "
        "dates: published day."
    )


if __name__ == "__main__":
    main()
