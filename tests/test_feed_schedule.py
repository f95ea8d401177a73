"""When a feed is polled next, and why: the configured interval, or with `polling.adaptive` the
feed's own publishing rate within bounds, on top of ttl, backoff and Retry-After."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from connectors.feeds.polling import FeedState, describe_next_poll, poll_feed
from connectors.http import HttpClient
from foundation.config_files import ConfigError
from foundation.feed_settings import FeedsConfig, load_feeds
from tests.support.feeds.server import FeedServer

NOW = 1_700_000_000.0


@pytest.fixture
def server():
    site = FeedServer().start()
    yield site
    site.stop()


def rss(ages: list[float | None], ttl: int | None = None) -> bytes:
    """An RSS feed whose items were published `ages` seconds before NOW (None: undated)."""
    items = "".join(
        f"<item><guid>item-{n}</guid><title>Item {n}</title>"
        + (f"<pubDate>{format_datetime(datetime.fromtimestamp(NOW - age, UTC))}</pubDate>" if age is not None else "")
        + "</item>"
        for n, age in enumerate(ages)
    )
    channel_ttl = f"<ttl>{ttl}</ttl>" if ttl else ""
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{channel_ttl}{items}</channel></rss>'.encode()


def config_for(server: FeedServer, path: str, *, interval: float | None = None, **polling) -> FeedsConfig:
    feed = {"name": "f", "url": f"{server.base}{path}", **({"interval": interval} if interval else {})}
    return FeedsConfig.model_validate(
        {
            "feeds": [feed],
            "http": {"read_timeout": 2, "allow_private_hosts": ["127.0.0.1"]},
            "polling": {"interval": 900, "max_backoff": 3600, **polling},
        }
    )


def poll(server: FeedServer, body: bytes, *, state: FeedState = FeedState(), now: float = NOW, interval: float | None = None, **polling):
    server.bodies["/feed.xml"] = (body, "application/rss+xml")
    return poll_config(config_for(server, "/feed.xml", interval=interval, **polling), state, now)


def poll_config(config: FeedsConfig, state: FeedState = FeedState(), now: float = NOW):
    with HttpClient(config.http) as http:
        return poll_feed(http, config.feeds[0], config, state, now)


def test_without_adaptive_polling_the_configured_interval_holds(server):
    result = poll(server, rss([60 * n for n in range(1, 30)]))
    assert result.state.next_due == NOW + 900 and result.state.schedule == "interval"


def test_a_busy_feed_is_polled_as_often_as_it_publishes_within_the_bounds(server):
    every_ten_minutes = poll(server, rss([600 * n for n in range(1, 7)]), adaptive=True)
    assert every_ten_minutes.state.next_due == NOW + 600
    assert describe_next_poll(every_ten_minutes.state, NOW) == "in 10 min, at 22:23:20 UTC (publishes about every 10 min)"
    every_minute = poll(server, rss([60 * n for n in range(1, 30)]), adaptive=True, min_interval=300)
    assert every_minute.state.next_due == NOW + 300, "never more often than polling.min_interval"


def test_a_quiet_feed_is_polled_at_the_upper_bound_and_an_undated_one_at_its_interval(server):
    quiet = poll(server, rss([30 * 86400, 40 * 86400]), adaptive=True, max_interval=43200)
    assert quiet.state.next_due == NOW + 43200 and quiet.state.schedule == "nothing published this week"
    undated = poll(server, rss([None, None]), adaptive=True)
    assert undated.state.next_due == NOW + 900 and "undated" in undated.state.schedule


def test_a_feeds_own_interval_and_ttl_still_rule(server):
    fixed = poll(server, rss([60 * n for n in range(1, 30)]), interval=120, adaptive=True)
    assert fixed.state.next_due == NOW + 120, "an interval set for the feed is kept as it is"
    ttl = poll(server, rss([600 * n for n in range(1, 7)], ttl=60), adaptive=True)
    assert ttl.state.next_due == NOW + 3600 and ttl.state.schedule == "the feed's ttl"


def test_a_304_keeps_the_adapted_interval(server):
    first = poll(server, rss([600 * n for n in range(1, 7)]), adaptive=True)
    server.responses["/unchanged.xml"] = (304, b"", None, {})
    again = poll_config(config_for(server, "/unchanged.xml", adaptive=True), first.state, NOW + 600)
    assert again.status == 304 and again.state.next_due == NOW + 1200 and again.state.schedule.startswith("publishes")
    server.responses["/down.xml"] = (500, b"down", "text/plain", {})
    failed = poll_config(config_for(server, "/down.xml", adaptive=True), again.state, NOW + 1200)
    recovered = poll_config(config_for(server, "/unchanged.xml", adaptive=True), failed.state, NOW + 3000)
    assert failed.state.schedule.startswith("backing off") and recovered.state.schedule.startswith("publishes about every 10 min")


def test_failures_say_they_back_off(server):
    server.responses["/down.xml"] = (500, b"down", "text/plain", {})
    config = config_for(server, "/down.xml", interval=60)
    once = poll_config(config)
    twice = poll_config(config, once.state)
    assert once.state.schedule == "backing off after 1 failure" and twice.state.schedule == "backing off after 2 failures"
    assert twice.state.next_due - NOW == 240


def test_bounds_out_of_order_are_refused(tmp_path):
    path = tmp_path / "feeds.yaml"
    path.write_text("feeds: [{name: f, url: 'https://example.org/feed'}]\npolling: {min_interval: 600, max_interval: 60}\n")
    with pytest.raises(ConfigError, match="min_interval must not be above max_interval"):
        load_feeds(path)
