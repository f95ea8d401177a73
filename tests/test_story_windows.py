"""A worker keeps its stories window between bundles only while the keyed state's generation is the one it left."""

from __future__ import annotations

from pipelines.stories.assign import StoryAssigner
from pipelines.stories.windows import hold, new_window_id, release, window_for_bundle


def test_the_window_is_kept_while_the_state_holds_the_generation_the_worker_wrote() -> None:
    step = new_window_id()
    first, generation = window_for_bundle(step, None, StoryAssigner)
    again, following = window_for_bundle(step, generation, StoryAssigner)
    assert again is first and following != generation
    release(step)


def test_a_retried_bundle_or_a_moved_key_starts_an_empty_window() -> None:
    step = new_window_id()
    first, _ = window_for_bundle(step, None, StoryAssigner)
    # The bundle that wrote the next generation failed: the state still holds what the bundle before it read (None).
    retried, _ = window_for_bundle(step, None, StoryAssigner)
    assert retried is not first
    # Another worker's generation: this worker's window is not the state's.
    moved, _ = window_for_bundle(step, "another-workers-generation", StoryAssigner)
    assert moved is not retried
    release(step)


def test_steps_have_windows_of_their_own_and_a_released_one_is_gone() -> None:
    one, two = new_window_id(), new_window_id()
    window_one, generation_one = window_for_bundle(one, None, StoryAssigner)
    window_two, _ = window_for_bundle(two, None, StoryAssigner)
    assert window_one is not window_two
    release(one)
    assert window_for_bundle(one, generation_one, StoryAssigner)[0] is not window_one
    release(one)
    release(two)


def test_the_window_outlives_an_idle_instance_torn_down_beside_the_working_one() -> None:
    step = new_window_id()
    hold(step)  # the instance that works
    hold(step)  # an idle one the runner sets up and later tears down
    window, generation = window_for_bundle(step, None, StoryAssigner)
    release(step)
    assert window_for_bundle(step, generation, StoryAssigner)[0] is window
    release(step)
    assert window_for_bundle(step, generation, StoryAssigner)[0] is not window, "the last one's teardown forgets it"
    release(step)
