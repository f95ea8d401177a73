"""connectors.documents: file bytes to RawDocuments or DocumentErrors."""

from __future__ import annotations

import gzip
import io
import itertools
import json

import pytest

from connectors.documents import DocumentError, documents_from_bytes, documents_from_file, file_pieces, line_pieces
from foundation.records import RawDocument
from tests.support.warc import HTML, crawl_archive, warc_archive


def _all(name: str, data: bytes, **kwargs: int) -> list[RawDocument | DocumentError]:
    return list(documents_from_bytes(name, data, **kwargs))


@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.htm", "a.bin", "noext"])
def test_single_document_files(name: str) -> None:
    [doc] = _all(f"dir/{name}", HTML)
    assert isinstance(doc, RawDocument)
    assert doc.source == f"dir/{name}" and doc.content == HTML


def test_gzipped_single_document_and_bomb_cap() -> None:
    [doc] = _all("page.html.gz", gzip.compress(HTML))
    assert doc.content == HTML and doc.content_type == "text/html"
    [error] = _all("bomb.txt.gz", gzip.compress(b"a" * 100_000), max_record=10_000)
    assert isinstance(error, DocumentError) and "more than 10000 bytes" in error.reason
    [error] = _all("broken.txt.gz", b"\x1f\x8b\x08\x00garbage")
    assert isinstance(error, DocumentError) and "gzip" in error.reason


def _jsonl() -> bytes:
    lines = [
        json.dumps(
            {
                "url": "https://e.com/a",
                "html": "<p>x</p>",
                "title": "A",
                "published_at": "2024-01-02",
                "tags": ["x", "y"],
                "authors": ["Ann"],
                "summary": "S",
                "fetched_at": "2024-01-03T00:00:00Z",
            }
        ),
        "{broken",
        json.dumps({"url": "https://e.com/c"}),
        "",
        json.dumps({"url": "https://e.com/d", "text": "Plain text."}),
    ]
    return "\n".join(lines).encode()


def test_a_record_without_content_says_which_field_is_wrong() -> None:
    lines = [{"url": "https://e.com/a"}, {"html": 5}, {"html": None, "text": "  "}, {"text": ["a"]}]
    items = _all("docs.jsonl", "\n".join(json.dumps(line) for line in lines).encode())
    assert [item.reason for item in items] == [
        'record has neither "html" nor "text"',
        'record has no content: "html" is a number, not a string',
        'record has no content: "html" is null, not a string; "text" is empty',
        'record has no content: "text" is an array, not a string',
    ]


@pytest.mark.parametrize("name", ["feed.jsonl", "feed.jsonl.gz"])
def test_jsonl_lines_errors_and_hints(name: str) -> None:
    data = _jsonl()
    items = _all(name, gzip.compress(data) if name.endswith(".gz") else data)
    assert [type(i).__name__ for i in items] == ["RawDocument", "DocumentError", "DocumentError", "RawDocument"]
    first, broken, missing, last = items
    assert first.source == f"{name}#L1" and first.url == "https://e.com/a" and first.content_type == "text/html"
    assert first.hints.title == "A" and first.hints.published_at == "2024-01-02" and first.hints.summary == "S"
    assert first.hints.tags == ("x", "y") and first.hints.authors == ("Ann",)
    assert first.fetched_at == "2024-01-03T00:00:00Z"
    assert broken.source == f"{name}#L2" and "invalid JSON" in broken.reason
    assert missing.source == f"{name}#L3" and "neither" in missing.reason
    assert last.source == f"{name}#L5" and last.content == "Plain text." and last.content_type == "text/plain"


@pytest.mark.parametrize("gz", [False, True])
def test_warc_response_records(gz: bool) -> None:
    name = "crawl.warc.gz" if gz else "crawl.warc"
    items = _all(name, warc_archive(gz))
    assert [i.url for i in items] == ["https://e.com/a", "https://e.com/b.txt"]
    first = items[0]
    assert first.source == f"{name}#1" and items[1].source == f"{name}#4"
    assert first.content == HTML and first.fetched_at == "2024-05-01T10:00:00Z"
    assert first.hints.http_last_modified == "Tue, 30 Apr 2024 08:00:00 GMT"


@pytest.mark.parametrize("junk", [b"WARC/1.0\r\nthis is not a record\r\n\r\n", b"garbage garbage\r\n\r\n"])
def test_broken_warc_yields_an_error_after_good_records(junk: bytes) -> None:
    items = _all("bad.warc", warc_archive(False) + junk)
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "DocumentError"]
    assert items[-1].source == "bad.warc#5" and "WARC" in items[-1].reason


def test_an_overlong_jsonl_line_is_an_error_and_reading_goes_on() -> None:
    long_line = json.dumps({"url": "https://e.com/long", "text": "x" * 5000}).encode()
    data = long_line + b"\n" + json.dumps({"url": "https://e.com/ok", "text": "Fine."}).encode() + b"\n"
    first, second = _all("big.jsonl", data, max_record=1000)
    assert isinstance(first, DocumentError) and first.source == "big.jsonl#L1" and "longer than 1000 bytes" in first.reason
    assert isinstance(second, RawDocument) and second.source == "big.jsonl#L2" and second.url == "https://e.com/ok"


def test_files_are_read_as_streams() -> None:
    class OneWayStream(io.RawIOBase):
        """A stream that cannot seek or be read whole in one call, like a remote file."""

        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            chunk = self._data.read(min(len(buffer), 4096))
            buffer[: len(chunk)] = chunk
            return len(chunk)

    lines = b"".join(json.dumps({"url": f"https://e.com/{n}", "text": f"Story {n}."}).encode() + b"\n" for n in range(500))
    stream = io.BufferedReader(OneWayStream(gzip.compress(lines)))
    documents = list(documents_from_file("many.jsonl.gz", stream))
    assert len(documents) == 500 and all(isinstance(d, RawDocument) for d in documents)


def _varied_jsonl(count: int) -> bytes:
    """JSON Lines of very different lengths, with blank lines, an overlong line and a broken one."""
    lines = []
    for n in range(count):
        if n % 17 == 5:
            lines.append("")
        elif n == count // 2:
            lines.append("{broken")
        else:
            lines.append(json.dumps({"url": f"https://example.org/{n}", "text": "word " * (n * 37 % 900)}))
    lines[count // 3] = json.dumps({"text": "x" * 30_000})
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("piece_bytes", [1, 700, 4096, 10**9])
def test_line_pieces_cover_the_file_at_line_ends_with_their_line_numbers(piece_bytes: int) -> None:
    data = _varied_jsonl(300) + b'{"text": "no newline at the end"}'
    pieces = list(line_pieces(io.BytesIO(data), len(data), piece_bytes))
    assert pieces[0][0] == 0 and pieces[-1][1] == len(data)
    for (_, stop, _), (start, _, _) in itertools.pairwise(pieces):
        assert stop == start and data[stop - 1 : stop] == b"\n"
    for start, _, first_line in pieces:
        assert first_line == data[:start].count(b"\n") + 1


def test_reading_a_file_piece_by_piece_gives_what_reading_it_whole_gives() -> None:
    data = _varied_jsonl(400)
    whole = _all("big.jsonl", data, max_record=20_000)
    pieced = [
        item
        for start, stop, first_number in line_pieces(io.BytesIO(data), len(data), 5_000)
        for item in _all("big.jsonl", data[start:stop], max_record=20_000, first_number=first_number)
    ]
    assert pieced == whole
    assert any(isinstance(item, DocumentError) and item.source == "big.jsonl#L201" for item in whole)
    assert any(isinstance(item, DocumentError) and "longer than" in item.reason for item in whole)


def test_line_pieces_end_where_the_file_ends_when_it_is_shorter_than_listed() -> None:
    data = _varied_jsonl(100)
    pieces = list(line_pieces(io.BytesIO(data), len(data) * 3, 1_000))
    assert pieces[-1][1] == len(data)
    assert all(start < stop for start, stop, _ in pieces)


@pytest.mark.parametrize("gz", [False, True])
def test_a_warc_is_cut_at_record_boundaries_and_read_piece_by_piece_as_whole(gz: bool) -> None:
    name = "crawl.warc.gz" if gz else "crawl.warc"
    data = crawl_archive(gz)
    pieces = file_pieces(name, io.BytesIO(data), len(data), 4_000)
    assert len(pieces) > 4 and pieces[0][0] == 0 and pieces[-1][1] == len(data)
    assert all(stop == start for (_, stop, _), (start, _, _) in itertools.pairwise(pieces))
    whole = _all(name, data)
    pieced = [item for start, stop, first in pieces for item in _all(name, data[start:stop], first_number=first)]
    assert pieced == whole and len(whole) == 60 - 7


def test_a_warc_gzipped_as_one_stream_stays_whole() -> None:
    data = gzip.compress(crawl_archive(False))
    assert file_pieces("crawl.warc.gz", io.BytesIO(data), len(data), 4_000) == [(0, len(data), 1)]
