"""`newsbeam extract PATH...`: run the extraction core over files and print one JSON object per document."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path

from connectors.documents import DocumentError, documents_from_file, is_supported
from foundation.records import RawDocument
from pipelines.extraction import ExtractionError, extract

logger = logging.getLogger(__name__)


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
    indent = 2 if args.pretty else None
    failed = False
    for name, path in _inputs(args.paths):
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
    return 1 if failed else 0


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
