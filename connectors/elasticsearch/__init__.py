"""Elasticsearch: the client, the index (template and alias), the Beam sink, and a local node."""
