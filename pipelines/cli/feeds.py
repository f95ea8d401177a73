"""`newsbeam feeds import|export|discover`: feed lists from OPML, to OPML, and found on a site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from foundation.feed_settings import DEFAULT_FEEDS
from pipelines.cli.exits import ExitCode
from pipelines.cli.usage import UsageError

if TYPE_CHECKING:
    from connectors.feeds.discovery import Discovery
    from connectors.feeds.feed_list import Merge
    from foundation.feed_settings import FeedsConfig


def register(subparsers: argparse._SubParsersAction, help: str) -> None:
    parser = subparsers.add_parser(
        "feeds", help=help, description="Manage the feeds file: import and export OPML, discover a site's feeds."
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    importing = actions.add_parser(
        "import",
        help="add the feeds of an OPML file to the feeds file",
        description=(
            "Add the feeds of an OPML 1.0/2.0 file (the folders around a feed become its tags) to the feeds file, "
            "leaving out URLs it already lists; names are made unique. The file keeps its comments and other "
            "sections. Exit codes: 0 done; 2 unreadable OPML or invalid feeds file (nothing changed)."
        ),
    )
    importing.add_argument("opml", metavar="FILE.opml", help="the OPML file")
    _feeds_option(importing)
    importing.add_argument("--dry-run", action="store_true", help="print what would be added and skipped, change nothing")
    importing.set_defaults(func=_import)

    exporting = actions.add_parser(
        "export",
        help="write the feeds file as OPML 2.0",
        description="Write the feeds as OPML 2.0: tags as folders and a category attribute.",
    )
    _feeds_option(exporting)
    exporting.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    exporting.set_defaults(func=_export)

    discovering = actions.add_parser(
        "discover",
        help="find a site's feeds and news sitemaps",
        description=(
            'Fetch URL and find the site\'s feeds (<link rel="alternate">, then common paths such as /feed and /rss.xml, '
            "each checked to be a readable feed) and its news sitemaps (robots.txt Sitemap: lines, /sitemap.xml, "
            "/news-sitemap.xml). Requests use the feeds file's http and politeness settings. "
            "Exit codes: 0 done (even when nothing was found); 1 the page could not be fetched; 2 bad arguments or feeds file."
        ),
    )
    discovering.add_argument("url", metavar="URL", help="a page of the site, e.g. its home page")
    _feeds_option(discovering)
    discovering.add_argument("--json", action="store_true", help="print one JSON object: feeds, news sitemaps and the URLs rejected")
    discovering.add_argument("--add", action="store_true", help="add the feeds found to the feeds file")
    discovering.set_defaults(func=_discover)


def _feeds_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--feeds", metavar="PATH", default=str(DEFAULT_FEEDS), help="feeds file (default: %(default)s)")


def _import(args: argparse.Namespace) -> int:
    from connectors.feeds.feed_list import add_feeds
    from connectors.feeds.opml import OpmlError, read_opml

    try:
        content = Path(args.opml).read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{args.opml}: OPML file not found") from None
    try:
        listed = read_opml(content)
    except OpmlError as exc:
        raise UsageError(f"{args.opml}: {exc} (the feeds file is unchanged)") from None
    for label, reason in listed.skipped:
        print(f"skipped  {label}: {reason}")
    merge = add_feeds(args.feeds, listed.feeds, dry_run=args.dry_run)
    _print_merge(merge, args.feeds, args.dry_run)
    return ExitCode.OK


def _print_merge(merge: Merge, feeds: str, dry_run: bool) -> None:
    for label, reason in merge.skipped:
        print(f"skipped  {label}: {reason}")
    for entry in merge.added:
        tags = f"  [{', '.join(entry['tags'])}]" if entry.get("tags") else ""
        print(f"{'would add' if dry_run else 'added'}  {entry['name']}  {entry['url']}{tags}")
    verb = "would be added to" if dry_run else "added to"
    print(f"{_count(len(merge.added), 'feed')} {verb} {feeds}, {len(merge.skipped)} skipped")
    if merge.backup is not None:
        print(f"the file was rewritten without its comments; the old one is kept as {merge.backup}")


def _export(args: argparse.Namespace) -> int:
    from connectors.feeds.opml import write_opml
    from foundation.feed_settings import load_feeds

    document = write_opml(load_feeds(args.feeds).feeds, title=f"newsbeam feeds ({Path(args.feeds).name})")
    if args.output:
        Path(args.output).write_bytes(document)
    else:
        sys.stdout.buffer.write(document)
        sys.stdout.flush()
    return ExitCode.OK


def _discover(args: argparse.Namespace) -> int:
    from connectors.feeds.discovery import DiscoveryError, discover
    from connectors.feeds.feed_list import add_feeds
    from connectors.feeds.opml import FeedCandidate
    from connectors.http import HostLimiter, HttpClient

    if not args.url.lower().startswith(("http://", "https://")):
        raise UsageError("URL must start with http:// or https://")
    config = _settings(args.feeds)
    limiter = HostLimiter(config.politeness.max_concurrent_per_host, config.politeness.min_delay_per_host)
    with HttpClient(config.http) as client:
        try:
            found = discover(args.url, client, limiter, config.polling.max_entries_per_poll)
        except DiscoveryError as exc:
            print(f"newsbeam feeds discover: {exc}", file=sys.stderr)
            return ExitCode.FAILED
    if args.json:
        print(found.to_json())
    else:
        _print_discovery(found)
    if args.add and found.feeds:
        candidates = [FeedCandidate(feed.title or _name_from(feed.url), feed.url) for feed in found.feeds]
        merge = add_feeds(args.feeds, candidates)
        if not args.json:  # under --json, standard output holds the JSON object only
            _print_merge(merge, args.feeds, dry_run=False)
    return ExitCode.OK


def _settings(path: str) -> FeedsConfig:
    """The feeds file's settings; the defaults when there is no file yet (discover --add creates it)."""
    from foundation.feed_settings import FeedsConfig, load_feeds

    if Path(path).exists():
        return load_feeds(path)
    return FeedsConfig.model_construct(feeds=())


def _name_from(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.hostname}{parts.path}".rstrip("/")


def _print_discovery(found: Discovery) -> None:
    # Plain print, not rich: rich wraps long URLs at the terminal's width, and these are copied.
    print(f"{_count(len(found.feeds), 'feed')} found from {found.page}")
    for feed in found.feeds:
        print(f"  {feed.url}  {feed.title or '(untitled)'}  {_count(feed.entries, 'entry', 'entries')}  (by {feed.found_by})")
    print(_count(len(found.news_sitemaps), "news sitemap"))
    for sitemap in found.news_sitemaps:
        print(f"  {sitemap.url}  {_count(sitemap.news_urls, 'news article')}  (by {sitemap.found_by})")


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
