"""Sending alerts off the pipeline's threads: one lane (a bounded queue and its thread) per
watchlist notifier, retries with exponential backoff, then a dead letter.

Why lanes: a notifier that is down (every try waits for its timeout, then backs off) delays its
own alerts only, never another watchlist's and never indexing, which only ever puts a message on
a queue. A lane whose queue is full dead-letters the message at once rather than wait: indexing
never blocks on a notifier.

Dead letters of alerts go to their own JSON Lines file (the `DeadLetter` format, stage `notify`):
they are written from the lanes' threads as they happen, while replay's dead-letter file is
written by Beam at the end of the run, so the two cannot share one file.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from connectors.notifiers import NotifyError
from connectors.notifiers import email as email_notifier
from connectors.notifiers import webhook as webhook_notifier
from foundation.records import DeadLetter
from foundation.vocabulary import AlertStatus, Stage
from pipelines.alerts.ledger import Alert, AlertLedger, AlertOutcome
from pipelines.alerts.messages import email_message, webhook_payload
from pipelines.alerts.watchlists import Notifier, Watchlist

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeliveryPolicy:
    attempts: int = 5
    """Tries per message, the first included."""
    initial_backoff: float = 1.0
    max_backoff: float = 60.0
    queue_size: int = 1000
    """Messages waiting per notifier; past that, new ones are dead-lettered at once."""
    drain_seconds: float = 30.0
    """How long the end of a run waits for the messages still queued; those left are dead-lettered."""


def send(notifier: Notifier, watchlist: str, alerts: Sequence[Alert], http: httpx.Client | None = None) -> None:
    """Deliver one message about `alerts` through `notifier` (a webhook through `http`, if given, whose
    connections are kept); `NotifyError` if it was not taken."""
    if isinstance(notifier, webhook_notifier.WebhookConfig):
        webhook_notifier.post(notifier, webhook_payload(watchlist, alerts), http)
    else:
        email_notifier.send(notifier, *email_message(watchlist, alerts))


def alert_dead_letter_path(dead_letter_path: str) -> str:
    """Where the alerts' dead letters go: next to the run's dead-letter file."""
    return os.path.join(os.path.dirname(os.path.abspath(dead_letter_path)), "alert-dead-letters.jsonl")


@dataclass
class _Delivery:
    """One message's alerts, sent through every notifier of its watchlist: recorded once all have answered."""

    watchlist: str
    alerts: list[Alert]
    remaining: int
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class _Job:
    delivery: _Delivery
    notifier: Notifier


class Dispatcher:
    """Takes the alerts of each watchlist (already claimed) and delivers them in the background."""

    def __init__(self, ledger: AlertLedger | None, dead_letter_path: str | None, policy: DeliveryPolicy = DeliveryPolicy()) -> None:
        self._ledger = ledger
        self._dead_letter_path = dead_letter_path
        self._policy = policy
        self._lanes: dict[tuple[str, int], tuple[queue.Queue[_Job | None], threading.Thread]] = {}
        self._digests: dict[str, tuple[float, Watchlist, list[Alert]]] = {}
        self._outcomes: list[AlertOutcome] = []
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._closed = threading.Event()
        self._background: threading.Thread | None = None
        self._http: httpx.Client | None = None

    def submit(self, watchlist: Watchlist, alerts: Sequence[Alert]) -> None:
        """Queue the alerts' messages (one per alert, or the watchlist's next digest); never blocks."""
        if not alerts:
            return
        if watchlist.digest_minutes:
            self._add_to_digest(watchlist, alerts)
            return
        for alert in alerts:
            self._deliver(watchlist, [alert])

    def close(self) -> None:
        """Send the digests collected so far, wait up to `drain_seconds` for the lanes to empty, and
        dead-letter what is still queued then (a message being sent at that moment goes on)."""
        self._closed.set()
        with self._lock:
            digests, self._digests = list(self._digests.values()), {}
        for _, watchlist, alerts in digests:
            self._deliver(watchlist, alerts)
        deadline = time.monotonic() + self._policy.drain_seconds
        with self._lock:
            lanes = list(self._lanes.values())
            self._lanes = {}
        for jobs, _ in lanes:
            _put_even_if_full(jobs, None)
        for jobs, thread in lanes:
            thread.join(max(0.0, deadline - time.monotonic()))
            if not thread.is_alive():
                continue
            with jobs.mutex:
                left = [job for job in jobs.queue if job is not None]
                jobs.queue.clear()
                jobs.queue.append(None)
            if left:
                log.warning("alerts: %d message(s) not sent before the run ended; dead-lettered", len(left))
            for job in left:
                self._failed(job, f"{job.notifier.describe()}: not sent before the run ended", 0, quiet=True)
        if self._http is not None and not any(thread.is_alive() for _, thread in lanes):
            self._http.close()  # else a lane still sending its last message keeps it, until the process ends
        self._flush_outcomes()

    # -- delivery ------------------------------------------------------------------------------

    def _deliver(self, watchlist: Watchlist, alerts: list[Alert]) -> None:
        if not watchlist.notifiers:
            self._record(alerts, AlertStatus.SENT)
            return
        delivery = _Delivery(watchlist.name, alerts, remaining=len(watchlist.notifiers))
        for position, notifier in enumerate(watchlist.notifiers):
            try:
                self._lane(watchlist.name, position).put_nowait(_Job(delivery, notifier))
            except queue.Full:
                self._failed(_Job(delivery, notifier), f"{notifier.describe()}: {self._policy.queue_size} messages already waiting", 0)

    def _lane(self, watchlist: str, position: int) -> queue.Queue[_Job | None]:
        with self._lock:
            lane = self._lanes.get((watchlist, position))
            if lane is None:
                jobs: queue.Queue[_Job | None] = queue.Queue(maxsize=self._policy.queue_size)
                thread = threading.Thread(target=self._run_lane, args=(jobs,), name=f"alerts-{watchlist}-{position}", daemon=True)
                thread.start()
                lane = self._lanes[(watchlist, position)] = (jobs, thread)
            return lane[0]

    def _run_lane(self, jobs: queue.Queue[_Job | None]) -> None:
        http = self._http_client()
        while (job := jobs.get()) is not None:
            self._attempt(job, http)

    def _http_client(self) -> httpx.Client:
        """One client for every lane (httpx's clients are thread-safe): connections are kept between
        messages, and the TLS context (the system's CA certificates, read and parsed) is built once,
        not once per watchlist notifier. Each POST still has its notifier's timeout."""
        with self._lock:
            if self._http is None:
                self._http = httpx.Client(limits=httpx.Limits(max_connections=None, max_keepalive_connections=64))
            return self._http

    def _attempt(self, job: _Job, http: httpx.Client) -> None:
        policy, delay = self._policy, self._policy.initial_backoff
        for attempt in range(1, policy.attempts + 1):
            try:
                send(job.notifier, job.delivery.watchlist, job.delivery.alerts, http)
            except NotifyError as exc:
                if not exc.retryable or attempt == policy.attempts:
                    self._failed(job, str(exc), attempt)
                    return
                log.info("alerts %s: %s; try %d of %d in %.1fs", job.delivery.watchlist, exc, attempt + 1, policy.attempts, delay)
                time.sleep(delay)
                delay = min(delay * 2, policy.max_backoff)
            except Exception as exc:  # a bug in one message must not end the lane
                log.exception("alerts %s: unexpected error sending", job.delivery.watchlist)
                self._failed(job, f"{job.notifier.describe()}: unexpected {type(exc).__name__}: {exc}", attempt)
                return
            else:
                self._answered(job.delivery, None)
                return

    def _failed(self, job: _Job, reason: str, attempts: int, quiet: bool = False) -> None:
        delivery = job.delivery
        tries = f" after {attempts} attempt{'s' if attempts != 1 else ''}" if attempts else ""
        reason = f"{reason}{tries}"
        if not quiet:
            log.warning("alerts %s: %d alert(s) not delivered: %s; dead-lettered", delivery.watchlist, len(delivery.alerts), reason)
        for alert in delivery.alerts:
            self._dead_letter(DeadLetter(stage=Stage.NOTIFY, source=f"{alert.watchlist}#{alert.article_id}", reason=reason))
        self._answered(delivery, reason)

    def _answered(self, delivery: _Delivery, failure: str | None) -> None:
        with delivery.lock:
            if failure:
                delivery.failures.append(failure)
            delivery.remaining -= 1
            if delivery.remaining:
                return
        if delivery.failures:
            self._record(delivery.alerts, AlertStatus.FAILED, "; ".join(delivery.failures))
        else:
            self._record(delivery.alerts, AlertStatus.SENT)

    def _record(self, alerts: list[Alert], status: AlertStatus, reason: str | None = None) -> None:
        # Kept for the background thread to write in one bulk request a second: one request per
        # message would double the load alerts put on Elasticsearch.
        if self._ledger is None:
            return
        now = datetime.now(UTC).isoformat(timespec="milliseconds")
        with self._lock:
            self._outcomes += [AlertOutcome(alert, status, now, reason) for alert in alerts]
        self._start_background()

    def _flush_outcomes(self) -> None:
        with self._lock:
            outcomes, self._outcomes = self._outcomes, []
        if outcomes and self._ledger is not None:
            self._ledger.record(outcomes)

    def not_matched(self, article_ids: Sequence[str], reason: str) -> None:
        """Dead-letter articles that could not be matched at all (so no watchlist is named)."""
        for article_id in article_ids:
            self._dead_letter(DeadLetter(stage=Stage.NOTIFY, source=article_id, reason=f"not matched against the watchlists: {reason}"))

    def _dead_letter(self, letter: DeadLetter) -> None:
        if self._dead_letter_path is None:
            return
        # The line format of connectors.dead_letters.dead_letter_line, not imported from there:
        # that module loads Beam, which `newsbeam watchlist test --send` has no use for.
        line = json.dumps(letter.to_dict(), sort_keys=True)
        try:
            with self._write_lock:
                os.makedirs(os.path.dirname(os.path.abspath(self._dead_letter_path)), exist_ok=True)
                with open(self._dead_letter_path, "a", encoding="utf-8") as out:
                    out.write(line + "\n")
        except OSError as exc:
            log.error("alerts: dead letter not written to %s (%s): %s", self._dead_letter_path, exc, line)

    # -- digests -------------------------------------------------------------------------------

    def _add_to_digest(self, watchlist: Watchlist, alerts: Sequence[Alert]) -> None:
        with self._lock:
            due, _, pending = self._digests.get(watchlist.name, (time.monotonic() + 60 * (watchlist.digest_minutes or 0), watchlist, []))
            self._digests[watchlist.name] = (due, watchlist, [*pending, *alerts])
        self._start_background()

    def _start_background(self) -> None:
        with self._lock:
            if self._background is None:
                self._background = threading.Thread(target=self._run_background, name="alerts-background", daemon=True)
                self._background.start()

    def _run_background(self) -> None:
        """Every second: send the digests that are due, write the outcomes so far."""
        while not self._closed.wait(1.0):
            now = time.monotonic()
            with self._lock:
                due = [name for name, (when, _, _) in self._digests.items() if when <= now]
                ready = [self._digests.pop(name) for name in due]
            for _, watchlist, alerts in ready:
                self._deliver(watchlist, alerts)
            self._flush_outcomes()


def _put_even_if_full(jobs: queue.Queue[_Job | None], item: _Job | None) -> None:
    """Queue the end marker past the bound: close() must always be able to end a lane."""
    with jobs.mutex:
        jobs.queue.append(item)
        jobs.unfinished_tasks += 1
        jobs.not_empty.notify()
