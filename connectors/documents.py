"""Input files to `RawDocument`s, shared by `newsbeam extract` and the Beam file source (pure Python).

`documents_from_file(name, stream)` picks the format from the file name and yields one item per
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
from typing import Any, BinaryIO, cast

from foundation.records import RawDocument, SourceHints

# One document's size (decompressed), a JSON Lines line or a WARC record payload; past it the
# document is refused here, so memory stays bounded however large or inflated the file is.
MAX_RECORD_BYTES = 20 * 1024 * 1024
# Archives warcio reads (it inflates gzipped records itself); WARC files can be cut at records.
_WARC = (".warc", ".warc.gz")
_ARCHIVES = (*_WARC, ".arc.gz")
SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".warc", ".txt.gz", ".html.gz", ".htm.gz", ".jsonl.gz", ".warc.gz", ".arc.gz")
_WARC_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_HINT_FIELDS = ("title", "summary", "published_at", "modified_at", "guid")


@dataclass(frozen=True)
class DocumentError:
    """A document that could not be read; `source` says where (file, `#L<n>` line, `#<n>` record)."""

    source: str
    reason: str


def is_supported(name: str) -> bool:
    return name.lower().endswith(SUPPORTED_SUFFIXES)


def is_splittable(name: str) -> bool:
    """Whether a file can be cut into pieces for several readers: JSON Lines and WARC files."""
    return name.lower().endswith((".jsonl", *_WARC))


def holds_many(name: str) -> bool:
    """Whether a file holds many documents that a reader may have to get at from its beginning
    (WARC, gzipped JSON Lines)."""
    return name.lower().endswith((*_ARCHIVES, ".jsonl.gz"))


def file_pieces(name: str, stream: BinaryIO, size: int, piece_bytes: int) -> list[tuple[int, int, int]]:
    """Pieces of about `piece_bytes` that readers can take on their own: (start, stop, number of the
    first line or record). A file that cannot be cut is one piece."""
    if name.lower().endswith(".jsonl"):
        return list(line_pieces(stream, size, piece_bytes))
    if name.lower().endswith(_WARC):
        return record_pieces(stream, size, piece_bytes)
    return [(0, size, 1)]


def line_pieces(stream: BinaryIO, size: int, piece_bytes: int) -> Iterator[tuple[int, int, int]]:
    """Cut a line-based file of `size` bytes into pieces of about `piece_bytes`, each ending after
    a newline: yields (start, stop, number of the piece's first line).

    One pass over the file, so that each piece knows its first line's number (sources and dead
    letters name JSON Lines documents by line).
    """
    start, line = 0, 1
    stream.seek(0)
    while start < size:
        target = start + piece_bytes
        # A last piece smaller than half a piece joins the one before it.
        if target + piece_bytes // 2 >= size:
            yield start, size, line
            return
        newlines = _count_newlines(stream, target - start)
        while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
            pass
        stop = stream.tell()
        if not rest:
            # The file ended sooner than `size` said (it shrank since it was listed).
            yield start, stop, line
            return
        yield start, stop, line
        start, line = stop, line + newlines + 1


def record_pieces(stream: BinaryIO, size: int, piece_bytes: int) -> list[tuple[int, int, int]]:
    """Cut a WARC file at record boundaries into pieces of about `piece_bytes`: (start, stop,
    number of the piece's first record).

    A gzipped WARC can only be cut where a gzip member begins; WARC writers put each record in a
    member of its own, as the standard recommends, and a file written otherwise stays whole.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stream.seek(0)
    records = ArchiveIterator(stream, arc2warc=True)
    cuts: list[tuple[int, int]] = []
    start = 0
    try:
        for number, _ in enumerate(records, start=1):
            offset = records.get_record_offset()
            if offset - start >= piece_bytes and size - offset >= piece_bytes // 2:
                cuts.append((offset, number))
                start = offset
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error):
        pass  # the reader of the last piece meets the broken record and reports it
    if not all(_record_starts_at(stream, offset) for offset, _ in cuts):
        return [(0, size, 1)]
    starts = [(0, 1), *cuts]
    stops = [offset for offset, _ in cuts] + [size]
    return [(begin, stop, first) for (begin, first), stop in zip(starts, stops, strict=True)]


def _record_starts_at(stream: BinaryIO, offset: int) -> bool:
    stream.seek(offset)
    head = stream.read(5)
    return head.startswith((b"\x1f\x8b", b"WARC/"))


_CHUNK = 1024 * 1024


def _count_newlines(stream: BinaryIO, length: int) -> int:
    count = 0
    while length > 0 and (chunk := stream.read(min(_CHUNK, length))):
        count += chunk.count(b"\n")
        length -= len(chunk)
    return count


def valid_text(value: str) -> str:
    """`value` with lone surrogates replaced: JSON (`"\\ud800"`) and undecodable file names
    (Python's surrogateescape) can carry them, and they cannot be encoded for Elasticsearch."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "replace").decode("utf-8")


def documents_from_file(
    name: str,
    stream: BinaryIO,
    *,
    max_record: int = MAX_RECORD_BYTES,
    first_number: int = 1,
) -> Iterator[RawDocument | DocumentError]:
    """Yield the documents of one input file named `name` (a path; it becomes the source).

    The file is read as a stream: JSON Lines and WARC files of any size cost one record's memory.
    `first_number` is the number of the first line or record of a piece (see `file_pieces`).
    """
    name = valid_text(name)
    lower = name.lower()
    if lower.endswith(_ARCHIVES):
        yield from _warc_documents(name, stream, max_record, first_number)
        return
    compressed = lower.endswith(".gz")
    if compressed:
        # A GzipFile is a binary stream, but typeshed does not derive it from the nominal BinaryIO.
        stream = cast(BinaryIO, gzip.GzipFile(fileobj=stream))
        lower = lower[: -len(".gz")]
    try:
        if lower.endswith(".jsonl"):
            yield from _jsonl_documents(name, stream, max_record, first_number)
            return
        data = stream.read(max_record + 1)
        if len(data) > max_record:
            yield DocumentError(name, f"{'decompresses to ' if compressed else 'is '}more than {max_record} bytes")
        elif lower.endswith((".html", ".htm")):
            yield RawDocument(source=name, content=data, content_type="text/html")
        elif lower.endswith(".txt"):
            yield RawDocument(source=name, content=data, content_type="text/plain")
        else:
            yield RawDocument(source=name, content=data)
    except (OSError, EOFError, zlib.error) as error:
        yield DocumentError(name, f"{'corrupt gzip data' if compressed else 'cannot read'}: {error}")


def documents_from_bytes(
    name: str,
    data: bytes,
    *,
    max_record: int = MAX_RECORD_BYTES,
    first_number: int = 1,
) -> Iterator[RawDocument | DocumentError]:
    """`documents_from_file` for content already in memory."""
    return documents_from_file(name, io.BytesIO(data), max_record=max_record, first_number=first_number)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list):
        return tuple(str(item).strip() for item in value if isinstance(item, (str, int, float)) and str(item).strip())
    return ()


def _jsonl_documents(name: str, stream: BinaryIO, max_record: int, first_number: int) -> Iterator[RawDocument | DocumentError]:
    for number, line in enumerate(_lines(stream, max_record), start=first_number):
        source = f"{name}#L{number}"
        if line is None:
            yield DocumentError(source, f"line longer than {max_record} bytes")
            continue
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
        record = {key: valid_text(value) if isinstance(value, str) else value for key, value in record.items()}
        html, text = record.get("html"), record.get("text")
        content = html if isinstance(html, str) and html.strip() else text if isinstance(text, str) and text.strip() else None
        if content is None:
            yield DocumentError(source, _no_content(record))
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


def _no_content(record: dict[str, Any]) -> str:
    """Why a record gives no document: its "html" and "text" fields are missing, empty or not strings."""
    present = [field for field in ("html", "text") if field in record]
    if not present:
        return 'record has neither "html" nor "text"'
    reasons = [
        f'"{field}" is empty' if isinstance(record[field], str) else f'"{field}" is {_json_kind(record[field])}, not a string'
        for field in present
    ]
    return f"record has no content: {'; '.join(reasons)}"


def _json_kind(value: Any) -> str:
    """The JSON name of a decoded value's type, as the user wrote it in the file."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "an array" if isinstance(value, list) else "an object"


def _lines(stream: BinaryIO, max_length: int) -> Iterator[bytes | None]:
    """The stream's lines; None stands for a line longer than `max_length`, which is skipped."""
    while line := stream.readline(max_length + 1):
        if len(line) <= max_length or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(max_length + 1)) and not rest.endswith(b"\n"):
            pass
        yield None


def _warc_documents(name: str, stream: BinaryIO, max_record: int, first_number: int) -> Iterator[RawDocument | DocumentError]:
    # Imported here so that reading text/HTML/JSONL does not pay for warcio.
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = iter(ArchiveIterator(stream, arc2warc=True))
    number = first_number - 1
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
            item = _warc_item(source, record, max_record)
        except (OSError, EOFError, ValueError, zlib.error) as error:
            yield DocumentError(source, f"unreadable WARC record payload: {error}")
            continue
        if item is not None:
            yield item


def _warc_item(source: str, record: Any, max_record: int) -> RawDocument | DocumentError | None:
    if record.rec_type is None:
        return DocumentError(source, "WARC record without a WARC-Type header")
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.lower().split(";")[0].strip() not in _WARC_CONTENT_TYPES:
        return None
    payload = record.content_stream().read(max_record + 1)
    if len(payload) > max_record:
        return DocumentError(source, f"record payload over {max_record} bytes")
    return RawDocument(
        source=source,
        content=payload,
        url=record.rec_headers.get_header("WARC-Target-URI"),
        content_type=content_type,
        fetched_at=record.rec_headers.get_header("WARC-Date"),
        hints=SourceHints(http_last_modified=record.http_headers.get_header("Last-Modified")),
    )
