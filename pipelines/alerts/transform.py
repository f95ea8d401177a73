"""`NotifyWatchlists`: the Beam step after the sink that turns indexed articles into alerts.

Thin: it buffers the sink's `(id, IndexResult)` pairs per bundle (the sink emits a whole bulk
batch at once), then per batch matches, claims and queues (`pipelines.alerts`). Sending happens on
the dispatcher's threads, so a slow or dead notifier costs the pipeline nothing. Runner-agnostic:
no state, timers or side inputs; each worker process shares one dispatcher between its DoFn
instances and drains it when the last of them is torn down.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from typing import ClassVar

import apache_beam as beam

from connectors.elasticsearch.client import make_client
from foundation.metrics import counter
from foundation.settings import ElasticsearchSettings
from foundation.vocabulary import IndexResult
from pipelines.alerts.dispatch import DeliveryPolicy, Dispatcher, alert_dead_letter_path
from pipelines.alerts.ledger import AlertLedger
from pipelines.alerts.matching import MATCHED_RESULTS, match
from pipelines.alerts.watchlists import Watchlist, WatchlistStore

log = logging.getLogger(__name__)

MAX_BATCH = 500
"""Ids per `_msearch` (the sink's default bulk size)."""


class NotifyWatchlists(beam.PTransform):
    """The sink's `indexed` output in; nothing out. Alerts for every watchlist of the index `index`."""

    def __init__(
        self,
        es: ElasticsearchSettings,
        index: str,
        dead_letter_path: str,
        policy: DeliveryPolicy = DeliveryPolicy(),
        reload_seconds: float = 10.0,
    ) -> None:
        super().__init__()
        self._fn = _MatchFn(es, index, alert_dead_letter_path(dead_letter_path), policy, reload_seconds)

    def expand(self, indexed: beam.PCollection[tuple[str, IndexResult]]) -> beam.PCollection[None]:
        return indexed | "MatchWatchlists" >> beam.ParDo(self._fn)


class _Shared:
    """The client, ledger and dispatcher of one (settings, index, dead-letter file) in this process."""

    _lock: ClassVar[threading.Lock] = threading.Lock()
    _instances: ClassVar[dict[tuple[str, str, str], _Shared]] = {}

    def __init__(self, es: ElasticsearchSettings, index: str, dead_letter_path: str, policy: DeliveryPolicy) -> None:
        self.client = make_client(es)
        self.ledger = AlertLedger(self.client, index)
        self.dispatcher = Dispatcher(self.ledger, dead_letter_path, policy)
        self.store = WatchlistStore(self.client, index)
        self.users = 0
        self.watchlists: list[Watchlist] = []
        self.loaded_at = float("-inf")

    @classmethod
    def acquire(cls, es: ElasticsearchSettings, index: str, dead_letter_path: str, policy: DeliveryPolicy) -> _Shared:
        key = (es.model_dump_json(), index, dead_letter_path)
        with cls._lock:
            shared = cls._instances.get(key)
            if shared is None:
                shared = cls._instances[key] = cls(es, index, dead_letter_path, policy)
            shared.users += 1
            return shared

    def release(self) -> None:
        with self._lock:
            self.users -= 1
            if self.users:
                return
            self._instances.pop(next(key for key, value in self._instances.items() if value is self))
        self.dispatcher.close()
        self.client.close()

    def current_watchlists(self, reload_seconds: float) -> list[Watchlist]:
        """The watchlists, read again every `reload_seconds` so that changes reach a running `watch`."""
        with self._lock:
            if time.monotonic() - self.loaded_at >= reload_seconds:
                try:
                    self.watchlists = self.store.load()
                except Exception as exc:  # keep matching with the last list read
                    log.warning("watchlists not reloaded (%s: %s); using the last %d read", type(exc).__name__, exc, len(self.watchlists))
                self.loaded_at = time.monotonic()
            return self.watchlists


class _MatchFn(beam.DoFn):
    def __init__(self, es: ElasticsearchSettings, index: str, dead_letter_path: str, policy: DeliveryPolicy, reload_seconds: float) -> None:
        self._es = es
        self._index = index
        self._dead_letter_path = dead_letter_path
        self._policy = policy
        self._reload_seconds = reload_seconds
        self._matched = counter("alerts_matched")
        self._queued = counter("alerts_queued")
        self._repeated = counter("alerts_already_sent")

    def setup(self) -> None:
        self._shared = _Shared.acquire(self._es, self._index, self._dead_letter_path, self._policy)

    def start_bundle(self) -> None:
        self._batch: list[tuple[str, IndexResult]] = []

    def process(self, element: tuple[str, IndexResult]) -> Iterator[None]:
        if element[1] in MATCHED_RESULTS:
            self._batch.append(element)
            if len(self._batch) >= MAX_BATCH:
                self._flush()
        return iter(())

    def finish_bundle(self) -> None:
        self._flush()

    def _flush(self) -> None:
        batch, self._batch = self._batch, []
        if not batch:
            return
        watchlists = self._shared.current_watchlists(self._reload_seconds)
        if not watchlists:
            return
        # Alerts are at most once: what cannot be matched or claimed now is not sent, and must not
        # fail the bundle (a runner would write the batch again, which then matches nothing).
        try:
            alerts, problems = match(self._shared.client, self._index, watchlists, batch)
            for problem in problems:
                log.warning("watchlist %s: its search failed: %s", problem.watchlist, problem.reason)
            self._matched.inc(len(alerts))
            claimed = self._shared.ledger.claim(alerts)
        except Exception as exc:
            log.warning("alerts for %d indexed articles not matched (%s: %s)", len(batch), type(exc).__name__, exc)
            return
        self._queued.inc(len(claimed))
        self._repeated.inc(len(alerts) - len(claimed))
        by_name = {watchlist.name: watchlist for watchlist in watchlists}
        for name in dict.fromkeys(alert.watchlist for alert in claimed):
            self._shared.dispatcher.submit(by_name[name], [alert for alert in claimed if alert.watchlist == name])

    def teardown(self) -> None:
        shared = self.__dict__.pop("_shared", None)
        if shared is not None:
            shared.release()
