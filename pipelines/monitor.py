"""The monitoring pipeline: ticks → poll the feeds that are due → new or updated entries → fetch
their pages → extract → the same Elasticsearch sink as replay.

Runner-agnostic by construction: everything a feed needs between polls (validators, backoff,
next due time, the entries already seen) is Beam keyed state under the feed's name, and progress
depends on neither GroupByKey nor timers (on the Python DirectRunner, unbounded pipelines run on
the FnApiRunner, where those wait for the end of input). The same graph runs bounded for
`--once`: a single tick instead of the unbounded ticker.

De-duplication is per feed (`connectors.feeds.entry_log.EntryLog`, bounded in count and age). An entry seen
in two feeds is indexed under one id: within the stories window the second copy is counted as a
duplicate (or, changed, sent on as an update in place); later, its write is a no-op or an update.
Syndicated copies join the story of what they copy (`pipelines.stories.transform.AssignStories`).
"""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import apache_beam as beam
from apache_beam import pvalue
from apache_beam.coders import PickleCoder
from apache_beam.io.watermark_estimators import ManualWatermarkEstimator
from apache_beam.options.pipeline_options import PipelineOptions
from apache_beam.transforms.userstate import ReadModifyWriteStateSpec
from apache_beam.utils.timestamp import Timestamp
from apache_beam.utils.windowed_value import WindowedValue

from connectors.dead_letters import FAILED, AppendDeadLetters
from connectors.elasticsearch.bulk import BulkOptions
from connectors.elasticsearch.client import make_client
from connectors.elasticsearch.index import ensure_index
from connectors.elasticsearch.sink import INDEXED, WriteToElasticsearch
from connectors.feeds.entry_log import EntryLog
from connectors.feeds.pages import entry_document
from connectors.feeds.parsing import FeedEntry, UnreadableEntry
from connectors.feeds.polling import (
    FeedState,
    describe_next_poll,
    poll_failed,
    poll_feed,
    spread_first_poll,
)
from connectors.feeds.state_store import FeedStateStore, ensure_state_index
from connectors.http import FetchError, HostLimiter, HttpClient, HttpResponse
from connectors.robots import RobotsDisallowed, RobotsRules
from foundation.feed_settings import Feed, FeedsConfig
from foundation.metrics import FEED_COUNTERS, counter, read_counters
from foundation.records import DeadLetter, RawDocument
from foundation.settings import ElasticsearchSettings, StoriesSettings, load_settings
from foundation.vocabulary import EntryChange, Stage
from foundation.workarounds import eager_beam_metrics, periodic_impulse_internals
from pipelines.alerts.transform import NotifyWatchlists, wait_for_alerts
from pipelines.extraction.feed_only import feed_only_article
from pipelines.extraction.site_template import TemplateLimits
from pipelines.page_fetches import Attempts, PageFetches, keep_outcomes, record_outcomes, take_outcomes
from pipelines.runners import DEFAULT_RUNNER, is_in_process, make_runner
from pipelines.stories.transform import AssignStories
from pipelines.transforms import ExtractArticles
from pipelines.worker_state import new_token

log = logging.getLogger(__name__)

FEED_ONLY = "feed_only"
_CENTURY = 100 * 365 * 86400

# Stop requests for workers in this process (the DirectRunner, and Prism's default LOOPBACK
# workers): the ticker ends, the graph drains and the run returns with its counters. Remote
# workers never see it; stop those pipelines the runner's way (drain or cancel).
_stop = threading.Event()


def request_stop() -> None:
    """Ask a running `watch` pipeline in this process to finish what is in flight and end."""
    _stop.set()


@dataclass
class WatchSummary:
    counters: dict[str, int]
    elapsed_seconds: float
    dead_letter_path: str
    index: str

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.counters,
            "elapsed_seconds": round(self.elapsed_seconds, 3),
            "index": self.index,
            "dead_letter_path": self.dead_letter_path if self.counters["dead_lettered"] else None,
        }


def build_watch(
    pipeline: beam.Pipeline,
    *,
    config: FeedsConfig,
    es: ElasticsearchSettings,
    index: str,
    dead_letter_path: str,
    bulk: BulkOptions,
    once: bool,
    stories: StoriesSettings = StoriesSettings(),
    in_process: bool = False,
) -> None:
    """Add the monitoring steps to `pipeline`: one poll of every feed (`once`), or polls until stopped.

    `in_process`: the pipeline runs on the in-process runner (see `_StoppableTicksFn`)."""
    ticks = (
        pipeline | "OneTick" >> beam.Create([0]) if once else pipeline | "Ticks" >> _Ticks(config.polling.tick, wait_in_bundle=in_process)
    )
    names = [feed.name for feed in config.feeds]
    watched = (
        ticks
        # Typed so the key coder is deterministic, as keyed state needs.
        | "EveryFeed" >> beam.FlatMap(lambda _, names: [(name, 0) for name in names], names).with_output_types(tuple[str, int])
        | "PollAndFetch" >> beam.ParDo(_WatchFeedFn(config, es, index, once)).with_outputs(FEED_ONLY, FAILED, main="pages")
    )
    extracted = watched.pages | "ExtractArticles" >> ExtractArticles(templates=TemplateLimits())
    from_feed = watched[FEED_ONLY] | "FeedOnly" >> ExtractArticles(feed_only_article)
    # No Flatten anywhere: on the FnApiRunner a streaming Flatten holds everything until the input
    # ends, so each branch gets its own sink and dead-letter step (the same transforms).
    failures = {"Poll": watched[FAILED], "Extract": extracted.failed, "FeedOnly": from_feed.failed}
    for label, articles in (("Index", extracted.articles), ("IndexFeedOnly", from_feed.articles)):
        # Each branch has a window of its own; they meet through what is indexed (see pipelines/stories/transform.py).
        grouped = articles | f"Stories{label}" >> AssignStories(es, index, stories, prefer_complete=False)
        written = grouped | label >> WriteToElasticsearch(es, index, bulk)
        failures[label] = written.failed
        written[INDEXED] | f"Alerts{label}" >> NotifyWatchlists(es, index, dead_letter_path)
    for label, letters in failures.items():
        letters | f"DeadLetters{label}" >> AppendDeadLetters(dead_letter_path)


def run_watch(
    config: FeedsConfig,
    *,
    es: ElasticsearchSettings,
    index: str,
    dead_letter_path: str,
    once: bool,
    runner: str = DEFAULT_RUNNER,
    beam_args: Sequence[str] = (),
    bulk: BulkOptions = BulkOptions(),
    submitted: Callable[[], None] | None = None,
    stories: StoriesSettings | None = None,
) -> WatchSummary:
    """Run the monitor until every feed was polled once (`once`) or `request_stop()`; return its counters.

    `submitted` is called once the runner has the job (for a portable runner, before it finishes):
    portable job servers install their own SIGINT handler, which the caller may want to replace.
    """
    client = make_client(es)
    try:
        ensure_index(client, index)
        ensure_state_index(client, index)
    finally:
        client.close()
    _stop.clear()
    args = list(beam_args) if once else [*beam_args, "--streaming"]
    started = time.monotonic()
    pipeline = beam.Pipeline(runner=make_runner(runner), options=PipelineOptions(args))
    build_watch(
        pipeline,
        config=config,
        es=es,
        index=index,
        dead_letter_path=dead_letter_path,
        bulk=bulk,
        once=once,
        stories=stories if stories is not None else load_settings().stories,
        in_process=is_in_process(runner),
    )
    try:
        with nullcontext() if once else eager_beam_metrics():
            result = pipeline.run()
            if submitted is not None:
                submitted()
            result.wait_until_finish()
            wait_for_alerts(es, index, dead_letter_path)
            counters = read_counters(result)
    finally:
        _stop.clear()  # the request was for this run: a ticker built later in this process must not see it
    return WatchSummary(counters, time.monotonic() - started, dead_letter_path, index)


class _Ticks(beam.PTransform):
    """An unbounded tick every `interval` seconds from now, until `request_stop()` (or a drain)."""

    def __init__(self, interval: float, *, wait_in_bundle: bool = False) -> None:
        super().__init__()
        self._interval = interval
        self._wait_in_bundle = wait_in_bundle

    def expand(self, pbegin: pvalue.PBegin) -> beam.PCollection[Timestamp]:
        interval = self._interval
        return (
            pbegin
            | "Impulse" >> beam.Impulse()
            | "Span" >> beam.Map(lambda _: (now := Timestamp.now(), now + _CENTURY, interval))
            | "Generate" >> beam.ParDo(_StoppableTicksFn(self._wait_in_bundle))
        )


_ImpulseSeqGenDoFn, _ImpulseSeqGenRestrictionProvider = periodic_impulse_internals()


class _StoppableTicksFn(_ImpulseSeqGenDoFn):  # type: ignore[valid-type, misc]  # a base fetched at run time from foundation.workarounds
    """PeriodicImpulse's generator, which also ends (claiming the rest of its range) once a stop is requested.

    With `wait_in_bundle` it waits for its next tick before generating. The in-process runner runs
    a deferred remainder again at once, whatever time it asked to be resumed at, so without the
    wait the generator spins between ticks: hundreds of empty bundles a second, each starting a
    thread and merging metrics, a core busy doing nothing. That runner runs one bundle at a time:
    the polls, pages and writes a tick starts run in the bundles between two of the generator's.
    Other runners resume a remainder when it asked to be: no wait there.
    """

    def __init__(self, wait_in_bundle: bool = False) -> None:
        super().__init__()
        self._wait_in_bundle = wait_in_bundle

    @beam.DoFn.unbounded_per_element()
    def process(
        self,
        element,
        restriction_tracker=beam.DoFn.RestrictionParam(_ImpulseSeqGenRestrictionProvider()),
        watermark_estimator=beam.DoFn.WatermarkEstimatorParam(ManualWatermarkEstimator.default_provider()),
    ):
        if self._wait_in_bundle:
            start, _, interval = element
            due = start.micros / 1e6 + interval * restriction_tracker.current_restriction().start
            _stop.wait(min(max(due - time.time(), 0.0), interval))
        if _stop.is_set():
            restriction_tracker.try_claim(restriction_tracker.current_restriction().stop - 1)
            return
        yield from super().process(element, restriction_tracker, watermark_estimator)


class _WatchFeedFn(beam.DoFn):
    """Keyed by feed name: poll it when due, choose new/updated/retry entries, fetch their pages.

    Main output: RawDocuments of fetched pages; `feed_only`: entries to index from the feed alone
    (page unfetchable for now, or pages off for the feed); `failed`: DeadLetters of pages given up
    on and of entries that cannot be indexed. Each feed and each entry is on its own: an unexpected
    error is a failed poll (backed off like any other) or a dead letter, never an exception out of
    here, which would end the whole run.

    The keyed state is also saved to Elasticsearch after each poll (`FeedStateStore`) and loaded
    from there on a feed's first poll in this process, so a restarted `watch` carries on.

    Pages land at the end of the bundle (`finish_bundle`), so the pages of every feed polled in it
    are fetched at the same time; what a fetch did to its entry reaches the entry log at the feed's
    next tick, under the token in the feed's `FETCHES` state (`pipelines.page_fetches`).
    """

    POLL_STATE = ReadModifyWriteStateSpec("poll", PickleCoder())
    ENTRY_LOG = ReadModifyWriteStateSpec("entries", PickleCoder())
    FETCHES = ReadModifyWriteStateSpec("fetches", PickleCoder())
    """The token of the feed's page fetches that have not reached its entry log yet."""

    def __init__(self, config: FeedsConfig, es: ElasticsearchSettings, index: str, once: bool = False) -> None:
        self._config = config
        self._es = es
        self._index = index
        self._once = once  # a single poll: no next poll to announce
        self._feeds = {feed.name: feed for feed in config.feeds}
        self._counters = {name: counter(name) for name in FEED_COUNTERS}

    def setup(self) -> None:
        politeness = self._config.politeness
        self._client = HttpClient(self._config.http)
        self._limiter = HostLimiter.shared(politeness.max_concurrent_per_host, politeness.min_delay_per_host)
        self._robots = RobotsRules(self._client) if politeness.robots_txt else None
        self._es_client = make_client(self._es)
        self._store = FeedStateStore(self._es_client, self._index)
        self._fetches = PageFetches(self._client, self._limiter, self._robots)
        self._polled: dict[str, tuple[FeedState, EntryLog]] = {}

    def start_bundle(self) -> None:
        self._fetches.drop()
        self._polled = {}

    def process(
        self,
        element: tuple[str, int],
        timestamp=beam.DoFn.TimestampParam,
        window=beam.DoFn.WindowParam,
        poll_state=beam.DoFn.StateParam(POLL_STATE),
        entry_log=beam.DoFn.StateParam(ENTRY_LOG),
        fetches=beam.DoFn.StateParam(FETCHES),
    ) -> Iterator[object]:
        feed = self._feeds[element[0]]
        if self._fetches.pending(feed.name):
            return  # two ticks in one bundle: the feed's pages of the first land first
        state: FeedState | None = poll_state.read()
        entries: EntryLog | None = None
        first = state is None
        if state is None:
            state, entries = self._restored(feed)
            poll_state.write(state)
            entry_log.write(entries)
        else:
            entries = self._landed(feed, fetches, entry_log)
        now = time.time()
        if now < state.next_due:
            return
        # Read only when due: every feed is looked at on every tick, and reading a feed's entry
        # log (thousands of entries) costs the runner's state cache a decode and a deep size.
        entries = entries or entry_log.read() or self._restored(feed)[1]
        try:
            result = poll_feed(self._client, feed, self._config, state, now)
        except Exception as exc:  # one feed must never stop the monitoring of the others
            log.debug("feed %s: unexpected error polling it", feed.name, exc_info=True)
            result = poll_failed(state, f"poll failed: unexpected {type(exc).__name__}: {exc}", self._config, feed, now)
        if first and not self._once:
            result = replace(result, state=spread_first_poll(result.state, feed, now))
        poll_state.write(result.state)
        self._counters["polls"].inc()
        next_poll = "" if self._once else f"; next poll {describe_next_poll(result.state, now)}"
        if result.error:
            self._counters["failed_polls"].inc()
            log.warning("feed %s: %s (failure %d)%s", feed.name, result.error, result.state.failures, next_poll)
            self._save(feed, result.state, entries)
            return
        if result.status == 304:
            self._counters["polls_not_modified"].inc()
        yield from self._unreadable(feed, result.unreadable)
        chosen = entries.select(result.entries, now)
        new = sum(1 for _, why in chosen if why == EntryChange.NEW)
        updated = sum(1 for _, why in chosen if why == EntryChange.UPDATED)
        seen = len(result.entries) + len(result.unreadable) + result.over_limit
        for name, value in (
            ("entries_seen", seen),
            ("new_entries", new),
            ("updated_entries", updated),
            ("unchanged_entries", len(result.entries) - new - updated),
            ("entries_over_limit", result.over_limit),
        ):
            self._counters[name].inc(value)
        unreadable = f" ({len(result.unreadable)} unreadable, dead-lettered)" if result.unreadable else ""
        log.info(
            "feed %s: HTTP %s, %d entries%s, %d new, %d updated, %d pages to retry%s",
            feed.name,
            result.status,
            seen,
            unreadable,
            new,
            updated,
            len(chosen) - new - updated,
            next_poll,
        )
        token = new_token()
        started = False
        for entry, _ in chosen:
            if feed.fetch_pages and entry.link:
                self._fetches.start(feed, entry, entry.link, entries, token, timestamp, window)
                started = True
            else:
                yield from self._process_entry(feed, entry, entries, None)
        if chosen or result.status != 304:
            # Not after a 304 with nothing to retry, most polls: the log is as read, and each
            # write costs the runner's state cache a deep size of it.
            entry_log.write(entries)
        if started:
            fetches.write(token)
            self._polled[feed.name] = (result.state, entries)  # saved once its pages land
        else:
            self._save(feed, result.state, entries)

    def finish_bundle(self) -> Iterator[WindowedValue | pvalue.TaggedOutput]:
        """The outputs of the pages this bundle's polls fetch, each as it would have been in `process`."""
        polled, self._polled = self._polled, {}
        landed: dict[str, tuple[str, dict[str, bool]]] = {}
        for flight, page in self._fetches.land():
            for output in self._process_entry(flight.feed, flight.entry, flight.outcome, page):
                yield flight.windowed(output)
            landed.setdefault(flight.feed.name, (flight.token, {}))[1][flight.entry.key] = flight.outcome.done
        for name, (state, entries) in polled.items():
            # A copy: the log in the feed's keyed state learns the outcomes at its next tick.
            saved = copy.deepcopy(entries)
            record_outcomes(saved, landed[name][1])
            self._save(self._feeds[name], state, saved)
        for name, (token, outcomes) in landed.items():
            keep_outcomes(self._index, name, token, outcomes)

    def _landed(self, feed: Feed, fetches: Any, entry_log: Any) -> EntryLog | None:
        """The feed's entry log once what its last poll's page fetches did is in it; None when nothing was in flight."""
        token = fetches.read()
        if token is None:
            return None
        fetches.clear()
        outcomes = take_outcomes(self._index, feed.name, token)
        if outcomes is None:
            log.info("feed %s: the outcome of its last page fetches is not known here; its pages are fetched again", feed.name)
            return None
        entries: EntryLog = entry_log.read() or self._restored(feed)[1]
        record_outcomes(entries, outcomes)
        entry_log.write(entries)
        return entries

    def _restored(self, feed: Feed) -> tuple[FeedState, EntryLog]:
        """What an earlier run saved about the feed, or a fresh start when nothing (readable) was."""
        polling = self._config.polling
        entries = EntryLog(polling.remember_entries, polling.remember_days * 86400, self._config.politeness.max_page_attempts)
        try:
            state = self._store.load(feed.name, feed.url, entries)
        except Exception as exc:  # no saved state costs re-downloads, never the feed
            log.warning("feed %s: its saved state could not be read (%s: %s); polling it afresh", feed.name, type(exc).__name__, exc)
            return FeedState(), EntryLog(entries.max_entries, entries.max_age, entries.max_attempts)
        if state is None:
            return FeedState(), entries
        # `--once` asks for a poll of every feed now, whenever the saved schedule says it is due.
        return (replace(state, next_due=0.0) if self._once else state), entries

    def _save(self, feed: Feed, state: FeedState, entries: EntryLog) -> None:
        try:
            self._store.save(feed.name, feed.url, state, entries)
        except Exception as exc:  # polling goes on; a restart before the next save repeats this poll's work
            log.warning("feed %s: its state could not be saved (%s: %s)", feed.name, type(exc).__name__, exc)

    def _unreadable(self, feed: Feed, unreadable: list[UnreadableEntry]) -> Iterator[pvalue.TaggedOutput]:
        for entry in unreadable:
            self._counters["unreadable_entries"].inc()
            source = f"{feed.name}#entry-{entry.position}"
            log.warning("feed %s: entry %d not indexed: %s", feed.name, entry.position, entry.reason)
            document = RawDocument(source=source, content=b"", hints=entry.hints).to_dict()
            yield pvalue.TaggedOutput(FAILED, DeadLetter(stage=Stage.READ, source=source, reason=entry.reason, document=document))

    def _process_entry(self, feed: Feed, entry: FeedEntry, entries: Attempts, page: HttpResponse | Exception | None) -> Iterator[object]:
        try:
            # A list, so that an entry that fails half-way has sent nothing on.
            outputs = list(self._fetched(feed, entry, entries, page))
        except Exception as exc:  # one entry must not cost its feed's others
            log.debug("feed %s: unexpected error on entry %s", feed.name, entry.key, exc_info=True)
            entries.page_attempted(entry.key, done=True)
            self._counters["failed_entries"].inc()
            reason = f"entry not processed: unexpected {type(exc).__name__}: {exc}"
            log.warning("feed %s: %s", feed.name, reason)
            source = entry.link or f"{feed.name}#{entry.key}"
            document = RawDocument(source=source, content=b"", url=entry.link, hints=entry.hints).to_dict()
            outputs = [pvalue.TaggedOutput(FAILED, DeadLetter(stage=Stage.READ, source=source, reason=reason, document=document))]
        yield from outputs

    def _fetched(self, feed: Feed, entry: FeedEntry, entries: Attempts, page: HttpResponse | Exception | None) -> Iterator[object]:
        """The entry's outputs, given its page as `fetch_page` fetched it (None: pages are not fetched for it)."""
        fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
        if page is None:
            document = entry_document(entry, feed, None, fetched_at)
            entries.page_attempted(entry.key, done=True)
            self._counters["feed_only"].inc()
            yield pvalue.TaggedOutput(FEED_ONLY, document)
            return
        if isinstance(page, FetchError):
            yield from self._page_failed(feed, entry, entries, page, fetched_at)
            return
        if isinstance(page, Exception):
            raise page
        document = entry_document(entry, feed, page, fetched_at)
        entries.page_attempted(entry.key, done=True)
        self._counters["pages_fetched"].inc()
        yield document

    def _page_failed(self, feed: Feed, entry: FeedEntry, entries: Attempts, exc: FetchError, fetched_at: str) -> Iterator[object]:
        document = entry_document(entry, feed, None, fetched_at)
        given_up = entries.page_attempted(entry.key, done=not exc.retryable)
        attempts = entries.attempts(entry.key)
        if attempts == 1:
            # Searchable now from what the feed says; the page replaces it when a later poll gets it.
            self._counters["feed_only"].inc()
            yield pvalue.TaggedOutput(FEED_ONLY, document)
        if isinstance(exc, RobotsDisallowed):
            log.info("feed %s: %s; indexed from the feed only", feed.name, exc)
            return
        self._counters["failed_pages"].inc()
        if not given_up:
            log.info("feed %s: page %s not fetched (%s), attempt %d; trying again on the next poll", feed.name, entry.link, exc, attempts)
            return
        log.warning("feed %s: giving up on page %s: %s", feed.name, entry.link, exc)
        yield pvalue.TaggedOutput(
            FAILED,
            DeadLetter(stage=Stage.READ, source=entry.link or feed.name, reason=f"page not fetched after {attempts} attempt(s): {exc}"),
        )

    def teardown(self) -> None:
        fetches = getattr(self, "_fetches", None)
        if fetches is not None:
            fetches.close()
        for client in (getattr(self, "_client", None), getattr(self, "_es_client", None)):
            if client is not None:
                client.close()
