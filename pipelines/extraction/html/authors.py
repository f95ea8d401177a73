"""The authors an HTML page names: trafilatura's byline or metadata author, split into names and
cleared of what its byline reader glues to them (a date) or takes for one (a field's label)."""

from __future__ import annotations

import re

from pipelines.extraction.dates.parsing import MONTHS

# Field labels a page's markup names as its author (a comment form's "Username", a byline's "作者", an
# author box's "Follow @handle" button, its handle dropped): no one's name, and an authors facet in Kibana
# would list them.
AUTHOR_LABELS = frozenset(
    {
        *("username", "user name", "admin", "follow"),
        *("author", "authors", "autor", "autoren", "auteur", "auteurs", "autore", "autora", "作者", "記者"),
    }
)


def split_authors(value: str | None) -> list[str]:
    """The names in trafilatura's author field (";"-joined), each without the date its byline ran on into,
    leaving out the field labels a page's markup names as its author."""
    if not value:
        return []
    names = (_without_date(name.strip()) for name in re.split(r";|\s+and\s+|\s*&\s*", value))
    return [name for name in names if name and name.casefold() not in AUTHOR_LABELS]


def _without_date(name: str) -> str:
    """A byline's name without the date trafilatura's byline reader glued on ("Joshua Sokol May" from "By Joshua Sokol May 3, 2019").

    Cut at a month name or a number after at least two words: a month name can also be a first or
    middle name ("April Ryan", "Laura June Topolsky"), not a surname after them.
    """
    words = name.split()
    for index, word in enumerate(words[2:], start=2):
        if word.lower().rstrip(".,") in MONTHS or any(character.isdigit() for character in word):
            words = words[:index]
            break
    # What the date was written with stays behind in lower case ("Aleš Vávra před" from "před 2
    # hodinami", "2 hours ago"); a name's own small words stand inside it ("Ludwig van Beethoven").
    while len(words) > 2 and words[-1][:1].islower():
        words = words[:-1]
    return " ".join(words)
