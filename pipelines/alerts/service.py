"""Everything after the sink, off the pipeline's threads: the watchlists (read again now and then),
matching, claiming and sending. The pipeline only offers the ids it indexed.

Why a thread of its own for matching too: a refresh, an `_msearch` of every watchlist and a bulk
of claims cost about what the bulk write itself costs, so done in line they would halve the sink's
throughput when many articles match. Here they overlap with the next writes, and ids that arrive
while a batch is being matched are matched together next (fewer refreshes under load).

Ids waiting to be matched are bounded (`max_pending`); past that, and for what is still waiting
when the run ends, the articles are dead-lettered as not matched: never a wait in the pipeline.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Sequence

from elasticsearch import Elasticsearch

from foundation.vocabulary import IndexResult
from pipelines.alerts.dispatch import DeliveryPolicy, Dispatcher
from pipelines.alerts.ledger import AlertLedger
from pipelines.alerts.matching import MATCHED_RESULTS, match
from pipelines.alerts.watchlists import Watchlist, WatchlistStore

log = logging.getLogger(__name__)

MAX_BATCH = 2000
"""Ids per `_msearch` at most: when matching falls behind, bigger batches mean fewer refreshes and searches."""


class AlertService:
    """Alerts for the articles of one news index; `offer` never blocks, `close` drains."""

    def __init__(
        self,
        client: Elasticsearch,
        index: str,
        dead_letter_path: str | None,
        policy: DeliveryPolicy = DeliveryPolicy(),
        reload_seconds: float = 10.0,
        max_pending: int = 50_000,
    ) -> None:
        self._client = client
        self._index = index
        self._ledger = AlertLedger(client, index)
        self._dispatcher = Dispatcher(self._ledger, dead_letter_path, policy)
        self._store = WatchlistStore(client, index)
        self._policy = policy
        self._reload_seconds = reload_seconds
        self._max_pending = max_pending
        self._watchlists: list[Watchlist] = []
        self._loaded_at = float("-inf")
        self._pending: deque[tuple[str, IndexResult]] = deque()
        self._ready = threading.Condition()
        self._closing = False
        self._busy = False
        self._thread = threading.Thread(target=self._run, name="alerts-matcher", daemon=True)
        self._thread.start()

    def offer(self, indexed: Sequence[tuple[str, IndexResult]]) -> None:
        """Queue what the sink indexed; only created and updated articles can give alerts."""
        wanted = [pair for pair in indexed if pair[1] in MATCHED_RESULTS]
        if not wanted:
            return
        with self._ready:
            room = self._max_pending - len(self._pending)
            self._pending.extend(wanted[: max(room, 0)])
            self._ready.notify()
        if len(wanted) > room:
            self._not_matched(wanted[max(room, 0) :], f"{self._max_pending} indexed articles already waiting to be matched")

    def close(self) -> None:
        """Match what is waiting (for up to the policy's drain time), then let the dispatcher drain."""
        deadline = time.monotonic() + self._policy.drain_seconds
        with self._ready:
            while (self._pending or self._busy) and time.monotonic() < deadline:
                self._ready.wait(0.1)
            self._closing = True
            left = list(self._pending)
            self._pending.clear()
            self._ready.notify_all()
        self._thread.join(max(0.0, deadline - time.monotonic()))
        if left:
            self._not_matched(left, "not matched before the run ended")
        self._dispatcher.close()

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._pending and not self._closing:
                    self._ready.wait()
                if self._closing:
                    return
                batch = [self._pending.popleft() for _ in range(min(MAX_BATCH, len(self._pending)))]
                self._busy = True
            try:
                self._match(batch)
            finally:
                with self._ready:
                    self._busy = False
                    self._ready.notify_all()

    def _match(self, batch: list[tuple[str, IndexResult]]) -> None:
        watchlists = self._current_watchlists()
        if not watchlists:
            return
        # At most once: what cannot be matched or claimed now is never sent.
        try:
            alerts, problems = match(self._client, self._index, watchlists, batch)
            for problem in problems:
                log.warning("watchlist %s: its search failed: %s", problem.watchlist, problem.reason)
            claimed = self._ledger.claim(alerts)
        except Exception as exc:
            self._not_matched(batch, f"{type(exc).__name__}: {exc}")
            return
        if alerts:
            log.info("alerts: %d matches in %d indexed articles, %d not notified before", len(alerts), len(batch), len(claimed))
        by_name = {watchlist.name: watchlist for watchlist in watchlists}
        for name in dict.fromkeys(alert.watchlist for alert in claimed):
            self._dispatcher.submit(by_name[name], [alert for alert in claimed if alert.watchlist == name])

    def _current_watchlists(self) -> list[Watchlist]:
        """The watchlists, read again every `reload_seconds`, so that changes reach a running `watch`."""
        if time.monotonic() - self._loaded_at >= self._reload_seconds:
            try:
                self._watchlists = self._store.load()
            except Exception as exc:  # keep matching with the last list read
                log.warning("watchlists not reloaded (%s: %s); using the last %d read", type(exc).__name__, exc, len(self._watchlists))
            self._loaded_at = time.monotonic()
        return self._watchlists

    def _not_matched(self, indexed: Sequence[tuple[str, IndexResult]], reason: str) -> None:
        log.warning("alerts: %d indexed articles not matched against the watchlists: %s", len(indexed), reason)
        self._dispatcher.not_matched([article_id for article_id, _ in indexed], reason)
