"""Feeds: settings validation, parsing every format, conditional GET, backoff, the bounded entry log."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from connectors import feeds
from connectors.feeds import NEW, RETRY, UPDATED, EntryLog, FeedParseError, FeedState, parse_feed, poll_feed
from connectors.http import HttpClient
from pipelines.feed_settings import FeedsConfig, load_feeds
from pipelines.settings import ConfigError
from tests.feeds.server import HERE, FeedServer


@pytest.fixture(scope="module")
def server():
    site = FeedServer().start()
    site.slow_seconds = 1.5
    for feed in ("rss", "rss-noguid", "atom", "json", "flaky", "slow"):
        site.add(feed, f"{feed}-first")
        site.add(feed, f"{feed}-second")
    yield site
    site.stop()


def config_for(server: FeedServer, *paths: str, **polling) -> FeedsConfig:
    return FeedsConfig.model_validate({
        "feeds": [{"name": path, "url": f"{server.base}/{path}", "interval": 10} for path in paths],
        "http": {"read_timeout": 0.5, "allow_private_hosts": ["127.0.0.1"]},
        "polling": {"max_backoff": 60, **polling},
    })


def poll(server: FeedServer, path: str, state: FeedState = FeedState(), now: float = 1000.0):
    config = config_for(server, path)
    with HttpClient(config.http) as http:
        return poll_feed(http, config.feeds[0], config, state, now)


# -- settings ---------------------------------------------------------------------------------

def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_the_shipped_feeds_file_is_valid():
    config = load_feeds(Path(__file__).resolve().parents[1] / "config" / "feeds.yaml")
    assert config.feeds and all(feed.url.startswith("https://") for feed in config.feeds)


def test_an_error_names_the_entry_and_field_but_not_the_value(tmp_path):
    path = write(tmp_path, {"feeds": [
        {"name": "ok", "url": "https://news.example/rss"},
        {"name": "broken", "url": "ftp://user:s3cret@news.example/", "interval": -5, "colour": "red"},
    ]})
    with pytest.raises(ConfigError) as error:
        load_feeds(path)
    message = str(error.value)
    assert "feeds.1 ('broken').url" in message and "feeds.1 ('broken').interval" in message
    assert "feeds.1 ('broken').colour: unknown key" in message
    assert "s3cret" not in message


def test_feed_names_are_unique_and_at_least_one_feed_is_required(tmp_path):
    feed = {"name": "same", "url": "https://a.example/rss"}
    with pytest.raises(ConfigError, match=r"feeds.1 \('same'\): name"):
        load_feeds(write(tmp_path, {"feeds": [feed, feed]}))
    with pytest.raises(ConfigError, match="feeds"):
        load_feeds(write(tmp_path, {"feeds": []}))
    with pytest.raises(ConfigError, match="not found"):
        load_feeds(tmp_path / "missing.yaml")


# -- parsing ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["rss.xml", "rss-noguid.xml", "atom.xml", "feed.json"])
def test_every_format_gives_entries_with_hints(server, path):
    result = poll(server, path)
    assert result.status == 200 and result.error is None
    first = result.entries[1]
    assert first.link == server.url(first.link.rsplit("/", 1)[1].removesuffix(".html"))
    assert first.hints.title.startswith("Harbour story")
    assert first.hints.summary.startswith("A new development") and "<p>" not in first.hints.summary
    assert first.hints.published_at.startswith("2024-06-03T09:30")
    assert first.hints.authors == ("Mara Lindqvist",)
    assert first.hints.tags


def test_an_entry_without_a_guid_is_keyed_by_its_link(server):
    with_guid = poll(server, "rss.xml").entries[0]
    without = poll(server, "rss-noguid.xml").entries[0]
    assert with_guid.key == "harbour-gazette-rss-second" and with_guid.hints.guid == with_guid.key
    assert without.key == without.link and without.hints.guid is None


def test_a_malformed_feed_is_an_error_that_backs_off(server):
    result = poll(server, "malformed.xml")
    assert result.error and "not a feed" in result.error
    assert result.state.failures == 1 and result.state.next_due == 1000.0 + 20


def test_ttl_and_sy_update_period_are_lower_bounds_of_the_interval():
    rss = b'<rss version="2.0"><channel><title>t</title><ttl>30</ttl><item><title>a</title><link>http://n.example/a</link></item></channel></rss>'
    assert parse_feed(rss, "application/rss+xml", "http://n.example/rss").min_interval == 1800
    rdf = (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
           b'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel rdf:about="http://n.example/"><title>t</title>'
           b'<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency></channel>'
           b'<item rdf:about="http://n.example/a"><title>a</title><link>http://n.example/a</link></item></rdf:RDF>')
    parsed = parse_feed(rdf, "application/rdf+xml", "http://n.example/rdf")
    assert parsed.min_interval == 900 and parsed.entries[0].key == "http://n.example/a"


def test_rss_091_is_read():
    rss = (b'<?xml version="1.0"?><rss version="0.91"><channel><title>t</title><link>http://n.example/</link>'
           b'<description>d</description><item><title>Old</title><link>http://n.example/old</link>'
           b'<description>Old news</description></item></channel></rss>')
    assert parse_feed(rss, None, "http://n.example/rss").entries[0].hints.summary == "Old news"


def test_json_that_is_not_a_json_feed_is_refused():
    with pytest.raises(FeedParseError, match="jsonfeed"):
        parse_feed(json.dumps({"items": []}).encode(), "application/json", "http://n.example/feed.json")
    with pytest.raises(FeedParseError, match="invalid JSON"):
        parse_feed(b"{not json", "application/feed+json", "http://n.example/feed.json")


def test_the_malformed_fixture_is_not_a_feed():
    with pytest.raises(FeedParseError):
        parse_feed((HERE / "malformed.xml").read_bytes(), "application/rss+xml", "http://n.example/bad")


# -- polling ----------------------------------------------------------------------------------

def test_conditional_get_answers_304_and_nothing_is_downloaded_again(server):
    first = poll(server, "rss.xml")
    assert first.state.etag and first.state.last_modified
    sent = server.bytes_sent["/rss.xml"]
    again = poll(server, "rss.xml", first.state, now=2000.0)
    assert again.status == 304 and again.entries == [] and again.state.etag == first.state.etag
    assert server.bytes_sent["/rss.xml"] == sent and server.not_modified["rss"] >= 1
    assert again.state.next_due == 2000.0 + 10


def test_errors_back_off_exponentially_up_to_the_cap_and_retry_after_is_honoured(server):
    server.flaky_failures = server.requests["/flaky.xml"] + 2
    first = poll(server, "flaky.xml")
    assert first.status == 500 and first.state.failures == 1 and first.state.next_due == 1000 + 20
    second = poll(server, "flaky.xml", first.state)
    assert second.state.failures == 2 and second.state.next_due == 1000 + 40
    recovered = poll(server, "flaky.xml", second.state)
    assert recovered.status == 200 and recovered.state.failures == 0 and len(recovered.entries) == 2
    capped = poll(server, "malformed.xml", FeedState(failures=9))
    assert capped.state.next_due == 1000 + 60
    server.flaky_failures, server.retry_after = server.requests["/flaky.xml"] + 1, "300"
    assert poll(server, "flaky.xml").state.next_due == 1000 + 300, "a longer Retry-After wins over the backoff"
    server.retry_after = "1"


def test_retry_after_is_read_as_seconds_or_an_http_date():
    assert feeds._retry_after("120", 0) == 120
    assert feeds._retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480 - 30) == 30
    assert feeds._retry_after("soon", 0) is None


def test_a_feed_slower_than_the_timeout_fails_and_backs_off(server):
    result = poll(server, "slow.xml")
    assert result.status is None and "timed out" in result.error and result.state.failures == 1


# -- the entry log ----------------------------------------------------------------------------

def test_the_entry_log_reports_new_updated_and_retry_entries(server):
    entries = poll(server, "rss.xml").entries
    log = EntryLog(max_entries=100, max_age=3600, max_attempts=2)
    assert [why for _, why in log.select(entries, 0)] == [NEW, NEW]
    assert log.select(entries, 1) == [(entries[0], RETRY), (entries[1], RETRY)], "pages not fetched yet"
    assert log.page_attempted(entries[0].key, done=True) is True
    assert log.page_attempted(entries[1].key, done=False) is False
    assert log.select([], 2) == [(entries[1], RETRY)], "a 304 poll still retries pending pages"
    assert log.page_attempted(entries[1].key, done=False) is True, "given up after max_attempts"
    assert log.select(entries, 3) == []
    edited = replace(entries[0], hints=replace(entries[0].hints, title="Corrected title"))
    assert log.select([edited, entries[1]], 4) == [(edited, UPDATED)]


def test_the_entry_log_stays_bounded_by_count_and_age(server):
    template = poll(server, "rss.xml").entries[0]
    log = EntryLog(max_entries=50, max_age=100, max_attempts=1)
    for batch in range(40):
        found = [replace(template, key=f"{batch}-{n}", link=f"http://n.example/{batch}/{n}") for n in range(10)]
        for entry, _ in log.select(found, now=batch):
            log.page_attempted(entry.key, done=True)
        assert len(log.entries) <= 50
    assert all(key.startswith(("35-", "36-", "37-", "38-", "39-")) for key in log.entries)
    assert all(known.pending is None for known in log.entries.values()), "fetched entries keep only a fingerprint"
    log.select([], now=1000)
    assert log.entries == {}


# -- feed-only articles -----------------------------------------------------------------------

def test_a_feed_only_article_keeps_the_entrys_title_summary_link_and_date():
    from pipelines.extraction import ExtractionError
    from pipelines.extraction.feed_only import feed_only_article
    from pipelines.extraction.ids import article_id
    from pipelines.records import RawDocument, SourceHints

    link = "https://news.example/2024/06/03/quay?utm_source=rss"
    hints = SourceHints(title="Quay reopens", summary="The quay reopened on Monday.", published_at="2024-06-03T09:30:00+00:00", tags=("Port",), guid="g-1")
    article = feed_only_article(RawDocument(source=link, content=b"", url=link, hints=hints))
    assert article.extraction.method == "feed-only"
    assert (article.title, article.body, article.url) == ("Quay reopens", "The quay reopened on Monday.", link)
    assert article.published_at == "2024-06-03T09:30+00:00" and article.date_sources == {"published_at": "feed"}
    assert article.id == article_id(link, ""), "the same id the page gets when its canonical URL is the link"
    title_only = feed_only_article(RawDocument(source=link, content=b"", url=link, hints=SourceHints(title="Quay reopens")))
    assert title_only.body == "Quay reopens"
    with pytest.raises(ExtractionError):
        feed_only_article(RawDocument(source=link, content=b"", url=link))
