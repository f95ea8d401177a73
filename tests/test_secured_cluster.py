"""newsbeam against a secured Elasticsearch, as production clusters are: HTTPS with a private CA,
least-privilege credentials, and the refusals that come with them.

The module starts one real secured node (`newsbeam es up --secure`) on a free port in a fresh
folder, adds a writer, a reader and an editor user (`newsbeam es user`, roles of operations/roles.py)
and runs the CLI as a user does: each does its commands (alerts and stories included), and each
other command it tries is refused in one line naming the privilege.
Every run is checked for leaked secrets. The integ-test distribution cannot create its security
index (the index's mapping needs an analysis module it lacks), so it has no API keys: the users
are file-realm users; an API key is still refused by the real node.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from elasticsearch import AuthenticationException, AuthorizationException, Elasticsearch

from connectors.elasticsearch.index import ensure_index
from foundation.records import RawDocument
from pipelines.extraction import extract
from tests.support.cli import newsbeam
from tests.support.feeds.server import FeedServer
from tests.support.nodes import free_port, node_folder
from tests.support.paths import PROJECT_ROOT, SEEDS
from tests.support.receivers import WebhookReceiver
from tests.support.tls import self_signed_certificate

# Starts Elasticsearch nodes of its own.
pytestmark = pytest.mark.elasticsearch

ALIAS = "news"
# A well-formed API key (base64 of id:secret) that the node never issued.
FOREIGN_API_KEY = base64.b64encode(b"VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw").decode()
HOOK_SECRET = "secured-hook-secret-4f1d9a7c2e"


@dataclass
class Cluster:
    url: str
    folder: Path
    ca: Path
    where: list[str]
    secrets: list[str] = field(default_factory=list)
    users: dict[str, tuple[str, str]] = field(default_factory=dict)
    up_output: str = ""
    elastic_password: str = ""

    def env(self, role: str | None = None, **extra: str) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("NEWSBEAM_")}
        env.update({"NEWSBEAM_ES_URL": self.url, "NEWSBEAM_ES_CA_CERTS": str(self.ca), "NEWSBEAM_ES_INDEX": ALIAS})
        if role:
            name, password = self.users[role]
            env.update({"NEWSBEAM_ES_USERNAME": name, "NEWSBEAM_ES_PASSWORD": password})
        env.update(extra)
        return env

    def run(self, *args: str, env: dict[str, str], timeout: float = 240) -> subprocess.CompletedProcess[str]:
        """`newsbeam ARGS`, failing the test if its output shows any secret."""
        return self.checked(newsbeam(*args, env=env, timeout=timeout))

    def run_together(self, *runs: tuple[list[str], dict[str, str]], timeout: float = 240) -> list[subprocess.CompletedProcess[str]]:
        """Several `newsbeam` runs side by side (they wait mostly on Python's start-up), each checked like `run`."""
        started = [
            (
                subprocess.Popen(
                    [sys.executable, "-m", "pipelines.cli", *args],
                    cwd=PROJECT_ROOT,
                    env=env,
                    text=True,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                ),
                args,
            )
            for args, env in runs
        ]
        results = []
        for process, args in started:
            stdout, stderr = process.communicate(timeout=timeout)
            results.append(
                self.checked(
                    subprocess.CompletedProcess([sys.executable, "-m", "pipelines.cli", *args], process.returncode, stdout, stderr)
                )
            )
        return results

    def checked(self, result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
        output = result.stdout + result.stderr
        for secret in self.secrets:
            assert secret not in output, f"`newsbeam {' '.join(result.args[3:])}` printed a secret:\n{output[-3000:]}"
        return result


def add_user(cluster: Cluster, role: str) -> None:
    added = cluster.run("es", "user", f"--{role}", *cluster.where, env=cluster.env())
    assert added.returncode == 0, added.stdout + added.stderr
    name = f"newsbeam-{role}-{ALIAS}"
    password_file = cluster.folder / "credentials" / f"{name}.password"
    assert str(password_file) in added.stdout
    password = password_file.read_text().strip()
    cluster.users[role] = (name, password)
    cluster.secrets += [password, base64.b64encode(f"{name}:{password}".encode()).decode()]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    port, folder = free_port(), node_folder()
    where = ["--port", str(port), "--data-dir", str(folder)]
    cluster = Cluster(f"https://127.0.0.1:{port}", folder, folder / "config" / "certs" / "ca.crt", where, secrets=[FOREIGN_API_KEY])
    try:
        up = newsbeam("es", "up", "--secure", *where, timeout=400)
        assert up.returncode == 0, up.stdout + up.stderr
        cluster.up_output = up.stdout + up.stderr
        elastic = cluster.elastic_password = (folder / "credentials" / "elastic.password").read_text().strip()
        cluster.secrets += [elastic, base64.b64encode(f"elastic:{elastic}".encode()).decode()]
        cluster.checked(up)
        for role in ("writer", "reader", "editor"):
            add_user(cluster, role)
        yield cluster
    finally:
        newsbeam("es", "down", *where)
        shutil.rmtree(folder, ignore_errors=True)


def summary(result: subprocess.CompletedProcess[str]) -> dict:
    return json.loads(result.stdout.strip().splitlines()[-1])


def json_lines(result: subprocess.CompletedProcess[str]) -> list[dict]:
    """What a command's `--json` prints: one object a line (search hits, stories)."""
    assert result.returncode == 0, result.stdout + result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def refused(result: subprocess.CompletedProcess[str]) -> None:
    """No step was refused: the steps that need a privilege (plugin check, stories lookup, alert
    matching, feed state) log a warning naming what was refused, and go on without it."""
    # A 403 as Elasticsearch's client reports it (`AuthorizationException(403, ...)`, `HTTP 403`),
    # not the milliseconds of a log line's timestamp (`18:32:25,403`).
    for marker in (r"unauthorized", r"may not", r"(?<![\d,.:])403\b"):
        assert not re.search(marker, result.stderr), result.stderr[-3000:]


def wait_for(predicate, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def one_clear_line(result: subprocess.CompletedProcess[str], *phrases: str) -> str:
    """The error is one line on stderr naming the problem, with no traceback."""
    assert result.returncode == 1, f"exit {result.returncode}:\n{result.stdout}{result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("newsbeam ")]
    assert len(lines) == 1, result.stderr
    for phrase in phrases:
        assert phrase in lines[0], lines[0]
    return lines[0]


def foreign_ca(folder: Path) -> Path:
    """A CA certificate of its own, which signed nothing the node serves."""
    return self_signed_certificate(folder, "some other CA", stem="other-ca")[0]


@pytest.fixture(scope="module")
def hook(cluster):
    cluster.secrets.append(HOOK_SECRET)
    receiver = WebhookReceiver(secret=HOOK_SECRET).start()
    yield receiver
    receiver.stop()


def a_copy_of_a_seed(folder: Path) -> Path:
    """A folder holding a dated seed reposted whole on another site a day later, as a JSON Lines archive."""
    seed = sorted(SEEDS.glob("*.txt"))[1]
    original = extract(RawDocument(source=str(seed), content=seed.read_bytes()))
    assert original.published_at, "dated, so that both fall in a period `stories` lists"
    copy = {"url": "https://mirror.example/news/moscow-warns-tokyo", "text": original.body, "published_at": "2023-11-01T10:00:00Z"}
    archive = folder / "copies" / "copy.jsonl"
    archive.parent.mkdir(parents=True)
    archive.write_text(json.dumps(copy) + "\n", encoding="utf-8")
    return archive.parent


@pytest.fixture(scope="module")
def feeds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("secured-feeds")
    site = FeedServer().start()
    site.add("rss", "secured-harbour", title="Secured harbour reopens to ferries")
    path = folder / "feeds.yaml"
    path.write_text(
        f"feeds:\n  - name: local\n    url: {site.base}/rss.xml\n    fetch_pages: false\n"
        f"http:\n  read_timeout: 5\n  allow_private_hosts: ['127.0.0.1']\n",
        encoding="utf-8",
    )
    yield path
    site.stop()


def test_up_secure_serves_https_and_keeps_the_password_in_a_file_only_its_user_reads(cluster):
    password_file = cluster.folder / "credentials" / "elastic.password"
    info = password_file.stat()
    assert stat.S_IMODE(info.st_mode) == 0o600 and info.st_uid == os.geteuid()
    assert stat.S_IMODE(password_file.parent.stat().st_mode) == 0o700
    assert str(password_file) in cluster.up_output and str(cluster.ca) in cluster.up_output
    assert not (cluster.folder / "config" / "certs" / "ca.key").exists(), "the CA's key is not kept"

    anonymous = Elasticsearch(cluster.url, ca_certs=str(cluster.ca), request_timeout=30)
    with pytest.raises(AuthenticationException):
        anonymous.cluster.health()
    anonymous.close()
    status, plain = cluster.run_together(
        (["es", "status", *cluster.where], cluster.env()),
        (["search", "harbour"], cluster.env("reader", NEWSBEAM_ES_URL=cluster.url.replace("https", "http"))),
    )
    assert status.returncode == 0 and f"at {cluster.url}: health" in status.stdout and "security on" in status.stdout
    one_clear_line(plain, "cannot reach Elasticsearch", "https://")


@pytest.mark.timeout(420)
def test_the_writer_replays_and_watches_with_alerts_and_stories_and_the_reader_searches_and_lists_stories(cluster, feeds, hook, tmp_path):
    added = cluster.run(
        "watchlist",
        "add",
        "everything",
        "--webhook",
        hook.url,
        "--webhook-secret-env",
        "HOOK_SECRET",
        env=cluster.env("editor", HOOK_SECRET=HOOK_SECRET),
    )
    assert added.returncode == 0, added.stdout + added.stderr
    replay, watch = cluster.run_together(
        (["-vv", "replay", "--alerts", "--json", "--dlq", str(tmp_path / "replay.jsonl")], cluster.env("writer")),
        (["watch", "--once", "--json", "--feeds", str(feeds), "--dlq", str(tmp_path / "watch.jsonl")], cluster.env("writer")),
    )
    assert replay.returncode == 0, replay.stderr[-3000:]
    assert "DEBUG" in replay.stderr, "debug logging was on: even then no secret shows"
    counters = summary(replay)
    assert counters["read"] == 5 and counters["created"] + counters["unchanged"] == 5 and counters["dead_lettered"] == 0
    assert watch.returncode == 0, watch.stderr[-3000:]
    watched = summary(watch)
    assert watched["created"] + watched["unchanged"] == 1 and watched["dead_lettered"] == 0
    for result in (replay, watch):
        refused(result)
    wait_for(lambda: len(hook.articles()) == 6, timeout=30)

    # A later run finds the indexed original (an msearch on the news), joins its story and updates its figures.
    copies = a_copy_of_a_seed(tmp_path)
    again = cluster.run("replay", "--alerts", "--json", "--dlq", str(tmp_path / "copies.jsonl"), str(copies), env=cluster.env("writer"))
    assert again.returncode == 0 and summary(again)["created"] == 1, again.stderr[-3000:]
    refused(again)
    assert len(hook.articles()) == 7 and all(delivery.valid for delivery in hook.deliveries), "every alert sent once, signed"

    everything, harbour, stories, searching_writer = cluster.run_together(
        (["search", "", "--json"], cluster.env("reader")),
        (["search", "secured harbour", "--json"], cluster.env("reader")),
        (["stories", "--since", "2000-01-01", "--json"], cluster.env("reader")),
        (["search", "harbour", "--json"], cluster.env("writer")),
    )
    assert {hit["id"] for hit in json_lines(everything)} == set(hook.articles())
    assert [hit["title"] for hit in json_lines(harbour)] == ["Secured harbour reopens to ferries"]
    (story,) = json_lines(stories)
    assert story["articles"] == 2 and story["outlets"] == 2, story
    assert [hit["title"] for hit in json_lines(searching_writer)] == ["Secured harbour reopens to ferries"], "the writer searches too"

    # Kibana's Alerts panel, as the reader: the alerts, never the watchlists (they hold the notifiers' secrets).
    name, password = cluster.users["reader"]
    reader = Elasticsearch(cluster.url, ca_certs=str(cluster.ca), basic_auth=(name, password), request_timeout=30)
    try:
        assert reader.count(index=f"{ALIAS}-alerts")["count"] == 7
        with pytest.raises(AuthorizationException):
            reader.search(index=f"{ALIAS}-watchlists")
    finally:
        reader.close()


@pytest.mark.timeout(300)
def test_the_editor_keeps_the_watchlists_and_each_other_command_names_the_missing_privilege(cluster, hook, tmp_path):
    listed, tested, writer_adds, reader_lists, editor_migrates, editor_replays = cluster.run_together(
        (["watchlist", "list", "--json"], cluster.env("editor")),
        (["watchlist", "test", "everything", "--json"], cluster.env("editor")),
        (["watchlist", "add", "mine", "--query", "ferry"], cluster.env("writer")),
        (["watchlist", "list"], cluster.env("reader")),
        (["index", "migrate"], cluster.env("editor")),
        (["replay", "--dlq", str(tmp_path / "never.jsonl")], cluster.env("editor")),
    )
    assert [watchlist["name"] for watchlist in json_lines(listed)] == ["everything"]
    matches = json.loads(tested.stdout)["matches"]
    assert matches and all(match["already_notified"] for match in matches), "the editor sees what was sent"
    one_clear_line(writer_adds, "(403)", "indices:admin/create", f"[{ALIAS}-watchlists]", "[create_index,manage,all]")
    one_clear_line(reader_lists, "(403)", "indices:data/read/search", f"[{ALIAS}-watchlists]", "[read,all]")
    one_clear_line(editor_migrates, "(403)", "view_index_metadata")
    one_clear_line(editor_replays, "cannot set up the index", "manage_index_templates", "view_index_metadata")
    assert not (tmp_path / "never.jsonl").exists()


@pytest.mark.timeout(300)
def test_a_reader_that_replays_gets_dead_letters_naming_the_privilege_and_loses_nothing(cluster, tmp_path):
    # The alias exists (set up by someone who may), so the reader gets as far as writing.
    admin = Elasticsearch(cluster.url, ca_certs=str(cluster.ca), basic_auth=("elastic", cluster.elastic_password), request_timeout=30)
    ensure_index(admin, ALIAS)
    admin.close()
    dlq = tmp_path / "refused.jsonl"
    refused = cluster.run("replay", "--json", "--dlq", str(dlq), env=cluster.env("reader"))
    assert refused.returncode == 3, refused.stderr[-3000:]
    assert "Traceback" not in refused.stderr
    counters = summary(refused)
    assert counters["read"] == 5 and counters["dead_lettered"] == 5 and counters["created"] == 0
    assert counters["dead_lettered"] + counters["created"] == counters["read"], "nothing is lost"
    letters = [json.loads(line) for line in dlq.read_text().splitlines()]
    assert len(letters) == 5
    for letter in letters:
        assert letter["stage"] == "index" and letter["article"]["id"]
        assert "403" in letter["reason"] and "security_exception" in letter["reason"] and "index privileges" in letter["reason"]

    resubmitted = cluster.run("replay", "--json", "--from-dlq", str(dlq), "--dlq", str(tmp_path / "again.jsonl"), env=cluster.env("writer"))
    assert resubmitted.returncode == 0, resubmitted.stderr[-3000:]
    again = summary(resubmitted)
    assert again["created"] + again["updated"] + again["unchanged"] == 5 and again["dead_lettered"] == 0


@pytest.mark.timeout(300)
def test_a_wrong_ca_and_wrong_credentials_each_give_one_clear_line_and_exit_1(cluster, feeds, tmp_path):
    other_ca = foreign_ca(tmp_path)
    dlq = ["--dlq", str(tmp_path / "never.jsonl")]
    tls_search, tls_watch, key_search, password_replay = cluster.run_together(
        (["search", "harbour"], cluster.env("reader", NEWSBEAM_ES_CA_CERTS=str(other_ca))),
        (["watch", "--once", "--feeds", str(feeds), "--es-ca-certs", str(other_ca), *dlq], cluster.env("writer")),
        (["search", "harbour"], cluster.env(NEWSBEAM_ES_API_KEY=FOREIGN_API_KEY)),
        (["replay", *dlq], cluster.env("writer", NEWSBEAM_ES_PASSWORD="not-the-password")),
    )
    for result in (tls_search, tls_watch):
        one_clear_line(result, "certificate verify failed", "--es-ca-certs", "NEWSBEAM_ES_CA_CERTS")
    for result in (key_search, password_replay):
        one_clear_line(result, "authentication failed", "401")
    assert not (tmp_path / "never.jsonl").exists(), "nothing was read, so nothing is a dead letter"


@pytest.mark.timeout(300)
def test_the_writer_migrates_the_index_and_the_reader_still_finds_everything(cluster, tmp_path):
    before = json_lines(cluster.run("search", "", "--json", "--size", "100", env=cluster.env("reader")))
    migrated = cluster.run("index", "migrate", env=cluster.env("writer"))
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    assert f"{len(before)} documents copied" in migrated.stdout and "(plugin analysis)" in migrated.stdout
    refused(migrated)
    after = json_lines(cluster.run("search", "", "--json", "--size", "100", env=cluster.env("reader")))
    assert {hit["id"] for hit in after} == {hit["id"] for hit in before}
