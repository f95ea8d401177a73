"""`newsbeam extract PATH...`: run the extraction core over files and print one JSON object per document."""

from __future__ import annotations

import argparse
import gc
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from connectors.documents import DocumentError, documents_from_file, is_supported
from foundation.records import RawDocument
from pipelines.extraction import ExtractionError, extract

logger = logging.getLogger(__name__)

# Python's cycle collector runs each time 700 more objects are alive than before, and an extraction
# keeps tens of thousands alive for a moment (tokens' facts, lines, units): it ran about once per
# document, and now and then over everything start-up made, some 0.3 CPU-s of a 7 s run over 506
# text dumps (0.06 s with these settings). Documents leave few cycles behind: peak memory is the same.
_YOUNG_COLLECTION = 20_000
_OLDER_COLLECTIONS = 20


def register(subparsers: argparse._SubParsersAction, help: str) -> None:
    parser = subparsers.add_parser(
        "extract",
        help=help,
        description="Print one JSON object per input document, in input order; failed documents "
        'print {"source": ..., "error": ...}. Exit status 1 when any document failed.',
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories; - reads one document from stdin")
    parser.add_argument("--pretty", action="store_true", help="indent the JSON for reading")
    parser.set_defaults(func=run)


def _inputs(paths: list[str]) -> Iterator[tuple[str, Path | None]]:
    for raw in paths:
        if raw == "-":
            yield "-", None
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and is_supported(p.name)):
                yield str(child), child
        else:
            yield raw, path


def run(args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if p != "-" and not Path(p).exists()]
    if missing:
        for path in missing:
            print(f"newsbeam extract: no such file or directory: {path}", file=sys.stderr)
        return 2
    with _rare_collections():
        failed = _print_all(args.paths, 2 if args.pretty else None)
    return 1 if failed else 0


def _print_all(paths: list[str], indent: int | None) -> bool:
    """Print the record of every document of `paths`; whether any failed."""
    failed = False
    for name, path in _inputs(paths):
        try:
            handle = nullcontext(sys.stdin.buffer) if path is None else path.open("rb")
        except OSError as error:
            failed = True
            _emit({"source": name, "error": f"cannot read: {error.strerror or error}"}, indent)
            continue
        with handle as stream:
            for item in documents_from_file(name, stream):
                record = _record(item)
                failed = failed or "error" in record
                _emit(record, indent)
    return failed


@contextmanager
def _rare_collections() -> Iterator[None]:
    """The cycle collector run less often, and never again over what start-up made (see
    `_YOUNG_COLLECTION`); as it was afterwards, for a caller that goes on (the tests)."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(_YOUNG_COLLECTION, _OLDER_COLLECTIONS, _OLDER_COLLECTIONS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _record(item: RawDocument | DocumentError) -> dict:
    """The line to print for one document: the article, or its source and the error."""
    if isinstance(item, DocumentError):
        return {"source": item.source, "error": item.reason}
    try:
        return extract(item).to_dict()
    except ExtractionError as error:
        return {"source": item.source, "error": str(error)}
    except Exception as error:  # one bad document must not stop the batch
        logger.exception("extraction crashed on %s", item.source)
        return {"source": item.source, "error": f"internal error: {type(error).__name__}: {error}"}


def _emit(record: dict, indent: int | None) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=indent) + "\n")
    sys.stdout.flush()
