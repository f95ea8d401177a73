"""The replay pipeline: saved articles (or dead letters) → extract → stories (exact and near duplicates) → Elasticsearch.

It shares every step after its source with the monitoring pipeline, and runs on any Beam runner
(the in-process DirectRunner by default).
"""

from __future__ import annotations

import glob
import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import apache_beam as beam
from apache_beam.io.filesystems import FileSystems
from apache_beam.options.pipeline_options import PipelineOptions

from connectors.dead_letters import ARTICLES, ReadDeadLetters, WriteDeadLetters
from connectors.elasticsearch.bulk import BulkOptions
from connectors.elasticsearch.client import make_client
from connectors.elasticsearch.index import ensure_index, refresh
from connectors.elasticsearch.sink import INDEXED, WriteToElasticsearch
from connectors.files import ReadDocuments
from foundation.metrics import DOCUMENT_COUNTERS, read_counters
from foundation.settings import ElasticsearchSettings, StoriesSettings, load_settings
from pipelines.alerts.transform import NotifyWatchlists, wait_for_alerts
from pipelines.extraction.site_template import TemplateLimits
from pipelines.runners import DEFAULT_RUNNER, has_several_workers, make_runner
from pipelines.stories.transform import AssignStories
from pipelines.transforms import ExtractArticles

log = logging.getLogger(__name__)


class ReplayInputError(ValueError):
    """Inputs or outputs a replay cannot use together; the message says which."""


class PipelineFailed(RuntimeError):
    """The runner stopped the pipeline with an error (a bug: documents are meant to become dead letters)."""


@dataclass
class ReplaySummary:
    counters: dict[str, int]
    elapsed_seconds: float
    dead_letter_path: str
    index: str
    problems: list[str] = field(default_factory=list)

    @property
    def accounted(self) -> int:
        c = self.counters
        return c["created"] + c["updated"] + c["unchanged"] + c["duplicates"] + c["dead_lettered"]

    @property
    def reconciled(self) -> bool:
        """Every document read ended as indexed, unchanged, a duplicate or a dead letter."""
        c = self.counters
        failures = c["failed_read"] + c["failed_extraction"] + c["failed_index"]
        return c["read"] == self.accounted and failures == c["dead_lettered"]

    @property
    def documents_per_second(self) -> float:
        return self.counters["read"] / self.elapsed_seconds if self.elapsed_seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.counters,
            "accounted": self.accounted,
            "reconciled": self.reconciled,
            "elapsed_seconds": round(self.elapsed_seconds, 3),
            "documents_per_second": round(self.documents_per_second, 1),
            "dead_letter_path": self.dead_letter_path if self.counters["dead_lettered"] else None,
            "index": self.index,
        }


def input_patterns(paths: Sequence[str]) -> list[str]:
    """File patterns for Beam: a local folder means everything below it; a missing local path is an error."""
    patterns = []
    for path in paths:
        if "://" in path or glob.has_magic(path):
            patterns.append(path)
        elif os.path.isdir(path):
            patterns.append(os.path.join(os.path.abspath(path), "**"))
        elif os.path.exists(path):
            patterns.append(os.path.abspath(path))
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")
    return patterns


def build_replay(
    pipeline: beam.Pipeline,
    *,
    patterns: Sequence[str],
    dead_letter_files: Sequence[str],
    es: ElasticsearchSettings,
    index: str,
    dead_letter_path: str,
    bulk: BulkOptions,
    redistribute: bool = True,
    stories: StoriesSettings = StoriesSettings(),
    alerts: bool = False,
) -> None:
    """Add the replay steps to `pipeline`; `redistribute` spreads the reading over the workers;
    `alerts` matches what is created or updated against the watchlists (pipelines/alerts)."""
    documents, failures, resubmitted = [], [], []
    if patterns:
        read = pipeline | "ReadFiles" >> ReadDocuments(list(patterns), redistribute=redistribute)
        documents.append(read.documents)
        failures.append(read.failed)
    if dead_letter_files:
        letters = pipeline | "ReadDeadLetters" >> ReadDeadLetters(list(dead_letter_files))
        documents.append(letters.documents | "SpreadResubmitted" >> beam.Reshuffle() if redistribute else letters.documents)
        resubmitted.append(letters[ARTICLES])
        failures.append(letters.failed)
    extracted = documents | "AllDocuments" >> beam.Flatten() | "ExtractArticles" >> ExtractArticles(templates=TemplateLimits())
    failures.append(extracted.failed)
    # One chain per input of articles, no Flatten: on the DirectRunner (FnApiRunner) a Flatten of
    # several inputs holds all of them until the last one ends. Exact duplicates (the longest copy
    # of an id is kept) and syndicated copies go through one bounded window per chain; the chains
    # meet through what is indexed.
    branches = [("", extracted.articles)] + [("Resubmitted", articles) for articles in resubmitted]
    for label, articles in branches:
        written = (
            articles
            | f"Stories{label}" >> AssignStories(es, index, stories, prefer_complete=True)
            | f"Index{label}" >> WriteToElasticsearch(es, index, bulk)
        )
        failures.append(written.failed)
        if alerts:
            written[INDEXED] | f"Alerts{label}" >> NotifyWatchlists(es, index, dead_letter_path)
    failures | "AllFailures" >> beam.Flatten() | "DeadLetters" >> WriteDeadLetters(dead_letter_path)


def run_replay(
    paths: Sequence[str],
    *,
    es: ElasticsearchSettings,
    index: str,
    dead_letter_path: str,
    dead_letter_files: Sequence[str] = (),
    runner: str = DEFAULT_RUNNER,
    beam_args: Sequence[str] = (),
    bulk: BulkOptions = BulkOptions(),
    stories: StoriesSettings | None = None,
    alerts: bool = False,
) -> ReplaySummary:
    """Run a replay to completion and return its reconciled counters."""
    if any(os.path.abspath(path) == os.path.abspath(dead_letter_path) for path in dead_letter_files):
        raise ReplayInputError("the dead-letter output must not be the file being re-submitted; pass another --dlq")
    patterns = input_patterns(paths)
    client = make_client(es)
    try:
        ensure_index(client, index)
        started = time.monotonic()
        options = PipelineOptions(list(beam_args))
        pipeline = beam.Pipeline(runner=make_runner(runner), options=options)
        build_replay(
            pipeline,
            patterns=patterns,
            dead_letter_files=dead_letter_files,
            es=es,
            index=index,
            dead_letter_path=dead_letter_path,
            bulk=bulk,
            redistribute=has_several_workers(runner, options),
            stories=stories if stories is not None else load_settings().stories,
            alerts=alerts,
        )
        try:
            result = pipeline.run()
            result.wait_until_finish()
        except Exception as exc:
            # The runner re-raises a worker's error in its own words; keep its message whole.
            raise PipelineFailed(f"the pipeline failed: {exc}") from exc
        if alerts:
            wait_for_alerts(es, index, dead_letter_path)
        elapsed = time.monotonic() - started
        # Searches right after the run see everything it wrote.
        refresh(client, index)
    finally:
        client.close()
    counters = read_counters(result)
    summary = ReplaySummary({name: counters[name] for name in DOCUMENT_COUNTERS}, elapsed, dead_letter_path, index)
    if not summary.counters["dead_lettered"]:
        _remove_empty(dead_letter_path)
    return summary


def _remove_empty(path: str) -> None:
    try:
        if FileSystems.exists(path) and FileSystems.match([path])[0].metadata_list[0].size_in_bytes == 0:
            FileSystems.delete([path])
            if "://" not in path and not os.listdir(os.path.dirname(os.path.abspath(path))):
                os.rmdir(os.path.dirname(os.path.abspath(path)))
    except (OSError, IndexError) as exc:
        log.debug("could not remove the empty dead-letter file %s: %s", path, exc)
