"""The story assigner without Beam or Elasticsearch: exact duplicates, growth updates, stories met in
the index, stable re-runs, the window's bounds, and how the sink folds updates into its batches."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from connectors.elasticsearch.sink import fold_story_updates
from connectors.elasticsearch.stories import IndexedArticle, IndexedMember
from foundation.records import Article, RawDocument, StoryUpdate
from pipelines.extraction import extract
from pipelines.stories.assign import StoryAssigner
from pipelines.stories.index import StoryIndex
from pipelines.stories.signature import sign
from pipelines.stories.stored import decode, signed
from tests.support.paths import SEEDS

T0 = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def bodies() -> list[str]:
    return [extract(RawDocument(source=str(path), content=path.read_bytes())).body for path in sorted(SEEDS.glob("*.txt"))]


def article(body: str, site: str, publisher: str | None = None) -> Article:
    """An article as extraction makes it, signed as the pipeline signs it."""
    made = extract(RawDocument(source=f"{site}.txt", content=body, url=f"https://{site}.example/story"))
    return signed(replace(made, publisher=publisher))


def indexed(of: Article, story_id: str, size: int = 1, outlets: int = 1) -> IndexedArticle:
    return IndexedArticle(of.id, story_id, of.story_minhash, of.story_shingles, size, outlets, "2026-01-01", "First Wire", None)


def test_a_copy_joins_the_story_and_every_earlier_member_gets_the_new_figures(bodies: list[str]) -> None:
    stories = StoryAssigner()
    first = stories.assign(article(bodies[0], "wire", "Wire"), now=T0)
    assert first.article is not None and first.article.story_id == first.article.id and first.updates == []
    copy = stories.assign(article("Breaking\n\n" + bodies[0], "mirror", "Mirror"), now=T0 + timedelta(hours=1))
    assert copy.article is not None and copy.article.story_id == first.article.id
    assert copy.article.near_duplicate_of == first.article.id and copy.article.first_seen == first.article.first_seen
    assert copy.updates == [StoryUpdate(first.article.id, 2, 2)]
    third = stories.assign(article(bodies[0], "third", "Mirror"), now=T0 + timedelta(hours=2))
    assert third.article is not None and (third.article.story_size, third.article.story_outlets) == (3, 2)
    assert sorted(update.article_id for update in third.updates) == sorted([first.article.id, copy.article.id])


def test_a_big_story_updates_its_first_article_always_and_every_member_only_at_each_doubling(bodies: list[str]) -> None:
    stories = StoryAssigner()
    root = stories.assign(article(bodies[1], "site-0", "Outlet 0"), now=T0).article
    assert root is not None
    updates_by_size: dict[int, list[StoryUpdate]] = {}
    for n in range(1, 70):
        joined = stories.assign(article(bodies[1], f"site-{n}", f"Outlet {n}"), now=T0 + timedelta(minutes=n))
        assert joined.article is not None and joined.article.story_id == root.id and joined.article.story_size == n + 1
        updates_by_size[n + 1] = joined.updates
    assert all(len(updates_by_size[size]) == size - 1 for size in (2, 16, 32, 64)), "every member: small, then at each doubling"
    assert all(updates_by_size[size] == [StoryUpdate(root.id, size, size)] for size in (17, 33, 50, 70)), "the first article only"
    assert sum(map(len, updates_by_size.values())) <= 3 * 70 + 16 * 15 // 2, "not the square of the story's size"


def test_different_reports_on_the_same_subject_start_stories_of_their_own(bodies: list[str]) -> None:
    stories = StoryAssigner()
    for n, body in enumerate(bodies):
        result = stories.assign(article(body, f"outlet{n}"), now=T0)
        assert result.article is not None and result.article.story_id == result.article.id and result.article.near_duplicate_of is None


def test_the_same_id_again_is_a_duplicate_unless_its_text_is_more_complete_in_replay(bodies: list[str]) -> None:
    full, cut = article(bodies[1], "page"), article(bodies[1].split("\n\n")[0], "page")
    assert full.id == cut.id
    replay = StoryAssigner(prefer_complete=True)
    assert replay.assign(cut, now=T0).article is not None
    assert replay.assign(cut, now=T0).article is None, "the same text again"
    longer = replay.assign(full, now=T0)
    assert longer.article is not None and longer.article.body == full.body and longer.updates == []
    assert replay.assign(cut, now=T0).article is None, "a shorter copy after the longer one"
    watch = StoryAssigner(prefer_complete=False)
    watch.assign(full, now=T0)
    edited = watch.assign(cut, now=T0 + timedelta(minutes=5))
    assert edited.article is not None and edited.article.body == cut.body, "watch sends an edited page on"


def test_a_story_met_in_the_index_reads_its_members_once_and_counts_them(bodies: list[str]) -> None:
    original, older_copy = article(bodies[2], "wire", "Wire"), article(bodies[2], "older", "Older")
    calls: list[str] = []

    def members(story_id: str) -> list[IndexedMember]:
        calls.append(story_id)
        return [IndexedMember(original.id, "Wire", None), IndexedMember(older_copy.id, "Older", None)]

    stories = StoryAssigner()
    copy = stories.assign(article(bodies[2] + "\n\nRead more.", "late"), [indexed(original, original.id, 2, 2)], T0, members)
    assert copy.article is not None and copy.article.story_id == original.id and copy.article.near_duplicate_of == original.id
    assert (copy.article.story_size, copy.article.story_outlets) == (3, 3) and copy.article.first_publisher == "First Wire"
    assert {update.article_id for update in copy.updates} == {original.id, older_copy.id}
    again = stories.assign(article(bodies[2], "later"), [], T0 + timedelta(hours=1), members)
    assert again.article is not None and again.article.story_size == 4 and calls == [original.id]


def test_an_article_the_index_already_has_keeps_its_story_and_changes_nothing(bodies: list[str]) -> None:
    copy = article(bodies[3], "mirror")
    own = replace(indexed(copy, "the-first-one", 2, 2), near_duplicate_of="the-first-one")
    result = StoryAssigner().assign(copy, [own], T0, lambda _: pytest.fail("no member is read for an article already in its story"))
    assert result.article is not None and result.updates == []
    assert (result.article.story_id, result.article.near_duplicate_of, result.article.story_size) == ("the-first-one", "the-first-one", 2)


def test_indexed_candidates_that_do_not_verify_are_not_joined(bodies: list[str]) -> None:
    other = article(bodies[4], "other")
    result = StoryAssigner().assign(article(bodies[0], "wire"), [indexed(other, other.id)], T0)
    assert result.article is not None and result.article.story_id == result.article.id


def test_the_window_forgets_what_is_older_than_it(bodies: list[str]) -> None:
    stories = StoryAssigner(window=timedelta(days=1))
    first = article(bodies[0], "wire")
    stories.assign(first, now=T0)
    stories.assign(article(bodies[1], "other"), now=T0 + timedelta(days=2))
    assert len(stories) == 1
    later = stories.assign(first, now=T0 + timedelta(days=2))
    assert later.article is not None, "no longer a duplicate: the index decides (unchanged)"


def test_the_window_is_capped(bodies: list[str]) -> None:
    stories = StoryAssigner(max_entries=2)
    for n, body in enumerate(bodies):
        stories.assign(article(body, f"outlet{n}"), now=T0 + timedelta(minutes=n))
    assert len(stories) == 2


def test_stored_signatures_and_band_keys_are_those_of_the_window(bodies: list[str]) -> None:
    stored = article(bodies[0], "wire")
    assert stored.story_minhash is not None
    signature = sign(stored.body)
    assert decode(stored.story_minhash, stored.story_shingles).jaccard(signature) == 1.0
    assert stored.story_bands == StoryIndex().band_keys(signature)
    with pytest.raises(ValueError):
        decode("AAAA", 3)
    assert signed(replace(stored, body="12 34")).story_bands == []


def test_the_sink_folds_updates_into_the_articles_of_their_batch(bodies: list[str]) -> None:
    a, b = article(bodies[0], "a"), article(bodies[1], "b")
    batch: list[Article | StoryUpdate] = [
        a,
        StoryUpdate(a.id, 2, 2),
        StoryUpdate("elsewhere", 2, 1),
        StoryUpdate("elsewhere", 3, 2),
        StoryUpdate(b.id, 5, 5),
        b,
    ]
    articles, updates = fold_story_updates(batch)
    assert [(item.id, item.story_size) for item in articles] == [(a.id, 2), (b.id, 1)], "an update before its article is older than it"
    assert updates == [StoryUpdate("elsewhere", 3, 2)]


def test_rewrapped_copies_are_found_through_stored_signatures(bodies: list[str]) -> None:
    original = article(bodies[3], "tass", "TASS")
    rewrapped = article("\n".join(textwrap.wrap(bodies[3], 60)), "mirror")
    result = StoryAssigner().assign(rewrapped, [indexed(original, original.id)], T0, lambda _: [])
    assert result.article is not None and result.article.story_id == original.id
