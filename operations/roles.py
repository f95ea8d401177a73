"""The least privileges newsbeam's commands need on a secured cluster, as Elasticsearch role descriptors.

The same bodies serve as a role (`roles.yml`, `PUT _security/role/NAME`) or as the
`role_descriptors` of an API key. They were narrowed against a secured node
(tests/test_secured_cluster.py):
- writer (replay, watch): install the index template (`manage_index_templates`, a cluster
  privilege: Elasticsearch has none narrower); create `<alias>-v<N>` behind the alias, which
  needs `manage` on both the index and the alias (there is no narrower privilege for aliases;
  it also covers the refresh after a replay and checking that the alias exists); write
  documents (`index`: create and update); keep `watch`'s feed state in `<alias>-feed-state`
  (create it, read and write it). It cannot search the news, nor touch any other index.
- reader (search, Kibana): search through the alias (`read`); `view_index_metadata` lets a
  command see that the alias exists, so a reader used by mistake for a replay gets dead letters
  that name the missing privilege instead of a failed index setup.
"""

from __future__ import annotations

from typing import Any

WRITER, READER = "writer", "reader"


def role_name(kind: str, alias: str) -> str:
    return f"newsbeam_{kind}_{alias}"


def role_descriptor(kind: str, alias: str) -> dict[str, Any]:
    """The privileges of a `writer` or `reader` of the index alias `alias`."""
    if kind == WRITER:
        return {
            "cluster": ["manage_index_templates"],
            "indices": [
                {"names": [alias, f"{alias}-v*"], "privileges": ["manage", "index"]},
                {"names": [f"{alias}-feed-state"], "privileges": ["manage", "read", "index"]},
            ],
        }
    if kind == READER:
        return {"indices": [{"names": [alias], "privileges": ["read", "view_index_metadata"]}]}
    raise ValueError(f"unknown role {kind!r}: expected {WRITER} or {READER}")
