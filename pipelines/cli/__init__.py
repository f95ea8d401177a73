"""The `newsbeam` command: one sub-command module per verb, each with `register(subparsers)`."""

from __future__ import annotations

import argparse
import logging
import sys

from pipelines.cli import es

_COMMANDS = (es,)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbeam",
        description="Ingest news into Elasticsearch: extract, replay saved articles, watch feeds, search.",
    )
    parser.add_argument("--config", metavar="PATH", help="configuration file (default: $NEWSBEAM_CONFIG or config/newsbeam.yaml)")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in _COMMANDS:
        command.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
