"""`NotifyWatchlists`: the Beam step after the sink that turns indexed articles into alerts.

Thin: it hands each of the sink's `(id, IndexResult)` pairs to an `AlertService`, which
matches, claims and sends on threads of its own, so neither Elasticsearch's matching work nor a
slow or dead notifier holds up the pipeline. Runner-agnostic: no state, timers or side inputs;
each worker process shares one service between its DoFn instances and drains it when the last of
them is torn down.

A portable runner's in-process workers (Prism's and Flink's LOOPBACK environment) tear their DoFns
down after the job is reported done, on threads the interpreter does not wait for: the run's end
waits for this process's services to drain (`wait_for_alerts`) before it reports, so no alert is
still on its way, or cut off, when the command exits.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Iterator
from typing import ClassVar

import apache_beam as beam

from connectors.elasticsearch.client import make_client
from foundation.settings import ElasticsearchSettings
from foundation.vocabulary import IndexResult
from pipelines.alerts.dispatch import DeliveryPolicy, alert_dead_letter_path
from pipelines.alerts.service import AlertService

log = logging.getLogger(__name__)


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


WORKER_STOP_SECONDS = 30.0
"""How long a portable runner may take, after the job is done, to stop its in-process workers."""


def wait_for_alerts(es: ElasticsearchSettings, index: str, dead_letter_path: str, policy: DeliveryPolicy = DeliveryPolicy()) -> bool:
    """Wait until this process holds no alert service of the run writing to `index` (with its
    dead-letter file), the last one drained; False if one still works when the runner's stop and
    the service's drain times have passed (said in a warning). True at once when the workers ran
    elsewhere."""
    key = _Shared.key_of(es, index, alert_dead_letter_path(dead_letter_path))
    # A service's close waits up to the drain time for matching, then again for its messages.
    timeout = WORKER_STOP_SECONDS + 2 * policy.drain_seconds
    with _Shared.changed:
        drained = _Shared.changed.wait_for(lambda: key not in _Shared.instances and not _Shared.closing[key], timeout)
    if not drained:
        log.warning(
            "alerts: the runner's workers were still matching or sending %.0f s after the run ended; the run ends without them", timeout
        )
    return drained


class _Shared:
    """One client and `AlertService` per (settings, index, dead-letter file) in this process."""

    changed: ClassVar[threading.Condition] = threading.Condition()
    instances: ClassVar[dict[tuple[str, str, str], _Shared]] = {}
    closing: ClassVar[Counter[tuple[str, str, str]]] = Counter()

    def __init__(self, es: ElasticsearchSettings, index: str, dead_letter_path: str, policy: DeliveryPolicy, reload_seconds: float) -> None:
        self.key = self.key_of(es, index, dead_letter_path)
        self.client = make_client(es)
        self.service = AlertService(self.client, index, dead_letter_path, policy, reload_seconds)
        self.users = 0

    @staticmethod
    def key_of(es: ElasticsearchSettings, index: str, dead_letter_path: str) -> tuple[str, str, str]:
        return (es.model_dump_json(), index, dead_letter_path)

    @classmethod
    def acquire(
        cls, es: ElasticsearchSettings, index: str, dead_letter_path: str, policy: DeliveryPolicy, reload_seconds: float
    ) -> _Shared:
        key = cls.key_of(es, index, dead_letter_path)
        with cls.changed:
            shared = cls.instances.get(key)
            if shared is None:
                shared = cls.instances[key] = cls(es, index, dead_letter_path, policy, reload_seconds)
            shared.users += 1
            return shared

    def release(self) -> None:
        with self.changed:
            self.users -= 1
            if self.users:
                return
            del self.instances[self.key]
            self.closing[self.key] += 1
        try:
            self.service.close()
            self.client.close()
        finally:
            with self.changed:
                self.closing[self.key] -= 1
                self.changed.notify_all()


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
