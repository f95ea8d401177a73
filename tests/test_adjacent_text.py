"""Runs of adjacent text nodes merged after trafilatura strips inline tags (pipelines/extraction/html/adjacent_text.py)."""

from __future__ import annotations

import time

import pytest
import trafilatura.main_extractor
from lxml import etree, html

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.html import adjacent_text


def _stripped_paragraph(markup: str) -> html.HtmlElement:
    page = html.fromstring(f"<html><body>{markup}</body></html>")
    etree.strip_tags(page, "span")
    return page


def test_a_run_of_text_nodes_becomes_one_and_the_text_stays() -> None:
    page = _stripped_paragraph("<p>Said <span>one</span> <span>two</span><b>bold</b> after <span>three</span></p>")
    paragraph = page.find(".//p")
    before = etree.tostring(page)
    assert len(paragraph.xpath("text()")) > 3

    adjacent_text.merge_text_runs(page)

    assert etree.tostring(page) == before
    # One node before <b> (the paragraph's text), one after it (its tail).
    assert paragraph.xpath("text()") == ["Said one two", " after three"]


def test_a_run_with_a_control_character_is_left_whole() -> None:
    # lxml's parser keeps such characters, and its setters drop the old text before refusing them.
    page = _stripped_paragraph("<p>auf die unbequemen \x1dThemen <span>unserer</span> Zeit</p>")
    before = etree.tostring(page)

    adjacent_text.merge_text_runs(page)

    assert etree.tostring(page) == before
    assert page.find(".//p").text == "auf die unbequemen \x1dThemen unserer Zeit"


def test_trafilatura_prunes_through_the_merge() -> None:
    # Installed by the HTML reader, imported by the extraction of a page.
    extract(RawDocument("x", "<html><body><p>A page.</p></body></html>", content_type="text/html"))
    assert trafilatura.main_extractor.prune_unwanted_sections is adjacent_text.prune_unwanted_sections


def _transcript(words: int) -> str:
    """A transcript page with each word in a `<span>` (players highlight the word being spoken)."""
    text = " ".join(f'<span data-t="{number}">word{number % 50}</span>' for number in range(words))
    return f"<html><head><title>Episode 12</title></head><body><article><h1>Episode 12 transcript</h1><p>{text}</p></article></body></html>"


def _tag_cloud(links: int) -> str:
    """An article followed by a paragraph of tag links."""
    lede = "<p>" + "The council met on Tuesday to discuss the budget for schools. " * 20 + "</p>"
    tags = " ".join(f'<a href="/tag/{number}">tag {number}</a>,' for number in range(links))
    return f"<html><head><title>Budget</title></head><body><article><h1>Budget</h1>{lede}<p>{tags}</p></article></body></html>"


def _cpu_seconds(page: str) -> float:
    started = time.process_time()
    extract(RawDocument("x", page, url="https://example.com/news/episode-12", content_type="text/html"))
    return time.process_time() - started


@pytest.mark.parametrize("make_page", [_transcript, _tag_cloud], ids=["spans", "links"])
def test_a_paragraph_of_inline_elements_takes_time_linear_in_them(make_page) -> None:
    small, large = make_page(2000), make_page(8000)
    _cpu_seconds(small)
    ratio = min(_cpu_seconds(large) for _ in range(2)) / min(_cpu_seconds(small) for _ in range(2))
    # Linear work gives about 4 for four times the elements; the unmerged runs gave 15 to 17.
    assert ratio < 8, f"8,000 inline elements took {ratio:.1f} times the CPU of 2,000"
