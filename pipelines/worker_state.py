"""State a stateful step keeps in its worker's memory, usable only while Beam's keyed state holds its token.

Why memory, not keyed state: a `ValueState` is written whole at the end of every bundle, pickled
and encoded again, and some state can only be written in `process`. What is large (a stories
window of up to 100,000 articles) or learnt after `process` (the page fetches that land in
`finish_bundle`) is kept here instead, per process, so that every instance of the step in this
process finds it.

Why it is still safe: beside each value is a token, and the step writes that token to the key's
keyed state in the same bundle. Beam commits a bundle's state with its outputs, so the state
always holds the token of the last bundle that succeeded. A value is used only while its token is
the one the state holds: when it is not (the process restarted, the bundle that kept the value
failed and is being retried, or the key moved to another worker), `take` gives nothing and the
step falls back to what is durable, never to memory left by work that did not count.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


def new_token() -> str:
    """A token no other bundle, worker or run has written."""
    return uuid.uuid4().hex


class WorkerState(Generic[V]):
    """Values in this process's memory, each under a key and the token keyed state must hold for it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: dict[Hashable, tuple[str, V]] = {}

    def keep(self, key: Hashable, token: str, value: V) -> None:
        """Keep `value` for the bundle whose keyed state will hold `token`, in place of what `key` had."""
        with self._lock:
            self._kept[key] = (token, value)

    def take(self, key: Hashable, token: str | None) -> V | None:
        """What `key` kept under `token` (the token its keyed state holds), or None; `key` keeps nothing after."""
        with self._lock:
            kept = self._kept.pop(key, None)
        if kept is None or token is None or kept[0] != token:
            return None
        return kept[1]

    def forget(self, key: Hashable) -> None:
        """Drop what `key` kept, whatever its token."""
        with self._lock:
            self._kept.pop(key, None)
