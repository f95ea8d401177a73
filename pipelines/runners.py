"""Choosing the Beam runner for a run, the same way for every pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from foundation.workarounds import quiet_worker_hangups

if TYPE_CHECKING:
    from apache_beam.options.pipeline_options import PipelineOptions
    from apache_beam.runners.runner import PipelineRunner

DEFAULT_RUNNER = "DirectRunner"


def make_runner(name: str) -> PipelineRunner | str:
    """The runner to hand to `beam.Pipeline`.

    `DirectRunner` becomes Beam's in-process FnApiRunner, which is what Beam's DirectRunner runs
    bounded pipelines on anyway, except that it first tries to download a Prism binary from the
    internet: on an offline machine that is a wait or a failure, so newsbeam skips the attempt.
    Any other name (PrismRunner, FlinkRunner, SparkRunner, DataflowRunner, PortableRunner…) is
    passed to Beam unchanged, together with its own options; its workers may run in this process
    (LOOPBACK), whose stream readers print a traceback when the runner hangs up at the job's end,
    so those are quieted (`foundation.workarounds.quiet_worker_hangups`).
    """
    if is_in_process(name):
        from apache_beam.runners.portability.fn_api_runner import FnApiRunner

        return FnApiRunner()
    quiet_worker_hangups()
    return name


def is_in_process(name: str) -> bool:
    """Whether `make_runner(name)` is the in-process FnApiRunner (one bundle at a time, in this process)."""
    return name in ("DirectRunner", "direct")


def has_several_workers(name: str, options: PipelineOptions) -> bool:
    """Whether work can be shared: any runner but the in-process one, or it with several workers.

    Redistributing work costs a shuffle, which the in-process runner holds in memory whole; with
    one worker there is nobody to share with.
    """
    from apache_beam.options.pipeline_options import DirectOptions

    if not is_in_process(name):
        return True
    return options.view_as(DirectOptions).direct_num_workers != 1
