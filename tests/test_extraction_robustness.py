"""Hostile and broken inputs: a sparse Article or an ExtractionError, never a crash or a hang."""

from __future__ import annotations

import os
from typing import Any

import pytest

from foundation.records import Article, RawDocument
from pipelines.extraction import DEFAULT_MAX_BYTES, ExtractionError, extract
from pipelines.extraction.dumps import reader as dumps_reader
from pipelines.extraction.dumps.reader import MAX_CHARACTERS, MAX_PIECES
from pipelines.extraction.site_template import SiteTemplate

PARAGRAPHS = "".join(
    f"<p>{text}</p>"
    for text in (
        "The city council approved the new budget on Monday after a long debate about school funding.",
        "Opponents said the plan cut too deeply into library services and public transport in the suburbs.",
        "The mayor said the compromise protected essential services while keeping taxes at their current level.",
        "A final vote on the details is expected next month, officials said after the session ended.",
    )
)


def _doc(content: bytes | str, **kwargs: Any) -> RawDocument:
    return RawDocument(source="test", content=content, **kwargs)


def _outcome(content: bytes | str, **kwargs: str) -> Article | ExtractionError:
    try:
        return extract(_doc(content, **kwargs))
    except ExtractionError as error:
        assert str(error), "an ExtractionError must carry a reason"
        return error


@pytest.mark.timeout(10)
@pytest.mark.parametrize("content", [b"", b"   \n\t ", ""])
def test_empty_input(content: bytes | str) -> None:
    with pytest.raises(ExtractionError, match="empty document"):
        extract(_doc(content))


@pytest.mark.timeout(20)
def test_binary_junk() -> None:
    junk = os.urandom(64 * 1024)
    with pytest.raises(ExtractionError, match="binary"):
        extract(_doc(junk))
    with pytest.raises(ExtractionError, match="binary"):
        extract(_doc(b"\x00\x01\x02\x03" * 5000))


@pytest.mark.timeout(20)
def test_invalid_utf8_in_text_is_tolerated() -> None:
    text = (
        b"A headline about the harbour\n"
        + b"The harbour reopened on Tuesday \xff\xfe after repairs to the pier were completed by crews.\n" * 3
    )
    result = _outcome(text)
    assert isinstance(result, Article)
    assert result.title == "A headline about the harbour"


def _page(title: str, body: str, charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<html><head>{meta}<title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


CASES = {
    "latin-1": (
        "Économie: la réforme des retraites adoptée",
        "".join(
            f"<p>Le gouvernement a présenté la réforme des retraites mardi à l'Assemblée, où les députés ont débattu pendant des heures de la durée de cotisation et de l'âge légal. {i}</p>"
            for i in range(6)
        ),
    ),
    "cp1251": (
        "Экономика: правительство утвердило бюджет",
        "".join(
            f"<p>Правительство утвердило проект бюджета на следующий год, сообщили в министерстве финансов во вторник после заседания кабинета министров. {i}</p>"
            for i in range(6)
        ),
    ),
    "shift_jis": (
        "東京で新しい予算案が承認された",
        "".join(
            f"<p>東京都議会は火曜日、来年度の予算案を賛成多数で可決した。知事は教育と防災への投資を強調した。{i}</p>" for i in range(6)
        ),
    ),
}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("encoding", sorted(CASES))
@pytest.mark.parametrize("declared", [True, False])
def test_legacy_encodings(encoding: str, declared: bool) -> None:
    title, body = CASES[encoding]
    data = _page(title, body, encoding if declared else None).encode(encoding)
    article = extract(_doc(data))
    assert article.extraction.method == "html"
    probe = body[3:15]
    assert probe in article.body, (encoding, declared, article.body[:80])


@pytest.mark.timeout(20)
def test_declared_charset_from_http_header() -> None:
    title, body = CASES["cp1251"]
    data = _page(title, body, None).encode("cp1251")
    article = extract(_doc(data, content_type="text/html; charset=windows-1251"))
    assert "Правительство" in article.body


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Only a head</title></head></html>",
        "<html><body></body></html>",
        "<!doctype html><html>",
        "<div><p>unclosed <b>tags",
    ],
)
def test_html_without_usable_body(html: str) -> None:
    result = _outcome(html)
    assert isinstance(result, (Article, ExtractionError))
    if isinstance(result, ExtractionError):
        assert "no article text" in str(result)


@pytest.mark.timeout(30)
def test_oversized_input_is_rejected_quickly() -> None:
    data = b"<html><body>" + b"<p>filler text for a very large page</p>" * (DEFAULT_MAX_BYTES // 40 + 10) + b"</body></html>"
    assert len(data) > DEFAULT_MAX_BYTES
    with pytest.raises(ExtractionError, match="over the .*-byte limit"):
        extract(_doc(data))


@pytest.mark.timeout(30)
def test_size_limit_is_configurable() -> None:
    with pytest.raises(ExtractionError, match="limit"):
        extract(_doc(b"x" * 2000), max_bytes=1000)


@pytest.mark.timeout(60)
def test_deeply_nested_markup() -> None:
    depth = 100_000
    html = (
        "<html><body><article><h1>Deep</h1>"
        + PARAGRAPHS
        + "<div>" * depth
        + "<p>too deep</p>"
        + "</div>" * depth
        + "</article></body></html>"
    )
    article = extract(_doc(html))
    assert "school funding" in article.body
    assert any("nested deeper" in w for w in article.extraction.warnings)


@pytest.mark.timeout(60)
def test_large_but_allowed_text_dump() -> None:
    line = "The committee met again on Thursday to review the proposal and hear from residents.\n"
    data = ("A long running story about a committee\n" + line * 12_000).encode()
    article = extract(_doc(data))
    assert article.body.count("The committee met again") == 1
    distinct = "".join(f"Paragraph number {i} reports that the committee heard resident {i}.\n" for i in range(16_000))
    article = extract(_doc("A long running story about a committee\n" + distinct))
    assert article.body.count("\n\n") == 15_999


@pytest.mark.timeout(30)
@pytest.mark.parametrize("unit", [". ", "12:00 ", "\n", "Word\n"])
def test_text_dump_of_too_many_words_and_lines_is_refused(unit: str) -> None:
    # Far below the byte limit, yet each of these tiny units costs the reader what a paragraph does.
    data = "A headline for a page of tiny units\n" + unit * (MAX_PIECES + 1)
    with pytest.raises(ExtractionError, match=f"over {MAX_PIECES} words and lines"):
        extract(_doc(data))


@pytest.mark.timeout(30)
@pytest.mark.parametrize("token", [".", "x", "这是一个句子。"])
def test_text_dump_of_too_many_characters_is_refused(token: str) -> None:
    # Text without spaces passes the word count, yet costs the reader by the character.
    data = "A headline\n" + token * (MAX_CHARACTERS // len(token) + 1)
    with pytest.raises(ExtractionError, match=f"characters besides blanks, over the {MAX_CHARACTERS} limit"):
        extract(_doc(data))


@pytest.mark.timeout(60)
def test_blanks_do_not_count_towards_the_dump_limits() -> None:
    # A converter pads a table's cells with spaces: megabytes of them around a few words.
    padded = "A long table of results\n" + "".join(f"Result {i} for the committee.{' ' * 400}\n" for i in range(10_000))
    assert len(padded) > MAX_CHARACTERS
    assert "Result 9999 for the committee." in extract(_doc(padded)).body


def test_a_refused_dump_teaches_its_site_template_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dumps_reader, "MAX_PIECES", 5)
    template = SiteTemplate()
    with pytest.raises(ExtractionError, match="words and lines"):
        extract(_doc("Menu\nThe council met on Monday.", url="https://example.com/a"), template=template)
    assert len(template) == 0


def test_the_word_and_line_limit_counts_every_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dumps_reader, "MAX_PIECES", 13)
    at_limit = "The council met.\nIt approved the budget.\nThe vote was close."  # 11 words, 2 line breaks
    assert extract(_doc(at_limit)).body
    with pytest.raises(ExtractionError, match="over 13 words and lines"):
        extract(_doc(at_limit + " Done."))
    # A CRLF is one line break, as `str.splitlines` reads it.
    assert extract(_doc(at_limit.replace("\n", "\r\n"))).body


@pytest.mark.timeout(60)
def test_huge_element_count_is_rejected() -> None:
    html = "<html><body><article><h1>Big</h1>" + "<p>Budget debate about school funding.</p>" * 60_000 + "</article></body></html>"
    with pytest.raises(ExtractionError, match="element limit"):
        extract(_doc(html))


@pytest.mark.timeout(20)
def test_implausible_dates_are_dropped() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="1970-01-01T00:00:00Z">'
        '<meta property="article:modified_time" content="2999-01-01T00:00:00Z"></head>'
        f"<body><article><h1>Old news</h1>{PARAGRAPHS}</article></body></html>"
    )
    article = extract(_doc(html))
    assert article.published_at != "1970-01-01T00:00"
    assert article.modified_at != "2999-01-01T00:00"
    assert any("implausible" in w for w in article.extraction.warnings)


@pytest.mark.timeout(60)
def test_core_does_not_import_beam() -> None:
    import subprocess
    import sys

    code = "import sys, pipelines.extraction, connectors.documents; print('apache_beam' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
