"""`newsbeam kibana setup`: import newsbeam's data views, saved search and dashboard into Kibana."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from operations.kibana import DEFAULT_URL, SAVED_OBJECTS_FILE, Credentials, KibanaClient, dashboard_url
from pipelines.cli.exits import ExitCode
from pipelines.cli.usage import UsageError


def register(subparsers: argparse._SubParsersAction, help: str) -> None:
    parser = subparsers.add_parser(
        "kibana",
        help=help,
        description="Kibana set-up for newsbeam's index.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    setup = actions.add_parser(
        "setup",
        help="wait for Kibana, import the saved objects (replacing older copies), print the dashboard's address",
        description=(
            "Wait until Kibana is available, then import config/kibana/newsbeam.ndjson through the saved-objects "
            "import API, overwriting objects with the same ids; safe to repeat. Credentials, if Kibana needs them: "
            "NEWSBEAM_KIBANA_API_KEY, or NEWSBEAM_KIBANA_USERNAME and NEWSBEAM_KIBANA_PASSWORD."
        ),
    )
    setup.add_argument(
        "--kibana-url",
        metavar="URL",
        default=os.environ.get("NEWSBEAM_KIBANA_URL") or DEFAULT_URL,
        help=f"Kibana's address (default: $NEWSBEAM_KIBANA_URL or {DEFAULT_URL})",
    )
    setup.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for Kibana to become available (default: 300)")
    setup.add_argument(
        "--objects", type=Path, default=SAVED_OBJECTS_FILE, metavar="FILE", help="the NDJSON file to import (default: newsbeam's own)"
    )
    setup.set_defaults(func=_setup)


def _setup(args: argparse.Namespace) -> int:
    if not args.kibana_url.startswith(("http://", "https://")):
        raise UsageError("--kibana-url must start with http:// or https://")
    if not args.objects.is_file():
        raise UsageError(f"{args.objects}: no such file")
    with KibanaClient(args.kibana_url, Credentials.from_env()) as kibana:
        kibana.wait_until_available(timeout=args.timeout)
        result = kibana.import_saved_objects(args.objects)
    print(f"imported {result.success_count} saved objects into Kibana at {args.kibana_url.rstrip('/')}")
    print(f"News monitor dashboard: {dashboard_url(args.kibana_url)}")
    return ExitCode.OK
