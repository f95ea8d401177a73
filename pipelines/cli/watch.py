"""`newsbeam watch`: poll the feeds of config/feeds.yaml and index new articles as they appear."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from elasticsearch import ApiError, TransportError

from connectors.elasticsearch.index import IndexSetupError
from pipelines.cli.options import add_connection_options, add_pipeline_options, dead_letter_path, elasticsearch_settings
from pipelines.feed_settings import DEFAULT_FEEDS, load_feeds
from pipelines.monitor import WatchSummary, request_stop, run_watch
from pipelines.settings import ConfigError

EXIT_DEAD_LETTERS = 3


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "watch",
        help="poll news feeds and index new articles until interrupted (or once, with --once)",
        description=(
            "Poll the RSS, Atom and JSON feeds of the feeds file, fetch the pages of new and updated "
            "entries, extract and index them. Runs until SIGINT/SIGTERM, then finishes what is in flight "
            "and prints the counters; --once polls every feed once and exits. Unknown --options are "
            "passed to Apache Beam (e.g. --runner PrismRunner --prism_location=.cache/bin/prism, built by `make prism`)."
        ),
        epilog=f"exit codes: 0 done; 1 could not run; 2 bad arguments or feeds file; {EXIT_DEAD_LETTERS} some documents went to the dead-letter file.",
    )
    parser.add_argument("--feeds", metavar="PATH", default=str(DEFAULT_FEEDS), help="feeds file (default: %(default)s)")
    parser.add_argument("--once", action="store_true", help="poll every feed once, index what is new and exit (for cron)")
    add_connection_options(parser)
    add_pipeline_options(parser, "watch")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    settings = elasticsearch_settings(args)
    try:
        config = load_feeds(args.feeds)
    except ConfigError as exc:
        print(f"newsbeam watch: {exc}", file=sys.stderr)
        return 2
    dlq = dead_letter_path(args)
    try:
        with _stop_on_signals() as install_handlers:
            summary = run_watch(
                config, es=settings, index=args.index or settings.index, dead_letter_path=dlq, once=args.once,
                runner=args.runner, beam_args=args.beam_args, submitted=install_handlers,
            )
    except (IndexSetupError, ApiError) as exc:
        print(f"newsbeam watch: cannot set up the index: {exc}", file=sys.stderr)
        return 1
    except TransportError as exc:
        print(f"newsbeam watch: cannot reach Elasticsearch at {settings.url}: {exc.message}", file=sys.stderr)
        return 1
    _print_summary(summary, as_json=args.json)
    return EXIT_DEAD_LETTERS if summary.counters["dead_lettered"] else 0


@contextmanager
def _stop_on_signals() -> Iterator[Callable[[], None]]:
    """First SIGINT/SIGTERM: finish what is in flight and stop. A second one: stop now.

    Yields a function that installs the handlers again: a portable runner's job server replaces
    the SIGINT handler with one that kills the job server at once.
    """

    def handle(signum: int, frame: FrameType | None) -> None:
        print(f"newsbeam watch: {signal.Signals(signum).name}, finishing what is in flight (again to abort)", file=sys.stderr)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        request_stop()

    def install() -> None:
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, handle)

    previous = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    install()
    try:
        yield install
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _print_summary(summary: WatchSummary, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary.to_dict()))
        return
    width = max(len(name) for name in summary.counters)
    for name, value in summary.counters.items():
        print(f"{name:<{width}}  {value}")
    print(f"{summary.elapsed_seconds:.1f}s")
    if summary.counters["dead_lettered"]:
        print(f"{summary.counters['dead_lettered']} dead letters in {summary.dead_letter_path}")
