"""A picture's alternative text a terminal browser prints between every two paragraphs is kept once
before the line model reads the dump, so that the paragraphs read as an article, not a gallery."""

from __future__ import annotations

from pipelines.extraction.dumps.reader import extract_text
from pipelines.extraction.dumps.repeated_units import without_repeated
from pipelines.extraction.dumps.units import split_units

ALT = "Illustration for article titled The Long Story Of The Harbour Dredging And Its Many Delays"
PARAGRAPHS = [
    "The harbour authority approved the plan to dredge the northern channel on Tuesday, ending two years of disputes.",
    "About 1.2 million cubic metres of sediment will be removed over three winters, when the fewest boats are at sea.",
    "The fishing cooperatives had argued that the work would cloud the water over their mussel beds for months.",
    "The authority said it would monitor the water every week and stop the dredgers if the readings rose too high.",
    "Shipping companies welcomed the decision, saying larger vessels had been forced to wait for the high tide.",
    "Work is expected to begin in November, once the environmental permit has been published and appeals have passed.",
    "The regional court has already dismissed two earlier complaints brought by residents of the marshland villages.",
]


def _dump(picture: str) -> str:
    blocks = ["Coastal Herald", "Harbour dredging approved after two years", picture]
    for paragraph in PARAGRAPHS:
        blocks += [paragraph, "Advertisement", picture, "(Photo: Coastal Herald)"]
    return "\n\n".join(blocks)


def test_a_long_line_printed_many_times_is_kept_once() -> None:
    units = split_units(_dump(ALT))
    kept = [unit.text for unit in without_repeated(units)]
    assert kept.count(ALT) == 1 and kept.index(ALT) == 2
    # The short labels and the sentences stay as printed, however often.
    assert kept.count("Advertisement") == len(PARAGRAPHS)
    assert [text for text in kept if text != ALT] == [unit.text for unit in units if unit.text != ALT]


def test_a_headline_printed_a_few_times_a_repeated_sentence_and_a_programs_output_stay() -> None:
    headline = "Harbour dredging approved after two years of disputes with the fishing cooperatives"
    quote = "We will stop the dredgers the day the readings rise, and not one day later, the authority said."
    output = "added 1 changesets with 1 changes to 1 files"
    units = split_units("\n\n".join([headline, headline, *PARAGRAPHS[:3], headline, *[quote] * 5, headline, *[output] * 6]))
    assert without_repeated(units) == units


def test_the_paragraphs_between_copies_of_a_pictures_text_are_the_article() -> None:
    body = "\n".join(extract_text(_dump(ALT), "https://example.org/harbour/dredging-approved").paragraphs)
    for paragraph in PARAGRAPHS:
        assert paragraph in body
    assert body.count(ALT) <= 1


def test_a_name_printed_in_every_row_of_a_table_stays() -> None:
    # A maker's name in each row of a product table stands between short rows, not paragraphs.
    maker = "Harbour Supply Laboratories Northern Channel GmbH & Co. KG"
    rows = []
    for product in ["Rope 12 mm", "Buoy, red", "Anchor chain 8 m", "Fender, large", "Cleat", "Winch handle"]:
        rows += [product, maker, "In stock"]
    units = split_units("\n\n".join(["Products", *rows, PARAGRAPHS[0]]))
    assert without_repeated(units) == units
