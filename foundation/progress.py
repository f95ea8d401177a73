"""Live progress for runs executed in this process.

DoFns report what they did with `advance(...)`; a listener (the CLI's progress bar) receives it.
On the default runner the DoFns run in this process, so the bar moves; on a distributed runner
they run elsewhere, nothing is listening there, and `advance` costs a list lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[str, int], None]
_listeners: list[Listener] = []


def advance(stage: str, count: int = 1) -> None:
    for listener in _listeners:
        listener(stage, count)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)
