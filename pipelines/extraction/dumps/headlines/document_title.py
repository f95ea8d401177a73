"""The page's `<title>`, where a converter printed it: the dump's first line.

A converter that dumps the whole document (BeautifulSoup's `get_text()`, lxml's `text_content()`,
markdownify) prints the `<title>` before the page's text; most others open on the menu or a "Skip
to content" link, and those that flatten the page onto one line (html2txt) print no line of its own
for anything, so their dumps are not read for a title here (`search.find_headline`). The first line
is read as the page's title only when it is shaped like a heading, the rules left it as text (no
interface label, no row of links) and the article uses some of its words: a title names what the
page is about, a site's name, slogan or login line ("This Blog", "Top categories") does not. Such a
line gives the headline

- through its copy, printed again as a heading before the article's first line: the `<h1>` that
  the `<title>` repeats, whole or with the site's name added on one side of a separator ("New
  Zealand - Wikipedia"), whatever the ranker makes of the candidates;
- on its own, where the ranker finds no candidate likely (`DOUBTFUL`): a page without a heading
  before its text, or one whose candidates are section headings and pieces of sentences that the
  ranker, trained on dumps without a `<title>`, only half believes in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines.extraction.dumps.headlines.article_body import body_vocabulary, cohesion
from pipelines.extraction.dumps.headlines.model import Headline
from pipelines.extraction.dumps.headlines.text import DOUBLED_IN_PLACE, bracketed, is_heading, reads_as_links
from pipelines.extraction.dumps.lines import DumpLine, LineKind
from pipelines.extraction.text_keys import comparison_key

# Below this chance of the ranker's likeliest candidate, a first line that reads as the page's
# title is the headline instead. Measured on the dev pages' dumps by nine converters: from 0.3 on,
# titles rise on every converter that prints the `<title>` and fall on none; at 0.5 html2txt's
# flattened dumps lose two.
DOUBTFUL = 0.3
# Where a `<title>` joins the headline and the site's name ("New Zealand - Wikipedia", "Forum | Daily
# Times", "… :: PIXNET"); not a colon alone, which a headline holds ("Xbox One X review: a console …").
SITE_SEPARATOR = re.compile(r"\s+(?:[-|–—·»]|::)\s+")
# A hash glued to a line's first word (see `titled_headline`); a Markdown heading's is spaced apart.
_HASH_MARKED = re.compile(r"#\S")


def titled_headline(
    lines: Sequence[DumpLine], start: int, keys: Sequence[str], stops: frozenset[str], chance: float, picked: str = ""
) -> Headline | None:
    """The headline the dump's first line gives (see the module's docstring), if it reads as the
    page's title; `start` is the article's first line, `chance` the ranker's likeliest candidate's
    and `picked` its `comparison_key`."""
    first = next((index for index, line in enumerate(lines) if line.text.strip()), None)
    if first is None or first >= start:
        return None
    line = lines[first]
    if line.kind != LineKind.CONTENT or not is_heading(line.text) or reads_as_links(line.text) or bracketed(line.text):
        return None
    # A mark glued to the first word ("#Coastal Herald - RSS"): lynx prints the document's `<link>`s
    # so, and a hashtag is a share text's; a `<title>` opens on words.
    if _HASH_MARKED.match(line.text):
        return None
    if not cohesion(line.text, body_vocabulary(lines, start, stops, keys), stops):
        return None
    # A copy within `DOUBLED_IN_PLACE` lines, where the ranker picks another text, is the header
    # printing one thing twice (a logo's picture and name), not the `<h1>` under the `<title>` (a page
    # whose header holds little else prints them as close, and the ranker picks that text too).
    after = first + 1 if picked == keys[first] else first + DOUBLED_IN_PLACE + 1
    copy = next((index for index in range(after, start) if keys[index] == keys[first] and is_heading(lines[index].text)), None)
    if copy is None:
        copy = _copy_without_site(lines, first, start, keys)
    if copy is not None:
        return Headline(lines[copy].text, copy, True)
    return Headline(line.text, first, True) if chance < DOUBTFUL else None


def _copy_without_site(lines: Sequence[DumpLine], first: int, start: int, keys: Sequence[str]) -> int | None:
    """The heading nearest before `start` that prints the title at line `first` less the site's
    name on one side of a separator: the `<h1>` of a page titled "<headline> - <site>", not a copy
    in a teaser list above it. The side kept at each separator is the longer: the site's name is
    printed as a heading too (the page's logo), and as near the article as the headline often
    enough, but it is the shorter name."""
    parts = SITE_SEPARATOR.split(lines[first].text)
    sides = set()
    for cut in range(1, len(parts)):
        before, after = comparison_key(" ".join(parts[:cut])), comparison_key(" ".join(parts[cut:]))
        sides.add(max(before, after, key=len))
    return next((index for index in range(start - 1, first, -1) if keys[index] in sides and is_heading(lines[index].text)), None)
