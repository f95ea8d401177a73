"""Text-dump quality by converter: the dev set's pages dumped by converters it does not ship.

    .venv/bin/python -m bench.converter_dumps                           # every converter installed here
    .venv/bin/python -m bench.converter_dumps --converters lines,lynx   # some of them
    .venv/bin/python -m bench.converter_dumps --devset DIR              # the dev set elsewhere

The dev set holds each page dumped by two converters (trafilatura's html2txt and inscriptis); the
pages quality is finally judged on are dumped by another. This dumps the same pages with others and
scores each with the dev set's own scorer, unchanged: it writes a copy of the dev set whose
`dump_html2txt` holds that converter's dumps and runs `score.py --inputs html2txt` over
`newsbeam extract` on it, as `bench.quality` does for the dev set's own dumps.

The line trainer's layouts (one line per block, blocks wrapped, blocks wrapped and indented as
`lynx -dump` prints them) are always there. html2text (its defaults, which wrap at 78 columns, and
unwrapped), markdownify and BeautifulSoup (`get_text("\\n")`, stripped or not) are used when
installed: `.venv/bin/pip install html2text markdownify beautifulsoup4`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

from bench.quality import DEVSET, REPO, SCORE_LINE
from bench.train_line_model import dump_lines, dump_wrapped, page_blocks

log = logging.getLogger(__name__)

COLUMNS = ("dumps by", "readability F1", "P", "R", "snippets F1", "titles", "dates", "docs/s")
# lynx wraps at 79 columns and indents paragraphs by three spaces, list items by five and a bullet.
LYNX_WIDTH = 79


def dump_lynx(html: str) -> str:
    """Blocks wrapped and indented as `lynx -dump -nolist` prints them."""
    out = []
    for tag, text in page_blocks(html):
        if tag == "li":
            out.append(textwrap.fill(text, LYNX_WIDTH, initial_indent="     * ", subsequent_indent="       "))
        elif tag in ("h1", "h2", "h3"):
            out.append(text)
        else:
            out.append(textwrap.fill(text, LYNX_WIDTH, initial_indent="   ", subsequent_indent="   "))
    return "\n\n".join(out)


def converters() -> dict[str, Callable[[str], str]]:
    """Every converter installed here, by name."""
    found: dict[str, Callable[[str], str]] = {"lines": dump_lines, "wrapped": dump_wrapped, "lynx": dump_lynx}
    try:
        import html2text
    except ImportError:
        log.warning("html2text is not installed: its dumps are left out")
    else:

        def unwrapped(html: str) -> str:
            converter = html2text.HTML2Text()
            converter.body_width = 0
            return converter.handle(html)

        found["html2text"] = html2text.html2text
        found["html2text-unwrapped"] = unwrapped
    try:
        import markdownify
        from bs4 import BeautifulSoup
    except ImportError:
        log.warning("markdownify or beautifulsoup4 is not installed: their dumps are left out")
    else:

        def page(html: str) -> BeautifulSoup:
            soup = BeautifulSoup(html, "html.parser")
            for element in soup(["script", "style", "noscript"]):
                element.decompose()
            return soup

        found["markdownify"] = lambda html: markdownify.markdownify(str(page(html)))
        found["bs4-text-nodes"] = lambda html: page(html).get_text("\n")
        found["bs4-text-nodes-stripped"] = lambda html: page(html).get_text("\n", strip=True)
    return found


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
    parser.add_argument("--converters", help="comma-separated names (default: every one installed here)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    scorer, data = args.devset / "score.py", args.devset / "extraction-dev.jsonl.gz"
    if not scorer.is_file() or not data.is_file():
        raise SystemExit(f"bench.converter_dumps: no dev set at {args.devset}; pass --devset DIR")
    available = converters()
    names = args.converters.split(",") if args.converters else list(available)
    unknown = [name for name in names if name not in available]
    if unknown:
        raise SystemExit(f"bench.converter_dumps: unknown or not installed: {', '.join(unknown)} (here: {', '.join(available)})")
    with gzip.open(data, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    rows = []
    for name in names:
        log.info("%s: dumping and scoring %d pages", name, len(records))
        rows.append(score(name, records, available[name], scorer))
    print("| " + " | ".join(COLUMNS) + " |")
    print("| " + " | ".join("---" for _ in COLUMNS) + " |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
