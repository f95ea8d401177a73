"""The ticker of `watch` on the in-process runner: it waits for its next tick instead of spinning.

The in-process runner runs a deferred remainder again at once, so a generator that defers until
its next tick is called back hundreds of times a second, each an empty bundle: a core kept busy
between ticks (a thousand-feed `watch` spent two thirds of its CPU there).
"""

from __future__ import annotations

import threading
import time

from apache_beam.io.restriction_trackers import OffsetRange, OffsetRestrictionTracker
from apache_beam.io.watermark_estimators import ManualWatermarkEstimator
from apache_beam.runners.sdf_utils import RestrictionTrackerView, ThreadsafeRestrictionTracker
from apache_beam.utils.timestamp import Timestamp

from pipelines import monitor
from pipelines.runners import is_in_process


def _generate(ticks: monitor._StoppableTicksFn, start: float, interval: float, first: int) -> tuple[list[object], float, bool]:
    """Call the ticker once for the ticks from number `first` on: (outputs, seconds taken, whether it deferred the rest)."""
    tracker = ThreadsafeRestrictionTracker(OffsetRestrictionTracker(OffsetRange(first, first + 1000)))
    began = time.monotonic()
    outputs = list(
        ticks.process(
            (Timestamp.of(start), Timestamp.of(start + 3600), interval), RestrictionTrackerView(tracker), ManualWatermarkEstimator(None)
        )
    )
    return outputs, time.monotonic() - began, tracker.deferred_status() is not None


def test_on_the_in_process_runner_the_ticker_waits_for_its_next_tick_within_the_bundle():
    start = time.time()
    # Tick 0 is now, tick 1 due in 0.6 s: one call outputs it, after waiting for it.
    outputs, took, deferred = _generate(monitor._StoppableTicksFn(wait_in_bundle=True), start, 0.6, first=1)
    assert len(outputs) == 1
    assert 0.4 <= took < 2.0
    assert deferred  # the ticks after it are left for the next bundle


def test_elsewhere_the_ticker_defers_to_the_runner_at_once():
    outputs, took, deferred = _generate(monitor._StoppableTicksFn(), time.time(), 0.6, first=1)
    assert outputs == []
    assert took < 0.3
    assert deferred


def test_a_stop_request_ends_the_wait():
    monitor._stop.clear()
    threading.Timer(0.2, monitor.request_stop).start()
    try:
        outputs, took, _ = _generate(monitor._StoppableTicksFn(wait_in_bundle=True), time.time(), 30.0, first=1)
    finally:
        monitor._stop.clear()
    assert outputs == []
    assert took < 5.0


def test_only_the_in_process_runner_waits():
    assert is_in_process("DirectRunner")
    assert not is_in_process("PrismRunner")
    assert not is_in_process("FlinkRunner")
