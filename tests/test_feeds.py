"""Feeds: settings validation, parsing every format, conditional GET, backoff, the bounded entry log."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from connectors.feeds import polling
from connectors.feeds.entry_log import EntryLog
from connectors.feeds.parsing import FeedParseError, parse_feed
from connectors.feeds.polling import FeedState, poll_feed
from connectors.http import HttpClient
from foundation.feed_settings import FeedsConfig, load_feeds
from foundation.settings import ConfigError
from foundation.vocabulary import EntryChange
from tests.support.feeds.server import HERE, FeedServer


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
    return FeedsConfig.model_validate(
        {
            "feeds": [{"name": path, "url": f"{server.base}/{path}", "interval": 10} for path in paths],
            "http": {"read_timeout": 0.5, "allow_private_hosts": ["127.0.0.1"]},
            "polling": {"max_backoff": 60, **polling},
        }
    )


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
    path = write(
        tmp_path,
        {
            "feeds": [
                {"name": "ok", "url": "https://news.example/rss"},
                {"name": "broken", "url": "ftp://user:s3cret@news.example/", "interval": -5, "colour": "red"},
            ]
        },
    )
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
    rdf = (
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
        b'xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel rdf:about="http://n.example/"><title>t</title>'
        b"<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency></channel>"
        b'<item rdf:about="http://n.example/a"><title>a</title><link>http://n.example/a</link></item></rdf:RDF>'
    )
    parsed = parse_feed(rdf, "application/rdf+xml", "http://n.example/rdf")
    assert parsed.min_interval == 900 and parsed.entries[0].key == "http://n.example/a"


def test_rss_091_is_read():
    rss = (
        b'<?xml version="1.0"?><rss version="0.91"><channel><title>t</title><link>http://n.example/</link>'
        b"<description>d</description><item><title>Old</title><link>http://n.example/old</link>"
        b"<description>Old news</description></item></channel></rss>"
    )
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
    assert polling._retry_after("120", 0) == 120
    assert polling._retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480 - 30) == 30
    assert polling._retry_after("soon", 0) is None


def test_a_feed_slower_than_the_timeout_fails_and_backs_off(server):
    result = poll(server, "slow.xml")
    assert result.status is None and "timed out" in result.error and result.state.failures == 1


# -- the entry log ----------------------------------------------------------------------------


def test_the_entry_log_reports_new_updated_and_retry_entries(server):
    entries = poll(server, "rss.xml").entries
    log = EntryLog(max_entries=100, max_age=3600, max_attempts=2)
    assert [why for _, why in log.select(entries, 0)] == [EntryChange.NEW, EntryChange.NEW]
    assert log.select(entries, 1) == [(entries[0], EntryChange.RETRY), (entries[1], EntryChange.RETRY)], "pages not fetched yet"
    assert log.page_attempted(entries[0].key, done=True) is True
    assert log.page_attempted(entries[1].key, done=False) is False
    assert log.select([], 2) == [(entries[1], EntryChange.RETRY)], "a 304 poll still retries pending pages"
    assert log.page_attempted(entries[1].key, done=False) is True, "given up after max_attempts"
    assert log.select(entries, 3) == []
    edited = replace(entries[0], hints=replace(entries[0].hints, title="Corrected title"))
    assert log.select([edited, entries[1]], 4) == [(edited, EntryChange.UPDATED)]


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
    from foundation.records import RawDocument, SourceHints
    from pipelines.extraction import ExtractionError
    from pipelines.extraction.feed_only import feed_only_article
    from pipelines.extraction.ids import article_id

    link = "https://news.example/2024/06/03/quay?utm_source=rss"
    hints = SourceHints(
        title="Quay reopens", summary="The quay reopened on Monday.", published_at="2024-06-03T09:30:00+00:00", tags=("Port",), guid="g-1"
    )
    article = feed_only_article(RawDocument(source=link, content=b"", url=link, hints=hints))
    assert article.extraction.method == "feed-only"
    assert (article.title, article.body, article.url) == ("Quay reopens", "The quay reopened on Monday.", link)
    assert article.published_at == "2024-06-03T09:30+00:00" and article.date_sources == {"published_at": "feed"}
    assert article.id == article_id(link, ""), "the same id the page gets when its canonical URL is the link"
    title_only = feed_only_article(RawDocument(source=link, content=b"", url=link, hints=SourceHints(title="Quay reopens")))
    assert title_only.body == "Quay reopens"
    with pytest.raises(ExtractionError):
        feed_only_article(RawDocument(source=link, content=b"", url=link))


# -- what real feeds do (issue 12) ------------------------------------------------------------


def rss_doc(items: str, channel: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>t</title>{channel}{items}</channel></rss>'
    ).encode()


@pytest.mark.parametrize("body", [b"", b" \r\n\t"])
def test_an_empty_body_is_not_a_feed_and_backs_off(server, body):
    server.bodies["/empty.xml"] = (body, "application/rss+xml")
    result = poll(server, "empty.xml")
    assert result.error == "not a feed: empty response body" and result.state.failures == 1 and result.state.next_due == 1000 + 20


def test_html_named_entities_are_resolved_and_the_feed_is_read_as_well_formed(caplog):
    doc = rss_doc(
        "<item><title>Caf&eacute; &mdash; &ldquo;news&rdquo;&hellip; &doesnotexist; &#233; &#xe9; <![CDATA[&nbsp;kept]]></title>"
        "<link>http://n.example/a</link><description>a&nbsp;b &amp;eacute;</description></item>",
        channel="<description>Caf&eacute;s</description>",
    )
    with caplog.at_level(logging.WARNING, logger="connectors.feeds"):
        entry = parse_feed(doc, "application/rss+xml", "http://n.example/rss").entries[0]
    assert entry.hints.title == "Café — “news”… &doesnotexist; é é &nbsp;kept", "unknown names and CDATA stay as they are"
    assert entry.hints.summary == "a b é", "a description is HTML: its own entities are HTML's"
    assert "not well-formed" not in caplog.text, "read by the strict parser"


def test_a_feed_without_items_whose_channel_uses_an_html_entity_is_a_feed():
    # Refused as "not a feed: <unknown>:1:93: undefined entity" before.
    parsed = parse_feed(rss_doc("", channel="<description>Nouvelles&nbsp;du port</description>"), None, "http://n.example/rss")
    assert parsed.entries == [] and parsed.unreadable == []


def test_entities_are_resolved_in_utf16_and_legacy_encodings():
    utf16 = rss_doc("<item><title>Caf&eacute;</title><link>http://n.example/a</link></item>").decode().replace("utf-8", "utf-16")
    assert parse_feed(utf16.encode("utf-16"), None, "http://n.example/rss").entries[0].hints.title == "Café"
    koi8 = rss_doc("<item><title>Новости&nbsp;&mdash;</title><link>http://n.example/a</link></item>").decode().replace("utf-8", "koi8-r")
    assert parse_feed(koi8.encode("koi8-r"), None, "http://n.example/rss").entries[0].hints.title == "Новости\xa0—"


def test_a_netscape_rss_091_feed_with_its_dtd_and_entities_is_read():
    doc = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n'
        '<rss version="0.91"><channel><title>Le Port</title><link>http://n.example/</link><description>d</description>'
        "<language>fr</language><item><title>R&eacute;ouverture du quai</title><link>http://n.example/quai</link>"
        "<description>Le quai rouvre&nbsp;lundi.</description></item></channel></rss>"
    ).encode("iso-8859-1")
    entry = parse_feed(doc, "text/xml", "http://n.example/rss").entries[0]
    assert (entry.hints.title, entry.hints.summary, entry.link) == (
        "Réouverture du quai",
        "Le quai rouvre\xa0lundi.",
        "http://n.example/quai",
    )


def test_entries_without_link_or_guid_are_kept_and_empty_ones_are_unreadable_with_a_reason():
    doc = rss_doc(
        "<item><title>Only a title</title></item><item><description>Only a summary</description></item>"
        "<item><pubDate>Mon, 03 Jun 2024 09:30:00 GMT</pubDate></item>"
        "<item><title>Same</title><description>Same summary</description><pubDate>Mon, 03 Jun 2024 09:30:00 GMT</pubDate></item>"
        "<item><title>Same</title><description>Same summary</description><pubDate>Tue, 04 Jun 2024 09:30:00 GMT</pubDate></item>"
        "<item><title>Guid only</title><guid>tag:n.example,2024:7</guid></item>"
    )
    parsed = parse_feed(doc, None, "http://n.example/rss")
    assert [e.hints.title for e in parsed.entries] == ["Only a title", None, "Same", "Same", "Guid only"]
    assert all(e.link is None for e in parsed.entries), "a tag: guid is not a page"
    keys = [e.key for e in parsed.entries]
    assert len(set(keys)) == 5 and keys[-1] == "tag:n.example,2024:7" and all(k.startswith("sha256:") for k in keys[:4])
    assert keys == [e.key for e in parse_feed(doc, None, "http://n.example/rss").entries], "stable from poll to poll"
    assert [(u.position, u.reason) for u in parsed.unreadable] == [(3, "entry has no link, id, title or summary: nothing to index")]


def test_a_summary_falls_back_to_the_entrys_content():
    doc = rss_doc(
        '<item xmlns:content="http://purl.org/rss/1.0/modules/content/"><guid>g1</guid>'
        "<content:encoded><![CDATA[<p>Body <b>text</b></p>]]></content:encoded></item>"
    )
    assert parse_feed(doc, None, "http://n.example/rss").entries[0].hints.summary == "Body text"


def test_entries_recovered_from_a_truncated_feed_are_kept(caplog):
    # Before: "using the 1 entries recovered", then "HTTP 200, 0 entries": the entry had lost its
    # link to the truncation and an entry without link or guid was skipped without a word.
    doc = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Cut short</title><link>http://n.exa'
    with caplog.at_level(logging.WARNING, logger="connectors.feeds"):
        parsed = parse_feed(doc, None, "http://n.example/rss")
    assert "using the 1 entries recovered" in caplog.text
    assert [e.hints.title for e in parsed.entries] == ["Cut short"]


def test_a_feed_feedparser_fails_on_is_repaired_or_refused_with_the_reason():
    # feedparser 6.0's loose parser raises TypeError on a stray </width>.
    rss_stray = rss_doc("<item><title>A</title><link>http://n.example/a</link></item>", channel="</width>")
    assert [e.link for e in parse_feed(rss_stray, None, "http://n.example/rss").entries] == ["http://n.example/a"]
    atom_stray = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></width><entry><id>e1</id><title>A</title></entry></feed>'
    with pytest.raises(FeedParseError, match=r"feedparser failed on it \(TypeError.*keeps 0 of its 1 entries"):
        parse_feed(atom_stray, None, "http://n.example/atom")


@pytest.mark.parametrize("content_type", ["application/json", "text/html", "text/plain", None])
def test_what_the_body_is_wins_over_the_content_type(content_type):
    rss_body = rss_doc("<item><title>A</title><link>http://n.example/a</link></item>")
    assert parse_feed(rss_body, content_type, "http://n.example/rss").entries[0].link == "http://n.example/a"
    json_body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": "J"}]}).encode()
    assert parse_feed(json_body, content_type, "http://n.example/feed").entries[0].key == "1"


def test_a_json_feed_item_that_is_not_an_object_or_has_nothing_is_unreadable():
    doc = json.dumps(
        {"version": "https://jsonfeed.org/version/1", "items": ["junk", {"date_published": "2024-06-03"}, {"title": "No id, no url"}]}
    ).encode()
    parsed = parse_feed(doc, None, "http://n.example/feed.json")
    assert [e.hints.title for e in parsed.entries] == ["No id, no url"] and parsed.entries[0].key.startswith("sha256:")
    assert [(u.position, u.reason) for u in parsed.unreadable] == [
        (1, "item is not a JSON object but str"),
        (2, "entry has no link, id, title or summary: nothing to index"),
    ]


def test_a_429_says_what_retry_after_asked_and_when_the_next_poll_is(server):
    server.responses["/busy.xml"] = (429, b"slow down", "text/plain", {"Retry-After": "120"})
    busy = poll(server, "busy.xml")
    assert busy.error == "HTTP 429 (Retry-After: 120, waits at least 2 min)" and busy.state.next_due == 1000 + 120
    assert polling.describe_next_poll(busy.state, 1000) == "in 2 min, at 00:18:40 UTC (Retry-After)"
    server.responses["/down.xml"] = (503, b"down", "text/plain", {"Retry-After": "soon"})
    assert poll(server, "down.xml").error == "HTTP 503 (Retry-After 'soon' not understood)"
    server.responses["/gone.xml"] = (503, b"down", "text/plain", {})
    assert poll(server, "gone.xml").error == "HTTP 503"


def test_a_refused_redirect_says_it_was_a_redirect_from_the_feeds_url(server):
    target = server.base.replace("127.0.0.1", "localhost") + "/rss.xml?token=secret-Zq81"
    result = poll(server, f"redirect?to={target}&token=secret-Zq81")
    assert result.error.startswith(
        f"redirected from {server.base}/redirect to {server.base.replace('127.0.0.1', 'localhost')}/rss.xml: "
        "localhost resolves to a non-public address"
    ), result.error
    assert "Zq81" not in result.error


def test_a_feed_only_article_without_a_link_is_identified_by_its_feed_and_key():
    from foundation.records import RawDocument, SourceHints
    from pipelines.extraction.feed_only import feed_only_article

    def article(source: str, title: str):
        return feed_only_article(RawDocument(source=source, content=b"", hints=SourceHints(title=title, summary="Read more")))

    first, second = article("port#sha256:aaa", "Quay reopens"), article("port#sha256:bbb", "Ferry delayed")
    assert first.id != second.id, "the same summary does not make two entries one article"
    assert article("port#sha256:aaa", "Quay reopens").id == first.id
    assert article("harbour#sha256:aaa", "Quay reopens").id != first.id
