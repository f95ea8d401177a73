"""A byline's date and clock time glued before the lede in a flattened dump ends the byline's block (issue 14)."""

from __future__ import annotations

import pytest

from pipelines.extraction.dumps.stamp_breaks import split_after_stamps
from pipelines.extraction.dumps.units import split_units
from tests.test_text_dumps import ARTIKEL, SCHLAGZEILE


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        (
            "Amelie Siekmann, am Sonntag, 11.12.2022 - 05:00 (1 Kommentar) Auch dünne Äste",
            ["Amelie Siekmann, am Sonntag, 11.12.2022 - 05:00 (1 Kommentar)", "Auch dünne Äste"],
        ),
        (
            "von Nadja Demel13.12.2022 - 08:13 Uhr13.12.2022 - 08:13 Uhr Leidest du an Müdigkeit",
            ["von Nadja Demel13.12.2022 - 08:13 Uhr13.12.2022 - 08:13 Uhr", "Leidest du an Müdigkeit"],
        ),
        ("By Ann Lee March 4, 2021 at 6:00 PM The board met", ["By Ann Lee March 4, 2021 at 6:00 PM", "The board met"]),
        (
            "Dec. 6, 2024, 10:00 PM UTC / Updated Dec. 7, 2024, 12:43 PM UTC By Stella Kim",
            ["Dec. 6, 2024, 10:00 PM UTC / Updated Dec. 7, 2024, 12:43 PM UTC", "By Stella Kim"],
        ),
    ],
)
def test_a_stamp_before_a_capital_ends_the_block(text: str, pieces: list[str]) -> None:
    assert split_after_stamps(text) == pieces


@pytest.mark.parametrize(
    "text",
    [
        "Am 11.12.2022 um 05:00 Uhr begann der Streik.",  # the sentence goes on after its hour
        "Die Sitzung am 4.12.2022 Die Polizei",  # a date without its clock
        "Do 24. Mai 2018, 08:30 | ANZEIGE",  # nothing capitalised right after
    ],
)
def test_a_sentences_date_is_not_cut(text: str) -> None:
    assert split_after_stamps(text) == [text]


def test_a_lede_glued_after_a_stamp_in_a_long_line_opens_a_unit_of_its_own() -> None:
    byline = "von Anna Berg11.12.2022 - 08:13 Uhr11.12.2022 - 08:13 Uhr"
    dump = "\n\n".join([SCHLAGZEILE, " ".join([byline, *ARTIKEL * 3]), *ARTIKEL * 6])
    units = [unit.text for unit in split_units(dump)]
    assert byline in units
    assert units[units.index(byline) + 1] == ARTIKEL[0]
