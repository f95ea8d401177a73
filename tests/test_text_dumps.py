"""Whole-page text dumps: the line model keeps the article and cuts the page around it, whatever
the converter's layout (one line per block, the whole page on one line, wrapped paragraphs)."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps import line_model, reader
from pipelines.extraction.dumps.headlines.model import Headline
from pipelines.extraction.dumps.headlines.text import closed_colon, is_heading
from pipelines.extraction.dumps.line_features import FEATURE_NAMES, features
from pipelines.extraction.dumps.lines import LineKind
from pipelines.extraction.dumps.name_lists import holds_menu_run, reads_as_name_list
from pipelines.extraction.dumps.stop_words import dump_language
from pipelines.extraction.dumps.units import LONG_LINE, split_units
from pipelines.extraction.furniture_phrases import (
    links_to_neighbour,
    opens_with_teaser_marker,
    read_on_excerpt,
    split_at_advertisements,
    split_at_labels,
)
from pipelines.extraction.text_keys import text_key

MENU = ["Home", "World", "Politics", "Business", "Technology", "Sport", "Culture", "Opinion", "Subscribe", "Sign in"]
HEADLINE = "Harbour authority approves dredging of the northern channel"
ARTICLE = [
    "The harbour authority on Tuesday approved a plan to dredge the northern shipping channel, ending two years "
    "of disputes between the port operators and the fishing cooperatives that use the bay.",
    "Under the plan, about 1.2 million cubic metres of sediment will be removed over three winters, when the "
    "fewest boats are at sea and the migrating birds have left the marshes north of the town.",
    "The cooperatives had argued that the work would cloud the water over their mussel beds for months. The "
    "authority said it would monitor the water every week and stop the dredgers if the readings rose too high.",
    "Shipping companies welcomed the decision, saying that larger vessels had been forced to wait for the high "
    "tide before entering the port, which added hours to every crossing and raised the cost of freight.",
    "Work is expected to begin in November, once the environmental permit has been published and the period "
    "for objections has passed without a successful appeal to the regional court.",
]
COMMENTS = [
    "12 Comments",
    "marina_k 3 hours ago",
    "About time, the boats have been waiting for years!!!",
    "Reply",
    "oldsalt77 2 hours ago",
    "lol good luck with that",
    "Reply",
    "Load more comments",
]
TEASERS = [
    "Most read",
    "Ferry fares to rise in spring",
    "New lighthouse museum opens its doors",
    "Storm damages sea wall near the old fort",
]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use", "© 2024 Coastal Herald. All rights reserved."]
URL = "https://news.example/local/harbour-authority-approves-dredging-of-the-northern-channel"


def _page_blocks() -> list[str]:
    return ["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE, *TEASERS, *COMMENTS, *FOOTER]


def _extract(text: str, url: str | None = URL):
    return extract(RawDocument(source="test", content=text.encode(), url=url))


def _assert_article_only(body: str) -> None:
    for paragraph in ARTICLE:
        assert paragraph in body
    for junk in [*MENU, *TEASERS[1:], "About time, the boats", "lol good luck", "Privacy policy", "All rights reserved"]:
        assert junk not in body, junk


@pytest.mark.parametrize(
    "notice",
    [
        "Materiał chroniony prawem autorskim - zasady przedruków określa regulamin.",
        "Tous droits réservés, reproduction interdite sans autorisation de la rédaction.",
        "Todos los derechos reservados por la editorial de este periódico regional.",
        # A disclaimer of what the site links to, in the wording sites copy.
        "Trotz sorgfältiger inhaltlicher Kontrolle übernehmen wir keine Haftung für die Inhalte externer Links.",
        "The Coastal Herald is not responsible for the content of external sites.",
    ],
)
@pytest.mark.parametrize("join", ["\n", " "])
def test_a_sites_rights_notice_or_disclaimer_in_the_pages_language_is_not_article_text(notice: str, join: str) -> None:
    page = ["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE, notice, *TEASERS, *FOOTER]
    article = _extract(join.join(page))
    assert notice[:30] not in article.body
    for paragraph in ARTICLE:
        assert paragraph in article.body


@pytest.mark.parametrize(
    "meta",
    [
        "Posted in Harbour News and tagged dredging, port, fishing. Bookmark the permalink.",
        "Dieser Eintrag wurde veröffentlicht in Hafen von Anna Berg. Permanentlink.",
        "Permalink: https://news.example/local/harbour-dredging",
    ],
)
def test_a_blog_posts_line_of_data_with_its_permalink_is_not_article_text(meta: str) -> None:
    article = _extract("\n".join(["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE, meta, *TEASERS, *FOOTER]))
    assert meta[:25] not in article.body
    _assert_article_only(article.body)


def test_a_sentence_glued_after_a_permalink_in_a_flattened_dump_is_text() -> None:
    glued = "Go to permalink " + ARTICLE[2]
    article = _extract(" ".join(["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE[:2], glued, *ARTICLE[3:], *FOOTER]))
    assert ARTICLE[2].split(".")[0] in article.body


def test_a_list_of_short_items_between_the_articles_paragraphs_is_its_text_a_bulleted_menu_is_not() -> None:
    items = ["* dredging starts in November", "* three winters of work", "* weekly water readings"]
    menu = ["* " + item for item in MENU]
    page = ["Coastal Herald", *menu, HEADLINE, "By Anna Berg", *ARTICLE[:2], "The plan in short:", *items, *ARTICLE[2:], *TEASERS, *FOOTER]
    body = _extract("\n\n".join(page)).body
    for item in items:
        assert item in body.split("\n")
    for item in menu:
        assert item not in body.split("\n")
    _assert_article_only(body)


def test_a_one_word_subheading_between_the_articles_paragraphs_is_its_text() -> None:
    page = ["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE[:2], "Background", *ARTICLE[2:], *FOOTER]
    body = _extract("\n\n".join(page)).body
    assert "Background" in body.split("\n")
    _assert_article_only(body)


def test_a_subheading_printed_again_in_the_articles_contents_is_its_text() -> None:
    heading = "How the dredging works"
    page = ["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", heading, *ARTICLE[:2], heading, *ARTICLE[2:], *FOOTER]
    body = _extract("\n\n".join(page)).body
    assert heading in body.split("\n")
    _assert_article_only(body)


def test_model_loads_with_the_features_it_was_trained_on() -> None:
    model = line_model.load()
    units = split_units("\n".join(_page_blocks()))
    probabilities = model.probabilities(features(units, "en"))
    assert probabilities.shape == (len(units),)
    by_text = dict(zip((unit.text for unit in units), probabilities, strict=False))
    assert all(by_text[paragraph] > 0.5 for paragraph in ARTICLE)
    assert all(by_text[item] < 0.5 for item in MENU + FOOTER)


def test_one_line_per_block_dump() -> None:
    article = _extract("\n".join(_page_blocks()))
    _assert_article_only(article.body)
    assert article.title == HEADLINE
    assert article.extraction.method == "text"


def test_whole_page_on_one_line() -> None:
    # trafilatura's html2txt and similar converters flatten the page to a single line: it is cut
    # into sentences, so furniture without a full stop stays glued to the sentence after it
    # (the menu to the first paragraph here); what ends a sentence of its own goes.
    article = _extract(" ".join(_page_blocks()))
    for paragraph in ARTICLE:
        assert paragraph in article.body
    assert "All rights reserved" not in article.body


def test_wrapped_dump_is_unwrapped_before_classification() -> None:
    wrapped = "\n\n".join(textwrap.fill(block, 72) for block in _page_blocks())
    units = split_units(wrapped)
    assert [unit.text for unit in units] == _page_blocks()
    _assert_article_only(_extract(wrapped).body)


def test_a_browser_dump_with_many_short_lines_is_unwrapped() -> None:
    # A terminal browser prints a page's teasers and headings a line each, many of them over half
    # its 80 columns: beside them the wrapped paragraphs' lines are under half the long lines. The
    # paragraph's lines open on names, so no rule but the unwrapping joins them.
    paragraph = (
        "Ministers of Norway, Sweden, Denmark, Finland, Iceland, Estonia, Latvia, Lithuania, Poland and Germany met "
        "Officials of the European Union, the United Nations, the World Bank, the Nordic Council and the Arctic Council "
        "in Oslo on Monday to discuss Baltic Sea shipping, North Sea fisheries and Arctic research."
    )
    wrapped = [textwrap.fill(paragraph, 78, initial_indent="   ", subsequent_indent="   ") for _ in range(3)]
    teasers = [f"   Teaser number {n} about the weather on the coast this week" for n in range(12)]
    units = [unit.text for unit in split_units("\n\n".join([*wrapped, *teasers]))]
    assert units[:3] == [paragraph] * 3


def test_headline_is_found_after_the_menu_without_a_url() -> None:
    article = _extract("\n".join(_page_blocks()), url=None)
    assert article.title == HEADLINE
    assert HEADLINE not in article.body


def test_heading_shaped_line_without_words_is_not_a_headline() -> None:
    # "* * *" and "— —" are heading-shaped (short, no full stop) but have no word to score.
    article = _extract("\n".join(["* * *", "— —", HEADLINE, *ARTICLE]), url=URL)
    assert article.title == HEADLINE


def test_dump_the_model_rejects_whole_keeps_the_rules_reading() -> None:
    sentence = "The committee met again on Thursday to review the proposal and hear from residents."
    article = _extract("\n".join(["A long running story about a committee"] + [sentence] * 200), url=None)
    assert article.body.count(sentence) == 1


def test_lines_of_equal_length_that_end_sentences_are_not_taken_for_wrapping() -> None:
    lines = [f"Paragraph number {i:03d} reports that the committee heard resident {i:03d}." for i in range(40)]
    assert [unit.source for unit in split_units("\n".join(lines))] == list(range(40))


def test_german_dump_uses_german_stop_words() -> None:
    paragraphs = [
        "Die Stadtverwaltung hat am Dienstag beschlossen, die Brücke über den Fluss im kommenden Jahr zu "
        "sanieren, nachdem Gutachter schwere Schäden an den Pfeilern festgestellt hatten.",
        "Die Arbeiten sollen im Frühjahr beginnen und etwa acht Monate dauern. In dieser Zeit wird der Verkehr "
        "über eine Behelfsbrücke geleitet, die neben der alten Brücke errichtet wird.",
        "Der Bürgermeister sagte, die Kosten von rund zwölf Millionen Euro würden zum größten Teil vom Land "
        "getragen, und die Stadt werde ihren Anteil aus den Rücklagen bezahlen.",
    ]
    menu = ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur", "Anmelden", "Impressum", "Datenschutz"]
    article = _extract("\n".join([*menu[:6], "Stadt saniert die alte Flussbrücke", *paragraphs, *menu[6:]]), url=None)
    assert article.language == "de"
    assert article.body == "\n\n".join(paragraphs)


def test_training_script_runs_on_a_tiny_input_and_is_deterministic(tmp_path) -> None:
    pytest.importorskip("sklearn")
    from bench import train_line_model

    pages = list(train_line_model.synthetic_pages(3, seed=3))
    x, y, groups, dumps = train_line_model.build(pages)
    assert x.shape == (len(y), len(FEATURE_NAMES)) and 0 < y.mean() < 1
    first = train_line_model.train_stages(x, y, groups, dumps, seed=3, iterations=5)
    second = train_line_model.train_stages(x, y, groups, dumps, seed=3, iterations=5)
    assert json.dumps(first) == json.dumps(second)
    model = line_model.LineModel.from_json(first)
    assert model.probabilities(x[:20]).shape == (20,)


def test_headline_glued_in_a_flattened_dump_is_found_where_the_page_repeats_it() -> None:
    # html2txt puts the page's <title> first and the heading later, both glued to their neighbours.
    page = [f"{HEADLINE} - Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE, *TEASERS, *FOOTER]
    article = _extract(" ".join(page), url=None)
    assert article.title == HEADLINE
    assert not article.body.startswith(tuple(MENU))


def test_headline_glued_in_a_flattened_dump_is_found_by_the_url_slug() -> None:
    page = ["Coastal Herald", *MENU, "Local news", HEADLINE, "By Anna Berg", *ARTICLE, *TEASERS, *FOOTER]
    assert _extract(" ".join(page)).title == HEADLINE


def test_a_url_copied_with_blanks_around_it_still_spells_its_slug() -> None:
    page = ["Coastal Herald", *MENU, "Local news", HEADLINE, "By Anna Berg", *ARTICLE, *TEASERS, *FOOTER]
    article = _extract(" ".join(page), url=f" {URL}/ \n")
    assert article.title == HEADLINE
    assert article.url == f"{URL}/"


def test_a_headline_of_two_sentences_in_a_flattened_dump_is_found_by_the_slug_they_spell() -> None:
    # The dump is cut into sentences before the headline is looked for; the slug holds both, and
    # it is read before the id the address ends on.
    headline = "Will the harbour stay open? Board decides today"
    page = ["Coastal Herald", *MENU, "Local news", headline, "By Anna Berg", *ARTICLE, *TEASERS, *FOOTER]
    article = _extract(" ".join(page), url="https://news.example/local/will-the-harbour-stay-open-board-decides-today/400487461")
    assert article.title == headline
    assert not article.body.startswith(("Local news", "Board decides"))


def test_a_kickers_colon_printed_apart_from_it_is_put_back_in_the_title() -> None:
    # A converter that spaces inline elements apart prints `<span>Ports</span><span>:</span>` as "Ports :".
    page = [*MENU, "", f"Ports : {HEADLINE}", "", *(f"{p}\n" for p in ARTICLE), *FOOTER]
    assert _extract("\n".join(page), url=None).title == f"Ports: {HEADLINE}"
    # A score keeps its spaces, and French typography spaces a colon on purpose.
    assert closed_colon("Leszno – 57 : 33", "pl") == "Leszno – 57 : 33"
    assert closed_colon("Ports : le chenal sera dragué", "fr") == "Ports : le chenal sera dragué"


def test_headline_after_repeated_sponsor_lines_in_a_layout_dump() -> None:
    # A browser-like layout: the headline stands alone between blank lines, after lines the page
    # repeats ("is sponsored by") that are not it.
    page = [*MENU, "Ports is sponsored by", "Ports is sponsored by", "", HEADLINE, "", "Photo caption The northern channel", ""]
    article = _extract("\n".join([*page, *(f"{p}\n" for p in ARTICLE), *TEASERS, *FOOTER]), url=None)
    assert article.title == HEADLINE


def test_flattened_dump_takes_the_date_printed_by_the_headline_not_a_comment_timestamp() -> None:
    page = [*MENU, HEADLINE, "By Anna Berg March 4, 2024 | 6:00 PM", *ARTICLE, *TEASERS, "Comments", "May 2, 2024", *FOOTER]
    article = _extract(" ".join(page), url=None)
    assert article.published_at == "2024-03-04T18:00"
    assert article.date_sources["published_at"] == "visible"


def test_flattened_dump_keeps_an_abbreviated_month_with_its_day() -> None:
    # "Dec." followed by the day is no sentence's end: cut there, the shown date lost its month.
    page = [*MENU, HEADLINE, "By Anna Berg Published Dec. 6, 2024, 10:00 PM UTC / Updated Dec. 7, 2024", *ARTICLE, *TEASERS, *FOOTER]
    article = _extract(" ".join(page), url=None)
    assert article.published_at == "2024-12-06T22:00+00:00"
    assert [unit.text for unit in split_units("The board met in Nov. The vote was on Dec. 6, 2024. " * 30)][:2] == [
        "The board met in Nov.",
        "The vote was on Dec. 6, 2024.",
    ]
    assert [unit.text for unit in split_units("It met in Sept. The vote was on Sept. 25, 2018. " * 30)][:2] == [
        "It met in Sept.",
        "The vote was on Sept. 25, 2018.",
    ]


SCHLAGZEILE = "Hafenbehörde genehmigt das Ausbaggern der Nordrinne"
ARTIKEL = [
    "Die Hafenbehörde hat am Dienstag das Ausbaggern der Nordrinne genehmigt und damit einen zwei Jahre langen "
    "Streit zwischen den Betreibern des Hafens und den Fischereigenossenschaften der Bucht beendet.",
    "Nach dem Plan werden in drei Wintern rund 1,2 Millionen Kubikmeter Schlick entfernt, wenn die wenigsten "
    "Boote auf dem Wasser sind und die Zugvögel die Marschen verlassen haben.",
    "Die Genossenschaften hatten gewarnt, die Arbeiten würden das Wasser über ihren Muschelbänken monatelang "
    "trüben. Die Behörde sagte zu, das Wasser jede Woche zu prüfen und die Bagger notfalls anzuhalten.",
]


@pytest.mark.parametrize(
    "byline", ["Anna Berg 04. Dezember 2022", "Von Anna Berg 4. Dezember 2022", "Anna Berg | 04. Dez. 2022 | 14:08 Uhr"]
)
def test_flattened_dump_keeps_a_days_ordinal_with_its_month(byline: str) -> None:
    # "04." before a month's name is no sentence's end: cut there, the shown date lost its day.
    menu = ["Startseite", "Politik", "Wirtschaft", "Kultur", "Sport", "Abo", "Anmelden"]
    article = _extract(" ".join([*menu, SCHLAGZEILE, byline, *ARTIKEL, "Impressum", "Datenschutz"]), url=None)
    assert article.published_at.startswith("2022-12-04")
    assert [unit.text for unit in split_units("Der Vertrag wurde am 4. Dezember unterzeichnet. Er gilt ab 1. Mai. So steht es. " * 30)][
        :3
    ] == ["Der Vertrag wurde am 4. Dezember unterzeichnet.", "Er gilt ab 1. Mai.", "So steht es."]


def test_a_long_line_is_not_cut_after_an_abbreviation_a_number_or_a_name_follows() -> None:
    # "Nr. 48/22", "Abs. 4", "bzw. Sonntag": cut there, the sentence's halves are units of their own.
    text = "Das Gericht stützte sich auf Pressemitteilung Nr. 48/22 und § 7 Abs. 4 BUrlG. Am Samstag bzw. Sonntag ruht die Arbeit. "
    assert [unit.text for unit in split_units(text * 30)][:2] == [
        "Das Gericht stützte sich auf Pressemitteilung Nr. 48/22 und § 7 Abs. 4 BUrlG.",
        "Am Samstag bzw. Sonntag ruht die Arbeit.",
    ]


def test_date_written_in_another_language_by_the_headline() -> None:
    page = [*MENU, "", HEADLINE, "", "Par Anna Berg — 30 avril 2015", "", *ARTICLE, *FOOTER]
    assert _extract("\n".join(page), url=None).published_at == "2015-04-30"


def test_the_headline_above_a_longer_standfirst_is_the_title() -> None:
    dump = (Path(__file__).parent / "devset" / "text_no_year.txt").read_text(encoding="utf-8")
    article = extract(RawDocument(source="standfirst.txt", content=dump))
    assert article.title == "Kyiv reports repairs to power grid after overnight strikes"
    assert article.title not in article.body


def test_a_text_dump_is_extracted_without_importing_the_html_libraries() -> None:
    # trafilatura and htmldate take a fifth of a second to import: a run of dumps must not pay it.
    dump = "\n".join([*MENU, HEADLINE, "By Ann Lee, April 5, 2018", *ARTICLE, "Copyright 2018 The Harbour Times"])
    script = (
        "import json, sys\n"
        "from foundation.records import RawDocument\n"
        "from pipelines.extraction import extract\n"
        "article = extract(RawDocument(source='dump.txt', content=sys.stdin.read()))\n"
        "print(json.dumps([article.title, sorted(m for m in ('trafilatura', 'htmldate') if m in sys.modules)]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], input=dump, capture_output=True, text=True, timeout=60, check=True)
    title, html_modules = json.loads(result.stdout)
    assert title == HEADLINE
    assert html_modules == []


CODE_SAMPLE = [
    "Paste this into the page:",
    '<!DOCTYPE html> <html> <head> <script src="coverage.js"></script> </head>',
    '<body> <div id="app"></div> <p>Loading</p> <a href="/help">Help</a> </body> </html>',
]


def test_a_dump_declared_as_text_that_quotes_markup_stays_text() -> None:
    # Whole-page dumps print a page's <noscript> or an article's code sample as text: read as HTML,
    # the article was lost to trafilatura's reading of the dump as one block.
    dump = "\n".join([*MENU, HEADLINE, *ARTICLE[:2], *CODE_SAMPLE, *ARTICLE[2:]])
    declared = extract(RawDocument(source="dump.txt", content=dump, content_type="text/plain; charset=utf-8"))
    assert declared.extraction.method == "text"
    assert declared.title == HEADLINE
    assert all(paragraph in declared.body for paragraph in ARTICLE)
    assert "Home" not in declared.body.split()
    # Undeclared, the markup still decides.
    assert extract(RawDocument(source="-", content=dump)).extraction.method == "html"


def test_a_dump_declared_as_text_that_opens_with_a_tracking_pixel_stays_text() -> None:
    # Converters print a page's <noscript> pixel as the dump's first line; the rest is plain text.
    pixel = '<div><img src="https://pixel.example/b?c1=2" style="display:none" width="0" height="0" alt="" /></div>'
    dump = "\n".join([pixel, *MENU, HEADLINE, *ARTICLE, *MENU])
    article = extract(RawDocument(source="dump.jsonl#L1", content=dump, content_type="text/plain"))
    assert article.extraction.method == "text"
    assert article.title == HEADLINE
    assert all(paragraph in article.body for paragraph in ARTICLE)
    assert "pixel.example" not in article.body


def test_an_article_whose_only_paragraph_reads_as_a_standfirst_keeps_it_as_its_body() -> None:
    # Taken for the subtitle, the one paragraph left no body: the document was lost.
    lede = " ".join(ARTICLE[:2])
    dump = "\n".join(
        [
            *[f"  * {item}" for item in MENU],
            f"Home > Business > Ports > {HEADLINE}",
            "14.06.2019 (ch)",
            HEADLINE,
            lede,
            *["Advertisement", "Further reading", "Write a comment", "Please sign in to comment on this article.", "Rate this article:"],
            *[
                "Latest articles",
                "1. Council opens the new ferry terminal",
                "2. Storm closes the coastal road",
                "3. Fishermen protest quota cuts",
            ],
            *[f"  * {item}" for item in MENU],
        ]
    )
    article = extract(RawDocument(source="dump.txt", content=dump, content_type="text/plain"))
    assert lede in article.body.split("\n")
    assert article.subtitle is None


@pytest.mark.parametrize(
    "teaser",
    [
        "Read more: Ferry fares to rise in spring",
        "Lesen Sie auch: Neues Leuchtturmmuseum öffnet",
        "Czytaj też » Nowe muzeum latarni",
        # A label of the teaser lists ("Lo más leído") as much as one that only ever opens a link ("Lesetipp").
        "Lo más leído: Suben las tarifas del ferry",
        "Lesetipp: Neues Leuchtturmmuseum öffnet",
        "VEA TAMBIÉN: Suben las tarifas del ferry",
        "Mira: Suben las tarifas del ferry",
        "Dowiedz się więcej: Kto głosował za nową przeprawą promową?",
    ],
)
def test_a_labelled_link_to_another_story_between_paragraphs_is_not_article_text(teaser: str) -> None:
    dump = "\n\n".join([*MENU, HEADLINE, *ARTICLE[:2], teaser, *ARTICLE[2:], *MENU])
    article = extract(RawDocument(source="dump.txt", content=dump, content_type="text/plain"))
    assert teaser not in article.body
    assert all(paragraph in article.body for paragraph in ARTICLE)


@pytest.mark.parametrize("label", ["You might also like", "Verwandte Beiträge", "Zobacz również", "Las más vistas", "Sur le même thème"])
def test_the_label_of_a_list_of_other_stories_is_cut_out_of_a_flattened_dump(label: str) -> None:
    dump = " ".join([*MENU, HEADLINE, *ARTICLE, label, *TEASERS[1:], *FOOTER])
    article = extract(RawDocument(source="dump.txt", content=dump, content_type="text/plain"))
    assert label not in article.body
    assert all(paragraph in article.body for paragraph in ARTICLE)


@pytest.mark.parametrize(
    "interface",
    [
        ["Artikel teilen", "Drucken"],
        ["Partager cet article", "Imprimer"],
        ["Lire la suite"],
        ["Leer más"],
        ["Die Redaktion empfiehlt"],
        ["Otras noticias"],
        ["Continue reading the main story"],
        ["Share on Facebook", "Share on Twitter", "Share by email"],
        ["Click to share on Twitter (Opens in new window)", "Click to print (Opens in new window)"],
        ["Auf WhatsApp teilen", "Udostępnij na Facebooku"],
        [
            "Klick, um auf Facebook zu teilen (Wird in neuem Fenster geöffnet)",
            "Klick, um über Twitter zu teilen (Wird in neuem Fenster geöffnet)",
        ],
        ["Click to share on Skype (Opens in new window)", "Share this story"],
        ["Diese Geschichte teilen"],
        ["Das Thema könnte dich auch interessieren:"],
        ["Auch interessant für dich"],
        ["Kommentare geschlossen", "Weiterführender Link"],
    ],
)
def test_interface_lines_in_any_language_are_not_article_text(interface: list[str]) -> None:
    dump = "\n\n".join([*MENU, HEADLINE, *ARTICLE[:2], *interface, *ARTICLE[2:], *MENU])
    article = extract(RawDocument(source="dump.txt", content=dump, content_type="text/plain"))
    assert all(paragraph in article.body for paragraph in ARTICLE)
    assert not any(line in article.body.split("\n") for line in interface)


@pytest.mark.parametrize(
    "neighbours",
    [
        ["← Ferry fares to rise in spring", "Harbour festival returns in June →"],
        ["← Der Stammtisch im Juni steht fest!", "Neues Leuchtturmmuseum öffnet im Hafen →"],
    ],
)
def test_the_links_to_the_previous_and_next_posts_are_not_article_text(neighbours: list[str]) -> None:
    dump = "\n\n".join([*MENU, HEADLINE, *ARTICLE, *neighbours])
    article = extract(RawDocument(source="dump.txt", content=dump, content_type="text/plain"))
    assert all(paragraph in article.body for paragraph in ARTICLE)
    assert not any(line in article.body for line in neighbours)


def test_an_arrow_inside_a_line_or_a_quote_in_guillemets_is_no_link_to_another_post() -> None:
    assert links_to_neighbour("← Vorheriger Beitrag") and links_to_neighbour("Next post →")
    assert not links_to_neighbour("The reaction A → B runs faster when warm.")
    assert not links_to_neighbour("«Wir bleiben» sagte die Bürgermeisterin »")


def test_a_labelled_link_glued_to_the_articles_next_sentence_keeps_the_sentence() -> None:
    glued = f"Related: Ferry fares to rise in spring {ARTICLE[2]}"
    dump = "\n\n".join([*MENU, HEADLINE, *ARTICLE[:2], glued, *ARTICLE[3:], *MENU])
    article = extract(RawDocument(source="dump.txt", content=dump, content_type="text/plain"))
    assert ARTICLE[2] in article.body


def test_a_page_saved_as_text_is_still_read_as_html() -> None:
    page = f"<!DOCTYPE html><html><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1>"
    page += "".join(f"<p>{paragraph}</p>" for paragraph in ARTICLE) + "</article></body></html>"
    article = extract(RawDocument(source="page.txt", content=page, content_type="text/plain"))
    assert article.extraction.method == "html"
    assert article.body.startswith(ARTICLE[0])


JAPANESE_MENU = ["ホーム", "政治", "経済", "国際", "スポーツ"]
JAPANESE_ARTICLE = [
    "市の港湾局は火曜日、北側航路のしゅんせつ計画を承認し、港の運営会社と漁業協同組合の間で二年続いた争いに終止符を打った。",
    "計画では、漁船が最も少なく渡り鳥が町の北の湿地を離れる三度の冬の間に、約百二十万立方メートルの堆積物を取り除く。",
    "漁協はしゅんせつによって貝の養殖場の水が何か月も濁ると主張していたが、港湾局は毎週水質を測り、数値が上がれば作業を止めると述べた。",
    "海運会社はこの決定を歓迎し、大型船はこれまで満潮を待たなければ北側航路に入れず、運賃が上がっていたと話した。",
]


@pytest.mark.parametrize("separator", ["\n", " "], ids=["one block a line", "one line"])
def test_a_japanese_dump_keeps_its_sentences_which_end_without_a_latin_full_stop(separator: str) -> None:
    document = extract(RawDocument(source="test", content=separator.join([*JAPANESE_MENU, *JAPANESE_ARTICLE, *JAPANESE_MENU]).encode()))
    assert all(sentence in document.body for sentence in JAPANESE_ARTICLE)
    if separator == "\n":  # a short one-line dump is one unit: its menu cannot be told apart
        assert "ホーム" not in document.body and "スポーツ" not in document.body


def test_a_japanese_subheading_without_a_full_stop_is_several_words_not_a_one_word_menu_item() -> None:
    subheading = "漁協の主張と港湾局の約束、そして海運会社が期待する運賃の引き下げ"
    paragraphs = [*JAPANESE_ARTICLE[:2], subheading, *JAPANESE_ARTICLE[2:]]
    document = extract(RawDocument(source="test", content="\n".join([*JAPANESE_MENU, *paragraphs, *JAPANESE_MENU]).encode()))
    assert subheading in document.body and "スポーツ" not in document.body


def test_a_japanese_headline_after_the_menu_is_found_and_its_sentences_are_not_headlines() -> None:
    # Written without spaces, the headline is one "word" to a count by spaces: heading-shaped only
    # when counted as the body's words are, about two characters a word; a sentence ending on 。 is not.
    headline = "港湾局が北側航路のしゅんせつを承認、漁協との二年の争いに決着"
    document = extract(
        RawDocument(source="test", content="\n".join([*JAPANESE_MENU, headline, *JAPANESE_ARTICLE, *JAPANESE_MENU]).encode())
    )
    assert document.title == headline
    assert all(paragraph in document.body for paragraph in JAPANESE_ARTICLE)
    assert is_heading(headline) and not is_heading("港湾局は毎週水質を測ると述べた。")


# Readers' comments written as full sentences: the line model alone cannot tell them from the article.
PROSE_COMMENTS = [
    "I have lived by the bay for forty years and the water has never been as clear as the authority claims it is today.",
    "The cooperatives should have been given a seat on the monitoring board, otherwise nobody will trust the weekly readings.",
    "Larger ships will bring more traffic through the town centre, and nobody on the council seems to have thought about that.",
]


@pytest.mark.parametrize("separator", ["\n", " "], ids=["one block a line", "one line"])
@pytest.mark.parametrize("heading", ["3 Comments", "Kommentare", "Leave a Reply"])
def test_a_comment_thread_after_the_article_is_cut_as_a_block(separator: str, heading: str) -> None:
    thread = [heading, *PROSE_COMMENTS]
    article = _extract(separator.join(["Coastal Herald", *MENU, HEADLINE, *ARTICLE, *thread, *FOOTER]))
    assert ARTICLE[-1] in article.body
    for comment in PROSE_COMMENTS:
        assert comment not in article.body


def test_a_comments_link_by_the_byline_does_not_end_the_article() -> None:
    article = _extract("\n".join(["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", "12 Comments", *ARTICLE, *FOOTER]))
    assert all(paragraph in article.body for paragraph in ARTICLE)


@pytest.mark.parametrize("separator", ["\n", " "], ids=["one block a line", "one line"])
@pytest.mark.parametrize(
    "stamps", [("Marina 3 hours ago", "OldSalt77 2 hours ago"), ("Anna — 17.07.2023 @ 17:50", "Jens — 18.07.2023 @ 08:12")]
)
def test_a_comment_thread_without_a_heading_is_cut_from_its_first_dated_header(separator: str, stamps: tuple[str, str]) -> None:
    thread = [stamps[0], PROSE_COMMENTS[0], stamps[1], PROSE_COMMENTS[1], PROSE_COMMENTS[2]]
    article = _extract(separator.join(["Coastal Herald", *MENU, HEADLINE, *ARTICLE, *thread, *FOOTER]))
    assert ARTICLE[-1] in article.body
    for comment in PROSE_COMMENTS:
        assert comment not in article.body


def test_times_told_by_the_article_do_not_end_it() -> None:
    timeline = [
        "At 10:30 the first dredger left the harbour and began work at the mouth of the northern channel.",
        "At 11:15 the second dredger followed it, and the harbour master closed the channel to other boats.",
    ]
    article = _extract("\n".join(["Coastal Herald", *MENU, HEADLINE, ARTICLE[0], *timeline, *ARTICLE[1:], *FOOTER]))
    assert all(paragraph in article.body for paragraph in [*timeline, *ARTICLE])


def test_sentence_broken_at_inline_tags_is_read_whole() -> None:
    # A converter that ends a line at every tag (BeautifulSoup's get_text("\n")) breaks sentences
    # where a link or a bold word began; the pieces are joined back, a list of tags is left alone.
    broken = []
    for paragraph in ARTICLE:
        words = paragraph.split()
        cuts = [i for i in range(4, len(words) - 4) if words[i][0].islower() and words[i - 1][-1].islower()][::7]
        broken += [" ".join(words[start:end]) for start, end in itertools.pairwise([0, *cuts, len(words)])]
    assert len(broken) > 2 * len(ARTICLE)
    article = _extract("\n".join([*MENU, HEADLINE, *broken, "shipping", "ports and harbours", *FOOTER]))
    assert article.body.split("\n\n") == ARTICLE


def test_a_byline_in_lower_case_under_the_headline_is_not_read_into_it() -> None:
    # Headline and byline both end without a stop and the byline opens in lower case, as a
    # sentence's broken-off end does; the name's capital says it is a byline.
    article = _extract("\n".join([*MENU, HEADLINE, "by Anna Berg @annaberg 4 March 2024, 10:12 CET", *ARTICLE, *FOOTER]))
    assert article.title == HEADLINE
    assert article.body.split("\n\n") == ARTICLE


def test_interface_labels_glued_into_a_flattened_dump_are_cut_out() -> None:
    # One line: the labels sit between sentences of the article, glued to the words around them.
    blocks = [
        *MENU,
        HEADLINE,
        "By Anna Berg",
        *ARTICLE[:3],
        "Photo: Coastal Herald Share this article",
        "Read also",
        TEASERS[1],
        *ARTICLE[3:],
    ]
    body = _extract(" ".join(blocks)).body
    for paragraph in ARTICLE:
        assert paragraph in body
    assert "Share this article" not in body
    assert "Read also" not in body


@pytest.mark.parametrize(
    "buttons",
    [
        "Share on Facebook Share on Twitter Share by email",
        "Click to share on Facebook (Opens in new window) 61 Click to share on WhatsApp (Opens in new window)",
        "Partager sur Facebook Partager sur X",
    ],
)
def test_a_row_of_share_buttons_glued_before_the_lede_is_cut_out(buttons: str) -> None:
    body = _extract(" ".join([*MENU, HEADLINE, "By Anna Berg", buttons, *ARTICLE, *FOOTER])).body
    assert all(paragraph in body for paragraph in ARTICLE)
    assert "Share on" not in body
    assert "Partager" not in body


def test_share_buttons_are_cut_only_where_they_read_as_buttons() -> None:
    assert split_at_labels("Share on Facebook Share on Twitter (Opens in new window) 61 Related") == [
        "Share on Facebook",
        "Share on Twitter (Opens in new window)",
        "61 Related",
    ]
    for prose in ("You can share on Facebook what you saw.", "Share on Facebook was the most used button last year."):
        assert split_at_labels(prose) == [prose]


@pytest.mark.parametrize("label", ["ADVERTISEMENT", "Advertisement", "Anzeige", "Reklama", "Publicidad"])
def test_an_advertisements_label_glued_between_two_sentences_of_a_flattened_dump_is_cut_out(label: str) -> None:
    body = _extract(" ".join([*MENU, HEADLINE, "By Anna Berg", *ARTICLE[:2], label, *ARTICLE[2:], *FOOTER])).body
    assert all(paragraph in body for paragraph in ARTICLE)
    assert label not in body


def test_an_advertisements_label_is_cut_only_after_a_sentence() -> None:
    assert split_at_advertisements("Die Regionen wachsen. ANZEIGE Die Bundesregierung plant.") == [
        "Die Regionen wachsen.",
        "ANZEIGE",
        "Die Bundesregierung plant.",
    ]
    for prose in (
        "Er gab eine Anzeige Wegen Betrugs auf.",
        "The Advertisement Standards Authority ruled.",
        "A brief key: Advertisement With all",
    ):
        assert split_at_advertisements(prose) == [prose]


def test_interface_labels_glued_into_a_long_paragraph_of_a_dump_are_cut_out() -> None:
    # `get_text()` glues a labelled link to another story into the paragraph around it; the dump
    # has a reader's comments below, so the paragraph is no flattened page.
    paragraph = " ".join([*ARTICLE[:3], "Read also:", TEASERS[1], *ARTICLE[3:]])
    comments = [f"Reader {number} wrote: the channel has needed this for years, and so has the town." for number in range(20)]
    dump = "\n".join([*MENU, HEADLINE, paragraph, *comments, *FOOTER])
    assert 1000 < len(paragraph) < len(dump) / 2
    assert "Read also" in [unit.text for unit in split_units(dump)]


def test_interface_labels_are_cut_only_where_capitalised_before_a_heading() -> None:
    assert split_at_labels("Foto: dpa Beitrag teilen Die Bundesregierung plant") == [
        "Foto: dpa",
        "Beitrag teilen",
        "Die Bundesregierung plant",
    ]
    assert split_at_labels("Mehr zum Thema: Windkraft im Norden") == ["Mehr zum Thema", "Windkraft im Norden"]
    for prose in ("You can read more about the plan here.", "Related articles suggest that the plan works.", "Read more about the plan"):
        assert split_at_labels(prose) == [prose]


@pytest.mark.parametrize("heading", ["Zur Person", "Weitere Informationen"])
def test_a_boxs_heading_glued_before_its_text_is_cut_out(heading: str) -> None:
    # A flattened page glues the author's box or a box of links to its heading ("Zur Person Arne …").
    assert split_at_labels(f"Das Gesetz gilt ab Mai. {heading} Anna Berg schreibt über Arbeitsrecht.") == [
        "Das Gesetz gilt ab Mai.",
        heading,
        "Anna Berg schreibt über Arbeitsrecht.",
    ]
    prose = f"{heading} finden Sie im Anhang."
    assert split_at_labels(prose) == [prose]


def test_a_labelled_date_glued_after_the_headline_of_a_flattened_page_is_no_text() -> None:
    # Cut from the headline's unit, the rest is the date alone: read whole, the unit was no timestamp.
    page = " ".join(["Coastal Herald", *MENU, f"{HEADLINE} updated 03.05.2022", *ARTICLE, *TEASERS, *FOOTER])
    read = reader._Reader(page, URL)
    fields = read.run()
    assert fields.title == HEADLINE
    assert [line.kind for line in read.lines if line.text == "updated 03.05.2022"] == [LineKind.TIMESTAMP]
    assert not any("03.05.2022" in paragraph for paragraph in fields.paragraphs)


def test_an_appeal_for_more_on_a_line_of_its_own_heads_the_teasers_after_it() -> None:
    page = ["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE, "Lust auf mehr?", *TEASERS[1:], *FOOTER]
    read = reader._Reader("\n\n".join(page), URL)
    read.run()
    assert [line.kind for line in read.lines if line.text == "Lust auf mehr?"] == [LineKind.TEASER_MARKER]


class _UnsureModel:
    """The line model made sure of the page's last unit only and unsure (0.47) of every other (a
    flattened block's unsure statements after a sure one close a paragraph: see
    `prose_gaps.sentences_closing_block`)."""

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        chances = np.full(len(rows), 0.47)
        chances[-1:] = 0.9
        return chances


def test_an_unsure_block_is_kept_where_an_unsure_flattened_sentence_is_not(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(line_model, "load", _UnsureModel)
    blocks = _extract("\n\n".join([HEADLINE, *ARTICLE]), url=None)
    assert all(paragraph in blocks.body for paragraph in ARTICLE)
    # The same page flattened onto one line: its sentences' edges are guesses, and an unsure one is left out.
    flattened = _extract(" ".join([HEADLINE, *ARTICLE] * 3), url=None)
    assert not any(paragraph in flattened.body for paragraph in ARTICLE[:-1])


@pytest.mark.parametrize(
    ("line", "tags"),
    [
        ("Schlagwörter: Hafen, Schifffahrt", ["Hafen", "Schifffahrt"]),
        ("Tags: dredging • harbour authority", ["dredging", "harbour authority"]),
        ("Tagi:Port północny", ["Port północny"]),
        ("Getaggt mit: Hafen, Schifffahrt", ["Hafen", "Schifffahrt"]),
    ],
)
def test_a_labelled_line_of_tags_is_the_articles_tags_not_its_text(line: str, tags: list[str]) -> None:
    article = _extract("\n".join(["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE, line, *FOOTER]))
    assert line.split(":")[1].strip()[:8] not in article.body
    assert article.tags == [tag.lower() for tag in tags]
    _assert_article_only(article.body)


def test_a_sentence_after_a_tag_label_is_text() -> None:
    sentence = "Topics: the board will meet the fishermen's association again before the dredging begins in May."
    article = _extract("\n".join(["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE[:3], sentence, *ARTICLE[3:], *FOOTER]))
    assert sentence in article.body
    assert article.tags == []


def test_a_header_opening_with_a_teaser_label_heads_a_teaser_list() -> None:
    header = "Related articles on this topic:"
    page = ["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE, header, *TEASERS[1:], *FOOTER]
    article = _extract("\n\n".join(page))
    _assert_article_only(article.body)
    assert header not in article.body


@pytest.mark.parametrize(
    "header", ["Lesen Sie auch die folgenden Beiträge:", "Read More Stories About:", "Weitere Beiträge aus der Kolumne:"]
)
def test_headers_open_with_a_teaser_label(header: str) -> None:
    assert opens_with_teaser_marker(text_key(header))
    assert not opens_with_teaser_marker(text_key("Reading the report, the council found three faults:"))


def test_a_sentence_ending_in_a_colon_that_opens_with_a_label_word_is_text() -> None:
    sentence = "Related to the dredging, the authority published three conditions for the contractors working in the channel this year:"
    page = ["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE[:2], sentence, *ARTICLE[2:], *FOOTER]
    assert sentence in _extract("\n\n".join(page)).body


@pytest.mark.parametrize(
    ("label", "last_teaser"),
    [
        ("Related articles from the Coastal Herald", "New lighthouse museum opens its doors"),
        ("Artículos relacionados el Nuevo Herald", "New lighthouse museum opens its doors"),
        ("Related articles from the Coastal Herald", "Will the lighthouse museum open its doors?"),
        ("Related", "New lighthouse museum opens its doors"),
        ("Relacionadas", "New lighthouse museum opens its doors"),
    ],
)
def test_a_block_of_a_flattened_page_opening_with_a_teaser_label_is_the_list_it_heads(label: str, last_teaser: str) -> None:
    # The label goes on in lower case, so it is not cut out of the text around it as a label is.
    page = ["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE, label, "Ferry fares to rise in spring", last_teaser]
    article = _extract(" ".join(page))
    assert label not in article.body
    assert last_teaser not in article.body
    _assert_article_only(article.body)


@pytest.mark.parametrize("label", ["See also", "Lesen Sie auch", "Related articles"])
def test_a_teaser_label_a_flattened_page_prints_as_a_block_of_its_own_heads_the_teasers_after_it(label: str) -> None:
    # As on a line of its own in the other layouts: the short headlines after it are other stories'.
    page = ["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE[:3], label, TEASERS[1], *ARTICLE[3:]]
    read = reader._Reader(" ".join(page), URL)
    read.run()
    assert [line.kind for line in read.lines if line.text == label] == [LineKind.TEASER_MARKER]


@pytest.mark.parametrize(
    "teaser",
    [
        "Informate más Inflación que escala: ¿los salarios podrán ganarle la carrera a los precios?",
        "Read next Will ferry fares rise in spring?",
    ],
)
def test_a_link_to_another_story_glued_between_a_flattened_pages_sentences_is_not_text(teaser: str) -> None:
    # No colon after the label, so the teaser is not cut out as a labelled one is.
    article = _extract(" ".join(["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE[:3], teaser, *ARTICLE[3:]]))
    assert teaser.split()[-1].rstrip("?") not in article.body
    _assert_article_only(article.body)


@pytest.mark.parametrize("link", ["Informate más", "Más sobre Coastal Herald AM", "Więcej informacji:"])
def test_a_single_links_label_on_a_line_of_its_own_is_not_text(link: str) -> None:
    article = _extract("\n\n".join(["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE[:3], link, *ARTICLE[3:]]))
    assert link.split()[0] not in article.body
    _assert_article_only(article.body)


def test_a_sentence_of_a_flattened_page_opening_with_a_teaser_labels_words_is_text() -> None:
    sentence = "Related articles in the regional press described the plan as a compromise between the port and the fishermen."
    article = _extract(" ".join(["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE[:3], sentence, *ARTICLE[3:], *FOOTER]))
    assert sentence in article.body


@pytest.mark.parametrize(
    ("excerpt", "link"),
    [
        ("Ferry operators say the new timetable will cut the waiting times at the pier, but the…", "Read more"),
        ("Ferry operators say the new timetable will cut the waiting times at the pier, but the…", "Read more Read more"),
        ("Die Fährgesellschaften rechnen mit kürzeren Wartezeiten am Anleger, doch die", "Weiterlesen »"),
        ("Los operadores del ferry esperan tiempos de espera más cortos en el muelle, pero el", "Leer más"),
    ],
)
def test_an_excerpt_cut_short_before_a_read_more_link_is_a_teaser(excerpt: str, link: str) -> None:
    # An inline card between the article's paragraphs: another story's excerpt, reading like text.
    page = ["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE[:2], f"{excerpt} {link}", *ARTICLE[2:], *FOOTER]
    article = _extract("\n\n".join(page))
    assert excerpt[:40] not in article.body
    _assert_article_only(article.body)


def test_a_sentence_before_a_read_more_link_is_text() -> None:
    sentence = "The authority will publish the full permit on its website in November, with the monitoring plan attached."
    assert read_on_excerpt(f"{sentence} Read more") == sentence
    page = ["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE[:2], f"{sentence} Read more", *ARTICLE[2:], *FOOTER]
    assert sentence in _extract("\n\n".join(page)).body


@pytest.mark.parametrize("text", ["Readers asked where they could read more", "Read more", "Weiterlesen »"])
def test_read_on_links_close_an_excerpt_only_as_a_link_prints_them(text: str) -> None:
    assert read_on_excerpt(text) is None


def test_a_run_of_lower_case_keywords_is_the_articles_tags() -> None:
    keywords = ["dredging", "harbour authority", "fishing cooperatives"]
    article = _extract("\n".join(["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE, *keywords, *FOOTER]))
    assert article.tags == keywords


@pytest.mark.parametrize(
    "lines",
    [
        ["o Übersicht", "o Pressemitteilungen", "o Stellenangebote", "o Zurück"],
        ["if (response.ok) {", "console.log(data.entries);", "status_code,", "}"],
        ["0 files merged, 0 files removed, 1 files updated, 0 files unresolved"],
        ["3, 5, 2, 12"],
    ],
    ids=["text browser's nested menu", "code", "counts", "numbers"],
)
def test_menus_code_and_counts_in_lower_case_are_not_tags(lines: list[str]) -> None:
    article = _extract("\n".join(["Coastal Herald", *MENU, HEADLINE, "By Anna Berg", *ARTICLE, *lines, *FOOTER]))
    assert article.tags == []


def test_a_picker_of_languages_glued_without_spaces_does_not_set_the_dumps_language() -> None:
    # A converter that glues a language picker's options prints them as one long word, which
    # py3langid reads as Shona: read first, it left an English dump without its language (and its
    # stop words), or gave it Shona's.
    names = ["Abkhaz", "Adyghe", "Afrikaans", "Ainu", "Akan", "Albanian", "Alsatian", "Altaic", "Arabic", "Aragonese"]
    names += ["Armenian", "Aromanian", "Asturian", "Aymara", "Azerbaijani", "Bagobo", "Bashkir", "Basque", "Belarusian"]
    names += ["Breton", "Bulgarian", "Buryat", "Catalan", "Chechen", "Cherokee", "Cheyenne", "Chinese", "Chuvash", "Cree"]
    dump = "\n".join(["Coastal Herald", "".join(names * 4), *MENU, HEADLINE, *ARTICLE, *FOOTER])
    assert dump_language(split_units(dump)) == "en"


STANDFIRST = "The vote ends two years of disputes between the port operators and the fishing cooperatives."


@pytest.mark.parametrize(
    "line",
    [
        "By Anna Berg, Senior Writer, Coastal Herald Harbour and Shipping Desk",
        "April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm",
        "18.02.2022, 10:27 | Häfen & Schifffahrt | Jetzt kommentieren",
        "Get the most out of the Coastal Herald. Subscribe to our newsletter to receive:",
        "* 1 large or 1200 g whole chicken",
        "+ Harbour dues to rise for the cruise ships",
    ],
    ids=["byline", "dates", "dates and labels", "appeal", "list item", "nested list item"],
)
def test_a_byline_a_line_of_dates_an_appeal_or_an_item_under_the_headline_is_no_standfirst(line: str) -> None:
    page = "\n\n".join(["Coastal Herald", *MENU, HEADLINE, line, "Advertisement", *ARTICLE, *FOOTER])
    assert _extract(page).subtitle is None


def test_the_sentence_under_the_headline_is_its_standfirst() -> None:
    page = "\n\n".join(["Coastal Herald", *MENU, HEADLINE, STANDFIRST, "Advertisement", *ARTICLE, *FOOTER])
    assert _extract(page).subtitle == STANDFIRST


COUNTRY_PICKER = (
    "Afghanistan Albania Algeria American Samoa Andorra Angola Anguilla Antarctica Antigua and Barbuda Argentina "
    "Armenia Aruba Australia Austria Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin "
    "Bermuda Bhutan Bolivia Botswana Brazil Bulgaria Burundi Cambodia Cameroon Canada Chad Chile China Colombia U.A.E."
)


def test_a_flattened_picker_of_names_is_not_article_text() -> None:
    dump = "\n\n".join([HEADLINE, *ARTICLE, "Get our newsletter", COUNTRY_PICKER, *FOOTER])
    body = _extract(dump).body
    assert "Albania Algeria" not in body
    assert all(paragraph in body for paragraph in ARTICLE)


@pytest.mark.parametrize(
    ("text", "is_list"),
    [
        (COUNTRY_PICKER, True),
        (
            "News Tips & Tricks Controls Skill Moves Celebrations Guide Formations Stadiums Database Soundtrack Playlist Players Ratings Kits Teams Leagues Cards Packs",
            True,
        ),
        # Title case, but a headline's length.
        ("How to Program Your Mind to Stop Buying Crap You Don't Need", False),
        # German capitalises its nouns, about a third of its words.
        (
            "Die Hafenbehörde hat am Dienstag den Plan gebilligt die nördliche Fahrrinne auszubaggern und damit einen Streit mit den Fischern beendet der zwei Jahre dauerte",
            False,
        ),
        (ARTICLE[0], False),
        # A sentence with a brand in capitals ends like one.
        ("VON DER SEE Bei VON DER SEE in Emden steht im Bereich Design Dein Produkt und Dein Unternehmen im Mittelpunkt.", False),
        # A table's row of figures is data the article may hold.
        (
            "X 62 X X 160/161 AMA Einfache Übersetzungen am Riementrieb X 44 X X 114 AMA mehrfache Übersetzungen X 44 X X 115 "
            "AMA Zahnradtrieb X 44 X X 117/118 AMA ungleichachsiges Getriebe X 63 X X 162/163 AMA Achsantrieb X 65 X X 166",
            False,
        ),
        # A language picker names each language in its own script: the words of scripts without
        # capitals are neither names nor lower-case words.
        (
            "Afrikaans aragonés عربي অসমীয়া Asturianu Azərbaycanca Беларуская Български বাংলা Brezhoneg Català Čeština "
            "Cymraeg Dansk Deutsch Ελληνικά English Esperanto Español Eesti Euskara فارسی Suomi Français Frysk Gaeilge "
            "Galego ગુજરાતી עברית हिन्दी Hrvatski Magyar Italiano 日本語 ಕನ್ನಡ 한국어",
            True,
        ),
        # Prose in a script without capitals, with a few names in Latin letters, is no list.
        (
            "قال وزير الخارجية إن المحادثات مع Google و Microsoft و Apple ستستمر في الأسبوع المقبل في القاهرة "
            "بحضور ممثلين عن الحكومة والشركات الكبرى في المنطقة وسيتم الإعلان عن النتائج لاحقا",
            False,
        ),
    ],
)
def test_name_lists(text: str, is_list: bool) -> None:
    assert reads_as_name_list(text) is is_list


@pytest.mark.parametrize(
    ("text", "is_menu"),
    [
        (" ".join(["Coastal Herald", *MENU, HEADLINE]), True),
        ("RS Ingenieure Home » Hochbau » Leistungen » Tragwerksplanung Aktuell| Stellenangebote| Impressum| Unternehmen", True),
        ("How to Program Your Mind to Stop Buying Crap You Don't Need", False),
        ("Die Hafenbehörde hat am Dienstag den Plan gebilligt, die Nördliche Fahrrinne Des Alten Hafens auszubaggern.", False),
        (ARTICLE[0], False),
    ],
)
def test_menu_runs(text: str, is_menu: bool) -> None:
    assert holds_menu_run(text) is is_menu


def test_a_short_page_flattened_onto_one_line_with_its_menu_is_read_as_a_flattened_page() -> None:
    # Under the long line's length, a line that holds the whole page and prints a menu bar is cut
    # into blocks and sentences as a longer flattened page is: read whole, the menu went with the article.
    page = " ".join(["Coastal Herald", *MENU, HEADLINE, *ARTICLE[:2], *FOOTER])
    assert len(page) < LONG_LINE
    units = split_units(page)
    assert len(units) > 1 and all(unit.flat for unit in units)
    # A paragraph on one line prints no menu: it stays one unit.
    assert [unit.text for unit in split_units(" ".join(ARTICLE[:2]))] == [" ".join(ARTICLE[:2])]


CHINESE_PARAGRAPHS = [
    "市政府周二宣布，将在明年春季之前完成北部港口航道的疏浚工程，以便大型货船能够在涨潮时安全进出港口，并减少渔船在狭窄水道中发生碰撞的风险。",
    "根据计划，约一百二十万立方米的淤泥将在三个冬季内被清除，届时渔业合作社的船只将暂时改用南部码头停靠，港务局表示将为此提供临时的装卸设备。",
    "港务局局长在新闻发布会上表示，工程费用约为一千二百万元，其中一半由省政府承担，其余部分将通过港口使用费的小幅上调在未来十年内逐步收回。",
    "部分渔民对此表示担忧，认为施工期间的噪音和浑水可能影响近岸鱼群的产卵，市政府承诺将委托独立机构在施工前后对水质和鱼类资源进行监测。",
]


def test_chinese_text_a_converter_wrapped_is_joined_back_without_spaces() -> None:
    # A text browser's dump wraps Chinese at a fixed width, anywhere in a word: joined back with a
    # space, "船只 将暂时" is no longer the words a search looks for.
    def wrapped(text: str) -> str:
        return "\n".join("   " + text[start : start + 38] for start in range(0, len(text), 38))

    menu = ["首页", "新闻", "财经", "体育", "文化"]
    dump = "\n\n".join([*menu, "   港口航道疏浚工程获批", *map(wrapped, CHINESE_PARAGRAPHS), "   责任编辑：王明", "   返回首页>>"])
    body = _extract(dump, url="https://news.example.cn/port").body
    for paragraph in CHINESE_PARAGRAPHS[1:]:
        assert paragraph in body


def test_a_fixed_width_wrap_inside_chinese_text_is_undone_without_a_space() -> None:
    # Chinese with Latin words in it wraps at the spaces it has and anywhere in a run of characters:
    # only the breaks at spaces get their space back.
    paragraphs = [
        "苹果公司周二发布了新款 iPhone 手机，售价与去年持平，但电池续航时间比上一代延长了约两个小时，摄像头也升级为四千八百万像素的主摄。",
        "分析师认为，在 Android 阵营的激烈竞争下，苹果选择维持价格不变，是为了稳住中国市场的份额，因为去年第四季度其在华销量下滑了百分之十二。",
        "新机将于下周五在全球三十多个国家和地区同步上市，用户可以通过 Apple Store 应用程序或官方网站提前预订，首批订单预计在一周内发货。",
    ]
    dump = "\n\n".join(textwrap.fill(paragraph, 40, initial_indent="   ", subsequent_indent="   ") for paragraph in paragraphs * 3)
    assert [unit.text for unit in split_units(dump)] == paragraphs * 3


def test_a_list_of_other_stories_before_the_headline_is_not_the_articles() -> None:
    # A portal prints its latest headlines as a list above the article; each reads like a headline,
    # and the model kept them.
    latest = [
        "* Ferry fares to rise in spring as fuel costs climb",
        "* New lighthouse museum opens its doors to school classes",
        "* Storm damages sea wall near the old fort overnight",
        "* Council names new harbour master after long search",
        "* Fishing cooperative elects its first woman chair",
    ]
    article = _extract("\n".join(["Coastal Herald", *MENU, *latest, HEADLINE, *ARTICLE, *FOOTER]))
    assert article.title == HEADLINE
    assert article.body.split("\n\n") == ARTICLE


@pytest.mark.parametrize(
    ("before", "kept"),
    [
        # Eight words or more before the span: the lede's sentence, which ends on the headline's words.
        ("The port operators and the fishing cooperatives agreed on Tuesday:", True),
        # A few words before it are what the page prints above a headline.
        ("Supported by", False),
    ],
)
def test_a_headline_span_ending_a_long_unit_leaves_the_unit_to_the_line_model(
    monkeypatch: pytest.MonkeyPatch, before: str, kept: bool
) -> None:
    host = f"{before} {HEADLINE}"
    page = ["Coastal Herald", *MENU, host, *ARTICLE, *FOOTER]
    at = page.index(host)

    def span_at_the_hosts_end(lines: list[object], *_: object) -> tuple[int, Headline]:
        return at + 1, Headline(HEADLINE, at, whole_line=False, end=len(host))

    monkeypatch.setattr(reader, "locate_headline", span_at_the_hosts_end)
    fields = reader.extract_text("\n".join(page))
    assert fields.title == HEADLINE
    assert (before in "\n".join(fields.paragraphs)) is kept
