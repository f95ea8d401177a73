"""Replay into a real Elasticsearch: idempotence, updates, dead letters, search."""

from __future__ import annotations

import gzip
import json
import shutil
import uuid
from pathlib import Path

from pipelines.cli import main
from tests.support.cli import replay
from tests.support.paths import SEEDS
from tests.support.warc import warc_archive


def search(capsys, es_url: str, index: str, *args: str) -> tuple[int, list[dict] | str]:
    """`newsbeam search ARGS`: its hits (`--json` prints one per line) or, failing, its stderr."""
    code = main(["search", "--es-url", es_url, "--index", index, *args])
    captured = capsys.readouterr()
    return code, ([json.loads(line) for line in captured.out.splitlines()] if "--json" in args and code == 0 else captured.err)


def test_replaying_the_seeds_indexes_five_articles(es, es_url, alias, capsys, tmp_path):
    code, summary = replay(capsys, es_url, alias, str(SEEDS), "--dlq", str(tmp_path / "dlq.jsonl"))
    assert code == 0
    assert summary["read"] == 5 and summary["created"] == 5 and summary["reconciled"]
    assert es.count(index=alias)["count"] == 5
    assert not (tmp_path / "dlq.jsonl").exists(), "an empty dead-letter file is not left behind"


def test_replaying_twice_is_idempotent(es, es_url, alias, capsys, tmp_path):
    replay(capsys, es_url, alias, str(SEEDS), "--dlq", str(tmp_path / "dlq.jsonl"))
    code, summary = replay(capsys, es_url, alias, str(SEEDS), "--dlq", str(tmp_path / "dlq.jsonl"))
    assert code == 0
    assert summary["unchanged"] == 5 and summary["created"] == 0 and summary["updated"] == 0
    assert es.count(index=alias)["count"] == 5


def test_a_changed_body_updates_the_document_in_place(es, es_url, alias, capsys, tmp_path):
    folder = tmp_path / "docs"
    shutil.copytree(SEEDS, folder)
    replay(capsys, es_url, alias, str(folder))
    # 001 carries its URL, so its id does not depend on the body.
    seed = folder / "001_dc971c7429e3bb8a.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("Packages of illegitimate sanctions", "Packages of unlawful sanctions"), encoding="utf-8"
    )
    code, summary = replay(capsys, es_url, alias, str(folder))
    assert code == 0
    assert summary["updated"] == 1 and summary["unchanged"] == 4
    assert es.count(index=alias)["count"] == 5
    hits = es.search(index=alias, query={"match_phrase": {"body": "unlawful sanctions"}})["hits"]["hits"]
    assert len(hits) == 1


def test_duplicates_in_the_input_are_indexed_once(es, es_url, alias, capsys, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    text = (SEEDS / "001_dc971c7429e3bb8a.txt").read_bytes()
    (folder / "a.txt").write_bytes(text)
    (folder / "copy.txt").write_bytes(text)
    code, summary = replay(capsys, es_url, alias, str(folder))
    assert code == 0
    assert summary["read"] == 2 and summary["duplicates"] == 1 and summary["created"] == 1


def test_rejected_documents_go_to_the_dead_letter_file_and_can_be_resubmitted(es, es_url, alias, capsys, tmp_path):
    # An index whose word_count field only holds numbers up to 127: every seed is longer.
    es.indices.create(
        index=f"{alias}-v1", aliases={alias: {"is_write_index": True}}, mappings={"properties": {"word_count": {"type": "byte"}}}
    )
    dlq = tmp_path / "dlq.jsonl"
    code, summary = replay(capsys, es_url, alias, str(SEEDS), "--dlq", str(dlq))
    assert code == 3
    assert summary["failed_index"] == 5 and summary["dead_lettered"] == 5 and summary["reconciled"]
    letters = [json.loads(line) for line in dlq.read_text(encoding="utf-8").splitlines()]
    assert len(letters) == 5
    assert all(letter["stage"] == "index" and "word_count" in letter["reason"] for letter in letters)

    es.indices.delete(index=f"{alias}-v1")
    code, summary = replay(capsys, es_url, alias, "--from-dlq", str(dlq), "--dlq", str(tmp_path / "again.jsonl"))
    assert code == 0
    assert summary["read"] == 5 and summary["created"] == 5
    assert es.count(index=alias)["count"] == 5


def test_unreadable_documents_are_dead_letters_with_reasons(es_url, alias, capsys, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.jsonl").write_text(
        '{"url": "https://example.org/a", "text": "Title\\n\\nSome body text here."}\n{not json\n', encoding="utf-8"
    )
    dlq = tmp_path / "dlq.jsonl"
    code, summary = replay(capsys, es_url, alias, str(folder), "--dlq", str(dlq))
    assert code == 3
    assert summary["read"] == 3 and summary["reconciled"]
    reasons = {json.loads(line)["source"]: json.loads(line)["reason"] for line in dlq.read_text(encoding="utf-8").splitlines()}
    assert any(source.endswith("broken.jsonl#L2") for source in reasons)
    assert any(source.endswith("empty.txt") and "empty" in reason for source, reason in reasons.items())


def test_a_missing_path_is_a_clear_error(es_url, alias, capsys):
    assert main(["replay", "--es-url", es_url, "--index", alias, "no/such/folder"]) == 2
    assert "no such file or folder: no/such/folder" in capsys.readouterr().err


def test_search_ranks_dates_filters_and_errors(es_url, alias, capsys):
    replay(capsys, es_url, alias, str(SEEDS))

    code, found = search(capsys, es_url, alias, "Kuril Islands", "--json")
    assert code == 0
    assert "sputniknews" in found[0]["url"]
    assert any("<em>Kuril</em>" in fragment for fragment in found[0]["fragments"])

    code, found = search(capsys, es_url, alias, "", "--since", "2022-01-01", "--until", "2022-12-31", "--json")
    assert code == 0 and len(found) >= 1
    assert all(hit["published_at"].startswith("2022") for hit in found)

    code, found = search(capsys, es_url, alias, "sanctions", "--publisher", "sputnik africa", "--json")
    assert code == 0 and {hit["publisher"] for hit in found} == {"Sputnik Africa"}

    code, found = search(capsys, es_url, alias, "", "--tag", "Japan", "--tag", "sanctions", "--json")
    assert code == 0 and len(found) == 1 and "sputnik" in found[0]["url"]

    code, message = search(capsys, es_url, alias, "title:(unclosed")
    assert code == 2 and "invalid search" in message and "Traceback" not in message


def test_search_without_an_index_says_what_to_do(es_url, capsys):
    code, message = search(capsys, es_url, f"missing-{uuid.uuid4().hex[:6]}", "anything")
    assert code == 2 and "run `newsbeam replay` first" in message


def test_every_input_format_goes_through_the_pipeline(es, es_url, alias, capsys, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    devset = Path(__file__).parent / "devset"
    (folder / "page.html.gz").write_bytes(gzip.compress((devset / "html_jsonld_graph.html").read_bytes()))
    (folder / "dump.txt").write_bytes((SEEDS / "003_ad6409121addf6a1.txt").read_bytes())
    line = json.dumps({"url": "https://example.org/jsonl-story", "text": (SEEDS / "002_97f4ff990cd08bfd.txt").read_text(encoding="utf-8")})
    (folder / "lines.jsonl.gz").write_bytes(gzip.compress((line + "\n").encode()))
    (folder / "crawl.warc.gz").write_bytes(warc_archive(gz=True))
    _code, summary = replay(capsys, es_url, alias, str(folder), "--dlq", str(tmp_path / "dlq.jsonl"))
    # The WARC holds two documents (an HTML page and a short text) besides a 404 and an image.
    assert summary["read"] == 5 and summary["reconciled"]
    assert summary["created"] + summary["dead_lettered"] == 5
    sources = {hit["_source"]["source"] for hit in es.search(index=alias, size=50, query={"match_all": {}})["hits"]["hits"]}
    assert any(source.endswith("page.html.gz") for source in sources)
    assert any(source.endswith("lines.jsonl.gz#L1") for source in sources)
    assert any("crawl.warc.gz#" in source for source in sources)
