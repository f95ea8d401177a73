"""Idempotent bulk indexing of Articles, with retries; plain Python, wrapped by the Beam sink.

Every Article is written under `_id = Article.id`, first as a `create`: a new id costs what a
plain bulk index costs (`created`). Ids that exist already (409) go on as an `update` with
`doc` + `upsert`:
- an existing document whose fields all equal the new ones is left alone: Elasticsearch's
  noop detection answers `noop`, counted as `unchanged`;
- otherwise the document's fields are replaced (`updated`).
`fetched_at` goes only into created documents, so re-reading the same article later is still a
noop and the field keeps the time the article was first fetched. (Scripted or external-version
updates are not an option: the local node has no scripting module, and articles have no
natural version number.)

Retries: items answered 429 or 5xx, and whole requests that time out, lose their connection or
are answered so (a node whose write queue is full, a restarting node), are sent again with
exponential backoff until `retry_timeout` runs out; `on_retry` hears how many each time. What
still fails is returned as failed with the reason, never dropped. The official `streaming_bulk`
helper could retry 429s itself, but silently: doing it here logs every retry with its reason
and lets a run count them, so a user sees that the cluster pushed back.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict, deque
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import streaming_bulk

from connectors.elasticsearch.fields import with_language_fields
from foundation.records import Article
from foundation.vocabulary import IndexResult

log = logging.getLogger(__name__)

CREATE, UPDATE = "create", "update"
_RESULTS = {"created": IndexResult.CREATED, "updated": IndexResult.UPDATED, "noop": IndexResult.UNCHANGED}
_DATE_FIELDS = ("published_at", "modified_at")

_Item = tuple[Article, str]
"""An article and the bulk action (CREATE or UPDATE) it is to be sent with."""


@dataclass(frozen=True)
class BulkOptions:
    max_docs: int = 500
    max_bytes: int = 5 * 1024 * 1024
    initial_backoff: float = 1.0
    max_backoff: float = 60.0
    retry_timeout: float = 600.0
    """How long a batch keeps being retried while Elasticsearch is unreachable or failing."""


@dataclass(frozen=True)
class Outcome:
    article: Article
    result: IndexResult
    reason: str | None = None


def index_document(article: Article) -> dict[str, Any]:
    """The indexed form of an Article: `to_dict()` with every nested key present.

    Every key is sent, null included, so that an update replaces fields rather than merging
    leftovers of an older version into the new one.
    """
    document = article.to_dict()
    document["date_sources"] = {name: article.date_sources.get(name) for name in _DATE_FIELDS}
    return with_language_fields(document)


class BulkIndexer:
    """Writes batches of Articles to one index or alias and reports an Outcome for each."""

    def __init__(
        self,
        client: Elasticsearch,
        index: str,
        options: BulkOptions = BulkOptions(),
        on_retry: Callable[[int], None] | None = None,
    ) -> None:
        self._client = client
        self._index = index
        self._options = options
        self._on_retry = on_retry

    def write(self, articles: Sequence[Article]) -> Iterator[Outcome]:
        pending = [(article, CREATE) for article in articles]
        deadline = time.monotonic() + self._options.retry_timeout
        delay = self._options.initial_backoff
        while pending:
            existing, transient, reason = yield from self._attempt(pending)
            pending = existing + transient
            if not transient:
                continue
            if time.monotonic() + delay > deadline:
                log.error("giving up on %d documents after %.0fs: %s", len(transient), self._options.retry_timeout, reason)
                for article, _ in transient:
                    yield Outcome(article, IndexResult.FAILED, f"gave up after retrying for {self._options.retry_timeout:.0f}s: {reason}")
                pending = existing
                continue
            log.warning("%d documents not indexed yet (%s); retrying in %.1fs", len(transient), reason, delay)
            if self._on_retry is not None:
                self._on_retry(len(transient))
            time.sleep(delay)
            delay = min(delay * 2, self._options.max_backoff)

    def _attempt(self, items: list[_Item]) -> Generator[Outcome, None, tuple[list[_Item], list[_Item], str]]:
        """One pass of the helper. Returns (ids found to exist, to update at once;
        items that failed transiently, to retry after a backoff; why they failed)."""
        unanswered: dict[str, deque[_Item]] = defaultdict(deque)
        for item in items:
            unanswered[item[0].id].append(item)
        existing: list[_Item] = []
        transient: list[_Item] = []
        reason = ""
        options = self._options
        try:
            for ok, response in streaming_bulk(
                self._client,
                (self._action(article, mode) for article, mode in items),
                chunk_size=options.max_docs,
                max_chunk_bytes=options.max_bytes,
                max_retries=0,
                raise_on_error=False,
                yield_ok=True,
            ):
                info = next(iter(response.values()))
                article, mode = unanswered[info["_id"]].popleft()
                status = info.get("status")
                if ok:
                    yield Outcome(article, _RESULTS.get(info.get("result"), IndexResult.UPDATED))
                elif mode == CREATE and status == 409:
                    existing.append((article, UPDATE))
                elif _retryable(status):
                    transient.append((article, mode))
                    reason = _describe_error(info)
                else:
                    yield Outcome(article, IndexResult.FAILED, _describe_error(info))
        except ApiError as exc:
            if not _retryable(exc.meta.status):
                for article, _ in _remaining(unanswered):
                    yield Outcome(article, IndexResult.FAILED, f"Elasticsearch refused the bulk request: {exc}")
                return existing, transient, reason
            reason = f"Elasticsearch answered {exc.meta.status}: {exc.message}"
        except TransportError as exc:
            reason = f"cannot reach Elasticsearch: {exc.message}"
        return existing, transient + _remaining(unanswered), reason

    def _action(self, article: Article, mode: str) -> dict[str, Any]:
        document = index_document(article)
        if mode == CREATE:
            return {"_op_type": "create", "_index": self._index, "_id": article.id, "_source": document}
        changes = {key: value for key, value in document.items() if key != "fetched_at"}
        return {"_op_type": "update", "_index": self._index, "_id": article.id, "doc": changes, "upsert": document}


def _remaining(unanswered: dict[str, deque[_Item]]) -> list[_Item]:
    return [item for queue in unanswered.values() for item in queue]


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
