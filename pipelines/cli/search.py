"""`newsbeam search QUERY`: ranked hits with highlighted passages."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from pipelines.cli.exits import ExitCode, UsageError
from pipelines.cli.options import add_connection_options, elasticsearch_settings

if TYPE_CHECKING:
    from pipelines.search import Hit

# The Elasticsearch client and rich are imported by the functions that search and print, so that
# `--help` answers at once.


def register(subparsers: argparse._SubParsersAction, help: str) -> None:
    parser = subparsers.add_parser(
        "search",
        help=help,
        description=(
            "Search titles, subtitles, descriptions and bodies. QUERY uses Lucene query syntax: "
            'words must all match ("and"), "quoted phrases", OR, -exclusions, field:value, wildcards*. '
            "An empty QUERY lists the latest matches of the filters."
        ),
    )
    parser.add_argument("query", metavar="QUERY", help="e.g. \"Kuril Islands\" or 'sanctions AND (Japan OR Tokyo)'")
    parser.add_argument("--since", metavar="DATE", help="published on or after DATE (2024-06-01, 2024-06-01T12:00, now-7d)")
    parser.add_argument("--until", metavar="DATE", help="published on or before DATE")
    parser.add_argument(
        "--publisher", action="append", default=[], metavar="NAME", help="only this publisher (repeatable; case-insensitive)"
    )
    parser.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="only articles with this tag (repeatable: all must match)"
    )
    parser.add_argument("--size", type=int, default=10, help="how many hits to show (default: 10)")
    parser.add_argument("--json", action="store_true", help="print one JSON object with the total and the hits")
    add_connection_options(parser)
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from connectors.elasticsearch.client import make_client
    from pipelines.search import SearchRequest, search

    if not 0 < args.size <= 10_000:
        raise UsageError("--size must be between 1 and 10000")
    settings = elasticsearch_settings(args)
    request = SearchRequest(args.query, args.since, args.until, tuple(args.publisher), tuple(args.tag), args.size)
    client = make_client(settings)
    try:
        total, hits = search(client, args.index or settings.index, request)
    finally:
        client.close()
    if args.json:
        print(json.dumps({"total": total, "hits": [hit.to_dict() for hit in hits]}, ensure_ascii=False))
    else:
        _print_hits(total, hits)
    return ExitCode.OK


def _print_hits(total: int, hits: list[Hit]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.text import Text

    console = Console(highlight=False)
    console.print(f"{total} match{'es' if total != 1 else ''}" + (f", showing {len(hits)}" if len(hits) < total else ""))
    for rank, hit in enumerate(hits, 1):
        console.print()
        console.print(f"[bold]{rank}. {escape(hit.title or '(untitled)')}[/bold]")
        console.print(f"   {escape(hit.publisher or 'unknown publisher')} · {hit.published_at or 'date unknown'} · score {hit.score:.2f}")
        if hit.url:
            console.print(f"   [cyan]{escape(hit.url)}[/cyan]")
        for pieces in hit.marked_fragments():
            # A Text built from pieces, not markup: nothing in an article can be read as a style tag.
            line = Text("   … ")
            for text, matched in pieces:
                line.append(text, style="bold yellow" if matched else None)
            line.append(" …")
            console.print(line)
