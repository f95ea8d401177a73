"""`newsbeam es up | down | status`: the local single-node Elasticsearch."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from connectors.elasticsearch.distribution import DistributionError
from connectors.elasticsearch.java import JavaNotFound
from connectors.elasticsearch.local_node import LocalNode, LocalNodeError
from pipelines.settings import ConfigError, LocalNodeSettings, load_settings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "es",
        help="run a local single-node Elasticsearch (no Docker needed)",
        description=(
            "Download (once, verified) and run the official Elasticsearch integ-test distribution on 127.0.0.1. "
            "Defaults come from config/newsbeam.yaml (local_node)."
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, func, text in (
        ("up", _up, "start the node (or report that it already runs) and wait until it is healthy"),
        ("down", _down, "stop the node started by `es up`; data is kept"),
        ("status", _status, "print version and health; exit code 1 when not running"),
    ):
        action = actions.add_parser(name, help=text, description=text)
        action.add_argument("--port", type=int, help="HTTP port (default: local_node.port, 9200)")
        action.add_argument("--data-dir", type=Path, help="the node's folder for config, data and logs")
        if name == "up":
            action.add_argument("--heap", help="JVM heap, e.g. 512m or 1g (default: local_node.heap)")
            action.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for a healthy node (default: 180)")
            action.add_argument(
                "--setting", action="append", default=[], metavar="KEY=VALUE",
                help="an extra elasticsearch.yml setting, e.g. thread_pool.write.queue_size=10 (repeatable)",
            )
        action.set_defaults(func=func)


def _node(args: argparse.Namespace) -> LocalNode:
    settings = load_settings(args.config).local_node
    overrides = {key: value for key, value in (("port", args.port), ("data_dir", args.data_dir), ("heap", getattr(args, "heap", None))) if value}
    extra = dict(settings.settings)
    for item in getattr(args, "setting", []):
        key, separator, value = item.partition("=")
        if not separator or not key.strip():
            raise ValueError(f"--setting {item!r}: expected KEY=VALUE")
        extra[key.strip()] = value.strip()
    return LocalNode(LocalNodeSettings.model_validate({**settings.model_dump(), **overrides, "settings": extra}))


def _up(args: argparse.Namespace) -> int:
    try:
        node = _node(args)
        status, started = node.up(timeout=args.timeout)
    except (ConfigError, JavaNotFound, DistributionError, LocalNodeError, ValueError) as exc:
        print(f"newsbeam es up: {exc}", file=sys.stderr)
        return 1
    verb = "started" if started else "already running"
    print(f"Elasticsearch {status.version} {verb} at {status.url} (health {status.health}, folder {node.home})")
    return 0


def _down(args: argparse.Namespace) -> int:
    try:
        node = _node(args)
        stopped = node.down()
    except (ConfigError, ValueError, OSError) as exc:
        print(f"newsbeam es down: {exc}", file=sys.stderr)
        return 1
    print(f"stopped Elasticsearch at {node.url}" if stopped else f"no Elasticsearch started by newsbeam runs at {node.url}")
    return 0


def _status(args: argparse.Namespace) -> int:
    try:
        node = _node(args)
    except (ConfigError, ValueError) as exc:
        print(f"newsbeam es status: {exc}", file=sys.stderr)
        return 1
    status = node.status()
    if status is None:
        print(f"not running ({node.url})")
        return 1
    print(f"Elasticsearch {status.version} at {status.url}: health {status.health}")
    return 0
