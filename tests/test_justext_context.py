"""jusText's context-sensitive pass in linear time (`html.justext_context`): the classes jusText's
own function gives, for the paragraphs trafilatura's fallback hands it, and a page with a long menu
no longer costs the square of the menu's length."""

from __future__ import annotations

import copy
import random
import time
from dataclasses import dataclass

import justext.core
import pytest
import trafilatura.external

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.html import justext_context

CLASSES = ("short", "neargood", "good", "bad")


@dataclass
class _Paragraph:
    cf_class: str
    heading: bool
    text: str
    class_type: str = ""


def _paragraphs(picker: random.Random, count: int) -> list[_Paragraph]:
    # Runs of one class, as pages have them (a menu of short items, an article's good paragraphs),
    # texts short and long around the heading distance, headings among them.
    found: list[_Paragraph] = []
    while len(found) < count:
        cf_class = picker.choice(CLASSES)
        for _ in range(picker.choice((1, 1, 2, 5, 12))):
            found.append(_Paragraph(cf_class, picker.random() < 0.25, "x" * picker.choice((0, 3, 40, 120, 260))))
    return found[:count]


@pytest.mark.parametrize("seed", range(300))
def test_the_classes_are_jusTexts_own(seed: int) -> None:
    picker = random.Random(seed)
    paragraphs = _paragraphs(picker, picker.randint(0, 60))
    theirs = copy.deepcopy(paragraphs)
    distance = picker.choice((0, 50, justext_context.MAX_HEADING_DISTANCE))
    justext.core.revise_paragraph_classification(theirs, distance)
    justext_context.revise_paragraph_classification(paragraphs, distance)
    assert [p.class_type for p in paragraphs] == [p.class_type for p in theirs]


def test_trafilatura_calls_the_linear_pass() -> None:
    # Installed by the HTML reader, imported by the extraction of a page.
    extract(RawDocument("x", "<html><body><p>A page.</p></body></html>", content_type="text/html"))
    assert trafilatura.external.revise_paragraph_classification is justext_context.revise_paragraph_classification


def _menu_page(items: int) -> str:
    menu = "".join(f"<li>Item {number}<ul><li>Sub {number}</li></ul></li>" for number in range(items))
    article = "<p>" + "The council met on Monday to discuss the harbour and its repairs. " * 6 + "</p>"
    return f"<html><head><title>Harbour</title></head><body><ul>{menu}</ul><article>{article}</article></body></html>"


def _cpu_seconds(html: str) -> float:
    started = time.process_time()
    extract(RawDocument("x", html, url="https://example.com/news/harbour", content_type="text/html"))
    return time.process_time() - started


def test_a_page_with_a_long_menu_takes_time_linear_in_the_menu() -> None:
    small, large = _menu_page(1500), _menu_page(6000)
    _cpu_seconds(small)
    ratio = min(_cpu_seconds(large) for _ in range(2)) / min(_cpu_seconds(small) for _ in range(2))
    # Linear work gives about 4 for four times the items; jusText's own pass gave about 12.
    assert ratio < 8, f"6,000 menu items took {ratio:.1f} times the CPU of 1,500"
