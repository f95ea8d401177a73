"""Published dates the publisher would recognise, one group of tests per failure class seen on real pages:
structured data the parser could not read, a UTC instant whose day is not the publisher's, a later
re-publication date in the structured data, and pages without extractable body text."""

from __future__ import annotations

from pipelines.extraction import extract
from pipelines.extraction.dates import parse_date
from pipelines.records import Article, RawDocument

BODY = "".join(
    f"<p>Paragraph {i} of the report explains what the council decided on the budget, which services change "
    "and what residents can expect over the coming months, with figures from the finance office.</p>"
    for i in range(6)
)


def page(head: str = "", byline: str = "", title: str = "Council agrees budget after long session") -> bytes:
    return (
        f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>{byline}{BODY}</article>"
        "</body></html>"
    ).encode()


def run(html: bytes, url: str | None = None) -> Article:
    return extract(RawDocument(source="test", content=html, url=url))


def json_ld(body: str, wrap: str = "{}") -> str:
    return f'<script type="application/ld+json">{wrap.format(body) if wrap != "{}" else body}</script>'


# --- structured data the parser could not read ------------------------------------------------

def test_json_ld_wrapped_in_cdata_is_read() -> None:
    data = '{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2020-07-10T14:15:42+00:00"}'
    for wrapped in (f"<![CDATA[ {data} ]]>", f"//<![CDATA[\n{data}\n//]]>", f"/*<![CDATA[*/{data}/*]]>*/"):
        head = json_ld(wrapped) + '<meta property="article:modified_time" content="2025-01-07T09:08:22+00:00">'
        article = run(page(head))
        assert article.published_at == "2020-07-10T14:15:42+00:00", wrapped
        assert article.date_sources["published_at"] == "json-ld"


def test_json_ld_with_raw_newlines_in_strings_is_read() -> None:
    data = '{"@type": "NewsArticle", "headline": "Two\nlines", "datePublished": "2021-03-04T05:06:07Z"}'
    assert run(page(json_ld(data))).published_at == "2021-03-04T05:06:07+00:00"


# --- clock times with zone names ---------------------------------------------------------------

def test_zone_abbreviations_give_the_offset_of_their_date() -> None:
    assert parse_date("Nov. 8, 2023, 10:28 PM EST").iso() == "2023-11-08T22:28-05:00"
    assert parse_date("June 8, 2023 10:28 a.m. ET").iso() == "2023-06-08T10:28-04:00"  # daylight saving
    assert parse_date("Dec. 6, 2024, 10:00 PM UTC").iso() == "2024-12-06T22:00+00:00"
    assert parse_date("3 June 2023 14:00 GMT+2").iso() == "2023-06-03T14:00+02:00"
    assert parse_date("5 January 2024 9:15 am CET").iso() == "2024-01-05T09:15+01:00"


def test_lower_case_words_are_not_zones() -> None:
    assert parse_date("3 June 2023 10:00 et la suite").iso() == "2023-06-03T10:00"


def test_same_instant_at_another_offset() -> None:
    assert parse_date("2023-11-09T03:28:00Z").at_offset(-300).iso() == "2023-11-08T22:28-05:00"
