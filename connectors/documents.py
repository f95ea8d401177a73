"""Input files to `RawDocument`s, shared by `newsbeam extract` and the Beam file source (pure Python).

`documents_from_bytes(name, data)` picks the format from the file name and yields one item per
document: a `RawDocument`, or a `DocumentError` naming the file (and line or record) and the
reason, after which reading goes on. Formats: `.txt`, `.html`/`.htm` (one document each),
`.jsonl` (one document per line), WARC (`.warc`, response records), each optionally gzipped;
anything else is one document whose kind the extraction core sniffs from the content.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pipelines.records import RawDocument, SourceHints

# A gzip bomb inflates ~1000:1; capping what we inflate keeps memory bounded whatever the input.
MAX_DECOMPRESSED_BYTES = 512 * 1024 * 1024
# One record's payload; larger ones are refused here rather than by the extraction core later.
MAX_RECORD_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".txt.gz", ".html.gz", ".htm.gz", ".jsonl.gz", ".warc.gz", ".arc.gz")
_WARC_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_HINT_FIELDS = ("title", "summary", "published_at", "modified_at", "guid")


@dataclass(frozen=True)
class DocumentError:
    """A document that could not be read; `source` says where (file, `#L<n>` line, `#<n>` record)."""

    source: str
    reason: str


class _TooLarge(Exception):
    pass


def is_supported(name: str) -> bool:
    return name.lower().endswith(SUPPORTED_SUFFIXES)


def _gunzip(data: bytes, limit: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        out = stream.read(limit + 1)
    if len(out) > limit:
        raise _TooLarge(f"decompresses to more than {limit} bytes")
    return out


def documents_from_bytes(
    name: str, data: bytes, *, max_decompressed: int = MAX_DECOMPRESSED_BYTES
) -> Iterator[RawDocument | DocumentError]:
    """Yield the documents of one input file named `name` (a path; it becomes the source)."""
    lower = name.lower()
    if lower.endswith((".warc", ".warc.gz", ".arc.gz")):
        yield from _warc_documents(name, data)
        return
    if lower.endswith(".gz"):
        try:
            data = _gunzip(data, max_decompressed)
        except _TooLarge as error:
            yield DocumentError(name, str(error))
            return
        except (OSError, EOFError, zlib.error) as error:
            yield DocumentError(name, f"corrupt gzip data: {error}")
            return
        lower = lower[: -len(".gz")]
    if lower.endswith(".jsonl"):
        yield from _jsonl_documents(name, data)
    elif lower.endswith((".html", ".htm")):
        yield RawDocument(source=name, content=data, content_type="text/html")
    elif lower.endswith(".txt"):
        yield RawDocument(source=name, content=data, content_type="text/plain")
    else:
        yield RawDocument(source=name, content=data)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list):
        return tuple(str(item).strip() for item in value if isinstance(item, (str, int, float)) and str(item).strip())
    return ()


def _jsonl_documents(name: str, data: bytes) -> Iterator[RawDocument | DocumentError]:
    for number, line in enumerate(data.splitlines(), start=1):
        source = f"{name}#L{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            yield DocumentError(source, f"invalid JSON: {error}")
            continue
        if not isinstance(record, dict):
            yield DocumentError(source, "line is not a JSON object")
            continue
        html, text = record.get("html"), record.get("text")
        content = html if isinstance(html, str) and html.strip() else text if isinstance(text, str) and text.strip() else None
        if content is None:
            yield DocumentError(source, 'record has neither "html" nor "text"')
            continue
        hints = SourceHints(
            **{key: record[key] for key in _HINT_FIELDS if isinstance(record.get(key), str)},
            authors=_strings(record.get("authors")),
            tags=_strings(record.get("tags")),
        )
        url = record.get("url")
        fetched_at = record.get("fetched_at")
        yield RawDocument(
            source=source,
            content=content,
            url=url if isinstance(url, str) and url else None,
            content_type="text/html" if content is html else "text/plain",
            fetched_at=fetched_at if isinstance(fetched_at, str) else None,
            hints=hints,
        )


def _warc_documents(name: str, data: bytes) -> Iterator[RawDocument | DocumentError]:
    # Imported here so that reading text/HTML/JSONL does not pay for warcio.
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = iter(ArchiveIterator(io.BytesIO(data), arc2warc=True))
    number = 0
    while True:
        number += 1
        source = f"{name}#{number}"
        try:
            record = next(records)
        except StopIteration:
            return
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as error:
            # warcio cannot find the next record boundary after a broken one.
            yield DocumentError(source, f"unreadable WARC record: {error}")
            return
        try:
            item = _warc_item(source, record)
        except (OSError, EOFError, ValueError, zlib.error) as error:
            yield DocumentError(source, f"unreadable WARC record payload: {error}")
            continue
        if item is not None:
            yield item


def _warc_item(source: str, record: Any) -> RawDocument | DocumentError | None:
    if record.rec_type is None:
        return DocumentError(source, "WARC record without a WARC-Type header")
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.lower().split(";")[0].strip() not in _WARC_CONTENT_TYPES:
        return None
    payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
    if len(payload) > MAX_RECORD_BYTES:
        return DocumentError(source, f"record payload over {MAX_RECORD_BYTES} bytes")
    return RawDocument(
        source=source,
        content=payload,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        content_type=content_type,
        fetched_at=record.rec_headers.get_header("WARC-Date"),
        hints=SourceHints(http_last_modified=record.http_headers.get_header("Last-Modified")),
    )
