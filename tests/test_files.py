"""connectors.files.ReadDocuments: large JSON Lines files are read in pieces by several workers."""

from __future__ import annotations

import json

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.testing.util import assert_that, equal_to

from connectors.files import ReadDocuments
from pipelines.runners import make_runner


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
