"""Titles of text dumps over every dev page, not only the Readability pages whose gold names a title.

    .venv/bin/python -m bench.dump_titles                           # the dev set's two dumps
    .venv/bin/python -m bench.dump_titles --layouts html2txt,lynx   # with layouts bench.dump_layouts makes
    .venv/bin/python -m bench.dump_titles --misses                  # each page missed, and the title found
    .venv/bin/python -m bench.dump_titles --save before.json        # every page's title, kept to compare with
    .venv/bin/python -m bench.dump_titles --against before.json     # the pages whose title changed since

The dev set's scorer counts titles on its Readability pages alone, 64 of whose html2txt dumps print
the gold title: one page more or less moves the score by 0.016. Here every dev page counts whose
dump prints its headline: the gold title where the page has one, else the headline its HTML names
(the `<h1>` that its `og:title` or `<title>` names too, else those less the site's name), as the
headline ranker's trainer reads it (`bench.train_headline_model.gold_headline`). A title is right
as the scorer's title match has it (`bench.train_headline_model.matches`). The pages are counted by
half as well (`bench.train_line_model._half`): the ranker and the line model learnt from half 0's
pages, so half 1's are unseen.

The counts hide what a change does to single titles: a rule that wins one page may glue a word onto
another page's title, or onto the title of a page not counted (its dump does not print the
headline as the HTML names it). `--save FILE` writes the title found on every dev page, counted or
not, per layout, as JSON; a later run with `--against FILE` prints each page whose title changed
since, with its layout, the old and the new title and whether each is right (`right`, `wrong`, or
`uncounted` where the dump does not print the headline), and the headline where it is known.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from bench.devset import DEVSET, page_url, records
from bench.dump_layouts import CONVERTERS
from bench.train_headline_model import gold_headline, matches
from bench.train_line_model import _half
from foundation.records import RawDocument
from pipelines.extraction import ExtractionError, extract

log = logging.getLogger(__name__)

# The layouts whose dumps the dev set ships (its `dump_<layout>` fields); any other is made from the page's HTML.
STORED = ("html2txt", "inscriptis")
COLUMNS = ("dumps by", "dumps printing their headline", "titles right", "share", "half 0", "half 1 (unseen)")


@dataclass(frozen=True)
class TitleResult:
    page: str
    half: int
    # None where the dump does not print the page's headline: the page is not counted.
    headline: str | None
    found: str

    @property
    def counted(self) -> bool:
        return self.headline is not None

    @property
    def right(self) -> bool:
        return self.headline is not None and matches(self.found, self.headline)

    @property
    def verdict(self) -> str:
        if not self.counted:
            return "uncounted"
        return "right" if self.right else "wrong"


@dataclass(frozen=True)
class TitleChange:
    layout: str
    old: TitleResult
    new: TitleResult

    def __str__(self) -> str:
        headline = self.new.headline or self.old.headline
        known = f"\theadline: {headline!r}" if headline is not None else ""
        return f"{self.layout}\t{self.new.page}\t{self.old.found!r} ({self.old.verdict}) → {self.new.found!r} ({self.new.verdict}){known}"


def layout_dumps(records: Iterable[dict], layout: str) -> Iterator[tuple[dict, str]]:
    """Each page with its dump in `layout`: the dev set's own, or made by the converter (empty where it fails on the page)."""
    convert = None if layout in STORED else CONVERTERS[layout]
    for record in records:
        if convert is None:
            yield record, record.get(f"dump_{layout}") or ""
            continue
        try:
            dump = convert(record["html"]) or ""
        except (ValueError, RecursionError) as error:
            log.warning("%s: %s failed: %s", record["id"], layout, error)
            dump = ""
        yield record, dump


def title_of(dump: str, url: str) -> str:
    """The title newsbeam finds in a text dump ("" where it finds no text), read as the scorer hands
    it over: declared plain text (a dump that quotes a page's tags is not sniffed as HTML) with the
    page's address or the scorer's stand-in (`devset.page_url`)."""
    try:
        return extract(RawDocument(source="dev", content=dump, url=url, content_type="text/plain")).title or ""
    except ExtractionError:
        return ""


def title_results(pages: Iterable[tuple[dict, str]], *, uncounted: bool = False) -> list[TitleResult]:
    """The title found in each dump that prints its page's headline; other dumps are not counted,
    and are left out unless `uncounted` (a change may alter their titles too)."""
    results = []
    for record, dump in pages:
        headline = gold_headline(record, dump)
        if headline is not None or uncounted:
            results.append(TitleResult(record["id"], _half(record["id"]), headline, title_of(dump, page_url(record))))
    return results


def changed_titles(old: dict[str, list[TitleResult]], new: dict[str, list[TitleResult]]) -> list[TitleChange]:
    """Each page, in a layout both runs scored, whose title differs between them, in the new run's order."""
    changes = []
    for layout, results in new.items():
        before = {result.page: result for result in old.get(layout, [])}
        for result in results:
            if result.page in before and before[result.page].found != result.found:
                changes.append(TitleChange(layout, before[result.page], result))
    return changes


def save_titles(path: Path, scored: dict[str, list[TitleResult]]) -> None:
    pages = {layout: [asdict(result) for result in results] for layout, results in scored.items()}
    path.write_text(json.dumps(pages, ensure_ascii=False, indent=1), encoding="utf-8")


def load_titles(path: Path) -> dict[str, list[TitleResult]]:
    pages = json.loads(path.read_text(encoding="utf-8"))
    return {layout: [TitleResult(**result) for result in results] for layout, results in pages.items()}


def row(layout: str, results: list[TitleResult]) -> list[str]:
    def share(subset: list[TitleResult]) -> str:
        return f"{sum(result.right for result in subset)}/{len(subset)}"

    results = [result for result in results if result.counted]
    right = sum(result.right for result in results)
    halves = [share([result for result in results if result.half == half]) for half in (0, 1)]
    return [layout, str(len(results)), str(right), f"{right / len(results):.3f}" if results else "—", *halves]


def scored_layouts(pages: list[dict], layouts: Iterable[str], *, uncounted: bool = False) -> dict[str, list[TitleResult]]:
    return {layout: title_results(layout_dumps(pages, layout), uncounted=uncounted) for layout in layouts}


def _saved_titles(parser: argparse.ArgumentParser, path: Path) -> dict[str, list[TitleResult]]:
    """The titles `--save` wrote to `path`; the parser's error (exit 2) where it cannot be read as such."""
    try:
        return load_titles(path)
    except (OSError, ValueError, TypeError, AttributeError) as error:
        parser.error(f"--against {path}: not a file of titles written by --save ({error})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEVSET, help=f"the dev set (default {DEVSET})")
    parser.add_argument("--layouts", default=",".join(STORED), help=f"comma-separated (known: {', '.join(CONVERTERS)})")
    parser.add_argument("--misses", action="store_true", help="list each page whose title is missed")
    parser.add_argument("--save", type=Path, help="write every page's title, per layout, to this JSON file")
    parser.add_argument("--against", type=Path, help="list each page whose title differs from this file's (written by --save)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    layouts = [layout for layout in args.layouts.split(",") if layout]
    unknown = [layout for layout in layouts if layout not in CONVERTERS]
    if unknown:
        parser.error(f"unknown layouts: {', '.join(unknown)} (known: {', '.join(CONVERTERS)})")
    # Both files are checked before the minutes of scoring, not after them.
    if args.save and not args.save.parent.is_dir():
        parser.error(f"--save {args.save}: no such directory")
    before = _saved_titles(parser, args.against) if args.against else None
    # The titles of pages not counted are kept only to be compared: a change may alter them too.
    scored = scored_layouts(records(args.data), layouts, uncounted=bool(args.save or args.against))
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "|".join(" --- " for _ in COLUMNS) + "|")
    for layout, results in scored.items():
        print("| " + " | ".join(row(layout, results)) + " |")
    for layout, results in scored.items() if args.misses else ():
        for result in results:
            if result.counted and not result.right:
                print(f"{layout}\t{result.page}\theadline: {result.headline!r}\tfound: {result.found!r}")
    if before is not None:
        changes = changed_titles(before, scored)
        print(f"\n{len(changes)} titles changed against {args.against}")
        for change in changes:
            print(change)
    if args.save:
        save_titles(args.save, scored)


if __name__ == "__main__":
    main()
