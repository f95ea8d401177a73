"""Hostile feeds and misbehaving feed servers, through the real polling path on 127.0.0.1.

Entity expansion and external entities are refused, a huge feed is trimmed to the newest
`polling.max_entries_per_poll` entries, absurd dates never reach the index, every bad server ends
its poll within the deadline (and the feed backs off), and TLS is verified unless given a CA.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from connectors.feeds.parsing import parse_feed
from connectors.feeds.polling import FeedState, poll_feed
from connectors.http import FetchError, HttpClient
from foundation.feed_settings import FeedsConfig, load_feeds
from foundation.settings import ConfigError
from pipelines.extraction.feed_only import feed_only_article
from tests.support.feeds.server import FeedServer
from tests.support.tls import self_signed_certificate

PROJECT = Path(__file__).resolve().parents[1]
NOW = 1000.0


@pytest.fixture(scope="module")
def server():
    site = FeedServer().start()
    site.add("rss", "calm-first")
    yield site
    site.stop()


def config_for(server: FeedServer, *paths: str, http: dict | None = None, polling: dict | None = None) -> FeedsConfig:
    return FeedsConfig.model_validate(
        {
            "feeds": [{"name": path, "url": f"{server.base}/{path}", "interval": 10} for path in paths],
            "http": {"connect_timeout": 2, "read_timeout": 1, "deadline": 3, "allow_private_hosts": ["127.0.0.1"], **(http or {})},
            "polling": {"max_backoff": 60, **(polling or {})},
        }
    )


def poll(server: FeedServer, path: str, **settings):
    config = config_for(server, path, **settings)
    with HttpClient(config.http) as http:
        return poll_feed(http, config.feeds[0], config, FeedState(), NOW)


def rss(items: str, doctype: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}<rss version="2.0"><channel><title>Hostile</title>'
        f"<link>http://127.0.0.1/</link>{items}</channel></rss>"
    ).encode()


def item(n: int, title: str = "Story", date: str = "Mon, 03 Jun 2024 09:30:00 GMT") -> str:
    return f"<item><title>{title}</title><guid>urn:g{n}</guid><link>http://127.0.0.1/a/{n}</link><pubDate>{date}</pubDate></item>"


# -- entity expansion and external entities ---------------------------------------------------

BILLION_LAUGHS = (
    '<!DOCTYPE rss [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">' for i in range(1, 10))
    + "]>"
)


@pytest.mark.timeout(20)
def test_a_billion_laughs_feed_is_refused_quickly_without_expanding(server):
    server.bodies["/laughs.xml"] = (rss(item(1, "&lol9;"), BILLION_LAUGHS), "application/rss+xml")
    started = time.monotonic()
    result = poll(server, "laughs.xml")
    assert time.monotonic() - started < 2
    assert result.entries == [] and "entities" in result.error
    assert result.state.failures == 1 and result.state.next_due == NOW + 20, "refused like any non-feed: backs off"


@pytest.mark.timeout(20)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-be"])
def test_entity_declarations_are_refused_in_any_encoding(encoding):
    doc = rss(item(1, "&lol9;"), BILLION_LAUGHS).decode().replace("utf-8", encoding).encode(encoding)
    with pytest.raises(Exception, match="entities"):
        parse_feed(doc, None, "http://127.0.0.1/laughs.xml")


@pytest.mark.timeout(20)
def test_external_entities_are_never_resolved(server):
    secret_line = Path("/etc/passwd").read_text().splitlines()[0]
    xxe_url = f"{server.base}/xxe-target"
    hostile = {
        "/xxe-file.xml": rss(item(1, "a&xxe;b"), '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
        "/xxe-http.xml": rss(item(1, "a&xxe;b"), f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{xxe_url}">]>'),
        "/xxe-param.xml": rss(item(1), f'<!DOCTYPE rss [<!ENTITY % remote SYSTEM "{xxe_url}"> %remote;]>'),
        # No entity declared here: an external DTD, which must not be fetched either.
        "/xxe-dtd.xml": rss(item(1), f'<!DOCTYPE rss SYSTEM "{xxe_url}">'),
    }
    for path, body in hostile.items():
        server.bodies[path] = (body, "application/rss+xml")
    results = {path: poll(server, path.lstrip("/")) for path in hostile}
    assert server.requests["/xxe-target"] == 0, "the parser fetched an external entity or DTD"
    for path, result in results.items():
        dumped = json.dumps([entry.hints.__dict__ | {"link": entry.link} for entry in result.entries], default=str)
        assert "root:" not in dumped and secret_line not in dumped, path
    for path in ("/xxe-file.xml", "/xxe-http.xml", "/xxe-param.xml"):
        assert results[path].entries == [] and "entities" in results[path].error, path
    assert [entry.key for entry in results["/xxe-dtd.xml"].entries] == ["urn:g1"]


@pytest.mark.timeout(20)
def test_a_doctype_with_a_public_id_is_accepted_and_its_dtd_never_fetched(server):
    dtd_url = f"{server.base}/rss-0.91.dtd"
    doctypes = {
        "/netscape.xml": f'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "{dtd_url}">\n',
        "/subset.xml": f'<!DOCTYPE rss SYSTEM "{dtd_url}" [<!ELEMENT rss ANY><!ATTLIST rss version CDATA #IMPLIED>]>\n',
    }
    for path, doctype in doctypes.items():
        server.bodies[path] = (rss(item(1, "Caf&eacute;&nbsp;&mdash; news"), doctype), "application/rss+xml")
    titles = [[entry.hints.title for entry in poll(server, path.lstrip("/")).entries] for path in doctypes]
    assert titles == [["Caf\xe9\xa0\u2014 news"]] * 2
    assert server.requests["/rss-0.91.dtd"] == 0, "the DTD was fetched"


def test_an_article_quoting_xml_in_cdata_is_still_read(caplog):
    quoted = "<![CDATA[Never accept <!ENTITY x SYSTEM 'file:///'>; an <item> in an <entry> is fine]]>"
    doc = rss(f"<item><guid>urn:g1</guid><title>XML tips</title><description>{quoted}</description></item>")
    with caplog.at_level(logging.WARNING, logger="connectors.feeds"):
        assert [e.key for e in parse_feed(doc, None, "http://127.0.0.1/tips.xml", max_entries=1).entries] == ["urn:g1"]
    assert "taking the newest" not in caplog.text


# -- huge feeds -------------------------------------------------------------------------------

HUGE_POLL = textwrap.dedent("""
    import json, resource, sys, time
    from connectors.feeds.polling import FeedState, poll_feed
    from connectors.http import HttpClient
    from foundation.feed_settings import FeedsConfig
    config = FeedsConfig.model_validate(json.loads(sys.argv[1]))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with HttpClient(config.http) as http:
        result = poll_feed(http, config.feeds[0], config, FeedState(), 1000.0)
    print(json.dumps({"seconds": time.monotonic() - started, "grown_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before,
                      "keys": [e.key for e in result.entries], "error": result.error}))
""")


@pytest.mark.slow  # parses a 100,000-entry feed
@pytest.mark.timeout(60)
def test_a_feed_of_100000_entries_is_trimmed_to_the_newest_in_bounded_time_and_memory(server):
    base = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    # Dates out of document order, so "newest" is not "first": entry n is n minutes after base.
    order = sorted(range(100_000), key=lambda n: (n * 7919) % 100_000)
    body = rss("".join(item(n, date=(base + dt.timedelta(minutes=n)).strftime("%a, %d %b %Y %H:%M:%S GMT")) for n in order))
    assert len(body) > 10_000_000
    server.bodies["/huge.xml"] = (body, "application/rss+xml")
    config = config_for(server, "huge.xml", http={"max_bytes": 32 * 1024 * 1024, "deadline": 30, "read_timeout": 10})
    assert config.polling.max_entries_per_poll == 500, "the default"
    # A child process, so that its peak memory is its own.
    child = subprocess.run(
        [sys.executable, "-c", HUGE_POLL, config.model_dump_json()], capture_output=True, text=True, timeout=50, cwd=PROJECT
    )
    assert child.returncode == 0, child.stderr
    report = json.loads(child.stdout)
    assert report["error"] is None
    assert report["keys"] == [f"urn:g{n}" for n in range(99_999, 99_499, -1)], "the newest 500, newest first"
    assert report["seconds"] < 15, report
    assert report["grown_kb"] < 400_000, report
    assert "lists 100000 entries; taking the newest 500 (polling.max_entries_per_poll)" in child.stderr


def test_the_entry_cap_applies_to_every_format_and_logs(caplog):
    rss_doc = rss("".join(item(n, date=f"Mon, 03 Jun 2024 09:{n:02d}:00 GMT") for n in range(30)))
    with caplog.at_level(logging.WARNING, logger="connectors.feeds"):
        parsed = parse_feed(rss_doc, None, "http://127.0.0.1/rss.xml", max_entries=5)
    taken = parsed.entries
    assert [entry.key for entry in taken] == ["urn:g29", "urn:g28", "urn:g27", "urn:g26", "urn:g25"]
    assert parsed.over_limit == 25, "counted as entries_over_limit"
    assert "lists 30 entries; taking the newest 5" in caplog.text
    json_doc = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "items": [
                {"id": f"j{n}", "url": f"http://127.0.0.1/j/{n}", "title": "t", "date_published": f"2024-06-03T09:{n:02d}:00Z"}
                for n in range(30)
            ],
        }
    ).encode()
    assert [e.key for e in parse_feed(json_doc, "application/feed+json", "http://127.0.0.1/f.json", max_entries=2).entries] == [
        "j29",
        "j28",
    ]
    assert len(parse_feed(rss_doc, None, "http://127.0.0.1/rss.xml").entries) == 30, "no cap unless asked"
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="connectors.feeds"):
        parse_feed(rss_doc, None, "https://reader:pw-Zq81@news.example:8443/rss.xml?token=tk-Zq81", max_entries=5)
    assert "https://news.example:8443/rss.xml lists 30 entries" in caplog.text and "Zq81" not in caplog.text, "a feed's token is not logged"


@pytest.mark.parametrize("value", [0, 100_001])
def test_max_entries_per_poll_is_validated(tmp_path, value):
    path = tmp_path / "feeds.yaml"
    path.write_text(json.dumps({"feeds": [{"name": "a", "url": "https://a.example/rss"}], "polling": {"max_entries_per_poll": value}}))
    with pytest.raises(ConfigError, match="polling.max_entries_per_poll"):
        load_feeds(path)


# -- absurd dates -----------------------------------------------------------------------------

ABSURD = [
    "Mon, 03 Jun 0000 09:30:00 GMT",
    "0000-01-01T00:00:00Z",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "9999-12-31T23:59:59-25:00",
    "Mon, 03 Jun 2024 09:30:00 +2500",
    "2024-06-03T09:30:00+25:00",
    "garbage",
    "2024-13-45T99:99:99Z",
    "Mon, 03 Jun 99999 09:30:00 GMT",
    "-0001-01-01T00:00:00Z",
    "",
]


def _sane(value: str | None) -> bool:
    if value is None:
        return True
    parsed = dt.datetime.fromisoformat(value)
    if len(value) == 10:  # a date without a time
        return parsed.year >= 1990 and parsed.date() <= dt.date.today() + dt.timedelta(days=2)
    return parsed.tzinfo is not None and parsed.year >= 1990 and parsed <= dt.datetime.now(dt.UTC) + dt.timedelta(days=2)


@pytest.mark.parametrize("date", ABSURD)
def test_absurd_entry_dates_never_crash_and_never_reach_the_index(date):
    xml = rss(
        f"<item><title>Odd date</title><guid>urn:g1</guid><link>http://127.0.0.1/a/1</link><pubDate>{date}</pubDate>"
        f"<atom:updated xmlns:atom='http://www.w3.org/2005/Atom'>{date}</atom:updated></item>"
    )
    atom = (
        f'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>f</id><entry><id>a1</id><title>Odd date</title>'
        f'<link href="http://127.0.0.1/a/1"/><published>{date}</published><updated>{date}</updated></entry></feed>'
    ).encode()
    jsonfeed = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1",
            "items": [{"id": "j1", "url": "http://127.0.0.1/a/1", "title": "Odd date", "date_published": date, "date_modified": date}],
        }
    ).encode()
    for doc in (xml, atom, jsonfeed):
        entry = parse_feed(doc, None, "http://127.0.0.1/odd", max_entries=5).entries[0]
        # The feed-only path: what watch indexes when the page cannot be fetched.
        from foundation.records import RawDocument

        article = feed_only_article(RawDocument(source=entry.link, content=b"", url=entry.link, hints=entry.hints))
        assert _sane(article.published_at) and _sane(article.modified_at), (date, article.published_at, article.modified_at)


# -- misbehaving servers ----------------------------------------------------------------------


@pytest.mark.slow  # waits out each server's deadline
@pytest.mark.timeout(60)
def test_each_misbehaving_server_ends_its_poll_within_the_deadline_and_the_others_proceed(server):
    # Deadline 3 s, read timeout 1 s: /trickle and /slow-headers send a few bytes every 0.1 s, so
    # only the deadline stops them.
    config = config_for(
        server, "reset", "loop", "endless", "trickle", "slow-headers", "slow.xml", "rss.xml", http={"max_bytes": 64 * 1024 * 1024}
    )
    server.slow_seconds = 5  # silent for longer than the read timeout (and the deadline)
    expected = {
        "reset": "RemoteProtocolError|ReadError|ConnectError",
        "loop": "more than 5 redirects",
        "endless": "not complete within 3s|byte limit",
        "trickle": "not complete within 3s",
        "slow-headers": "not complete within 3s",
        "slow.xml": "timed out",
    }
    with HttpClient(config.http) as http:
        for feed in config.feeds:
            started = time.monotonic()
            result = poll_feed(http, feed, config, FeedState(), NOW)
            took = time.monotonic() - started
            assert took < config.http.deadline + config.http.read_timeout + 0.5, (feed.name, took)
            if feed.name == "rss.xml":
                assert result.status == 200 and result.error is None and result.entries, "the next feed is polled as usual"
                continue
            assert result.entries == [] and result.state.failures == 1, feed.name
            assert result.state.next_due == NOW + 20, f"{feed.name} backs off"
            assert re.search(expected[feed.name], result.error), (feed.name, result.error)
    assert server.requests["/loop"] == 6, "the first request and 5 redirects, no more"


@pytest.mark.timeout(20)
def test_a_fast_endless_stream_is_cut_at_the_size_cap(server):
    started = time.monotonic()
    result = poll(server, "endless", http={"max_bytes": 1024 * 1024, "deadline": 10})
    assert "over the 1048576-byte limit" in result.error and time.monotonic() - started < 5


# -- TLS --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    cert_path, key_path = self_signed_certificate(tmp_path_factory.mktemp("tls"), "newsbeam test")
    site = FeedServer(tls=(str(cert_path), str(key_path))).start()
    site.add("rss", "secure-story")
    yield site, cert_path
    site.stop()


@pytest.mark.timeout(20)
def test_tls_is_verified_by_default_and_a_ca_option_trusts_a_private_ca(tls_server):
    site, cert_path = tls_server
    assert site.base.startswith("https://")
    refused = poll(site, "rss.xml")
    assert refused.status is None and "certificate" in refused.error.lower() and refused.state.failures == 1
    trusted = poll(site, "rss.xml", http={"ca_certs": str(cert_path)})
    assert trusted.status == 200 and [e.key for e in trusted.entries] == ["harbour-gazette-secure-story"]
    with HttpClient(config_for(site, "x").http) as http, pytest.raises(FetchError, match="(?i)certificate") as failure:
        http.get(f"{site.base}/rss.xml")
    assert not failure.value.retryable, "another try will not fix a certificate"


def test_ca_certs_is_validated_on_load(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text(
        json.dumps({"feeds": [{"name": "a", "url": "https://a.example/rss"}], "http": {"ca_certs": str(tmp_path / "missing.pem")}})
    )
    with pytest.raises(ConfigError, match="http.ca_certs"):
        load_feeds(path)
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate")
    path.write_text(json.dumps({"feeds": [{"name": "a", "url": "https://a.example/rss"}], "http": {"ca_certs": str(junk)}}))
    with pytest.raises(ConfigError, match="http.ca_certs"):
        load_feeds(path)
