"""Watchlists and alerts against the real local node, a real webhook receiver that checks each
signature and a real SMTP server with STARTTLS and AUTH (tests/support/receivers.py)."""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path

import apache_beam as beam
import pytest
import yaml
from elasticsearch import Elasticsearch

from connectors.elasticsearch.bulk import BulkIndexer, BulkOptions
from connectors.elasticsearch.index import concrete_index, ensure_index
from connectors.elasticsearch.sink import INDEXED, WriteToElasticsearch
from connectors.notifiers.email import EmailConfig
from connectors.notifiers.webhook import WebhookConfig, signature
from foundation.feed_settings import load_feeds
from foundation.records import Article, Extraction
from foundation.settings import ElasticsearchSettings
from foundation.vocabulary import ExtractionMethod, IndexResult
from pipelines.alerts.dispatch import DeliveryPolicy, Dispatcher
from pipelines.alerts.ledger import Alert, alerts_index
from pipelines.alerts.transform import NotifyWatchlists
from pipelines.alerts.watchlists import Watchlist, WatchlistStore
from pipelines.cli import main
from pipelines.monitor import request_stop, run_watch
from pipelines.runners import make_runner
from tests.support.cli import replay
from tests.support.feeds.server import FeedServer
from tests.support.receivers import SmtpServer, WebhookReceiver
from tests.support.runners import PRISM, needs_prism

SECRET = "hook-secret-123"
FAST = DeliveryPolicy(attempts=3, initial_backoff=0.1, max_backoff=0.2, drain_seconds=10)


@pytest.fixture
def alias(es: Elasticsearch):
    name = f"test-alerts-{uuid.uuid4().hex[:8]}"
    yield name
    for index in es.indices.get(
        index=f"{name}-v*,{name}-watchlists,{name}-alerts,{name}-feed-state", allow_no_indices=True, ignore_unavailable=True
    ):
        es.indices.delete(index=index)
    es.options(ignore_status=404).indices.delete_index_template(name=f"newsbeam-{name}")


@pytest.fixture
def hook():
    receiver = WebhookReceiver(SECRET).start()
    yield receiver
    receiver.stop()


@pytest.fixture(scope="module")
def smtp(tmp_path_factory):
    server = SmtpServer(tmp_path_factory.mktemp("smtp")).start()
    yield server
    server.stop()


def article(slug: str, title: str, body: str, publisher: str = "Harbour Herald") -> Article:
    return Article(
        id=f"id-{slug}",
        title=title,
        body=body,
        source=f"test#{slug}",
        content_hash=f"hash-{body}",
        extraction=Extraction(ExtractionMethod.TEXT),
        url=f"https://news.example/{slug}",
        publisher=publisher,
        language="en",
    )


STRIKE = article("strike", "Dock workers strike in Harbourton", "Dock workers walked out on Tuesday over shift patterns at the port.")
FESTIVAL = article("festival", "Folk festival returns", "The town's folk festival returns in June with twelve bands on the quay.")


def index_and_alert(es_url: str, alias: str, articles: list[Article], dlq: Path, policy: DeliveryPolicy = FAST) -> float:
    """The sink and the alert step, as replay and watch chain them; returns the run's seconds."""
    settings = ElasticsearchSettings(url=es_url)
    started = time.monotonic()
    with beam.Pipeline(runner=make_runner("DirectRunner")) as pipeline:
        written = pipeline | beam.Create(articles) | WriteToElasticsearch(settings, alias, BulkOptions(retry_timeout=10))
        written[INDEXED] | NotifyWatchlists(settings, alias, str(dlq), policy, reload_seconds=0)
    return time.monotonic() - started


def add_watchlists(es: Elasticsearch, alias: str, *watchlists: Watchlist) -> None:
    ensure_index(es, alias)
    store = WatchlistStore(es, alias)
    for watchlist in watchlists:
        store.add(watchlist)


def alert_documents(es: Elasticsearch, alias: str) -> list[dict]:
    es.indices.refresh(index=alerts_index(alias))
    return [hit["_source"] for hit in es.search(index=alerts_index(alias), size=100)["hits"]["hits"]]


def wait_for(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "not within the time allowed"
        time.sleep(0.05)


def test_a_matching_article_is_notified_once_by_webhook_and_email_and_a_restart_does_not_repeat_it(es, es_url, alias, hook, smtp, tmp_path):
    email = EmailConfig(
        host="127.0.0.1",
        port=smtp.port,
        username=smtp.username,
        password=smtp.password,
        sender="newsbeam@example.org",
        recipients=["desk@example.org"],
        ca_certs=smtp.cert,
    )
    add_watchlists(
        es,
        alias,
        Watchlist(name="port strikes", query="dock AND strike", notifiers=(WebhookConfig(url=hook.url, secret=SECRET), email)),
        Watchlist(name="volcanoes", query="volcano", notifiers=(WebhookConfig(url=hook.url, secret=SECRET),)),
    )
    dlq = tmp_path / "dlq.jsonl"
    index_and_alert(es_url, alias, [STRIKE, FESTIVAL], dlq)

    assert [len(d.payload["alerts"]) for d in hook.deliveries] == [1], "one message, for the one match"
    delivery = hook.deliveries[0]
    assert delivery.valid and delivery.signature == signature(delivery.body, SECRET)
    payload = delivery.payload
    assert payload["watchlist"] == "port strikes" and payload["alerts"][0]["article_id"] == STRIKE.id
    assert payload["text"] == "*port strikes*: <https://news.example/strike|Dock workers strike in Harbourton> (Harbour Herald)"
    (message,) = smtp.messages
    assert message["Subject"] == "[newsbeam] port strikes: Dock workers strike in Harbourton"
    assert "https://news.example/strike" in message.get_payload()
    assert smtp.logins == [("LOGIN", True)] or smtp.logins == [("PLAIN", True)]
    (recorded,) = alert_documents(es, alias)
    assert recorded["status"] == "sent" and recorded["watchlist"] == "port strikes" and recorded["url"] == STRIKE.url
    assert recorded["matched_at"] <= recorded["notified_at"]
    assert not (tmp_path / "alert-dead-letters.jsonl").exists()

    # A restart that sees the same articles as new (the news index lost them, a replay into it)
    # matches them again; the alerts index says they were notified, so nothing is sent.
    es.indices.delete(index=concrete_index(alias))
    ensure_index(es, alias)
    index_and_alert(es_url, alias, [STRIKE, FESTIVAL], dlq)
    assert len(hook.deliveries) == 1 and len(smtp.messages) == 1
    assert len(alert_documents(es, alias)) == 1


def test_an_update_is_notified_only_to_watchlists_that_ask_for_updates(es, es_url, alias, hook, tmp_path):
    add_watchlists(
        es,
        alias,
        Watchlist(name="new only", query="strike", notifiers=(WebhookConfig(url=hook.url, secret=SECRET),)),
        Watchlist(name="with updates", query="strike", updates=True, notifiers=(WebhookConfig(url=hook.url, secret=SECRET),)),
    )
    dlq = tmp_path / "dlq.jsonl"
    index_and_alert(es_url, alias, [STRIKE], dlq)
    changed = article("strike", STRIKE.title or "", STRIKE.body + " The union said talks would resume on Friday.")
    index_and_alert(es_url, alias, [changed], dlq)
    index_and_alert(es_url, alias, [changed], dlq)  # unchanged: nothing
    received = [(d.payload["watchlist"], d.payload["alerts"][0]["result"]) for d in hook.deliveries]
    assert sorted(received) == [("new only", "created"), ("with updates", "created"), ("with updates", "updated")]
    assert "(Harbour Herald, updated)" in hook.deliveries[-1].payload["text"]


def test_filters_publishers_tags_and_languages_restrict_a_watchlist(es, es_url, alias, hook, tmp_path):
    webhook = (WebhookConfig(url=hook.url, secret=SECRET),)
    add_watchlists(
        es,
        alias,
        Watchlist(name="herald", publishers=("harbour herald",), notifiers=webhook),
        Watchlist(name="german", languages=("de",), notifiers=webhook),
    )
    index_and_alert(
        es_url, alias, [STRIKE, article("other", "Strike", "A strike elsewhere.", publisher="Other Times")], tmp_path / "d.jsonl"
    )
    assert [(d.payload["watchlist"], d.payload["alerts"][0]["article_id"]) for d in hook.deliveries] == [("herald", STRIKE.id)]


def test_a_failing_notifier_is_retried_then_dead_lettered_and_recorded(es, es_url, alias, hook, tmp_path):
    hook.fail_first = 2
    add_watchlists(es, alias, Watchlist(name="recovers", query="strike", notifiers=(WebhookConfig(url=hook.url, secret=SECRET),)))
    index_and_alert(es_url, alias, [STRIKE], tmp_path / "dlq.jsonl")
    assert hook.refused == 2 and len(hook.deliveries) == 1, "two 503s, then delivered on the third try"

    hook.fail_always, hook.refused = True, 0
    add_watchlists(es, alias, Watchlist(name="down", query="festival", notifiers=(WebhookConfig(url=hook.url, secret=SECRET),)))
    index_and_alert(es_url, alias, [FESTIVAL], tmp_path / "dlq.jsonl")
    assert hook.refused == FAST.attempts
    (letter,) = [json.loads(line) for line in (tmp_path / "alert-dead-letters.jsonl").read_text().splitlines()]
    assert letter["stage"] == "notify" and letter["source"] == f"down#{FESTIVAL.id}"
    assert letter["reason"] == "webhook 127.0.0.1 answered HTTP 503 after 3 attempts"
    statuses = {doc["watchlist"]: doc["status"] for doc in alert_documents(es, alias)}
    assert statuses == {"recovers": "sent", "down": "failed"}
    assert SECRET not in (tmp_path / "alert-dead-letters.jsonl").read_text()


def test_a_notifier_that_hangs_does_not_slow_indexing(es, es_url, alias, hook, tmp_path):
    hook.delay, hook.fail_always = 3.0, True
    add_watchlists(es, alias, Watchlist(name="slow", query="", notifiers=(WebhookConfig(url=hook.url, secret=SECRET, timeout=1),)))
    articles = [article(f"story-{n}", f"Story {n}", f"Body of story number {n} about the harbour.") for n in range(200)]
    policy = DeliveryPolicy(attempts=2, initial_backoff=0.1, drain_seconds=1)
    elapsed = index_and_alert(es_url, alias, articles, tmp_path / "dlq.jsonl", policy)
    assert es.count(index=alias)["count"] == 200
    # 200 messages at 2 tries of 1 s each would take 400 s in line; the run ends after its drain
    # second, everything not sent dead-lettered.
    assert elapsed < 30, elapsed
    dead_letters = tmp_path / "alert-dead-letters.jsonl"
    # Every alert is dead-lettered: the few tried (the one in flight at the end, a little later) and the rest unsent.
    # (The runner tears the step down, which drains it, a moment after the pipeline returns.)
    wait_for(lambda: dead_letters.exists() and len(dead_letters.read_text().splitlines()) == 200, timeout=20)
    # Unsent, or (matching had not finished within the drain second) not even matched.
    assert sum("before the run ended" in line for line in dead_letters.read_text().splitlines()) >= 190


def cli(capsys, es_url: str, alias: str, *args: str) -> tuple[int, str]:
    code = main(["watchlist", *args, "--es-url", es_url, "--index", alias])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_the_cli_adds_lists_tests_and_removes_watchlists_and_never_shows_a_stored_secret(es, es_url, alias, hook, capsys, monkeypatch):
    ensure_index(es, alias)
    list(BulkIndexer(es, alias).write([STRIKE, FESTIVAL]))
    es.indices.refresh(index=alias)
    monkeypatch.setenv("HOOK_SECRET", SECRET)
    code, out = cli(
        capsys, es_url, alias, "add", "ports", "--query", "strike", "--webhook", hook.url, "--webhook-secret-env", "HOOK_SECRET"
    )
    assert code == 0 and SECRET not in out, out
    code, out = cli(capsys, es_url, alias, "add", "ports", "--query", "strike")
    assert code == 2 and "exists" in out
    code, out = cli(capsys, es_url, alias, "add", "bad name!", "--query", "x")
    assert code == 2 and "invalid watchlist: name" in out

    code, out = cli(capsys, es_url, alias, "add", "festivals", "--query", "festival", "--webhook", hook.url)
    (generated,) = [line.rsplit(" ", 1)[1] for line in out.splitlines() if "secret" in line]
    assert code == 0 and len(generated) == 64, "a new secret, shown once"

    code, out = cli(capsys, es_url, alias, "list")
    assert code == 0 and "ports" in out and "festivals" in out and "(signed)" in out
    code, out = cli(capsys, es_url, alias, "list", "--json")
    assert SECRET not in out and generated not in out
    assert json.loads(out.splitlines()[1])["notifiers"][0]["secret"] == "**********"

    code, out = cli(capsys, es_url, alias, "test", "ports")
    assert code == 0 and "1 match indexed now" in out and "would be sent" in out and "Dock workers strike" in out
    assert not hook.deliveries, "nothing is sent without --send"
    code, out = cli(capsys, es_url, alias, "test", "ports", "--send")
    assert code == 0 and "(sent)" in out
    assert len(hook.deliveries) == 1 and hook.deliveries[0].valid
    code, out = cli(capsys, es_url, alias, "test", "ports", "--send", "--json")
    assert json.loads(out)["matches"][0]["already_notified"] is True and len(hook.deliveries) == 1

    assert cli(capsys, es_url, alias, "remove", "ports")[0] == 0
    code, out = cli(capsys, es_url, alias, "remove", "ports")
    assert code == 2 and "no watchlist named 'ports'" in out


def test_watch_notifies_a_new_matching_entry_within_the_poll_interval_and_a_restart_does_not_repeat_it(es, es_url, alias, hook, tmp_path):
    site = FeedServer().start()
    interval = 2.0
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        yaml.safe_dump(
            {
                "feeds": [{"name": "rss", "url": f"{site.base}/rss.xml", "interval": interval}],
                "http": {"read_timeout": 1.0, "deadline": 5, "allow_private_hosts": ["127.0.0.1"]},
                "politeness": {"min_delay_per_host": 0},
                "polling": {"tick": 0.3},
            }
        ),
        encoding="utf-8",
    )
    add_watchlists(es, alias, Watchlist(name="ferries", query="ferry", notifiers=(WebhookConfig(url=hook.url, secret=SECRET),)))
    site.add("rss", "old-ferry-news", title="Old ferry timetable")
    latencies: list[float] = []
    problems: list[BaseException] = []

    def play() -> None:
        try:
            wait_for(lambda: len(hook.deliveries) == 1, 60)
            for slug, title in (("ferry-strike", "Ferry crews strike"), ("bakery-opens", "Bakery opens on the quay")):
                published = time.time()
                site.add("rss", slug, title=title)
                if "ferry" in slug:
                    wait_for(lambda: len(hook.deliveries) == 2, interval + 10)
                    latencies.append(hook.deliveries[-1].received_at - published)
            time.sleep(interval * 2)  # the bakery story indexed, never notified
        except BaseException as exc:  # re-raised in the main thread
            problems.append(exc)
        finally:
            request_stop()

    def watch() -> None:
        run_watch(
            load_feeds(feeds),
            es=ElasticsearchSettings(url=es_url),
            index=alias,
            dead_letter_path=str(tmp_path / "dlq.jsonl"),
            once=False,
            bulk=BulkOptions(retry_timeout=30),
        )

    try:
        player = threading.Thread(target=play, daemon=True)
        player.start()
        watch()
        player.join(5)
        if problems:
            raise problems[0]
        assert [d.payload["alerts"][0]["title"] for d in hook.deliveries] == ["Old ferry timetable", "Ferry crews strike"]
        assert all(d.valid for d in hook.deliveries)
        assert latencies[0] < interval + 5, latencies

        # A restart forgets the feed's state (as after a crash before it was saved): every entry is
        # fetched and indexed again as new, and the alerts index keeps them from being notified twice.
        es.indices.delete(index=f"{alias}-feed-state")
        es.indices.delete(index=concrete_index(alias))
        main(["watch", "--feeds", str(feeds), "--once", "--es-url", es_url, "--index", alias, "--dlq", str(tmp_path / "dlq.jsonl")])
        assert es.count(index=alias)["count"] == 3
        assert len(hook.deliveries) == 2
    finally:
        site.stop()


def test_replay_notifies_only_with_the_alerts_flag(es, es_url, alias, hook, capsys, tmp_path):
    add_watchlists(es, alias, Watchlist(name="ferries", query="ferry", notifiers=(WebhookConfig(url=hook.url, secret=SECRET),)))
    folder = tmp_path / "archive"
    folder.mkdir()
    text = "Ferry crews strike in Harbourton\n\n" + " ".join(["The ferry crews walked out on Tuesday over pay and shift patterns."] * 5)
    (folder / "stories.jsonl").write_text(json.dumps({"url": "https://news.example/ferry", "text": text}) + "\n")
    code, summary = replay(capsys, es_url, alias, str(folder), "--dlq", str(tmp_path / "dlq.jsonl"))
    assert code == 0 and summary["created"] == 1 and not hook.deliveries, "off by default"

    es.indices.delete(index=concrete_index(alias))
    code, summary = replay(capsys, es_url, alias, str(folder), "--dlq", str(tmp_path / "dlq.jsonl"), "--alerts")
    assert code == 0 and summary["created"] == 1
    assert [d.payload["alerts"][0]["url"] for d in hook.deliveries] == ["https://news.example/ferry"], "sent before replay returns"


def test_a_digest_collects_the_matches_into_one_message_per_period(hook):
    watchlist = Watchlist(name="digest", digest_minutes=0.02, notifiers=(WebhookConfig(url=hook.url, secret=SECRET),))
    dispatcher = Dispatcher(None, None, FAST)
    alerts = [
        Alert("digest", f"id-{n}", f"Story {n}", f"https://news.example/{n}", None, None, "2024-06-03T09:30:00Z", IndexResult.CREATED)
        for n in range(3)
    ]
    try:
        dispatcher.submit(watchlist, alerts[:2])
        dispatcher.submit(watchlist, alerts[2:])
        time.sleep(0.5)
        assert not hook.deliveries, "nothing before the period ends"
        wait_for(lambda: len(hook.deliveries) == 1, timeout=5)
        dispatcher.submit(watchlist, [replace(alerts[0], article_id="id-late")])
    finally:
        dispatcher.close()
    assert [len(d.payload["alerts"]) for d in hook.deliveries] == [3, 1], "the period's three, then what was left at close"
    assert hook.deliveries[0].payload["text"].startswith("*digest*: 3 new articles\n• <https://news.example/0|Story 0>")


def test_a_refused_smtp_login_is_not_retried_and_is_dead_lettered_without_the_password(smtp, tmp_path):
    wrong = "not-the-password"
    email = EmailConfig(
        host="127.0.0.1",
        port=smtp.port,
        username=smtp.username,
        password=wrong,
        sender="n@example.org",
        recipients=["d@example.org"],
        ca_certs=smtp.cert,
    )
    dead_letters = tmp_path / "alert-dead-letters.jsonl"
    dispatcher = Dispatcher(None, str(dead_letters), FAST)
    alert = Alert("mail", "id-1", "Story", "https://news.example/1", None, None, "2024-06-03T09:30:00Z", IndexResult.CREATED)
    logins = len(smtp.logins)
    try:
        dispatcher.submit(Watchlist(name="mail", notifiers=(email,)), [alert])
    finally:
        dispatcher.close()
    assert smtp.logins[logins:] in ([("LOGIN", False)], [("PLAIN", False)]), "one try: another would be refused the same way"
    (letter,) = [json.loads(line) for line in dead_letters.read_text().splitlines()]
    assert letter["reason"] == f"email via 127.0.0.1:{smtp.port}: login refused (535) after 1 attempt"
    assert wrong not in dead_letters.read_text()


@pytest.mark.prism
@needs_prism
def test_replay_alerts_on_prism(es, es_url, alias, hook, capsys, tmp_path):
    add_watchlists(es, alias, Watchlist(name="ferries", query="ferry", notifiers=(WebhookConfig(url=hook.url, secret=SECRET),)))
    folder = tmp_path / "archive"
    folder.mkdir()
    text = "Ferry crews strike in Harbourton\n\n" + " ".join(["The ferry crews walked out on Tuesday over pay and shift patterns."] * 5)
    (folder / "stories.jsonl").write_text(json.dumps({"url": "https://news.example/ferry", "text": text}) + "\n")
    args = ["--dlq", str(tmp_path / "dlq.jsonl"), "--alerts", "--runner", "PrismRunner", f"--prism_location={PRISM}"]
    code = main(["replay", "--es-url", es_url, "--index", alias, "--json", str(folder), *args])
    captured = capsys.readouterr()
    assert code == 0 and json.loads(captured.out.splitlines()[-1])["created"] == 1, captured.err[-3000:]
    # Prism's in-process workers tear the alerts' step down after the job is reported done.
    assert [d.payload["alerts"][0]["url"] for d in hook.deliveries] == ["https://news.example/ferry"], "sent before replay returns"
    assert hook.deliveries[0].valid
