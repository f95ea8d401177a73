"""Where an HTML article's body ends: labels and credits left over after the last paragraph are not text."""

from __future__ import annotations

from foundation.records import RawDocument
from pipelines.extraction import extract

PARAGRAPHS = "".join(
    f"<p>Paragraph {i}: the council voted on Tuesday to expand the city's bus network by twelve routes, "
    "the largest change to the timetable since the tram lines were closed.</p>"
    for i in range(6)
)
TOPICS = "<ul>" + "".join(f'<li><a href="/topic/{i}">Topic {i}</a></li>' for i in range(6)) + "</ul>"


def _extract(article: str) -> str:
    html = f"<html><body><article><h1>Bus network grows</h1>{article}</article></body></html>"
    return extract(RawDocument(source="test", content=html.encode(), url="https://news.example/bus")).body


def test_heading_of_a_dropped_link_list_does_not_close_the_body() -> None:
    body = _extract(f'{PARAGRAPHS}<p class="headline">Mehr Themen aus der Region</p>{TOPICS}')
    assert body.endswith("since the tram lines were closed.")
    assert "Mehr Themen" not in body


def test_credit_line_after_the_last_paragraph_is_left_out() -> None:
    body = _extract(f"{PARAGRAPHS}<p>Photo credit: Jane Roe</p>")
    assert "Photo credit" not in body


def test_last_sentence_and_the_end_of_a_list_are_kept() -> None:
    assert _extract(f"{PARAGRAPHS}<p>Buses run from May.</p>").endswith("Buses run from May.")
    steps = "<ul><li>Fold the map along the red line</li><li>Find the new stops</li></ul>"
    assert _extract(f"{PARAGRAPHS}{steps}<p>Enjoy the ride</p>").endswith("Enjoy the ride")


def test_headline_repeated_with_other_quotes_is_not_body_text() -> None:
    html = (
        '<html><head><title>Mayor says "buses first" in new plan</title></head><body><article>'
        f"<h2>Mayor says “buses first” in new plan</h2>{PARAGRAPHS}</article></body></html>"
    )
    article = extract(RawDocument(source="test", content=html.encode(), url="https://news.example/bus"))
    assert article.body.startswith("Paragraph 0")


def test_formulas_keep_their_symbols_in_the_sentence() -> None:
    inline = '<p>When <math><mi>a</mi><mo>≠</mo><mn>0</mn><annotation encoding="application/x-tex">a \\ne 0</annotation></math>, the equation has two solutions.</p>'
    mathjax = (
        '<p>The rate is</p><mjx-container class="MathJax"><mjx-math aria-hidden="true"><mjx-c></mjx-c></mjx-math>'
        "<mjx-assistive-mml><math><mi>r</mi><mo>=</mo><mn>2</mn></math></mjx-assistive-mml></mjx-container><p>per year.</p>"
    )
    body = _extract(f"{inline}{PARAGRAPHS}{mathjax}")
    assert "When a ≠ 0, the equation has two solutions." in body
    assert "r = 2" in body
    assert "\\ne" not in body
