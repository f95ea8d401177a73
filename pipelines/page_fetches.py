"""The page fetches of watch's polls: started by every poll of a bundle, fetched at the same time, landing at its end.

Fetched one poll after another, one host's politeness delay held up every other feed. So a poll
only starts its pages here (`PageFetches.start`), a worker's pool fetches them at once (each host
still within its limits), and the step gives their outputs in `finish_bundle` (`PageFetches.land`).

Keyed state can be written only in `process`, so what a fetch did to its entry (fetched, or one
more failed attempt: an `Outcome`) reaches the feed's entry log at the feed's next tick: kept in
this worker's memory (`keep_outcomes`) under a token the poll wrote to the feed's keyed state,
and taken back with that token (`take_outcomes`; `pipelines.worker_state` says why that is safe).
When they are not there, the entries are still pending in the log and their pages are fetched
again on the next poll: an update in place, never a loss.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from apache_beam import pvalue
from apache_beam.transforms.window import BoundedWindow
from apache_beam.utils.timestamp import Timestamp
from apache_beam.utils.windowed_value import WindowedValue

from connectors.feeds.entry_log import EntryLog
from connectors.feeds.pages import fetch_page
from connectors.feeds.parsing import FeedEntry
from connectors.http import HostLimiter, HttpClient, HttpResponse
from connectors.robots import RobotsRules
from foundation.feed_settings import Feed
from pipelines.worker_state import WorkerState

PAGE_FETCHERS = 64
"""Pages fetched at the same time in a worker, across its feeds, at most (each host still within its
politeness limits). Many: most of them sit out their host's delay between requests, and a full pool
would hold up the pages of every other host behind them."""

# What the page fetches of a feed's last poll did to its entries, per (index, feed): key → done.
# Per process, not per DoFn instance, so that a runner's new instance finds them.
_outcomes: WorkerState[dict[str, bool]] = WorkerState()


class Attempts(Protocol):
    """Where an entry's page fetch is recorded: its feed's entry log, or the `Outcome` of a fetch in flight."""

    def page_attempted(self, key: str, *, done: bool) -> bool: ...

    def attempts(self, key: str) -> int: ...


class Outcome:
    """What a page fetch in flight did to its entry, answering as the entry log would (`EntryLog.page_attempted`),
    to be recorded in that log at the feed's next tick."""

    def __init__(self, attempts: int, gives_up: Callable[[int], bool]) -> None:
        """`gives_up`: the entry log's retry limit (`EntryLog.gives_up`), asked, not restated."""
        self.done = True
        self._attempts = attempts
        self._gives_up = gives_up

    def page_attempted(self, key: str, *, done: bool) -> bool:
        self.done = done
        self._attempts += 1
        return done or self._gives_up(self._attempts)

    def attempts(self, key: str) -> int:
        return self._attempts


@dataclass
class InFlight:
    """A page fetch a poll started, landing at the end of the bundle."""

    feed: Feed
    entry: FeedEntry
    outcome: Outcome
    page: Future[HttpResponse]
    token: str
    timestamp: Timestamp
    window: BoundedWindow

    def windowed(self, output: object) -> WindowedValue | pvalue.TaggedOutput:
        """An output of `process` as `finish_bundle` must give it: with the timestamp and window of the element that caused it."""
        if isinstance(output, pvalue.TaggedOutput):
            return pvalue.TaggedOutput(output.tag, WindowedValue(output.value, self.timestamp, (self.window,)))
        return WindowedValue(output, self.timestamp, (self.window,))


class PageFetches:
    """A worker's page fetchers and the fetches the polls of its current bundle started."""

    def __init__(self, client: HttpClient, limiter: HostLimiter, robots: RobotsRules | None) -> None:
        self._client = client
        self._limiter = limiter
        self._robots = robots
        self._pool = ThreadPoolExecutor(PAGE_FETCHERS, thread_name_prefix="watch-pages")
        self._in_flight: list[InFlight] = []

    def start(
        self, feed: Feed, entry: FeedEntry, link: str, entries: EntryLog, token: str, timestamp: Timestamp, window: BoundedWindow
    ) -> None:
        """Start fetching `link`, the page of `entry` (one of `entries`), for a poll whose fetches are under `token`."""
        page = self._pool.submit(fetch_page, self._client, self._limiter, self._robots, link)
        outcome = Outcome(entries.attempts(entry.key), entries.gives_up)
        self._in_flight.append(InFlight(feed, entry, outcome, page, token, timestamp, window))

    def pending(self, feed_name: str) -> bool:
        """Whether a fetch of the feed's pages started in this bundle has yet to land."""
        return any(flight.feed.name == feed_name for flight in self._in_flight)

    def drop(self) -> None:
        """Forget the fetches of a bundle that did not finish (its retry polls again)."""
        self._in_flight = []

    def land(self) -> Iterator[tuple[InFlight, HttpResponse | Exception]]:
        """Each fetch this bundle started, in order, with its page or what went wrong; none are in flight after."""
        in_flight, self._in_flight = self._in_flight, []
        for flight in in_flight:
            try:
                page: HttpResponse | Exception = flight.page.result()
            except Exception as exc:  # the page's failure, handled like any other
                page = exc
            yield flight, page

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def keep_outcomes(index: str, feed_name: str, token: str, outcomes: dict[str, bool]) -> None:
    """Keep what the feed's page fetches under `token` did (entry key → done) for its next tick."""
    _outcomes.keep((index, feed_name), token, outcomes)


def take_outcomes(index: str, feed_name: str, token: str) -> dict[str, bool] | None:
    """What the feed's page fetches under `token` did, or None when this worker does not know it."""
    return _outcomes.take((index, feed_name), token)


def record_outcomes(entries: EntryLog, outcomes: dict[str, bool]) -> None:
    """Tell the feed's entry log what its page fetches did."""
    for key, done in outcomes.items():
        entries.page_attempted(key, done=done)
