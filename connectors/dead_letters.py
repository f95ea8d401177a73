"""Dead letters as JSON Lines: written at the end of a run, read back by `newsbeam replay --from-dlq`."""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator

import apache_beam as beam
from apache_beam import pvalue

from foundation.metrics import counter
from foundation.records import Article, DeadLetter, RawDocument
from foundation.vocabulary import Stage

log = logging.getLogger(__name__)

DOCUMENTS, ARTICLES = "documents", "articles"
FAILED = "failed"
"""The output tag of dead letters, in every transform that can fail."""


class WriteDeadLetters(beam.PTransform):
    """DeadLetters in; one JSON object per line in exactly the file `path` (through Beam's filesystems)."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self._path = path

    def expand(self, letters: beam.PCollection[DeadLetter]) -> pvalue.PDone:
        return (
            letters
            | "Count" >> beam.Map(_count)
            | "Serialize" >> beam.Map(dead_letter_line)
            | "Write" >> beam.io.WriteToText(self._path, shard_name_template="", num_shards=1)
        )


class AppendDeadLetters(beam.PTransform):
    """DeadLetters in; each appended to the file `path` at once, for streaming runs that never end.

    Plain local file appends: right for the local runners; on a distributed runner the path must
    be on a filesystem every worker shares.
    """

    def __init__(self, path: str) -> None:
        super().__init__()
        self._path = path

    def expand(self, letters: beam.PCollection[DeadLetter]) -> beam.PCollection[None]:
        return letters | "Append" >> beam.ParDo(_AppendFn(self._path))


def dead_letter_line(letter: DeadLetter) -> str:
    """One dead letter as one line of ASCII-only JSON: whatever text it carries, the line can be written."""
    return json.dumps(letter.to_dict(), sort_keys=True)


class ReadDeadLetters(beam.PTransform):
    """Dead-letter files in; RawDocuments to extract again (`documents`), Articles to index again
    (`articles`), and lines that cannot be re-submitted (`failed`)."""

    def __init__(self, patterns: list[str]) -> None:
        super().__init__()
        self._patterns = list(patterns)

    def expand(self, pbegin: pvalue.PBegin) -> pvalue.DoOutputsTuple:
        return (
            pbegin
            | "Patterns" >> beam.Create(self._patterns)
            | "Lines" >> beam.io.ReadAllFromText(with_filename=True)
            | "Parse" >> beam.ParDo(_ParseLetterFn()).with_outputs(ARTICLES, FAILED, main=DOCUMENTS)
        )


def _count(letter: DeadLetter) -> DeadLetter:
    counter("dead_lettered").inc()
    return letter


class _AppendFn(beam.DoFn):
    def __init__(self, path: str) -> None:
        self._path = path
        self._counter = counter("dead_lettered")

    def setup(self) -> None:
        self._lock = threading.Lock()

    def process(self, letter: DeadLetter) -> None:
        line = dead_letter_line(letter)
        with self._lock:
            os.makedirs(os.path.dirname(os.path.abspath(self._path)), exist_ok=True)
            with open(self._path, "a", encoding="utf-8") as out:
                out.write(line + "\n")
        self._counter.inc()
        log.warning("dead letter (%s) %s: %s", letter.stage, letter.source, letter.reason)


class _ParseLetterFn(beam.DoFn):
    def __init__(self) -> None:
        self._read = counter("read")
        self._failed = counter("failed_read")

    def process(self, element: tuple[str, str]) -> Iterator[object]:
        filename, line = element
        if not line.strip():
            return
        self._read.inc()
        try:
            letter = DeadLetter.from_dict(json.loads(line))
            if letter.article is not None:
                yield pvalue.TaggedOutput(ARTICLES, Article.from_dict(letter.article))
                return
            if letter.document is not None:
                yield RawDocument.from_dict(letter.document)
                return
        except (ValueError, TypeError, KeyError) as exc:
            self._failed.inc()
            yield pvalue.TaggedOutput(FAILED, DeadLetter(stage=Stage.READ, source=filename, reason=f"not a dead-letter line: {exc}"))
            return
        # A read failure carries nothing to re-submit: it stays a dead letter, with its reason.
        self._failed.inc()
        yield pvalue.TaggedOutput(FAILED, letter)
