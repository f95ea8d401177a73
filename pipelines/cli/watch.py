"""`newsbeam watch`: poll the feeds of config/feeds.yaml and index new articles as they appear."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from foundation import progress
from foundation.feed_settings import DEFAULT_FEEDS, load_feeds
from foundation.metrics import COUNTERS
from pipelines.cli.exits import ExitCode
from pipelines.cli.options import add_connection_options, add_pipeline_options, dead_letter_path, elasticsearch_settings, stories_settings
from pipelines.monitor import WatchSummary, request_stop, run_watch


def register(subparsers: argparse._SubParsersAction, help: str) -> None:
    parser = subparsers.add_parser(
        "watch",
        help=help,
        description=(
            "Poll the RSS, Atom and JSON feeds of the feeds file, fetch the pages of new and updated "
            "entries, extract and index them. Runs until SIGINT/SIGTERM, then finishes what is in flight "
            "and prints the counters; --once polls every feed once and exits. Unknown --options are "
            "passed to Apache Beam (e.g. --runner PrismRunner --prism_location=.cache/bin/prism, built by `make prism`)."
        ),
        epilog=(
            f"exit codes: 0 done; 1 could not run; 2 bad arguments or feeds file; {ExitCode.DEAD_LETTERS:d} some documents went "
            "to the dead-letter file; with --once, 1 also when every feed failed; 130 or 143 stopped at once by a second SIGINT or SIGTERM (counters so far are printed)."
        ),
    )
    parser.add_argument("--feeds", metavar="PATH", default=str(DEFAULT_FEEDS), help="feeds file (default: %(default)s)")
    parser.add_argument("--once", action="store_true", help="poll every feed once, index what is new and exit (for cron)")
    add_connection_options(parser)
    add_pipeline_options(parser, "watch")
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    settings = elasticsearch_settings(args)
    config = load_feeds(args.feeds)
    dlq = dead_letter_path(args)
    stop = _Stopping()
    try:
        with stop.on_signals(), progress.listening(stop.count):
            summary = run_watch(
                config,
                es=settings,
                index=args.index or settings.index,
                dead_letter_path=dlq,
                once=args.once,
                runner=args.runner,
                beam_args=args.beam_args,
                submitted=stop.install,
                stories=stories_settings(args),
            )
    except BaseException:
        # Beam wraps the interrupt raised in a DoFn (RuntimeError: KeyboardInterrupt [while running
        # ...]); after a second signal that is the expected way out, not a failure to show.
        if stop.aborted_by is None:
            raise
        return _report_abort(stop, args.json)
    _print_summary(summary, as_json=args.json)
    counters = summary.counters
    if args.once and counters["polls"] and counters["failed_polls"] == counters["polls"]:
        # For cron: a run in which no feed could be read must not look like a quiet hour.
        print(
            f"newsbeam watch: every feed failed ({counters['failed_polls']} of {counters['polls']}); the log lines above say why",
            file=sys.stderr,
        )
        return ExitCode.FAILED
    return ExitCode.DEAD_LETTERS if summary.counters["dead_lettered"] else ExitCode.OK


class _Stopping:
    """First SIGINT/SIGTERM: finish what is in flight and stop. A second one: stop now.

    Counts what this process's workers report, for the summary of a run cut short (Beam's
    metrics are out of reach then).
    """

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.stopping = False
        self.aborted_by: signal.Signals | None = None

    def count(self, name: str, n: int) -> None:
        self.counts[name] += n

    def install(self) -> None:
        """(Re)install the handlers: a portable runner's job server replaces the SIGINT handler
        with one that kills the job server at once."""
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._handle)

    @contextmanager
    def on_signals(self) -> Iterator[None]:
        previous = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
        self.install()
        try:
            yield
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if not self.stopping:
            self.stopping = True
            print(f"newsbeam watch: {name}, finishing what is in flight (again to stop now)", file=sys.stderr)
            request_stop()
            return
        self.aborted_by = signal.Signals(signum)
        # What the runner logs while it unwinds from the interrupt is noise once the user chose to stop.
        logging.getLogger("apache_beam").setLevel(logging.CRITICAL + 1)
        raise KeyboardInterrupt


def _report_abort(stop: _Stopping, as_json: bool) -> int:
    assert stop.aborted_by is not None
    counters = {name: stop.counts.get(name, 0) for name in COUNTERS}
    taken = counters["pages_fetched"] + counters["feed_only"]
    done = sum(counters[name] for name in ("created", "updated", "unchanged", "failed_extraction", "failed_index", "duplicates"))
    in_flight = max(taken - done, 0)
    if as_json:
        print(json.dumps({**counters, "aborted_by": stop.aborted_by.name, "in_flight": in_flight}))
    else:
        _print_counters(counters)
    print(
        f"newsbeam watch: stopped by a second {stop.aborted_by.name}; counters so far (this process's workers). "
        f"In flight and not indexed: {in_flight} document(s) and any poll under way; they are polled again on the next run.",
        file=sys.stderr,
    )
    return 128 + stop.aborted_by.value


def _print_counters(counters: dict[str, int]) -> None:
    width = max(len(name) for name in counters)
    for name, value in counters.items():
        print(f"{name:<{width}}  {value}")


def _print_summary(summary: WatchSummary, as_json: bool) -> None:
    if as_json:
        print(json.dumps(summary.to_dict()))
        return
    _print_counters(summary.counters)
    print(f"{summary.elapsed_seconds:.1f}s")
    if summary.counters["dead_lettered"]:
        print(f"{summary.counters['dead_lettered']} dead letters in {summary.dead_letter_path}")
