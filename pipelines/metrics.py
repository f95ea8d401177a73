"""newsbeam's Beam counters: one namespace, one name per outcome, read back after a run."""

from __future__ import annotations

from apache_beam.metrics import Metrics
from apache_beam.metrics.metric import MetricsFilter
from apache_beam.runners.runner import PipelineResult

NAMESPACE = "newsbeam"
COUNTERS = (
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
    "polls",
    "polls_not_modified",
    "failed_polls",
    "new_entries",
    "updated_entries",
    "pages_fetched",
    "failed_pages",
    "feed_only",
)


def counter(name: str) -> Metrics.DelegatingCounter:
    if name not in COUNTERS:
        raise ValueError(f"unknown counter {name}")
    return Metrics.counter(NAMESPACE, name)


def read_counters(result: PipelineResult) -> dict[str, int]:
    """Every counter of the finished run, summed over steps; zero for those never incremented."""
    totals = dict.fromkeys(COUNTERS, 0)
    for metric in result.metrics().query(MetricsFilter().with_namespace(NAMESPACE))["counters"]:
        value = metric.committed if metric.committed is not None else metric.attempted
        totals[metric.key.metric.name] = totals.get(metric.key.metric.name, 0) + (value or 0)
    return totals
