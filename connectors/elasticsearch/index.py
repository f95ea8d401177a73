"""The news index: a versioned index (`<alias>-v<N>`) behind an alias, from one template file.

Writes and searches go through the alias, so a later mapping change can create `<alias>-v<N+1>`,
reindex and move the alias without touching any reader or writer (`newsbeam index migrate`,
connectors/elasticsearch/migrate.py). Each index records in its mapping's `_meta` the
MAPPING_VERSION it was made with and whether its analysis has the plugin's stemming. Writers
refuse an index whose strict mapping would reject the fields they now send, naming the command
that upgrades it.
"""

from __future__ import annotations

import copy
import json
import logging
from functools import cache
from pathlib import Path
from typing import Any

from elasticsearch import AuthorizationException, BadRequestError, Elasticsearch

from connectors.elasticsearch.analysis import analysis_for, has_plugin
from connectors.elasticsearch.fields import language_properties
from foundation.settings import PROJECT_ROOT

log = logging.getLogger(__name__)

TEMPLATE_FILE = PROJECT_ROOT / "config" / "elasticsearch" / "news-template.json"
MAPPING_VERSION = 2
"""2: per-language text fields (connectors/elasticsearch/fields.py) and language analyzers."""
ANALYSIS_PLUGIN, ANALYSIS_STANDARD = "plugin", "standard"


class IndexSetupError(RuntimeError):
    """The index or its alias cannot be set up as newsbeam expects."""


@cache
def _template_file(path: Path = TEMPLATE_FILE) -> dict[str, Any]:
    body = json.loads(path.read_text(encoding="utf-8"))
    body.pop("_comment", None)
    return body


def index_template(alias: str, with_plugin: bool = True) -> dict[str, Any]:
    """The template body for indices behind `alias`; without the analysis plugin's filters unless `with_plugin`."""
    body = copy.deepcopy(_template_file())
    body["index_patterns"] = [f"{alias}-v*"]
    body["priority"] = 200
    body["_meta"] = {"managed_by": "newsbeam", "mapping_version": MAPPING_VERSION}
    template = body["template"]
    template["settings"]["analysis"] = analysis_for(template["settings"]["analysis"], with_plugin)
    template["mappings"]["properties"].update(language_properties())
    template["mappings"]["_meta"] = {
        "mapping_version": MAPPING_VERSION,
        "analysis": ANALYSIS_PLUGIN if with_plugin else ANALYSIS_STANDARD,
    }
    return body


def mapping_properties() -> dict[str, Any]:
    """The mapped fields, as the template defines them and with the per-language text fields."""
    return {**_template_file()["template"]["mappings"]["properties"], **language_properties()}


def concrete_index(alias: str) -> str:
    return f"{alias}-v{MAPPING_VERSION}"


def ensure_index(client: Elasticsearch, alias: str) -> str:
    """Install the template and create the current index behind `alias`; safe to repeat.

    Credentials that may not manage templates go on when the alias exists (set up by someone
    who may): what they may not write then becomes dead letters naming the missing privilege.
    """
    with_plugin = has_plugin(client)
    if not with_plugin:
        log.info("Elasticsearch lacks the newsbeam-analysis plugin: new indices get the standard analysis (no stemming)")
    try:
        client.indices.put_index_template(name=f"newsbeam-{alias}", **index_template(alias, with_plugin))
    except AuthorizationException as exc:
        if not _alias_visible(client, alias):
            raise IndexSetupError(
                f"these credentials may not install the index template (cluster privilege manage_index_templates) "
                f"and see no alias {alias} (index privilege view_index_metadata): {exc}"
            ) from None
        log.warning("these credentials may not update the index template of %s; writing through the existing alias", alias)
        return alias
    if client.indices.exists_alias(name=alias):
        _check_current(client, alias, with_plugin)
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


def write_index(client: Elasticsearch, alias: str) -> str:
    """The index that writes through `alias` go to."""
    aliases = client.indices.get_alias(name=alias)
    for index, entry in aliases.items():
        if entry["aliases"][alias].get("is_write_index") or len(aliases) == 1:
            return index
    raise IndexSetupError(f"the alias {alias} has no write index; newsbeam writes through an alias with one")


def index_mapping(client: Elasticsearch, index: str) -> dict[str, Any]:
    return client.indices.get_mapping(index=index)[index]["mappings"]


def _check_current(client: Elasticsearch, alias: str, with_plugin: bool) -> None:
    """Refuse an index whose strict mapping would reject the per-language fields writers now send."""
    try:
        index = write_index(client, alias)
        mapping = index_mapping(client, index)
    except AuthorizationException:
        return
    missing = set(language_properties()) - set(mapping.get("properties", {}))
    if missing and str(mapping.get("dynamic")) == "strict":
        raise IndexSetupError(
            f"{index} behind the alias {alias} was made by an older newsbeam (mapping version "
            f"{mapping.get('_meta', {}).get('mapping_version', 1)}, now {MAPPING_VERSION}) and would refuse the per-language "
            f"text fields: run `newsbeam index migrate --index {alias}` to reindex it into the current mapping (nothing is lost)"
        )
    if with_plugin and mapping.get("_meta", {}).get("analysis") == ANALYSIS_STANDARD:
        log.warning(
            "%s was created without the analysis plugin (no stemming); `newsbeam index migrate --index %s` rebuilds it with it",
            index,
            alias,
        )


def _alias_visible(client: Elasticsearch, alias: str) -> bool:
    try:
        return bool(client.indices.exists_alias(name=alias))
    except AuthorizationException:
        return False


def companion_index(alias: str, kind: str) -> str:
    """An index kept beside the news index behind `alias` (feed state, watchlists, alerts), named
    `<alias>-<kind>`: outside the template's `<alias>-v*`, so it has a mapping of its own."""
    return f"{alias}-{kind}"


def ensure_companion_index(client: Elasticsearch, index: str, mappings: dict[str, Any]) -> None:
    """Create `index` with `mappings` unless it exists; safe to repeat and to race."""
    if not _index_visible(client, index):
        client.options(ignore_status=400).indices.create(
            index=index, mappings=mappings, settings={"number_of_shards": 1, "auto_expand_replicas": "0-1"}
        )


def _index_visible(client: Elasticsearch, index: str) -> bool:
    try:
        return bool(client.indices.exists(index=index))
    except AuthorizationException:
        # The answer to a HEAD request has no body to say why; the create then names the missing
        # privilege (or finds the index).
        return False


def refresh(client: Elasticsearch, alias: str) -> None:
    """Make what was written searchable now; credentials that may only write wait for the periodic refresh."""
    try:
        client.indices.refresh(index=alias)
    except AuthorizationException:
        log.warning("these credentials may not refresh %s (index privilege maintenance); new documents show within a second", alias)
