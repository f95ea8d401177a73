"""The authors of a plain-text dump, read from the byline by its headline, in both layouts a
converter may produce: one block a line, and the whole page on one line."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps.bylines import _names, find_authors
from pipelines.extraction.dumps.lines import Line
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU, TEASERS

LAYOUTS = {"one block a line": "\n".join, "one line": " ".join}


def _lines(texts: list[str]) -> list[Line]:
    return [Line(text, index, False) for index, text in enumerate(texts)]


def _authors(byline: str, join) -> list[str]:
    blocks = [*MENU, HEADLINE, byline, *ARTICLE, *FOOTER]
    return extract(RawDocument(source="test", content=join(blocks).encode())).authors


@pytest.mark.parametrize("join", LAYOUTS.values(), ids=LAYOUTS.keys())
@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Anna Berg", ["Anna Berg"]),
        ("By Anna Berg and Jonas Lind | March 4, 2024", ["Anna Berg", "Jonas Lind"]),
        ("Von Anna Berg, 4. März 2024", ["Anna Berg"]),
        ("By Anna Berg@annaberg Updated March 4, 2024", ["Anna Berg"]),
    ],
)
def test_the_byline_by_the_headline_names_the_authors(byline: str, expected: list[str], join) -> None:
    assert _authors(byline, join) == expected


@pytest.mark.parametrize("join", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_a_dump_without_a_byline_has_no_authors(join) -> None:
    assert _authors("4 March 2024 18:00", join) == []


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # After a comma alone come a job title or a place, not a second author.
        ("Anna Berg, Senior Reporter", ["Anna Berg"]),
        ("Anna Berg SEOUL, South Korea", ["Anna Berg"]),
        ("Anna Berg, Jonas Lind and Eva Holm", ["Anna Berg", "Jonas Lind", "Eva Holm"]),
        ("Ludwig van Beethoven and Clara Schumann", ["Ludwig van Beethoven", "Clara Schumann"]),
        # A lower-case word, a single word, a weekday or a month is no one's name.
        ("clicking Accept you agree", []),
        ("Reuters", []),
        ("Tuesday, the council will vote", []),
        ("Mat\xadthi\xadas Lauerer", ["Matthias Lauerer"]),
    ],
)
def test_names_are_runs_of_capitalised_words(words: str, expected: list[str]) -> None:
    assert _names(words.split()) == expected


@pytest.mark.parametrize(("glued", "expected"), [(True, ["Joshua Sokol"]), (False, [])], ids=["glued", "a line of its own"])
def test_a_name_a_flattened_dumps_block_cut_split_reads_on_into_the_next_block(glued: bool, expected: list[str]) -> None:
    # The block model cut "By Joshua Sokol May 20, 2019" after the first name; only a block glued
    # to the line before it (the same printed sentence) continues the name.
    texts = [HEADLINE, "By Joshua", "Sokol May 20, 2019", *ARTICLE]
    lines = [Line(text, index, False, glued=index == 2 and glued) for index, text in enumerate(texts)]
    assert find_authors(lines, 0, 3) == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # A lower-case "by" opens a byline at the line's start, after a bullet or a verb of writing.
        ("by Anna Berg July 10, 2015", ["Anna Berg"]),
        ("* by Anna Berg", ["Anna Berg"]),
        ("Written by Anna Berg", ["Anna Berg"]),
        ("By\nAnna Berg", ["Anna Berg"]),
        ("By Nelson D. Schwartz", ["Nelson D. Schwartz"]),
        # No "by": one name and nothing but its date, on the line or under it.
        ("Anna Berg\nMar 4, 2024 10:00AM", ["Anna Berg"]),
        ("* Anna Berg\n* Friday 25 December 2015", ["Anna Berg"]),
        ("Anna Berg • 8h", ["Anna Berg"]),
        ("Anna Berg 1 day ago", ["Anna Berg"]),
        ("Anna Berg - Apr 16, 2015 8:02 pm UTC", ["Anna Berg"]),
        ("Anna Berg , @annaberg\n11.03.17 in Gadgetry", ["Anna Berg"]),
        ("Anna Berg Veröffentlicht am 4. März 2024", ["Anna Berg"]),
        # An interface's label over a date, a name with no date, a name over a reading time.
        ("Recent Posts\nMarch 4, 2024", []),
        ("Anna Berg Follow\nMarch 4, 2024", []),
        ("Anna Berg", []),
        ("Anna Berg\n14 min read", []),
        ("* Harbour Crane Installation 28.04.2014 © Port Authority", []),
        # A name and its date make a short line.
        ("Harbour Herald March 4, 2024 was the day the authority approved the plan to dredge the northern channel", []),
    ],
)
def test_a_byline_in_a_dump_with_a_line_a_block(byline: str, expected: list[str]) -> None:
    assert _authors(byline, "\n".join) == expected


def test_a_short_headline_over_its_date_is_no_author() -> None:
    blocks = [*MENU, "Harbour Works", "March 4, 2024", *ARTICLE, *FOOTER]
    article = extract(RawDocument(source="test", content="\n".join(blocks).encode()))
    assert article.title == "Harbour Works"
    assert article.authors == []


def test_a_lower_case_by_after_a_date_opens_a_byline() -> None:
    texts = [HEADLINE, "* Newer Article", "on March 10, 2015 by Anna Berg", *ARTICLE]
    assert find_authors(_lines(texts), 0, 3) == ["Anna Berg"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{HEADLINE} by Anna Berg July 10, 2015", ["Anna Berg"]),
        (f"{HEADLINE} by Anna Berg @annaberg February 1, 2016: 12:41", ["Anna Berg"]),
        # A sentence's "by" is followed by more than a name and a date.
        ("The plan was drawn up by Anna Berg, the harbour master, in 2015.", []),
        ("The plan was drawn up by Anna Berg in March 2015.", []),
    ],
)
def test_a_lower_case_by_inside_a_line_opens_a_byline_only_before_a_name_and_its_date(text: str, expected: list[str]) -> None:
    assert find_authors(_lines([text, *ARTICLE]), 0, 1) == expected


def test_a_flattened_dumps_byline_glued_to_the_headline_it_printed_first() -> None:
    blocks = [*MENU, HEADLINE, "by Anna Berg July 10, 2015", *ARTICLE, *FOOTER]
    assert extract(RawDocument(source="test", content=" ".join(blocks).encode())).authors == ["Anna Berg"]


def test_a_byline_cut_into_sentences_after_a_middle_initial_reads_on_into_the_next_sentence() -> None:
    # Both sentences cut from one line of the dump (`source`); a line of its own ends the name there.
    cut = [Line("Por Gustavo E.", 1, False, source=1), Line("Méndez 21 de abril de 2022, 14:32", 2, False, source=1)]
    assert find_authors([Line(HEADLINE, 0, False, source=0), *cut, *_lines(ARTICLE)], 0, 3) == ["Gustavo E. Méndez"]
    apart = [Line("Por Gustavo E.", 1, False, source=1), Line("Méndez 21 de abril de 2022, 14:32", 2, False, source=2)]
    assert find_authors([Line(HEADLINE, 0, False, source=0), *apart, *_lines(ARTICLE)], 0, 3) == ["Gustavo E."]


def test_the_word_for_by_alone_on_its_line_names_the_next_line() -> None:
    # Not the outlet over the date below it.
    texts = [HEADLINE, "by:", "Anna Berg", "From:", "Harbour Herald", "March 13, 2015", *ARTICLE]
    assert find_authors(_lines(texts), 0, 6) == ["Anna Berg"]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Anna Berg Senior Reporter", ["Anna Berg"]),
        ("By Anna Berg, Chief Political Correspondent", ["Anna Berg"]),
        ("Von Anna Berg Redakteurin", ["Anna Berg"]),
        ("By Our Foreign Staff", []),
        # A surname that qualifies job titles elsewhere is a name where no job title follows it.
        ("By Jennifer Senior", ["Jennifer Senior"]),
    ],
)
def test_a_job_title_after_the_name_is_not_part_of_it(byline: str, expected: list[str]) -> None:
    assert _authors(byline, "\n".join) == expected


def test_a_follow_button_may_stand_between_a_name_and_its_date() -> None:
    assert _authors("Anna Berg\nFollow\nMar 4, 2024 · 8 min read", "\n".join) == ["Anna Berg"]


@pytest.mark.parametrize(
    "above",
    [["Anna Berg", "Follow", "Mar 4, 2024 · 8 min read"], ["Written by Anna Berg", "Follow"]],
    ids=["an author's block", "written by"],
)
def test_a_byline_above_the_headline_names_the_authors_where_none_follows_it(above: list[str]) -> None:
    blocks = [*MENU, *above, HEADLINE, *ARTICLE, *FOOTER]
    article = extract(RawDocument(source="test", content="\n".join(blocks).encode()))
    assert article.title == HEADLINE
    assert article.authors == ["Anna Berg"]


def test_the_byline_under_the_headline_comes_before_one_above_it() -> None:
    texts = ["By Jonas Lind", "Ferry fares to rise in spring", HEADLINE, "By Anna Berg", *ARTICLE]
    assert find_authors(_lines(texts), 2, 4) == ["Anna Berg"]


def test_a_byline_farther_above_the_headline_is_another_storys() -> None:
    texts = ["By Jonas Lind", *TEASERS * 6, HEADLINE, *ARTICLE]
    assert find_authors(_lines(texts), 13, 14) == []


@pytest.mark.parametrize("ago", ["vor 2 Stunden", "před 2 hodinami", "2 godziny temu", "il y a 3 heures", "hace 5 minutos", "3 ore fa"])
def test_a_name_over_how_long_ago_in_any_language_is_a_byline(ago: str) -> None:
    assert _authors(f"Anna Berg\n{ago}", "\n".join) == ["Anna Berg"]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("by Laura June Topolsky July 10, 2015", ["Laura June Topolsky"]),
        ("By April Ryan", ["April Ryan"]),
        ("By Anna Berg March 4, 2024", ["Anna Berg"]),
    ],
)
def test_a_month_opens_or_goes_on_a_name_only_before_another_name_word(byline: str, expected: list[str]) -> None:
    assert _authors(byline, "\n".join) == expected


def test_a_bullet_before_the_name_under_a_bare_by_is_not_part_of_it() -> None:
    assert _authors("por\n* César Salza\n1 de diciembre de 2017 3:00 AM PST", "\n".join) == ["César Salza"]


def test_a_name_and_date_opening_the_dump_is_the_sites_masthead_not_a_byline() -> None:
    blocks = ["Harbour Herald", "Sunday, May 8, 2016", HEADLINE, *ARTICLE, *FOOTER]
    article = extract(RawDocument(source="test", content="\n".join(blocks).encode()))
    assert article.title == HEADLINE
    assert article.authors == []
