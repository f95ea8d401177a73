"""The headline of a text dump, found by what marks a headline on any page: the article uses its
words, a byline or date follows it, it opens the page's text before the lede. Every case is
written in both layouts a converter may produce: one block a line, and the whole page on one line."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dates.datelines import find_dateline
from pipelines.extraction.dumps import printed_sentences
from pipelines.extraction.dumps.headlines import article_body, glued_spans
from pipelines.extraction.dumps.headlines import features as headline_features
from pipelines.extraction.dumps.headlines import model as headline_model
from pipelines.extraction.dumps.headlines import search as dump_headline
from pipelines.extraction.dumps.headlines import spans as headline_spans
from pipelines.extraction.dumps.headlines import text as headline_text
from pipelines.extraction.dumps.headlines import tokens as headline_tokens
from pipelines.extraction.dumps.stop_words import stoplist
from pipelines.extraction.text_keys import comparison_key
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU, TEASERS

LAYOUTS = {"one block a line": "\n".join, "one line": " ".join}


def _title(blocks: list[str], join) -> str | None:
    return extract(RawDocument(source="test", content=join(blocks).encode())).title


@pytest.mark.parametrize("join", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_headline_shares_the_articles_words_a_teaser_nearer_the_article_does_not(join) -> None:
    # The teasers stand between the headline and the lede, nearer the article and just as heading-shaped.
    blocks = [*MENU, HEADLINE, "By Anna Berg", *TEASERS, *ARTICLE, *FOOTER]
    assert _title(blocks, join) == HEADLINE


@pytest.mark.parametrize("join", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_headline_glued_between_menu_and_byline_without_repetition_or_slug(join) -> None:
    blocks = ["Coastal Herald", *MENU, "Local news", HEADLINE, "By Anna Berg March 4, 2024 | 6:00 PM", *ARTICLE, *FOOTER]
    assert _title(blocks, join) == HEADLINE


@pytest.mark.parametrize("join", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_headline_glued_between_menu_and_date_line(join) -> None:
    blocks = ["Coastal Herald", *MENU, HEADLINE, "4 March 2024 18:00", *ARTICLE, *FOOTER]
    assert _title(blocks, join) == HEADLINE


# Ends on "School", one of the frequent nouns jusText's stop list holds, as "Government" or "Military".
ENDS_ON_A_FREQUENT_NOUN = "Harbour Dredging Will Cost More Than the New Fire Station and the School"


@pytest.mark.parametrize("join", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_a_headline_printed_twice_may_end_on_a_frequent_noun_of_the_stop_list(join) -> None:
    blocks = [*MENU, "Business|" + ENDS_ON_A_FREQUENT_NOUN, "Supported by", ENDS_ON_A_FREQUENT_NOUN, *ARTICLE, *FOOTER]
    assert _title(blocks, join) == ENDS_ON_A_FREQUENT_NOUN


def test_function_words_are_the_stop_lists_short_words() -> None:
    stops = frozenset({"the", "of", "with", "their", "government", "military"})
    assert headline_text.function_words(stops) == {"the", "of", "with"}


def test_a_span_opening_in_lower_case_behind_a_quote_is_a_fragment_not_a_headline() -> None:
    stops = frozenset({"the", "any", "are"})
    assert not headline_spans.whole_phrase("“any un-angry Trump supporters?", stops)
    assert headline_spans.whole_phrase("“Any Un-Angry Trump Supporters?”", stops)
    assert headline_spans.whole_phrase("3 surprising findings from the survey", stops)


def test_a_stop_word_printed_as_an_acronym_ends_a_headline() -> None:
    # jusText's German list holds "usa" and its English one "us": printed in capitals, they are names.
    stops = stoplist("de")
    assert "usa" in stops
    assert headline_spans.whole_phrase("Uber-Konkurrent Lyft startet mit Waymo-Robotertaxis in USA", stops)
    assert headline_tokens.token_facts("USA", stops).closes
    assert not headline_spans.whole_phrase("Lyft startet mit Waymo-Robotertaxis in den", stops)
    assert not headline_tokens.token_facts("usa", stops).closes
    # A headline all in capitals says nothing by its last word's case.
    assert not headline_spans.whole_phrase("ROBOTERTAXIS KOMMEN IN DIE", stops)


def test_a_stop_word_before_an_exclamation_mark_ends_a_headline() -> None:
    stops = stoplist("en")
    assert "on" in stops
    assert headline_spans.whole_phrase("The Harbour Festival Is Back On!", stops)
    assert headline_tokens.token_facts("On!", stops).closes
    assert not headline_spans.whole_phrase("The Harbour Festival Is Back On", stops)
    assert not headline_tokens.token_facts("On", stops).closes


def test_a_line_broken_off_at_an_opening_bracket_or_quote_is_not_heading_shaped() -> None:
    # A text-node dump breaks a sentence where a link or a footnote mark stood inside its brackets.
    assert not headline_text.is_heading("(Eleanor Zichy), and her family from a killer, the Pale Man (")
    assert not headline_text.is_heading("Der Bürgermeister nannte den Plan „")
    assert headline_text.is_heading("The Pale Man (1998) returns to the harbour")
    # A German quote closes on “: the headline that ends on it is whole.
    assert headline_text.is_heading("Bürgermeister: „Wir haben bereits die Zusage“")


def test_headline_glued_to_the_lede_at_the_start_of_a_flattened_dump() -> None:
    # A page with no menu: the flattened dump opens with the headline, run into the lede's first sentence.
    dump = " ".join([HEADLINE, *ARTICLE, *FOOTER])
    article = extract(RawDocument(source="test", content=dump.encode()))
    assert article.title == HEADLINE
    assert article.body.startswith(ARTICLE[0])


GERMAN_LEDE = (
    "Die Hafenbehörde hat am Dienstag die Ausbaggerung der nördlichen Fahrrinne beschlossen und damit einen "
    "Streit zwischen den Hafenbetreibern und den Fischern beendet."
)
GERMAN_ARTICLE = [
    GERMAN_LEDE,
    "Nach dem Plan werden in drei Wintern etwa 1,2 Millionen Kubikmeter Schlamm aus der Fahrrinne geholt, wenn "
    "die wenigsten Boote auf See sind und die Zugvögel die Marschen verlassen haben.",
    "Die Fischer hatten eingewandt, dass die Ausbaggerung das Wasser über ihren Muschelbänken trüben würde. Die "
    "Hafenbehörde will das Wasser der Fahrrinne jede Woche messen und die Bagger bei zu hohen Werten stoppen.",
    "Die Reedereien begrüßten den Beschluss, weil größere Schiffe bisher auf die Flut warten mussten, bevor sie "
    "in die Fahrrinne einlaufen konnten, was jede Überfahrt um Stunden verlängerte.",
]


@pytest.mark.parametrize("join", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_capitalised_nouns_inside_the_lede_do_not_end_a_headline(join) -> None:
    # German capitalises every noun: inside the lede a capital is no block's start, so no words
    # of it become the title and the lede stays whole.
    blocks = ["Startseite", "Politik", "Wirtschaft", "Sport", "Anmelden", *GERMAN_ARTICLE, "Impressum", "Datenschutz"]
    article = extract(RawDocument(source="test", content=join(blocks).encode()))
    assert article.title is None or article.title not in GERMAN_LEDE
    assert GERMAN_LEDE in article.body


@dataclass
class _Unit:
    text: str
    position: int
    blank_before: bool
    kind: str
    content: float
    glued: bool = False


def _start_and_headline(rows: list[tuple[str, float]]) -> tuple[int | None, str | None]:
    """The article's start and its headline among units whose line-model scores are set by hand
    (they vary as the model is retrained)."""
    units = [_Unit(text, i, True, "content", p) for i, (text, p) in enumerate(rows)]
    start = article_body.body_start(units)
    found = dump_headline.find_headline(units, start, None) if start is not None else None
    return start, found.text if found else None


def test_article_sentence_before_the_detected_start_is_not_the_headline() -> None:
    # The model puts the article's first line just below its threshold, so the article seems to start
    # one line later; that line shares the article's words, as the headline does, and is nearer the
    # article, but the model finds it more article-like than the headline: its words count for less.
    first = "Shipping companies welcome dredging of the northern channel"
    rows = [(m, 0.05) for m in MENU] + [(HEADLINE, 0.15), ("By Anna Berg", 0.05), (first, 0.45)] + [(p, 0.95) for p in ARTICLE]
    assert _start_and_headline(rows) == (len(MENU) + 3, HEADLINE)


def test_a_repeated_headline_is_read_at_its_copy_glued_nearer_the_article_not_at_a_heading_line() -> None:
    # The page's `<title>` ("Coastal Herald » <headline>") opens the dump; the headline is printed again
    # glued into a breadcrumb near the article in one dump, and as a heading line of its own in the other.
    glued = [
        (f"Coastal Herald » {HEADLINE}", 0.1),
        *[(m, 0.05) for m in MENU],
        # A flattened dump's printed sentence: too long for a heading line.
        (f"{' '.join(TEASERS * 4)} Local news {HEADLINE}", 0.1),
    ]
    alone = [(f"Coastal Herald » {HEADLINE}", 0.1), *[(m, 0.05) for m in MENU], (HEADLINE, 0.1)]
    for rows, copy_at in ((glued, len(MENU) + 1), (alone, 0)):
        rows = [*rows, ("By Anna Berg", 0.05)] + [(p, 0.95) for p in ARTICLE]
        units = [_Unit(text, i, True, "content", p) for i, (text, p) in enumerate(rows)]
        start = article_body.body_start(units)
        assert start is not None
        spans = [c.headline for c in dump_headline.headline_candidates(units, start, None) if not c.headline.whole_line]
        assert [span.line for span in spans if span.text == HEADLINE] == [copy_at]


def test_a_breadcrumbs_bulleted_last_item_above_the_headline_is_not_the_articles_start() -> None:
    rows = [(m, 0.05) for m in MENU] + [(f"* {HEADLINE}", 0.55), (HEADLINE, 0.6), ("By Anna Berg", 0.3)] + [(p, 0.95) for p in ARTICLE]
    assert _start_and_headline(rows) == (len(MENU) + 3, HEADLINE)


def test_a_sign_in_box_taken_for_the_articles_first_units_is_passed_over() -> None:
    # The line model finds the box's sentences article-like: the article seemed to start at the box,
    # above the headline, which was then never looked for where it stands.
    box = [
        "Log in with your Coastal Herald account to save stories and manage your alerts.",
        "Sign up for a free account to follow your favourite topics and comment on stories.",
    ]
    rows = [(m, 0.05) for m in MENU] + [(line, 0.8) for line in box] + [(HEADLINE, 0.3), ("By Anna Berg", 0.05)]
    rows += [(p, 0.95) for p in ARTICLE]
    units = [_Unit(text, i, True, "content", p) for i, (text, p) in enumerate(rows)]
    start, found = dump_headline.locate_headline(units, None)
    assert (start, found.text if found else None) == (len(MENU) + 4, HEADLINE)


def test_a_sign_in_boxs_last_link_and_the_headlines_date_and_byline_are_passed_over_too() -> None:
    # The box ends on a link of a few lower-case words the line model finds article-like ("take the
    # tour"), and a rule, the headline, its date and its byline stand between the box and the article.
    box = [
        ("Log in with your Coastal Herald account to save stories and manage your alerts.", 0.8),
        ("Sign up for a free account to follow your favourite topics and comment on stories.", 0.8),
        ("Register", 0.3),
        ("take the tour", 0.65),
        ("------", 0.05),
    ]
    header = [(HEADLINE, 0.6), ("Published Thursday 27 July 2017", 0.3), ("By Anna Berg", 0.3)]
    rows = [(m, 0.05) for m in MENU] + box + header + [(p, 0.95) for p in ARTICLE]
    units = [_Unit(text, i, True, "content", p) for i, (text, p) in enumerate(rows)]
    start, found = dump_headline.locate_headline(units, None)
    assert (start, found.text if found else None) == (len(MENU) + len(box) + len(header), HEADLINE)


def test_a_lede_that_speaks_to_the_reader_is_no_sign_in_box() -> None:
    assert dump_headline.reads_as_box("Log in with your account to create or edit your custom homepage.")
    assert not dump_headline.reads_as_box("If you struggle with clutter, here's how to put your mind in the right place.")
    assert not dump_headline.reads_as_box("Residents can register for the ferry lottery until Friday, the council said.")


def test_cohesion_is_the_share_of_content_words_the_article_uses() -> None:
    body = article_body.body_vocabulary([_Unit(p, i, True, "content", 0.9) for i, p in enumerate(["menu", *ARTICLE])], 0, frozenset())
    assert article_body.cohesion("Dredging of the northern channel", body, frozenset({"of", "the"})) == 1.0
    assert article_body.cohesion("Ferry fares rise", body, frozenset()) == 0.0
    # One shared word is weak evidence: a menu's "Not a member yet?" may share it by chance.
    assert article_body.cohesion("Channel", body, frozenset()) == pytest.approx(1 / 3)


def test_the_ledes_words_are_the_articles_unless_the_menu_is_glued_before_it() -> None:
    # Only the lede, the article's first unit (after a menu), speaks of the fishing cooperatives' disputes over the bay.
    units = [_Unit(p, i, True, "content", 0.9) for i, p in enumerate([" ".join(MENU), *ARTICLE])]
    headline, stops = "Fishing disputes over the bay", frozenset({"over", "the"})
    assert article_body.cohesion(headline, article_body.body_vocabulary(units, 1, stops), stops) == 1.0
    # A flattened dump's first printed sentence glues the menu and the headline before the lede: its words are not the article's.
    glued = article_body.body_vocabulary(units, 1, stops, lede_from=None)
    assert article_body.cohesion(headline, glued, stops) == 0.0
    # Its last block is the lede's own text: those words are the article's, the menu's before it still not.
    byline = "By Anna Berg, Harbour Desk "
    units[1] = _Unit(byline + ARTICLE[0], 1, True, "content", 0.9)
    lede = article_body.body_vocabulary(units, 1, stops, lede_from=len(byline))
    assert article_body.cohesion(headline, lede, stops) == 1.0
    assert article_body.cohesion("Anna Berg", lede, stops) == 0.0


def test_date_printed_before_a_glued_headline_is_kept_when_the_headline_is_cut() -> None:
    # The headline is cut out of its flattened unit with everything before it (the menu); the
    # date printed just before it is still the article's date.
    dump = " ".join(["Coastal Herald", *MENU, "4 March 2024", HEADLINE, "By Anna Berg", *ARTICLE, *FOOTER])
    article = extract(RawDocument(source="test", content=dump.encode()))
    assert article.title == HEADLINE
    assert article.published_at is not None and article.published_at.startswith("2024-03-04")


@pytest.mark.parametrize("join", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_interface_line_the_article_repeats_does_not_lend_it_the_articles_words(join) -> None:
    # "Continue reading the main story" is printed between the article's paragraphs too; repeated,
    # it is the site's text, and its words are not the article's.
    cue = "Continue reading the main story"
    article = [part for paragraph in ARTICLE for part in (paragraph, cue)]
    blocks = [*MENU, HEADLINE, "By Anna Berg", cue, *article, *FOOTER]
    assert _title(blocks, join) == HEADLINE


def test_a_line_of_two_sentences_is_not_the_headline() -> None:
    # Nearer the article, longer and sharing more of its words than the headline, but two sentences: a standfirst.
    standfirst = "The harbour authority approved the plan on Tuesday. Dredging of the northern channel starts in November"
    rows = [(m, 0.05) for m in MENU] + [(HEADLINE, 0.1), ("By Anna Berg", 0.05), (standfirst, 0.1)] + [(p, 0.95) for p in ARTICLE]
    assert _start_and_headline(rows) == (len(MENU) + 3, HEADLINE)


def test_short_words_inside_a_glued_headline_are_glue_not_menu_words() -> None:
    # Two-letter words ("Me", "I'm") are missing from some stop lists and the article need not use
    # them; they must not cut the headline short as a menu word the article never uses would.
    headline = "Me and the Harbour: Dredging of the Northern Channel Approved"
    dump = " ".join(["Coastal Herald", *MENU, headline, "By Anna Berg", *ARTICLE, *FOOTER])
    assert extract(RawDocument(source="test", content=dump.encode())).title == headline


def test_a_phrase_inside_the_lede_is_not_cut_out_as_the_headline() -> None:
    # The lede quotes a title-case name and runs on to a date, like a headline before its date line;
    # words of the lede come before it, so it is the lede's, and the lede stays whole.
    lede = 'Officials said on Tuesday that "Northern Channel Dredging" will start on 4 March 2024 and last three winters.'
    rows = [(m, 0.05) for m in MENU] + [(HEADLINE, 0.1), (lede, 0.9)] + [(p, 0.95) for p in ARTICLE]
    units = [_Unit(text, i, i != len(MENU) + 1, "content", p) for i, (text, p) in enumerate(rows)]
    start = article_body.body_start(units)
    assert start == len(MENU) + 1
    found = dump_headline.find_headline(units, start, None)
    assert found is not None and found.text == HEADLINE


def test_a_phrase_after_the_ledes_prose_in_a_dump_that_opens_with_it_is_not_the_headline() -> None:
    # The dump opens with the article's first unit; a menu glued before a headline there has a
    # lower-case word or two, the lede's prose has more.
    lede = "Skippers grumbled loudly yesterday and said Northern Channel Dredging + will start in November."
    units = [_Unit(text, i, True, "content", 0.95) for i, text in enumerate([lede, *ARTICLE])]
    assert article_body.body_start(units) == 0
    found = dump_headline.find_headline(units, 0, None)
    assert found is None or found.text not in lede


def test_without_a_stop_list_the_dumps_frequent_short_words_do_not_end_a_headline() -> None:
    # A dump whose language is not known (a menu of language names drowns it) gets no stop list; a
    # span must still not end on "on" before a date, as a piece of a sentence would.
    rows = (
        [(m, 0.05) for m in MENU]
        + [("Harbour Channel Dredging will begin on 4 March 2024 and last three winters.", 0.1)]
        + [(p, 0.95) for p in ARTICLE]
    )
    units = [_Unit(text, i, True, "content", p) for i, (text, p) in enumerate(rows)]
    found = dump_headline.find_headline(units, len(MENU) + 1, None)
    assert found is None or not found.text.endswith(" on")


@pytest.mark.parametrize("join", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_a_datelines_place_and_wire_stay_in_the_lede_and_are_not_the_headline(join) -> None:
    # The place is a phrase the article uses, as a city's name is in its own news; the dump holds no headline.
    lede = "NORTHERN CHANNEL (Reuters) - " + ARTICLE[0]
    document = extract(RawDocument(source="test", content=join([lede, *ARTICLE[1:]]).encode()))
    assert document.title is None
    assert document.body.startswith("NORTHERN CHANNEL (Reuters) - The harbour authority")


# Another story's photo caption and text, as a gallery below the article prints them.
GALLERY = [
    f"{n}/12 Regional {topic} report. The regional office published its yearly figures on {topic}, which showed that "
    "costs had risen again in most towns of the province and that the council expected further increases next spring."
    for n, topic in enumerate(["rail", "bus", "energy", "water", "housing", "schools", "roads", "tourism", "farming", "waste"], 1)
]
PLAYER = ["Play Video", "Play", "Mute", "Current Time 0:00", "Duration 0:00", "Loaded: 0%", "Fullscreen", "Captions", "Settings", "Close"]


@pytest.mark.parametrize("join", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_the_headline_is_looked_for_before_the_articles_first_block_not_a_denser_gallery(join) -> None:
    # A video player interrupts the article and a gallery of other stories, denser than the
    # article's first paragraphs, follows: the article starts at its first block, below the headline.
    # (Flattened, the article's sentences and the gallery are a few units apart and were joined before the rule too.)
    blocks = [*MENU, HEADLINE, "By Anna Berg", *ARTICLE[:3], *PLAYER, *PLAYER, *GALLERY[:6], *FOOTER]
    assert _title(blocks, join) == HEADLINE


def test_a_cookie_notice_above_the_breadcrumb_and_headline_is_not_the_articles_start() -> None:
    # The model finds the notice article-like; alone, a few lines above the article, it is not the
    # article's first paragraph, and the headline below it is still found. (Scores set by hand: the
    # line model's own vary as it is retrained.)
    cookies = (
        "We use cookies to enhance your visit to our site and to bring you advertisements that might interest you. Read our Privacy "
        "and Cookie Policies to find out more about how we use them and how you can change your settings at any time."
    )
    rows = [(m, 0.05) for m in MENU] + [(cookies, 0.75), ("News", 0.1), ("Local", 0.1), (HEADLINE, 0.4), ("By Anna Berg", 0.3)]
    rows += [(p, 0.95) for p in ARTICLE]
    assert _start_and_headline(rows) == (len(MENU) + 5, HEADLINE)


def test_the_articles_start_is_its_first_block_not_a_denser_one_below() -> None:
    # The same page with the model's scores set by hand (they vary as the model is retrained).
    rows = [(m, 0.05) for m in MENU] + [(HEADLINE, 0.3), ("By Anna Berg", 0.2)] + [(p, 0.95) for p in ARTICLE[:3]]
    rows += [(p, 0.1) for p in PLAYER + PLAYER] + [(p, 0.99) for p in GALLERY[:6]] + [(f, 0.05) for f in FOOTER]
    units = [_Unit(text, i, True, "content", p) for i, (text, p) in enumerate(rows)]
    assert article_body.body_start(units) == len(MENU) + 2


def test_a_headline_ending_on_initials_is_found_in_its_line() -> None:
    # "N.Y.C." ends in a full stop as a sentence does, but it is a headline's last word.
    headline = "Harbour Authority Approves Dredging of the Northern Channel Near N.Y.C."
    assert _title([*MENU, "Local", headline, "By Anna Berg", *ARTICLE, *FOOTER], "\n".join) == headline


def test_a_headline_ending_on_initials_and_its_unit_is_cut_out_of_a_flattened_dump() -> None:
    # Flattened, the headline is printed after the menu and again after "Supported by", and ends the
    # units it is glued into (a full stop ends a unit); it is cut out whole, and what is left of its unit is not the article's.
    headline = "Harbour Authority Approves Dredging of the Northern Channel Near N.Y.C."
    blocks = [*MENU, *MENU, "Today's Paper", f"Local|{headline}", f"Supported by {headline}", *ARTICLE, *FOOTER]
    article = extract(RawDocument(source="test", content=" ".join(blocks).encode()))
    assert article.title == headline
    assert "Supported by" not in article.body


def test_a_headline_naming_a_year_is_not_taken_for_a_date_line() -> None:
    # The kicker between the headline and the article is nearer it and shares its words; the year in
    # the headline must not count against it as it does against a date line.
    headline = "Harbour authority approves dredging of the northern channel in 2025"
    rows = [(m, 0.05) for m in MENU] + [(headline, 0.1), ("Dredging of the northern channel", 0.1)] + [(p, 0.95) for p in ARTICLE]
    units = [_Unit(text, i, True, "content", p) for i, (text, p) in enumerate(rows)]
    found = dump_headline.find_headline(units, article_body.body_start(units) or 0, None)
    assert found is not None and found.text == headline


def test_a_span_running_on_into_a_date_written_with_its_months_name_reads_as_a_date_line() -> None:
    # A flattened dump glues the date line to the headline ("… der Zukunft Veröffentlicht: 24. Oktober
    # 2022"): in any language a day, a month's name and a year make the span a date line, not a headline.
    headline = "Harbour authority approves dredging of the northern channel"
    for dated in (f"{headline} Veröffentlicht: 24. Oktober 2022", f"{headline} Publicado el 5 de mayo de 2022"):
        assert headline_features.text_shape(dated).dated, dated
    assert not headline_features.text_shape(f"{headline} in 2025").dated


LOGIN = "Login using your social network"


def test_an_interface_line_printed_twice_is_not_the_headline_for_its_copies() -> None:
    # The login dialog prints its heading twice and a headline is often printed twice too, but the
    # article never speaks of logging in: the copies do not make the line a headline. (Flattened, this
    # headline, whose words the article mostly does not use, is not found at all: a glued headline
    # is found by the article's words.)
    headline = "Skippers fume as the dredgers win"
    blocks = [LOGIN, "Email", "Password", "Remember me", LOGIN, *MENU, headline, "By Anna Berg", *ARTICLE, *FOOTER]
    assert _title(blocks, "\n".join) == headline


def test_a_caption_the_model_is_sure_of_is_not_the_headline() -> None:
    # BBC-style: "Media caption ..." sits between the headline and the first paragraph, heading-shaped
    # (no full stop) and longer than the headline; the model takes it for article text.
    rows = [(m, 0.05) for m in MENU] + [
        (HEADLINE, 0.35),
        ("Media caption The harbour master told reporters the dredgers arrive in November", 0.85),
    ]
    rows += [(p, 0.95) for p in ARTICLE]
    assert _start_and_headline(rows) == (len(MENU) + 2, HEADLINE)


def _flattened_header(blocks: list[tuple[str, float]]) -> list[_Unit]:
    """The units of a flattened dump whose header blocks (text, line-model score) run on, with no
    sentence end, into the lede, and the article's sentences after it: the blocks are glued."""
    rows = [*blocks, *((p, 0.95) for p in ARTICLE)]
    return [_Unit(text, i, i == 0, "content", p, glued=0 < i <= len(blocks)) for i, (text, p) in enumerate(rows)]


def test_a_headline_the_article_hardly_echoes_is_found_as_the_run_of_its_block(monkeypatch) -> None:
    # A headline in other words than the article's is no glued span (those are runs of the article's
    # words), nor repeated, nor a slug; the block cuts still set it apart, edges at both ends.
    # What is tested is the candidate, its rank and where it is given back; in a dump this small its
    # chance sits near the acceptance threshold (tested on its own), which a retrained ranker may cross.
    monkeypatch.setattr(headline_model, "MIN_PROBABILITY", 0.0)
    headline = "Quiet Waters Ahead"
    header = [("Coastal Herald", 0.05), *((m, 0.05) for m in MENU[:4]), (headline, 0.2), ("Anna Berg", 0.05)]
    units = _flattened_header(header)
    printed = printed_sentences.printed_sentences(units)
    start = article_body.body_start(printed)
    assert start is not None
    candidates = dump_headline.headline_candidates(printed, start, None, blocks=[sentence.offsets for sentence in printed])
    names = headline_model.FEATURE_NAMES
    found = [c.features for c in candidates if c.headline.text == headline]
    assert len(found) == 1
    assert [found[0][names.index(name)] for name in ("source", "opens_block", "closes_block", "blocks")] == [4, 1.0, 1.0, 1]
    _, chosen = dump_headline.locate_headline(units, None)
    assert chosen is not None
    assert (chosen.text, chosen.line, chosen.end) == (headline, len(header) - 2, len(headline))


def test_a_headline_made_of_adjacent_blocks_is_found_and_given_back_as_units() -> None:
    # The cuts split the headline itself in two (a colon and a capital look like a block's start);
    # the run of both blocks is the headline, and the units it spans are where it is cut from.
    first, second = "Harbour authority approves dredging:", "Northern Channel to open by spring"
    header = [("Coastal Herald", 0.05), *((m, 0.05) for m in MENU[:4]), (first, 0.2), (second, 0.2), ("By Anna Berg", 0.05)]
    units = _flattened_header(header)
    start, found = dump_headline.locate_headline(units, None)
    assert found is not None
    assert found.text == f"{first} {second}"
    assert found.line == len(header) - 2
    assert found.end == len(second)
    assert start is not None and units[start].text == "Coastal Herald"


def test_a_lower_case_byline_word_opens_a_byline_only_before_a_name_of_two_words() -> None:
    # German and Spanish headlines go on past "von", "por" and a capitalised noun; a byline names its writer whole.
    raw = [
        "Zugverkehr:",
        "Im",
        "ICE",
        "von",
        "Frankfurt",
        "nach",
        "Barcelona",
        "von",
        "Sonia",
        "Mevißen",
        "Erstellt",
        "am",
        "01.01.23",
        "By",
        "Anna",
    ]
    opened = [index for index in range(len(raw)) if headline_tokens.opens_byline(raw, index)]
    assert [" ".join(raw[index : index + 3]) for index in opened] == ["von Sonia Mevißen", "By Anna"]
    assert headline_tokens.opens_byline(["par:", "la", "rédaction"], 0)
    assert not headline_tokens.opens_byline(["von", "Floating-Offshore-Windfarmen"], 0)


def test_an_inverted_question_mark_after_a_word_opens_a_block_of_a_flattened_dump() -> None:
    # The block cuts glued the section's breadcrumb to a Spanish question: the question opens on its
    # mark, so the run of blocks from there is the headline; a question inside a sentence, after a
    # comma, opens no block.
    header = "Entretenimiento Antioquia Antioquia ¿Buses de la Alcaldía al servicio de Petro?"
    lede = "Vehículos del contrato fueron vistos en la marcha, ¿quién los pidió? Y tú, ¿qué harías?"
    raw = [*header.split(), *lede.split()]
    owners = [0] * len(header.split()) + [1] * len(lede.split())
    opens = [True] + [False] * (len(header.split()) - 1) + [True] + [False] * (len(lede.split()) - 1)
    marked = headline_spans.opening_marks(raw, owners, opens)
    assert [raw[token] for token, opened in enumerate(marked) if opened and not opens[token]] == ["¿Buses"]
    runs = headline_spans.block_runs(raw, marked, owners, 0, 1, frozenset(), stoplist("es"))
    assert "¿Buses de la Alcaldía al servicio de Petro?" in [" ".join(raw[first:end]) for first, end in runs]
    assert "¿Buses de la Alcaldía al servicio de Petro?" not in [
        " ".join(raw[first:end]) for first, end in headline_spans.block_runs(raw, opens, owners, 0, 1, frozenset(), stoplist("es"))
    ]


def test_a_long_block_the_article_does_not_echo_is_a_run_beside_a_menu_of_the_articles_words() -> None:
    # A flattened page's menu cut into one-word blocks: each names a section the article also names,
    # and their runs outweigh a headline in other words than the article's. The block that holds
    # the most words stands apart as a headline does, whatever its words are worth.
    menu = ["Harbour", "Ferries", "Weather", "Fishing", "Tides", "Council", "Ports", "Boats", "Sailing", "Cargo"]
    headline = "Quiet waters ahead for the northern channel"
    raw = [*menu, *headline.split(), *["By", "Anna", "Berg"], *ARTICLE[0].split()]
    owners = [0] * (len(raw) - len(ARTICLE[0].split())) + [1] * len(ARTICLE[0].split())
    opens = [True] * len(menu) + [True] + [False] * (len(headline.split()) - 1) + [True, False, False, True]
    opens += [False] * (len(raw) - len(opens))
    body = frozenset(headline_text.stem(comparison_key(word)) for word in menu)
    runs = headline_spans.block_runs(raw, opens, owners, 0, 1, body, stoplist("en"))
    texts = [" ".join(raw[first:end]) for first, end in runs]
    assert headline in texts
    # The runs of most value, the first block of each, and the long blocks.
    assert len(texts) <= 2 * headline_spans.BLOCK_RUN_CANDIDATES + headline_spans.LONG_BLOCK_CANDIDATES
    # Where a span of running text ends with the block but opens after its first word, the cuts
    # glued the menu's last item to the headline: the block is no long block.
    first = len(menu)
    glued = [(first + 1, first + len(headline.split()))]
    runs = headline_spans.block_runs(raw, opens, owners, 0, 1, body, stoplist("en"), glued)
    assert headline not in [" ".join(raw[a:b]) for a, b in runs]


def test_the_first_block_of_a_run_of_most_value_is_a_candidate_of_its_own() -> None:
    # The headline's block and the one after it (the event's motto) are worth more as one run than
    # the headline alone, which the menu's runs of the article's words crowd out of the runs of most value.
    menu = ["Harbour ferries", "Northern tides", "Council ports", "Sailing boats"]
    headline, motto = "Harbour Jobs Fair", "Life by the Sea!"
    blocks = [*menu, headline, motto]
    raw = [word for block in blocks for word in block.split()] + ARTICLE[0].split()
    owners = [0] * (len(raw) - len(ARTICLE[0].split())) + [1] * len(ARTICLE[0].split())
    opens = [index == 0 for block in blocks for index, _ in enumerate(block.split())] + [True]
    opens += [False] * (len(raw) - len(opens))
    body = frozenset(headline_text.stem(comparison_key(word)) for word in raw)
    runs = headline_spans.block_runs(raw, opens, owners, 0, 1, body, stoplist("en"))
    texts = [" ".join(raw[first:end]) for first, end in runs]
    assert f"{headline} {motto}" in texts
    assert headline in texts


def test_a_glued_span_a_byline_ends_is_offered_from_the_opening_of_the_block_before_its_own() -> None:
    # The glued span ends where the byline opens but opened past the headline's first words, which
    # the article does not use; the cuts fell inside the headline ("Harbour authority | approves
    # dredging of the channel"). Its own block's opening is not offered: where that is all the cuts
    # missed, it glues the menu's last item on ("Sign in iPhone app …").
    header = ["News", "Ports", "Harbour", "authority", "approves", "dredging", "of", "the", "channel", "by", "Anna", "Berg", "today"]
    opens = [True, True, True, False, True, False, False, False, False, False, False, False, False]
    owners = [0] * len(header)
    opened = dump_headline._block_opened([(5, 9)], header, opens, owners)
    assert [(" ".join(header[first:end]), glued) for first, end, glued in opened] == [
        ("Harbour authority approves dredging of the channel", 5)
    ]
    # Not where no byline or date follows the span, nor where it opens a block itself, nor where it
    # is the writer's name before the date ("By Anna Berg 4 March 2024").
    dated = ["News", "Harbour", "authority", "approves", "dredging", "By", "Anna", "Berg", "4", "March", "2024"]
    dated_opens = [True, True, False, False, False, True, False, False, False, False, False]
    assert dump_headline._block_opened([(6, 8)], dated, dated_opens, [0] * len(dated)) == []
    assert dump_headline._block_opened([(5, 8)], header, opens, owners) == []
    assert dump_headline._block_opened([(4, 9)], header, opens, owners) == []


def test_a_sentence_case_headline_glued_to_the_lede_ends_where_a_capitalised_stop_word_opens_it() -> None:
    # No full stop, byline or date between them: "… northern channel The harbour authority on
    # Tuesday …". Inside the article's first unit a capital may be a name's, but a capitalised stop
    # word after a span that reads as a sentence opens the next sentence.
    stops = stoplist("en")
    units = [_Unit(" ".join(["Coastal Herald", *MENU[:4]]), 0, True, "content", 0.05)]
    units += [_Unit(text, i + 1, False, "content", 0.9) for i, text in enumerate([f"{HEADLINE} {ARTICLE[0]}", *ARTICLE[1:]])]
    raw, _, owners = headline_tokens.dump_tokens(units, 1)
    body = article_body.body_vocabulary(units, 1, stops)
    own = article_body.body_vocabulary(units, 1, stops, lede_from=None)
    spans = glued_spans.glued_spans(raw, owners, units, 1, body, own, stops)
    assert HEADLINE in [" ".join(raw[first:end]) for first, end, _ in spans]


def test_a_sentence_case_headline_glued_to_its_standfirst_ends_where_a_capitalised_word_opens_a_sentence() -> None:
    # "… northern channel Fishermen plan a petition …": a capitalised word that a
    # lower-case word follows, and that the article never capitalises inside a sentence, opens the
    # standfirst's sentence, where a name (or a German noun) would go on with the headline.
    stops = stoplist("en")
    standfirst = "Fishermen plan a petition and a rally at the quay"

    def spans(article: list[str]) -> list[str]:
        units = [_Unit(" ".join(["Coastal Herald", *MENU[:4]]), 0, True, "content", 0.05)]
        texts = [f"{HEADLINE} {standfirst} {article[0]}", *article[1:]]
        units += [_Unit(text, i + 1, False, "content", 0.9) for i, text in enumerate(texts)]
        raw, _, owners = headline_tokens.dump_tokens(units, 1)
        body = article_body.body_vocabulary(units, 1, stops)
        own = article_body.body_vocabulary(units, 1, stops, lede_from=None)
        return [" ".join(raw[first:end]) for first, end, _ in glued_spans.glued_spans(raw, owners, units, 1, body, own, stops)]

    assert HEADLINE in spans(ARTICLE)
    named = [*ARTICLE, "The harbour's Fishermen cooperative has not said whether it will appeal."]
    assert HEADLINE not in spans(named)
    article = [_Unit(text, i, False, "content", 0.9) for i, text in enumerate(named)]
    assert glued_spans.capitalised_inside(article, 0, stops) == frozenset({"fishermen", "tuesday", "november"})
    # German capitalises every noun: there a capital opens no sentence.
    german = "Die Hafenbehörde hat am Dienstag den Plan für die Ausbaggerung der nördlichen Fahrrinne gebilligt."
    assert glued_spans.capitalised_inside([_Unit(german, 0, False, "content", 0.9)], 0, stoplist("de")) is None


def test_every_token_that_opens_a_date_is_found_in_one_scan_even_where_dates_overlap() -> None:
    # "Sunday, 4 March 2024 18:00": the weekday, the day, the month (`March 2024`) and the clock each open a date line.
    raw = ["By", "Anna", "Berg", "Sunday,", "4", "March", "2024", "18:00", "Harbour", "news"]
    starts = glued_spans._date_starts(raw, 2, len(raw) - 2)
    assert [token for token, dated in zip(raw[2:], starts, strict=True) if dated] == ["Sunday,", "4", "March", "18:00"]
    assert starts == [bool(headline_text.DATE_START.match(" ".join(raw[t : t + 3]))) for t in range(2, len(raw))]


@pytest.mark.parametrize(
    "links",
    [" | ".join(MENU[:6]), "[ Home ] [ World ] [ Politics ] [ Sport ]", "首页|新闻|图片|评论|共青团|创业就业"],
    ids=["bars", "brackets", "CJK bars"],
)
def test_a_row_of_links_above_an_article_without_headline_is_not_its_title(links: str) -> None:
    dump = "\n".join([links, *ARTICLE, *FOOTER])
    assert extract(RawDocument(source="test", content=dump.encode(), content_type="text/plain")).title is None


def test_rows_of_links_and_addresses_never_read_as_headlines() -> None:
    assert headline_text.reads_as_links("Hauptseite | Blog | Registrieren | Login")
    assert headline_text.reads_as_links("FB: https://www.facebook.com/coastalherald")
    assert not headline_text.reads_as_links("Letters: Coddling criminals | Undermining road safety | Tax dollars")
    assert not headline_text.reads_as_links(HEADLINE)


@pytest.mark.parametrize(
    "line",
    ["Link: alternate", "Link: dns-prefetch", "Link: schema.DC", "Link: alternate en-US", "Link: Coastal Herald - All stories (alternate)"],
)
def test_the_documents_head_links_as_a_text_browser_prints_them_read_as_links(line: str) -> None:
    # links and elinks print the page's `<link>`s first; one relation printed twice had read as the
    # `<title>` and the `<h1>` that prints it again ("Link: dns-prefetch").
    assert headline_text.reads_as_links(line)


@pytest.mark.parametrize(
    "doubled",
    ["Coastal Herald WeekendCoastal Herald Weekend", "The Harbour Pilot The Harbour Pilot", "Coastal Herald[47]Coastal Herald"],
    ids=["glued", "spaced", "link number between"],
)
def test_a_phrase_printed_twice_back_to_back_is_no_headline(doubled: str) -> None:
    # A logo's picture text and its name, printed both: the ranker liked the line over the headline below it.
    assert headline_text.printed_twice(doubled)
    assert not headline_text.printed_twice(HEADLINE)
    assert not headline_text.printed_twice("Tora! Tora!")
    candidates = [
        headline_model.Candidate(headline_model.Headline(text, index, True), []) for index, text in enumerate([doubled, HEADLINE])
    ]
    allowed = headline_model._may_be_headlines(candidates, np.asarray([0.5, 0.3]))
    assert allowed.tolist() == [False, True]


def test_a_text_wholly_in_square_brackets_is_no_headline() -> None:
    # pandoc prints a picture as its alternative text in brackets: a caption the ranker liked over the headline.
    assert headline_text.bracketed("[The harbour's northern channel at low tide.]")
    assert not headline_text.bracketed(HEADLINE)
    assert not headline_text.bracketed(f"[Video] {HEADLINE}")
    texts = ["[The harbour's northern channel at low tide.]", HEADLINE]
    candidates = [headline_model.Candidate(headline_model.Headline(text, index, True), []) for index, text in enumerate(texts)]
    assert headline_model._may_be_headlines(candidates, np.asarray([0.7, 0.2])).tolist() == [False, True]


def test_a_headline_opening_on_the_word_link_is_no_head_link() -> None:
    assert not headline_text.reads_as_links("Link: The harbour board's vote, and what it means for the fishing fleet")


def test_a_row_of_buttons_repeating_their_label_reads_as_links() -> None:
    assert headline_text.reads_as_links("Compartir en Facebook Compartir en Twitter Compartir en WhatsApp Compartir en Telegram")
    assert headline_text.reads_as_links("Share on Facebook Share on X Share by email")
    # A headline that repeats its first word does so in a word, not item by item, or not thrice.
    assert not headline_text.reads_as_links("Tor, Tor, Tor: Harbour United wins the cup")
    assert not headline_text.reads_as_links("Harbour news: the harbour board and the harbour pilots agree")


@pytest.mark.parametrize("label", ["Sign up for our newsletter", "Read on", "Weiterlesen"])
def test_an_interface_label_or_appeal_above_the_article_is_not_its_headline(label: str) -> None:
    # The last heading-shaped line before the lede is the likeliest headline by its place, but a
    # label of the site's interface or an appeal to the reader is never one: without a headline
    # above the article, the dump has no title.
    rows = [(m, 0.05) for m in MENU] + [(label, 0.45)] + [(p, 0.95) for p in ARTICLE]
    assert _start_and_headline(rows) == (len(MENU) + 1, None)


def test_interface_labels_and_appeals_never_read_as_headlines() -> None:
    assert headline_text.reads_as_interface("Read more")
    assert headline_text.reads_as_interface("Read on")
    assert headline_text.reads_as_interface("Subscribe to our newsletter")
    assert headline_text.reads_as_interface("Toggle navigation")
    assert headline_text.reads_as_interface("Navigation überspringen")
    assert headline_text.reads_as_interface("Gefällt mir")
    assert not headline_text.reads_as_interface(HEADLINE)
    assert not headline_text.reads_as_interface("Readers follow the harbour vote")


def test_a_line_opening_on_a_date_in_figures_is_not_heading_shaped() -> None:
    assert not headline_text.is_heading("11.09.2011, 16:20 von jovelstefan")
    assert not headline_text.is_heading("2024-03-04 Harbour authority approves dredging")
    assert not headline_text.is_heading("18:05 Ferry service resumes")
    # A weekday or a month may open a headline.
    assert headline_text.is_heading("Sunday Thoughts: A little lost, but still here")
    assert headline_text.is_heading("2024 budget leaves the harbour without dredging money")


def test_a_hyphen_inside_a_word_is_no_datelines_dash_and_the_heading_it_opens_stays_heading_shaped() -> None:
    # "ERP-Interview mit …", "T-distributed stochastic neighbor embedding": read as a place ("Erp", "T")
    # and its dash, the headline was no heading and never a candidate.
    assert find_dateline("ERP-Interview mit Anna Berg: digitale Assistenten im Hafen") is None
    assert headline_text.is_heading("ERP-Interview mit Anna Berg: digitale Assistenten im Hafen")
    assert headline_text.is_heading("T-distributed harbour embedding")
    # A dash with a space on either side, or an en dash, still closes a dateline's place.
    for lede in ("NORTHERN CHANNEL - The harbour", "NORTHERN CHANNEL- The harbour", "NORTHERN CHANNEL–The harbour"):
        found = find_dateline(lede)
        assert found is not None and found.place == "Northern Channel"


def _candidate_texts(header: list[tuple[str, float]]) -> list[str]:
    """The headline candidates of a flattened dump whose header runs on into the lede."""
    units = _flattened_header(header)
    printed = printed_sentences.printed_sentences(units)
    start = article_body.body_start(printed)
    assert start is not None
    candidates = dump_headline.headline_candidates(printed, start, None, blocks=[sentence.offsets for sentence in printed])
    return [candidate.headline.text for candidate in candidates]


def test_a_headline_after_share_buttons_glued_into_the_ledes_sentence_is_a_candidate() -> None:
    # The share buttons' lower-case words come before the headline in the lede's printed sentence;
    # they are another block, the page's header, not the lede's prose.
    header = [("Yes, show me sharing options", 0.05), (HEADLINE, 0.2), ("Share on Twitter", 0.05), ("Share by email", 0.05)]
    assert HEADLINE in _candidate_texts(header)


def test_a_phrase_deep_in_a_list_run_on_into_the_ledes_sentence_is_no_candidate() -> None:
    # A changelog with no sentence end runs on into the lede: its items' words are the lede's
    # printed sentence, and a title-case item far into it is no headline glued before the lede.
    items = [("Added rabbits with item drops", 0.3), ("Villagers harvest crops and plant new ones", 0.3)] * 4
    assert "Mossy Stone Bricks Return" not in _candidate_texts(
        [*items, ("Mossy Stone Bricks Return", 0.3), ("Doors come in wood types", 0.3)]
    )


def test_a_headline_printed_twice_back_to_back_counts_two_copies() -> None:
    # The breadcrumb's copy runs straight into the heading's: the space between them is each copy's edge.
    header = [("Home News", 0.05), (HEADLINE, 0.2), (HEADLINE, 0.2), ("By Anna Berg", 0.05)]
    printed = printed_sentences.printed_sentences(_flattened_header(header))
    start = article_body.body_start(printed)
    assert start is not None
    candidates = dump_headline.headline_candidates(printed, start, None, blocks=[sentence.offsets for sentence in printed])
    copies = headline_model.FEATURE_NAMES.index("dump_copies")
    found = [candidate.features[copies] for candidate in candidates if candidate.headline.text == HEADLINE]
    assert found and set(found) == {2.0}


def test_a_headline_above_a_long_gallery_of_captions_is_still_found() -> None:
    # A gallery's captions (or a table of contents, share rows, a byline box) stand between the
    # headline and the article's first paragraph: forty units, none of them heading-shaped.
    captions = [(f"Picture {number} of the harbour, taken by the Coastal Herald's staff.", 0.2) for number in range(1, 41)]
    rows = [(m, 0.05) for m in MENU] + [(HEADLINE, 0.35), *captions] + [(p, 0.95) for p in ARTICLE]
    assert _start_and_headline(rows) == (len(MENU) + 1 + len(captions), HEADLINE)


# A brand in camel case opens the headline in lower case; the article names it.
CAMEL_CASE_HEADLINE = "iPhone app shows the dredging of the northern channel"


@pytest.mark.parametrize("join", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_a_headline_opening_on_a_brand_in_camel_case_is_found(join) -> None:
    lede = "Owners of an iPhone can follow the harbour's dredgers on a map, the authority said on Tuesday."
    blocks = ["Coastal Herald", *MENU, CAMEL_CASE_HEADLINE, "By Anna Berg March 4, 2024 | 6:00 PM", lede, *ARTICLE, *FOOTER]
    assert _title(blocks, join) == CAMEL_CASE_HEADLINE


def test_only_a_word_in_camel_case_opens_a_heading_or_a_phrase_in_lower_case() -> None:
    stops = frozenset({"the", "of", "to"})
    for brand in ("iOS 13 will fix the eye contact problem", "eBay to cut jobs", "mRNA vaccines reach the harbour"):
        assert headline_text.is_heading(brand)
        assert headline_spans.whole_phrase(brand, stops)
    for fragment in ("ios 13 will fix the eye contact problem", "dredging of the northern channel"):
        assert not headline_text.is_heading(fragment)
        assert not headline_spans.whole_phrase(fragment, stops)


def test_a_headline_spelling_the_urls_slug_inside_the_ledes_unit_is_found_after_lower_case_words() -> None:
    # The page's header glues a lower-case word or two ("e-paper", "archive") before the headline in
    # the article's first unit, which made any span there a piece of the lede; a span that spells
    # the URL's slug is the headline wherever it stands.
    lede = "Skippers welcomed a plan on Tuesday, after two years of disputes with the port."
    opening = f"Coastal Herald e-paper and archive {HEADLINE} {lede}"
    units = [_Unit(text, i, True, "content", p) for i, (text, p) in enumerate([*((m, 0.05) for m in MENU), (opening, 0.9)])]
    units += [_Unit(p, len(units) + i, True, "content", 0.95) for i, p in enumerate(ARTICLE)]
    start = article_body.body_start(units)
    assert start == len(MENU)
    slug = "https://herald.example/news/" + HEADLINE.lower().replace(" ", "-")
    found = dump_headline.find_headline(units, start, slug)
    assert found is not None and found.text == HEADLINE
    unslugged = dump_headline.find_headline(units, start, "https://herald.example/news/12345")
    assert unslugged is None or unslugged.text != HEADLINE


# Another story's teaser, as dense as the article's paragraphs: the line model keeps it.
OTHER_STORY = [
    "Ferry fares will rise by a tenth in spring, the island operator announced, blaming fuel costs and a shortage of crews.",
    "Commuters who cross twice a day said the increase would cost them more than a month's rent over the year.",
]


@pytest.mark.parametrize("slugged", [True, False], ids=["slug", "no slug"])
def test_the_article_starts_at_the_headline_its_url_spells_not_at_a_dense_teaser_above_it(slugged: bool) -> None:
    rows = [(m, 0.05) for m in MENU] + [(p, 0.9) for p in OTHER_STORY] + [(HEADLINE, 0.1)] + [(p, 0.95) for p in ARTICLE]
    units = [_Unit(text, i, True, "content", p) for i, (text, p) in enumerate(rows)]
    assert article_body.body_start(units) == len(MENU)
    url = "https://herald.example/news/" + (HEADLINE.lower().replace(" ", "-") if slugged else "12345")
    start, found = dump_headline.locate_headline(units, url)
    if slugged:
        assert (start, found.text if found else None) == (len(MENU) + len(OTHER_STORY) + 1, HEADLINE)
    else:
        assert start == len(MENU)


def test_a_subheading_spelling_the_slug_does_not_move_the_start_past_a_headline_holding_its_words() -> None:
    # The headline holds every word of the slug but not as one run; a subheading in the article spells it.
    headline = "Mussel farmers react: court says winter brings a pause from the dredgers they fought"
    rows = [(m, 0.05) for m in MENU] + [(headline, 0.1)] + [(p, 0.95) for p in ARTICLE[:2]]
    rows += [("Mussel farmers win winter pause from dredgers", 0.1)] + [(p, 0.95) for p in ARTICLE[2:]]
    units = [_Unit(text, i, True, "content", p) for i, (text, p) in enumerate(rows)]
    start, _ = dump_headline.locate_headline(units, "https://herald.example/news/mussel-farmers-win-winter-pause-from-dredgers")
    assert start == len(MENU) + 1


def test_a_slug_spells_a_words_umlauts_out_or_drops_its_marks() -> None:
    slug = article_body.slug_words("https://herald.example/news/waermepumpen-boomen-platny-urlop-canonica")
    words = ["wärmepumpen", "płatny", "canónica", "boomen", "hafen"]
    assert article_body.slug_parts(words, slug) == [("waermepumpen",), ("platny",), ("canonica",), ("boomen",), ()]


def test_a_slug_is_read_before_the_id_page_number_or_date_a_url_ends_on() -> None:
    words = {"port", "board", "appoints", "new", "harbour", "master"}
    for tail in ("400487461", "21/", "2022/12/29/", "wcm/76e426d9-56de-40ad"):
        assert article_body.slug_words(f"https://herald.example/news/port-board-appoints-new-harbour-master/{tail}") == words
    # A word of its own ("amp", "about") is passed over too; a file name or a segment of two words has the last say.
    assert article_body.slug_words("https://herald.example/news/port-board-appoints-new-harbour-master/amp") == words
    assert article_body.slug_words("https://herald.example/port-board-appoints-new-harbour-master/index.html") == set()
    assert article_body.slug_words("https://herald.example/port-board-appoints-new-harbour-master/harbour-news/about") == set()
    assert article_body.slug_words("https://herald.example/about") == set()


def test_a_slug_span_runs_on_past_a_sentence_end_into_the_next_line_while_the_slug_does() -> None:
    slug = article_body.slug_words("https://herald.example/news/will-the-harbour-stay-open-board-decides-today")
    stops = frozenset({"the", "on"})

    def spans(*texts: str) -> list[str]:
        units = [_Unit(text, i, True, "content", 0.9) for i, text in enumerate(texts)]
        raw, keys, owners = headline_tokens.dump_tokens(units, len(units) - 1)
        return [" ".join(raw[first:end]) for first, end, _ in headline_spans.slug_candidates(raw, keys, owners, 0, 1, slug, stops)]

    # Both the first sentence and the two are offered: the slug may run on into a standfirst.
    assert spans("Ports Will the harbour stay open?", "Board decides today Pilots met on Tuesday") == [
        "Will the harbour stay open?",
        "Will the harbour stay open? Board decides today",
    ]
    # A line that ends no sentence ends the run: the next line is another block (a kicker's, a menu's).
    assert spans("Ports Will the harbour stay open", "Board decides today Pilots met on Tuesday") == ["Will the harbour stay open"]


def test_two_sentences_are_a_headline_by_hand_only_when_they_spell_the_urls_slug() -> None:
    two, one = "Will the harbour stay open? Board decides today", "Will the harbour stay open, board decides today"
    line = _Unit(two, 0, True, "content", 0.1)

    def score(text: str, url: str) -> float:
        slugged = headline_features.slug_share(comparison_key(text).split(), article_body.slug_words(url))
        return headline_features.hand_score(text, line, 0, 1, slugged, 0.0, 1.0)

    spelled, other = (
        "https://herald.example/news/will-the-harbour-stay-open-board-decides-today",
        "https://herald.example/news/ferry-fares-to-rise-in-spring",
    )
    assert score(two, spelled) == score(one, spelled)
    # Without the slug's word, a line of two sentences is a standfirst's or the article's.
    assert score(two, other) == score(one, other) - 1.0


def test_a_headline_written_as_a_sentence_is_a_candidate_only_where_the_slug_spells_it() -> None:
    headline = "Pilots vote to end the strike."
    rows = [(m, 0.05) for m in MENU] + [(f"Ports {headline}", 0.1)] + [(p, 0.95) for p in ARTICLE]
    units = [_Unit(text, i, True, "content", p) for i, (text, p) in enumerate(rows)]
    start = len(MENU) + 1
    spelled = dump_headline.headline_candidates(units, start, "https://herald.example/news/pilots-vote-to-end-the-strike")
    assert headline in [candidate.headline.text for candidate in spelled]
    # Without the slug, a span ending a sentence is the text's.
    other = dump_headline.headline_candidates(units, start, "https://herald.example/news/12345")
    assert headline not in [candidate.headline.text for candidate in other]


def test_a_compound_spells_the_slug_words_its_hyphens_join() -> None:
    slug = article_body.slug_words("https://herald.example/news/emanuel-scobel-wird-thomanerchor-geschaeftsfuehrer")
    words = ["thomanerchorgeschäftsführer", "scobelwird", "thomanerchor", "chorleiter"]
    assert article_body.slug_parts(words, slug) == [("thomanerchor", "geschaeftsfuehrer"), ("scobel", "wird"), ("thomanerchor",), ()]
    # Its key has lost the hyphen: the slug's span no longer ends on the word before the compound.
    text = "Port news Port board appoints new harbour-master Share this article The board met on Tuesday"
    raw, keys, owners = headline_tokens.dump_tokens([_Unit(text, 0, True, "content", 0.9)], 0)
    slug = article_body.slug_words("https://herald.example/news/port-board-appoints-new-harbour-master")
    spans = headline_spans.slug_candidates(raw, keys, owners, 0, 0, slug, frozenset({"the", "on", "this"}))
    assert [" ".join(raw[first:end]) for first, end, _ in spans] == ["Port board appoints new harbour-master"]


def test_a_headline_with_umlauts_spells_all_of_its_urls_slug() -> None:
    headline = "Wärmepumpen für Häuser am Hafen: Bund zahlt höhere Zuschüsse"
    rows = [(m, 0.05) for m in MENU] + [(headline, 0.1)] + [(p, 0.95) for p in ARTICLE]
    units = [_Unit(text, i, True, "content", p) for i, (text, p) in enumerate(rows)]
    url = "https://herald.example/news/waermepumpen-fuer-haeuser-am-hafen-bund-zahlt-hoehere-zuschuesse"
    candidates = dump_headline.headline_candidates(units, len(MENU) + 1, url)
    slug = headline_model.FEATURE_NAMES.index("slug")
    assert [candidate.features[slug] for candidate in candidates if candidate.headline.text == headline] == [1.0]


def test_a_slug_span_stops_where_its_first_word_opens_the_lede() -> None:
    # The lede opens on the headline's first word, a word of the slug: the span must not take it
    # (cut out as the title, it would leave the lede without its first word).
    text = "Harbour dredging approved for the northern channel Harbour pilots welcomed the decision on Tuesday"
    raw, keys, owners = headline_tokens.dump_tokens([_Unit(text, 0, True, "content", 0.9)], 0)
    slug = article_body.slug_words("https://herald.example/news/harbour-dredging-approved-for-the-northern-channel")
    spans = headline_spans.slug_candidates(raw, keys, owners, 0, 0, slug, frozenset({"the", "for", "on"}))
    assert [" ".join(raw[first:end]) for first, end, _ in spans] == ["Harbour dredging approved for the northern channel"]


# A picture between the byline and the article: its caption, in the article's words, stands nearer the
# article than the headline, which its byline follows.
CAPTIONED_PAGE = [
    *MENU,
    "Harbour News",
    "Harbour Authority Approves Dredging",
    "By Anna Berg",
    "March 4, 2024",
    "Two years of disputes end as the port wins its permit.",
    "Read later",
    "Share",
    "Read later",
    "Copied!",
    "Dredgers At Work In The Northern Shipping Channel Near The Mussel Beds",
    "The port operators had waited two years for the permit.",
    "Anna Berg/Coastal Herald",
    "Anna Berg",
    "Staff Writer",
    "March 4, 2024",
    "View PDF/Print Mode harbour shipping dredging",
    *ARTICLE,
    *FOOTER,
]


def test_a_heading_line_its_byline_follows_is_the_headline_over_a_likelier_caption() -> None:
    dump = "\n\n".join(CAPTIONED_PAGE)
    assert (
        extract(RawDocument(source="test", content=dump.encode(), content_type="text/plain")).title == "Harbour Authority Approves Dredging"
    )


def test_a_bylined_line_far_less_likely_than_the_likeliest_is_not_taken() -> None:
    unlikely, likely = (
        headline_model.Candidate(headline_model.Headline(text, index, True), [], bylined)
        for index, (text, bylined) in enumerate([("Harbour News", True), (HEADLINE, False)])
    )
    assert headline_model._bylined([unlikely, likely], np.array([0.1, 0.5]), 1) == 1
    assert headline_model._bylined([unlikely, likely], np.array([0.3, 0.5]), 1) == 0


# Ends on a stop word, as a headline may ("… walk out", "… How You Get Them").
ENDS_ON_A_STOP_WORD = "Dredging the northern channel and who pays for it"


def test_a_headline_may_end_on_a_stop_word_where_a_capitalised_byline_follows() -> None:
    stops = stoplist("en")
    assert not headline_spans.whole_phrase(ENDS_ON_A_STOP_WORD, stops)
    assert headline_spans.whole_phrase(ENDS_ON_A_STOP_WORD, stops, shown_end=True)
    assert headline_tokens.signed(["it", "By", "Anna", "Berg"], 1)
    # A lower-case "by" inside a sentence is no writer's line.
    assert not headline_tokens.signed(["paid", "by", "the", "port"], 1)


def test_a_headline_ending_on_a_stop_word_is_found_glued_before_its_byline() -> None:
    # The channel, its costs and who pays: the article speaks of them.
    article = [*ARTICLE, "The port operators will pay for the dredging, and the channel's costs will be shared over ten years."]
    dump = " ".join([*MENU, ENDS_ON_A_STOP_WORD, "By Anna Berg March 4, 2024", *article, *FOOTER])
    assert _title([dump], "\n".join) == ENDS_ON_A_STOP_WORD


def test_a_promotion_box_taken_for_the_articles_start_is_passed_over_to_the_header_with_its_byline() -> None:
    # A flattened page prints a promotion's sentences, which the line model finds article-like, above
    # the header, where the menu, the headline and the byline are glued into one unit it reads as furniture.
    box = [
        "Coastal Herald Community Talk to readers and experts who share your interests in our forums.",
        "It's a friendly place where you can start or join discussions about the topics you follow.",
        "Coastal Herald Answers lets you ask local experts, officials and other readers about the region.",
    ]
    header = " ".join([*MENU, "My Account Email a Friend Print Article Share", HEADLINE, "By Anna Berg Harbour Desk"])
    rows = [(m, 0.05) for m in MENU] + [(line, 0.7) for line in box] + [(header, 0.25)] + [(p, 0.95) for p in ARTICLE]
    units = [_Unit(text, i, True, "content", p) for i, (text, p) in enumerate(rows)]
    start, found = dump_headline.locate_headline(units, None, stoplist("en"))
    assert (start, found.text if found else None) == (len(MENU) + len(box) + 1, HEADLINE)


def test_a_byline_inside_the_article_text_does_not_move_its_start() -> None:
    # A quoted "By …" in the article's own paragraphs, which the line model keeps, is no header's byline.
    quoted = "By Anna Berg's count, the authority had received more than four hundred objections to the plan."
    rows = [(m, 0.05) for m in MENU] + [(HEADLINE, 0.3), (ARTICLE[0], 0.95), (quoted, 0.9)] + [(p, 0.95) for p in ARTICLE[1:]]
    assert _start_and_headline(rows) == (len(MENU) + 1, HEADLINE)
    units = [_Unit(text, i, True, "content", p) for i, (text, p) in enumerate(rows)]
    start, _ = dump_headline.locate_headline(units, None, stoplist("en"))
    assert start == len(MENU) + 1


# Placeholder text: a language no stop list knows, and words no heading shares.
LOREM = [
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
    "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.",
    "Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur.",
    "Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.",
]


def test_a_flattened_dump_that_opens_on_a_heading_the_article_does_not_echo_opens_on_its_headline() -> None:
    # No menu, no site's name: the page's heading and its text with its subheadings, which the ranker doubts.
    text = [*LOREM[:2], "Single image", *LOREM[:2], "Single figure Caption of the figure", *LOREM[:2], "A list of images", *LOREM[:2]]
    assert _title([" ".join(["Layout Test", *text])], "\n".join) == "Layout Test"


def _glued_candidates(header: list[tuple[str, float]]) -> list[str]:
    """The headline candidates' texts of a flattened dump printing `header` (units and their article
    chances) above the article."""
    printed = printed_sentences.printed_sentences(_flattened_header(header))
    start = article_body.body_start(printed)
    assert start is not None
    candidates = dump_headline.headline_candidates(printed, start, None, blocks=[sentence.offsets for sentence in printed])
    return [candidate.headline.text for candidate in candidates]


def test_a_glued_span_opening_inside_a_sentence_case_headline_is_offered_from_the_sentences_capital() -> None:
    # A span opens on a capital, and the headline's first words the article does not use ("Why
    # skippers dread the") cost it more than they bring: it opened at "Northern". The capital that
    # opens the sentence, after a figure or a mark (a ticker's "(-0.58%)"), is where the headline opens.
    ticker, headline = "Dow 30 18,037.10 (-0.58%)", "Why skippers dread the Northern Channel"
    header = [("Coastal Herald", 0.05), *((m, 0.05) for m in MENU[:4]), (f"{ticker} {headline}", 0.2), ("By Anna Berg", 0.05)]
    assert headline in _glued_candidates(header)


def test_a_sentence_is_opened_only_by_a_capital_after_no_word_a_few_lower_case_words_back() -> None:
    tokens = ["(-0.58%)", "Why", "skippers", "dread", "the", "Northern", "Channel"]
    assert dump_headline._sentence_opened([(5, 7)], tokens, [0] * len(tokens)) == [(1, 7, 5)]
    # After a word the capital may be a name inside a longer run; a span after a capital opens no
    # sentence's middle; too many lower-case words back, it is the text's sentence, not a headline's.
    named = ["Ports", "Harbour", "dread", "the", "Northern", "Channel"]
    assert dump_headline._sentence_opened([(4, 6)], named, [0] * len(named)) == []
    assert dump_headline._sentence_opened([(5, 7)], [*tokens[:4], "The", *tokens[5:]], [0] * len(tokens)) == []
    long = ["(-0.58%)", "Why", *["many"] * (dump_headline.SENTENCE_OPENING_WORDS + 1), "Northern", "Channel"]
    assert dump_headline._sentence_opened([(len(long) - 2, len(long))], long, [0] * len(long)) == []


def test_a_glued_span_opening_after_a_dash_inside_a_block_is_offered_from_the_blocks_opening() -> None:
    # The headline's first part ("Dredging 2024 -") costs the span more than its words bring, a
    # figure and the dash: the span opened after the dash. The block that holds both opens the
    # headline, and runs on past it where the cuts missed the writer's name.
    headline = "Dredging 2024 - The authority approves dredging of the northern channel"
    header = [("Coastal Herald", 0.05), *((m, 0.05) for m in MENU[:4]), (f"{headline} Margaret Hollingsworth", 0.2), ("4 March 2024", 0.05)]
    assert headline in _glued_candidates(header)


def test_a_headlines_first_part_is_offered_only_from_its_blocks_opening_a_few_words_before_the_mark() -> None:
    tokens = ["Sport", "Dredging", "2024", "-", "The", "northern", "channel"]
    opens = [True, True, False, False, False, False, False]
    assert dump_headline._part_opened([(4, 7)], tokens, opens, [0] * len(tokens)) == [(1, 7, 4)]
    # Not where the span or the mark opens a block (the cuts set the part apart), nor where the
    # block opens too far before the mark.
    assert dump_headline._part_opened([(4, 7)], tokens, [*opens[:4], True, *opens[5:]], [0] * len(tokens)) == []
    assert dump_headline._part_opened([(4, 7)], tokens, [*opens[:3], True, *opens[4:]], [0] * len(tokens)) == []
    far = ["Sport", *["Dredging"] * (dump_headline.SENTENCE_OPENING_WORDS + 1), "-", "The", "northern", "channel"]
    far_opens = [True, True, *[False] * (len(far) - 2)]
    assert dump_headline._part_opened([(len(far) - 3, len(far))], far, far_opens, [0] * len(far)) == []


@pytest.mark.parametrize("join", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_a_section_label_a_bar_sets_apart_in_the_top_bar_is_not_glued_to_the_repeated_headline(join) -> None:
    # The page's top bar prints "Ports|<headline>", the article's header "Ports <headline>": the
    # words are the same twice, but the bar shows the section's label and the headline are two blocks.
    blocks = [f"Coastal Herald Ports|{HEADLINE}", *MENU, "Supported by", "Ports", HEADLINE, "By Anna Berg", *ARTICLE, *FOOTER]
    assert _title(blocks, join) == HEADLINE


def test_no_repeated_span_runs_across_a_bar_in_any_of_its_copies() -> None:
    units = [_Unit("Ports|Harbour authority approves dredging", 0, True, "content", 0.1)]
    units += [_Unit("Supported by Ports Harbour authority approves dredging", 1, True, "content", 0.1)]
    _, keys, owners = headline_tokens.dump_tokens(units, 1)
    barred = headline_spans.barred_tokens(units, owners)
    assert barred == {1}
    spans = headline_spans.repeated_spans(keys, owners, 0, barred)
    assert sorted((" ".join(keys[first:end]), len(copies)) for first, end, copies in spans) == [
        ("harbour authority approves dredging", 1),
        ("harbour authority approves dredging", 1),
    ]
    # Without the bar the section's label is glued to the headline's copies.
    assert {" ".join(keys[first:end]) for first, end, _ in headline_spans.repeated_spans(keys, owners, 0)} == {
        "ports harbour authority approves dredging"
    }


def test_a_span_after_a_word_the_dump_prints_with_it_elsewhere_is_a_piece_of_that_phrase() -> None:
    tokens = ["Ports", "Visit", "Northern", "Channel", "Ferries"]
    owners = [0] * len(tokens)
    printed = " ports visit northern channel ferries the northern channel ferries sail at dawn "
    assert dump_headline._splits_phrase(tokens, owners, 3, 5, printed)
    # Not where the dump prints the phrase once, nor for a span that opens its unit.
    assert not dump_headline._splits_phrase(tokens, owners, 3, 5, " ports visit northern channel ferries the ferries sail ")
    assert not dump_headline._splits_phrase(tokens, [0, 0, 0, 1, 1], 3, 5, printed)
    assert not dump_headline._splits_phrase(tokens, owners, 0, 2, printed)
    # A breadcrumb's mark before the span is no word of a phrase.
    crumbs = ["News", "›", "Channel", "Ferries"]
    assert not dump_headline._splits_phrase(crumbs, [0] * 4, 2, 4, " news › channel ferries channel ferries sail ")


def _continued(texts: list[str], headline: str, cuts: list[list[int]] | None = None) -> str:
    """The headline `_continued` gives back for `headline`, found at the end of the first of the
    flattened dump's printed sentences `texts` (`cuts`: where each one's blocks open)."""
    units = [_Unit(text, i, i == 0, "content", 0.1, glued=i > 0) for i, text in enumerate(texts)]
    found = dump_headline.Headline(headline, 0, False, texts[0].index(headline) + len(headline))
    blocks = cuts if cuts is not None else [[0] for _ in texts]
    return dump_headline._continued(found, units, blocks, headline_tokens.LineTokens(units), stoplist("en")).text


def test_a_question_headline_runs_on_into_the_next_printed_sentence_up_to_its_date_or_byline() -> None:
    # The printed sentences cut a headline of two sentences after its question mark; what opens the
    # next one up to the date (written with its month's name, in any language) or the byline is its second part.
    question = "Is the northern channel safe?"
    header = f"Coastal Herald Ports {question}"
    lede = "Pilots have long warned of the shoals."
    for second, after in [
        ("Harbour pilots weigh the dredging plan", "12 March 2024"),
        ("Harbour pilots weigh the dredging plan", "12 marca 2024"),
        ("Harbour pilots weigh the dredging plan", "By Anna Berg"),
    ]:
        assert _continued([header, f"{second} {after} {lede}"], question) == f"{question} {second}"
    units = [
        _Unit(header, 0, True, "content", 0.1),
        _Unit(f"Harbour pilots weigh the plan 12 March 2024 {lede}", 1, False, "content", 0.1, True),
    ]
    found = dump_headline._continued(
        dump_headline.Headline(question, 0, False, len(header)), units, [[0], [0]], headline_tokens.LineTokens(units), frozenset()
    )
    assert (found.line, found.end, found.first) == (1, len("Harbour pilots weigh the plan"), 0)


def test_a_headline_runs_on_only_into_a_heading_shaped_block_a_date_or_byline_ends() -> None:
    question = "Is the northern channel safe?"
    header = f"Coastal Herald Ports {question}"
    unchanged = [
        # The lede's first sentence, which runs on past the date, and one that ends on a stop word before it.
        [header, "Pilots have warned of the shoals since the storm of 12 March 2024 closed the port."],
        [header, "Under this motto the march sets off on 12 March 2024 from the quay."],
        [header, "Pilots have long warned of the shoals. Harbour pilots weigh the dredging plan 12 March 2024"],
        # No date nor byline after the words, or the words are the byline.
        [header, "Harbour pilots weigh the dredging plan and the ferries wait for the tide at the outer quay"],
        [header, "By Anna Berg 12 March 2024 Pilots have long warned of the shoals."],
    ]
    for texts in unchanged:
        assert _continued(texts, question) == question
    # A block cut among the words sets a label apart from the lede.
    cut = [[0], [0, len("Harbour pilots ")]]
    assert _continued([header, "Harbour pilots weigh the dredging plan 12 March 2024"], question, cut) == question
    # A headline that ends no question (a teaser's cut off with an ellipsis neither), or does not end
    # its printed sentence, runs on into nothing.
    for plain in ["Northern channel to open by spring", "Northern channel to open by…"]:
        assert _continued([f"Ports {plain}", "Harbour pilots weigh the plan 12 March 2024"], plain) == plain
    assert _continued([f"Ports {question} Supported by", "Harbour pilots weigh the plan 12 March 2024"], question) == question
