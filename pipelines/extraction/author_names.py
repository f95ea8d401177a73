"""Author names as an author field gives them (trafilatura's byline or metadata author of an HTML
page, a feed entry's author), split into names and cleared of what a byline reader glues to them (a
date, a job title, the word for "by" in languages other than English, a link's "View all posts by")
or takes for one (a field's label, a degree, a web address, a lone letter or a month's name). A text
dump's byline reader (`dumps.bylines`) cuts job titles off its names the same way. The Kibana panels
and `--author` filters read these names."""

from __future__ import annotations

import re

from pipelines.extraction.dates.parsing import MONTHS, WEEKDAYS

# Field labels a page's markup names as its author (a comment form's "Username", a byline's "作者", an
# author box's "Follow @handle" button, its handle dropped): no one's name, and an authors facet in Kibana
# would list them.
AUTHOR_LABELS = frozenset(
    {
        *("username", "user name", "user", "admin", "follow", "text"),
        *("author", "authors", "autor", "autoren", "auteur", "auteurs", "autore", "autora", "作者", "記者"),
    }
)
# Job titles, which end a name ("Anna Berg Senior Reporter", "Ben Silverman Games Editor"), and the
# words that open them: no part of the name, and a byline of a job title alone ("Our Foreign Staff") names no one.
JOB_WORDS = frozenset(
    {
        *("editor", "reporter", "correspondent", "writer", "columnist", "contributor", "journalist", "producer", "staff"),
        *("photographer", "redakteur", "redakteurin", "korrespondent", "korrespondentin"),
        *("journaliste", "rédacteur", "rédactrice", "correspondant", "correspondante", "periodista", "redactor"),
        *("redactora", "corresponsal", "giornalista", "redattore", "redattrice", "inviato", "jornalista"),
        *("repórter", "dziennikarz", "dziennikarka", "redaktor", "redaktorka", "korespondent", "korespondentka"),
    }
)
JOB_QUALIFIERS = frozenset(
    {
        *("senior", "contributing", "chief", "deputy", "managing", "executive", "associate", "assistant", "our"),
        *("special", "political", "foreign", "science", "technology", "tech", "health", "business", "sports"),
        *("games", "news", "digital", "web", "freier", "freie", "leitender", "leitende", "stellvertretender"),
    }
)
# A degree after the name, split off at its comma by trafilatura ("Brenda Goodman, MA").
_DEGREES = frozenset({"ma", "md", "phd", "ph d", "ms", "msc", "bsc", "ba", "mba", "mph", "rn", "dr"})
# What a byline or an author's link says before the name: the word for "by" where trafilatura strips
# only the English one ("Por María Carrasquilla"), a link to the author's page ("View all posts by …",
# "Zeige alle Beiträge von …"). Of the dumps' words for "by" (`dumps.lines.BYLINE_WORDS`) only those
# that open no surname: a field's "Von Trier" or "Di Caprio" is a name.
_BEFORE_NAME = re.compile(
    r"^(?:(?:by|por|par|door|от|автор)\s+"
    r"|(?:\w+\s+)?(?:all posts by|alle beiträge von|todas las entradas de|tous les articles de|tutti gli articoli di)\s+)"
    r"(?=[^\W\d_])",
    re.IGNORECASE,
)
# Between two names: ";" (trafilatura's join), the word for "and" ("Rocío Latorre y José Wilson"), an
# "&" that joins no company's "& Co", a credit for the editor ("Rob Ewaschuk Edited by Betsy Beyer").
_BETWEEN_NAMES = re.compile(r";|\s+(?:and|y|und|et)\s+|\s*&(?!\s*Co\b)\s*|\s+(?i:edited by)\s+")
# A copyright line is the rights holder's, not a byline ("Copyright Haufe-Lexware GmbH"), and a company's
# legal form is what is left of its name where trafilatura split it at its "&" ("… GmbH & Co. KG").
_COPYRIGHT = re.compile(r"^(?:copyright\b|©)", re.IGNORECASE)
_LEGAL_FORM = re.compile(r"^(?:co\.? ?kg(?:aa)?|gmbh|inc|ltd|llc|plc)\.?$", re.IGNORECASE)
# A web address trafilatura title-cased into a name ("www.haufe.de" read as "Www Haufe De").
_ADDRESS = re.compile(r"^www\s|^[\w-]+(?:\.[\w-]+)+$", re.IGNORECASE)


def split_authors(value: str | None) -> list[str]:
    """The names in an author field (trafilatura's is ";"-joined), each without what its byline held
    besides the name, leaving out what is no one's name (see `_no_name`)."""
    if not value:
        return []
    names = (_without_date(_BEFORE_NAME.sub("", name.strip())) for name in _BETWEEN_NAMES.split(value))
    names = (" ".join(without_job_title(name.split())) for name in names)
    return [name for name in names if name and not _no_name(name)]


def without_job_title(words: list[str]) -> list[str]:
    """A name's words up to its job title: the first job word, and the qualifiers just before it."""
    job = next((at for at, word in enumerate(words) if word.lower() in JOB_WORDS), None)
    if job is None:
        return words
    while job > 0 and words[job - 1].lower() in JOB_QUALIFIERS:
        job -= 1
    return words[:job]


def _no_name(name: str) -> bool:
    """A label, a degree, a lone letter, a month's or a day's name, a web address, a copyright line or
    a company's legal form: what a byline holds besides its names, or what the markup names as the
    author by mistake."""
    folded = name.casefold()
    return (
        folded in AUTHOR_LABELS
        or folded.rstrip(".") in _DEGREES
        or (len(folded) == 1 and folded.isascii())
        or folded in MONTHS
        or folded in WEEKDAYS
        or _ADDRESS.match(name) is not None
        or _COPYRIGHT.match(name) is not None
        or _LEGAL_FORM.match(name) is not None
    )


def _without_date(name: str) -> str:
    """A byline's name without the date trafilatura's byline reader glued on ("Joshua Sokol May" from
    "By Joshua Sokol May 3, 2019").

    Cut at a month's or a day's name or a number after at least two words ("Joe Wee Monday" from "Joe
    Wee Monday, February 29"): a month name can also be a first or middle name ("April Ryan", "Laura
    June Topolsky"), not a surname after them.
    """
    words = name.split()
    for index, word in enumerate(words[2:], start=2):
        if word.lower().rstrip(".,") in MONTHS or word.lower().rstrip(",") in WEEKDAYS or any(character.isdigit() for character in word):
            words = words[:index]
            break
    # What the date was written with stays behind in lower case ("Aleš Vávra před" from "před 2
    # hodinami", "2 hours ago"); a name's own small words stand inside it ("Ludwig van Beethoven").
    while len(words) > 2 and words[-1][:1].islower():
        words = words[:-1]
    return " ".join(words)
