"""One way to build the official Elasticsearch client from newsbeam's settings."""

from __future__ import annotations

from typing import Any

from elasticsearch import Elasticsearch

from foundation.settings import ElasticsearchSettings


def make_client(settings: ElasticsearchSettings, **overrides: Any) -> Elasticsearch:
    """A client with the configured URL, credentials, TLS verification and timeout."""
    options: dict[str, Any] = {"request_timeout": settings.request_timeout}
    # The client refuses TLS options for an http:// URL; a CA set in the environment must not
    # break a plain local node.
    if settings.url.startswith("https://"):
        options["verify_certs"] = settings.verify_certs
        if settings.ca_certs:
            options["ca_certs"] = str(settings.ca_certs)
    if settings.api_key:
        options["api_key"] = settings.api_key.get_secret_value()
    elif settings.username:
        password = settings.password.get_secret_value() if settings.password else ""
        options["basic_auth"] = (settings.username, password)
    options.update(overrides)
    return Elasticsearch(settings.url, **options)


def server_version(client: Elasticsearch) -> str:
    """The server's version.

    Asked of the nodes API rather than `GET /`: the minimal integ-test distribution that
    `newsbeam es up` runs has no rest-root module, so `GET /` (client.info()) answers 405 there.
    """
    nodes = client.nodes.info(node_id="_local", metric="_none", filter_path="nodes.*.version")
    return next(iter(nodes["nodes"].values()))["version"]
