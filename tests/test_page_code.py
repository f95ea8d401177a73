"""The page's scripts, stylesheets and JSON records a naive converter printed (lxml's
`text_content()`, a tag-stripping regular expression) are not the article's text."""

from __future__ import annotations

from foundation.records import RawDocument
from pipelines.extraction import extract
from pipelines.extraction.dumps.page_code import without_page_code
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU

STYLES = [
    ".svg-icon--rss { background-image: url('data:image/svg+xml;charset=US-ASCII,%3Csvg%20xmlns'); background-repeat: no-repeat; }",
    "a:hover, .nav > li.active { color: #c00; text-decoration: underline; }",
    "@media screen and (max-width: 600px) { .sidebar { display: none; } }",
    "#masthead .logo[data-size=large] { width: 240px; }",
    ".story-body p { font-size: 1.1rem; line-height: 1.6; }",
]
RECORD = [
    "{",
    '"@context": "http://schema.org"',
    ',"@type": "NewsArticle"',
    f',"headline": "{HEADLINE}"',
    ',"publisher": {',
    '"@type": "Organization",',
    '"name": "Coastal Herald"',
    "}",
    ',"datePublished": "2024-03-04T10:12:00+01:00"',
    "}",
]
SCRIPTS = [
    "window.herald = window.herald || {}; window.herald.section = 'local';",
    "(function(){var s=document.createElement('script');s.src='//stats.example/t.js';document.head.appendChild(s)})();",
    "/*<![CDATA[*/ var _sf_startpt = (new Date()).getTime(); /*]]>*/",
    "if (window.innerWidth < 600) { document.write('<div class=\"ad-mobile\"></div>'); }",
    "googletag.cmd.push(function(){googletag.display('ad-slot-1')});",
]


def test_a_dump_with_the_pages_code_keeps_the_article_without_it() -> None:
    dump = "\n".join([*STYLES, f"{HEADLINE} | Coastal Herald", *RECORD, *SCRIPTS[:2], *MENU, HEADLINE, *ARTICLE, *FOOTER, *SCRIPTS[2:]])
    article = extract(RawDocument(source="test", content=dump.encode(), url=None, content_type="text/plain"))
    assert article.title == HEADLINE
    assert article.body.split("\n\n") == ARTICLE


def test_an_articles_own_code_samples_are_its_text() -> None:
    # A tutorial quotes a request's headers and a rule or two; no converter that leaves the page's
    # code out prints enough of that shape to be read as one that printed it.
    samples = [
        '"Content-Type": "application/x-www-form-urlencoded"',
        '"X-Custom-Header": "ProcessThisImmediately",',
        ".warning { color: red; }",
        "window.onload = init;",
    ]
    lines = [ARTICLE[0], *samples, ARTICLE[1]]
    assert without_page_code(lines) == lines
