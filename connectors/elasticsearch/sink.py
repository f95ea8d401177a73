"""`WriteToElasticsearch`: the Beam sink for Articles (Python has no ElasticsearchIO; Beam Java's is the model).

Batches are bounded by documents (BatchElements) and bytes (the bulk helper's chunking), ids are
`Article.id` so any replay is idempotent, and what cannot be indexed comes out of the `failed`
output as DeadLetters instead of failing the pipeline. The index or alias must exist
(`connectors.elasticsearch.index.ensure_index`, run by the launcher).

`StoryUpdate`s may come in the same PCollection (after the article they follow): within a batch,
one for an article of that batch is folded into it (a `create` answered 409 is retried as a full
update after the batch's other actions, which would undo a partial update sent beside it); the
others become partial updates once the batch's articles are written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import apache_beam as beam
from apache_beam import pvalue

from connectors.dead_letters import FAILED
from connectors.elasticsearch.bulk import BulkIndexer, BulkOptions
from connectors.elasticsearch.client import make_client
from connectors.elasticsearch.stories import update_stories
from foundation.metrics import counter
from foundation.records import Article, DeadLetter, StoryUpdate
from foundation.settings import ElasticsearchSettings
from foundation.vocabulary import IndexResult, Stage

INDEXED = "indexed"
_COUNTER_OF = {
    IndexResult.CREATED: "created",
    IndexResult.UPDATED: "updated",
    IndexResult.UNCHANGED: "unchanged",
    IndexResult.FAILED: "failed_index",
}


class WriteToElasticsearch(beam.PTransform):
    """Articles (and StoryUpdates) in; outputs `indexed` ((id, result) pairs) and `failed` (DeadLetters)."""

    def __init__(self, settings: ElasticsearchSettings, index: str, options: BulkOptions = BulkOptions()) -> None:
        super().__init__()
        self._settings = settings
        self._index = index
        self._options = options

    def expand(self, articles: beam.PCollection[Article | StoryUpdate]) -> pvalue.DoOutputsTuple:
        size = self._options.max_docs
        return (
            articles
            | "Batch" >> beam.BatchElements(min_batch_size=size, max_batch_size=size)
            | "Bulk" >> beam.ParDo(_BulkWriteFn(self._settings, self._index, self._options)).with_outputs(FAILED, main=INDEXED)
        )


class _BulkWriteFn(beam.DoFn):
    def __init__(self, settings: ElasticsearchSettings, index: str, options: BulkOptions) -> None:
        self._settings = settings
        self._index = index
        self._options = options
        self._counters = {result: counter(name) for result, name in _COUNTER_OF.items()}
        self._retried = counter("retried_index")

    def setup(self) -> None:
        # The bulk layer does its own backoff; the client's immediate retries would only add load.
        self._client = make_client(self._settings, max_retries=0, retry_on_timeout=False)
        self._indexer = BulkIndexer(self._client, self._index, self._options, on_retry=self._retried.inc)

    def process(self, batch: list[Article | StoryUpdate]) -> Iterator[object]:
        articles, updates = fold_story_updates(batch)
        for outcome in self._indexer.write(articles):
            self._counters[outcome.result].inc()
            article = outcome.article
            if outcome.result == IndexResult.FAILED:
                letter = DeadLetter(stage=Stage.INDEX, source=article.source, reason=outcome.reason or "unknown", article=article.to_dict())
                yield pvalue.TaggedOutput(FAILED, letter)
            else:
                yield article.id, outcome.result
        if updates:
            update_stories(self._client, self._index, updates, self._options.max_docs)

    def teardown(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()


def fold_story_updates(batch: Sequence[Article | StoryUpdate]) -> tuple[list[Article], list[StoryUpdate]]:
    """The batch's articles with the figures of the updates that follow them, and the other updates (the last for each id)."""
    articles: list[Article] = []
    position: dict[str, int] = {}
    updates: dict[str, StoryUpdate] = {}
    for item in batch:
        if isinstance(item, Article):
            position[item.id] = len(articles)
            articles.append(item)
            updates.pop(item.id, None)
        elif item.article_id in position:
            at = position[item.article_id]
            articles[at] = replace(articles[at], story_size=item.story_size, story_outlets=item.story_outlets)
        else:
            updates[item.article_id] = item
    return articles, list(updates.values())
