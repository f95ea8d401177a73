"""`ReadDocuments`: saved articles from files and folders, as RawDocuments, on any runner.

Files are matched and opened through Beam's filesystems (`MatchAll` + `ReadMatches`), so local
paths, globs and remote stores (gs://, s3://, hdfs://) work the same on every runner. Formats are
decoded by `connectors.documents`; what cannot be read comes out as DeadLetters (stage `read`).
"""

from __future__ import annotations

from collections.abc import Iterator

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.io import fileio
from apache_beam.io.filesystem import CompressionTypes

from connectors.documents import DocumentError, documents_from_file
from pipelines import progress
from pipelines.metrics import counter
from pipelines.records import DeadLetter

FAILED = "failed"


class ReadDocuments(beam.PTransform):
    """File patterns in (a PBegin); RawDocuments out, and DeadLetters on the `failed` output."""

    def __init__(self, patterns: list[str]) -> None:
        super().__init__()
        self._patterns = list(patterns)

    def expand(self, pbegin: pvalue.PBegin) -> pvalue.DoOutputsTuple:
        return (
            pbegin
            | "Patterns" >> beam.Create(self._patterns)
            | "Match" >> fileio.MatchAll(empty_match_treatment=fileio.EmptyMatchTreatment.DISALLOW)
            | "Open" >> fileio.ReadMatches(skip_directories=True)
            | "Decode" >> beam.ParDo(_DecodeFileFn()).with_outputs(FAILED, main="documents")
        )


class _DecodeFileFn(beam.DoFn):
    def __init__(self) -> None:
        self._read = counter("read")
        self._failed = counter("failed_read")

    def process(self, readable: fileio.ReadableFile) -> Iterator[object]:
        path = readable.metadata.path
        try:
            # Uncompressed on purpose: connectors.documents decides by name and caps what it inflates.
            handle = readable.open(compression_type=CompressionTypes.UNCOMPRESSED)
        except OSError as exc:
            yield self._fail(path, f"cannot open file: {exc}")
            return
        with handle:
            for item in documents_from_file(path, handle):
                if isinstance(item, DocumentError):
                    yield self._fail(item.source, item.reason)
                else:
                    self._read.inc()
                    progress.advance("read")
                    yield item

    def _fail(self, source: str, reason: str) -> pvalue.TaggedOutput:
        self._read.inc()
        self._failed.inc()
        progress.advance("read")
        return pvalue.TaggedOutput(FAILED, DeadLetter(stage="read", source=source, reason=reason))
