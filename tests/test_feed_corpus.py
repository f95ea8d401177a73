"""Real-world feed shapes (tests/support/feeds/corpus.py) through polling and through `watch`, and one feed
that cannot stop the others: every poll accounted for, every entry with content indexed or
dead-lettered, never a traceback.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path

import pytest
import yaml

from connectors.elasticsearch.bulk import BulkOptions
from connectors.feeds.polling import FeedState, poll_feed
from connectors.http import HttpClient
from foundation.feed_settings import FeedsConfig, load_feeds
from foundation.settings import ElasticsearchSettings
from pipelines.monitor import request_stop, run_watch
from tests.support.cli import newsbeam
from tests.support.feeds.corpus import CorpusFeed, build, expected_markers, serve
from tests.support.feeds.server import FeedServer


@pytest.fixture(scope="module")
def site():
    server = FeedServer().start()
    corpus = build(server.base)
    serve(server, corpus)
    server.corpus = corpus
    yield server
    server.stop()


def feeds_yaml(tmp_path: Path, site: FeedServer, paths: list[str], fetch_pages: bool = False, interval: float = 60) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "feeds": [
                    {"name": p.rsplit("/", 1)[1], "url": f"{site.base}{p}", "interval": interval, "fetch_pages": fetch_pages} for p in paths
                ],
                "http": {"read_timeout": 2.0, "deadline": 5, "allow_private_hosts": ["127.0.0.1"]},
                "politeness": {"min_delay_per_host": 0, "robots_txt": False},
                "polling": {"tick": 0.3, "max_backoff": 2},
            }
        ),
        encoding="utf-8",
    )
    return path


def _text(*values: object) -> str:
    return " ".join(str(value) for value in values if value)


# -- polling --------------------------------------------------------------------------------


def test_the_corpus_covers_every_family_of_feedparsers_test_suite(site):
    families = {feed.family for feed in site.corpus}
    for fmt in (
        "rss090",
        "rss091n",
        "rss091u",
        "rss092",
        "rss093",
        "rss094",
        "rss10",
        "rss20",
        "atom03",
        "atom10",
        "cdf",
        "json1",
        "json1.1",
    ):
        assert any(family.startswith(fmt) for family in families), fmt
    for needle in (
        "entities",
        "numeric",
        "cdata",
        "-ns",
        "koi8-r",
        "utf-16",
        "windows-1252",
        "http-charset",
        "undeclared",
        "xml-base",
        "illformed",
        "ctype",
        "date",
        "empty-body",
        "html-page",
        "declared-utf8-is-cp1252",
    ):
        assert any(needle in family for family in families), needle
    assert len(site.corpus) >= 250 and sum(1 for _ in expected_markers(site.corpus)) >= 1000


def test_every_corpus_feed_is_read_or_refused_with_a_reason_and_no_entry_vanishes(site):
    config = FeedsConfig.model_validate(
        {
            "feeds": [{"name": f.path, "url": f"{site.base}{f.path}"} for f in site.corpus],
            "http": {"allow_private_hosts": ["127.0.0.1"]},
        }
    )
    found: dict[str, str] = {}
    problems = []
    with HttpClient(config.http) as http:
        for feed, corpus_feed in zip(config.feeds, site.corpus, strict=False):
            result = poll_feed(http, feed, config, FeedState(), 1000.0)
            if not corpus_feed.readable:
                if not (result.error and result.state.failures == 1):
                    problems.append((feed.name, "not refused", result.error))
                continue
            if result.error:
                problems.append((feed.name, result.error))
                continue
            for entry in result.entries:
                found[corpus_feed.path + entry.key] = _text(entry.hints.title, entry.hints.summary)
            for unreadable in result.unreadable:
                assert unreadable.reason
                found[f"{corpus_feed.path}#{unreadable.position}"] = _text(unreadable.hints.title, unreadable.hints.summary)
    everything = "\n".join(found.values())
    lost = [(feed.path, entry.marker) for feed, entry in expected_markers(site.corpus) if entry.marker not in everything]
    assert not problems and not lost, (problems, lost)


def test_entries_without_a_link_or_guid_get_a_key_from_what_they_say_and_keep_it(site):
    feed = next(f for f in site.corpus if f.family == "rss20-plain")
    config = FeedsConfig.model_validate(
        {"feeds": [{"name": "f", "url": f"{site.base}{feed.path}"}], "http": {"allow_private_hosts": ["127.0.0.1"]}}
    )
    with HttpClient(config.http) as http:
        first = poll_feed(http, config.feeds[0], config, FeedState(), 1000.0)
        again = poll_feed(http, config.feeds[0], config, FeedState(), 2000.0)
    keys = [entry.key for entry in first.entries]
    assert keys == [entry.key for entry in again.entries], "the same key on every poll"
    assert len(set(keys)) == len(keys) == 6, "six entries with content; the empty one is unreadable"
    assert [u.reason for u in first.unreadable] == ["entry has no link, id, title or summary: nothing to index"]
    by_marker = {entry.hints.title.split()[0] if entry.hints.title else entry.hints.summary.split()[0]: entry for entry in first.entries}
    assert by_marker[feed.entries[1].marker].key.startswith("sha256:") and by_marker[feed.entries[1].marker].link is None
    guid_only = by_marker[feed.entries[2].marker]
    assert guid_only.key == feed.entries[2].guid and guid_only.link is None, "a tag: guid is no page to fetch"


# -- watch ----------------------------------------------------------------------------------


def documents(es, alias: str) -> list[dict]:
    es.indices.refresh(index=alias)
    return [hit["_source"] for hit in es.search(index=alias, size=10_000, query={"match_all": {}})["hits"]["hits"]]


def assert_counters_account_for_every_entry(c: dict) -> None:
    assert (
        c["entries_seen"]
        == c["new_entries"] + c["updated_entries"] + c["unchanged_entries"] + c["unreadable_entries"] + c["entries_over_limit"]
    ), c
    assert c["new_entries"] + c["updated_entries"] == c["pages_fetched"] + c["feed_only"] + c["failed_entries"], c
    assert c["pages_fetched"] + c["feed_only"] == c["extracted"] + c["failed_extraction"], c
    assert c["extracted"] == c["created"] + c["updated"] + c["unchanged"] + c["failed_index"], c


@pytest.mark.timeout(150)
def test_watch_once_over_the_whole_corpus_accounts_for_every_entry(es, es_url, alias, site, tmp_path):
    corpus: list[CorpusFeed] = site.corpus
    assert any(feed.body == b"" for feed in corpus), "an empty-bodied feed among them"
    feeds, dlq = feeds_yaml(tmp_path, site, [feed.path for feed in corpus]), tmp_path / "dlq.jsonl"
    started = time.monotonic()
    run = newsbeam("watch", "--once", "--feeds", str(feeds), "--es-url", es_url, "--index", alias, "--dlq", str(dlq), "--json", timeout=140)
    took = time.monotonic() - started
    assert run.returncode in (0, 3), run.stderr[-3000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    counters = json.loads(run.stdout.strip().splitlines()[-1])
    assert counters["polls"] == len(corpus)
    assert counters["failed_polls"] == sum(1 for feed in corpus if not feed.readable)
    assert_counters_account_for_every_entry(counters)
    letters = [json.loads(line) for line in dlq.read_text().splitlines()] if dlq.exists() else []
    assert (
        len(letters)
        == counters["dead_lettered"]
        == (counters["unreadable_entries"] + counters["failed_entries"] + counters["failed_extraction"] + counters["failed_index"])
    )
    indexed = "\n".join(_text(doc.get("title"), doc.get("body"), doc.get("description")) for doc in documents(es, alias))
    lettered = "\n".join(json.dumps(letter, ensure_ascii=False) for letter in letters)
    lost = [
        (feed.path, entry.marker)
        for feed, entry in expected_markers(corpus)
        if entry.marker not in indexed and entry.marker not in lettered
    ]
    assert not lost, lost
    print(
        f"\nwatch --once over {len(corpus)} feeds: {counters['entries_seen']} entries, {counters['created']} indexed, "
        f"{counters['dead_lettered']} dead letters, {counters['failed_polls']} failed polls, {took:.1f}s"
    )


def test_an_empty_feed_first_does_not_stop_the_feeds_after_it(es, es_url, alias, tmp_path):
    server = FeedServer().start()
    try:
        server.bodies["/empty.xml"] = (b"", "application/rss+xml")
        server.responses["/busy.xml"] = (429, b"slow down", "text/plain", {"Retry-After": "120"})
        server.add("rss", "after-the-empty-one")
        feeds = feeds_yaml(tmp_path, server, ["/empty.xml", "/busy.xml", "/rss.xml"], fetch_pages=True)
        run = newsbeam(
            "watch",
            "--once",
            "--feeds",
            str(feeds),
            "--es-url",
            es_url,
            "--index",
            alias,
            "--dlq",
            str(tmp_path / "dlq.jsonl"),
            "--json",
            timeout=120,
        )
    finally:
        server.stop()
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    counters = json.loads(run.stdout.strip().splitlines()[-1])
    assert counters["polls"] == 3 and counters["failed_polls"] == 2 and counters["created"] == 1, counters
    assert "feed empty.xml: not a feed: empty response body (failure 1)\n" in run.stderr
    assert "feed busy.xml: HTTP 429 (Retry-After: 120, waits at least 2 min) (failure 1)\n" in run.stderr
    assert "next poll" not in run.stderr, "a run about to exit announces no next poll"
    assert [doc["url"] for doc in documents(es, alias)] == [server.url("after-the-empty-one")]


def test_once_exits_non_zero_when_every_feed_failed(es, es_url, alias, tmp_path):
    server = FeedServer().start()
    try:
        server.bodies["/empty.xml"] = (b"", "application/rss+xml")
        server.responses["/busy.xml"] = (429, b"slow down", "text/plain", {"Retry-After": "120"})
        feeds = feeds_yaml(tmp_path, server, ["/empty.xml", "/busy.xml"], fetch_pages=True)
        run = newsbeam(
            "watch",
            "--once",
            "--feeds",
            str(feeds),
            "--es-url",
            es_url,
            "--index",
            alias,
            "--dlq",
            str(tmp_path / "dlq.jsonl"),
            "--json",
            timeout=120,
        )
    finally:
        server.stop()
    assert run.returncode == 1, run.stderr[-3000:]
    assert "newsbeam watch: every feed failed (2 of 2)" in run.stderr and "Traceback" not in run.stderr
    assert json.loads(run.stdout.strip().splitlines()[-1])["failed_polls"] == 2, "the counters are printed all the same"


@pytest.mark.timeout(120)
def test_a_continuous_watch_outlives_an_empty_feed(es, es_url, alias, tmp_path, caplog):
    server = FeedServer().start()
    server.bodies["/empty.xml"] = (b"", "application/rss+xml")
    server.add("rss", "before")
    feeds = feeds_yaml(tmp_path, server, ["/empty.xml", "/rss.xml"], fetch_pages=True, interval=1)
    problems: list[BaseException] = []

    def play() -> None:
        try:
            for slug in ("before", "later"):
                if slug == "later":
                    server.add("rss", slug)
                deadline = time.monotonic() + 60
                while not (es.indices.exists_alias(name=alias) and any(doc["url"] == server.url(slug) for doc in documents(es, alias))):
                    assert time.monotonic() < deadline, f"{slug} not indexed"
                    time.sleep(0.2)
            deadline = time.monotonic() + 30
            while server.requests["/empty.xml"] < 2:  # backed off, polled again: the run goes on
                assert time.monotonic() < deadline, "the empty feed is not polled again"
                time.sleep(0.2)
        except BaseException as exc:
            problems.append(exc)
        finally:
            request_stop()

    player = threading.Thread(target=play, daemon=True)
    player.start()
    try:
        with caplog.at_level(logging.INFO, logger="pipelines.monitor"):
            summary = run_watch(
                load_feeds(feeds),
                es=ElasticsearchSettings(url=es_url),
                index=alias,
                dead_letter_path=str(tmp_path / "dlq.jsonl"),
                once=False,
                bulk=BulkOptions(retry_timeout=30),
            )
    finally:
        player.join(5)
        server.stop()
    if problems:
        raise problems[0]
    assert summary.counters["created"] == 2 and summary.counters["failed_polls"] >= 2, summary.counters
    assert "feed empty.xml: not a feed: empty response body (failure 1); next poll in" in caplog.text


def test_a_bug_on_one_feed_or_entry_is_a_failed_poll_or_a_dead_letter(es, es_url, alias, tmp_path, monkeypatch):
    import pipelines.monitor as monitor

    real_poll, real_document = monitor.poll_feed, monitor.entry_document

    def poll(client, feed, *args):
        if feed.name == "atom.xml":
            raise RuntimeError("a bug in polling")
        return real_poll(client, feed, *args)

    def document(entry, *args):
        if "cursed" in (entry.hints.title or ""):
            raise KeyError("a bug in one entry")
        return real_document(entry, *args)

    monkeypatch.setattr(monitor, "poll_feed", poll)
    monkeypatch.setattr(monitor, "entry_document", document)
    server = FeedServer().start()
    try:
        server.add("rss", "fine-story")
        server.add("rss", "cursed-story", title="The cursed story")
        server.add("atom", "never-polled")
        config = load_feeds(feeds_yaml(tmp_path, server, ["/rss.xml", "/atom.xml"], fetch_pages=True))
        summary = run_watch(
            config, es=ElasticsearchSettings(url=es_url), index=alias, dead_letter_path=str(tmp_path / "dlq.jsonl"), once=True
        )
    finally:
        server.stop()
    counters = summary.counters
    assert counters["polls"] == 2 and counters["failed_polls"] == 1
    assert counters["failed_entries"] == 1 and counters["created"] == 1 and counters["dead_lettered"] == 1, counters
    assert_counters_account_for_every_entry(counters)
    letter = json.loads((tmp_path / "dlq.jsonl").read_text())
    assert letter["reason"] == "entry not processed: unexpected KeyError: 'a bug in one entry'"
    assert letter["document"]["hints"]["title"] == "The cursed story", "nothing lost: the entry is in its dead letter"
