"""Command-line options shared by the commands that talk to Elasticsearch."""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.cli.usage import UsageError
from pipelines.runners import DEFAULT_RUNNER

if TYPE_CHECKING:
    from foundation.settings import ElasticsearchSettings, StoriesSettings


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--es-url", metavar="URL", help="Elasticsearch URL (default: $NEWSBEAM_ES_URL or elasticsearch.url in the config)")
    parser.add_argument(
        "--es-ca-certs",
        metavar="FILE",
        help="CA certificate(s) to verify Elasticsearch's TLS certificate with (default: $NEWSBEAM_ES_CA_CERTS or elasticsearch.ca_certs)",
    )
    parser.add_argument("--index", metavar="ALIAS", help="the index alias (default: elasticsearch.index, `news`)")


def elasticsearch_settings(args: argparse.Namespace) -> ElasticsearchSettings:
    """Settings from the configuration, with --es-url and --es-ca-certs applied; `ConfigError` or
    `UsageError` when they are invalid."""
    from foundation.settings import load_settings

    settings = load_settings(args.config).elasticsearch
    if args.es_url:
        settings = settings.with_url(args.es_url)
    if args.es_ca_certs:
        settings = settings.model_copy(update={"ca_certs": Path(args.es_ca_certs)})
    if settings.ca_certs and not settings.ca_certs.is_file():
        raise UsageError(f"the CA certificate file {settings.ca_certs} does not exist (--es-ca-certs, NEWSBEAM_ES_CA_CERTS)")
    return settings


def stories_settings(args: argparse.Namespace) -> StoriesSettings:
    """The stories window of the configuration (`stories:` in --config)."""
    from foundation.settings import load_settings

    return load_settings(args.config).stories


def add_pipeline_options(parser: argparse.ArgumentParser, command: str) -> None:
    """--dlq, --runner and --json, and unknown --options passed on to Beam."""
    parser.add_argument("--dlq", metavar="FILE", help=f"dead-letter file, JSON Lines (default: out/{command}-<time>/dead-letters.jsonl)")
    parser.add_argument(
        "--runner",
        default=DEFAULT_RUNNER,
        help=f"Beam runner: {DEFAULT_RUNNER} (default, in process), PrismRunner, FlinkRunner, SparkRunner, "
        "DataflowRunner; its own options (--prism_location, --flink_job_server_jar…) pass on to Beam",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    parser.set_defaults(accepts_beam_args=True)


def dead_letter_path(args: argparse.Namespace) -> str:
    """--dlq, or a new file under out/ named after the command and the time."""
    return args.dlq or os.path.join("out", f"{args.command}-{datetime.now(UTC):%Y%m%d-%H%M%S}", "dead-letters.jsonl")
