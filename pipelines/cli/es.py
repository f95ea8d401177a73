"""`newsbeam es up | down | status`: the local single-node Elasticsearch."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("es", help="run a local single-node Elasticsearch (no Docker needed)")
    parser.set_defaults(func=lambda args: parser.print_help())
