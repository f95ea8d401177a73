"""Stories core: syndicated copies join their original's story, different articles do not, the window stays bounded."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.stories.index import StoryIndex
from pipelines.stories.signature import sign
from tests.support.paths import PROJECT_ROOT

T0 = datetime(2026, 1, 1, tzinfo=UTC)
SEEDS = sorted((PROJECT_ROOT / "seeds").glob("*.txt"))


def seed_body(path: Path) -> str:
    return extract(RawDocument(source=str(path), content=path.read_bytes())).body


@pytest.fixture(scope="module")
def bodies() -> list[str]:
    return [seed_body(path) for path in SEEDS]


@pytest.fixture
def index(bodies: list[str]) -> StoryIndex:
    index = StoryIndex()
    index.assign("original", bodies[0], T0)
    return index


def test_exact_repost_joins_the_story(index: StoryIndex, bodies: list[str]) -> None:
    found = index.assign("repost", bodies[0], T0 + timedelta(hours=1))
    assert found is not None and found.story_id == "original" and found.near_duplicate_of == "original"


def test_cut_copy_with_its_own_headline_joins_the_story(index: StoryIndex, bodies: list[str]) -> None:
    # Four of nine paragraphs: too little overlap for Jaccard alone, so containment must find it.
    cut = "\n\n".join(["WORLD: Russia warns Japan", *bodies[0].split("\n\n")[:4], "Follow us on Telegram."])
    found = index.assign("cut", cut, T0 + timedelta(hours=1))
    assert found is not None and found.story_id == "original" and found.jaccard < 0.5


def test_rewrapped_copy_joins_the_story(index: StoryIndex, bodies: list[str]) -> None:
    rewrapped = "\n".join(textwrap.wrap(bodies[0], 60))
    found = index.assign("rewrapped", rewrapped, T0 + timedelta(hours=1))
    assert found is not None and found.story_id == "original"


def test_a_copy_of_a_copy_keeps_the_first_articles_id(index: StoryIndex, bodies: list[str]) -> None:
    index.assign("repost", bodies[0], T0 + timedelta(hours=1))
    index.evict(T0 + timedelta(days=7, hours=1))
    assert "original" not in index
    found = index.assign("third", bodies[0], T0 + timedelta(days=7, hours=1))
    assert found is not None and (found.story_id, found.near_duplicate_of) == ("original", "repost")


def test_different_articles_on_the_same_subject_stay_apart(index: StoryIndex, bodies: list[str]) -> None:
    # The seeds are five outlets' different reports on Russia answering Japan's sanctions.
    for n, body in enumerate(bodies[1:]):
        assert index.assign(f"other-{n}", body, T0) is None


def test_a_report_quoting_part_of_another_stays_apart(index: StoryIndex, bodies: list[str]) -> None:
    # Close enough for LSH to offer the original as a candidate; verification turns it down.
    quoting = "\n\n".join([bodies[2], *bodies[0].split("\n\n")[:4]])
    assert index.assign("quoting", quoting, T0) is None


def test_entries_older_than_the_window_are_evicted(bodies: list[str]) -> None:
    index = StoryIndex(window=timedelta(days=7))
    index.assign("old", bodies[0], T0)
    index.assign("new", bodies[1], T0 + timedelta(days=8))
    assert "old" not in index and len(index) == 1
    assert index.assign("late-copy", bodies[0], T0 + timedelta(days=8)) is None


def test_the_count_cap_evicts_the_oldest(bodies: list[str]) -> None:
    index = StoryIndex(max_entries=2)
    for n, body in enumerate(bodies[:3]):
        index.assign(f"a{n}", body, T0 + timedelta(minutes=n))
    assert len(index) == 2 and "a0" not in index and "a2" in index


def test_signatures_are_the_same_in_another_process() -> None:
    text = "Moscow has said that Russia will continue responding to Japan's hostile policy, as Tokyo announced fresh sanctions."
    code = f"from pipelines.stories.signature import sign; print(list(sign({text!r}).minhash.hashvalues))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT_ROOT, timeout=60)
    assert other.stdout.strip() == str(list(sign(text).minhash.hashvalues))


def test_an_empty_body_matches_nothing_and_is_not_kept() -> None:
    index = StoryIndex()
    assert index.assign("empty", "", T0) is None and index.assign("digits", "12 34 56", T0) is None
    assert len(index) == 0


def test_a_pickled_window_matches_evicts_and_takes_new_articles(index: StoryIndex, bodies: list[str]) -> None:
    # A window handed to another process is pickled.
    index.assign("other", bodies[1], T0 + timedelta(days=1))
    copy = pickle.loads(pickle.dumps(index))
    found = copy.assign("repost", bodies[0], T0 + timedelta(days=2))
    assert found is not None and (found.story_id, found.near_duplicate_of) == ("original", "original")
    assert copy.evict(T0 + timedelta(days=7, hours=12)) == 1 and "original" not in copy and len(copy) == 2
    assert copy.assign("third", bodies[2], T0 + timedelta(days=7, hours=12)) is None and len(copy) == 3
