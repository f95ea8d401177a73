"""Reading times ("14 min read", "Lesezeit: 1 Min.") are the interface's, cut out of flattened lines."""

from __future__ import annotations

import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps.reading_times import is_reading_time, split_at_reading_times
from pipelines.extraction.dumps.units import split_units


@pytest.mark.parametrize(
    "label",
    [
        "14 min read",
        "12 minute read",
        "3-5 min read",
        "Reading time: 4 minutes",
        "Lesezeit: 1 Min.",
        "5 Minuten Lesezeit",
        "Temps de lecture : 4 min",
        "Tiempo de lectura: 3 min",
        "Tempo di lettura: 2 minuti",
        "Tempo de leitura: 6 min",
        "Ten tekst przeczytasz w 1 minutę",
        "Ten tekst przeczytasz w mniej niż minutę",
        "Leestijd: 3 minuten",
    ],
)
def test_reading_times_in_the_languages_listed_are_recognised(label: str) -> None:
    assert is_reading_time(label)
    assert split_at_reading_times(f"Anna Berg {label} The minister resigned") == ["Anna Berg", label, "The minister resigned"]


@pytest.mark.parametrize(
    "prose",
    [
        "It took 5 minutes to read the report.",
        "This is a 10-minute read, and worth it.",
        "The minister read for 20 minutes before the vote.",
    ],
)
def test_prose_about_minutes_and_reading_is_left_whole(prose: str) -> None:
    assert not is_reading_time(prose)
    assert split_at_reading_times(prose) == [prose]


def test_a_flattened_page_prints_the_reading_time_as_a_unit_of_its_own() -> None:
    menu = "Home News Business Sport Culture Opinion Newsletters Podcasts Video Weather " * 8
    lede = "The minister resigned on Tuesday after a week of protests in the capital. " * 6
    units = [unit.text for unit in split_units(f"{menu}Joseph Cox 14 min read {lede}")]
    assert "14 min read" in units
    assert not any("min read" in unit and unit != "14 min read" for unit in units)


def test_a_line_of_its_own_with_a_date_and_a_reading_time_is_left_whole() -> None:
    text = "Headline of the story\n\nLast updated on 20 Feb, 2020. 3 min read\n\nThe minister resigned on Tuesday."
    assert "Last updated on 20 Feb, 2020. 3 min read" in [unit.text for unit in split_units(text)]


def test_a_reading_time_on_a_line_of_its_own_is_not_article_text() -> None:
    article = [
        "The harbour authority on Tuesday approved a plan to dredge the northern shipping channel, ending two years "
        "of disputes between the port operators and the fishing cooperatives that use the bay.",
        "Under the plan, about 1.2 million cubic metres of sediment will be removed over three winters, when the "
        "fewest boats are at sea and the migrating birds have left the marshes north of the town.",
        "Shipping companies welcomed the decision, saying that larger vessels had been forced to wait for the high "
        "tide before entering the port, which added hours to every crossing and raised the cost of freight.",
    ]
    dump = "\n\n".join(["Harbour authority approves dredging of the northern channel", "By Anna Berg", "4 min read", *article])
    body = extract(RawDocument(source="test", content=dump.encode(), url=None)).body
    assert article[0] in body
    assert "min read" not in body
