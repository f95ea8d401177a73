"""Stories in the pipelines, on the real node: replay groups syndicated copies of the seeds with their
originals (in one run, or against what an earlier run indexed), keeps different reports apart, and
updates a story's figures in place as it grows; `watch` joins a later copy to the indexed story."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from elasticsearch import Elasticsearch

from foundation.records import RawDocument
from pipelines.cli import main
from pipelines.extraction import extract
from tests.support.cli import replay
from tests.support.feeds.server import FeedServer
from tests.support.paths import SEEDS
from tests.support.runners import PRISM, needs_prism

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def seed_body(path: Path) -> str:
    return extract(RawDocument(source=str(path), content=path.read_bytes())).body


def copies_file(folder: Path) -> Path:
    """Copies of the first four seeds made the way outlets make them; the fifth seed has none."""
    bodies = [seed_body(path) for path in SEED_FILES]
    paragraphs = [body.split("\n\n") for body in bodies]
    records = [
        # Other boilerplate around it, another headline.
        {
            "url": "https://mirror-one.example/world/moscow-warns-tokyo",
            "title": "Moscow warns Tokyo over its course",
            "text": "Home | World | Politics\n\nAdvertisement\n\n" + bodies[0] + "\n\nFollow us on Telegram.\n\nCopyright 2026 Mirror One.",
        },
        # Cut after four paragraphs, with its own headline.
        {"url": "https://mirror-two.example/russia-japan", "title": "Russia to react harshly", "text": "\n\n".join(paragraphs[1][:4])},
        # An exact repost on another site.
        {"url": "https://mirror-three.example/news/sanctions-warning", "text": bodies[2]},
        # Re-wrapped lines, the last paragraph cut.
        {"url": "https://mirror-four.example/tass", "text": "\n".join(textwrap.wrap(" ".join(paragraphs[3][:-1]), 70))},
    ]
    path = folder / "copies.jsonl"
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def indexed(es: Elasticsearch, alias: str) -> dict[str, dict]:
    """Documents by their source file (`copies.jsonl#L<n>` for the copies)."""
    es.indices.refresh(index=alias)
    hits = es.search(index=alias, size=100, query={"match_all": {}})["hits"]["hits"]
    return {Path(hit["_source"]["source"]).name: {**hit["_source"], "_seq_no": hit.get("_seq_no")} for hit in hits}


def assert_grouped(docs: dict[str, dict]) -> None:
    originals = [docs[path.name] for path in SEED_FILES]
    assert len({doc["story_id"] for doc in originals}) == 5, "five outlets' different reports on one subject stay apart"
    for n in range(4):
        copy, original = docs[f"copies.jsonl#L{n + 1}"], originals[n]
        assert copy["story_id"] == original["story_id"], (n, copy["body"][:80])
        first = docs[next(name for name, doc in docs.items() if doc["id"] == original["story_id"])]
        assert first["story_size"] == 2 and first["story_outlets"] == 2, first
        assert copy["story_size"] == original["story_size"] == 2
        later = copy if first is original else original
        assert later["near_duplicate_of"] == first["id"] and later["first_seen"] == first["first_seen"]
    assert originals[4]["story_size"] == 1 and originals[4]["story_id"] == originals[4]["id"]
    assert originals[4]["near_duplicate_of"] is None


def test_a_replay_of_the_seeds_and_their_copies_groups_each_copy_with_its_original(es, es_url, alias, capsys, tmp_path):
    folder = tmp_path / "input"
    shutil.copytree(SEEDS, folder)
    copies_file(folder)
    code, summary = replay(capsys, es_url, alias, str(folder))
    assert code == 0 and summary["read"] == 9 and summary["created"] == 9 and summary["reconciled"], summary
    first = indexed(es, alias)
    assert_grouped(first)

    code, again = replay(capsys, es_url, alias, str(folder))
    assert again["unchanged"] == 9 and again["created"] == again["updated"] == 0, again
    second = indexed(es, alias)
    assert {name: doc["story_id"] for name, doc in second.items()} == {name: doc["story_id"] for name, doc in first.items()}
    assert {name: doc["_seq_no"] for name, doc in second.items()} == {name: doc["_seq_no"] for name, doc in first.items()}, (
        "a re-run rewrites nothing"
    )


@pytest.mark.prism
@needs_prism
def test_prism_groups_the_copies_as_the_direct_runner_does(es, es_url, alias, capsys, tmp_path):
    folder = tmp_path / "input"
    shutil.copytree(SEEDS, folder)
    copies_file(folder)
    code, summary = replay(capsys, es_url, alias, str(folder), "--runner", "PrismRunner", f"--prism_location={PRISM}")
    assert code == 0 and summary["created"] == 9 and summary["reconciled"], summary
    assert_grouped(indexed(es, alias))


def test_a_later_replay_of_copies_joins_the_indexed_stories_and_updates_them_in_place(es, es_url, alias, capsys, tmp_path):
    replay(capsys, es_url, alias, str(SEEDS))
    before = indexed(es, alias)
    copies = copies_file(tmp_path)
    code, summary = replay(capsys, es_url, alias, str(copies))
    assert code == 0 and summary["created"] == 4 and summary["updated"] == summary["unchanged"] == 0, summary
    docs = indexed(es, alias)
    for n, path in enumerate(SEED_FILES[:4]):
        original, copy = docs[path.name], docs[f"copies.jsonl#L{n + 1}"]
        assert copy["story_id"] == original["id"] and copy["near_duplicate_of"] == original["id"]
        assert original["story_size"] == copy["story_size"] == 2 and original["story_outlets"] == 2
        assert copy["first_seen"] == original["first_seen"] and copy["first_publisher"] == original["first_publisher"]
        # Only the story's figures changed: a partial update, the rest of the document as it was.
        unchanged = {key: value for key, value in original.items() if key not in ("story_size", "story_outlets", "_seq_no")}
        assert unchanged == {
            key: value for key, value in before[path.name].items() if key not in ("story_size", "story_outlets", "_seq_no")
        }
    assert docs[SEED_FILES[4].name]["story_size"] == 1


def test_exact_duplicates_are_counted_and_the_longest_copy_is_kept(es, es_url, alias, capsys, tmp_path):
    folder = tmp_path / "input"
    folder.mkdir()
    body = seed_body(SEED_FILES[1])
    short, longer = body.split("\n\n")[0], body
    url = "https://same-page.example/story"
    (folder / "a.jsonl").write_text(json.dumps({"url": url, "text": longer}) + "\n" + json.dumps({"url": url, "text": short}) + "\n")
    (folder / "b.jsonl").write_text(json.dumps({"url": url, "text": short}) + "\n")
    code, summary = replay(capsys, es_url, alias, str(folder))
    assert code == 0 and summary["read"] == 3 and summary["reconciled"], summary
    assert summary["duplicates"] + summary["updated"] == 2 and summary["created"] == 1
    es.indices.refresh(index=alias)
    (hit,) = es.search(index=alias, query={"match_all": {}})["hits"]["hits"]
    assert hit["_source"]["body"] == longer and hit["_source"]["story_size"] == 1


@pytest.fixture
def site():
    server = FeedServer().start()
    yield server
    server.stop()


def watch_once(capsys, es_url: str, alias: str, feeds: Path, tmp_path: Path) -> dict:
    args = ["watch", "--feeds", str(feeds), "--once", "--es-url", es_url, "--index", alias, "--dlq", str(tmp_path / "dlq.jsonl"), "--json"]
    code = main(args)
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 0, summary
    return summary


def test_watch_joins_a_copy_that_arrives_later_to_the_story_already_indexed(es, es_url, alias, site, capsys, tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        yaml.safe_dump(
            {
                "feeds": [{"name": name, "url": f"{site.base}/{name}.xml"} for name in ("rss", "atom")],
                "http": {"allow_private_hosts": ["127.0.0.1"], "read_timeout": 2.0},
                "politeness": {"min_delay_per_host": 0},
            }
        )
    )
    summary = "The harbour authority said the new ferry terminal opens next month after two years of work."
    site.add("rss", "terminal-opens", title="Ferry terminal to open", summary=summary)
    watch_once(capsys, es_url, alias, feeds, tmp_path)
    # Another outlet carries the same report later, under its own headline: a new `watch` process
    # (nothing in memory) finds the story through the index.
    site.add("atom", "terminal-opens-copy", title="New ferry terminal opens next month", summary=summary)
    counters = watch_once(capsys, es_url, alias, feeds, tmp_path)
    assert counters["created"] == 1, counters
    es.indices.refresh(index=alias)
    docs = {hit["_source"]["url"]: hit["_source"] for hit in es.search(index=alias, query={"match_all": {}})["hits"]["hits"]}
    original, copy = docs[site.url("terminal-opens")], docs[site.url("terminal-opens-copy")]
    assert copy["story_id"] == original["id"] and copy["near_duplicate_of"] == original["id"]
    assert original["story_size"] == copy["story_size"] == 2
    assert copy["first_seen"] == original["first_seen"] == original["published_at"]


def test_the_window_cap_comes_from_the_configuration(es, es_url, alias, capsys, tmp_path):
    bodies = [seed_body(path) for path in SEED_FILES[:2]]
    lines = [json.dumps({"url": f"https://outlet.example/{n}", "text": bodies[n]}) for n in (0, 1, 0)]
    (tmp_path / "input.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = tmp_path / "newsbeam.yaml"
    config.write_text("stories:\n  max_entries: 1\n", encoding="utf-8")
    code = main(["--config", str(config), "replay", "--es-url", es_url, "--index", alias, "--json", str(tmp_path / "input.jsonl")])
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    # The second article pushed the first out of a window of one: its repost is written again, not counted a duplicate.
    assert code == 0 and summary["duplicates"] == 0 and summary["created"] == 2, summary
    assert summary["unchanged"] + summary["updated"] == 1 and summary["reconciled"], summary
