"""`newsbeam search` output over many real queries: highlights are balanced and nothing crashes.

Elasticsearch trims characters up to U+0020 from a fragment's ends, so control-character markers
were lost whenever a fragment began or ended with a match, and the terminal output then failed
on an unbalanced style tag. These tests index real articles and run the terminal and JSON
outputs over every reasonably long word of their titles and first paragraphs.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from pipelines.cli import main
from pipelines.cli.search import _print_hits
from pipelines.search import HIGHLIGHT_POST, HIGHLIGHT_PRE, Hit, highlight_pieces
from tests.support.paths import PROJECT_ROOT, SEEDS

WORD = re.compile(r"[^\W\d_]{5,}")
MARKERS = re.compile(f"[{HIGHLIGHT_PRE}{HIGHLIGHT_POST}\x02\x03]")


@pytest.fixture(scope="module")
def indexed(es_url, tmp_path_factory) -> Iterator[tuple[str, list[str]]]:
    """An index of the seeds and the extraction dev documents, and the queries to run on it."""
    folder = tmp_path_factory.mktemp("articles")
    for source in [*SEEDS.iterdir(), *(PROJECT_ROOT / "tests" / "devset").glob("*.*")]:
        if source.suffix in (".txt", ".html"):
            shutil.copy(source, folder / source.name)
    index = f"test-search-{uuid.uuid4().hex[:8]}"
    code, summary = _replay(es_url, index, folder, tmp_path_factory.mktemp("dlq"))
    assert code == 0 and summary["created"] >= 10
    client = Elasticsearch(es_url, request_timeout=60)
    try:
        client.indices.refresh(index=index)
        sources = [hit["_source"] for hit in client.search(index=index, size=100, source_includes=["title", "body"])["hits"]["hits"]]
        yield index, _queries(sources)
    finally:
        for name in client.indices.get(index=f"{index}-v*", allow_no_indices=True):
            client.indices.delete(index=name)
        client.close()


def _replay(es_url: str, index: str, folder: Path, dlq_folder: Path) -> tuple[int, dict]:
    output = io.StringIO()
    with redirect_stdout(output):
        code = main(["replay", "--es-url", es_url, "--index", index, "--json", str(folder), "--dlq", str(dlq_folder / "dlq.jsonl")])
    return code, json.loads(output.getvalue().strip().splitlines()[-1])


def _queries(sources: list[dict]) -> list[str]:
    words: dict[str, None] = {}
    for source in sources:
        head = f"{source.get('title') or ''} {(source.get('body') or '')[:600]}"
        words.update(dict.fromkeys(word.lower() for word in WORD.findall(head)))
    return sorted(words)


def test_the_terminal_output_survives_every_query(indexed, es_url, capsys):
    index, queries = indexed
    assert len(queries) > 150
    for query in queries:
        code = main(["search", "--es-url", es_url, "--index", index, query])
        captured = capsys.readouterr()
        assert code == 0, f"{query!r}: {captured.err}"
        assert "Traceback" not in captured.err and not MARKERS.search(captured.out), query


def test_json_highlights_are_balanced_and_cover_fragment_edges(indexed, es_url, capsys):
    index, queries = indexed
    fragments, starts_inside = 0, 0
    for query in queries:
        assert main(["search", "--es-url", es_url, "--index", index, "--json", query]) == 0
        for hit in map(json.loads, capsys.readouterr().out.splitlines()):
            for fragment in hit["fragments"]:
                fragments += 1
                starts_inside += fragment.startswith("<em>")
                assert fragment.count("<em>") == fragment.count("</em>"), (query, fragment)
                assert re.fullmatch(r"(?:[^<]|<(?!/?em>)|<em>[^<]*</em>)*", fragment, re.S), (query, fragment)
                assert not MARKERS.search(fragment)
    assert fragments > 300
    assert starts_inside > 0, "no fragment began with a match: the case that broke is not exercised"


@pytest.mark.parametrize(
    "fragment, pieces",
    [
        ("plain", [("plain", False)]),
        (f"a {HIGHLIGHT_PRE}b{HIGHLIGHT_POST} c", [("a ", False), ("b", True), (" c", False)]),
        (f"inside{HIGHLIGHT_POST} after", [("inside", True), (" after", False)]),
        (f"before {HIGHLIGHT_PRE}cut off", [("before ", False), ("cut off", True)]),
        (f"{HIGHLIGHT_POST}{HIGHLIGHT_PRE}x{HIGHLIGHT_POST}", [("x", True)]),
        ("[bold]not markup[/bold]", [("[bold]not markup[/bold]", False)]),
    ],
)
def test_highlight_pieces_balance_whatever_the_markers(fragment, pieces):
    assert highlight_pieces(fragment) == pieces


def test_a_fragment_with_markup_like_text_prints_as_text(capsys):
    hit = Hit("id", 1.0, "[/bold yellow] title", None, None, None, (f"[/bold yellow]{HIGHLIGHT_POST} [red]x{HIGHLIGHT_PRE}y",))
    _print_hits(1, [hit])
    assert "[/bold yellow]" in capsys.readouterr().out
