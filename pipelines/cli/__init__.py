"""The `newsbeam` command: one sub-command module per verb, each with `register(subparsers, help)`.

Only the module of the command being run is imported: the others load Apache Beam, the
Elasticsearch client or trafilatura, which `newsbeam --help` and `newsbeam search` do not need.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from foundation.workarounds import quiet_beam_import_warning
from pipelines.cli.exits import ExitCode, exit_for

# name: (module, one-line help shown by `newsbeam --help`)
_COMMANDS = {
    "es": ("pipelines.cli.es", "run a local single-node Elasticsearch (no Docker needed)"),
    "extract": ("pipelines.cli.extract", "extract articles from .txt/.html/.jsonl/.warc files (optionally .gz) and print JSON Lines"),
    "replay": ("pipelines.cli.replay", "index saved articles (files, folders, globs) into Elasticsearch"),
    "index": ("pipelines.cli.index", "migrate the index behind the alias to the current mapping and analysis, losing nothing"),
    "search": ("pipelines.cli.search", "full-text search over indexed articles"),
    "stories": ("pipelines.cli.stories", "the biggest stories of a period: articles carried by the most outlets"),
    "kibana": ("pipelines.cli.kibana", "set up Kibana: data views, the saved search and the News monitor dashboard"),
    "feeds": ("pipelines.cli.feeds", "import and export OPML feed lists, discover a site's feeds and news sitemaps"),
    "watch": ("pipelines.cli.watch", "poll news feeds and index new articles until interrupted (or once, with --once)"),
    "watchlist": ("pipelines.cli.watchlist", "add, list, remove and test watchlists: searches whose new matches are notified"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with the full sub-parser of `command` (of every command when None)."""
    parser = argparse.ArgumentParser(
        prog="newsbeam",
        description="Ingest news into Elasticsearch: extract, replay saved articles, watch feeds, search.",
    )
    parser.add_argument("--config", metavar="PATH", help="configuration file (default: $NEWSBEAM_CONFIG or config/newsbeam.yaml)")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output: -v for libraries too, -vv for debug")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module, text) in _COMMANDS.items():
        if command in (None, name):
            importlib.import_module(module).register(subparsers, text)
        else:
            subparsers.add_parser(name, help=text, add_help=False)
    return parser


def _chosen_command(argv: list[str]) -> str | None:
    """The sub-command named in `argv`, found by a parser that knows the names only."""
    chooser = build_parser(command="")
    args, _ = chooser.parse_known_args(argv)
    return args.command


def _configure_logging(verbosity: int) -> None:
    """newsbeam's own progress at INFO; libraries only at WARNING unless asked (-v, -vv)."""
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbosity, 2)]
    # force: an import may already have installed a bare handler on the root logger.
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True)
    for own in ("foundation", "connectors", "operations", "pipelines"):
        logging.getLogger(own).setLevel(min(level, logging.INFO))
    if verbosity < 2:
        # The transport logs every refused connection, which `es status` and `es up` expect;
        # Beam warns each time it stops a portable runner's job server, at every normal exit.
        logging.getLogger("elastic_transport").setLevel(logging.ERROR)
        logging.getLogger("apache_beam.utils.subprocess_server").setLevel(logging.ERROR)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    quiet_beam_import_warning()
    parser = build_parser(_chosen_command(argv))
    # Commands that run a Beam pipeline pass the flags they do not know on to Beam.
    args, unknown = parser.parse_known_args(argv)
    if unknown and not getattr(args, "accepts_beam_args", False):
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    args.beam_args = unknown
    _configure_logging(args.verbose)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`newsbeam extract … | head`): stop quietly, as Unix tools do,
        # and keep Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.BROKEN_PIPE
    except Exception as exc:
        known = exit_for(exc, args)
        if known is None:
            raise
        code, message = known
        command = " ".join(part for part in (args.command, getattr(args, "action", None)) if part)
        print(f"newsbeam {command}: {message}", file=sys.stderr)
        return code


if __name__ == "__main__":
    sys.exit(main())
