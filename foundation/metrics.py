"""newsbeam's Beam counters: one namespace, one name per outcome, read back after a run.

Every increment also goes to `foundation.progress`, so a run in this process can show its counts
while it runs, and report them when it is cut short before Beam's metrics can be read.
"""

from __future__ import annotations

from apache_beam.metrics import Metrics
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.runners.runner import PipelineResult

from foundation import progress

NAMESPACE = "newsbeam"
DOCUMENT_COUNTERS = (
    "read",
    "extracted",
    "failed_read",
    "failed_extraction",
    "duplicates",
    "created",
    "updated",
    "unchanged",
    "failed_index",
    "dead_lettered",
    # Not an outcome: how often documents were sent to Elasticsearch again after a 429, a 5xx or a
    # lost connection (each ends as one of the outcomes above).
    "retried_index",
)
"""What happens to documents: every run has these."""
FEED_COUNTERS = (
    "polls",
    "polls_not_modified",
    "failed_polls",
    # entries_seen = new_entries + updated_entries + unchanged_entries + unreadable_entries + entries_over_limit
    "entries_seen",
    "new_entries",
    "updated_entries",
    "unchanged_entries",
    "unreadable_entries",
    "entries_over_limit",
    # each new or updated entry: pages_fetched, feed_only or failed_entries
    "pages_fetched",
    "failed_pages",
    "feed_only",
    "failed_entries",
)
"""What happens to feeds and their entries: `watch` has these too."""
COUNTERS = DOCUMENT_COUNTERS + FEED_COUNTERS


class Counter:
    """A Beam counter whose increments are also reported to this process's progress listeners."""

    def __init__(self, name: str) -> None:
        if name not in COUNTERS:
            raise ValueError(f"unknown counter {name}")
        self.name = name
        self._beam = Metrics.counter(NAMESPACE, name)

    def inc(self, n: int = 1) -> None:
        self._beam.inc(n)
        progress.advance(self.name, n)


def counter(name: str) -> Counter:
    return Counter(name)


def read_counters(result: PipelineResult) -> dict[str, int]:
    """Every counter of the finished run, summed over steps; zero for those never incremented."""
    totals = dict.fromkeys(COUNTERS, 0)
    for metric in result.metrics().query(MetricsFilter().with_namespace(NAMESPACE))["counters"]:
        value = metric.committed if metric.committed is not None else metric.attempted
        totals[metric.key.metric.name] = totals.get(metric.key.metric.name, 0) + (value or 0)
    return totals
