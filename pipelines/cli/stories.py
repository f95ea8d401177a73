"""`newsbeam stories --since 1d`: the period's biggest stories, by how many outlets carried them."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from pipelines.cli.exits import ExitCode
from pipelines.cli.options import add_connection_options, elasticsearch_settings
from pipelines.cli.usage import UsageError

if TYPE_CHECKING:
    from pipelines.stories.queries import StoryRow

# The Elasticsearch client and rich are imported by the function that runs, so that `--help` answers at once.
ORDERS = ("outlets", "articles")
INDENT = "   "


def register(subparsers: argparse._SubParsersAction, help: str) -> None:
    parser = subparsers.add_parser(
        "stories",
        help=help,
        description=(
            "List the stories that spread most in a period. A story is an article and its syndicated copies "
            "(reposts, re-headlined or cut versions on other sites), grouped as they are indexed. For each story: "
            "how many outlets and articles carried it in the period, its first publisher, when it was first seen, "
            "and the title of its first article. Counts cover the articles published in the period (fetched, "
            "for articles without a date)."
        ),
        epilog="examples: `newsbeam stories --since 12h`, `newsbeam stories --since 2026-12-01 --by articles --json`",
    )
    parser.add_argument(
        "--since",
        metavar="WHEN",
        default="1d",
        help="the period's start: a duration back from now (30m, 12h, 1d, 2w), a date (2026-12-01, 2026-12-01T08:00) "
        "or date math (now-1d/d); default 1d",
    )
    parser.add_argument("--size", type=int, default=10, help="how many stories to list (default: 10)")
    parser.add_argument(
        "--min-articles", type=int, default=2, metavar="N", help="only stories with at least N articles in the period (default: 2)"
    )
    parser.add_argument(
        "--by", choices=ORDERS, default="outlets", help="order by distinct outlets (default) or by articles, the other breaking ties"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print JSON Lines, one story per line: story_id, articles, outlets, publishers, first_seen, "
        "first_publisher, title, url; nothing when no story qualifies",
    )
    add_connection_options(parser)
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from connectors.elasticsearch.client import make_client
    from pipelines.stories.queries import StoriesError, StoryOrder, period_start, top_stories

    if not 0 < args.size <= 10_000:
        raise UsageError("--size must be between 1 and 10000")
    if args.min_articles < 1:
        raise UsageError("--min-articles must be at least 1")
    try:
        period_start(args.since)
    except StoriesError as exc:
        raise UsageError(str(exc)) from None
    settings = elasticsearch_settings(args)
    index = args.index or settings.index
    client = make_client(settings)
    try:
        rows = top_stories(client, index, args.since, size=args.size, min_articles=args.min_articles, order=StoryOrder(args.by))
    except StoriesError as exc:
        raise UsageError(str(exc)) from None
    finally:
        client.close()
    if args.json:
        for row in rows:
            print(json.dumps(row.to_dict(), ensure_ascii=False))
    else:
        _print_rows(rows, args.since, args.min_articles, args.by)
    return ExitCode.OK


def _print_rows(rows: list[StoryRow], since: str, min_articles: int, by: str) -> None:
    """Stories for a reader, biggest first; into a pipe or a file one line per item, never wrapped."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    console.soft_wrap = not console.is_terminal
    if not rows:
        console.print(f"no story with {min_articles} or more articles since {since}", markup=False)
        return
    console.print(f"The biggest stories since {since}, by {by}", markup=False)
    for rank, row in enumerate(rows, 1):
        console.print()
        # Article text goes in as Text, never markup: nothing in a title is read as a style tag.
        console.print(Text(f"{rank}. {row.title or '(untitled)'}", style="bold"))
        counts = f"{_count(row.outlets, 'outlet')} · {_count(row.articles, 'article')}"
        console.print(Text(f"{INDENT}{counts} · first {row.first_publisher or 'unknown publisher'}, {row.first_seen or 'date unknown'}"))
        more = ", …" if row.outlets > len(row.publishers) else ""
        console.print(Text(f"{INDENT}carried by {', '.join(row.publishers)}{more}", style="magenta"))
        if row.url:
            console.print(Text(f"{INDENT}{row.url}", style="cyan"), no_wrap=True, overflow="ignore", crop=False)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"
