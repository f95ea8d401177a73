"""What `newsbeam search` finds and how it says so, on a real node: words across fields, the
newest articles for an empty query, articles like one, date and connection mistakes, output
into pipes and terminals, JSON Lines."""

from __future__ import annotations

import io
import json
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import redirect_stdout
from datetime import UTC, datetime, timedelta

import pytest
from elasticsearch import BadRequestError, Elasticsearch
from rich.console import Console

from connectors.elasticsearch.analysis import has_plugin
from connectors.elasticsearch.fields import with_language_fields
from connectors.elasticsearch.index import ensure_index
from pipelines.cli import main
from pipelines.cli.search import _print_hits
from pipelines.search import HIGHLIGHT_POST, HIGHLIGHT_PRE, Hit, SearchRequest, search
from pipelines.search_dates import DateFormError, check_date
from tests.support.nodes import free_port
from tests.support.paths import PROJECT_ROOT, SEEDS

WORD = re.compile(r"[^\W\d_]{6,}")


@pytest.fixture(scope="module")
def articles(es_url, tmp_path_factory) -> Iterator[tuple[str, list[dict]]]:
    """The seeds and the small test dev set, replayed into a fresh index: (alias, their sources)."""
    folder = tmp_path_factory.mktemp("articles")
    for source in [*SEEDS.iterdir(), *(PROJECT_ROOT / "tests" / "devset").glob("*.*")]:
        shutil.copy(source, folder / source.name)
    alias = f"test-queries-{uuid.uuid4().hex[:8]}"
    output = io.StringIO()
    with redirect_stdout(output):
        code = main(["replay", "--es-url", es_url, "--index", alias, "--json", str(folder), "--dlq", str(folder / "dlq.jsonl")])
    assert code == 0, output.getvalue()
    client = Elasticsearch(es_url, request_timeout=60)
    try:
        client.indices.refresh(index=alias)
        hits = client.search(index=alias, size=100)["hits"]["hits"]
        yield alias, [{**hit["_source"], "_id": hit["_id"]} for hit in hits]
    finally:
        for name in client.indices.get(index=f"{alias}-v*", allow_no_indices=True):
            client.indices.delete(index=name)
        client.close()


def run_search(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["search", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def json_hits(capsys, es_url: str, alias: str, *args: str) -> list[dict]:
    code, out, err = run_search(capsys, "--es-url", es_url, "--index", alias, "--json", *args)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def found(es: Elasticsearch, alias: str, request: SearchRequest) -> list[str]:
    return [hit.id for hit in search(es, alias, request)[1]]


def test_one_word_of_the_title_and_one_of_the_body_find_the_article(articles, es):
    alias, sources = articles
    tried = 0
    for source in sources:
        title_words, body_words = (terms(es, alias, field, source.get(field)) for field in ("title", "body"))
        only_title, only_body = sorted(title_words - body_words), sorted(body_words - title_words)
        if not only_title or not only_body:
            continue
        tried += 1
        query = f"{only_title[0]} {only_body[-1]}"
        assert source["_id"] in found(es, alias, SearchRequest(query)), query
    assert tried >= 5


def terms(es: Elasticsearch, alias: str, field: str, text: str | None) -> set[str]:
    """The words of `text` as the field indexes them (so "yesterday's" stays whole), letters only."""
    tokens = es.indices.analyze(index=alias, field=field, text=text or "")["tokens"]
    return {token["token"] for token in tokens if WORD.fullmatch(token["token"])}


def test_possessives_and_other_forms_match_across_fields_in_the_articles_language(es, alias):
    if not has_plugin(es):
        pytest.skip("the node lacks the newsbeam-analysis plugin (newsbeam es up installs it)")
    ensure_index(es, alias)
    articles = {
        "possessive": {"title": "Saturn’s rings shine", "body": "The probe measured icy particles."},
        "plain": {"title": "A probe to Saturn", "body": "Engineers tested the ring camera."},
        "elsewhere": {"title": "Jupiter", "body": "Nothing about the sixth planet."},
    }
    for name, article in articles.items():
        es.index(index=alias, id=name, document=with_language_fields({**article, "language": "en"}))
    es.indices.refresh(index=alias)
    assert sorted(found(es, alias, SearchRequest("Saturn"))) == ["plain", "possessive"]
    assert sorted(found(es, alias, SearchRequest("Saturn's"))) == ["plain", "possessive"]
    assert sorted(found(es, alias, SearchRequest("rings probes"))) == ["plain", "possessive"], "title and body, other forms"


def test_an_empty_query_lists_the_newest_first_undated_by_their_fetch_time(es, es_url, alias, capsys):
    ensure_index(es, alias)
    now = datetime.now(UTC)
    documents = {
        "published-2024": {"published_at": "2024-01-01T00:00:00Z", "fetched_at": now.isoformat()},
        "no-date": {},
        "published-last-week": {"published_at": (now - timedelta(days=7)).isoformat()},
        "fetched-an-hour-ago": {"fetched_at": (now - timedelta(hours=1)).isoformat()},
        "published-yesterday": {"published_at": (now - timedelta(days=1)).isoformat(), "fetched_at": "2020-01-01T00:00:00Z"},
    }
    for name, dates in documents.items():
        es.index(index=alias, id=name, document={"title": name, **dates})
    es.indices.refresh(index=alias)
    expected = ["fetched-an-hour-ago", "published-yesterday", "published-last-week", "published-2024", "no-date"]
    assert found(es, alias, SearchRequest("")) == expected
    assert found(es, alias, SearchRequest("", since="2023-01-01")) == expected[1:4]
    assert [hit["id"] for hit in json_hits(capsys, es_url, alias)] == expected, "QUERY is optional"


def test_like_finds_articles_on_the_same_subject_by_url_or_id(articles, es_url, capsys):
    alias, sources = articles
    seed = next(source for source in sources if source.get("url") and "russia" in source["title"].lower())
    seed_titles = {source["title"] for source in sources if "japan" in (source.get("body") or "").lower()}
    for reference in (seed["url"], seed["_id"]):
        hits = json_hits(capsys, es_url, alias, "--like", reference, "--size", "3")
        assert hits and seed["_id"] not in [hit["id"] for hit in hits]
        assert {hit["title"] for hit in hits} <= seed_titles, reference


def test_like_with_an_unknown_article_says_so(articles, es_url, capsys):
    alias, _ = articles
    code, _, err = run_search(capsys, "--es-url", es_url, "--index", alias, "--like", "https://example.org/never-indexed")
    assert code == 2
    assert "no indexed article has this id, URL or canonical URL" in err


def test_a_date_mistake_names_the_accepted_forms_before_anything_is_sent(capsys):
    unreachable = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(SystemExit) as exit_:
        main(["search", "--es-url", unreachable, "--since", "yesterday", "sanctions"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert "argument --since: 'yesterday' is not a date" in err and "now-1d/d" in err and "2024-06-01" in err
    assert "connection" not in err


ACCEPTED = ["2024", "2024-06", "2024-06-01", "2024-06-01T12", "2024-06-01T12:30", "2024-06-01T12:30:15.250Z", "2024-06-01T12:30+02:00"]
ACCEPTED += ["now", "now-7d", "now-1d/d", "now/M", "now+1h-30m", "2024-06-01||+1M", "2024-06-01||/w"]


@pytest.mark.parametrize("value", ["yesterday", "last week", "2024-13-01", "2024-02-30", "01/06/2024", "2024-06-01 12:00", "now-7x", ""])
def test_date_forms_elasticsearch_refuses_are_refused_here(value):
    with pytest.raises(DateFormError, match="not a date: use"):
        check_date(value)


def test_every_date_form_accepted_here_is_read_by_elasticsearch(es, alias):
    ensure_index(es, alias)
    for value in ACCEPTED:
        try:
            es.count(index=alias, query={"range": {"published_at": {"gte": check_date(value)}}})
        except BadRequestError as exc:
            pytest.fail(f"{value!r} passed the check but Elasticsearch refused it: {exc}")


def test_a_refused_connection_says_to_start_the_node_or_check_the_url(capsys):
    code, _, err = run_search(capsys, "--es-url", f"http://127.0.0.1:{free_port()}", "sanctions")
    assert code == 1
    assert "newsbeam es up" in err and "--es-url" in err
    assert "HTTPConnection" not in err and "Errno" not in err and len(err.splitlines()) == 1


LONG_URL = "https://example.org/2024/06/01/" + "a-very-long-slug-" * 8 + "end.html"
LONG_HIT = Hit(
    "id",
    2.5,
    "A title " + "long " * 25,
    "Publisher",
    "2024-06-01",
    LONG_URL,
    ("a passage " * 15 + f"{HIGHLIGHT_PRE}match{HIGHLIGHT_POST}" + " and more" * 10,),
)


def test_output_into_a_pipe_is_not_wrapped_and_keeps_urls_whole(capsys):
    _print_hits(1, [LONG_HIT])
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].startswith("1. A title") and lines[2].rstrip().endswith("long")
    assert f"   {LONG_URL}" in lines
    passage = [line for line in lines if "a passage" in line]
    assert len(passage) == 1 and passage[0].startswith("   … a passage") and passage[0].endswith("and more …")


def test_a_newest_first_listing_shows_no_score(capsys):
    _print_hits(1, [LONG_HIT], ranked=False)
    listed = capsys.readouterr().out
    _print_hits(1, [LONG_HIT])
    assert "score" not in listed and "Publisher · 2024-06-01" in listed
    assert "score" in capsys.readouterr().out


def test_on_a_terminal_passages_wrap_indented_and_urls_stay_whole():
    screen = io.StringIO()
    _print_hits(1, [LONG_HIT], Console(file=screen, force_terminal=True, width=60, color_system=None))
    lines = screen.getvalue().splitlines()
    assert f"   {LONG_URL}" in lines
    start = next(number for number, line in enumerate(lines) if "… a passage" in line)
    passage = lines[start:]
    assert len(passage) > 2 and all(line.startswith("   ") and line[3] != " " for line in passage)
    assert all(len(line.rstrip()) <= 60 for line in passage)


def test_json_prints_one_object_per_hit(articles, es_url, capsys):
    alias, _ = articles
    code, out, err = run_search(capsys, "--es-url", es_url, "--index", alias, "--json", "--size", "3", "Japan")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 3
    hits = [json.loads(line) for line in lines]
    assert all(set(hit) == {"id", "score", "title", "publisher", "published_at", "url", "fragments"} for hit in hits)
    assert hits == sorted(hits, key=lambda hit: -hit["score"])
    assert run_search(capsys, "--es-url", es_url, "--index", alias, "--json", "nothingmatchesthisword")[1] == ""
