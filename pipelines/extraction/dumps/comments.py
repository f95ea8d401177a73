"""Readers' comments at the end of a plain-text dump: where the thread starts, so that it is cut.

A comment thread is written in full sentences like the article, and the line model, which judges a
line by its shape and its neighbours, keeps much of it. What tells it apart is where it stands and
what opens it: a heading ("3 Comments", "Kommentare", "Leave a Reply"), or, without one, comment
headers close together (a name and when it was written: "marina_k 3 hours ago"). Such a mark ends
the article only past the article's densest run of prose, so that a "Comments" link by the byline
is no end. The heading of the author's bio, which stands above the thread, ends the article the
same way (`AUTHOR_BIO_HEADING`). The rules are the reader's (`reader`), kept apart as the one step
that cuts a block of lines rather than judging lines one at a time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, pairwise

import numpy as np

from pipelines.extraction.dumps.lines import BULLET, Line, LineKind, ends_sentence, n_words

# The heading of a comment section, in several languages: the word ("Comments", "Kommentare"), a count
# of comments or replies ("12 Comments", "Kommentare (3)", "2 responses"), or the call to write one
# ("Leave a reply", "Deja un comentario"). "Response" or "Discussion" alone are also subheadings.
_COMMENT_WORDS = (
    r"comments?|kommentare?|leserkommentare|comentarios?|commentaires?|commenti|komentarz[ey]?|komentarzy|reacties|coment[aá]rios"
)
# A word before the comment word that still makes a heading: a blog's widget of the newest ones
# ("Recent Comments", "Neueste Kommentare", "Derniers commentaires"), an empty thread ("No comments
# yet", "Noch keine Kommentare", "Sin comentarios") or the button that opens the thread ("View
# comments (27)", "Show Comments", "Ver comentarios").
_COMMENT_QUALIFIERS = (
    r"(?:recent|latest|newest|top|reader|user|no|neueste|letzte|aktuelle|keine|noch keine|derniers|aucun|últimos|sin|sem|nenhum"
    r"|ultimi|nessun|najnowsze|ostatnie|brak|nieuwste|geen"
    r"|(?:view|show|read|see|hide)(?: all)?|alle|ver|voir les|zobacz|mostrar|leia os|vedi i|mostra i)\s+"
)
# What may follow the comment word in a heading: an empty thread's "yet", a count ("View comments 941").
_EMPTY_THREAD = r"(?:\s+(?:yet|vorhanden))?"
_COUNT = r"(?:\s*\(\d+\)|\s+\d+)?"
# The word alone in the singular labels an opinion piece ("Kommentar", "Comment": a news site's genre,
# printed over another article's teaser) or a table's column as often as it heads a thread: alone, a
# heading is plural ("Comments", "Kommentare"), on a line of its own or glued to what follows.
_SINGULAR_WORD = r"(?i:comment|kommentar|comentario|commentaire|komentarz):?"
_SINGULAR = rf"(?!{_SINGULAR_WORD}\s*$)"
COMMENT_HEADING = re.compile(
    rf"^{_SINGULAR}(?:(?:\d+\s+|{_COMMENT_QUALIFIERS})?(?:{_COMMENT_WORDS}){_EMPTY_THREAD}|\d+\s+(?:responses?|replies|reactions?|antworten|respuestas|réponses))"
    rf"{_COUNT}\s*:?$",
    re.IGNORECASE,
)
# Glued to the next sentence, a heading is told from a sentence's subject ("Comments by the minister
# ...") by what follows it: a capital, as the first comment or its author's name begins.
GLUED_COMMENT_HEADING = re.compile(
    rf"^(?!{_SINGULAR_WORD}\s)(?:\d+\s+|(?i:{_COMMENT_QUALIFIERS}))?(?i:{_COMMENT_WORDS}){_EMPTY_THREAD}(?:\s*\(\d+\))?:?\s+(?=[^\W\d_a-z])"
    r"(?!(?i:on|about|from|by|of|to|zu|von|de|sur|sobre)\b)"
)
COMMENT_CALL = re.compile(
    r"\b(?:leave a (?:reply|comment)|post a comment|add a comment|write a comment|join the discussion|kommentar (?:schreiben|verfassen|abgeben)"
    r"|schreibe einen kommentar|deja (?:un|tu) comentario|escribe (?:un|tu) comentario|laisser un commentaire|laissez un commentaire"
    r"|lascia un commento|dodaj komentarz|napisz komentarz|deixe (?:um|seu) comentário|plaats een reactie"
    r"|leave a response|hinterlasse (?:eine antwort|einen kommentar)|laisse[rz] une réponse|deja una respuesta|lascia una risposta"
    r"|deixe uma resposta|zostaw odpowiedź|laat een reactie achter)\b",
    re.IGNORECASE,
)
# What a comment form or a thread's rules say of it, in a sentence of its own: WordPress's "Your email
# address will not be published" in the languages of the comment words (and its German form's field,
# "E-Mail (wird benötigt und nicht veröffentlicht)"), "comments are moderated", "you
# must be logged in to post a comment", its spam filter's "This site uses Akismet to reduce spam". A
# site prints it above the form or the thread, never in an article; past the article's prose it opens
# the readers' part of the page.
COMMENT_RULES = re.compile(
    r"\b(?:e-?mail address(?:es)? (?:will|is|are) not (?:be )?published|comments are moderated|we welcome (?:reader|your) comments"
    r"|must be logged in to (?:post|leave) a comment|view the discussion thread|e-mail-adresse wird nicht veröffentlicht"
    r"|e-mail \((?:wird )?(?:benötigt und )?nicht veröffentlicht"
    r"|adresse (?:e-?mail|de messagerie) ne sera pas publiée|correo electrónico no será publicad[oa]|para comentar debes? registrarte"
    r"|indirizzo (?:e-?mail|di posta elettronica) non sarà pubblicato|endereço de e-?mail não será publicado"
    r"|adres e-mail nie zostanie opublikowany|e-?mailadres wordt niet gepubliceerd"
    r"|(?:uses|verwendet|utilise|utiliza|usa|używa|gebruikt) akismet)\b",
    re.IGNORECASE,
)
# A sentence of a form's rules is short; a longer unit holding the words is a paragraph about them.
COMMENT_RULES_WORDS = 30
# Every match of COMMENT_RULES holds one of these once lower-cased: a cheap test before the scan.
_COMMENT_RULES_HINTS = ("publi", "veröffentlicht", "moderated", "welcome", "comentar", "logged in", "discussion", "akismet")
# The heading blogs print over a thread, with the article's title quoted ("12 thoughts on “…”",
# "5 Gedanken zu „…“", WordPress's default, and its "11 responses to “…”" in the comment words'
# languages: "11 Antworten zu „…“", "3 réponses à « … »", "2 respuestas a «…»") or a count
# ("There are 13 comments"): unmistakable wherever a flattened dump glues it into a unit.
THREAD_HEADING = re.compile(
    r"\b(?:\d+|one|ein(?:en)?|une?) (?:thoughts? on|gedanken zu|réflexions? sur|pensamientos? sobre|responses? to|replies to"
    r"|antworten? zu|réponses? à|respuestas? a|risposte a|respostas? (?:a|para)|odpowiedzi na|reacties op)\s*[“\"„«‘']"
    r"|\bthere (?:are|is) (?:\d+|one|no) (?:comments?|responses?|replies)\b",
    re.IGNORECASE,
)
# The heading of the author's bio ("About the author", "Zur Person", "Über die Autorin"), alone or
# before the name ("About the Author - Florina Ionescu"). A bio is printed under every article of its
# author: indexed as the article's text, it would make each of them match the words it holds. Past the
# article's prose it ends the article as a thread's heading does; a sentence that opens with the
# words ("Zur Person des Angeklagten ...") goes on in lower case and is no heading. The word for the
# author alone, or with a name of up to three words and nothing after it ("AUTOR", "Author", "Autorin
# Anna Berg"), heads a bio box too; a sentence it opens ("Autorin Juli Zeh liest am Freitag …") is
# the article's last paragraph, and with a colon after the word it is a credit ("Author: Julia Hitz
# (eg)" under a video inside the article): neither ends anything.
AUTHOR_BIO_HEADING = re.compile(
    r"^(?i:about the authors?|zur person|über den autor|über die autorin|sobre el autor|sobre la autora|à propos de l'auteur"
    r"|o autorze|sull'autore|over de auteur)\s*[:\-–—]?(?:\s*$|\s+(?=[^\W\d_a-z]))"
    r"|^(?i:the author|authors?|autor(?:in)?)(?:\s+[^\W\d_a-z][\w.'-]*){0,3}\s*:?\s*$"
)
# The header a blog theme prints over each comment, naming its writer ("Comment by Mirko Lange — 17.07,
# 2011 @ 13:04", "Kommentar von Naru-chan"), in the comment words' languages: printed twice or more at
# a line's start, it is a thread's, where an article that quotes a comment prints it once.
COMMENT_BYLINE = re.compile(
    r"^(?:Comment by|Kommentar von|Commentaire (?:de|par)|Comentario (?:de|por)|Commento di|Comentário de"
    r"|Komentarz (?:od|użytkownika)|Reactie van) (?=[^\W\d_])"
)
# The words of prose before it that make a thread heading the article's end, not a count by its byline.
THREAD_PROSE_BEFORE = 50
# Every match of THREAD_HEADING holds one of these, as printed in lower case or in capitals (a word's
# first letter left out): a test that spares most lines the pattern's scan, and lower-casing them.
_THREAD_WORDS = (
    *("hought", "edanken", "éflexion", "ensamiento", "espons", "epl", "omment"),
    *("ntwort", "éponse", "espuesta", "isposte", "esposta", "dpowiedzi", "eacties"),
)
_THREAD_HINTS = (*_THREAD_WORDS, *(word.upper() for word in _THREAD_WORDS))
# Letters the pattern's case-insensitive match takes for a letter of `_THREAD_WORDS` that `str.lower`
# leaves apart (dotless ı for i, long ſ for s) or lowers to two characters (İ): a page that holds
# one is scanned whole.
_FOLDED_APART = ("ı", "İ", "ſ")
# Every match of COMMENT_CALL holds one of these once lower-cased (none has a letter with a case fold
# of its own, like "ſ" for "s", so lower-casing finds them wherever the pattern matches): a cheap
# test that spares most lines the pattern's scan.
_COMMENT_CALL_HINTS = (
    *("omment", "oment", "reply", "the d", "een reac"),
    *("respo", "respu", "antwort", "réponse", "risposta", "odpowied", "reactie"),
)
# Two comment headers ("marina_k 3 hours ago") at most this many units apart make a thread.
COMMENT_STAMPS_APART = 8
# A line of the article's running text weighs its words; any other line costs this much, so that the
# densest run of prose bridges a caption or a subheading but not a list of teasers.
NOT_PROSE_COST = 5


def _prose_weight(line: Line) -> int:
    if line.kind == LineKind.CONTENT and ends_sentence(line.text):
        return n_words(line.text)
    return -NOT_PROSE_COST


def _best_runs(weights: np.ndarray) -> np.ndarray:
    """For each i, the largest sum of a run of consecutive weights within weights[: i + 1] (Kadane's
    answer, with numpy: the best run ending at j is the sum up to j less the lowest sum up to a point
    before it, or nothing)."""
    sums = np.concatenate([[0], np.cumsum(weights)])
    return np.maximum.accumulate(sums[1:] - np.minimum.accumulate(sums)[1:])


# When a comment was written: a clock time, a numeric date or "3 hours ago" (a bare "50 min" is a duration).
# That is `\d{1,2}:\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\b\d+\s*(?:min|...)\s+ago\b`, written to open on the
# digit all three start with, so the regex engine skips ahead to a digit (four times faster; same matches).
_COMMENT_TIME = re.compile(
    r"\d(?:\d?:\d{2}|\d?[./]\d{1,2}[./]\d{2,4}|(?<=\b\d)\d*\s*(?:min|minutes?|hours?|hrs?|h|days?|d|weeks?|months?|years?)\s+ago\b)",
    re.IGNORECASE,
)


# What follows a time inside a sentence, after the clock's "am", "pm" or "Uhr" if any: a comma.
_CLOCK_UNIT = r"(?:\s*(?i:am|pm|uhr|h)\b|\s*(?i:a\.m\.|p\.m\.))?"
_GOES_ON = re.compile(rf"{_CLOCK_UNIT},")
# A clock time a schedule's span opens with: a dash and the clock time it ends at follow ("13:15 Uhr - 17:00 Uhr").
_SPAN = re.compile(rf"{_CLOCK_UNIT}\s*[-–—]\s*\d{{1,2}}:\d{{2}}")


def _is_comment_stamp(text: str) -> bool:
    """A comment's header: a name and when it was written, on a line of its own or, where the
    converter glued the page into one line, at the start of the comment."""
    found = _COMMENT_TIME.search(text, 0, 120)
    if found is None:
        return False
    header = text[: found.end()]
    # A name comes first: a table row or a line of code holding a timestamp is no comment's header.
    # A sentence goes on after its time ("The first alert happened at 17:59, and a minute later …"),
    # a schedule to the time its span ends.
    return (
        BULLET.sub("", header)[:1].isalnum()
        and n_words(header) <= 10
        and not any(mark in header for mark in (". ", "│", "|", "(", "="))
        and _GOES_ON.match(text, found.end()) is None
        and not (":" in found[0] and _SPAN.match(text, found.end()))
    )


def _is_comment_heading(text: str) -> bool:
    """A heading line, or, where the converter glued the page into one line, a unit that starts with
    the heading or the call to write a comment; or a short sentence of a comment form's rules."""
    if len(text) <= 40 and COMMENT_HEADING.match(text):
        return True
    lowered = text.lower()
    call = COMMENT_CALL.search(text) if any(hint in lowered for hint in _COMMENT_CALL_HINTS) else None
    if (call is not None and (call.start() == 0 or n_words(text) <= 12)) or GLUED_COMMENT_HEADING.match(text) is not None:
        return True
    return (
        any(hint in lowered for hint in _COMMENT_RULES_HINTS)
        and n_words(text) <= COMMENT_RULES_WORDS
        and COMMENT_RULES.search(text) is not None
    )


def _thread_heading(lines: Sequence[Line], before: np.ndarray) -> int | None:
    """The first line after `THREAD_PROSE_BEFORE` words of prose (`before`: `_best_runs`) that holds a
    blog's thread heading. Looked for only where a heading's word is: most pages have none."""
    texts = [line.text for line in lines]
    text = "\n".join(texts)
    if not any(hint in text for hint in _THREAD_HINTS):
        return None
    if text.count("\n") != len(texts) - 1 or any(letter in text for letter in _FOLDED_APART):
        return _scanned_heading(text, before)
    # The prose before a line never shrinks down the page: only the lines past the first with enough
    # of it before them are read.
    first = int(np.searchsorted(before, THREAD_PROSE_BEFORE)) + 1
    starts = [0, *accumulate(len(line) + 1 for line in texts)]
    for index in _hinted_lines(text.lower(), starts, first):
        # A heading's count and words stand on its line; the quote after them may open the next line
        # that holds more than blanks.
        following = next((later for later in range(index + 1, len(texts)) if texts[later].strip()), len(texts))
        found = THREAD_HEADING.search(text, starts[index], starts[min(following + 1, len(texts))])
        if found is not None and found.start() < starts[index + 1]:
            return index
    return None


def _scanned_heading(text: str, before: np.ndarray) -> int | None:
    """`_thread_heading` by one scan of the whole `text`, each match's line counted by its line breaks."""
    for found in THREAD_HEADING.finditer(text):
        index = text.count("\n", 0, found.start())
        if index and before[index - 1] >= THREAD_PROSE_BEFORE:
            return index
    return None


def _hinted_lines(lowered: str, starts: list[int], first: int) -> list[int]:
    """The lines from `first` on whose text (`lowered`: all lines joined, lower-cased) holds one of
    `_THREAD_WORDS`, which every heading holds in any case the pattern matches (but for `_FOLDED_APART`)."""
    hinted: set[int] = set()
    for word in _THREAD_WORDS:
        at = lowered.find(word, starts[min(first, len(starts) - 1)])
        while at >= 0:
            index = bisect_right(starts, at) - 1
            hinted.add(index)
            at = lowered.find(word, starts[index + 1])
    return sorted(hinted)


def _comment_bylines(lines: Sequence[Line], before: np.ndarray) -> int | None:
    """The first of two or more lines a comment's header opens (`COMMENT_BYLINE`), if it stands after
    `THREAD_PROSE_BEFORE` words of prose (`before`: `_best_runs`): the thread's first comment, however
    long the readers' comments run."""
    found = [index for index, line in enumerate(lines) if line.text[:1] in "CKR" and COMMENT_BYLINE.match(line.text)]
    if len(found) < 2:
        return None
    return next((index for index in found if index and before[index - 1] >= THREAD_PROSE_BEFORE), None)


def thread_start(lines: Sequence[Line], last: int | None = None) -> int | None:
    """The index of the line where the readers' comments, or the author's bio above them, begin, or None.

    Everything after the heading of the comment section is the readers', not the article's,
    however well written: the thread is cut as a block, at the first such heading past which the
    page holds no denser run of prose than before it (a "Comments" link by the byline is no end).
    The heading of the author's bio (`AUTHOR_BIO_HEADING`) ends the article there too.

    `last`: the last line a cut can change (the reader's last kept line). A thread that begins past
    it cuts nothing, so the comment marks are read no further than it (and the stamps, which pair
    with the next one, a few lines further): where the thread would begin past it, None may be given
    (a thread heading or comment bylines found in the whole page are still given as they are). A
    page's footer (menus, teasers, legal lines) comes after its last kept line and holds most of the
    lines past its densest prose, where the marks were read one line at a time."""
    last = len(lines) - 1 if last is None else last
    weights = np.fromiter(map(_prose_weight, lines), dtype=np.int64, count=len(lines))
    before = _best_runs(weights)
    # A blog's thread heading opens the thread wherever it stands after some prose, however long
    # the readers' comments run (a busy thread is denser than the article).
    heading = _thread_heading(lines, before)
    if heading is not None:
        return heading
    headers = _comment_bylines(lines, before)
    if headers is not None:
        return headers
    # After the last line the page holds no prose at all.
    after = np.append(_best_runs(weights[::-1])[::-1], 0)
    # Lines 1 .. n - 1 past which the page holds no denser prose than before them: only there are the marks read.
    places = np.flatnonzero(before[:-1] >= after[2:]) + 1
    if not len(places):
        return None
    # Only a place opens a thread: the comment headers before the first place are not looked for.
    stamps = _comment_stamps(lines, int(places[0]), last)
    for index in places.tolist():
        if index > last:
            return None
        text = lines[index].text
        if index in stamps or _is_comment_heading(text) or AUTHOR_BIO_HEADING.match(text):
            return index
    return None


def _comment_stamps(lines: Sequence[Line], first: int, last: int) -> set[int]:
    """Where a thread has no heading, from line `first` on up to line `last`: the first of two or more
    comment headers close together (a name and when it was written: "marina_k 3 hours ago", "Anna —
    17.07.2011 @ 17:50"), with what readers wrote between them."""
    # A header up to `last` pairs with the next one only within COMMENT_STAMPS_APART lines: none past those is read.
    dated = [index for index in range(first, min(len(lines), last + COMMENT_STAMPS_APART + 1)) if _is_comment_stamp(lines[index].text)]
    firsts: set[int] = set()
    for first, second in pairwise(dated):
        # The first comment is glued to its header where the converter made one line of the page.
        if second - first <= COMMENT_STAMPS_APART and any(ends_sentence(line.text) for line in lines[first:second]):
            firsts.add(first)
    return firsts
