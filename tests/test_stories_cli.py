"""`newsbeam search --stories` and `newsbeam stories` on the real node: one hit per story with its outlets,
the period's stories ordered by outlets or articles, JSON Lines, and clear errors.

Articles are indexed with their story fields set, as the pipelines set them: three stories about the
Kuril Islands carried by different numbers of outlets, and one older article outside the period.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from elasticsearch import Elasticsearch

from connectors.elasticsearch.bulk import BulkIndexer
from connectors.elasticsearch.index import concrete_index, ensure_index
from foundation.records import Article, Extraction
from foundation.vocabulary import ExtractionMethod
from pipelines.cli import main

NOW = datetime.now(UTC)
BODY = "Moscow said on Friday that talks with Tokyo over the Kuril Islands would not resume while sanctions remain."


def article(article_id: str, publisher: str, story: str, hours_ago: float, *, size: int, outlets: int, first: str) -> Article:
    published = (NOW - timedelta(hours=hours_ago)).isoformat(timespec="seconds")
    return Article(
        id=article_id,
        title=f"Kuril Islands: {publisher} reports ({article_id})",
        body=f"{BODY} ({publisher} {article_id})",
        source=f"https://{publisher.lower()}.example/{article_id}",
        url=f"https://{publisher.lower()}.example/{article_id}",
        publisher=publisher,
        content_hash=article_id,
        extraction=Extraction(ExtractionMethod.HTML),
        published_at=published,
        story_id=story,
        story_size=size,
        story_outlets=outlets,
        first_seen=(NOW - timedelta(hours=30 if story == "b1" else 20)).isoformat(timespec="seconds"),
        first_publisher=first,
        near_duplicate_of=None if article_id == story else story,
    )


# a1: 4 articles from 3 outlets. b1: 5 articles from 2 outlets, its first article 30 hours old (outside
# --since 1d, so the period counts 4 of them). c1: a story of one.
ARTICLES = [
    article("a1", "TASS", "a1", 20, size=4, outlets=3, first="TASS"),
    article("a2", "Reuters", "a1", 19, size=4, outlets=3, first="TASS"),
    article("a3", "Kyodo", "a1", 18, size=4, outlets=3, first="TASS"),
    article("a4", "TASS", "a1", 17, size=4, outlets=3, first="TASS"),
    article("b1", "NHK", "b1", 30, size=5, outlets=2, first="NHK"),
    *(article(f"b{n}", "NHK" if n % 2 else "Asahi", "b1", 10 - n, size=5, outlets=2, first="NHK") for n in range(2, 6)),
    article("c1", "Interfax", "c1", 5, size=1, outlets=1, first="Interfax"),
]


@pytest.fixture(scope="module")
def index(es: Elasticsearch) -> Iterator[str]:
    alias = f"test-stories-{uuid.uuid4().hex[:8]}"
    ensure_index(es, alias)
    try:
        outcomes = list(BulkIndexer(es, alias).write(ARTICLES))
        assert all(outcome.reason is None for outcome in outcomes), outcomes
        es.indices.refresh(index=alias)
        yield alias
    finally:
        es.indices.delete(index=concrete_index(alias), ignore_unavailable=True)
        es.indices.delete_index_template(name=f"newsbeam-{alias}")


def run(capsys: pytest.CaptureFixture[str], es_url: str, index: str, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--es-url", es_url, "--index", index])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_search_stories_shows_one_hit_per_story_with_its_outlets(capsys, es_url, index):
    code, out, _ = run(capsys, es_url, index, "search", "--stories", "--json", "Kuril")
    hits = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    stories = {hit["story"]["story_id"]: hit["story"] for hit in hits}
    assert len(hits) == 3 and set(stories) == {"a1", "b1", "c1"}
    assert set(stories["a1"]["publishers"]) == {"TASS", "Reuters", "Kyodo"}
    assert (stories["a1"]["articles"], stories["a1"]["outlets"], stories["a1"]["first_publisher"]) == (4, 3, "TASS")
    assert stories["a1"]["publishers"][0] == "TASS", "earliest outlet first"
    assert (stories["b1"]["articles"], stories["b1"]["outlets"]) == (5, 2)
    assert (stories["c1"]["articles"], stories["c1"]["outlets"], stories["c1"]["publishers"]) == (1, 1, ["Interfax"])


def test_search_without_stories_shows_every_copy(capsys, es_url, index):
    code, out, _ = run(capsys, es_url, index, "search", "--json", "--size", "50", "Kuril")
    hits = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(hits) == len(ARTICLES) and all("story" not in hit for hit in hits)


def test_search_stories_terminal_output_names_size_and_outlets(capsys, es_url, index):
    code, out, _ = run(capsys, es_url, index, "search", "--stories", "--publisher", "TASS", "--publisher", "Reuters", "Kuril")
    assert code == 0
    assert out.count("story of ") == 1 and "story of 4 articles from 3 outlets: TASS, Reuters" in out


def test_stories_since_orders_by_outlets_then_by_articles(capsys, es_url, index):
    code, out, _ = run(capsys, es_url, index, "stories", "--since", "1d", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(row["story_id"], row["outlets"], row["articles"]) for row in rows] == [("a1", 3, 4), ("b1", 2, 4)], "c1 has one article"
    first = rows[0]
    assert set(first) == {"story_id", "articles", "outlets", "publishers", "first_seen", "first_publisher", "title", "url"}
    assert first["title"] == "Kuril Islands: TASS reports (a1)" and first["first_publisher"] == "TASS"
    assert first["first_seen"] == ARTICLES[0].first_seen
    # The first article of b1 is older than the period, and still names the story.
    assert rows[1]["title"] == "Kuril Islands: NHK reports (b1)" and rows[1]["first_publisher"] == "NHK"

    code, out, _ = run(capsys, es_url, index, "stories", "--since", "2d", "--by", "articles", "--min-articles", "1", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(row["story_id"], row["articles"]) for row in rows] == [("b1", 5), ("a1", 4), ("c1", 1)]


def test_stories_listing_and_an_empty_period(capsys, es_url, index):
    code, out, _ = run(capsys, es_url, index, "stories", "--since", "12h")
    assert code == 0 and "TASS" not in out, "only b1 has two articles in 12h"
    assert out.splitlines()[:5] == [
        "The biggest stories since 12h, by outlets",
        "",
        "1. Kuril Islands: NHK reports (b1)",
        f"   2 outlets · 4 articles · first NHK, {ARTICLES[4].first_seen}",
        "   carried by Asahi, NHK",
    ]
    code, out, _ = run(capsys, es_url, index, "stories", "--since", "1m")
    assert code == 0 and out.strip() == "no story with 2 or more articles since 1m"


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "yesterday"], "--since 'yesterday': expected a duration"),
        (["--size", "0"], "--size must be between 1 and 10000"),
        (["--min-articles", "0"], "--min-articles must be at least 1"),
    ],
)
def test_stories_bad_options_are_usage_errors(capsys, es_url, index, args, message):
    code, _, err = run(capsys, es_url, index, "stories", *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_stories_on_a_missing_index_says_what_to_do(capsys, es_url):
    code, _, err = run(capsys, es_url, f"test-missing-{uuid.uuid4().hex[:8]}", "stories")
    assert code == 2 and "does not exist yet" in err


def test_an_index_from_before_stories_is_named_as_such(capsys, es, es_url):
    name = f"test-before-stories-{uuid.uuid4().hex[:8]}"
    es.indices.create(index=name, mappings={"properties": {"title": {"type": "text"}, "publisher": {"type": "keyword"}}})
    try:
        es.index(index=name, document={"title": "Kuril Islands", "publisher": "TASS"}, refresh=True)
        code, _, err = run(capsys, es_url, name, "stories")
        assert code == 2 and "created before stories" in err
        code, _, err = run(capsys, es_url, name, "search", "--stories", "Kuril")
        assert code == 2 and "story_id" in err
    finally:
        es.indices.delete(index=name)


def test_documents_written_without_a_story_id_do_not_break_search_stories(capsys, es, es_url):
    alias = f"test-stories-{uuid.uuid4().hex[:8]}"
    ensure_index(es, alias)
    try:
        es.index(index=alias, document={"title": "Sea of Okhotsk", "publisher": "Elsewhere"}, refresh=True)
        code, out, err = run(capsys, es_url, alias, "search", "--stories", "--json", "Okhotsk")
        (hit,) = [json.loads(line) for line in out.splitlines()]
        assert code == 0, err
        assert hit["story"]["story_id"] == hit["id"] and hit["story"]["publishers"] == ["Elsewhere"]
    finally:
        es.indices.delete(index=concrete_index(alias), ignore_unavailable=True)
        es.indices.delete_index_template(name=f"newsbeam-{alias}")


def test_undated_articles_count_from_when_the_pipeline_first_saw_them(capsys, es, es_url):
    alias = f"test-stories-undated-{uuid.uuid4().hex[:8]}"
    ensure_index(es, alias)
    seen = (NOW - timedelta(hours=2)).isoformat(timespec="seconds")
    copies = [
        replace(article(f"u{n}", publisher, "u1", 1, size=2, outlets=2, first="TASS"), published_at=None, first_seen=seen)
        for n, publisher in ((1, "TASS"), (2, "Reuters"))
    ]
    try:
        assert all(outcome.reason is None for outcome in BulkIndexer(es, alias).write(copies))
        es.indices.refresh(index=alias)
        code, out, _ = run(capsys, es_url, alias, "stories", "--since", "1d", "--json")
        assert code == 0 and [(row["story_id"], row["articles"]) for row in map(json.loads, out.splitlines())] == [("u1", 2)]
    finally:
        es.indices.delete(index=concrete_index(alias), ignore_unavailable=True)
        es.indices.delete_index_template(name=f"newsbeam-{alias}")
