"""`newsbeam replay [PATHS...]`: index saved articles (or re-submit dead letters) through the Beam pipeline."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.live import Live
from rich.table import Table

from connectors.elasticsearch.bulk import BulkOptions
from foundation import progress
from foundation.settings import PROJECT_ROOT
from pipelines.cli.exits import ExitCode
from pipelines.cli.options import add_connection_options, add_pipeline_options, dead_letter_path, elasticsearch_settings, stories_settings
from pipelines.cli.usage import UsageError
from pipelines.replay import ReplaySummary, run_replay


def register(subparsers: argparse._SubParsersAction, help: str) -> None:
    parser = subparsers.add_parser(
        "replay",
        help=help,
        description=(
            "Read .txt, .html/.htm, .jsonl and WARC files (each also .gz), extract articles, "
            "de-duplicate them by id and index them. Replaying again is idempotent: unchanged "
            "articles are not rewritten. Unknown --options are passed to Apache Beam "
            "(e.g. --direct_num_workers=2 --direct_running_mode=multi_processing)."
        ),
        epilog=(
            f"exit codes: 0 all indexed; 1 could not run; 2 bad arguments; {ExitCode.DEAD_LETTERS:d} some documents "
            f"went to the dead-letter file (re-submit with --from-dlq); {ExitCode.UNRECONCILED:d} counts do not reconcile."
        ),
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, folders or globs (default: seeds/)")
    add_connection_options(parser)
    add_pipeline_options(parser, "replay")
    parser.add_argument(
        "--from-dlq", action="append", default=[], metavar="FILE", help="re-submit the documents of a dead-letter file (repeatable)"
    )
    parser.add_argument("--batch-docs", type=int, default=BulkOptions.max_docs, help="documents per bulk request (default: %(default)s)")
    parser.add_argument("--batch-bytes", type=int, default=BulkOptions.max_bytes, help="bytes per bulk request (default: %(default)s)")
    parser.add_argument(
        "--alerts",
        action="store_true",
        help="notify the watchlists of what this replay creates or updates (default: off; see `newsbeam watchlist`)",
    )
    parser.add_argument(
        "--retry-timeout",
        type=float,
        default=BulkOptions.retry_timeout,
        help="seconds to keep retrying while Elasticsearch is unreachable (default: %(default)s)",
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    settings = elasticsearch_settings(args)
    paths = args.paths or ([] if args.from_dlq else [_default_seeds()])
    dlq = dead_letter_path(args)
    if args.batch_docs < 1 or args.batch_bytes < 1024:
        raise UsageError("--batch-docs must be >= 1 and --batch-bytes >= 1024")
    bulk = BulkOptions(max_docs=args.batch_docs, max_bytes=args.batch_bytes, retry_timeout=args.retry_timeout)
    with _live_progress(enabled=sys.stderr.isatty() and not args.json):
        summary = run_replay(
            paths,
            es=settings,
            index=args.index or settings.index,
            dead_letter_path=dlq,
            dead_letter_files=args.from_dlq,
            runner=args.runner,
            beam_args=args.beam_args,
            bulk=bulk,
            alerts=args.alerts,
            stories=stories_settings(args),
        )
    if args.json:
        print(json.dumps(summary.to_dict()))
    else:
        _print_summary(summary)
    if not summary.reconciled:
        return ExitCode.UNRECONCILED
    return ExitCode.DEAD_LETTERS if summary.counters["dead_lettered"] else ExitCode.OK


def _default_seeds() -> str:
    local = os.path.join(os.getcwd(), "seeds")
    return local if os.path.isdir(local) else str(PROJECT_ROOT / "seeds")


@contextmanager
def _live_progress(enabled: bool) -> Iterator[None]:
    """A live line of counts on a terminal while the pipeline runs in this process."""
    if not enabled:
        yield
        return
    counts: Counter[str] = Counter()
    started = time.monotonic()

    def render() -> str:
        done = counts["created"] + counts["updated"] + counts["unchanged"]
        return (
            f"read {counts['read']} · extracted {counts['extracted']} · indexed {done} · "
            f"failed {counts['failed_read'] + counts['failed_extraction'] + counts['failed_index']} · "
            f"{time.monotonic() - started:.0f}s"
        )

    with Live(render(), console=Console(stderr=True), refresh_per_second=4, transient=True) as live:

        def update(stage: str, count: int) -> None:
            counts[stage] += count
            live.update(render())

        with progress.listening(update):
            yield


def _print_summary(summary: ReplaySummary) -> None:
    console = Console(highlight=False)
    counters = summary.counters
    table = Table(title=f"replay into {summary.index}", show_header=False, box=None, padding=(0, 2))
    for name, value in counters.items():
        table.add_row(name, str(value))
    console.print(table)
    console.print(f"{summary.elapsed_seconds:.1f}s, {summary.documents_per_second:.1f} documents/s")
    if counters["dead_lettered"]:
        console.print(
            f"[yellow]{counters['dead_lettered']} dead letters in {summary.dead_letter_path}[/yellow] (re-submit with --from-dlq)"
        )
    if not summary.reconciled:
        console.print(f"[red]counts do not reconcile: read {counters['read']}, accounted for {summary.accounted}[/red]")
