"""Relevance benchmark: does `newsbeam search` find the articles it must, with the old analysis and the new?

Documents are real: the dev set's 506 pages and the seeds, through `extract` as replay would
index them. Queries are made from their text by rules, never picked by hand, in five classes
(inflected forms, multi-word phrases, non-English queries, a title word with a body word,
possessives); each query's relevant documents follow from the same rules (queries.py). The same
documents go into two indices on one node: the template before per-language analysis, from git,
and the one the index module installs now (indices.py). Recall@10 and nDCG@10 per class, side by
side (metrics.py):

    .venv/bin/python -m bench.relevance --es-url http://127.0.0.1:9200
"""
