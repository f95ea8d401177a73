"""Everything after the sink, off the pipeline's threads: the watchlists (read again now and then),
matching, claiming and sending. The pipeline only offers the ids it indexed.

Why a thread of its own for matching too: a search and a bulk of claims, done in line, would
add their round trips to every bulk write. Here they overlap with the next writes.

Ids are matched once they have waited `settle_seconds` (1.2 s) after being offered: by then the
index's periodic refresh (every second by default) has normally made them searchable, so the
matcher need not refresh (see `matching.py`), and what the sink indexed meanwhile is matched in
the same batch: under load, about one search and one bulk of claims a second, whatever the
number of bulk batches.

Ids waiting to be matched are bounded (`max_pending`); past that, and for what is still waiting
when the run ends, the articles are dead-lettered as not matched: never a wait in the pipeline.

A watchlist Elasticsearch refuses to search, or that cannot be read, is named in one warning
(again only if the reason changes); the others go on.
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
from pipelines.alerts.matching import MATCHED_RESULTS, Matcher, MatchProblem
from pipelines.alerts.watchlists import Watchlist, WatchlistStore

log = logging.getLogger(__name__)

MAX_BATCH = 2000
"""Ids per search at most: when matching falls behind, bigger batches mean fewer searches."""
SETTLE_SECONDS = 1.2
"""How long an indexed id waits before it is matched: a little more than the default refresh interval."""


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
        settle_seconds: float = SETTLE_SECONDS,
    ) -> None:
        self._client = client
        self._index = index
        self._matcher = Matcher(client, index)
        self._settle_seconds = settle_seconds
        self._warned: dict[str, str] = {}
        self._ledger = AlertLedger(client, index)
        self._dispatcher = Dispatcher(self._ledger, dead_letter_path, policy)
        self._store = WatchlistStore(client, index)
        self._policy = policy
        self._reload_seconds = reload_seconds
        self._max_pending = max_pending
        self._watchlists: list[Watchlist] = []
        self._loaded_at = float("-inf")
        self._reload_failing = False
        self._pending: deque[tuple[float, tuple[str, IndexResult]]] = deque()
        self._ready = threading.Condition()
        self._draining = False
        self._closing = False
        self._busy = False
        self._thread = threading.Thread(target=self._run, name="alerts-matcher", daemon=True)
        self._thread.start()

    def offer(self, indexed: Sequence[tuple[str, IndexResult]]) -> None:
        """Queue what the sink indexed; only created and updated articles can give alerts."""
        wanted = [pair for pair in indexed if pair[1] in MATCHED_RESULTS]
        if not wanted:
            return
        now = time.monotonic()
        with self._ready:
            room = self._max_pending - len(self._pending)
            self._pending.extend((now, pair) for pair in wanted[: max(room, 0)])
            self._ready.notify()
        if len(wanted) > room:
            self._not_matched(wanted[max(room, 0) :], f"{self._max_pending} indexed articles already waiting to be matched")

    def close(self) -> None:
        """Match what is waiting (for up to the policy's drain time), then let the dispatcher drain."""
        deadline = time.monotonic() + self._policy.drain_seconds
        with self._ready:
            self._draining = True  # no more settling: the refresh, if needed, is the matcher's
            self._ready.notify_all()
            while (self._pending or self._busy) and time.monotonic() < deadline:
                self._ready.wait(0.1)
            self._closing = True
            left = [pair for _, pair in self._pending]
            self._pending.clear()
            self._ready.notify_all()
        self._thread.join(max(0.0, deadline - time.monotonic()))
        if left:
            self._not_matched(left, "not matched before the run ended")
        self._dispatcher.close()

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._closing and not self._settled():
                    self._ready.wait(self._until_settled())
                if self._closing:
                    return
                settled = time.monotonic() - self._settle_seconds
                batch: list[tuple[str, IndexResult]] = []
                while self._pending and len(batch) < MAX_BATCH and (self._draining or self._pending[0][0] <= settled):
                    batch.append(self._pending.popleft()[1])
                self._busy = True
            try:
                self._match(batch)
            finally:
                with self._ready:
                    self._busy = False
                    self._ready.notify_all()

    def _settled(self) -> bool:
        """Whether ids wait that are to be matched now (at the end of a run, all of them)."""
        return bool(self._pending) and (self._draining or self._until_settled() == 0)

    def _until_settled(self) -> float | None:
        """Seconds until the oldest pending id has settled (None: nothing pending)."""
        return max(0.0, self._pending[0][0] + self._settle_seconds - time.monotonic()) if self._pending else None

    def _match(self, batch: list[tuple[str, IndexResult]]) -> None:
        watchlists = self._current_watchlists()
        if not watchlists:
            return
        # At most once: what cannot be matched or claimed now is never sent.
        try:
            matched = self._matcher.match(watchlists, batch)
            self._warn(matched.problems, {watchlist.name for watchlist in watchlists})
            claimed = self._ledger.claim(matched.alerts)
        except Exception as exc:
            # After the drain time the run closes the client under a batch still being matched.
            ended = "not matched before the run ended: " if self._closing else ""
            self._not_matched(batch, f"{ended}{type(exc).__name__}: {exc}")
            return
        alerts = matched.alerts
        if alerts:
            log.info("alerts: %d matches in %d indexed articles, %d not notified before", len(alerts), len(batch), len(claimed))
        by_name = {watchlist.name: watchlist for watchlist in watchlists}
        for name in dict.fromkeys(alert.watchlist for alert in claimed):
            self._dispatcher.submit(by_name[name], [alert for alert in claimed if alert.watchlist == name])

    def _warn(self, problems: list[MatchProblem], names: set[str]) -> None:
        """One warning per reason for the watchlists that newly fail with it; a line when one works again."""
        failing = {problem.watchlist: problem.reason for problem in problems}
        for name in [name for name in self._warned if name not in failing]:
            if name in names:
                log.warning("watchlist %s: its search works again", name)
            del self._warned[name]
        by_reason: dict[str, list[str]] = {}
        for name, reason in failing.items():
            if self._warned.get(name) != reason:
                by_reason.setdefault(reason, []).append(name)
                self._warned[name] = reason
        for reason, failed in by_reason.items():
            log.warning(
                "watchlist%s %s: not matched, Elasticsearch refused the search (%s); the other watchlists go on",
                "s" if len(failed) > 1 else "",
                ", ".join(failed),
                reason,
            )

    def _current_watchlists(self) -> list[Watchlist]:
        """The watchlists, read again every `reload_seconds`, so that changes reach a running `watch`."""
        if time.monotonic() - self._loaded_at >= self._reload_seconds:
            try:
                self._watchlists = self._store.load()
            except Exception as exc:  # keep matching with the last list read
                level = logging.DEBUG if self._reload_failing else logging.WARNING  # warned once while it lasts
                log.log(level, "watchlists not reloaded (%s: %s); using the last %d read", type(exc).__name__, exc, len(self._watchlists))
                self._reload_failing = True
            else:
                if self._reload_failing:
                    log.warning("watchlists reloaded again: %d", len(self._watchlists))
                self._reload_failing = False
            self._loaded_at = time.monotonic()
        return self._watchlists

    def _not_matched(self, indexed: Sequence[tuple[str, IndexResult]], reason: str) -> None:
        log.warning("alerts: %d indexed articles not matched against the watchlists: %s", len(indexed), reason)
        self._dispatcher.not_matched([article_id for article_id, _ in indexed], reason)
