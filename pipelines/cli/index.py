"""`newsbeam index migrate`: rebuild the index behind the alias with the current mapping and analysis."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from pipelines.cli.exits import ExitCode
from pipelines.cli.options import add_connection_options, elasticsearch_settings

# Heavy modules (the Elasticsearch client, rich) are imported by the functions that run a command.


def register(subparsers: argparse._SubParsersAction, help: str) -> None:
    parser = subparsers.add_parser("index", help=help, description=help)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    text = (
        "copy the index behind the alias into a new version (<alias>-v<N+1>) made from the current template "
        "(mapping, and stemming when the node has the analysis plugin), check that every document arrived, "
        "then move the alias to it in one step; the old index is kept, read-only. Stop replay and watch first: "
        "writes to the old index are refused while it runs."
    )
    migrate = actions.add_parser("migrate", help="reindex into the current mapping and analysis, losing nothing", description=text)
    add_connection_options(migrate)
    migrate.set_defaults(func=_migrate)


def _migrate(args: argparse.Namespace) -> int:
    from connectors.elasticsearch.client import make_client
    from connectors.elasticsearch.migrate import CountMismatch, MigrationError, migrate

    settings = elasticsearch_settings(args)
    alias = args.index or settings.index
    client = make_client(settings)
    try:
        with _progress(f"migrating {alias}") as progress:
            result = migrate(client, alias, progress)
    except MigrationError as exc:
        print(f"newsbeam index migrate: {exc}", file=sys.stderr)
        return ExitCode.UNRECONCILED if isinstance(exc, CountMismatch) else ExitCode.FAILED
    finally:
        client.close()
    print(
        f"{alias}: {result.documents} documents copied from {result.source} to {result.target} ({result.analysis} analysis); "
        f"the alias now points to {result.target}. {result.source} is kept read-only: delete it when you no longer need it."
    )
    return ExitCode.OK


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None]]:
    """A bar on a terminal; a line per tenth of the documents otherwise, so logs stay short."""
    if not sys.stderr.isatty():
        reported = [-1]

        def line(done: int, total: int) -> None:
            tenth = done * 10 // total if total else 10
            if tenth > reported[0]:
                reported[0] = tenth
                print(f"{label}: {done}/{total} documents", file=sys.stderr, flush=True)

        yield line
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True
    ) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance
