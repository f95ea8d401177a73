"""`ReadDocuments`: saved articles from files and folders, as RawDocuments, on any runner.

Files are matched and opened through Beam's filesystems (`MatchAll` + `ReadMatches`), so local
paths, globs and remote stores (gs://, s3://, hdfs://) work the same on every runner. Formats are
decoded by `connectors.documents`; what cannot be read comes out as DeadLetters (stage `read`).

Work is spread over the workers before the documents are read, as Beam's own text source does:
large JSON Lines and WARC files are cut into pieces at line ends and record boundaries, and the
pieces (not their contents) are redistributed, so each worker reads, decodes and extracts its own
share without the raw pages passing through a shuffle. Files of many documents that can only be
read from their start (gzipped JSON Lines, ARC, a WARC gzipped as one stream) are decoded before
the shuffle instead, and their documents redistributed.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.io import fileio
from apache_beam.io.filesystem import CompressionTypes

from connectors.dead_letters import FAILED
from connectors.documents import (
    DocumentError,
    documents_from_file,
    file_pieces,
    holds_many,
    is_splittable,
)
from foundation.metrics import counter
from foundation.records import DeadLetter, RawDocument
from foundation.vocabulary import Stage

if TYPE_CHECKING:
    from typing_extensions import Buffer  # collections.abc.Buffer from Python 3.12 on

# Pieces of about this size: enough of them to keep every worker busy, few enough to cost nothing.
# (A WARC record is never cut, so a WARC piece holds at least one.)
PIECE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class FilePiece:
    """Bytes `start`..`stop` of a file (`stop` None: to its end); `first_number` is the number of
    its first line or record."""

    file: fileio.ReadableFile
    start: int = 0
    stop: int | None = None
    first_number: int = 1


class ReadDocuments(beam.PTransform):
    """File patterns in (a PBegin); RawDocuments out, and DeadLetters on `failed`.

    `redistribute` spreads the reading over the workers (off for a single worker, where the
    shuffle would only cost memory); `piece_bytes` is the size large JSON Lines files are cut to.
    """

    def __init__(self, patterns: list[str], *, redistribute: bool = True, piece_bytes: int = PIECE_BYTES) -> None:
        super().__init__()
        self._patterns = list(patterns)
        self._redistribute = redistribute
        self._piece_bytes = piece_bytes

    def expand(self, pbegin: pvalue.PBegin) -> pvalue.DoOutputsTuple:
        files = (
            pbegin
            | "Patterns" >> beam.Create(self._patterns)
            | "Match" >> fileio.MatchAll(empty_match_treatment=fileio.EmptyMatchTreatment.DISALLOW)
            | "Open" >> fileio.ReadMatches(skip_directories=True)
        )
        if self._redistribute:
            # Splitting reads through WARC and JSON Lines files: many files are split side by side.
            files = files | "SpreadFiles" >> beam.Reshuffle()
        work = files | "Split" >> beam.ParDo(_SplitFn(self._piece_bytes, decode_many=self._redistribute))
        if self._redistribute:
            work = work | "Spread" >> beam.Reshuffle()
        return work | "Decode" >> beam.ParDo(_DecodeFn()).with_outputs(FAILED, main="documents")


class _SplitFn(beam.DoFn):
    """A file in; the work of reading it out: FilePieces, or with `decode_many` the documents (and
    DocumentErrors) of a file that only one reader can go through."""

    def __init__(self, piece_bytes: int, decode_many: bool) -> None:
        self._piece_bytes = piece_bytes
        self._decode_many = decode_many

    def process(self, readable: fileio.ReadableFile) -> Iterator[FilePiece | RawDocument | DocumentError]:
        path, size = readable.metadata.path, readable.metadata.size_in_bytes
        pieces = self._pieces(readable, size) if is_splittable(path) and size > self._piece_bytes * 3 // 2 else [FilePiece(readable)]
        if len(pieces) == 1 and self._decode_many and holds_many(path):
            yield from _decode(pieces[0])
        else:
            yield from pieces

    def _pieces(self, readable: fileio.ReadableFile, size: int) -> list[FilePiece]:
        try:
            with readable.open(compression_type=CompressionTypes.UNCOMPRESSED) as handle:
                pieces = file_pieces(readable.metadata.path, handle, size, self._piece_bytes)
        except OSError:
            # Reading the whole file will meet the same error and report it as a dead letter.
            return [FilePiece(readable)]
        return [FilePiece(readable, start, stop, first_number) for start, stop, first_number in pieces]


class _DecodeFn(beam.DoFn):
    def __init__(self) -> None:
        self._read = counter("read")
        self._failed = counter("failed_read")

    def process(self, work: FilePiece | RawDocument | DocumentError) -> Iterator[object]:
        for item in _decode(work) if isinstance(work, FilePiece) else (work,):
            self._read.inc()
            if isinstance(item, DocumentError):
                self._failed.inc()
                yield pvalue.TaggedOutput(FAILED, DeadLetter(stage=Stage.READ, source=item.source, reason=item.reason))
            else:
                yield item


def _decode(piece: FilePiece) -> Iterator[RawDocument | DocumentError]:
    path = piece.file.metadata.path
    try:
        # Uncompressed on purpose: connectors.documents decides by name and caps what it inflates.
        handle = piece.file.open(compression_type=CompressionTypes.UNCOMPRESSED)
    except OSError as exc:
        yield DocumentError(path, f"cannot open file: {exc}")
        return
    with handle:
        yield from documents_from_file(path, _window(handle, piece), first_number=piece.first_number)


def _window(handle: BinaryIO, piece: FilePiece) -> BinaryIO:
    if piece.stop is None:
        return handle
    handle.seek(piece.start)
    return io.BufferedReader(_Window(handle, piece.stop - piece.start))


class _Window(io.RawIOBase):
    """The next `length` bytes of a stream, as a stream of their own (the standard library has no
    such view; the piece is streamed rather than read whole, so a huge line costs no memory)."""

    def __init__(self, stream: BinaryIO, length: int) -> None:
        self._stream = stream
        self._left = length

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Buffer) -> int:
        view = memoryview(buffer)
        data = self._stream.read(min(len(view), self._left))
        view[: len(data)] = data
        self._left -= len(data)
        return len(data)
