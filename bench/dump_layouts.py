"""Whole-page text dumps of an HTML page, in the layouts the dump models train on and are scored in.

Three layouts are written here from the page's blocks (`page_blocks`): one line per block (the
shape of `seeds/`), blank-separated blocks wrapped at 78 columns with bullets and heading marks, and
blocks wrapped and indented as `lynx -dump` prints them. The others are the converters people dump
pages with: trafilatura's `html2txt` (the whole page on one line), inscriptis (a browser's layout),
html2text and markdownify (Markdown, html2text wrapped at 78 columns by default), BeautifulSoup's
`get_text("\\n")` (a line per text node: a sentence broken at each link) and Zyte's html-text (a
line per block, its layout guessed from the tags). The packages beyond trafilatura come with the
`train` extra, so every layout is there wherever the lock is installed.

The terminal browsers and pandoc are run as the programs themselves where they are installed
(`apt-get install lynx w3m links elinks pandoc` on Debian): they print what the written layouts
leave out, images' alternative texts and file names, form fields, the list of link targets.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tempfile
import textwrap
from collections.abc import Callable

import html2text
import html_text
import inscriptis
import markdownify
import trafilatura
from bs4 import BeautifulSoup
from lxml import etree

Converter = Callable[[str], str]

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
DROPPED_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "select", "button")
# What BeautifulSoup's text would otherwise hold: code and styles, not the page's text.
SOUP_DROPPED_TAGS = ("script", "style", "noscript")
WRAP_WIDTH = 78
# lynx wraps at 79 columns and indents paragraphs by three spaces, list items by five and a bullet.
LYNX_WIDTH = 79


def page_blocks(html: str) -> list[tuple[str, str]]:
    """(tag of the enclosing block, text) for each block of the page, in reading order."""
    tree = trafilatura.load_html(html)
    if tree is None:
        return []
    for element in tree.xpath("|".join(f"//{tag}" for tag in DROPPED_TAGS)):
        element.drop_tree()
    blocks: list[tuple[str, str]] = []
    parts: list[str] = []
    stack: list[str] = ["body"]

    def flush() -> None:
        text = " ".join("".join(parts).split())
        if text:
            blocks.append((stack[-1], text))
        parts.clear()

    for event, element in etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in BLOCK_TAGS or tag == "br":
                flush()
            if tag in BLOCK_TAGS:
                stack.append(tag)
            if element.text:
                parts.append(element.text)
        else:
            if tag in BLOCK_TAGS:
                flush()
                stack.pop()
            if element.tail:
                parts.append(element.tail)
    flush()
    return blocks


def dump_lines(html: str) -> str:
    """One line per block, like `get_text("\\n")` of an HTML parser."""
    return "\n".join(text for _, text in page_blocks(html))


def dump_wrapped(html: str) -> str:
    """Blank-separated blocks wrapped at 78 columns, list items bulleted, headings marked."""
    return _wrapped(html, WRAP_WIDTH, indent="", bullet="  * ", mark_headings=True)


def dump_lynx(html: str) -> str:
    """Blocks wrapped and indented as `lynx -dump -nolist` prints them."""
    return _wrapped(html, LYNX_WIDTH, indent="   ", bullet="     * ", mark_headings=False)


def _wrapped(html: str, width: int, indent: str, bullet: str, mark_headings: bool) -> str:
    """The page's blocks, blank-separated and wrapped at `width`: paragraphs indented by `indent`,
    list items opened by `bullet` and indented under it, headings on one line (after `#`s if marked)."""
    out = []
    for tag, text in page_blocks(html):
        if tag == "li":
            out.append(textwrap.fill(text, width, initial_indent=bullet, subsequent_indent=" " * len(bullet)))
        elif tag in ("h1", "h2", "h3"):
            out.append("#" * int(tag[1]) + " " + text if mark_headings else text)
        else:
            out.append(textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent))
    return "\n\n".join(out)


def html2text_unwrapped(html: str) -> str:
    """html2text's Markdown with its paragraphs left on one line each."""
    converter = html2text.HTML2Text()
    converter.body_width = 0
    return converter.handle(html)


def _soup(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(SOUP_DROPPED_TAGS):
        element.decompose()
    return soup


def markdown_by_markdownify(html: str) -> str:
    return markdownify.markdownify(str(_soup(html)))


def text_nodes(html: str) -> str:
    """BeautifulSoup's `get_text("\\n")`: each text node on a line of its own."""
    return _soup(html).get_text("\n")


def text_nodes_stripped(html: str) -> str:
    """BeautifulSoup's `get_text("\\n", strip=True)`: the text nodes' own spaces stripped too."""
    return _soup(html).get_text("\n", strip=True)


def text_by_html_text(html: str) -> str:
    return html_text.extract_text(html, guess_layout=True)


# The programs' command lines, the page's file last; 80 columns, as a terminal has.
PROGRAMS: dict[str, tuple[str, ...]] = {
    "lynx-dump": ("lynx", "-dump", "-force_html", "-assume_charset=utf-8", "-display_charset=utf-8", "-width=80"),
    "lynx-dump-nolist": (
        "lynx",
        "-dump",
        "-nolist",
        "-force_html",
        "-assume_charset=utf-8",
        "-display_charset=utf-8",
        "-width=80",
    ),
    "w3m-dump": ("w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "80"),
    "links-dump": ("links", "-dump", "-html-assume-codepage", "utf-8", "-codepage", "utf-8", "-width", "80"),
    "elinks-dump": (
        "elinks",
        "-dump",
        "-dump-charset",
        "utf-8",
        "-dump-width",
        "80",
        "-eval",
        'set document.codepage.assume = "utf-8"',
        "-eval",
        "set document.codepage.force_assumed = 1",
    ),
    "pandoc-plain": ("pandoc", "-f", "html", "-t", "plain"),
}
PROGRAM_TIMEOUT_S = 60


# A page's own charset in its `<meta>`: the page is written out in UTF-8, and a program that believed
# the page's "gb2312" or "iso-8859-2" would print mojibake no reader of the real page would see.
_META_CHARSET = re.compile(r"(<meta\b[^>]*?charset\s*=\s*[\"']?)[\w-]+", re.IGNORECASE)


def _run_program(command: tuple[str, ...], html: str) -> str:
    """The page as `command` prints it; a ValueError when the program fails or hangs on it."""
    with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf-8") as page:
        page.write(_META_CHARSET.sub(r"\1utf-8", html))
        page.flush()
        try:
            done = subprocess.run([*command, page.name], capture_output=True, timeout=PROGRAM_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as error:
            raise ValueError(f"{command[0]} took over {PROGRAM_TIMEOUT_S} s") from error
    if done.returncode != 0:
        raise ValueError(f"{command[0]} exited with {done.returncode}: {done.stderr.decode(errors='replace')[-200:]}")
    return done.stdout.decode("utf-8", errors="replace")


def installed_programs() -> dict[str, Converter]:
    """The programs of `PROGRAMS` found on PATH, as converters."""
    return {name: functools.partial(_run_program, command) for name, command in PROGRAMS.items() if shutil.which(command[0])}


# Every layout, by the name `--layouts` and `--converters` take.
CONVERTERS: dict[str, Converter] = {
    "html2txt": trafilatura.html2txt,
    "inscriptis": inscriptis.get_text,
    "lines": dump_lines,
    "wrapped": dump_wrapped,
    "lynx": dump_lynx,
    "html2text": html2text.html2text,
    "html2text-unwrapped": html2text_unwrapped,
    "markdownify": markdown_by_markdownify,
    "bs4-text-nodes": text_nodes,
    "bs4-text-nodes-stripped": text_nodes_stripped,
    "html-text": text_by_html_text,
    **installed_programs(),
}
# What the shipped line model and headline ranker learnt from. Adding html2text, markdownify and
# bs4-text-nodes was tried (README, "Text dumps"): it helps on those layouts, not on the dev set's own.
TRAINING = ("html2txt", "inscriptis", "lines", "wrapped")
# What `bench.converter_dumps` scores: the layouts the dev set does not ship (it holds html2txt's
# and inscriptis' dumps).
SCORED = tuple(name for name in CONVERTERS if name not in ("html2txt", "inscriptis"))


def chosen(names: str | None, default: tuple[str, ...]) -> dict[str, Converter]:
    """The converters a comma-separated list names (`default` when None); an unknown name is an error."""
    wanted = names.split(",") if names else list(default)
    missing = [name for name in wanted if name in PROGRAMS and name not in CONVERTERS]
    if missing:
        programs = " ".join(PROGRAMS[name][0] for name in missing)
        raise ValueError(f"not installed here: {programs} (on Debian: apt-get install {programs})")
    unknown = [name for name in wanted if name not in CONVERTERS]
    if unknown:
        raise ValueError(f"unknown layouts: {', '.join(unknown)} (known: {', '.join(CONVERTERS)})")
    return {name: CONVERTERS[name] for name in wanted}
