"""The safe HTTP client: timeouts, size cap, redirects, gzip, User-Agent, private addresses, robots.txt."""

from __future__ import annotations

import time

import pytest

from connectors.http import BlockedAddress, FetchError, HostLimiter, HttpClient, is_public_address
from connectors.robots import RobotsRules
from foundation.feed_settings import HttpSettings
from tests.support.feeds.server import FeedServer


@pytest.fixture(scope="module")
def server():
    site = FeedServer().start()
    site.slow_seconds = 1.5
    site.add("rss", "quay-opens")
    yield site
    site.stop()


def client(**overrides) -> HttpClient:
    settings = {"connect_timeout": 2, "read_timeout": 0.5, "deadline": 5, "allow_private_hosts": ("127.0.0.1",), **overrides}
    return HttpClient(HttpSettings(**settings))


def test_a_page_is_fetched_gzipped_with_a_newsbeam_user_agent(server):
    with client() as http:
        response = http.get(server.url("quay-opens"))
    assert response.status == 200
    assert b"<article>" in response.content, "gzip is decoded"
    assert any(agent.startswith("newsbeam/") for agent in server.user_agents)


def test_a_response_slower_than_the_read_timeout_fails_retryably(server):
    with client() as http, pytest.raises(FetchError, match="timed out") as failure:
        http.get(f"{server.base}/slow.xml")
    assert failure.value.retryable


def test_a_response_over_the_size_cap_is_refused(server):
    with client(max_bytes=1024 * 1024) as http, pytest.raises(FetchError, match="limit"):
        http.get(f"{server.base}/large")


def test_redirects_are_followed_up_to_the_limit(server):
    target = server.url("quay-opens")
    with client() as http:
        assert http.get(f"{server.base}/redirect?to={target}").url == target
    hops = f"{server.base}/redirect?to={server.base}/redirect?to={target}"
    with client(max_redirects=1) as http, pytest.raises(FetchError, match="redirects"):
        http.get(hops)


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "100.100.100.200", "::1", "fd00:ec2::254", "::ffff:127.0.0.1", "0.0.0.0"],
)
def test_private_loopback_and_metadata_addresses_are_not_public(address):
    assert not is_public_address(address)


def test_public_addresses_are_public():
    assert is_public_address("93.184.215.14") and is_public_address("2606:4700::1111")


def test_a_private_address_is_refused_unless_allow_listed(server):
    with client(allow_private_hosts=()) as http, pytest.raises(BlockedAddress, match="non-public"):
        http.get(server.url("quay-opens"))
    with client(allow_private_hosts=()) as http, pytest.raises(BlockedAddress):
        http.get("http://169.254.169.254/latest/meta-data/")


def test_a_redirect_to_a_private_host_is_refused(server):
    # 127.0.0.1 is allowed, `localhost` is not: the hop is checked, not only the first URL.
    target = server.url("quay-opens").replace("127.0.0.1", "localhost")
    with client() as http, pytest.raises(BlockedAddress, match="localhost"):
        http.get(f"{server.base}/redirect?to={target}")


def test_only_http_and_https_are_fetched(server):
    with client() as http:
        with pytest.raises(BlockedAddress, match="only http"):
            http.get("file:///etc/passwd")
        with pytest.raises(BlockedAddress, match="only http"):
            http.get(f"{server.base}/redirect?to=file:///etc/passwd")


def test_robots_txt_is_honoured_and_fetched_once_per_host(server):
    with client() as http:
        robots = RobotsRules(http)
        assert robots.allowed(server.url("quay-opens"))
        assert not robots.allowed(f"{server.base}/private/memo.html")
    assert server.requests["/robots.txt"] == 1


def test_the_host_limiter_spaces_requests_to_one_host():
    limiter = HostLimiter(max_concurrent=1, min_delay=0.2)
    started = time.monotonic()
    for _ in range(3):
        with limiter.slot("http://news.example/a"):
            pass
    with limiter.slot("http://other.example/a"):
        pass
    assert 0.4 <= time.monotonic() - started < 0.6
