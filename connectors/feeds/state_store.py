"""What `watch` remembers about each feed, kept in Elasticsearch so that a restart resumes it.

One JSON document per feed (id: the feed's name) in `<alias>-feed-state`: the feed's `FeedState`
(validators, backoff, next poll) and its `EntryLog`, written as each poll completes. Neither is
searchable (`enabled: false`): the index is storage, not something to query.

A poll's pages reach the news index after its state is saved, so a run killed in between would
remember entries that were never indexed. `load` therefore asks the news index which of the
remembered entries it holds and forgets the others, and drops the feed's validators so that the
next poll gets the whole feed and processes them again (if the feed still lists them).
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, fields, replace
from typing import Any

from elasticsearch import AuthorizationException, Elasticsearch

from connectors.elasticsearch.index import companion_index, ensure_companion_index
from connectors.feeds.entry_log import EntryLog
from connectors.feeds.polling import FeedState

log = logging.getLogger(__name__)

# The newest entries of a feed checked against the news index on load (within Elasticsearch's
# default 10,000-hit window); older ones were indexed, or dead-lettered, long before the restart.
_CHECKED_ENTRIES = 5000

_MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "feed": {"type": "keyword"},
        "url": {"type": "keyword", "index": False},
        "saved_at": {"type": "double", "index": False},
        "state": {"type": "object", "enabled": False},
        "entries": {"type": "object", "enabled": False},
    },
}


def state_index(alias: str) -> str:
    """The state index of the news index behind `alias`."""
    return companion_index(alias, "feed-state")


def ensure_state_index(client: Elasticsearch, alias: str) -> None:
    """Create the state index unless it exists; safe to repeat and to race."""
    ensure_companion_index(client, state_index(alias), _MAPPING)


class FeedStateStore:
    """Loads and saves each feed's state in the state index of `alias`."""

    def __init__(self, client: Elasticsearch, alias: str) -> None:
        self._client = client
        self._alias = alias
        self._index = state_index(alias)
        self._refreshed = False

    def save(self, feed_name: str, url: str, state: FeedState, entries: EntryLog) -> None:
        document = {"feed": feed_name, "url": url, "saved_at": time.time(), "state": asdict(state), "entries": entries.to_dict()}
        self._client.index(index=self._index, id=feed_name, document=document)

    def load(self, feed_name: str, url: str, entries: EntryLog) -> FeedState | None:
        """The saved state of a feed, its remembered entries restored into `entries` (minus those
        the news index does not hold); None when nothing was saved. A feed whose URL changed keeps
        its entries but not its validators and schedule, which belonged to the old URL."""
        found = self._client.options(ignore_status=404).get(index=self._index, id=feed_name)
        if not found.get("found"):
            return None
        saved = found["_source"]
        entries.restore(saved["entries"])
        known = {f.name for f in fields(FeedState)}
        state = FeedState(**{name: value for name, value in saved["state"].items() if name in known})
        if saved["url"] != url:
            log.info("feed %s: its URL changed; polling it afresh", feed_name)
            state = FeedState()
        settled = entries.settled(_CHECKED_ENTRIES)
        try:
            missing = self._not_indexed(feed_name, settled)
        except AuthorizationException as exc:
            # Credentials that may not search the news (a writer role older than operations/roles.py) cannot tell what was
            # indexed: processing the entries again costs downloads, trusting them could lose some.
            log.warning(
                "feed %s: the index cannot be searched with these credentials (%s); its remembered entries are processed again",
                feed_name,
                exc.message,
            )
            missing = set(settled)
        if missing:
            log.info("feed %s: %d entries remembered but not in the index; processing them again", feed_name, len(missing))
            entries.forget(missing)
            # Without validators the next poll gets the whole feed (not a 304), so it lists them again.
            state = replace(state, etag=None, last_modified=None)
        return state

    def _not_indexed(self, feed_name: str, settled: dict[str, str | None]) -> set[str]:
        """The keys of `settled` whose article is not in the news index: looked up by page URL
        (as fetched or canonical), or for an entry without a link by its source, `<feed>#<key>`."""
        if not settled:
            return set()
        links = sorted({link for link in settled.values() if link})
        sources = [f"{feed_name}#{key}" for key, link in settled.items() if not link]
        should = [{"terms": {"url": links}}, {"terms": {"canonical_url": links}}] if links else []
        if sources:
            should.append({"terms": {"source": sources}})
        # Fresh writes too (a run killed just after indexing): one refresh shows every write of
        # earlier runs, so once per store, not once per feed (a thousand feeds, a thousand
        # refreshes of the news index at start). The size leaves room for an entry matching two
        # documents, one by url and one by canonical_url.
        if not self._refreshed:
            self._client.indices.refresh(index=self._alias)
            self._refreshed = True
        response = self._client.search(
            index=self._alias,
            query={"bool": {"should": should}},
            size=min(2 * len(settled), 10_000),
            source_includes=["url", "canonical_url", "source"],
        )
        indexed: set[str] = set()
        for hit in response["hits"]["hits"]:
            indexed.update(value for value in hit["_source"].values() if value)
        return {key for key, link in settled.items() if (link or f"{feed_name}#{key}") not in indexed}
