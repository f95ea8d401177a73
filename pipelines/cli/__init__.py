"""The `newsbeam` command: one sub-command module per verb, each with `register(subparsers)`."""

from __future__ import annotations

import argparse
import logging
import os
import sys

# Importing Beam logs a warning about an optional BigQuery dependency newsbeam does not use.
# The filter sits on the root logger, so it must be in place before the sub-commands import Beam.
logging.getLogger().addFilter(lambda record: "apitools not found" not in record.getMessage())

from pipelines.cli import es, extract, kibana, replay, search, watch  # noqa: E402

_COMMANDS = (es, extract, replay, search, kibana, watch)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbeam",
        description="Ingest news into Elasticsearch: extract, replay saved articles, watch feeds, search.",
    )
    parser.add_argument("--config", metavar="PATH", help="configuration file (default: $NEWSBEAM_CONFIG or config/newsbeam.yaml)")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output: -v for libraries too, -vv for debug")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in _COMMANDS:
        command.register(subparsers)
    return parser


def _configure_logging(verbosity: int) -> None:
    """newsbeam's own progress at INFO; libraries only at WARNING unless asked (-v, -vv)."""
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbosity, 2)]
    # force: an import may already have installed a bare handler on the root logger.
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True)
    for own in ("pipelines", "connectors"):
        logging.getLogger(own).setLevel(min(level, logging.INFO))
    if verbosity < 2:
        # The transport logs every refused connection, which `es status` and `es up` expect;
        # Beam warns each time it stops a portable runner's job server, at every normal exit.
        logging.getLogger("elastic_transport").setLevel(logging.ERROR)
        logging.getLogger("apache_beam.utils.subprocess_server").setLevel(logging.ERROR)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
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
        return 130
    except BrokenPipeError:
        # The reader went away (`newsbeam extract … | head`): stop quietly, as Unix tools do,
        # and keep Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
