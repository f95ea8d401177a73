"""The authors a plain-text dump's byline names ("By Anna Berg and Jonas Lind", "Von Anna Berg").

The byline stands by the headline: on its own line under it, or, where a converter flattened the
page, glued after it in the same line ("… Avoid Allergy By Brenda Goodman, MA WebMD Health News").
It is looked for from the headline to the article's first lines, opened by the word for "by" in
the languages of `dumps.headlines.text.BYLINE`, written with a capital as bylines are (a lower-case
"by" inside a line is the sentence's unless a name and its date follow it; at a line's start, "by
Anna Berg", "Written by Anna Berg", it is the byline's); the names after it are runs of capitalised
words, parted by commas or "and". A run of one word is no one's full name ("By Tuesday", "By
Reuters"), nor is a month's or a weekday's name unless another name word follows it ("Laura June
Topolsky July 10"), and a job title after a name is not part of it ("Anna Berg Senior Reporter").
Where no "by" is printed, a line that is one name and a date, or one name over a line of its date
or of how long ago it was ("Anna Berg" / "Mar 4, 2024 10:00AM", "Anna Berg • 8h", "Aleš Vávra" /
"před 2 hodinami"; a "Follow" button may stand between them), is the byline. Where none follows the headline, one a few lines
above it is (a blog platform prints the author's block over the headline).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from pipelines.extraction.author_names import without_job_title
from pipelines.extraction.dates.labels import is_label, line_label
from pipelines.extraction.dates.parsing import MONTHS, WEEKDAYS, parse_date
from pipelines.extraction.dates.written import whole_written_date
from pipelines.extraction.dumps.headlines.text import DATE_START, reads_as_interface
from pipelines.extraction.dumps.lines import BYLINE_WORDS, LIST_MARKER, Line

# The words for "by" (`dumps.lines.BYLINE_WORDS`), and what follows one in a byline: a colon or
# spaces, then the name. No word or apostrophe may stand glued before it ("Abby", "Rugby").
_BY_WORDS = "|".join(BYLINE_WORDS)
_AFTER_BY = r"(?::\s*|\s+)(?=\w)"
_NOT_GLUED = r"(?<![\w'’])"
# The word that opens a byline, capitalised or in capitals.
_OPENING = re.compile(
    rf"{_NOT_GLUED}(?:{'|'.join(form for word in BYLINE_WORDS for form in (word.capitalize(), word.upper()))}){_AFTER_BY}"
)
# At a line's start the word for "by" opens a byline in any case, after a list's bullet or a verb
# of writing ("* by Anna Berg", "Written by Anna Berg"); a line glued to the one before is that
# line's sentence going on ("… was written" / "by the council").
_LINE_OPENING = re.compile(rf"^(?:{LIST_MARKER}\s+)?(?:(?:written|posted|story)\s+)?(?:{_BY_WORDS}){_AFTER_BY}", re.IGNORECASE)
# A lower-case "by" inside a line: a byline's after a date ("on March 10, 2015 by Anna Berg") or
# before one name and its date (`_signed`).
_INNER_OPENING = re.compile(rf"{_NOT_GLUED}(?:{_BY_WORDS}){_AFTER_BY}")
# The word for "by" alone on its line, the names on the next ("By" / "Anna Berg", "by:" / "Anna Berg").
_BARE_OPENING = frozenset(BYLINE_WORDS)
# What may stand between a name and its date on one line, or open the line under it: separators,
# a list's bullet, the reader's handle ("Anna Berg , @annaberg • 8h"), and "on" ("on Mar 27").
_BEFORE_DATE = re.compile(rf"^(?:(?:[-–—•·|,]|{LIST_MARKER}(?=\s)|@\w+|(?:on|am|le|el)\b)\s*)*", re.IGNORECASE)
# A list's bullet before the name on the line under a bare "by" ("por" / "* César Salza").
_LIST_ITEM = re.compile(rf"^{LIST_MARKER}\s+")
# How long ago, as a page prints a fresh story's time ("8h", "1 day ago", "vor 2 Stunden", "před 2
# hodinami", "2 godziny temu"; not a reading time, "14 min read").
_UNITS_AGO = {
    "en": "mins?|minutes?|hours?|hrs?|days?|weeks?",
    "de": "minuten?|stunden?|tagen?|wochen?",
    "fr": "min|minutes?|heures?|jours?|semaines?",
    "es": "minutos?|horas?|días?|semanas?",
    "pt": "minutos?|horas?|dias?|semanas?",
    "it": "minut[oi]|or[ae]|giorn[oi]|settiman[ae]",
    "pl": "minut[ęy]?|godzin[ęy]?|dzień|dni|tydzień|tygodnie",
    "nl": "minuut|minuten|uur|dagen|dag|weken|week",
    "cs": "minutou|minutami|hodinou|hodinami|dnem|dny|týdnem|týdny",
}
_AGO = re.compile(
    r"^(?:\d{1,2}(?:[mhd]"
    rf"|\s+(?:{_UNITS_AGO['en']})\s+ago|\s+(?:{_UNITS_AGO['it']})\s+fa|\s+(?:{_UNITS_AGO['pl']})\s+temu|\s+(?:{_UNITS_AGO['nl']})\s+geleden)"
    rf"|vor\s+\d{{1,2}}\s+(?:{_UNITS_AGO['de']})|il\s+y\s+a\s+\d{{1,2}}\s+(?:{_UNITS_AGO['fr']})"
    rf"|hace\s+\d{{1,2}}\s+(?:{_UNITS_AGO['es']})|há\s+\d{{1,2}}\s+(?:{_UNITS_AGO['pt']})|před\s+\d{{1,2}}\s+(?:{_UNITS_AGO['cs']}))$",
    re.IGNORECASE,
)
# Words that join two names, and the small words inside a name ("Ludwig van Beethoven").
_JOINS = frozenset({"and", "und", "et", "y", "e", "i", "en", "och", "og", "&"})
_PARTICLES = frozenset({"de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "ibn", "al"})
# Capitalised small words that end a name: what follows it is not a name ("Anna Berg On March 4").
_FUNCTION_WORDS = frozenset({"on", "the", "to", "in", "at", "for", "from", "am", "um", "im", "für", "el", "los", "las", "dans", "sur"})
# How far past the article's first unit the byline is looked for, and the most names it gives.
UNITS_AFTER_START = 2
# How far above the headline a byline is looked for where none follows it.
UNITS_BEFORE_TITLE = 10
# How many interface lines ("Follow") may stand between a name and the line of its date.
BUTTONS_BEFORE_DATE = 2
MAX_AUTHORS = 4
MAX_NAME_WORDS = 4
# The words `_names` reads after a byline's opening: a name and its separator, for each author.
NAME_WORDS_READ = MAX_AUTHORS * (MAX_NAME_WORDS + 1)
# A word as `str.split` cuts one (`\S` is what `str.isspace` is not).
_WORD = re.compile(r"\S+")
# The most words a line of one name and its date holds ("Anna Berg - Apr 16, 2015 8:02 pm UTC").
NAME_AND_DATE_WORDS = 16


def find_authors(lines: Sequence[Line], title_at: int | None, start: int | None) -> list[str]:
    """The names of the first byline between the headline (`title_at`, else a few units before the
    article) and the article's first units (`start`), else of the nearest above the headline
    (`_byline_above`); [] where none is found."""
    if start is None:
        return []
    first = title_at if title_at is not None else max(0, start - UNITS_AFTER_START)
    # A flattened dump's headline may be read on a copy glued after the block that printed it first,
    # with its byline ("… A Global Phenomenon by Anna Berg July 10, 2015" / "(All photos: …) …").
    if title_at is not None and title_at > 0 and lines[title_at].glued:
        first -= 1
    # A flattened dump's article "starts" at the first unit of the sentence the headline is glued in.
    window = range(first, min(max(start, first) + UNITS_AFTER_START + 1, len(lines)))
    for index in window:
        names = _signed(lines, index)
        if names:
            return names
    # Where no "by" is printed, a name with its date; never the headline's line, which may be a few
    # capitalised words over its date ("Web Workers" / "March 10, 2015").
    for index in window:
        names = _dated_name(lines, index) if index != title_at else []
        if names:
            return names
    return _byline_above(lines, first)


def _byline_above(lines: Sequence[Line], first: int) -> list[str]:
    """The names of the nearest byline in the `UNITS_BEFORE_TITLE` lines above line `first` (the
    headline): a signed one first, else a name with its date. Not the dump's first line: a name
    there is the site's (a blog's masthead over its post's date)."""
    above = range(first - 1, max(0, first - UNITS_BEFORE_TITLE - 1), -1)
    for find in (_signed, _dated_name):
        for index in above:
            names = find(lines, index)
            if names:
                return names
    return []


def _signed(lines: Sequence[Line], index: int) -> list[str]:
    """The names after the word for "by" in line `index`, or on the next line where the word stands alone."""
    line = lines[index]
    text = line.text
    openings = list(_OPENING.finditer(text))
    if not line.glued:
        openings += list(_LINE_OPENING.finditer(text))
        if _reads_as_date(text):
            openings += list(_INNER_OPENING.finditer(text))
        if text.strip().rstrip(":").lower() in _BARE_OPENING and index + 1 < len(lines):
            return _names(_LIST_ITEM.sub("", lines[index + 1].text).split())
    # A flattened dump's block cuts are guesses, and one may split a name ("By Joshua" /
    # "Sokol May 20, 2019"): where the line alone names no one, the block glued after it reads on.
    glued = lines[index + 1].text.split() if index + 1 < len(lines) and lines[index + 1].glued else []
    for opening in openings:
        words = _words_after(text, opening.end())
        names = _names(words) or _names(words + glued)
        # A sentence cut after a middle initial ("Por Gustavo E." / "Méndez 21 de abril") ends no
        # name: where the next line was cut from the same one, the name reads on into it.
        if names and _ends_on_initial(names[-1]) and index + 1 < len(lines) and lines[index + 1].source == line.source >= 0:
            names = _names(words + lines[index + 1].text.split()) or names
        if names:
            return names
    # Anywhere, a lower-case "by" and one name with its date after it ("… Phenomenon by Anna Berg July
    # 10, 2015"): a sentence's "by" is followed by more than a name and a date.
    for opening in _INNER_OPENING.finditer(text):
        names = _names(_words_after(text, opening.end()))
        if len(names) == 1 and _dated_after(text[opening.end() :].split(), names[0]):
            return names
    return []


def _ends_on_initial(name: str) -> bool:
    last = name.rsplit(" ", 1)[-1]
    return len(last) == 2 and last[0].isupper() and last[1] == "."


def _words_after(text: str, at: int) -> list[str]:
    """The first words of `text[at:]` that `_names` reads. A flattened page's line may hold thousands
    of openings, and splitting all that follows each one took minutes on such a page."""
    return [match.group() for match in itertools.islice(_WORD.finditer(text, at), NAME_WORDS_READ)]


def _dated_name(lines: Sequence[Line], index: int) -> list[str]:
    """The one name line `index` holds, where nothing but its date follows it, there or on the next line."""
    text = lines[index].text
    # A name and its date make a short line; a picture's credit names its subject and date
    # ("Amrumbank West Topside 28.04.2014 © E.ON").
    if text.count(" ") >= NAME_AND_DATE_WORDS or "©" in text:
        return []
    words = _BEFORE_DATE.sub("", text).split()
    names = _names(words)
    # An interface's label is name-shaped too, alone or after a name a block cut split ("Welch Follow").
    if (
        len(names) != 1
        or names[0].split() != words[: len(names[0].split())]
        or reads_as_interface(names[0])
        or any(map(reads_as_interface, names[0].split()))
    ):
        return []
    rest = _rest(words, names[0])
    if rest:
        return names if _reads_as_date(rest) else []
    below = index + 1
    while below < len(lines) and below <= index + BUTTONS_BEFORE_DATE and reads_as_interface(lines[below].text):
        below += 1
    return names if below < len(lines) and _reads_as_date(lines[below].text) else []


def _rest(words: list[str], name: str) -> str:
    """What follows the name that opens `words`, less the separators and handles before a date."""
    return _BEFORE_DATE.sub("", " ".join(words[len(name.split()) :]))


def _dated_after(words: list[str], name: str) -> bool:
    """Whether a date follows the name that opens `words`."""
    rest = _rest(words, name)
    return bool(rest) and _reads_as_date(rest)


def _reads_as_date(text: str) -> bool:
    """Whether `text` opens with a date, labelled or not, or with how long ago it was."""
    text = _BEFORE_DATE.sub("", text)
    labelled = line_label(text)
    if labelled is not None:
        # After a date's label, a date in any language ("Veröffentlicht am 4. März 2024").
        return bool(DATE_START.match(labelled[1]) or whole_written_date(labelled[1]) or parse_date(labelled[1]))
    return bool(DATE_START.match(text) or _AGO.match(text))


def _names(words: list[str]) -> list[str]:
    """The names at the start of `words`: runs of capitalised words (particles inside), parted by
    commas or a joining word. A comma alone may part a name from its job title or place ("Anna
    Berg, Senior Reporter", "Anna Berg SEOUL, South Korea"), so the runs after one count only in a
    list that a joining word closes ("Anna Berg, Jonas Lind and Eva Holm")."""
    runs: list[list[str]] = [[]]
    joined = False
    considered = words[:NAME_WORDS_READ]
    for at, word in enumerate(considered):
        bare = word.replace("\xad", "").strip(",;:")
        if bare.lower() in _JOINS and runs[-1]:
            joined = True
            runs.append([])
            continue
        handle = bare.find("@")
        if handle > 0:  # "Anna Berg@annaberg": the name, then her handle
            bare, word = bare[:handle], ""
        following = considered[at + 1] if at + 1 < len(considered) and word[-1:] not in ",;:" else ""
        if not _is_name_word(bare, runs[-1], following) or len(runs[-1]) == MAX_NAME_WORDS:
            break
        runs[-1].append(bare)
        if not word:
            break
        if word.endswith(","):
            runs.append([])
    names = [" ".join(run) for run in map(_trimmed, map(without_job_title, runs)) if len(run) >= 2]
    return names[:MAX_AUTHORS] if joined else names[:1]


def _is_name_word(word: str, current: list[str], following: str = "") -> bool:
    """Whether `word` goes on the name `current` holds; `following` is the next word, where no comma parts them."""
    if not word or any(char.isdigit() for char in word) or word.lower() in _FUNCTION_WORDS:
        return False
    if word.lower() in _PARTICLES:
        return bool(current)
    # A word in capitals after a name is a dateline's place ("Anna Berg SEOUL"), not her surname.
    # A middle initial ("Nelson D. Schwartz") is no place.
    if current and word.isupper() and len(word.rstrip(".")) > 1 and not current[-1].isupper():
        return False
    # A date's label ends the name ("Anna Berg Veröffentlicht am 4. März").
    return word[0].isupper() and not is_label(word) and (not _names_a_day(word) or _opens_a_name(following))


def _names_a_day(word: str) -> bool:
    return word.lower().rstrip(".") in MONTHS or word.lower() in WEEKDAYS


def _opens_a_name(word: str) -> bool:
    """Whether `word`, after a month's name, makes it a name's ("Laura June Topolsky", "April Ryan"):
    a capitalised word that names no day and holds no digit ("Anna Berg July 10, 2015" is a date)."""
    bare = word.strip(",;:")
    return bool(bare) and bare[0].isupper() and not any(char.isdigit() for char in bare) and not _names_a_day(bare) and not is_label(bare)


def _trimmed(run: list[str]) -> list[str]:
    """The run without particles at its end ("Anna Berg de" cut before a place)."""
    while run and run[-1].lower() in _PARTICLES:
        run = run[:-1]
    return run
