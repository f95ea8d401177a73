"""A watchlist: a named search (the query syntax and filters of `newsbeam search`) with notifiers.

Watchlists are stored in Elasticsearch, one document per watchlist (id: its name) in
`<alias>-watchlists`, so every `watch` process and Kibana user of the cluster shares them and a
watchlist added while `watch` runs is picked up on its next reload. Notifier secrets (webhook
secrets, SMTP passwords) are stored there too (`enabled: false`: kept, never searchable) and are
`SecretStr` everywhere else, so they never reach a repr, a log line or `watchlist list`; restrict
who may read the index with Elasticsearch's roles.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

from elasticsearch import Elasticsearch
from pydantic import Field, SecretStr, ValidationError

from connectors.elasticsearch.index import companion_index, ensure_companion_index
from connectors.notifiers.email import EmailConfig
from connectors.notifiers.webhook import WebhookConfig
from foundation.config_files import StrictModel
from pipelines.search import SearchRequest, build_query

log = logging.getLogger(__name__)

Notifier = Annotated[WebhookConfig | EmailConfig, Field(discriminator="type")]

_MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "name": {"type": "keyword"},
        "query": {"type": "text"},
        "publishers": {"type": "keyword"},
        "tags": {"type": "keyword"},
        "languages": {"type": "keyword"},
        "updates": {"type": "boolean"},
        "digest_minutes": {"type": "float"},
        "notifiers": {"type": "object", "enabled": False},
    },
}


class Watchlist(StrictModel):
    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}$")
    query: str = ""
    """Lucene query syntax over title, subtitle, description and body, as `newsbeam search`."""
    publishers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    updates: bool = False
    """Notify again when a matching article is updated (a new version of its content)."""
    digest_minutes: float | None = Field(default=None, gt=0, le=7 * 24 * 60)
    """Collect the alerts and send one message every so many minutes, instead of one per article."""
    notifiers: tuple[Notifier, ...] = ()

    def search_query(self, ids: Sequence[str] | None = None) -> dict[str, Any]:
        """The watchlist's search, as `newsbeam search` builds it, restricted to the articles `ids` if given."""
        query = build_query(SearchRequest(self.query, publishers=self.publishers, tags=self.tags))
        filters = query["bool"]["filter"]
        # `newsbeam search` has no language filter; the field is a keyword holding the ISO code.
        if self.languages:
            filters.append({"terms": {"language": list(self.languages)}})
        if ids is not None:
            filters.append({"ids": {"values": list(ids)}})
        return query

    def stored(self) -> dict[str, Any]:
        """The document kept in the watchlists index: everything, secrets included."""
        return _revealed(self.model_dump())

    def shown(self) -> dict[str, Any]:
        """What `watchlist list` prints: secrets replaced by whether one is set."""
        return self.model_dump(mode="json")


def _revealed(value: Any) -> Any:
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {key: _revealed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_revealed(item) for item in value]
    return value


def watchlist_index(alias: str) -> str:
    """The watchlists of the news index behind `alias`."""
    return companion_index(alias, "watchlists")


def ensure_watchlist_index(client: Elasticsearch, alias: str) -> None:
    """Create the watchlists index unless it exists; safe to repeat and to race."""
    ensure_companion_index(client, watchlist_index(alias), _MAPPING)


class WatchlistExists(ValueError):
    """`add` of a name that is taken (without `replace`)."""


class WatchlistStore:
    """The watchlists of one news index."""

    def __init__(self, client: Elasticsearch, alias: str) -> None:
        self._client = client
        self._index = watchlist_index(alias)
        self._alias = alias
        self._skipped: dict[str, str] = {}
        """Watchlists skipped on the last load, and why: each is warned about once, not at every reload."""

    def add(self, watchlist: Watchlist, replace: bool = False) -> None:
        ensure_watchlist_index(self._client, self._alias)
        response = self._client.options(ignore_status=409).index(
            index=self._index, id=watchlist.name, document=watchlist.stored(), op_type="index" if replace else "create", refresh=True
        )
        if response.meta.status == 409:
            raise WatchlistExists(f"a watchlist named {watchlist.name!r} exists; remove it first or replace it")

    def remove(self, name: str) -> bool:
        response = self._client.options(ignore_status=404).delete(index=self._index, id=name, refresh=True)
        return response.get("result") == "deleted"

    def get(self, name: str) -> Watchlist | None:
        found = self._client.options(ignore_status=404).get(index=self._index, id=name)
        return Watchlist.model_validate(found["_source"]) if found.get("found") else None

    def load(self) -> list[Watchlist]:
        """Every readable watchlist, by name; one that no longer validates is skipped, with a warning
        the first time (and again if its problems change)."""
        response = self._client.options(ignore_status=404).search(index=self._index, size=10_000, sort=["name"])
        if response.meta.status == 404:
            return []
        watchlists = []
        skipped: dict[str, str] = {}
        for hit in response["hits"]["hits"]:
            try:
                watchlists.append(Watchlist.model_validate(hit["_source"]))
            except ValidationError as exc:
                # The message names the fields, never their values (a secret may be one).
                skipped[hit["_id"]] = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
                if self._skipped.get(hit["_id"]) != skipped[hit["_id"]]:
                    log.warning("watchlist %s skipped, it cannot be read: %s", hit["_id"], skipped[hit["_id"]])
        self._skipped = skipped
        return watchlists
