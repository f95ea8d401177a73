"""The `newsbeam` command: one sub-command module per verb, each with `register(subparsers)`."""

from __future__ import annotations

import argparse
import logging
import sys

from pipelines.cli import es, extract

_COMMANDS = (es, extract)


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
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for own in ("pipelines", "connectors"):
        logging.getLogger(own).setLevel(min(level, logging.INFO))
    if verbosity < 2:
        # The transport logs every refused connection, which `es status` and `es up` expect.
        logging.getLogger("elastic_transport").setLevel(logging.ERROR)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
