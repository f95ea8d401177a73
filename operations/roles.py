"""The least privileges newsbeam's commands need on a secured cluster, as Elasticsearch role descriptors.

The same bodies serve as a role (`roles.yml`, `PUT _security/role/NAME`) or as the
`role_descriptors` of an API key. They were narrowed against a secured node
(tests/test_secured_cluster.py), for the alias `<alias>`:
- writer (replay, watch, with alerts and stories; also `index migrate`, which needs nothing more):
  install the index template (`manage_index_templates`: Elasticsearch has no narrower privilege);
  ask which plugins the nodes have, to give new indices the analysis plugin's stemming (the cluster
  action `cluster:monitor/nodes/info` alone: the `monitor` privilege would also show the cluster
  state, every index's mappings and settings included); create `<alias>-v<N>` behind the alias,
  which needs `manage` on both (there is no narrower privilege for aliases; it also covers the
  refresh before alert matching and after a replay, and migrate's write block and alias move);
  write documents (`index`: create, and update for story figures); `read` the news, because the
  stories lookup, the alert matching and `watch`'s check of remembered entries search it; keep
  `watch`'s feed state in `<alias>-feed-state`; `read` the watchlists (their notifiers' secrets
  sign what is sent); create `<alias>-alerts` and claim and record alerts in it (`create_index`,
  `view_index_metadata` to see that it exists, `index`). It cannot change watchlists, nor read the alerts.
- reader (search, stories, Kibana): search through the alias and read the alerts (Kibana's
  Alerts panel) (`read`); `view_index_metadata` lets a command see that an index exists, so a
  reader used by mistake for a replay gets dead letters naming the missing privilege instead of
  a failed index setup. It cannot read the watchlists, which hold the notifiers' secrets.
- editor (watchlist add, list, remove, test): keep the watchlists (`create_index`,
  `view_index_metadata`, `read`, `write`: remove deletes); search the news for `test`; see and
  claim alerts for `test --send` (as the writer does, plus `read` to tell what was already
  notified). It cannot write the news.
"""

from __future__ import annotations

from typing import Any

WRITER, READER, EDITOR = "writer", "reader", "editor"
ROLES = (WRITER, READER, EDITOR)

NODE_INFO = "cluster:monitor/nodes/info"
"""The one action behind the nodes info API (`GET _nodes/plugins`); an action name is allowed wherever a cluster privilege is."""


def role_name(kind: str, alias: str) -> str:
    return f"newsbeam_{kind}_{alias}"


def role_descriptor(kind: str, alias: str) -> dict[str, Any]:
    """The privileges of a `writer`, `reader` or `editor` of the index alias `alias`."""
    news, watchlists, alerts = [alias, f"{alias}-v*"], f"{alias}-watchlists", f"{alias}-alerts"
    if kind == WRITER:
        return {
            "cluster": ["manage_index_templates", NODE_INFO],
            "indices": [
                {"names": news, "privileges": ["manage", "index", "read"]},
                {"names": [f"{alias}-feed-state"], "privileges": ["manage", "read", "index"]},
                {"names": [watchlists], "privileges": ["read"]},
                {"names": [alerts], "privileges": ["create_index", "view_index_metadata", "index"]},
            ],
        }
    if kind == READER:
        return {"indices": [{"names": [alias, alerts], "privileges": ["read", "view_index_metadata"]}]}
    if kind == EDITOR:
        return {
            "indices": [
                {"names": [alias], "privileges": ["read"]},
                {"names": [watchlists], "privileges": ["create_index", "view_index_metadata", "read", "write"]},
                {"names": [alerts], "privileges": ["create_index", "view_index_metadata", "read", "index"]},
            ]
        }
    raise ValueError(f"unknown role {kind!r}: expected one of {', '.join(ROLES)}")
