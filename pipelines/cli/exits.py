"""Exit codes, and the one table that turns an error into a message and an exit code.

Commands raise; `newsbeam`'s `main` prints `newsbeam COMMAND: message` on stderr and exits with
the code of the first matching row, so each kind of failure reads and exits the same everywhere.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1
    """Could not run: Elasticsearch unreachable or refusing, a node or Kibana that fails."""
    USAGE = 2
    """Bad arguments, configuration or query."""
    DEAD_LETTERS = 3
    """Ran, but some documents went to the dead-letter file."""
    UNRECONCILED = 4
    """Ran, but the counts do not add up."""
    INTERRUPTED = 130
    TERMINATED = 143
    BROKEN_PIPE = 141


Describe = Callable[[BaseException, argparse.Namespace], str]


def _plain(exc: BaseException, args: argparse.Namespace) -> str:
    return str(exc)


def _elasticsearch(exc: BaseException, args: argparse.Namespace) -> str:
    from pipelines.cli.errors import describe_es_error
    from pipelines.cli.options import elasticsearch_settings

    return describe_es_error(exc, elasticsearch_settings(args).url)  # type: ignore[arg-type]


# (module, class) pairs rather than classes: importing every module that defines an error would
# load the Elasticsearch client, pydantic and Beam at start-up. An error can only have been raised
# by a module that is loaded, so only loaded modules are looked at.
_TABLE: tuple[tuple[tuple[tuple[str, str], ...], ExitCode, Describe], ...] = (
    (
        (
            ("foundation.settings", "ConfigError"),
            ("pipelines.cli.usage", "UsageError"),
            ("pipelines.replay", "ReplayInputError"),
            ("builtins", "FileNotFoundError"),
        ),
        ExitCode.USAGE,
        _plain,
    ),
    ((("pipelines.search", "SearchError"),), ExitCode.USAGE, lambda exc, args: f"invalid search: {exc}"),
    ((("connectors.elasticsearch.index", "IndexSetupError"),), ExitCode.FAILED, lambda exc, args: f"cannot set up the index: {exc}"),
    ((("elasticsearch", "ApiError"), ("elasticsearch", "TransportError")), ExitCode.FAILED, _elasticsearch),
    (
        (
            ("pipelines.replay", "PipelineFailed"),
            ("operations.local_node", "LocalNodeError"),
            ("operations.java", "JavaNotFound"),
            ("operations.distribution", "DistributionError"),
            ("operations.kibana", "KibanaError"),
            ("connectors.http", "FetchError"),
            ("builtins", "OSError"),
        ),
        ExitCode.FAILED,
        _plain,
    ),
)


def exit_for(exc: BaseException, args: argparse.Namespace) -> tuple[ExitCode, str] | None:
    """The exit code and message for an error a command may raise; None for a bug (let it show)."""
    for names, code, describe in _TABLE:
        types = tuple(getattr(sys.modules[module], name) for module, name in names if module in sys.modules)
        if types and isinstance(exc, types):
            return code, describe(exc, args)
    return None
