"""Language analysis on the real node: the analysis plugin's stemmers and stop words through the
per-language fields, the standard fallback (unknown languages, a node without the plugin), and
`newsbeam index migrate`, which rebuilds an index with the current mapping and loses nothing."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk

from connectors.elasticsearch.analysis import analysis_for, has_plugin
from connectors.elasticsearch.bulk import BulkIndexer
from connectors.elasticsearch.fields import SEARCH_FIELDS
from connectors.elasticsearch.index import (
    ANALYSIS_STANDARD,
    IndexSetupError,
    _template_file,
    concrete_index,
    ensure_index,
    index_mapping,
    index_template,
    write_index,
)
from foundation.records import Article, Extraction
from foundation.vocabulary import ExtractionMethod, IndexResult
from operations.plugin import PluginError, ensure_plugin_zip
from tests.support.cli import newsbeam

pytestmark = pytest.mark.elasticsearch


def article(slug: str, language: str | None, title: str, body: str) -> Article:
    return Article(
        id=slug,
        title=title,
        body=body,
        source=f"test#{slug}",
        content_hash=f"hash-{slug}",
        extraction=Extraction(ExtractionMethod.TEXT),
        language=language,
    )


ARTICLES = [
    article("en-sanctions", "en", "EU widens sanctions", "The union agreed new sanctions on Tuesday, weeks after the elections."),
    article("en-saturn", "en", "Rings seen again", "Saturn's rings were photographed by the probe on its last pass."),
    article("ru-sanctions", "ru", "Новые санкции", "Новые санкции против компаний объявлены после выборов в Думу."),
    article("de-wahlen", "de", "Nach den Wahlen", "Nach den Wahlen verhängt die Regierung neue Sanktionen gegen Importeure."),
    article("fr-election", "fr", "Présidentielle", "L'élection présidentielle a eu lieu dimanche dans le calme."),
    article("sv-val", "sv", "Valet i Sverige", "Valrörelsen avslutades i går med en debatt i riksdagen."),
]


@pytest.fixture(scope="module")
def plugin_es(es: Elasticsearch) -> Elasticsearch:
    if not has_plugin(es):
        if os.environ.get("NEWSBEAM_ES_URL"):
            pytest.skip("the node at NEWSBEAM_ES_URL has not loaded the newsbeam-analysis plugin (restart it with `newsbeam es up`)")
        pytest.fail("the test session's node did not load the newsbeam-analysis plugin: see `newsbeam es up`")
    return es


def _cleanup(es: Elasticsearch, alias: str) -> None:
    for index in es.indices.get(index=f"{alias}-v*", allow_no_indices=True, expand_wildcards="all"):
        es.indices.delete(index=index)
    if es.indices.exists_index_template(name=f"newsbeam-{alias}"):
        es.indices.delete_index_template(name=f"newsbeam-{alias}")


@pytest.fixture
def fresh_alias(es: Elasticsearch) -> Iterator[str]:
    name = f"test-lang-{uuid.uuid4().hex[:8]}"
    yield name
    _cleanup(es, name)


@pytest.fixture(scope="module")
def news(plugin_es: Elasticsearch) -> Iterator[str]:
    """An alias set up as replay and watch set it up, holding ARTICLES."""
    alias = f"test-lang-{uuid.uuid4().hex[:8]}"
    ensure_index(plugin_es, alias)
    _write(plugin_es, alias, ARTICLES)
    yield alias
    _cleanup(plugin_es, alias)


def _write(es: Elasticsearch, alias: str, articles: list[Article]) -> None:
    outcomes = list(BulkIndexer(es, alias).write(articles))
    assert [outcome.result for outcome in outcomes] == [IndexResult.CREATED] * len(articles), [o.reason for o in outcomes]
    es.indices.refresh(index=alias)


def found(es: Elasticsearch, alias: str, query: str) -> set[str]:
    """Ids of the articles that have every word of `query` in one of the search fields."""
    body = {"multi_match": {"query": query, "fields": list(SEARCH_FIELDS), "operator": "and"}}
    return {hit["_id"] for hit in es.search(index=alias, query=body, size=20)["hits"]["hits"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sanction", "en-sanctions"),
        ("elect", "en-sanctions"),
        ("Saturn", "en-saturn"),
        ("санкциям", "ru-sanctions"),
        ("выборы", "ru-sanctions"),
        ("Wahl", "de-wahlen"),
        ("Sanktion", "de-wahlen"),
        ("élections", "fr-election"),
        # Typed without accents, in the plural.
        ("presidentielles", "fr-election"),
    ],
)
def test_another_form_of_the_word_finds_the_article(plugin_es, news, query, expected):
    assert found(plugin_es, news, query) == {expected}


def test_the_standard_fields_alone_miss_those_forms(plugin_es, news):
    # What search did before the per-language fields: the same queries find nothing.
    for query in ("sanction", "санкциям", "Wahl", "Saturn"):
        hits = plugin_es.search(index=news, query={"multi_match": {"query": query, "fields": ["title", "body"]}})["hits"]["hits"]
        assert hits == [], query


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The articles lack "и", "und" and "et": each language's stop words are not required.
        ("санкции и выборы", "ru-sanctions"),
        ("Sanktionen und Wahlen", "de-wahlen"),
        ("calme et dimanche", "fr-election"),
    ],
)
def test_stop_words_of_the_article_language_are_ignored(plugin_es, news, query, expected):
    assert found(plugin_es, news, query) == {expected}


def test_stop_words_are_not_indexed(plugin_es, news):
    tokens = plugin_es.indices.analyze(index=news, analyzer="news_russian", text="И в на санкции")["tokens"]
    assert [token["token"] for token in tokens] == ["санкц"]


def test_an_article_in_a_language_without_analysis_is_found_by_its_words(plugin_es, news):
    assert found(plugin_es, news, "riksdagen") == {"sv-val"}
    source = plugin_es.get(index=news, id="sv-val")["_source"]
    assert source["body_en"] is None and source["body_ru"] is None


def test_a_node_without_the_plugin_gets_the_same_mapping_without_stemming(es, fresh_alias):
    """What `ensure_index` creates when the node lacks the plugin: it works, finds exact words only."""
    es.indices.put_index_template(name=f"newsbeam-{fresh_alias}", **index_template(fresh_alias, with_plugin=False))
    es.indices.create(index=concrete_index(fresh_alias), aliases={fresh_alias: {"is_write_index": True}})
    analysis = es.indices.get_settings(index=concrete_index(fresh_alias))[concrete_index(fresh_alias)]["settings"]["index"]["analysis"]
    assert "newsbeam_" not in str(analysis)
    assert index_mapping(es, concrete_index(fresh_alias))["_meta"]["analysis"] == ANALYSIS_STANDARD
    _write(es, fresh_alias, ARTICLES)
    assert found(es, fresh_alias, "sanctions") == {"en-sanctions"}
    assert found(es, fresh_alias, "санкции и выборов") == {"ru-sanctions"}
    assert found(es, fresh_alias, "sanction") == set()


def test_without_the_plugin_zip_or_sources_the_reason_is_one_line(tmp_path):
    with pytest.raises(PluginError, match="no plugin zip") as caught:
        ensure_plugin_zip(Path(shutil.which("java") or "/usr"), project=tmp_path / "missing", build_dir=tmp_path / "build")
    assert "\n" not in str(caught.value)


@pytest.mark.skipif(shutil.which("mvn") is None, reason="needs Maven")
def test_a_failing_maven_build_is_reported_in_one_line(tmp_path):
    project = tmp_path / "plugin"
    project.mkdir()
    (project / "pom.xml").write_text("<project><modelVersion>4.0.0</modelVersion>", encoding="utf-8")
    with pytest.raises(PluginError, match="Maven could not build the analysis plugin") as caught:
        ensure_plugin_zip(Path(os.environ.get("JAVA_HOME", "/usr")), project=project, build_dir=tmp_path / "build")
    assert "\n" not in str(caught.value) and "maven.log" in str(caught.value)


def _old_index(es: Elasticsearch, alias: str, documents: list[dict], dynamic: str = "strict") -> str:
    """`<alias>-v1` as newsbeam 1 made it: no per-language fields, no _meta, standard analysis."""
    template = _template_file()["template"]
    index = f"{alias}-v1"
    settings = {**template["settings"], "analysis": analysis_for(template["settings"]["analysis"], with_plugin=False)}
    mappings = {**template["mappings"], "dynamic": dynamic}
    es.indices.create(index=index, settings=settings, mappings=mappings, aliases={alias: {"is_write_index": True}})
    bulk(es, ({"_index": index, "_id": document["id"], "_source": document} for document in documents), refresh=True)
    return index


def _v1_documents(count: int) -> list[dict]:
    documents = [
        {"id": f"old-{number}", "title": f"Sanctions briefing {number}", "body": "New sanctions after the elections.", "language": "en"}
        for number in range(count)
    ]
    documents.append({"id": "old-ru", "title": "Санкции", "body": "Новые санкции после выборов.", "language": "ru"})
    return documents


def test_index_migrate_loses_nothing_and_adds_the_language_fields(plugin_es, es_url, fresh_alias):
    old = _old_index(plugin_es, fresh_alias, _v1_documents(1200))
    with pytest.raises(IndexSetupError, match="newsbeam index migrate"):
        ensure_index(plugin_es, fresh_alias)

    result = newsbeam("index", "migrate", "--es-url", es_url, "--index", fresh_alias)

    assert result.returncode == 0, result.stderr
    assert f"1201 documents copied from {old} to {fresh_alias}-v2" in result.stdout
    assert "1201/1201" in result.stderr
    assert write_index(plugin_es, fresh_alias) == f"{fresh_alias}-v2"
    assert plugin_es.count(index=fresh_alias)["count"] == 1201
    assert found(plugin_es, fresh_alias, "санкциям") == {"old-ru"}
    assert len(found(plugin_es, fresh_alias, "sanction")) == 20
    # The old index is kept, read-only; writers now go to the new one.
    assert plugin_es.count(index=old)["count"] == 1201
    assert plugin_es.indices.get_settings(index=old)[old]["settings"]["index"]["blocks"]["write"] == "true"
    assert ensure_index(plugin_es, fresh_alias) == fresh_alias
    _write(plugin_es, fresh_alias, ARTICLES[:1])


def test_index_migrate_stops_when_a_document_cannot_be_copied(plugin_es, es_url, fresh_alias):
    # A field the strict current mapping does not know: the copy cannot hold that document.
    documents = [*_v1_documents(3), {"id": "odd", "title": "Odd", "body": "x", "legacy_score": 3}]
    old = _old_index(plugin_es, fresh_alias, documents, dynamic="true")

    result = newsbeam("index", "migrate", "--es-url", es_url, "--index", fresh_alias)

    assert result.returncode == 4, result.stderr
    assert "1 of 5 documents could not be copied" in result.stderr and "legacy_score" in result.stderr
    assert write_index(plugin_es, fresh_alias) == old
    assert "blocks" not in plugin_es.indices.get_settings(index=old)[old]["settings"]["index"]
    assert plugin_es.count(index=fresh_alias)["count"] == 5
