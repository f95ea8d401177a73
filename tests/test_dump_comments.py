"""Where the readers' comments of a text dump begin (`dumps.comments.thread_start`), on lines the
reader has classified; the whole path through `extract` is in tests/test_text_dumps.py."""

from __future__ import annotations

import pytest

from pipelines.extraction.dumps.comments import thread_start
from pipelines.extraction.dumps.lines import Line

ARTICLE = [
    "The city council voted on Tuesday to close the old harbour bridge to all traffic from next month.",
    "Engineers found cracks in two of the supporting piers during an inspection carried out in the spring.",
    "Repairs are expected to take at least a year and will cost the city about twelve million euros.",
    "A temporary ferry service will carry pedestrians and cyclists across the harbour in the meantime.",
]
COMMENTS = ["Finally, it took them long enough.", "I cross it every day and never felt unsafe."]


def lines(*texts: str) -> list[Line]:
    return [Line(text, position, blank_before=False) for position, text in enumerate(texts)]


@pytest.mark.parametrize(
    "heading",
    [
        "3 Comments",
        "Kommentare (2)",
        "Leave a Reply",
        "12 responses",
        "Hinterlasse eine Antwort",
        "Deja una respuesta",
        "Laisser une réponse",
        # A blog's widget of the newest comments, an empty thread, the button that opens the thread.
        "Recent Comments",
        "Neueste Kommentare",
        "No comments yet",
        "Keine Kommentare",
        "Derniers commentaires",
        "Show Comments",
        "View comments 941",
    ],
)
def test_the_thread_starts_at_its_heading_after_the_article(heading: str) -> None:
    page = lines("Harbour bridge to close", *ARTICLE, heading, *COMMENTS)
    assert thread_start(page) == 1 + len(ARTICLE)


@pytest.mark.parametrize("last", ["Leave a Reply", "Para comentar debes registrarte y completar los datos generales."])
def test_a_heading_or_form_rules_on_the_dumps_last_line_start_the_thread(last: str) -> None:
    page = lines("Harbour bridge to close", *ARTICLE, last)
    assert thread_start(page) == 1 + len(ARTICLE)


BIO = "Anna Berg covers the harbour and the city's transport for the Coastal Herald. She lives in the old town."


@pytest.mark.parametrize("heading", ["About the author", "Zur Person", "About the Author - Anna Berg", "Über die Autorin:"])
def test_the_authors_bio_after_the_article_ends_it(heading: str) -> None:
    page = lines("Harbour bridge to close", *ARTICLE, heading, BIO, *COMMENTS)
    assert thread_start(page) == 1 + len(ARTICLE)


@pytest.mark.parametrize("heading", ["AUTOR", "Author", "Autorin Anna Berg"])
def test_the_author_word_alone_over_the_bio_ends_the_article(heading: str) -> None:
    page = lines("Harbour bridge to close", *ARTICLE, heading, BIO, *COMMENTS)
    assert thread_start(page) == 1 + len(ARTICLE)


def test_a_last_paragraph_opening_with_the_author_word_ends_nothing() -> None:
    page = lines("Harbour bridge to close", *ARTICLE, "Autorin Juli Zeh liest am Freitag in der Stadtbibliothek.")
    assert thread_start(page) is None


def test_an_author_credit_with_a_colon_inside_the_article_ends_nothing() -> None:
    # A video's or a gallery's credit ("Author: Julia Hitz (eg)") stands between the article's paragraphs.
    page = lines("Harbour bridge to close", *ARTICLE[:2], "Author: Julia Hitz (eg)", *ARTICLE[2:], "Share this article")
    assert thread_start(page) is None


@pytest.mark.parametrize(
    "label",
    [
        "Comment",
        "Kommentar",
        # A news site's opinion piece, its genre printed before its teaser's headline.
        "Kommentar Fallstricke eines Umstiegs auf kohlenstoffarme Technologien",
    ],
)
def test_the_singular_word_alone_after_the_article_starts_no_thread(label: str) -> None:
    # A table's column ("Entity status", "Comment") or the label of another article's teaser.
    page = lines("Harbour bridge to close", *ARTICLE, label, "Ferry timetable for the summer", "Share this article")
    assert thread_start(page) is None


def test_a_comments_link_before_the_article_starts_no_thread() -> None:
    page = lines("Harbour bridge to close", "Comments", *ARTICLE, "Share this article")
    assert thread_start(page) is None


@pytest.mark.parametrize(
    "glued",
    [
        "Comments Maria: Finally, it took them long enough.",
        "Neueste Kommentare Noch keine Kommentare zu Harbour bridge to close",
        "View comments (27) Read the Terms of Use Your name Comment",
    ],
)
def test_a_heading_glued_to_what_follows_starts_the_thread(glued: str) -> None:
    page = lines(*ARTICLE, glued, COMMENTS[1])
    assert thread_start(page) == len(ARTICLE)


@pytest.mark.parametrize(
    "sentence",
    [
        "Comments by the mayor were not expected before Friday.",
        "No comments were made by the harbour master when asked about the ferry.",
        "Zur Person des Fährmanns machte die Stadt keine Angaben.",
    ],
)
def test_a_sentence_opening_with_a_headings_words_is_no_heading(sentence: str) -> None:
    page = lines(*ARTICLE, sentence, "Share this article")
    assert thread_start(page) is None


def test_a_thread_without_heading_starts_at_the_first_of_close_comment_headers() -> None:
    page = lines(*ARTICLE, "marina_k 3 hours ago", COMMENTS[0], "Anna — 17.07.2011 @ 17:50", COMMENTS[1], "Load more")
    assert thread_start(page) == len(ARTICLE)


def test_a_lone_time_of_day_starts_no_thread() -> None:
    page = lines(*ARTICLE[:2], "Ferry 07:30 from the north quay", *ARTICLE[2:], "Share this article")
    assert thread_start(page) is None


def test_times_far_apart_make_no_thread() -> None:
    menu = ["Share this article", "Newsletter", "Most read", "Weather", "Traffic", "Sport", "Culture", "Contact"]
    page = lines(*ARTICLE, "Ferry timetable updated at 10:30 today.", *menu, "Next ferry 07:30 from the north quay.", "Share")
    assert thread_start(page) is None


def test_times_inside_the_articles_sentences_make_no_thread() -> None:
    # Two sentences after the article's densest prose, a few lines apart, each open with a few words
    # and a time: a comment's header has the same shape, but a sentence goes on after its time.
    timeline = [
        "The first ferry left the north quay at 07:30, and a second one followed half an hour later.",
        "By 08:15 pm, both boats were back and the harbour master closed the quay for the night.",
    ]
    page = lines(*ARTICLE, timeline[0], "The quay reopened on Wednesday.", timeline[1], "Share this article")
    assert thread_start(page) is None


def test_a_schedules_times_make_no_thread() -> None:
    schedule = ["13:15 Uhr - 17:00 Uhr", "Workshops in the harbour museum.", "17:30 Uhr – 19:00 Uhr", "Boat tour of the northern channel."]
    page = lines(*ARTICLE, *schedule, "Share this article")
    assert thread_start(page) is None


LONG_COMMENTS = [
    "I have crossed that bridge twice a day for twenty years and the cracks were visible from the ferry long "
    "before anyone at the council admitted it, so this decision comes years too late for all of us who use it.",
    "The ferry will not cope with the morning rush, and the council should publish the timetable and the cost "
    "of the service before the bridge closes, because cyclists and pedestrians deserve to plan their journeys.",
    "Twelve million euros is a lot of money for repairs that should have been part of the regular maintenance "
    "budget, and I would like to know who signed off on the last inspection report that found nothing wrong.",
]


@pytest.mark.parametrize(
    "heading",
    [
        "12 thoughts on “Harbour bridge to close”",
        "5 Gedanken zu „Harbour bridge to close“",
        "There are 3 comments",
        "11 Antworten zu „Harbour bridge to close“",
        "3 réponses à « Harbour bridge to close »",
        "2 respuestas a «Harbour bridge to close»",
        "4 odpowiedzi na „Harbour bridge to close”",
    ],
)
def test_a_blog_thread_heading_glued_after_the_article_starts_the_thread_before_denser_comments(heading: str) -> None:
    # The comments are longer than the article's paragraphs: the heading alone tells where it ended.
    page = lines("Harbour bridge to close", *ARTICLE, f"Filed under Local {heading} Maria says:", *LONG_COMMENTS)
    assert thread_start(page) == 1 + len(ARTICLE)


def test_a_comment_count_by_the_byline_starts_no_thread() -> None:
    page = lines("Harbour bridge to close", "By Anna Berg. There are 3 comments", *ARTICLE)
    assert thread_start(page) is None


@pytest.mark.parametrize(
    "rules",
    [
        "Your email address will not be published. Required fields are marked *",
        "Deine E-Mail-Adresse wird nicht veröffentlicht.",
        "E-Mail (wird benötigt und nicht veröffentlicht)",
        "We welcome reader comments on the top stories of the day.",
        "Para comentar debes registrarte y completar los datos generales.",
        "Diese Website verwendet Akismet, um Spam zu reduzieren. Erfahre mehr darüber, wie deine Kommentardaten verarbeitet werden.",
    ],
)
def test_a_comment_forms_rules_after_the_article_start_the_thread(rules: str) -> None:
    page = lines("Harbour bridge to close", *ARTICLE, rules, *COMMENTS)
    assert thread_start(page) == 1 + len(ARTICLE)


def test_a_paragraph_about_moderation_is_no_comment_form() -> None:
    report = (
        "The council said that comments are moderated by two officials before they appear on its consultation page, "
        "and that more than four hundred residents have written in since the bridge closed."
    )
    page = lines("Harbour bridge to close", *ARTICLE, report, "Share this article")
    assert thread_start(page) is None


def test_comment_headers_naming_their_writers_start_the_thread_before_denser_comments() -> None:
    # Each comment under a header of the blog's theme; the comments are longer than the article's paragraphs.
    thread = [
        part for index, comment in enumerate(LONG_COMMENTS) for part in (f"Comment by Reader {index} — 17.07, 2011 @ 13:0{index}", comment)
    ]
    page = lines("Harbour bridge to close", *ARTICLE, *thread)
    assert thread_start(page) == 1 + len(ARTICLE)


def test_a_comment_quoted_once_by_its_writer_starts_no_thread() -> None:
    page = lines(
        "Harbour bridge to close", *ARTICLE[:2], "Kommentar von Anna Berg: the council should publish the timetable.", *ARTICLE[2:]
    )
    assert thread_start(page) is None
