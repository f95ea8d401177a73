"""Command-line options shared by the commands that talk to Elasticsearch."""

from __future__ import annotations

import argparse
import sys

from pipelines.settings import ConfigError, ElasticsearchSettings, load_settings


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--es-url", metavar="URL", help="Elasticsearch URL (default: $NEWSBEAM_ES_URL or elasticsearch.url in the config)")
    parser.add_argument("--index", metavar="ALIAS", help="the index alias (default: elasticsearch.index, `news`)")


def elasticsearch_settings(args: argparse.Namespace) -> ElasticsearchSettings:
    """Settings from the configuration, with --es-url applied; exits with a clear message when invalid."""
    try:
        settings = load_settings(args.config).elasticsearch
        if args.es_url:
            settings = settings.with_url(args.es_url)
    except ConfigError as exc:
        print(f"newsbeam {args.command}: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    return settings
