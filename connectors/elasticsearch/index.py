"""The news index: a versioned index (`<alias>-v<N>`) behind an alias, from one template file.

Writes and searches go through the alias, so a later mapping change can create `<alias>-v<N+1>`,
reindex and move the alias without touching any reader or writer.
"""

from __future__ import annotations

import copy
import json
import logging
from functools import cache
from pathlib import Path
from typing import Any

from elasticsearch import AuthorizationException, BadRequestError, Elasticsearch

from foundation.settings import PROJECT_ROOT

log = logging.getLogger(__name__)

TEMPLATE_FILE = PROJECT_ROOT / "config" / "elasticsearch" / "news-template.json"
MAPPING_VERSION = 1


class IndexSetupError(RuntimeError):
    """The index or its alias cannot be set up as newsbeam expects."""


@cache
def _template_file(path: Path = TEMPLATE_FILE) -> dict[str, Any]:
    body = json.loads(path.read_text(encoding="utf-8"))
    body.pop("_comment", None)
    return body


def index_template(alias: str) -> dict[str, Any]:
    """The template body for indices behind `alias`."""
    body = copy.deepcopy(_template_file())
    body["index_patterns"] = [f"{alias}-v*"]
    body["priority"] = 200
    body["_meta"] = {"managed_by": "newsbeam", "mapping_version": MAPPING_VERSION}
    return body


def mapping_properties() -> dict[str, Any]:
    """The mapped fields, as the template defines them."""
    return _template_file()["template"]["mappings"]["properties"]


def concrete_index(alias: str) -> str:
    return f"{alias}-v{MAPPING_VERSION}"


def ensure_index(client: Elasticsearch, alias: str) -> str:
    """Install the template and create the current index behind `alias`; safe to repeat.

    Credentials that may not manage templates go on when the alias exists (set up by someone
    who may): what they may not write then becomes dead letters naming the missing privilege.
    """
    try:
        client.indices.put_index_template(name=f"newsbeam-{alias}", **index_template(alias))
    except AuthorizationException as exc:
        if not _alias_visible(client, alias):
            raise IndexSetupError(
                f"these credentials may not install the index template (cluster privilege manage_index_templates) "
                f"and see no alias {alias} (index privilege view_index_metadata): {exc}"
            ) from None
        log.warning("these credentials may not update the index template of %s; writing through the existing alias", alias)
        return alias
    if client.indices.exists_alias(name=alias):
        return alias
    if client.indices.exists(index=alias):
        raise IndexSetupError(f"{alias} is an index, not an alias; newsbeam writes through an alias (pick another --index)")
    index = concrete_index(alias)
    try:
        client.indices.create(index=index, aliases={alias: {"is_write_index": True}})
        log.info("created index %s behind alias %s", index, alias)
    except BadRequestError as exc:
        if exc.error != "resource_already_exists_exception":
            raise
        client.indices.put_alias(index=index, name=alias, is_write_index=True)
    return alias


def _alias_visible(client: Elasticsearch, alias: str) -> bool:
    try:
        return bool(client.indices.exists_alias(name=alias))
    except AuthorizationException:
        return False


def refresh(client: Elasticsearch, alias: str) -> None:
    """Make what was written searchable now; credentials that may only write wait for the periodic refresh."""
    try:
        client.indices.refresh(index=alias)
    except AuthorizationException:
        log.warning("these credentials may not refresh %s (index privilege maintenance); new documents show within a second", alias)
