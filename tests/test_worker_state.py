"""What a worker keeps in memory is used only by the bundle whose keyed state holds the token it was kept under."""

from __future__ import annotations

from pipelines.worker_state import WorkerState, new_token


def test_a_value_is_taken_under_the_token_it_was_kept_under_and_only_once() -> None:
    state: WorkerState[list[str]] = WorkerState()
    token = new_token()
    kept = ["fetched"]
    state.keep("feed", token, kept)
    assert state.take("feed", token) is kept
    assert state.take("feed", token) is None, "a value taken is no longer kept"


def test_a_retried_bundle_or_a_moved_key_finds_nothing_and_drops_what_was_kept() -> None:
    state: WorkerState[str] = WorkerState()
    committed, failed = new_token(), new_token()
    state.keep("feed", failed, "from the bundle that failed")
    # The retry's keyed state holds the token the last committed bundle wrote, not the failed one's.
    assert state.take("feed", committed) is None
    # Nor does a later, matching take find the failed bundle's value: the mismatch dropped it.
    assert state.take("feed", failed) is None
    # A key whose state has no token yet (first bundle here, or a fresh state) finds nothing either.
    state.keep("other", new_token(), "kept")
    assert state.take("other", None) is None


def test_keys_are_apart_and_a_forgotten_one_is_gone() -> None:
    state: WorkerState[str] = WorkerState()
    token = new_token()
    state.keep(("index", "a"), token, "a")
    state.keep(("index", "b"), token, "b")
    state.forget(("index", "a"))
    assert state.take(("index", "a"), token) is None
    assert state.take(("index", "b"), token) == "b"


def test_keeping_again_replaces_the_value_and_its_token() -> None:
    state: WorkerState[str] = WorkerState()
    old, new = new_token(), new_token()
    state.keep("step", old, "old window")
    state.keep("step", new, "new window")
    assert state.take("step", old) is None
    state.keep("step", new, "new window")
    assert state.take("step", new) == "new window"
    assert new != old
