"""connectors.files.ReadDocuments: large JSON Lines files are read in pieces by several workers."""

from __future__ import annotations

import gzip
import json

import apache_beam as beam
import pytest
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that, equal_to

from connectors.documents import DocumentError, documents_from_file
from connectors.files import ReadDocuments
from pipelines.runners import make_runner
from tests.support.warc import crawl_archive, warc_archive


def _corpus(path, count: int) -> None:
    lines = [json.dumps({"url": f"https://example.org/{n}", "text": f"Story {n}\n\n" + "word " * (n * 53 % 700)}) for n in range(count)]
    lines[count - 7] = "{broken"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_large_json_lines_file_is_read_in_pieces_with_exact_line_numbers(tmp_path):
    corpus = tmp_path / "big.jsonl"
    _corpus(corpus, 600)
    options = PipelineOptions(["--direct_num_workers=2", "--direct_running_mode=multi_threading"])
    with beam.Pipeline(runner=make_runner("DirectRunner"), options=options) as pipeline:
        read = pipeline | ReadDocuments([str(corpus)], piece_bytes=8_000)
        sources = read.documents | "Sources" >> beam.Map(lambda document: (document.source, document.url))
        letters = read.failed | "Letters" >> beam.Map(lambda letter: letter.source)
        expected = [(f"{corpus}#L{n + 1}", f"https://example.org/{n}") for n in range(600) if n != 593]
        assert_that(sources, equal_to(expected), label="every line once, numbered as in the file")
        assert_that(letters, equal_to([f"{corpus}#L594"]), label="the broken line by its number")
    assert corpus.stat().st_size > 40 * 8_000, "the file spans many pieces"


def _plain_reading(folder) -> tuple[list[str], list[str]]:
    """Sources of the documents and of the errors, read file by file without Beam."""
    documents, errors = [], []
    for path in sorted(folder.iterdir()):
        with path.open("rb") as stream:
            for item in documents_from_file(str(path), stream):
                (errors if isinstance(item, DocumentError) else documents).append(item.source)
    return documents, errors


@pytest.mark.parametrize("redistribute", [True, False])
def test_spreading_the_work_changes_nothing_about_what_is_read(tmp_path, redistribute):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "crawl.warc.gz").write_bytes(warc_archive(gz=True))
    (folder / "big.warc.gz").write_bytes(crawl_archive(gz=True))
    lines = [json.dumps({"url": f"https://example.org/{n}", "text": f"Story {n}\n\nBody."}) for n in range(50)]
    (folder / "lines.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines) + "\n{broken\n").encode()))
    _corpus(folder / "big.jsonl", 300)
    (folder / "page.html").write_text("<html><body><p>A page.</p></body></html>", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    documents, errors = _plain_reading(folder)
    assert len(documents) == 2 + 53 + 50 + 299 + 1 + 1 and len(errors) == 2

    options = PipelineOptions(["--direct_num_workers=2", "--direct_running_mode=multi_threading"])
    with beam.Pipeline(runner=make_runner("DirectRunner"), options=options) as pipeline:
        read = pipeline | ReadDocuments([str(folder / "*")], redistribute=redistribute, piece_bytes=8_000)
        assert_that(read.documents | "Documents" >> beam.Map(lambda item: item.source), equal_to(documents), label="documents")
        assert_that(read.failed | "Failed" >> beam.Map(lambda item: item.source), equal_to(errors), label="failed")
