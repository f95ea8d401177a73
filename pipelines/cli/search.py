"""`newsbeam search [QUERY]`: ranked hits with highlighted passages, or the newest articles."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from pipelines.cli.exits import ExitCode
from pipelines.cli.options import add_connection_options, elasticsearch_settings
from pipelines.cli.usage import UsageError
from pipelines.search_dates import DateFormError, check_date

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from pipelines.search import Hit

# The Elasticsearch client and rich are imported by the functions that search and print, so that
# `--help` answers at once.

INDENT = 3


def register(subparsers: argparse._SubParsersAction, help: str) -> None:
    parser = subparsers.add_parser(
        "search",
        help=help,
        description=(
            "Search titles, subtitles, descriptions and bodies. QUERY uses Lucene query syntax: "
            'words must all match ("and"), each in any of the fields, "quoted phrases", OR, -exclusions, '
            "field:value, wildcards*. Without QUERY (or --like), lists the newest articles that pass the "
            "filters (published_at, or fetched_at when an article has no date)."
        ),
    )
    parser.add_argument("query", metavar="QUERY", nargs="?", default="", help="e.g. \"Kuril Islands\" or 'sanctions AND (Japan OR Tokyo)'")
    parser.add_argument(
        "--like", metavar="URL_OR_ID", help="articles similar to this indexed one (its URL, canonical URL or id), most similar first"
    )
    parser.add_argument(
        "--since", metavar="DATE", type=_date, help="published on or after DATE (2024-06-01, 2024-06-01T12:00, now-7d, now-1d/d)"
    )
    parser.add_argument("--until", metavar="DATE", type=_date, help="published on or before DATE")
    parser.add_argument(
        "--publisher", action="append", default=[], metavar="NAME", help="only this publisher (repeatable; case-insensitive)"
    )
    parser.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="only articles with this tag (repeatable: all must match)"
    )
    parser.add_argument("--size", type=int, default=10, help="how many hits to show (default: 10)")
    parser.add_argument(
        "--stories",
        action="store_true",
        help="one hit per story (an article and its syndicated copies), with how many articles and outlets carried it",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print JSON Lines: one object per hit (id, score, title, publisher, published_at, url, "
        "fragments with matches in <em>…</em>; with --stories, story), best first; nothing when nothing matches",
    )
    add_connection_options(parser)
    parser.set_defaults(func=_run)


def _date(value: str) -> str:
    try:
        return check_date(value)
    except DateFormError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _run(args: argparse.Namespace) -> int:
    from connectors.elasticsearch.client import make_client
    from pipelines.search import SearchRequest, search

    if not 0 < args.size <= 10_000:
        raise UsageError("--size must be between 1 and 10000")
    settings = elasticsearch_settings(args)
    request = SearchRequest(args.query, args.since, args.until, tuple(args.publisher), tuple(args.tag), args.size, args.like, args.stories)
    client = make_client(settings)
    try:
        total, hits = search(client, args.index or settings.index, request)
    finally:
        client.close()
    if args.json:
        for hit in hits:
            print(json.dumps(hit.to_dict(), ensure_ascii=False))
    else:
        _print_hits(total, hits, ranked=bool(args.query or args.like))
    return ExitCode.OK


def _print_hits(total: int, hits: list[Hit], console: Console | None = None, *, ranked: bool = True) -> None:
    """Hits for a reader: on a terminal, wrapped lines keep their indent; into a pipe or a file,
    one line per item, never wrapped (rich would wrap at 80 columns there). The score is shown
    only when hits are `ranked` by relevance (a newest-first listing has none worth reading)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.text import Text

    if console is None:
        console = Console(highlight=False)
        console.soft_wrap = not console.is_terminal
    console.print(f"{total} match{'es' if total != 1 else ''}" + (f", showing {len(hits)}" if len(hits) < total else ""))
    for rank, hit in enumerate(hits, 1):
        console.print()
        console.print(f"[bold]{rank}. {escape(hit.title or '(untitled)')}[/bold]")
        score = f" · score {hit.score:.2f}" if ranked else ""
        _indented(console, Text(f"{hit.publisher or 'unknown publisher'} · {hit.published_at or 'date unknown'}{score}"))
        if hit.story:
            _indented(console, Text(hit.story.describe(), style="magenta"))
        if hit.url:
            # Whole on one line whatever the width, so that it can be copied or clicked.
            console.print(" " * INDENT + hit.url, style="cyan", markup=False, no_wrap=True, overflow="ignore", crop=False)
        for pieces in hit.marked_fragments():
            # A Text built from pieces, not markup: nothing in an article can be read as a style tag.
            line = Text("… ")
            for text, matched in pieces:
                line.append(text, style="bold yellow" if matched else None)
            line.append(" …")
            _indented(console, line)


def _indented(console: Console, text: Text) -> None:
    from rich.padding import Padding
    from rich.text import Text

    if console.is_terminal and not console.soft_wrap:
        console.print(Padding(text, (0, 0, 0, INDENT), expand=False))
    else:
        # Padding crops what it holds to the console's width, which would cut unwrapped lines.
        console.print(Text(" " * INDENT) + text)
