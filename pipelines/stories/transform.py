"""`AssignStories`: the Beam steps that put each article in its story, thin wrappers around `StoryAssigner`.

1. `Sign` (in parallel): the body's MinHash and band keys, stored on the article.
2. `FindIndexed` (in parallel, batched): one `msearch` per batch finds indexed articles sharing a
   band (and the article itself), so later runs and other workers compare with what is indexed.
3. `Assign`: one stateful DoFn under a single key, so that copies meet wherever they were read,
   holds the window (a `StoryAssigner`) in its worker's memory, checked against a generation in
   keyed state (`windows.py` says why the window itself is not the state). Keyed state instead of
   a GroupByKey: nothing waits for the end of the input, so memory stays flat in the number of
   documents and indexing starts with the first article.

Out comes one PCollection, in order, of Articles (with their story fields) and `StoryUpdate`s for
the other members of stories that grew: the sink writes both, so an update never overtakes the
article it updates. Exact duplicates (the same id within the window) are counted as `duplicates`
and not sent on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import apache_beam as beam
from apache_beam.coders import StrUtf8Coder
from apache_beam.transforms.userstate import ReadModifyWriteStateSpec

from connectors.elasticsearch.client import make_client
from connectors.elasticsearch.stories import IndexedArticle, IndexedMember, find_candidates, story_members
from foundation.metrics import counter
from foundation.records import Article, StoryUpdate
from foundation.settings import ElasticsearchSettings, StoriesSettings
from pipelines.stories.assign import StoryAssigner
from pipelines.stories.stored import signed
from pipelines.stories.windows import hold, new_window_id, release, window_for_bundle

log = logging.getLogger(__name__)

LOOKUP_BATCH = 100
_KEY = "stories"


class AssignStories(beam.PTransform):
    """Articles in; Articles with their story fields and `StoryUpdate`s out (see the module)."""

    def __init__(self, es: ElasticsearchSettings, index: str, settings: StoriesSettings, *, prefer_complete: bool) -> None:
        super().__init__()
        self._es = es
        self._index = index
        self._settings = settings
        self._prefer_complete = prefer_complete

    def expand(self, articles: beam.PCollection[Article]) -> beam.PCollection[Article | StoryUpdate]:
        return (
            articles
            | "Sign" >> beam.Map(signed)
            | "Batch" >> beam.BatchElements(min_batch_size=1, max_batch_size=LOOKUP_BATCH)
            # Typed so the key coder is deterministic, as keyed state needs.
            | "FindIndexed" >> beam.ParDo(_FindIndexedFn(self._es, self._index)).with_output_types(tuple[str, Any])
            | "Assign" >> beam.ParDo(_AssignFn(self._es, self._index, self._settings, self._prefer_complete))
        )


class _FindIndexedFn(beam.DoFn):
    def __init__(self, es: ElasticsearchSettings, index: str) -> None:
        self._es = es
        self._index = index

    def setup(self) -> None:
        self._client = make_client(self._es)

    def process(self, batch: list[Article]) -> Iterator[tuple[str, tuple[Article, list[IndexedArticle]]]]:
        found = find_candidates(self._client, self._index, [(article.id, article.story_bands) for article in batch])
        for article, candidates in zip(batch, found, strict=True):
            yield _KEY, (article, candidates)

    def teardown(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()


class _AssignFn(beam.DoFn):
    GENERATION = ReadModifyWriteStateSpec("stories_generation", StrUtf8Coder())

    def __init__(self, es: ElasticsearchSettings, index: str, settings: StoriesSettings, prefer_complete: bool) -> None:
        self._es = es
        self._index = index
        self._settings = settings
        self._prefer_complete = prefer_complete
        self._duplicates = counter("duplicates")
        self._window_id = new_window_id()

    def setup(self) -> None:
        self._client = make_client(self._es)
        hold(self._window_id)

    def start_bundle(self) -> None:
        self._assigner: StoryAssigner | None = None

    def process(
        self, element: tuple[str, tuple[Article, list[IndexedArticle]]], generation=beam.DoFn.StateParam(GENERATION)
    ) -> Iterator[Article | StoryUpdate]:
        _, (article, candidates) = element
        if self._assigner is None:
            # Once a bundle: the state's generation says whether this worker's window is still the one to use.
            self._assigner, following = window_for_bundle(self._window_id, generation.read(), self._new_window)
            generation.write(following)
        assigner = self._assigner
        try:
            assignment = assigner.assign(article, candidates, datetime.now(UTC), self._members)
        except Exception:  # a bug on one article must not stop the run nor lose the article: it stands alone
            log.exception("could not assign a story to %s; indexed as a story of its own", article.source)
            yield article
            return
        if assignment.article is None:
            self._duplicates.inc()
            return
        yield assignment.article
        yield from assignment.updates

    def _new_window(self) -> StoryAssigner:
        return StoryAssigner(
            window=timedelta(days=self._settings.window_days), max_entries=self._settings.max_entries, prefer_complete=self._prefer_complete
        )

    def _members(self, story_id: str) -> list[IndexedMember] | None:
        try:
            return story_members(self._client, self._index, story_id)
        except Exception as exc:  # the story's figures then count from what the index said; nothing is lost
            log.warning("could not read the members of story %s (%s: %s)", story_id, type(exc).__name__, exc)
            return None

    def teardown(self) -> None:
        release(self._window_id)
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
