"""Matching a batch against every watchlist in one search, against the real local node: the same
matches as each watchlist's own search, no refresh when the periodic one has made the batch
searchable, and watchlists that cannot be read or searched named in one warning while the others go on."""

from __future__ import annotations

import logging
import time
import uuid

import pytest
from elasticsearch import Elasticsearch

from connectors.elasticsearch.bulk import BulkIndexer
from connectors.elasticsearch.index import concrete_index, ensure_index
from connectors.notifiers.webhook import WebhookConfig
from foundation.records import Article, Extraction
from foundation.vocabulary import ExtractionMethod, IndexResult
from pipelines.alerts.dispatch import DeliveryPolicy
from pipelines.alerts.matching import Matcher
from pipelines.alerts.service import AlertService
from pipelines.alerts.watchlists import Watchlist, WatchlistStore, watchlist_index
from tests.support.receivers import WebhookReceiver

SECRET = "matching-secret"


@pytest.fixture
def alias(es: Elasticsearch):
    name = f"test-alert-matching-{uuid.uuid4().hex[:8]}"
    ensure_index(es, name)
    yield name
    for index in es.indices.get(index=f"{name}-v*,{name}-watchlists,{name}-alerts", allow_no_indices=True, ignore_unavailable=True):
        es.indices.delete(index=index)
    es.options(ignore_status=404).indices.delete_index_template(name=f"newsbeam-{name}")


def article(slug: str, title: str, publisher: str = "Harbour Herald", language: str = "en", tags: tuple[str, ...] = ()) -> Article:
    return Article(
        id=f"id-{slug}",
        title=title,
        body=f"{title}. More about it in the second sentence of {slug}.",
        source=f"test#{slug}",
        content_hash=f"hash-{slug}",
        extraction=Extraction(ExtractionMethod.TEXT),
        url=f"https://news.example/{slug}",
        publisher=publisher,
        language=language,
        tags=list(tags),
    )


ARTICLES = [
    article("strike", "Dock workers strike in Harbourton", tags=("port",)),
    article("ferry", "Ferry strike ends", publisher="Other Times"),
    article("festival", "Folk festival returns", language="de"),
    article("volcano", "Volcano wakes up", tags=("port", "science")),
]
WATCHLISTS = [
    Watchlist(name="strikes", query="strike"),
    Watchlist(name="herald strikes", query="strike", publishers=("harbour herald",)),
    Watchlist(name="german", languages=("de",)),
    Watchlist(name="port science", tags=("port", "science")),
    Watchlist(name="either", query="festival OR volcano"),
    Watchlist(name="nothing", query="tsunami"),
    Watchlist(name="updates", query="ferry", updates=True),
]


def index(es: Elasticsearch, alias: str, articles: list[Article]) -> list[tuple[str, IndexResult]]:
    return [(outcome.article.id, outcome.result) for outcome in BulkIndexer(es, alias).write(articles)]


def pairs(alerts) -> set[tuple[str, str]]:
    return {(alert.watchlist, alert.article_id) for alert in alerts}


def test_one_search_finds_what_each_watchlists_own_search_finds(es, alias):
    indexed = index(es, alias, ARTICLES)
    es.indices.refresh(index=alias)
    matched = Matcher(es, alias).match(WATCHLISTS, indexed)
    expected = set()
    for watchlist in WATCHLISTS:
        hits = es.search(index=alias, query=watchlist.search_query([article_id for article_id, _ in indexed]), size=10)["hits"]["hits"]
        expected |= {(watchlist.name, hit["_id"]) for hit in hits}
    assert pairs(matched.alerts) == expected
    assert ("german", "id-festival") in expected and ("herald strikes", "id-ferry") not in expected and len(expected) == 8
    assert not matched.problems and not matched.refreshed

    # An update gives alerts only for the watchlists that ask for updates.
    changed = [article("ferry", "Ferry strike ends after talks", publisher="Other Times")]
    updated = index(es, alias, changed)
    assert updated == [("id-ferry", IndexResult.UPDATED)]
    es.indices.refresh(index=alias)
    assert pairs(Matcher(es, alias).match(WATCHLISTS, updated).alerts) == {("updates", "id-ferry")}


def test_a_batch_not_searchable_yet_is_refreshed_once_and_matched(es, alias):
    es.indices.put_settings(index=alias, settings={"index": {"refresh_interval": "-1"}})
    matcher = Matcher(es, alias)
    matched = matcher.match(WATCHLISTS[:1], index(es, alias, ARTICLES[:2]))
    assert matched.refreshed and pairs(matched.alerts) == {("strikes", "id-strike"), ("strikes", "id-ferry")}
    # Searchable already (refreshed above, nothing new): no refresh.
    again = matcher.match(WATCHLISTS[:1], [("id-strike", IndexResult.CREATED)])
    assert not again.refreshed and pairs(again.alerts) == {("strikes", "id-strike")}


def test_a_watchlist_elasticsearch_refuses_is_named_once_and_the_others_are_notified(es, alias, caplog):
    hook = WebhookReceiver(SECRET).start()
    webhook = (WebhookConfig(url=hook.url, secret=SECRET),)
    store = WatchlistStore(es, alias)
    for watchlist in (
        Watchlist(name="broken", query="dock AND (", notifiers=webhook),
        Watchlist(name="ferries", query="ferry", notifiers=webhook),
    ):
        store.add(watchlist)
    # An invalid document, as a Kibana user or an older version could store it.
    es.index(index=watchlist_index(alias), id="mangled", document={"name": "mangled", "digest_minutes": -1}, refresh=True)
    service = AlertService(es, alias, None, DeliveryPolicy(drain_seconds=10), reload_seconds=0, settle_seconds=0.1)
    caplog.set_level(logging.WARNING, logger="pipelines.alerts")
    try:
        for batch in (ARTICLES[:2], ARTICLES[2:], [article("ferry-2", "Another ferry crosses")]):
            service.offer(index(es, alias, batch))
            time.sleep(0.5)  # each batch matched on its own
    finally:
        service.close()
        hook.stop()
    assert sorted(d.payload["alerts"][0]["article_id"] for d in hook.deliveries) == ["id-ferry", "id-ferry-2"]
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    refused = [message for message in warnings if "broken" in message]
    assert len(refused) == 1 and "Failed to parse query [dock AND (]" in refused[0], warnings
    skipped = [message for message in warnings if "mangled" in message]
    assert len(skipped) == 1 and "digest_minutes" in skipped[0], warnings


def test_a_missing_news_index_is_one_warning_and_nothing_is_sent(es, alias, caplog):
    store = WatchlistStore(es, alias)
    store.add(Watchlist(name="a", query="strike"))
    store.add(Watchlist(name="b", query="ferry"))
    es.indices.delete(index=concrete_index(alias))
    caplog.set_level(logging.WARNING, logger="pipelines.alerts")
    service = AlertService(es, alias, None, DeliveryPolicy(drain_seconds=10), reload_seconds=0, settle_seconds=0.1)
    try:
        service.offer([("id-strike", IndexResult.CREATED)])
        time.sleep(0.5)
        service.offer([("id-ferry", IndexResult.CREATED)])
    finally:
        service.close()
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1 and "watchlists a, b: not matched" in warnings[0] and "no such index" in warnings[0], warnings
