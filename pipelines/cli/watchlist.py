"""`newsbeam watchlist add|list|remove|test`: the watchlists that `watch` (and `replay --alerts`) notify.

Secrets never come from the command line, where `ps` and the shell history would keep them: a
webhook secret is read from an environment variable named by --webhook-secret-env, or generated
and shown once by `add`; an SMTP password from --smtp-password-env. `list` shows whether a secret
is set, never the secret.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipelines.cli.exits import ExitCode
from pipelines.cli.options import add_connection_options, elasticsearch_settings
from pipelines.cli.usage import UsageError

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

    from pipelines.alerts.ledger import Alert
    from pipelines.alerts.watchlists import Watchlist


def register(subparsers: argparse._SubParsersAction, help: str) -> None:
    parser = subparsers.add_parser(
        "watchlist",
        help=help,
        description=(
            "Watchlists are named searches (the query syntax and filters of `newsbeam search`) whose new matches are "
            "notified by webhook and/or email as `watch` indexes them (and `replay --alerts`), at most once per article. "
            "They are stored in Elasticsearch, in <index>-watchlists."
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    adding = actions.add_parser("add", help="add (or with --replace, change) a watchlist", description=_ADD_DESCRIPTION)
    adding.add_argument("name", metavar="NAME", nargs="?", help="the watchlist's name (letters, digits, space, _ . -)")
    adding.add_argument("--file", metavar="FILE.yaml", help="the whole watchlist from a YAML file (see the README's Alerts section)")
    adding.add_argument("--query", default="", help="Lucene query syntax, as `newsbeam search` (empty: every article)")
    adding.add_argument("--publisher", action="append", default=[], metavar="NAME", help="only this publisher (repeatable)")
    adding.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="only articles with this tag (repeatable: all must match)"
    )
    adding.add_argument("--language", action="append", default=[], metavar="CODE", help="only articles in this language (repeatable)")
    adding.add_argument("--updates", action="store_true", help="notify again when a matching article is updated")
    adding.add_argument(
        "--digest", type=float, metavar="MINUTES", help="one message per MINUTES with every match, instead of one per article"
    )
    adding.add_argument("--webhook", metavar="URL", help="POST each alert as signed JSON to URL (Slack-compatible `text`)")
    adding.add_argument(
        "--webhook-secret-env", metavar="VAR", help="the signing secret is in environment variable VAR (default: a new one, shown once)"
    )
    adding.add_argument("--email-to", action="append", default=[], metavar="ADDRESS", help="email each alert to ADDRESS (repeatable)")
    adding.add_argument("--smtp-host", metavar="HOST", help="SMTP submission server for --email-to")
    adding.add_argument("--smtp-port", type=int, default=587, metavar="PORT", help="(default: %(default)s)")
    adding.add_argument("--smtp-user", metavar="USER", help="login name on the SMTP server")
    adding.add_argument("--smtp-password-env", metavar="VAR", help="the SMTP password is in environment variable VAR")
    adding.add_argument("--smtp-from", metavar="ADDRESS", help="the sender address")
    adding.add_argument("--smtp-ca-certs", metavar="FILE", help="CA certificate(s) to verify the SMTP server with")
    adding.add_argument("--replace", action="store_true", help="replace a watchlist of the same name")
    adding.set_defaults(func=_add)

    listing = actions.add_parser("list", help="show the watchlists (secrets are never shown)")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.set_defaults(func=_list)

    removing = actions.add_parser("remove", help="remove a watchlist (its alerts stay in <index>-alerts)")
    removing.add_argument("name", metavar="NAME")
    removing.set_defaults(func=_remove)

    testing = actions.add_parser(
        "test",
        help="run a watchlist over what is indexed now and show what it would send",
        description=(
            "Run the watchlist's search over the articles indexed now (newest first) and show the message each match "
            "would give. Nothing is sent unless --send: then the matches not notified yet are sent (one try each) and "
            "recorded in <index>-alerts, so `watch` will not send them again."
        ),
    )
    testing.add_argument("name", metavar="NAME")
    testing.add_argument("--size", type=int, default=5, help="how many of the newest matches (default: %(default)s)")
    testing.add_argument("--send", action="store_true", help="really send the matches not notified yet")
    testing.add_argument("--json", action="store_true", help="print one JSON object")
    testing.set_defaults(func=_test)

    for sub in (adding, listing, removing, testing):
        add_connection_options(sub)


_ADD_DESCRIPTION = (
    "Add a watchlist: a search and where its new matches go. Example: newsbeam watchlist add ports "
    "--query 'strike AND (dock OR port)' --language en --webhook https://hooks.example/T0/B0/x --email-to desk@example.org "
    "--smtp-host smtp.example.org --smtp-user alerts --smtp-password-env SMTP_PASSWORD --smtp-from alerts@example.org"
)


def _connect(args: argparse.Namespace) -> tuple[Elasticsearch, str]:
    from connectors.elasticsearch.client import make_client

    settings = elasticsearch_settings(args)
    return make_client(settings), args.index or settings.index


def _add(args: argparse.Namespace) -> int:
    from pipelines.alerts.watchlists import WatchlistExists, WatchlistStore

    watchlist, generated = _watchlist_from(args)
    client, index = _connect(args)
    try:
        WatchlistStore(client, index).add(watchlist, replace=args.replace)
    except WatchlistExists as exc:
        raise UsageError(str(exc)) from None
    finally:
        client.close()
    print(f"watchlist {watchlist.name!r} {'saved' if args.replace else 'added'} ({len(watchlist.notifiers)} notifier(s))")
    if generated:
        # The only time it is shown: the receiver needs it to check signatures.
        print(f"webhook signing secret (shown once, keep it with the receiver): {generated}")
    return ExitCode.OK


def _watchlist_from(args: argparse.Namespace) -> tuple[Watchlist, str | None]:
    """The watchlist the options (or --file) describe, and the webhook secret generated for it, if any."""
    from pydantic import ValidationError

    from foundation.config_files import read_yaml
    from pipelines.alerts.watchlists import Watchlist

    generated = None
    if args.file:
        data: dict[str, Any] = read_yaml(Path(args.file), "watchlist file")
        if args.name:
            data["name"] = args.name
    else:
        if not args.name:
            raise UsageError("give the watchlist a NAME, or --file")
        notifiers: list[dict[str, Any]] = []
        if args.webhook:
            secret = _environment(args.webhook_secret_env, "--webhook-secret-env") if args.webhook_secret_env else None
            if secret is None:
                secret = generated = secrets.token_hex(32)
            notifiers.append({"type": "webhook", "url": args.webhook, "secret": secret})
        if args.email_to:
            notifiers.append(_email(args))
        data = {
            "name": args.name,
            "query": args.query,
            "publishers": args.publisher,
            "tags": args.tag,
            "languages": args.language,
            "updates": args.updates,
            "digest_minutes": args.digest,
            "notifiers": notifiers,
        }
    try:
        return Watchlist.model_validate(data), generated
    except ValidationError as exc:
        # Field names and problems only: the input may hold a secret.
        problems = "; ".join(f"{'.'.join(map(str, error['loc'])) or 'watchlist'}: {error['msg']}" for error in exc.errors())
        raise UsageError(f"invalid watchlist: {problems}") from None


def _email(args: argparse.Namespace) -> dict[str, Any]:
    if not args.smtp_host or not args.smtp_from:
        raise UsageError("--email-to needs --smtp-host and --smtp-from")
    email: dict[str, Any] = {
        "type": "email",
        "host": args.smtp_host,
        "port": args.smtp_port,
        "sender": args.smtp_from,
        "recipients": args.email_to,
        "username": args.smtp_user,
        "ca_certs": args.smtp_ca_certs,
    }
    if args.smtp_password_env:
        email["password"] = _environment(args.smtp_password_env, "--smtp-password-env")
    return email


def _environment(name: str, option: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise UsageError(f"{option}: the environment variable {name} is not set")
    return value


def _list(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markup import escape

    from pipelines.alerts.watchlists import WatchlistStore

    client, index = _connect(args)
    try:
        watchlists = WatchlistStore(client, index).load()
    finally:
        client.close()
    if args.json:
        for watchlist in watchlists:
            print(json.dumps(watchlist.shown(), ensure_ascii=False))
        return ExitCode.OK
    console = Console(highlight=False)
    if not watchlists:
        console.print(f"no watchlists on {escape(index)}; add one with `newsbeam watchlist add`")
    for watchlist in watchlists:
        filters = [f"{label}: {', '.join(values)}" for label, values in _filters(watchlist) if values]
        options = ["updates too"] if watchlist.updates else []
        if watchlist.digest_minutes:
            options.append(f"digest every {watchlist.digest_minutes:g} min")
        console.print(f"[bold]{escape(watchlist.name)}[/bold]  {escape(watchlist.query or '(every article)')}")
        for line in [*filters, *options]:
            console.print(f"   {escape(line)}")
        for notifier in watchlist.notifiers:
            console.print(f"   → {escape(_describe_notifier(notifier))}")
    return ExitCode.OK


def _filters(watchlist: Watchlist) -> list[tuple[str, tuple[str, ...]]]:
    return [("publishers", watchlist.publishers), ("tags", watchlist.tags), ("languages", watchlist.languages)]


def _describe_notifier(notifier: Any) -> str:
    if notifier.type == "webhook":
        return f"webhook {notifier.url.split('?')[0].rsplit('/', 1)[0]}/… ({'signed' if notifier.secret else 'unsigned'})"
    login = f", login {notifier.username}" if notifier.username else ""
    return f"email to {', '.join(notifier.recipients)} via {notifier.host}:{notifier.port}{login}"


def _remove(args: argparse.Namespace) -> int:
    from pipelines.alerts.watchlists import WatchlistStore

    client, index = _connect(args)
    try:
        removed = WatchlistStore(client, index).remove(args.name)
    finally:
        client.close()
    if not removed:
        raise UsageError(f"no watchlist named {args.name!r} on {index}")
    print(f"watchlist {args.name!r} removed")
    return ExitCode.OK


def _test(args: argparse.Namespace) -> int:
    from elasticsearch import BadRequestError, NotFoundError

    from pipelines.alerts.matching import current_matches
    from pipelines.alerts.watchlists import WatchlistStore

    if not 0 < args.size <= 1000:
        raise UsageError("--size must be between 1 and 1000")
    client, index = _connect(args)
    try:
        watchlist = WatchlistStore(client, index).get(args.name)
        if watchlist is None:
            raise UsageError(f"no watchlist named {args.name!r} on {index}")
        try:
            total, alerts = current_matches(client, index, watchlist, args.size)
        except NotFoundError:
            raise UsageError(f"the index {index} does not exist yet: run `newsbeam replay` or `newsbeam watch` first") from None
        except BadRequestError as exc:
            raise UsageError(f"the watchlist's search fails: {exc.message}") from None
        notified = _already_notified(client, index, alerts)
        outcomes = _send(client, index, watchlist, [alert for alert in alerts if alert.key not in notified]) if args.send else {}
    finally:
        client.close()
    _print_test(args.json, watchlist, total, alerts, notified, outcomes)
    return ExitCode.DEAD_LETTERS if any(outcome != "sent" for outcome in outcomes.values()) else ExitCode.OK


def _already_notified(client: Elasticsearch, index: str, alerts: list[Alert]) -> set[str]:
    from pipelines.alerts.ledger import alerts_index

    if not alerts:
        return set()
    found = client.options(ignore_status=404).mget(index=alerts_index(index), ids=[alert.key for alert in alerts], source=False)
    return {doc["_id"] for doc in found.get("docs", []) if doc.get("found")}


def _send(client: Elasticsearch, index: str, watchlist: Watchlist, alerts: list[Alert]) -> dict[str, str]:
    """Claim and send each alert (one try per notifier); the outcome per alert key."""
    from datetime import UTC, datetime

    from connectors.notifiers import NotifyError
    from foundation.vocabulary import AlertStatus
    from pipelines.alerts.dispatch import send
    from pipelines.alerts.ledger import AlertLedger, AlertOutcome

    ledger = AlertLedger(client, index)
    outcomes = {}
    for alert in ledger.claim(alerts):
        failures = []
        for notifier in watchlist.notifiers:
            try:
                send(notifier, watchlist.name, [alert])
            except NotifyError as exc:
                failures.append(str(exc))
        now = datetime.now(UTC).isoformat(timespec="milliseconds")
        ledger.record([AlertOutcome(alert, AlertStatus.FAILED if failures else AlertStatus.SENT, now, "; ".join(failures) or None)])
        outcomes[alert.key] = "; ".join(failures) or "sent"
    return outcomes


def _print_test(as_json: bool, watchlist: Watchlist, total: int, alerts: list[Alert], notified: set[str], outcomes: dict[str, str]) -> None:
    from rich.console import Console
    from rich.markup import escape

    from pipelines.alerts.messages import email_message, webhook_payload

    if as_json:
        rows = [{**alert.to_dict(), "already_notified": alert.key in notified, "sent": outcomes.get(alert.key)} for alert in alerts]
        print(json.dumps({"watchlist": watchlist.name, "total": total, "matches": rows}, ensure_ascii=False))
        return
    console = Console(highlight=False)
    console.print(
        f"{escape(watchlist.name)}: {total} match{'es' if total != 1 else ''} indexed now"
        + (f", the newest {len(alerts)}:" if alerts else "")
    )
    for alert in alerts:
        console.print()
        state = "already notified" if alert.key in notified else outcomes.get(alert.key, "would be sent")
        console.print(f"[bold]{escape(alert.title or '(untitled)')}[/bold]  [dim]({escape(state)})[/dim]")
        for notifier in watchlist.notifiers:
            if notifier.type == "webhook":
                console.print(f"   webhook text: {escape(webhook_payload(watchlist.name, [alert])['text'])}")
            else:
                console.print(f"   email subject: {escape(email_message(watchlist.name, [alert])[0])}")
        if not watchlist.notifiers:
            console.print(f"   recorded in the alerts index only: {escape(alert.url or alert.article_id)}")
