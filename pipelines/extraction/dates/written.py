"""Day-month-year dates written with a month's name in the languages of European news sites:
`21.dez.2018 às 12h55`, `21 de dezembro de 2018`, `1. November 2021`, `24 novembre 2017 à 18:42`,
`5 marca 2019`, `3 ноября 2020`.

English names are `parsing.parse_date`'s. Here are the full names and the usual abbreviations of
French, German, Dutch, Spanish, Portuguese, Italian, the Scandinavian languages, and the genitive
forms Czech, Polish and Russian write after a day. No name stands for two months across these
languages (`mar` is March, `set` and `sep` September, `out`, `okt`, `ott` October everywhere), so the
table needs no language. A clock time glued after the year (`à 18:42`, `às 12h55`, `um 10:30`) is
kept, without an offset: the dump does not state one.
"""

from __future__ import annotations

import re
import unicodedata

from pipelines.extraction.dates.parsing import PartialDate, make_date

_NAMES = (
    "janvier janv januar jänner januari jan enero ene janeiro gennaio gen ledna stycznia января",
    "février févr fév fev februar feber februari feb febrero fevereiro febbraio února lutego февраля",
    "mars märz mär mrz maart mrt marts marzo mar março marca března марта",
    "avril avr april apr abril abr aprile dubna kwietnia апреля",
    "mai mei maj mayo may maio maggio mag května maja мая",
    "juin juni jun junio junho giugno giu června czerwca июня",
    "juillet juil juli jul julio julho luglio lug července lipca июля",
    "août aout august augusti augustus aug agosto ago srpna sierpnia августа",
    "septembre sept september sep septiembre setiembre setembro settembre set září września сентября",
    "octobre oct oktober okt octubre outubro out ottobre ott října października октября",
    "novembre nov november noviembre novembro listopadu listopada ноября",
    "décembre déc dezember dez december dec diciembre dic dezembro dicembre prosince grudnia декабря",
)
MONTH_NUMBERS = {name: number for number, names in enumerate(_NAMES, start=1) for name in names.split()}
_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
# The names that are no other word: a name of four letters or more (alone, "mar", "set" and "out" are words too).
LONG_MONTH_NAMES = frozenset(name for name in MONTH_NUMBERS if len(name) >= 4)
_LONG_MONTH = "|".join(sorted(LONG_MONTH_NAMES, key=len, reverse=True))
# A month's name where a date prints it after its day ("04. Dezember 2022", "01. Dez. 2022", "1. Mai
# 2019"): a long name, or any name with its dot or before a figure.
MONTH_AFTER_DAY = rf"(?i:(?:{_LONG_MONTH})\b|(?:{_MONTH})(?:\.|(?=\s+\d)))"
# `21.dez.2018`, `21 de dezembro de 2018`, `1. November 2021`, `3 janv. 2020`: a day, the month's name
# (an abbreviation may take a dot) and a four-digit year, each apart by a space, a dot or a `de`/`del`.
_SEP = r"(?:\s*\.\s*|\s+(?:de\s+|del\s+)?|\s*-\s*)"
_YEAR_SEP = r"(?:\s*\.\s*|,?\s+(?:de\s+|del\s+)?|\s*-\s*)"
# What may follow a year: no digit, or the page's next element glued to it by a converter that
# printed two elements without a space (`4 de mayo de 202200:00 hs`, `3. April 20223. April 2022`):
# a clock time or a day's ordinal, which may end the text read (a flattened dump's sentence cut after
# it: "Veröffentlicht am 19. Dezember 202219." / "Dezember 2022 von Redaktion …").
YEAR_END = r"(?:(?!\d)|(?=[0-2]?\d[:h][0-5]\d|[0-3]?\d\.(?:\s|$)))"
WRITTEN_DATE = re.compile(
    rf"(?<![\w.])(?P<day>[0-3]?\d)(?:er)?{_SEP}(?P<month>{_MONTH})\.?{_YEAR_SEP}(?P<year>(?:19|20)\d{{2}}){YEAR_END}"
    r"(?:[\s,]*(?:à|às|a las|alle|um|om|kl\.|o|в)?\s*(?P<hour>[0-2]?\d)[:h](?P<minute>[0-5]\d)(?!\d))?",
    re.IGNORECASE,
)


def _fold(name: str) -> str:
    """Lower-cased, in the composed form the table is written in (`É` decomposed by some pages)."""
    return unicodedata.normalize("NFC", name).lower()


def parse_written_date(text: str) -> PartialDate | None:
    """The first day-month-year date written with a month's name in `text`, with its clock time when glued to it."""
    for match in WRITTEN_DATE.finditer(unicodedata.normalize("NFC", text)):
        month = MONTH_NUMBERS.get(_fold(match["month"]))
        if month is None:
            continue
        hour = int(match["hour"]) if match["hour"] else None
        minute = int(match["minute"]) if match["minute"] else None
        found = make_date(int(match["year"]), month, int(match["day"]), hour, minute)
        if found is None and hour is not None:
            found = make_date(int(match["year"]), month, int(match["day"]))
        if found is not None:
            return found
    return None


def whole_written_date(text: str) -> PartialDate | None:
    """`text` read as one written date (a timestamp line's: `4. März 2021 um 10:30`), None when it holds anything else."""
    match = WRITTEN_DATE.fullmatch(unicodedata.normalize("NFC", text.strip()))
    return parse_written_date(match[0]) if match else None
