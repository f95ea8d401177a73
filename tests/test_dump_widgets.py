"""Dumps of terminal browsers (`lynx`, `w3m`, `links`, `elinks`) and pandoc: the placeholders they
print for pictures and the controls they draw for forms are taken out, their labels kept, and a
code sample's brackets left as written."""

from __future__ import annotations

from pipelines.extraction.dumps.units import split_units
from pipelines.extraction.dumps.widgets import without_widgets


def test_picture_placeholders_and_file_names_go_with_their_lines() -> None:
    lines = ["   First paragraph.", "", "   [IMG]", "", "   12-IMG_3886.jpg", "   [leer.gif] [INS: :INS]", "[]", "   Second paragraph."]
    assert without_widgets(lines) == ["   First paragraph.", "", "", "   Second paragraph."]


def test_form_controls_go_and_their_labels_stay() -> None:
    lines = ["[ ] Remember me", "(BUTTON) ____________________ (BUTTON) Go", "   (_) Yes", "[                    ] [ Submit ]"]
    assert without_widgets(lines) == ["Remember me", "Go", "Yes", "[ Submit ]"]


def test_notes_of_frames_go() -> None:
    lines = ["   IFRAME: https://www.googletagmanager.com/ns.html?id=GTM-1", "   IFrame", "   The frame was empty."]
    assert without_widgets(lines) == ["   The frame was empty."]


def test_one_widget_among_the_lines_of_a_text_dump_is_found_wherever_it_stands() -> None:
    # The dump is first looked over whole: a single widget, at a line's start or past it, is read as before.
    prose = ["An article's first paragraph.", "", "Its second (and last) paragraph [sic] is here."]
    widgets = {
        "   [IMG]": None,
        "[ ] Remember me": "Remember me",
        "\t(*) Yes": "Yes",
        "photo.jpg": None,
        "Name: ____________ (BUTTON) Send": "Name: Send",
        "IFRAME: https://example.org/frame": None,
    }
    for widget, left in widgets.items():
        kept = [left] if left is not None else []
        assert without_widgets([*prose, widget, *prose]) == [*prose, *kept, *prose]
    assert without_widgets(prose * 3) == prose * 3


def test_brackets_of_text_and_code_stay() -> None:
    lines = [
        "bar = [] if not bar else [ ]",
        "int main ( ) {",
        "Please fill in the fields marked (*)",
        "The report [...] was late.",
        "___",
        '<img src="https://example.org/pixel.gif?x=1" alt="">',
        "Upload a file such as photo.jpg to your profile.",
    ]
    assert without_widgets(lines) == lines


def test_a_photo_blog_reads_as_its_paragraphs() -> None:
    dump = "\n\n".join(
        [
            "   The harbour reopened on Monday after three weeks of dredging.",
            "   [IMG]",
            "   Fishing boats were the first to sail out at dawn.",
            "   [gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==]",
            "   The ferry follows next week.",
        ]
    )
    assert [unit.text for unit in split_units(dump)] == [
        "The harbour reopened on Monday after three weeks of dredging.",
        "Fishing boats were the first to sail out at dawn.",
        "The ferry follows next week.",
    ]


def test_a_dump_that_prints_its_pictures_as_words_in_brackets_loses_them() -> None:
    # w3m prints a picture by the start of its file name or its alternative text, a word in brackets.
    pictures = ["[arrow-forw]", "   [Homestory]", "[-altbau-te]", "[logo]"]
    prose = ["The harbour reopened on Monday.", "", "The dredgers left on Friday [sic]."]
    lines = [*prose]
    for picture in pictures:
        lines += [picture, *prose]
    assert without_widgets(lines) == prose * (len(pictures) + 1)


def test_a_few_words_in_brackets_or_capitals_stay() -> None:
    # A configuration sample's sections, a song's parts and a list of references' labels are the text's.
    config = ["[extensions]", "evolve =", "", "[phases]", "publish = false", "", "[ui]", "username = Alice"]
    assert without_widgets(config) == config
    song = ["[Chorus]", "Row, row, row your boat", "[Verse]", "Gently down the stream"] * 3
    assert without_widgets(song) == song
    references = ["[OAUTH]", "The OAuth 2.0 framework.", "[HTTP]", "Semantics.", "[JSON]", "The format.", "[TLS]", "Security."]
    assert without_widgets(references) == references
