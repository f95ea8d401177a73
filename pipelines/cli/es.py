"""`newsbeam es up | down | status | user`: the local single-node Elasticsearch."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.cli.exits import ExitCode
from pipelines.cli.usage import UsageError

if TYPE_CHECKING:
    from operations.local_node import LocalNode

# Heavy modules (the Elasticsearch client, pydantic) are imported by the functions that run a
# command, so that `--help` answers at once.


def register(subparsers: argparse._SubParsersAction, help: str) -> None:
    parser = subparsers.add_parser(
        "es",
        help=help,
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
        ("user", _user, "add a least-privilege user for the index alias to a secured node; its password goes to a file only you can read"),
    ):
        action = actions.add_parser(name, help=text, description=text)
        action.add_argument("--port", type=int, help="HTTP port (default: local_node.port, 9200)")
        action.add_argument("--data-dir", type=Path, help="the node's folder for config, data and logs")
        if name == "up":
            action.add_argument(
                "--secure",
                action="store_true",
                default=None,
                help="HTTPS with the node's own CA and a password for `elastic` in a file only you can read "
                "(default: local_node.security); a folder once secured stays secured",
            )
            action.add_argument("--heap", help="JVM heap, e.g. 512m or 1g (default: local_node.heap)")
            action.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for a healthy node (default: 180)")
            action.add_argument(
                "--setting",
                action="append",
                default=[],
                metavar="KEY=VALUE",
                help="an extra elasticsearch.yml setting, e.g. thread_pool.write.queue_size=10 (repeatable)",
            )
        if name == "user":
            role = action.add_mutually_exclusive_group(required=True)
            role.add_argument(
                "--writer",
                dest="role",
                action="store_const",
                const="writer",
                help="may set up, search and write the alias's indices, send alerts (replay, watch, index migrate)",
            )
            role.add_argument(
                "--reader",
                dest="role",
                action="store_const",
                const="reader",
                help="may only search them and read alerts (search, stories, Kibana)",
            )
            role.add_argument(
                "--editor",
                dest="role",
                action="store_const",
                const="editor",
                help="may keep the alias's watchlists and search the news (watchlist add, list, remove, test)",
            )
            action.add_argument("--index", metavar="ALIAS", help="the index alias (default: elasticsearch.index, `news`)")
        action.set_defaults(func=func)


def _node(args: argparse.Namespace) -> LocalNode:
    from foundation.settings import LocalNodeSettings, load_settings
    from operations.local_node import LocalNode

    settings = load_settings(args.config).local_node
    options = (
        ("port", args.port),
        ("data_dir", args.data_dir),
        ("heap", getattr(args, "heap", None)),
        ("security", getattr(args, "secure", None)),
    )
    overrides = {key: value for key, value in options if value}
    extra = dict(settings.settings)
    for item in getattr(args, "setting", []):
        key, separator, value = item.partition("=")
        if not separator or not key.strip():
            raise UsageError(f"--setting {item!r}: expected KEY=VALUE")
        extra[key.strip()] = value.strip()
    return LocalNode(LocalNodeSettings.model_validate({**settings.model_dump(), **overrides, "settings": extra}))


def _up(args: argparse.Namespace) -> int:
    node = _node(args)
    installed, failure = _install_plugin(node)
    status, started = node.up(timeout=args.timeout)
    verb = "started" if started else "already running"
    print(f"Elasticsearch {status.version} {verb} at {status.url} (health {status.health}, folder {node.home})")
    print(_plugin_line(node, installed and not started, failure, args))
    if node.secure:
        print(f"security on: CA certificate {node.ca_cert}; password of the `elastic` user in {node.password_file} (readable only by you)")
        print(
            f"connect with: NEWSBEAM_ES_URL={node.url} NEWSBEAM_ES_CA_CERTS={node.ca_cert} and a user of `newsbeam es user --writer|--reader|--editor{_where(args)}`"
        )
    return ExitCode.OK


def _install_plugin(node: LocalNode) -> tuple[bool, str | None]:
    """(installed now, why it could not be): a node without the plugin still starts and indexes, without stemming."""
    from operations.java import JavaNotFound
    from operations.plugin import PluginError

    try:
        return node.install_plugin(), None
    except (PluginError, JavaNotFound, OSError) as exc:
        return False, str(exc)


def _plugin_line(node: LocalNode, awaits_restart: bool, failure: str | None, args: argparse.Namespace) -> str:
    """One line on the analysis plugin: loaded, waiting for a restart, or why not installed.

    `awaits_restart`: a build was installed after the running node had started (it runs the older one, if any).
    """
    from connectors.elasticsearch.analysis import PLUGIN_NAME
    from connectors.elasticsearch.fields import LANGUAGES

    if failure:
        return f"analysis plugin NOT installed: {failure}; new indices get the standard analysis (no stemming)"
    if PLUGIN_NAME in node.plugins() and not awaits_restart:
        return f"analysis plugin {PLUGIN_NAME} loaded: stemming and stop words for {', '.join(LANGUAGES)}"
    restart = f"newsbeam es down{_where(args)} && newsbeam es up{_where(args)}"
    return f"analysis plugin {PLUGIN_NAME} installed, but this node started before: restart it ({restart}) to load it"


def _where(args: argparse.Namespace) -> str:
    """The --port/--data-dir of this command, for the commands it suggests."""
    return "".join(f" {flag} {value}" for flag, value in (("--port", args.port), ("--data-dir", args.data_dir)) if value)


def _down(args: argparse.Namespace) -> int:
    node = _node(args)
    stopped = node.down()
    print(f"stopped Elasticsearch at {node.url}" if stopped else f"no Elasticsearch started by newsbeam runs at {node.url}")
    return ExitCode.OK


def _status(args: argparse.Namespace) -> int:
    node = _node(args)
    status = node.status()
    if status is None:
        print(f"not running ({node.url})")
        return ExitCode.FAILED
    security = f" (security on, CA {node.ca_cert})" if node.secure else ""
    print(f"Elasticsearch {status.version} at {status.url}: health {status.health}{security}")
    return ExitCode.OK


def _user(args: argparse.Namespace) -> int:
    from foundation.settings import load_settings

    alias = args.index or load_settings(args.config).elasticsearch.index
    node = _node(args)
    name, password_file = node.add_user(args.role, alias)
    print(f"user {name} ({args.role} of {alias}); password in {password_file} (readable only by you)")
    print(f'use: NEWSBEAM_ES_USERNAME={name} NEWSBEAM_ES_PASSWORD="$(cat {password_file})"')
    return ExitCode.OK
