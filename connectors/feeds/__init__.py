"""Feeds, in plain Python (no Beam): `pipelines/monitor.py` keeps a `FeedState` and an `EntryLog`
per feed in Beam state and calls these from a keyed DoFn.

- `parsing`: RSS, RDF, Atom and JSON Feed documents into `FeedEntry`s (entries it cannot read are
  `UnreadableEntry`s, never dropped), with `xml_safety` applied first;
- `polling`: conditional GET, backoff, Retry-After and when a feed is next due;
- `entry_log`: which entries of a feed were seen, so only new and edited ones are processed;
- `pages`: fetching an entry's article page politely and the `RawDocument` it becomes.
"""
