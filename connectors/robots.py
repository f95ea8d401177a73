"""robots.txt, honoured for article pages: fetched through the safe HTTP client, cached per host."""

from __future__ import annotations

import threading
import time
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from connectors.http import BlockedAddress, FetchError, HttpClient

USER_AGENT_TOKEN = "newsbeam"
_KEEP_SECONDS = 3600.0
_KEEP_FAILURE_SECONDS = 300.0


class RobotsDisallowed(FetchError):
    """robots.txt asks newsbeam not to fetch this page: not an error, and not retried."""

    def __init__(self, url: str) -> None:
        super().__init__(f"disallowed by robots.txt: {url}", retryable=False)


class RobotsUnavailable(FetchError):
    """robots.txt could not be read (5xx, timeout): the page waits for a later poll."""


class RobotsRules:
    """`allowed(url)`: what the site's robots.txt says for newsbeam; per process, kept an hour."""

    def __init__(self, client: HttpClient) -> None:
        self._client = client
        self._lock = threading.Lock()
        self._rules: dict[str, tuple[float, RobotFileParser | None]] = {}

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            cached = self._rules.get(origin)
        if cached is None or cached[0] < time.monotonic():
            cached = self._fetch(origin)
            with self._lock:
                self._rules[origin] = cached
        parser = cached[1]
        if parser is None:
            raise RobotsUnavailable(f"robots.txt of {origin} unavailable")
        return parser.can_fetch(USER_AGENT_TOKEN, url)

    def _fetch(self, origin: str) -> tuple[float, RobotFileParser | None]:
        parser = RobotFileParser(origin + "/robots.txt")
        try:
            response = self._client.get(origin + "/robots.txt")
        except BlockedAddress:
            raise
        except FetchError:
            return time.monotonic() + _KEEP_FAILURE_SECONDS, None
        # The conventions of urllib.robotparser.read(): 401/403 forbid everything, other 4xx allow it.
        if response.status in (401, 403):
            parser.disallow_all = True  # type: ignore[attr-defined]  # the flag read() sets; typeshed leaves it out
        elif 400 <= response.status < 500:
            parser.allow_all = True  # type: ignore[attr-defined]  # the flag read() sets; typeshed leaves it out
        elif response.status != 200:
            return time.monotonic() + _KEEP_FAILURE_SECONDS, None
        else:
            parser.parse(response.content.decode("utf-8", "replace").splitlines())
        return time.monotonic() + _KEEP_SECONDS, parser
