"""Hostile and broken input through the whole replay: every document ends indexed, as a duplicate
or as a dead letter with a reason; the counts reconcile; time and memory stay bounded."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.support.paths import PROJECT_ROOT, SEEDS

DEVSET = Path(__file__).parent / "devset"
PAGE = (DEVSET / "html_jsonld_graph.html").read_text(encoding="utf-8")
STORY = (SEEDS / "000_c2aa2074ae0e184a.txt").read_text(encoding="utf-8")
MAX_PEAK_RSS_MB = 1500


def page_with_dates(published: str, modified: str, title: str) -> str:
    ld = json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "datePublished": published, "dateModified": modified}
    )
    body = "".join(f"<p>{sentence}</p>" for sentence in STORY.splitlines()[4:])
    return f'<html><head><title>{title}</title><script type="application/ld+json">{ld}</script></head><body><article><h1>{title}</h1>{body}</article></body></html>'


def build_corpus(folder: Path) -> None:
    """Write the cases, one file each."""
    rng = random.Random(8)

    def write(name: str, data: bytes | str) -> None:
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    for n, suffix in enumerate((".txt", ".html", ".htm", ".txt.gz", ".html.gz", "")):
        write(f"empty{n}{suffix}", gzip.compress(b"") if suffix.endswith(".gz") else b"")
        write(f"blank{n}{suffix}", gzip.compress(b" \n\t\n") if suffix.endswith(".gz") else b" \n\t\n")
    for n in range(30):
        write(f"junk{n}{rng.choice(['.txt', '.html', '.bin'])}", rng.randbytes(rng.randrange(1, 50_000)))
    for n in range(30):
        cut = rng.randrange(1, len(PAGE))
        write(f"truncated{n}.html", PAGE[:cut])
    for n in range(15):
        tags = PAGE.split("<")
        rng.shuffle(tags)
        write(f"garbled{n}.html", "<".join(tags))
    text = STORY.replace("'", "’")
    for n, (codec, declared) in enumerate(
        [("cp1251", "utf-8"), ("latin-1", "utf-8"), ("shift_jis", "latin-1"), ("utf-16", None), ("cp1252", None)] * 4
    ):
        body = f"<html><head>{f'<meta charset={declared}>' if declared else ''}</head><body><h1>Заголовок {n}</h1><p>{text} — ñ é ü 日本</p></body></html>"
        write(f"encoding{n}.html", body.encode(codec, errors="replace"))
    for n in range(5):
        write(f"mixed{n}.txt", STORY.encode("utf-8") + "Café déjà vu".encode("latin-1") + rng.randbytes(20) + STORY.encode("utf-8"))
    write("huge.txt", b"A line of text that repeats.\n" * (52 * 1024 * 1024 // 29))
    write("bomb.html.gz", gzip.compress(b"<p>" + b"x" * (60 * 1024 * 1024) + b"</p>"))
    for n, depth in enumerate((1_000, 20_000, 100_000)):
        write(f"nested{n}.html", "<div>" * depth + "deep text" + "</div>" * depth)
        write(f"nested_open{n}.html", "<html><body>" + "<span><b><i>" * (depth // 3) + STORY)
    lines = [
        "{not json",
        "[1, 2, 3]",
        '"a string"',
        "null",
        "{}",
        '{"url": "https://e.com/1"}',
        '{"url": "https://e.com/2", "text": 42}',
        '{"url": "https://e.com/3", "html": ""}',
        '{"text": "   "}',
        json.dumps({"url": 7, "text": STORY}),
        json.dumps({"url": "https://e.com/5", "text": STORY, "tags": {"a": 1}, "authors": 5}),
        json.dumps({"url": "https://e.com/6", "html": PAGE, "published_at": "0000-01-01"}),
        json.dumps({"url": "https://e.com/7", "text": STORY + " seven", "published_at": "9999-12-31T00:00:00+25:00"}),
        json.dumps({"url": "not a url at all", "text": STORY + " eight"}),
        '{"url": "https://e.com/9", "text": "\\ud800 lone surrogate"}',
    ]
    lines += [
        json.dumps({"url": f"https://e.com/line/{n}", "text": f"Headline number {n}\n\n{STORY}"})[: rng.randrange(10, 400)]
        for n in range(25)
    ]
    write("broken.jsonl", "\n".join(lines) + "\n")
    write("broken.jsonl.gz", gzip.compress(("\n".join(lines) + "\n").encode())[:-40])
    for n, (published, modified) in enumerate(
        [
            ("0000-01-01", "0000-01-02"),
            ("9999-12-31T23:59:59Z", "9999-12-31"),
            ("2023-10-31T08:34:00+25:00", "2023-10-31T08:34:00+99:00"),
            ("2023-02-30", "2023-13-01"),
            ("-0001-01-01", "+10000-01-01"),
            ("yesterday", "soon"),
            ("1969-12-31", "1899-01-01"),
            ("", None),
            ("2023-10-31T25:61:00", "2023-10-31T08:34:00.123456789Z"),
            ("20231031", "1698741240"),
        ]
    ):
        write(f"dates{n}.html", page_with_dates(published, modified, f"Dated story {n}"))
        write(f"dates{n}.txt", f"Dated text story {n}\n- Published Date: 05:07 | {31 + n} February {9999 - n}\n{STORY}")
    warc = io.BytesIO()
    writer = WARCWriter(warc, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record("https://e.com/warc", "response", payload=io.BytesIO(PAGE.encode()), http_headers=headers)
    )
    write("broken.warc", warc.getvalue() + b"WARC/1.0\r\nnot a record\r\n\r\n" + rng.randbytes(500))
    write("junk.warc.gz", rng.randbytes(2000))
    for n in range(60):
        write(f"copy{n}.txt", STORY if n % 3 == 0 else f"{STORY}\nVariant {n}.")


def run_measured(command: list[str], folder: Path) -> tuple[int, str, str, float]:
    """Run a command; return its exit code, output, errors and peak memory in MB."""
    out, err = folder / "stdout", folder / "stderr"
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, out.read_text(), err.read_text(), usage.ru_maxrss / 1024


@pytest.mark.timeout(900)
def test_hostile_input_reconciles_within_bounds(es, es_url, alias, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    build_corpus(folder)
    files = len(list(folder.iterdir()))
    assert files >= 200
    dlq = tmp_path / "dlq.jsonl"
    returncode, stdout, stderr, peak_mb = run_measured(
        [sys.executable, "-m", "pipelines.cli", "replay", str(folder), "--es-url", es_url, "--index", alias, "--dlq", str(dlq), "--json"],
        tmp_path,
    )
    assert returncode == 3, stderr[-3000:]
    assert peak_mb < MAX_PEAK_RSS_MB
    summary = json.loads(stdout.strip().splitlines()[-1])
    assert summary["reconciled"], summary
    assert summary["read"] >= files, "every file holds at least one document"
    assert summary["failed_index"] == 0, "the extraction core let through something Elasticsearch rejects"
    assert summary["dead_lettered"] > 0 and summary["duplicates"] > 0 and summary["created"] > 0
    letters = [json.loads(line) for line in dlq.read_text(encoding="utf-8").splitlines()]
    assert len(letters) == summary["dead_lettered"]
    assert all(letter["reason"] and letter["source"] for letter in letters)
    assert "Traceback" not in stderr

    es.indices.refresh(index=alias)
    assert es.count(index=alias)["count"] == summary["created"]
    absurd = {
        "bool": {
            "should": [{"range": {field: {"lt": "1990-01-01"}}} for field in ("published_at", "modified_at")]
            + [{"range": {field: {"gt": "now+2d"}}} for field in ("published_at", "modified_at")]
        }
    }
    assert es.count(index=alias, query=absurd)["count"] == 0
