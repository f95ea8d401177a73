"""What a page calls a date it prints: the article's publication ("Published", "Veröffentlicht am",
"Publié le") or its update ("Updated", "Aktualisiert", "Mis à jour"), in the languages of the dev
pages and their neighbours; and those that name a date as another event's ("Expires", "Deadline",
"Einsendeschluss": `OTHER_EVENT_LABEL`). A line that is nothing but a labelled date is a timestamp (`dumps.reader`); a
label just before a date in a byline says which of the two it is (`dumps.dates`).

No maintained library lists these words (htmldate and trafilatura read dates from markup and
patterns, dateparser parses the date itself), so they are kept here.
"""

from __future__ import annotations

import enum
import re


class DateLabel(enum.Enum):
    PUBLISHED = "published"
    UPDATED = "updated"


_PUBLISHED_WORDS = (
    "published",
    "posted",
    "created",
    "publié",
    "publiée",
    "publicado",
    "publicada",
    "pubblicato",
    "pubblicata",
    "veröffentlicht",
    "erstellt",
    "erschienen",
    "opublikowano",
    "gepubliceerd",
    "publicerad",
    "publiceret",
    "publisert",
    "julkaistu",
    "zveřejněno",
    "publikováno",
    "опубликовано",
)
_UPDATED_WORDS = (
    "last updated",
    "last modified",
    "updated",
    "modified",
    "aktualisiert",
    "geändert",
    "mis à jour",
    "màj",
    "actualizado",
    "actualizada",
    "atualizado",
    "atualizada",
    "aggiornato",
    "aggiornata",
    "zaktualizowano",
    "bijgewerkt",
    "uppdaterad",
    "opdateret",
    "oppdatert",
    "päivitetty",
    "aktualizováno",
    "обновлено",
)
# Words that name the date after them as another event's: when something ends, is due or takes
# place ("Expires: 18 June 2015", "Deadline: 15. März 2020", "Einsendeschluss", "Date limite").
_OTHER_EVENT_WORDS = (
    "expires",
    "expiry",
    "expiration",
    "deadline",
    "due date",
    "closing date",
    "event date",
    "valid until",
    "offer ends",
    "sale ends",
    "gültig bis",
    "läuft ab",
    "ablaufdatum",
    "frist",
    "stichtag",
    "einsendeschluss",
    "anmeldeschluss",
    "bewerbungsschluss",
    "teilnahmeschluss",
    "veranstaltungsdatum",
    "expire le",
    "date limite",
    "date de l'événement",
    "valable jusqu'au",
    "fecha límite",
    "fecha del evento",
    "vencimiento",
    "vence",
    "válido hasta",
    "scadenza",
    "valido fino al",
    "prazo",
    "válido até",
    "vervaldatum",
    "sluitingsdatum",
    "geldig tot",
    "ważne do",
    "wygasa",
)
# Such a word, then the joining word and colon a label may take, as a pattern to place before a date.
OTHER_EVENT_LABEL = rf"\b(?i:{'|'.join(_OTHER_EVENT_WORDS)})(?:\s+(?i:on|am|le|el|il|op|den|dnia))?\s*:?"
_PUBLISHED = "|".join(_PUBLISHED_WORDS)
_UPDATED = "|".join(_UPDATED_WORDS)
_PUBLISHED_WORD = re.compile(rf"\b(?:{_PUBLISHED})\b", re.IGNORECASE)
_UPDATED_WORD = re.compile(rf"\b(?:{_UPDATED})\b", re.IGNORECASE)
# A timestamp line's label: either kind, or a bare "Date", then a word joining it to the date
# ("Posted on", "Veröffentlicht am", "Publié le", "Publicado el") and a colon, both optional.
_LINE_LABEL = re.compile(
    rf"^(?:(?P<published>{_PUBLISHED})|(?P<updated>{_UPDATED})|date)"
    r"(?:\s+(?:date|on|at|am|le|el|em|il|op|den|dnia))?\s*:?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def label_before(lead: str) -> DateLabel | None:
    """What the words just before a date call it; the last label wins (`Published ... / Updated Dec. 7`)."""
    found = [(match.end(), DateLabel.PUBLISHED) for match in _PUBLISHED_WORD.finditer(lead)]
    found += [(match.end(), DateLabel.UPDATED) for match in _UPDATED_WORD.finditer(lead)]
    return max(found, key=lambda item: item[0])[1] if found else None


def is_label(word: str) -> bool:
    """Whether `word` is a date's label on its own ("Veröffentlicht", "Actualizado")."""
    return bool(_PUBLISHED_WORD.fullmatch(word) or _UPDATED_WORD.fullmatch(word))


def line_label(text: str) -> tuple[DateLabel | None, str] | None:
    """A line that opens with a date's label: the label (None for a bare "Date") and the rest of the
    line; None when the line opens with none."""
    match = _LINE_LABEL.match(text)
    if match is None or not match["rest"]:
        return None
    label = DateLabel.PUBLISHED if match["published"] else DateLabel.UPDATED if match["updated"] else None
    return label, match["rest"]
