"""A form's picker that a converter of text nodes prints an option a line (countries, languages) is
the page's, not the article's; a short list, or one out of order, is left to the line model."""

from __future__ import annotations

from pipelines.extraction.dumps.pickers import picker_options
from pipelines.extraction.dumps.reader import extract_text

COUNTRIES = [
    "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Argentina", "Armenia", "Australia", "Austria", "Belgium",
    "Bolivia", "Brazil", "Bulgaria", "Canada", "Chile", "Colombia", "Côte d'Ivoire", "Croatia", "Czech Republic", "Denmark",
]  # fmt: skip
# A language picker names each language in its own script, in the order of the languages' codes.
LANGUAGES = [
    "aragonés", "Asturianu", "Български", "বাংলা (ভারত)", "Català", "Čeština", "Cymraeg", "Deutsch", "Dolnoserbšćina",
    "English (British)", "English", "Esperanto", "Español (de Argentina)", "Español (de Chile)", "Français", "Frysk",
]  # fmt: skip
PARAGRAPHS = [
    "The harbour authority approved the plan to dredge the northern channel on Tuesday, ending two years of disputes.",
    "About 1.2 million cubic metres of sediment will be removed over three winters, when the fewest boats are at sea.",
    "The fishing cooperatives had argued that the work would cloud the water over their mussel beds for months.",
]


def test_a_pickers_options_in_alphabetical_order_are_found() -> None:
    texts = ["Harbour dredging approved", *PARAGRAPHS, "Choose your country", *COUNTRIES, "Other languages:", *LANGUAGES]
    options = [texts[index] for index in picker_options(texts, [True] * len(texts))]
    assert options == [*COUNTRIES, *LANGUAGES]


def test_a_short_list_or_one_out_of_order_is_no_picker() -> None:
    steps = ["Rope", "Buoys", "Anchor chain", "Fenders", "Cleats", "Winch handles", "Life jackets", "Flares", "Charts"]
    shuffled = [*COUNTRIES[10:], *COUNTRIES[:10]][::2] + COUNTRIES[1::2]
    texts = [*PARAGRAPHS, *COUNTRIES[:14], PARAGRAPHS[0], *steps, *steps, *shuffled]
    assert picker_options(texts, [True] * len(texts)) == []


def test_options_none_of_which_the_model_kept_are_left_alone() -> None:
    texts = [*PARAGRAPHS, *COUNTRIES, *PARAGRAPHS]
    kept = [text in PARAGRAPHS for text in texts]
    assert picker_options(texts, kept) == []
    assert picker_options(texts, [*kept[:5], True, *kept[6:]]) == list(range(3, 3 + len(COUNTRIES)))


def test_the_article_reads_without_the_options() -> None:
    dump = "\n".join(["Coastal Herald", "Harbour dredging approved after two years", *PARAGRAPHS, *COUNTRIES])
    body = "\n".join(extract_text(dump, "https://example.org/harbour/dredging-approved").paragraphs)
    assert all(paragraph in body for paragraph in PARAGRAPHS)
    assert not any(country in body for country in COUNTRIES)
