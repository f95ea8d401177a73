"""`python -m bench.relevance --es-url URL`: the relevance table, one row per query class (Markdown).

Three systems, on the same documents and queries:
- before: the old index with the query newsbeam sent before (`query_string`, all words in one field);
- old analysis: the old index with today's query (each word in any field);
- new analysis: the index the index module makes now with today's query.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from elasticsearch import Elasticsearch

from bench.relevance.corpus import load_documents
from bench.relevance.indices import OLD_TEMPLATE_REV, benchmark_indices
from bench.relevance.metrics import K, ndcg_at, recall_at
from bench.relevance.queries import Corpus, Query, QueryClass, make_queries
from pipelines.search import SearchRequest, build_query

BEFORE_FIELDS = ["title^3", "subtitle^2", "description^2", "body"]


def before_query(text: str) -> dict[str, Any]:
    """What `newsbeam search` sent before cross-field matching."""
    return {"query_string": {"query": text, "fields": BEFORE_FIELDS, "default_operator": "and"}}


def today_query(text: str) -> dict[str, Any]:
    return build_query(SearchRequest(text))


@dataclass(frozen=True)
class System:
    name: str
    index: str
    query: Callable[[str], dict[str, Any]]


def ranked(client: Elasticsearch, system: System, query: Query) -> list[str]:
    response = client.search(index=system.index, query=system.query(query.text), size=K, source=False)
    return [hit["_id"] for hit in response["hits"]["hits"]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.relevance", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--es-url", required=True, help="the node to build the two indices on (they are removed afterwards)")
    parser.add_argument("--per-class", type=int, default=300, help="queries per class at most (default: 300)")
    parser.add_argument("--old-rev", default=OLD_TEMPLATE_REV, help=f"git revision of the old template (default: {OLD_TEMPLATE_REV})")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="also list N queries per class the new analysis misses")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("elastic_transport").setLevel(logging.WARNING)

    started = time.monotonic()
    corpus = Corpus(load_documents())
    queries = make_queries(corpus, args.per_class)
    client = Elasticsearch(args.es_url, request_timeout=120)
    plugins = sorted(plugin["name"] for node in client.nodes.info(metric="plugins")["nodes"].values() for plugin in node["plugins"])
    with benchmark_indices(client, corpus.documents, args.old_rev) as (old, new):
        systems = [System("before", old, before_query), System("old analysis", old, today_query), System("new analysis", new, today_query)]
        results = {system.name: [ranked(client, system, query) for query in queries] for system in systems}
    client.close()

    print(
        f"{len(corpus.documents)} documents, {len(queries)} queries; node plugins: {', '.join(plugins) or 'none'}; old template: {args.old_rev}"
    )
    print()
    print("| query class | queries | " + " | ".join(f"{system.name}: recall@{K} / nDCG@{K}" for system in systems) + " |")
    print("|---|---:|" + "---:|" * len(systems))
    for kind in QueryClass:
        chosen = [number for number, query in enumerate(queries) if query.kind == kind]
        if not chosen:
            continue
        cells = [_cell(results[system.name], queries, chosen) for system in systems]
        print(f"| {kind} | {len(chosen)} | " + " | ".join(cells) + " |")
    print()
    print(f"{time.monotonic() - started:.0f} s")
    if args.misses:
        _print_misses(queries, results["new analysis"], corpus, args.misses)
    return 0


def _cell(rankings: list[list[str]], queries: list[Query], chosen: list[int]) -> str:
    recall = sum(recall_at(rankings[number], queries[number].relevant) for number in chosen) / len(chosen)
    ndcg = sum(ndcg_at(rankings[number], queries[number].relevant) for number in chosen) / len(chosen)
    return f"{recall:.3f} / {ndcg:.3f}"


def _print_misses(queries: list[Query], rankings: list[list[str]], corpus: Corpus, limit: int) -> None:
    shown: dict[QueryClass, int] = defaultdict(int)
    for query, ranking in zip(queries, rankings, strict=True):
        missed = query.relevant - set(ranking)
        if missed and shown[query.kind] < limit:
            shown[query.kind] += 1
            languages = sorted({corpus.by_id[doc_id].language or "?" for doc_id in missed})
            print(
                f"{query.kind}: {query.text!r} missed {len(missed)} of {len(query.relevant)} ({', '.join(languages)}): {sorted(missed)[:3]}"
            )


if __name__ == "__main__":
    sys.exit(main())
