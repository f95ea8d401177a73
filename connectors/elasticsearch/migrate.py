"""Reindexing the news index into a new version of the current template, behind the same alias.

`<alias>-v<N>` is copied into `<alias>-v<N+1>` (the next free number), made from the template
installed now: the current mapping, and the analysis plugin's stemming when the node has it.
The copy goes through the client (scroll + bulk) rather than `_reindex`, because each document
gains fields derived from it (its language's text fields) and the local node has no scripting
module to derive them. The source is made read-only first, so a writer that runs meanwhile fails
loudly (its articles go to dead letters) instead of writing what the copy would miss. The alias
moves in one atomic `_aliases` call only when the copy holds as many documents as the source;
otherwise the source is made writable again and stays behind the alias.

The old index is kept, read-only, for whoever wants to compare or roll back; deleting it is theirs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import scan, streaming_bulk

from connectors.elasticsearch.analysis import has_plugin
from connectors.elasticsearch.fields import with_language_fields
from connectors.elasticsearch.index import ANALYSIS_PLUGIN, ANALYSIS_STANDARD, IndexSetupError, index_template, write_index

log = logging.getLogger(__name__)

_BATCH = 500
_SCROLL = "5m"
_ERRORS_SHOWN = 3

Progress = Callable[[int, int], None]
"""Called with (documents copied, documents in all) as the copy goes on."""


class MigrationError(RuntimeError):
    """The migration stopped; the alias still points to the old index, which is writable again."""


class CountMismatch(MigrationError):
    """The new index does not hold every document of the old one."""


@dataclass(frozen=True)
class Migration:
    alias: str
    source: str
    target: str
    documents: int
    analysis: str


def migrate(client: Elasticsearch, alias: str, progress: Progress = lambda done, total: None) -> Migration:
    """Copy the index behind `alias` into a new version of the current template and move the alias to it."""
    if not client.indices.exists_alias(name=alias):
        raise MigrationError(f"there is no alias {alias} to migrate (newsbeam replay or watch creates it)")
    source = write_index(client, alias)
    with_plugin = has_plugin(client)
    client.indices.put_index_template(name=f"newsbeam-{alias}", **index_template(alias, with_plugin))
    target = next_index(client, alias)
    client.indices.create(index=target)
    log.info("copying %s into %s", source, target)
    _set_read_only(client, source, True)
    try:
        total = client.count(index=source)["count"]
        progress(0, total)
        copied = _copy(client, source, target, total, progress)
        client.indices.refresh(index=target)
        found = client.count(index=target)["count"]
        if copied != total or found != total:
            raise CountMismatch(
                f"{source} holds {total} documents but {target} got {found} ({copied} copied); the alias {alias} stays on {source}, "
                f"{target} is left for inspection"
            )
        client.indices.update_aliases(
            actions=[
                {"remove": {"index": source, "alias": alias}},
                {"add": {"index": target, "alias": alias, "is_write_index": True}},
            ]
        )
    except BaseException:
        _set_read_only(client, source, False)
        raise
    analysis = ANALYSIS_PLUGIN if with_plugin else ANALYSIS_STANDARD
    log.info("moved the alias %s from %s to %s (%d documents, %s analysis)", alias, source, target, total, analysis)
    return Migration(alias, source, target, total, analysis)


def next_index(client: Elasticsearch, alias: str) -> str:
    """`<alias>-v<N+1>` for the highest N among the alias's versioned indices (any left over from an earlier try included)."""
    pattern = re.compile(rf"^{re.escape(alias)}-v(\d+)$")
    existing = client.indices.get(index=f"{alias}-v*", expand_wildcards="all", allow_no_indices=True)
    numbers = [int(match[1]) for name in existing if (match := pattern.match(name))]
    return f"{alias}-v{max(numbers, default=0) + 1}"


def _copy(client: Elasticsearch, source: str, target: str, total: int, progress: Progress) -> int:
    copied, errors = 0, list[str]()
    results = streaming_bulk(client, _actions(client, source, target), chunk_size=_BATCH, raise_on_error=False, max_retries=5)
    for ok, item in results:
        if ok:
            copied += 1
            if copied % _BATCH == 0:
                progress(copied, total)
        elif len(errors) < _ERRORS_SHOWN:
            errors.append(str(next(iter(item.values())).get("error")))
    progress(copied, total)
    if errors:
        raise CountMismatch(f"{total - copied} of {total} documents could not be copied from {source} to {target}: {'; '.join(errors)}")
    return copied


def _actions(client: Elasticsearch, source: str, target: str) -> Iterator[dict[str, Any]]:
    for hit in scan(client, index=source, size=_BATCH, scroll=_SCROLL):
        yield {"_op_type": "index", "_index": target, "_id": hit["_id"], "_source": with_language_fields(hit["_source"])}


def _set_read_only(client: Elasticsearch, index: str, read_only: bool) -> None:
    try:
        # None resets the setting, leaving the index as it was before.
        client.indices.put_settings(index=index, settings={"index.blocks.write": True if read_only else None})
    except (ApiError, TransportError) as exc:
        raise IndexSetupError(f"cannot {'block' if read_only else 'unblock'} writes to {index}: {exc}") from None
