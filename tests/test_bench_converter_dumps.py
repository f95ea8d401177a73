"""bench.dump_layouts and bench.converter_dumps: the layouts the dev pages are dumped in, and the dev-set copy scored."""

from __future__ import annotations

import gzip
import json

import pytest

from bench.converter_dumps import _dumped_devset
from bench.dump_layouts import CONVERTERS, LYNX_WIDTH, TRAINING, _run_program, chosen, dump_lynx, text_nodes
from foundation.records import RawDocument
from pipelines.extraction import extract
from tests.support.harbour_story import ARTICLE, FOOTER, HEADLINE, MENU

PAGE = (
    "<html><body><ul>"
    + "".join(f"<li>{item}</li>" for item in MENU)
    + f"</ul><h1>{HEADLINE}</h1><p>By Anna Berg, 4 March 2024</p>"
    + "".join(f"<p>{paragraph}</p>" for paragraph in ARTICLE)
    + "<footer>"
    + "".join(f"<p>{item}</p>" for item in FOOTER)
    + "</footer></body></html>"
)


def test_the_lynx_layout_wraps_and_indents_and_its_article_comes_out_whole() -> None:
    dump = dump_lynx(PAGE)
    lines = [line for line in dump.splitlines() if line]
    assert max(map(len, lines)) <= LYNX_WIDTH
    assert "     * Home" in lines and f"   {ARTICLE[0][:40]}" in "\n".join(lines)
    assert len(lines) > len(MENU) + len(ARTICLE) + len(FOOTER) + 2, "the paragraphs are wrapped"
    article = extract(RawDocument(source="test", content=dump.encode()))
    assert article.title == HEADLINE
    assert article.body.split("\n\n") == ARTICLE


def test_the_scored_copy_holds_the_converters_dumps_in_the_dev_sets_field(tmp_path) -> None:
    records = [{"id": "a", "url": None, "html": "<p>One</p>", "dump_html2txt": "old", "gold": {"body": "One"}}]
    path = tmp_path / "devset.jsonl.gz"
    _dumped_devset(records, lambda html: html.upper(), path)
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        assert [json.loads(line) for line in lines] == [records[0] | {"dump_html2txt": "<P>ONE</P>"}]


@pytest.mark.parametrize("name", list(CONVERTERS))
def test_every_layout_dumps_the_pages_headline_and_article(name: str) -> None:
    dump = " ".join(CONVERTERS[name](PAGE).split())
    assert HEADLINE in dump
    assert all(" ".join(paragraph.split()[:6]) in dump for paragraph in ARTICLE)


def test_text_nodes_break_a_sentence_at_its_link() -> None:
    assert text_nodes('<p>Read <a href="/x">the report</a> today.</p>').split("\n") == ["Read ", "the report", " today."]


def test_layouts_are_chosen_by_name_and_an_unknown_name_is_refused() -> None:
    assert list(chosen(None, TRAINING)) == list(TRAINING)
    assert list(chosen("lynx,bs4-text-nodes", TRAINING)) == ["lynx", "bs4-text-nodes"]
    with pytest.raises(ValueError, match="unknown layouts: lynks"):
        chosen("lines,lynks", TRAINING)


def test_a_browser_not_installed_is_named_with_its_package(monkeypatch) -> None:
    monkeypatch.delitem(CONVERTERS, "w3m-dump", raising=False)
    with pytest.raises(ValueError, match="not installed here: w3m .*apt-get install w3m"):
        chosen("lines,w3m-dump", TRAINING)


def test_a_program_is_given_the_page_as_a_file_and_its_failure_is_an_error() -> None:
    page = "<p>Fjörður, 4 March</p>"
    assert _run_program(("cat",), page) == page
    with pytest.raises(ValueError, match="false exited with 1"):
        _run_program(("false",), page)
    # The page goes out in UTF-8, so its own charset is declared as that.
    declared = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>腾讯科技</p>'
    assert _run_program(("cat",), declared) == '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><p>腾讯科技</p>'
