"""The two indices the benchmark compares, on one node, holding the same documents.

- old: the index template as it was before per-language analysis, read from git (OLD_TEMPLATE_REV),
  one standard-analysed field per text;
- new: what the index module installs now (`ensure_index`), with the per-language fields filled
  as the writer fills them (`with_language_fields`).
"""

from __future__ import annotations

import json
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk

from bench.relevance.corpus import ROOT, Document
from connectors.elasticsearch.fields import with_language_fields
from connectors.elasticsearch.index import ensure_index

OLD_TEMPLATE_REV = "58aba9a~1"
"""The template before per-language analysis (58aba9a made it): the standard analysis for every text, mapping version 1."""
TEMPLATE_PATH = "config/elasticsearch/news-template.json"


def old_template(rev: str = OLD_TEMPLATE_REV) -> dict[str, Any]:
    """Settings and mappings of the template at `rev`."""
    text = subprocess.run(
        ["git", "show", f"{rev}:{TEMPLATE_PATH}"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=30
    ).stdout
    return json.loads(text)["template"]


@contextmanager
def benchmark_indices(client: Elasticsearch, documents: list[Document], old_rev: str = OLD_TEMPLATE_REV) -> Iterator[tuple[str, str]]:
    """(old index, new alias) holding `documents`, removed afterwards with the new alias's template."""
    name = f"relevance-{uuid.uuid4().hex[:8]}"
    old, new = f"{name}-old", f"{name}-new"
    try:
        template = old_template(old_rev)
        client.indices.create(index=old, settings=template["settings"], mappings=template["mappings"])
        ensure_index(client, new)
        _load(client, old, ({"_id": document.id, **document.to_index()} for document in documents))
        _load(client, new, ({"_id": document.id, **with_language_fields(document.to_index())} for document in documents))
        yield old, new
    finally:
        for index in client.indices.get(index=f"{old},{new}-v*", allow_no_indices=True, ignore_unavailable=True):
            client.indices.delete(index=index)
        client.options(ignore_status=404).indices.delete_index_template(name=f"newsbeam-{new}")


def _load(client: Elasticsearch, index: str, actions: Iterator[dict[str, Any]]) -> None:
    bulk(client, actions, index=index, refresh="wait_for", chunk_size=100)
