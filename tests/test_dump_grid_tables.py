"""Tables a converter draws with rules (pandoc's grid tables): each cell's text is read as a block of
its own, its wrapped lines joined; a row of data cells reads as one line."""

from __future__ import annotations

from pipelines.extraction.dumps.grid_tables import ungrid
from pipelines.extraction.dumps.units import split_units

LAYOUT = """\
Before the table.
+------------------------+----------------+
| The article's first    | Menu           |
| paragraph, wrapped at  | Contact        |
| the cell's width.      |                |
|                        |                |
| - An item of a list    |                |
| - Another item         |                |
+------------------------+----------------+
After the table."""


def test_a_layout_tables_cells_read_one_after_another() -> None:
    assert ungrid(LAYOUT).split("\n") == [
        "Before the table.",
        "The article's first paragraph, wrapped at the cell's width.",
        "- An item of a list",
        "- Another item",
        "",
        "Menu Contact",
        "",
        "After the table.",
    ]


def test_a_data_tables_row_reads_as_one_line_and_a_nested_table_is_cut_too() -> None:
    table = """\
+--------+-------------+
| Film   | Year        |
+========+=============+
| Repeat | +----+----+ |
| Perfor | | 19 | 47 | |
| mance  | +----+----+ |
+--------+-------------+"""
    assert ungrid(table).split("\n") == ["Film Year", "", "Repeat Perfor mance 19 47", ""]


def test_wide_characters_are_measured_in_display_columns_and_joined_without_spaces() -> None:
    table = "+----------+-----+\n| 肉をくわ | 一  |\n| えたイヌ |     |\n+----------+-----+"
    assert ungrid(table).split("\n") == ["肉をくわえたイヌ 一", ""]


def test_lines_that_only_look_like_a_table_stay() -> None:
    for text in ("+----+\nno bars here", "| a | b |\n+---+---+", "+---+\n| unclosed |", "a +-- b"):
        assert ungrid(text) == text


def test_the_article_in_a_layout_table_reaches_the_units() -> None:
    texts = [unit.text for unit in split_units(LAYOUT)]
    assert "The article's first paragraph, wrapped at the cell's width." in texts
    assert not any("|" in text for text in texts)
