"""`NotifyWatchlists`: the Beam step after the sink that turns indexed articles into alerts.

Thin: it hands each of the sink's `(id, IndexResult)` pairs to an `AlertService`, which
matches, claims and sends on threads of its own, so neither Elasticsearch's matching work nor a
slow or dead notifier holds up the pipeline. Runner-agnostic: no state, timers or side inputs;
each worker process shares one service between its DoFn instances and drains it when the last of
them is torn down.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import ClassVar

import apache_beam as beam

from connectors.elasticsearch.client import make_client
from foundation.settings import ElasticsearchSettings
from foundation.vocabulary import IndexResult
from pipelines.alerts.dispatch import DeliveryPolicy, alert_dead_letter_path
from pipelines.alerts.service import AlertService


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
    """One client and `AlertService` per (settings, index, dead-letter file) in this process."""

    _lock: ClassVar[threading.Lock] = threading.Lock()
    _instances: ClassVar[dict[tuple[str, str, str], _Shared]] = {}

    def __init__(self, es: ElasticsearchSettings, index: str, dead_letter_path: str, policy: DeliveryPolicy, reload_seconds: float) -> None:
        self.client = make_client(es)
        self.service = AlertService(self.client, index, dead_letter_path, policy, reload_seconds)
        self.users = 0

    @classmethod
    def acquire(
        cls, es: ElasticsearchSettings, index: str, dead_letter_path: str, policy: DeliveryPolicy, reload_seconds: float
    ) -> _Shared:
        key = (es.model_dump_json(), index, dead_letter_path)
        with cls._lock:
            shared = cls._instances.get(key)
            if shared is None:
                shared = cls._instances[key] = cls(es, index, dead_letter_path, policy, reload_seconds)
            shared.users += 1
            return shared

    def release(self) -> None:
        with self._lock:
            self.users -= 1
            if self.users:
                return
            self._instances.pop(next(key for key, value in self._instances.items() if value is self))
        self.service.close()
        self.client.close()


class _MatchFn(beam.DoFn):
    def __init__(self, es: ElasticsearchSettings, index: str, dead_letter_path: str, policy: DeliveryPolicy, reload_seconds: float) -> None:
        self._es = es
        self._index = index
        self._dead_letter_path = dead_letter_path
        self._policy = policy
        self._reload_seconds = reload_seconds

    def setup(self) -> None:
        self._shared = _Shared.acquire(self._es, self._index, self._dead_letter_path, self._policy, self._reload_seconds)

    def process(self, element: tuple[str, IndexResult]) -> Iterator[None]:
        # At once, not at the bundle's end: a streaming runner's bundles can last long (watch's
        # ticker waits for its tick inside one), and the service batches what arrives meanwhile.
        self._shared.service.offer([element])
        return iter(())

    def teardown(self) -> None:
        shared = self.__dict__.pop("_shared", None)
        if shared is not None:
            shared.release()
