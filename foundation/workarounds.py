"""Every use of another library's internals, in one place, each guarded by the versions it was
written for.

A guard fails loudly on a workaround's first use when the installed version is outside the
tested range, so an upgrade shows here (and in tests/test_workarounds.py) instead of as a subtle
fault at run time. The guards run on use, not at import: reading package metadata would cost
every `newsbeam` command, `--help` included, some 100 ms.
Remove a workaround once the library offers what it needs publicly.
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from types import ModuleType
from typing import Any


class UnsupportedVersion(RuntimeError):
    """A library this module patches or reaches into is at a version it was not written for."""


@cache
def _require(package: str, prefixes: tuple[str, ...]) -> None:
    from importlib.metadata import version

    installed = version(package)
    if not installed.startswith(prefixes):
        raise UnsupportedVersion(
            f"{package} {installed} is installed; foundation/workarounds.py was written for {' or '.join(prefixes)}: "
            "check the workaround still applies, then extend the guard"
        )


# feedparser: no public function parses a date string, though its parser knows dozens of the
# formats old feeds use (RFC 822 variants, W3DTF, Korean, Greek, Hungarian…).
_FEEDPARSER = ("feedparser", ("6.",))
# Apache Beam: the FnApiRunner (2.77) merges each bundle's metrics into a lazy generator chain.
# A streaming run nests one more generator per bundle, so memory grows without end and reading
# the counters overflows the stack after about a thousand bundles. PeriodicImpulse cannot be
# ended early through its public API. The SDK worker's stream readers re-raise in their own thread
# when a portable runner hangs up at the job's end (apache/beam#22643, still open).
_BEAM = ("apache-beam", ("2.77.",))
# trafilatura: `extract_metadata` ends with htmldate's search for a date and a look for a licence,
# which newsbeam does not want on every page; its other steps are module functions with no
# documented contract, called one by one by pipelines/extraction/html/metadata.py, which also
# redoes three of them with their helpers and XPath lists (see pipelines/extraction/html/metadata_xpaths.py).
# Two of its steps are replaced where it calls them, for time that grows with the page, not its
# square: jusText's context pass (pipelines/extraction/html/justext_context.py) and the body's
# pruning, followed by a merge of text runs (pipelines/extraction/html/adjacent_text.py).
_TRAFILATURA = ("trafilatura", ("2.3.",))
_TRAFILATURA_OWN: dict[tuple[str, str], Callable[..., Any]] = {}


def parse_feed_date(text: str) -> time.struct_time | None:
    """A feed date in any format feedparser knows, as a UTC struct_time (None when unknown)."""
    _require(*_FEEDPARSER)
    import feedparser.datetimes

    return feedparser.datetimes._parse_date(text)


@contextmanager
def eager_beam_metrics() -> Iterator[None]:
    """For the duration of a streaming run: the FnApiRunner consolidates metrics into a list."""
    _require(*_BEAM)
    from apache_beam.metrics.monitoring_infos import consolidate, to_key
    from apache_beam.runners.portability.fn_api_runner import fn_runner

    def consolidate_eagerly(metrics: Any, key: Any = to_key) -> list[Any]:
        return list(consolidate(metrics, key))

    original = fn_runner.consolidate_monitoring_infos
    fn_runner.consolidate_monitoring_infos = consolidate_eagerly
    try:
        yield
    finally:
        fn_runner.consolidate_monitoring_infos = original


def trafilatura_metadata_steps() -> ModuleType:
    """trafilatura's metadata module, whose steps `page_metadata` calls in trafilatura's order."""
    _require(*_TRAFILATURA)
    from trafilatura import metadata

    return metadata


def trafilatura_step(module: str, name: str) -> Callable[..., Any]:
    """trafilatura's own function `name` of `trafilatura.<module>`, also once it has been replaced."""
    _require(*_TRAFILATURA)
    if (module, name) not in _TRAFILATURA_OWN:
        _TRAFILATURA_OWN[module, name] = getattr(importlib.import_module(f"trafilatura.{module}"), name)
    return _TRAFILATURA_OWN[module, name]


def replace_trafilatura_step(module: str, name: str, replacement: Callable[..., Any]) -> None:
    """Make `trafilatura.<module>` call `replacement` where it calls `name`: trafilatura looks its
    steps up by their module-global names at call time."""
    trafilatura_step(module, name)
    setattr(importlib.import_module(f"trafilatura.{module}"), name, replacement)


def quiet_beam_import_warning() -> None:
    """Drop the warning importing Beam logs about an optional BigQuery dependency newsbeam does not use.

    Beam logs it on the root logger at import, so a filter there is the only place to stop it.
    """
    logging.getLogger().addFilter(_not_apitools)


def _not_apitools(record: logging.LogRecord) -> bool:
    return "apitools not found" not in record.getMessage()


# Beam's SDK worker threads that read a gRPC stream from the runner and re-raise what ends it
# (apache_beam/runners/worker/data_plane.py and sdk_worker.py).
_BEAM_STREAM_READERS = frozenset({"read_grpc_client_inputs", "read_state"})


def quiet_worker_hangups() -> None:
    """Log at debug, instead of printing a traceback, when a portable runner cancels the streams
    of workers in this process (LOOPBACK) as the job ends.

    Each reader also keeps the error for the worker, which raises it to the bundle that waits for
    the stream: a cancellation in the middle of a job still fails that job, so nothing is lost by
    keeping the thread's own copy off the terminal. Installing twice wraps once.
    """
    _require(*_BEAM)
    previous = threading.excepthook
    if getattr(previous, "_newsbeam_hangups", False):
        return

    def hook(args: threading.ExceptHookArgs) -> None:
        if _is_hangup(args):
            logging.getLogger(__name__).debug(
                "the runner closed the worker stream of %s at the job's end", args.thread.name if args.thread else "?"
            )
            return
        previous(args)

    hook._newsbeam_hangups = True  # type: ignore[attr-defined]
    threading.excepthook = hook


def _is_hangup(args: threading.ExceptHookArgs) -> bool:
    import grpc

    return (
        args.thread is not None
        and args.thread.name in _BEAM_STREAM_READERS
        and isinstance(args.exc_value, grpc.RpcError)
        and isinstance(args.exc_value, grpc.Call)
        and args.exc_value.code() == grpc.StatusCode.CANCELLED
    )


def periodic_impulse_internals() -> tuple[type, type]:
    """Beam's PeriodicImpulse generator DoFn and its restriction provider, to subclass.

    Beam offers no public way to end a PeriodicImpulse before its stop time; `watch` subclasses
    the generator so that it ends when a stop is requested.
    """
    _require(*_BEAM)
    from apache_beam.transforms.periodicsequence import (
        ImpulseSeqGenDoFn,
        ImpulseSeqGenRestrictionProvider,
    )

    return ImpulseSeqGenDoFn, ImpulseSeqGenRestrictionProvider
