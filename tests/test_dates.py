"""Published dates the publisher would recognise, one group of tests per failure class seen on real pages:
structured data the parser could not read, a UTC instant whose day is not the publisher's, a later
re-publication date in the structured data, and pages without extractable body text."""

from __future__ import annotations

from collections.abc import Callable

from foundation.records import Article, RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dates.parsing import PartialDate, parse_date

BODY = "".join(
    f"<p>Paragraph {i} of the report explains what the council decided on the budget, which services change "
    "and what residents can expect over the coming months, with figures from the finance office.</p>"
    for i in range(6)
)


def page(head: str = "", byline: str = "", title: str = "Council agrees budget after long session") -> bytes:
    return (
        f"<html><head><title>{title}</title>{head}</head><body><article><h1>{title}</h1>{byline}{BODY}</article></body></html>"
    ).encode()


def parsed(text: str, parser: Callable[[str], PartialDate | None] = parse_date) -> PartialDate:
    value = parser(text)
    assert value is not None, text
    return value


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
    assert parsed("Nov. 8, 2023, 10:28 PM EST").iso() == "2023-11-08T22:28-05:00"
    assert parsed("June 8, 2023 10:28 a.m. ET").iso() == "2023-06-08T10:28-04:00"  # daylight saving
    assert parsed("Dec. 6, 2024, 10:00 PM UTC").iso() == "2024-12-06T22:00+00:00"
    assert parsed("3 June 2023 14:00 GMT+2").iso() == "2023-06-03T14:00+02:00"
    assert parsed("5 January 2024 9:15 am CET").iso() == "2024-01-05T09:15+01:00"


def test_lower_case_words_are_not_zones() -> None:
    assert parsed("3 June 2023 10:00 et la suite").iso() == "2023-06-03T10:00"


def test_same_instant_at_another_offset() -> None:
    assert parsed("2023-11-09T03:28:00Z").at_offset(-300).iso() == "2023-11-08T22:28-05:00"


# --- a UTC instant whose day is not the publisher's ---------------------------------------------

UTC_LD = json_ld('{"@type": "NewsArticle", "datePublished": "2023-11-09T03:28:00Z"}')
URL = "https://news.example/politics/2023/11/08/council-budget"


def test_same_instant_stated_with_an_offset_gives_the_publishers_day() -> None:
    head = UTC_LD + '<meta property="article:published_time" content="2023-11-08T22:28:00-05:00">'
    article = run(page(head))
    assert article.published_at == "2023-11-08T22:28-05:00"
    assert article.date_sources["published_at"] == "json-ld"


def test_shown_time_with_zone_gives_the_publishers_day() -> None:
    article = run(page(UTC_LD, '<p class="byline">By Ann Lee · Nov. 8, 2023, 10:28 PM EST</p>'))
    assert article.published_at == "2023-11-08T22:28-05:00"


def test_shown_clock_time_without_zone_implies_the_offset() -> None:
    article = run(page(UTC_LD, '<div class="date">November 8, 2023 10:28 pm</div>'))
    assert article.published_at == "2023-11-08T22:28-05:00"


def test_url_day_wins_over_the_utc_day_when_no_offset_is_stated() -> None:
    article = run(page(UTC_LD), url=URL)
    assert article.published_at == "2023-11-08"
    assert article.date_sources["published_at"] == "url"


def test_utc_instant_on_the_publishers_day_is_kept() -> None:
    head = json_ld('{"@type": "NewsArticle", "datePublished": "2023-11-08T15:00:00Z"}')
    assert run(page(head), url=URL).published_at == "2023-11-08T15:00+00:00"


def test_dates_of_other_items_do_not_move_the_day() -> None:
    sidebar = '<aside class="related"><span class="date">Nov 8, 2023</span><span class="date">10:28 pm</span></aside>'
    html = page(UTC_LD).replace(b"</article>", b"</article>" + sidebar.encode())
    comment = b'<div class="comment"><span class="comment-date">November 8, 2023 10:28 pm</span></div>'
    assert run(html).published_at == "2023-11-09T03:28+00:00"
    assert run(page(UTC_LD, comment.decode())).published_at == "2023-11-09T03:28+00:00"


def test_offset_of_the_pages_other_dates_that_week() -> None:
    head = UTC_LD + '<meta property="article:modified_time" content="2023-11-10T09:00:00-05:00">'
    assert run(page(head)).published_at == "2023-11-08T22:28-05:00"


def test_utc_label_pasted_on_local_time_yields_to_the_stated_offset() -> None:
    head = json_ld('{"@type": "NewsArticle", "datePublished": "2014-05-14T15:40:14Z"}')
    head += '<meta property="article:published_time" content="2014-05-14T15:40:14+02:00">'
    assert run(page(head)).published_at == "2014-05-14T15:40:14+02:00"


def test_modified_in_utc_is_written_at_the_publishers_offset() -> None:
    head = UTC_LD.replace('"datePublished"', '"dateModified": "2023-11-09T05:00:00Z", "datePublished"')
    head += '<meta property="article:published_time" content="2023-11-08T22:28:00-05:00">'
    article = run(page(head))
    assert article.modified_at == "2023-11-09T00:00-05:00"


# --- a later re-publication in the structured data ----------------------------------------------

REPUBLISHED_LD = json_ld('{"@type": "NewsArticle", "datePublished": "2021-03-01T10:00:00Z"}')
OLD_URL = "https://news.example/2019/05/14/council-budget"


def test_republication_date_is_passed_over_for_the_original() -> None:
    article = run(page(REPUBLISHED_LD, '<span class="published">May 14, 2019</span>'), url=OLD_URL)
    assert article.published_at == "2019-05-14"
    assert any("re-publication" in w and "2021-03-01" in w for w in article.extraction.warnings)


def test_original_date_keeps_its_time_when_a_source_states_it() -> None:
    byline = '<time datetime="2019-05-14T09:00:00+02:00">14 May 2019</time>'
    article = run(page(REPUBLISHED_LD, byline), url=OLD_URL)
    assert article.published_at == "2019-05-14T09:00+02:00"
    assert article.date_sources["published_at"] == "time-element"


def test_later_meta_date_yields_to_the_shown_and_time_element_date() -> None:
    head = '<meta property="article:published_time" content="2015-12-11T14:28:34Z">'
    byline = '<time datetime="2015-10-15T02:19:15Z">Oct 15, 2015</time>'
    article = run(page(head, byline))
    assert article.published_at == "2015-10-15T02:19:15+00:00"
    assert article.date_sources["published_at"] == "time-element"


def test_structured_date_the_page_shows_is_kept() -> None:
    article = run(page(REPUBLISHED_LD, '<span class="published">March 1, 2021</span>'), url=OLD_URL)
    assert article.published_at == "2021-03-01T10:00+00:00"


def test_url_alone_does_not_overrule_the_structured_date() -> None:
    assert run(page(REPUBLISHED_LD), url=OLD_URL).published_at == "2021-03-01T10:00+00:00"


# --- pages without extractable body text ------------------------------------------------------

VIDEO_PAGE = (
    b"<html><head><title>Storm footage from the coast</title>"
    b'<meta property="og:title" content="Storm footage from the coast">'
    b'<meta name="description" content="Video: waves hit the harbour wall as the storm passes.">'
    b'<meta property="article:published_time" content="2024-02-03T18:40:00+01:00">'
    b'<meta name="author" content="Mia Berg">'
    b'</head><body><h1>Storm footage from the coast</h1><video src="/v/storm.mp4"></video></body></html>'
)


def test_page_without_text_keeps_its_dates_and_metadata() -> None:
    article = run(VIDEO_PAGE, url="https://news.example/video/storm-footage")
    assert article.body == "" and article.word_count == 0
    assert article.title == "Storm footage from the coast"
    assert article.description == "Video: waves hit the harbour wall as the storm passes."
    assert article.published_at == "2024-02-03T18:40+01:00"
    assert article.date_sources["published_at"] == "meta"
    assert "no article text found: indexed with metadata only" in article.extraction.warnings


def test_page_without_text_title_or_description_is_refused() -> None:
    import pytest

    from pipelines.extraction import ExtractionError

    with pytest.raises(ExtractionError, match="no article text"):
        run(b"<html><body><div><img src='/a.png'></div></body></html>")


def test_shown_day_wins_over_the_utc_day_when_no_offset_is_stated() -> None:
    article = run(page(UTC_LD, '<span class="post-date">Nov 8, 2023</span>'))
    assert article.published_at == "2023-11-08"
    assert article.date_sources["published_at"] == "visible"


def test_slashed_shown_dates_only_when_the_order_is_certain() -> None:
    from pipelines.extraction.dates.visible import parse_shown_date

    assert parsed("On 6/13/2018", parse_shown_date).iso() == "2018-06-13"
    assert parsed("13/6/2018", parse_shown_date).iso() == "2018-06-13"
    assert parse_shown_date("5/6/2018") is None


def test_url_dated_the_day_before_a_morning_utc_instant_is_a_draft_date() -> None:
    head = json_ld('{"@type": "NewsArticle", "datePublished": "2023-11-09T10:30:00Z"}')
    assert run(page(head), url=URL).published_at == "2023-11-09T10:30+00:00"


def test_url_date_counts_when_the_canonical_url_has_none() -> None:
    canonical = '<link rel="canonical" href="https://news.example/council-budget">'
    article = run(page(REPUBLISHED_LD + canonical, '<span class="published">May 14, 2019</span>'), url=OLD_URL)
    assert article.published_at == "2019-05-14"


def test_page_without_declared_date_still_gets_htmldates_reading_of_its_text() -> None:
    article = run(page(byline="<p>Posted by Ann Lee on 14 May 2019 in Local politics</p>"))
    assert article.published_at == "2019-05-14"
    assert article.date_sources["published_at"] == "htmldate"
