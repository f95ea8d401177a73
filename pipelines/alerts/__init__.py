"""Watchlists and alerts: named searches matched against every article `watch` (and `replay
--alerts`) creates or updates, with Elasticsearch's own query semantics, and notified at most once.

Plain Python (no Beam) except `transform.py`, the thin DoFn that runs after the sink:
- `watchlists.py`: the model (a search of `newsbeam search` plus notifiers) and its store, `<alias>-watchlists`;
- `matching.py`: one search per batch of indexed ids, every watchlist's query a named clause of it;
- `ledger.py`: `<alias>-alerts`, one document per (watchlist, article), created before sending;
- `messages.py`: what a webhook or an email says;
- `dispatch.py`: sending off the pipeline's threads, retries with backoff, dead letters, digests.
"""
