"""The index's text analysis, chosen when an index is created from what the node can run.

The template (config/elasticsearch/news-template.json) defines one analyzer per language,
`news_<language>`, from the standard tokenizer, Elasticsearch's core lowercase and stop filters
and the token filters of newsbeam's analysis plugin (`newsbeam_*`: stemmers, elision, English
possessive, ASCII folding). A node without the plugin would refuse such an index, so there the
same analyzers are defined without the plugin's filters: the mapping stays the same and search
works, only without stemming, until `newsbeam index migrate` rebuilds the index on a node that has it.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from elasticsearch import ApiError, AuthorizationException, Elasticsearch

log = logging.getLogger(__name__)

PLUGIN_NAME = "newsbeam-analysis"
PLUGIN_FILTER_PREFIX = "newsbeam_"


def node_plugins(client: Elasticsearch) -> frozenset[str] | None:
    """The plugins every node of the cluster has, or None when these credentials may not ask."""
    try:
        nodes = client.nodes.info(metric="plugins", filter_path="nodes.*.plugins.name")
    except AuthorizationException:
        return None
    per_node = [{plugin["name"] for plugin in node.get("plugins", [])} for node in nodes.get("nodes", {}).values()]
    return frozenset(set.intersection(*per_node)) if per_node else frozenset()


def has_plugin(client: Elasticsearch) -> bool:
    """Whether the cluster can run the plugin's filters (asked of the cluster when it may not list plugins)."""
    plugins = node_plugins(client)
    if plugins is not None:
        return PLUGIN_NAME in plugins
    try:
        client.indices.analyze(tokenizer="standard", filter=[f"{PLUGIN_FILTER_PREFIX}english_stem"], text="elections")
    except AuthorizationException:
        # Guessing "yes" would make the index creation fail on a node without it; "no" only costs stemming.
        log.warning("these credentials may not ask whether the node has the %s plugin: new indices get the standard analysis", PLUGIN_NAME)
        return False
    except ApiError:
        return False
    return True


def analysis_for(analysis: dict[str, Any], with_plugin: bool) -> dict[str, Any]:
    """The template's analysis settings, without the plugin's filters when the node lacks it."""
    chosen = copy.deepcopy(analysis)
    if with_plugin:
        return chosen
    for analyzer in chosen.get("analyzer", {}).values():
        if "filter" in analyzer:
            analyzer["filter"] = [name for name in analyzer["filter"] if not _from_plugin(name)]
    return chosen


def _from_plugin(name: Any) -> bool:
    return isinstance(name, str) and name.startswith(PLUGIN_FILTER_PREFIX)
