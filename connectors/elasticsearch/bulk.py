"""Idempotent bulk indexing of Articles, with retries; plain Python, wrapped by the Beam sink.

Each Article becomes an `update` with `doc` + `upsert` under `_id = Article.id`:
- a new id is created (`created`);
- an existing document whose fields all equal the new ones is left alone: Elasticsearch's
  noop detection answers `noop`, counted as `unchanged`;
- otherwise the document's fields are replaced (`updated`).
`fetched_at` goes only into the upsert, so re-reading the same article later is still a noop
and the field keeps the time the article was first fetched. (Scripted or external-version
updates are not an option: the local node has no scripting module, and articles have no
natural version number.)

Retries: the official `streaming_bulk` helper retries 429s per item with exponential backoff;
around it, connection errors, timeouts and 5xx answers (a restarting node, say) are retried
with exponential backoff until `retry_timeout` runs out. What still fails is returned as
failed with the reason, never dropped.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import streaming_bulk

from pipelines.records import Article

log = logging.getLogger(__name__)

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
_RESULTS = {"created": CREATED, "updated": UPDATED, "noop": UNCHANGED}
_DATE_FIELDS = ("published_at", "modified_at")


@dataclass(frozen=True)
class BulkOptions:
    max_docs: int = 500
    max_bytes: int = 5 * 1024 * 1024
    max_retries: int = 8
    """How often the helper retries one item that Elasticsearch answered with 429."""
    initial_backoff: float = 1.0
    max_backoff: float = 60.0
    retry_timeout: float = 600.0
    """How long a batch keeps being retried while Elasticsearch is unreachable or failing."""


@dataclass(frozen=True)
class Outcome:
    article: Article
    result: str
    reason: str | None = None


def index_document(article: Article) -> dict[str, Any]:
    """The indexed form of an Article: `to_dict()` with every nested key present.

    Every key is sent, null included, so that an update replaces fields rather than merging
    leftovers of an older version into the new one.
    """
    document = article.to_dict()
    document["date_sources"] = {name: article.date_sources.get(name) for name in _DATE_FIELDS}
    return document


class BulkIndexer:
    """Writes batches of Articles to one index or alias and reports an Outcome for each."""

    def __init__(self, client: Elasticsearch, index: str, options: BulkOptions = BulkOptions()) -> None:
        self._client = client
        self._index = index
        self._options = options

    def write(self, articles: Sequence[Article]) -> Iterator[Outcome]:
        waiting = list(articles)
        deadline = time.monotonic() + self._options.retry_timeout
        delay = self._options.initial_backoff
        while waiting:
            waiting, reason = yield from self._attempt(waiting)
            if not waiting:
                return
            if time.monotonic() + delay > deadline:
                log.error("giving up on %d documents after %.0fs: %s", len(waiting), self._options.retry_timeout, reason)
                for article in waiting:
                    yield Outcome(article, FAILED, f"gave up after retrying for {self._options.retry_timeout:.0f}s: {reason}")
                return
            log.warning("%d documents not indexed yet (%s); retrying in %.1fs", len(waiting), reason, delay)
            time.sleep(delay)
            delay = min(delay * 2, self._options.max_backoff)

    def _attempt(self, articles: list[Article]) -> Iterator[Outcome]:
        """One pass of the helper; returns (articles to retry, why)."""
        unanswered: dict[str, deque[Article]] = defaultdict(deque)
        for article in articles:
            unanswered[article.id].append(article)
        retry: list[Article] = []
        reason = ""
        options = self._options
        try:
            for ok, item in streaming_bulk(
                self._client,
                (self._action(article) for article in articles),
                chunk_size=options.max_docs,
                max_chunk_bytes=options.max_bytes,
                max_retries=options.max_retries,
                initial_backoff=options.initial_backoff,
                max_backoff=options.max_backoff,
                raise_on_error=False,
                yield_ok=True,
            ):
                info = next(iter(item.values()))
                article = unanswered[info["_id"]].popleft()
                if ok:
                    yield Outcome(article, _RESULTS.get(info.get("result"), UPDATED))
                    continue
                status, error = info.get("status"), _describe_error(info)
                if _retryable(status):
                    retry.append(article)
                    reason = error
                else:
                    yield Outcome(article, FAILED, error)
        except ApiError as exc:
            if not _retryable(exc.meta.status):
                for article in _remaining(unanswered):
                    yield Outcome(article, FAILED, f"Elasticsearch refused the bulk request: {exc}")
                return retry, reason
            reason = f"Elasticsearch answered {exc.meta.status}: {exc.message}"
        except TransportError as exc:
            reason = f"cannot reach Elasticsearch: {exc.message}"
        return retry + _remaining(unanswered), reason

    def _action(self, article: Article) -> dict[str, Any]:
        document = index_document(article)
        changes = {key: value for key, value in document.items() if key != "fetched_at"}
        return {"_op_type": "update", "_index": self._index, "_id": article.id, "doc": changes, "upsert": document}


def _remaining(unanswered: dict[str, deque[Article]]) -> list[Article]:
    return [article for queue in unanswered.values() for article in queue]


def _retryable(status: object) -> bool:
    return isinstance(status, int) and (status == 429 or status >= 500)


def _describe_error(info: dict[str, Any]) -> str:
    error = info.get("error")
    if isinstance(error, dict):
        text = f"{error.get('type')}: {error.get('reason')}"
        cause = error.get("caused_by")
        if isinstance(cause, dict):
            text += f" (caused by {cause.get('type')}: {cause.get('reason')})"
        return f"{info.get('status')} {text}"
    return f"{info.get('status')} {error}"
