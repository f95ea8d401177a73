"""Each worker's stories windows, kept in its own memory between bundles (`pipelines.worker_state`).

Beam's keyed state would hold the window itself, but a `ValueState` is written whole at the end of
every bundle: on the DirectRunner the pickled copy and its encoding buffers doubled the window's
memory (about 3 KB more per article in it), and on runners with small bundles (Prism, Flink) every
bundle re-read and re-pickled a window of up to 100,000 articles. So the state holds only a
*generation*: a token written anew by every bundle, which this worker also keeps beside its window.
A worker whose window's generation is not the state's (its first bundle, a restart, a bundle that
failed and is being retried, the key moved to another worker) starts an empty window: what the old
one held is in the index, where every article's candidates are looked up anyway, so only copies of
articles still on their way to the index can be missed, and only at that moment.

The windows are per process, not per DoFn instance, so that a runner running several instances of
the step in one process shares one window among them (it never runs two bundles of one key at once),
and a window is dropped when the last instance holding it is torn down, not when an idle one is.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from pipelines.stories.assign import StoryAssigner
from pipelines.worker_state import WorkerState, new_token

log = logging.getLogger(__name__)

_windows: WorkerState[StoryAssigner] = WorkerState()
_holders_lock = threading.Lock()
_holders: dict[str, int] = {}


def new_window_id() -> str:
    """An id for one step of one pipeline, fixed when the pipeline is built and shared by its workers."""
    return new_token()


def window_for_bundle(window_id: str, generation: str | None, make: Callable[[], StoryAssigner]) -> tuple[StoryAssigner, str]:
    """The window to use for a bundle whose state holds `generation`, and the new generation to write.

    The window is this process's if it was left at that generation, else a new one from `make`.
    """
    window = _windows.take(window_id, generation)
    if window is None:
        if generation is not None:
            log.warning(
                "the stories window of this step is not in this worker's memory (a restart, a retried bundle, "
                "or the work moved): starting an empty one; indexed articles are still found through the index"
            )
        window = make()
    following = new_token()
    _windows.keep(window_id, following, window)
    return window, following


def hold(window_id: str) -> None:
    """An instance of the step is set up in this process."""
    with _holders_lock:
        _holders[window_id] = _holders.get(window_id, 0) + 1


def release(window_id: str) -> None:
    """An instance of the step is torn down; the last one's going forgets the window."""
    with _holders_lock:
        left = _holders.get(window_id, 1) - 1
        if left > 0:
            _holders[window_id] = left
            return
        _holders.pop(window_id, None)
        _windows.forget(window_id)
