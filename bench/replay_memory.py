"""Replay's peak memory against the number of documents: exact and near duplicates go through the
stories window (about 1 KB an article it holds, up to `stories.max_entries`) instead of a GroupByKey
that held every article to the end.

    .venv/bin/python -m bench.replay_memory --es-url http://127.0.0.1:9200 [--counts 5000 50000] [--max-entries N] [--workers 1]
    .venv/bin/python -m bench.replay_memory --input pages --kind text ...

`--input articles` (default) replays articles re-submitted from a dead-letter file (`--from-dlq`):
everything after extraction (signatures, story lookups, the window, the sink) without extraction's
cost, which on this machine (about 10 documents/s when shared) would make 50,000 documents take
hours. Every tenth article is a syndicated copy of an earlier one (cut, other boilerplate) and every
fiftieth an exact duplicate, so stories grow and duplicates are counted. `--input pages` replays a
synthetic corpus of pages or dumps (bench/corpus.py) through extraction instead.

Each count runs in a child process of its own on the DirectRunner, into a fresh index deleted
afterwards: its peak resident memory (and its workers', with --workers > 1) is what the run cost.
Seeded and deterministic.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import tempfile
import uuid
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.corpus import write_jsonl

_VOCABULARY = (  # noqa: SIM905 - a word bank reads better as prose
    "minister government talks sanctions council trade energy border security summit agreement parliament election budget "
    "market exports officials delegation treaty region ministry president spokesman statement policy coalition vote reform "
    "inflation growth investment shipping port islands fisheries dialogue embassy ambassador press conference report analysts "
    "economy partners allies regional cooperation infrastructure railway grid climate harbour ferry farmers prices weather"
).split()


def write_articles(path: Path, count: int, seed: int) -> Path:
    """`count` articles as index-stage dead letters: distinct bodies, a tenth of them copies, a fiftieth exact duplicates."""
    from foundation.records import Article, DeadLetter, Extraction
    from foundation.vocabulary import ExtractionMethod, Stage

    rng = random.Random(seed)
    bodies: list[list[str]] = []
    ids: list[str] = []
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            article_id = f"bench-{number:08d}"
            if number % 50 == 49:
                earlier = rng.randrange(number)
                paragraphs, article_id = bodies[earlier], ids[earlier]
            elif number % 10 == 9:
                original = bodies[rng.randrange(number)]
                paragraphs = ["Home | World | Politics", *original[: max(2, len(original) - 2)], "Follow us for more."]
            else:
                paragraphs = [" ".join(rng.choices(_VOCABULARY, k=rng.randint(40, 90))) + "." for _ in range(rng.randint(4, 8))]
            bodies.append(paragraphs)
            ids.append(article_id)
            body = "\n\n".join(paragraphs)
            article = Article(
                id=article_id,
                body=body,
                source=f"bench#{number}",
                content_hash=f"{zlib.crc32(body.encode()):08x}",
                extraction=Extraction(ExtractionMethod.TEXT),
                url=f"https://outlet{number % 7}.example/{number}",
                publisher=f"Outlet {number % 7}",
                word_count=len(body.split()),
            )
            letter = DeadLetter(stage=Stage.INDEX, source=article.source, reason="bench", article=article.to_dict())
            out.write(json.dumps(letter.to_dict()) + "\n")
    return path


def replay_once(corpus: str, articles: bool, es_url: str, workers: int, max_entries: int) -> dict[str, float]:
    """One replay in this (child) process; its counters, time and peak memory."""
    from elasticsearch import Elasticsearch

    from foundation.settings import ElasticsearchSettings, StoriesSettings
    from pipelines.replay import run_replay

    index = f"bench-replay-memory-{uuid.uuid4().hex[:8]}"
    beam_args = [f"--direct_num_workers={workers}", "--direct_running_mode=multi_processing"] if workers > 1 else []
    dlq = os.path.join(tempfile.mkdtemp(), "dlq.jsonl")
    try:
        summary = run_replay(
            [] if articles else [corpus],
            dead_letter_files=[corpus] if articles else [],
            es=ElasticsearchSettings(url=es_url),
            index=index,
            dead_letter_path=dlq,
            beam_args=beam_args,
            stories=StoriesSettings(max_entries=max_entries),
        )
    finally:
        client = Elasticsearch(es_url, request_timeout=60)
        for name in client.indices.get(index=f"{index}-v*", allow_no_indices=True):
            client.indices.delete(index=name)
        client.close()
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024
    counters = summary.counters
    return {
        "documents": counters["read"],
        "created": counters["created"],
        "duplicates": counters["duplicates"],
        "dead_lettered": counters["dead_lettered"],
        "reconciled": summary.reconciled,
        "seconds": round(summary.elapsed_seconds, 1),
        "documents_per_second": round(summary.documents_per_second, 1),
        "peak_rss_mb": round(peak),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--es-url", default=os.environ.get("NEWSBEAM_ES_URL", "http://127.0.0.1:9200"))
    parser.add_argument("--counts", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--input", choices=("articles", "pages"), default="articles")
    parser.add_argument("--kind", choices=("html", "text", "mixed"), default="text", help="the pages of --input pages")
    parser.add_argument("--max-entries", type=int, default=100_000, help="the stories window's cap")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="replay-memory-"))
    results = {}
    for count in args.counts:
        articles = args.input == "articles"
        if articles:
            corpus = write_articles(folder / f"articles-{count}.jsonl", count, args.seed)
        else:
            corpus = write_jsonl(folder / f"corpus-{count}.jsonl", count, seed=args.seed, kind=args.kind)
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as executor:
            results[count] = executor.submit(replay_once, str(corpus), articles, args.es_url, args.workers, args.max_entries).result()
        corpus.unlink()
        setup = {"input": args.input, "kind": None if articles else args.kind, "workers": args.workers, "max_entries": args.max_entries}
        print(json.dumps({"count": count, **setup, **results[count]}), flush=True)
    if len(results) > 1:
        (low, first), (high, last) = min(results.items()), max(results.items())
        per_document = (last["peak_rss_mb"] - first["peak_rss_mb"]) * 1024 / (high - low)
        print(
            f"peak memory: {first['peak_rss_mb']} MB for {low:,} documents, {last['peak_rss_mb']} MB for {high:,}: {per_document:.2f} KB per extra document"
        )


if __name__ == "__main__":
    main()
