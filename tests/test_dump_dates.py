"""The published date of a plain-text dump, one made-up dump per class of date the dumps print:
numeric dates whose order the page must settle, dates written in other languages, a flattened
dump's teaser dates before the headline, labelled bylines and dates the article only mentions."""

from __future__ import annotations

import pytest

from foundation.records import Article, RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dates.numeric import NUMERIC_DATE, NumericOrder, Order, read_numeric
from pipelines.extraction.dates.written import parse_written_date
from tests.support.harbour_story import ARTICLE, HEADLINE, MENU

URL = "https://news.example/local/harbour-authority-approves-dredging-of-the-northern-channel"
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use", "© 2024 Coastal Herald. All rights reserved."]

TITRE = "Le port approuve le dragage du chenal nord"
ARTICLE_FR = [
    "L'autorité portuaire a approuvé mardi un projet de dragage du chenal nord, mettant fin à deux années de "
    "conflits entre les opérateurs du port et les coopératives de pêche qui utilisent la baie.",
    "Selon le projet, environ 1,2 million de mètres cubes de sédiments seront retirés pendant trois hivers, "
    "lorsque les bateaux sont les moins nombreux en mer et que les oiseaux ont quitté les marais.",
    "Les coopératives affirmaient que les travaux troubleraient l'eau au-dessus de leurs parcs à moules pendant "
    "des mois. L'autorité a promis de contrôler l'eau chaque semaine et d'arrêter les dragues si nécessaire.",
]
MENU_FR = ["Accueil", "Monde", "Politique", "Économie", "Culture", "Sports", "Abonnement", "Connexion"]

TITULO = "Porto aprova dragagem do canal norte após dois anos de disputa"
ARTIGO = [
    "A autoridade portuária aprovou nesta terça-feira um plano para dragar o canal norte, encerrando dois anos "
    "de disputas entre os operadores do porto e as cooperativas de pesca que usam a baía.",
    "Pelo plano, cerca de 1,2 milhão de metros cúbicos de sedimentos serão retirados ao longo de três invernos, "
    "quando há menos barcos no mar e as aves migratórias já deixaram os pântanos ao norte da cidade.",
    "As cooperativas argumentavam que a obra turvaria a água sobre os viveiros de mexilhões durante meses. A "
    "autoridade disse que vai monitorar a água toda semana e parar as dragas se as medições subirem demais.",
]
MENU_PT = ["Início", "Mundo", "Política", "Economia", "Esporte", "Cultura", "Assine", "Entrar"]


def _extract(lines: list[str], url: str | None = None, flat: bool = False) -> Article:
    text = " ".join(lines) if flat else "\n".join(lines)
    return extract(RawDocument(source="test", content=text.encode(), url=url))


def _page(byline: str, *, menu: list[str] = MENU, headline: str = HEADLINE, article: list[str] = ARTICLE) -> list[str]:
    return [*menu, "", headline, "", byline, "", *article, "", *FOOTER]


def _numeric(text: str, language: str | None = "en", url: str | None = None, page: tuple[str, ...] = ()) -> str | None:
    match = NUMERIC_DATE.search(text)
    assert match is not None, text
    found = read_numeric(match, NumericOrder([*page, text], language, url))
    return found.iso() if found is not None else None


# --- numeric dates: the order comes from the page, never a guess --------------------------------


def test_us_date_beside_a_12_hour_clock_is_month_first() -> None:
    article = _extract(_page("Mama Robotnik 9/11/13 10:00AM • Filed to: metroid"))
    assert article.published_at == "2013-09-11T10:00"
    assert article.date_sources["published_at"] == "visible"


def test_us_date_beside_a_12_hour_clock_in_a_flattened_dump() -> None:
    article = _extract([*MENU, HEADLINE, "Mama Robotnik 9/11/13 10:00PM • Filed to: metroid", *ARTICLE, *FOOTER], flat=True)
    assert article.published_at == "2013-09-11T22:00"


def test_ambiguous_numeric_date_without_evidence_is_not_read() -> None:
    assert _extract(_page("By Ann Lee 3/4/13")).published_at is None
    assert _numeric("11.03.17 in Gadgetry") is None


def test_a_number_above_12_settles_the_order() -> None:
    assert _numeric("10.15.15") == "2015-10-15"
    assert _numeric("13/6/2018") == "2018-06-13"
    assert _numeric("5/5/19") == "2019-05-05"
    assert _numeric("2013/09/11") == "2013-09-11"


def test_the_pages_other_dates_settle_the_order() -> None:
    us_teasers = ("Related: 09.28.15", "Ad blocking 09.22.15")
    european_teasers = ("Related: 28.09.15", "Ad blocking 22.09.15")
    assert _numeric("10.03.15", page=us_teasers) == "2015-10-03"
    assert _numeric("10.03.15", page=european_teasers) == "2015-03-10"
    # Teasers that disagree settle nothing.
    assert _numeric("10.03.15", page=us_teasers + european_teasers) is None
    article = _extract([*_page("10.03.15 By Scott Cunningham"), "Related Content", "Ad blocking", "09.22.15"])
    assert article.published_at == "2015-10-03"


def test_a_language_other_than_english_writes_the_day_first() -> None:
    assert _numeric("03/04/2013", language="fr") == "2013-04-03"
    article = _extract(_page("Par Anne Leroy, le 03/04/2013", menu=MENU_FR, headline=TITRE, article=ARTICLE_FR))
    assert article.published_at == "2013-04-03"


def test_the_domain_of_an_english_page_settles_the_order() -> None:
    assert _numeric("3/4/13", url="https://www.example.co.uk/news/1") == "2013-04-03"
    assert _numeric("3/4/13", url="https://www.example.us/news/1") == "2013-03-04"
    # A day-first country's page with a 12-hour clock keeps its own order.
    assert _numeric("3/4/13 10:00am", url="https://www.example.com.au/news/1") == "2013-04-03T10:00"


def test_two_digit_years_behind_dashes_are_not_dates() -> None:
    assert _numeric("3-1-13 10:00am") is None
    assert _numeric("21-09-2020", language="nl") == "2020-09-21"


# --- dates written in other languages ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("21.dez.2018 às 12h55", "2018-12-21T12:55"),
        ("21 de dezembro de 2018", "2018-12-21"),
        ("4 mayo, 2022", "2022-05-04"),
        ("1. November 2021", "2021-11-01"),
        ("1er mars 2019", "2019-03-01"),
        ("5 maja 2021, 10:15", "2021-05-05T10:15"),
        ("3 ноября 2020 в 10:15", "2020-11-03T10:15"),
        ("Veröffentlicht am 3. Mär. 2020", "2020-03-03"),
    ],
)
def test_written_dates_in_other_languages(text: str, expected: str) -> None:
    found = parse_written_date(text)
    assert found is not None and found.iso() == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("miércoles, 4 de mayo de 202200:00 hs", "2022-05-04T00:00"),
        ("3 de mayo de 202221:25 LA NACION", "2022-05-03T21:25"),
        ("Veröffentlicht am 19. Dezember 202219. Dezember 2022 von Redaktion", "2022-12-19"),
        # A flattened dump's sentence cut after the second date's ordinal ("…202219." / "Dezember 2022 von …").
        ("Veröffentlicht am 19. Dezember 202219.", "2022-12-19"),
        ("Search 3. April 20223.", "2022-04-03"),
    ],
)
def test_a_year_glued_to_the_next_element_is_read(text: str, expected: str) -> None:
    # A converter that prints two elements without a space glues the clock, or the date's second copy, to the year.
    found = parse_written_date(text)
    assert found is not None and found.iso() == expected
    assert parse_written_date("4 de mayo de 20221") is None, "a longer number is no year"


def test_a_bylines_date_glued_to_its_clock_dates_the_dump() -> None:
    page = [*MENU_PT, "", TITULO, "", "Redação", "quarta-feira, 4 de maio de 202207:59 hs", "", *ARTIGO, "", *FOOTER]
    assert _extract(page).published_at == "2022-05-04T07:59"


def test_written_date_needs_a_month_name() -> None:
    assert parse_written_date("21 set 2018") is not None
    assert parse_written_date("21 sets 2018") is None
    assert parse_written_date("version 21 of 2018") is None


def test_portuguese_abbreviated_date_below_the_headline() -> None:
    page = [*MENU_PT, "", TITULO, "", "Foto: Agência", "21.dez.2018 às 12h55", "São Paulo", "", *ARTIGO, "", *FOOTER]
    assert _extract(page).published_at == "2018-12-21T12:55"


# --- where the date stands ---------------------------------------------------------------------


def test_flattened_dump_prefers_the_bylines_date_to_teaser_dates_before_the_headline() -> None:
    # The whole page on one line: the teasers printed before the headline have dates of their own.
    teasers = [
        "Ferry fares to rise in spring February 28, 2024 at 8:36 PM",
        "New lighthouse museum opens its doors March 1, 2024 at 3:20 PM",
        "Storm damages sea wall near the old fort March 1, 2024 at 3:15 PM Today's paper",
    ]
    page = [*MENU, *teasers, HEADLINE, "By Anna Berg — March 4, 2021 at 6:00 PM", *ARTICLE, *FOOTER]
    article = _extract(page, url=URL, flat=True)
    assert article.title == HEADLINE
    assert article.published_at == "2021-03-04T18:00"


def test_a_headline_printed_in_the_pages_head_and_again_over_the_byline_is_read_at_its_second_copy() -> None:
    # The `<title>` opens the flattened page, teasers with their own dates follow, then the `<h1>`
    # over the byline: the date is the byline's, not the first teaser's after the first copy.
    teasers = [
        "Ferry fares to rise in spring February 28, 2024 at 8:36 PM",
        "New lighthouse museum opens its doors March 1, 2024 at 3:20 PM",
    ]
    page = [*MENU[:3], HEADLINE, *MENU[3:], *teasers, "Local news", HEADLINE, "By Anna Berg — March 4, 2021 at 6:00 PM", *ARTICLE, *FOOTER]
    article = _extract(page, url=URL, flat=True)
    assert article.title == HEADLINE
    assert article.published_at == "2021-03-04T18:00"


def test_date_just_above_the_headline_when_none_follows() -> None:
    page = [*MENU, "Politics", "April 20, 2021", HEADLINE, "By Ann Lee", *ARTICLE, *FOOTER]
    assert _extract(page, flat=True).published_at == "2021-04-20"


def test_a_date_the_article_mentions_is_not_its_date() -> None:
    article = [ARTICLE[0], ARTICLE[1] + " The first request was filed on March 3, 2019 and refused.", *ARTICLE[2:]]
    assert _extract(_page("By Ann Lee", article=article), url=None).published_at is None


def test_published_label_wins_and_an_update_yields() -> None:
    article = _extract(_page("By Ann Lee Updated Jul 24, 2018, 2:15pm EDT | Published April 5, 2018"), url=None)
    assert article.published_at == "2018-04-05"
    article = _extract(_page("By Ann Lee | 02.01.23 09:51 | Veröffentlicht: 26.12.2022"), url=None)
    assert article.published_at == "2022-12-26"


@pytest.mark.parametrize(
    ("published", "updated", "expected"),
    [
        ("Veröffentlicht am 4. März 2021", "Aktualisiert am 2021-03-05 12:30", ("2021-03-04", "2021-03-05T12:30")),
        ("Publié le 4 mars 2021 à 10:30", "Mis à jour le 5 mars 2021 à 12:30", ("2021-03-04T10:30", "2021-03-05T12:30")),
        ("Published on March 4, 2021", "Last updated: March 5, 2021", ("2021-03-04", "2021-03-05")),
    ],
)
def test_timestamp_lines_labelled_in_other_languages(published: str, updated: str, expected: tuple[str, str]) -> None:
    # A line of its own that is a labelled date is a timestamp whatever the page's language: the
    # update's is the modified date, and neither line is left in the article's text.
    article = _extract([*MENU, "", HEADLINE, "", published, updated, "", *ARTICLE, "", *FOOTER])
    assert (article.published_at, article.modified_at) == expected
    assert not {published, updated} & set(article.body.split("\n\n"))


def test_teasers_dated_on_lines_of_their_own_in_another_language_do_not_date_the_article() -> None:
    # Unlabelled, a date line is read with the byline's date around the headline, not as a timestamp.
    teasers = ["Le prix des ferries augmente", "1 mars 2019 à 15:20", "Un nouveau musée du phare", "1 mars 2019 à 15:15"]
    # A converter that prints every element on a line of its own splits the byline too.
    page = [*MENU_FR, *teasers, TITRE, "Par", "Anne Berg", "—", "24 novembre 2017 à 18:42", *ARTICLE_FR, *FOOTER]
    assert _extract(page).published_at == "2017-11-24T18:42"


def test_an_update_date_alone_is_still_the_pages_date() -> None:
    article = _extract(_page("Reuters Updated: January 16, 2020"), url=None)
    assert article.published_at == "2020-01-16"


def test_numeric_order_reads_one_side_of_the_evidence() -> None:
    assert NumericOrder(["On 28/09/2015 and 2/10/2015"], "en", None).page_order is Order.DAY_FIRST
    assert NumericOrder(["No dates here"], "de", None).page_order is None


def test_a_date_line_over_the_headline_dates_it_when_none_follows_the_headline() -> None:
    # A blog prints "21 September 2020 · SQL" over its title; a date at a paragraph's start below is the text's.
    page = [*MENU, "21 September 2020", "SQL", HEADLINE, "Identify problems before they become disasters"]
    page += [ARTICLE[0], f"1 August 2020 — {ARTICLE[1]}", *ARTICLE[2:], *FOOTER]
    assert _extract(page).published_at == "2020-09-21"


def test_a_mastheads_date_over_the_headline_yields_to_the_bylines() -> None:
    page = [*MENU, "May 11, 2022", "Login", "BREAKING", HEADLINE, "Crime Published On May 10, 2022 01:52 PM", *ARTICLE, *FOOTER]
    assert _extract(page).published_at == "2022-05-10T13:52"


# The story goes on past ARTICLE, so that a date line can stand well inside its text.
MORE_ARTICLE = [
    "Fishermen who met the authority on Wednesday said they would watch the first winter of work closely and "
    "keep their own records of the water over the mussel beds, to compare them with the authority's readings.",
    "The town council, which owns a third of the port, voted to spend part of its harbour fees on a new quay for "
    "the cooperatives, so that their boats can land catches while the dredgers work in the northern channel.",
    "Environmental groups were divided: some welcomed the winter schedule and the weekly readings, while others "
    "said the sediment should be tested for old industrial pollution before any of it is dumped at sea.",
    "The authority said the sediment would be tested in three laboratories and that any contaminated material "
    "would be taken ashore and treated, at a cost the shipping companies have agreed to share with the port.",
    "A public meeting on the schedule will be held at the harbour office next month, where residents can ask "
    "the engineers how the dredgers will be kept away from the swimming beach during the summer season.",
]


def test_a_date_line_inside_the_articles_text_is_not_its_date() -> None:
    # A picture's date, a cited source's, a teaser's among the paragraphs: the byline's date is by the
    # headline or at the article's foot, not with a hundred and fifty of its words on both sides.
    page = [*MENU, "", HEADLINE, "", "By Ann Lee", "", *ARTICLE, "", "April 3, 2019", "", *MORE_ARTICLE, "", *FOOTER]
    assert _extract(page).published_at is None
    # At the article's foot, the date line is its date.
    page = [*MENU, "", HEADLINE, "", "By Ann Lee", "", *ARTICLE, *MORE_ARTICLE, "", "April 3, 2019", "", *FOOTER]
    assert _extract(page).published_at == "2019-04-03"


def test_dated_comments_after_the_article_do_not_date_it() -> None:
    # After the article, date lines of different days are a list's items (comments, the next stories).
    comments = ["Comments (2)", "Mary Stone", "March 5, 2021", "Good to see this settled at last.", "Tom Hale", "March 7, 2021"]
    comments += ["The mussel beds will suffer, mark my words."]
    page = [*MENU, "", HEADLINE, "", "By Ann Lee", "", *ARTICLE, "", *comments, "", *FOOTER]
    assert _extract(page).published_at is None


def test_an_update_on_a_line_of_its_own_under_the_headline_is_still_the_pages_date() -> None:
    # As when the byline prints it glued ("Reuters Updated: January 16, 2020"); a site's "last
    # updated" below the article is not the byline's.
    page = [*MENU, "", HEADLINE, "", "Reuters", "Updated: January 16, 2020", "", *ARTICLE, "", *FOOTER]
    article = _extract(page)
    assert (article.published_at, article.modified_at) == ("2020-01-16", "2020-01-16")
    page = [*MENU, "", HEADLINE, "", "Reuters", "", *ARTICLE, "", "Last updated: January 16, 2020", *FOOTER]
    assert _extract(page).published_at is None


@pytest.mark.parametrize("period", ["9-23 February 2022", "vom 9. bis 23. Februar 2022", "9.2. - 23.2.2022"])
def test_the_last_day_of_a_period_is_no_bylines_date(period: str) -> None:
    # An exhibition's, an offer's or a sign-up's period under the headline: the byline prints a day.
    page = [*MENU, "Politics", "April 20, 2021", HEADLINE, f"Exhibition at the harbour museum, {period}", *ARTICLE, *FOOTER]
    assert _extract(page, flat=True).published_at == "2021-04-20"


@pytest.mark.parametrize("line", ["Expires: 18 June 2022 | 15 December 2021", "Closing date 18 June 2022 | 15 December 2021"])
def test_a_date_labelled_another_events_is_no_bylines_date(line: str) -> None:
    # An expiry, a deadline, an event's date: the label names whose date it is.
    assert _extract(_page(f"By Ann Lee | {line}")).published_at == "2021-12-15"


def test_a_date_line_among_dated_teasers_after_the_article_does_not_date_it() -> None:
    # The next stories' dates printed with their headlines; one of them on a line of its own.
    related = ["More on this", "Ferry fares to rise in spring July 24, 2016", "July 25, 2016", "New lighthouse museum opens July 22, 2016"]
    page = [*MENU, "", HEADLINE, "", "By Ann Lee", "", *ARTICLE, "", *related, "", *FOOTER]
    assert _extract(page).published_at is None


def test_lines_without_a_letter_between_the_byline_and_the_headline_leave_its_date_in_reach() -> None:
    # A terminal browser prints a bullet and the view and comment counts a line each between the
    # byline and the headline: no sentences, they do not count among the few read above it.
    page = [*MENU, "", "Ann Lee", "Ann Lee · April 20, 2021 10:00AM", "•", "Filed to: harbour", "158", "52", "", HEADLINE, ""]
    article = _extract([*page, *ARTICLE, "", *FOOTER])
    assert article.title == HEADLINE
    assert article.published_at == "2021-04-20T10:00"
