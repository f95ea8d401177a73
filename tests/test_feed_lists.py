"""Feed lists: `newsbeam feeds import` / `export` (OPML) and `feeds discover` against a site on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from connectors.feeds.opml import OpmlError, read_opml
from foundation.feed_settings import load_feeds
from pipelines.cli import main
from tests.support.feeds.server import FeedServer

FEEDS_FILE = """\
# My feeds. Unknown keys are errors.
feeds:
  - name: bbc-world
    url: https://feeds.bbci.co.uk/news/world/rss.xml
    interval: 300          # seconds between polls
    tags: [world]
  # - name: paused
  #   url: https://example.org/paused.xml

http:
  read_timeout: 5          # seconds between bytes
  allow_private_hosts: [127.0.0.1]

politeness:
  min_delay_per_host: 0    # the local test site needs no politeness
"""

OPML = """\
<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Reader export</title></head>
  <body>
    <outline text="News">
      <outline text="World">
        <outline type="rss" text="BBC World (again)" xmlUrl="HTTPS://feeds.bbci.co.uk/news/world/rss.xml/"/>
        <outline type="rss" text="Le Monde" title="Le Monde International" xmlUrl="https://www.lemonde.fr/international/rss_full.xml"/>
      </outline>
      <outline type="rss" text="bbc-world" xmlUrl="https://example.org/another-bbc-world.xml"/>
    </outline>
    <outline type="rss" text="Top level" xmlUrl="https://example.org/top.xml" category="/Science/Space"/>
    <outline type="rss" text="No URL"/>
    <outline type="rss" text="Gopher" xmlUrl="gopher://example.org/feed"/>
    <outline type="rss" text="Le Monde copy" xmlUrl="https://www.lemonde.fr/international/rss_full.xml"/>
  </body>
</opml>
"""


@pytest.fixture
def feeds_file(tmp_path: Path) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(FEEDS_FILE, encoding="utf-8")
    return path


def opml_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "list.opml"
    path.write_text(text, encoding="utf-8")
    return path


# -- import -------------------------------------------------------------------------------------


def test_import_adds_feeds_with_folder_tags_skips_known_urls_and_keeps_comments(tmp_path, feeds_file, capsys):
    assert main(["feeds", "import", str(opml_file(tmp_path, OPML)), "--feeds", str(feeds_file)]) == 0

    feeds = {feed.name: feed for feed in load_feeds(feeds_file).feeds}
    assert list(feeds) == ["bbc-world", "Le Monde International", "bbc-world (2)", "Top level"]
    assert feeds["Le Monde International"].tags == ("News", "World")
    assert feeds["bbc-world (2)"].tags == ("News",)
    assert feeds["Top level"].tags == ("Science", "Space")
    text = feeds_file.read_text(encoding="utf-8")
    # Comments and the other sections stay where they were; no backup was needed.
    assert text.startswith(FEEDS_FILE.split("  # - name: paused")[0])
    assert "#   url: https://example.org/paused.xml" in text and "# the local test site needs no politeness" in text
    assert load_feeds(feeds_file).politeness.min_delay_per_host == 0
    assert not (feeds_file.parent / "feeds.yaml.bak").exists()
    out = capsys.readouterr().out
    assert "skipped  BBC World (again): URL already in the feeds file" in out
    assert "skipped  Le Monde copy: URL already in the feeds file" in out
    assert "skipped  No URL: no xmlUrl" in out
    assert "skipped  Gopher: xmlUrl is not an http(s) URL" in out
    assert "3 feeds added to" in out


def test_import_twice_adds_nothing_the_second_time(tmp_path, feeds_file, capsys):
    opml = str(opml_file(tmp_path, OPML))
    assert main(["feeds", "import", opml, "--feeds", str(feeds_file)]) == 0
    once = feeds_file.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["feeds", "import", opml, "--feeds", str(feeds_file)]) == 0
    assert feeds_file.read_text(encoding="utf-8") == once
    assert "0 feeds added to" in capsys.readouterr().out


def test_dry_run_changes_nothing(tmp_path, feeds_file, capsys):
    assert main(["feeds", "import", str(opml_file(tmp_path, OPML)), "--feeds", str(feeds_file), "--dry-run"]) == 0
    assert feeds_file.read_text(encoding="utf-8") == FEEDS_FILE
    assert "3 feeds would be added to" in capsys.readouterr().out


def test_import_into_a_flow_style_list_rewrites_the_file_after_a_backup(tmp_path, capsys):
    feeds_file = tmp_path / "feeds.yaml"
    original = "# flow style\nfeeds: [{name: a, url: 'https://example.org/a.xml'}]\npolling: {interval: 600}\n"
    feeds_file.write_text(original, encoding="utf-8")
    assert main(["feeds", "import", str(opml_file(tmp_path, OPML)), "--feeds", str(feeds_file)]) == 0
    assert (tmp_path / "feeds.yaml.bak").read_text(encoding="utf-8") == original
    config = load_feeds(feeds_file)
    assert [feed.name for feed in config.feeds][:2] == ["a", "BBC World (again)"]
    assert config.polling.interval == 600
    assert "kept as" in capsys.readouterr().out


def test_opml_1_0_with_a_lower_case_xmlurl_and_text_only_is_read():
    listed = read_opml(
        b'<opml version="1.0"><head/><body><outline text="Tech"><outline text="Ars"'
        b' xmlurl="http://feeds.arstechnica.com/arstechnica/index"/></outline></body></opml>'
    )
    assert [(feed.name, feed.url, feed.tags) for feed in listed.feeds] == [
        ("Ars", "http://feeds.arstechnica.com/arstechnica/index", ("Tech",))
    ]


def test_import_creates_a_missing_feeds_file(tmp_path):
    feeds_file = tmp_path / "new" / "feeds.yaml"
    assert main(["feeds", "import", str(opml_file(tmp_path, OPML)), "--feeds", str(feeds_file)]) == 0
    assert len(load_feeds(feeds_file).feeds) == 4


@pytest.mark.parametrize(
    "text, problem",
    [
        ("<opml version='2.0'><body><outline text='x' xmlUrl='https://example.org/x.xml'></body></opml>", "not well-formed XML"),
        ("<rss version='2.0'><channel/></rss>", "not OPML"),
        ("<opml version='1.0'><head/></opml>", "no <body>"),
    ],
)
def test_malformed_opml_is_one_clear_error_exit_2_and_the_feeds_file_is_untouched(tmp_path, feeds_file, capsys, text, problem):
    assert main(["feeds", "import", str(opml_file(tmp_path, text)), "--feeds", str(feeds_file)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsbeam feeds import: ") and problem in err and "unchanged" in err
    assert len(err.splitlines()) == 1
    assert feeds_file.read_text(encoding="utf-8") == FEEDS_FILE


def test_opml_declaring_entities_is_refused(tmp_path, feeds_file, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    text = (
        f'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY leak SYSTEM "file://{secret}"><!ENTITY a "aaaaaaaaaa">]>'
        '<opml version="2.0"><body><outline text="&leak;&a;" xmlUrl="https://example.org/x.xml"/></body></opml>'
    )
    with pytest.raises(OpmlError, match="declares XML entities"):
        read_opml(text.encode())
    assert main(["feeds", "import", str(opml_file(tmp_path, text)), "--feeds", str(feeds_file)]) == 2
    assert "declares XML entities" in capsys.readouterr().err
    assert feeds_file.read_text(encoding="utf-8") == FEEDS_FILE


# -- export -------------------------------------------------------------------------------------


def test_export_then_import_gives_the_same_feeds(tmp_path, feeds_file):
    feeds_file.write_text(
        "feeds:\n"
        "  - {name: a, url: 'https://example.org/a.xml', interval: 300, tags: [world, politics]}\n"
        "  - {name: b, url: 'https://example.org/b.xml?x=1&y=2', interval: 90.5, fetch_pages: false}\n"
        "  - {name: 'Ünïcode & <co>', url: 'https://example.org/c.json', tags: [world]}\n"
        "  - {name: d, url: 'https://example.org/d.xml', tags: [space]}\n",
        encoding="utf-8",
    )
    exported = tmp_path / "out.opml"
    assert main(["feeds", "export", "--feeds", str(feeds_file), "-o", str(exported)]) == 0
    document = exported.read_text(encoding="utf-8")
    assert '<opml version="2.0">' in document and '<outline text="world" title="world">' in document

    copy = tmp_path / "copy.yaml"
    assert main(["feeds", "import", str(exported), "--feeds", str(copy)]) == 0
    assert load_feeds(copy).feeds == load_feeds(feeds_file).feeds


def test_export_to_standard_output(feeds_file, capsysbinary):
    assert main(["feeds", "export", "--feeds", str(feeds_file)]) == 0
    listed = read_opml(capsysbinary.readouterr().out)
    assert [(feed.name, feed.url, feed.tags) for feed in listed.feeds] == [
        ("bbc-world", "https://feeds.bbci.co.uk/news/world/rss.xml", ("world",)),
    ]


# -- discover -----------------------------------------------------------------------------------

HOME = """<!doctype html><html><head><title>The Harbour Gazette</title>
<link rel="alternate" type="application/atom+xml" title="City" href="/atom.xml">
<link rel="alternate" type="application/feed+json" title="Quay" href="feed.json">
<link rel="stylesheet" href="/style.css">
</head><body><h1>The Harbour Gazette</h1></body></html>"""

NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>{base}/articles/a.html</loc><news:news><news:publication><news:name>Gazette</news:name><news:language>en</news:language>
  </news:publication><news:publication_date>2024-06-03</news:publication_date><news:title>A</news:title></news:news></url>
  <url><loc>{base}/articles/b.html</loc><news:news><news:publication><news:name>Gazette</news:name><news:language>en</news:language>
  </news:publication><news:publication_date>2024-06-03</news:publication_date><news:title>B</news:title></news:news></url>
</urlset>"""

PLAIN_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{base}/about.html</loc></url></urlset>"""


@pytest.fixture(scope="module")
def site():
    server = FeedServer().start()
    for feed in ("rss", "atom", "json"):
        server.add(feed, f"{feed}-one")
        server.add(feed, f"{feed}-two")
    server.bodies["/"] = (HOME.encode(), "text/html; charset=utf-8")
    # Many sites answer any path with a page: /feed is one here, and must not be taken for a feed.
    server.bodies["/feed"] = (b"<!doctype html><html><body><p>Not found, but 200</p></body></html>", "text/html")
    server.bodies["/robots.txt"] = (b"User-agent: *\nDisallow: /private/\nSitemap: /sitemaps/news.xml\n", "text/plain")
    yield server
    server.stop()


@pytest.fixture
def site_sitemaps(site):
    site.bodies["/sitemaps/news.xml"] = (NEWS_SITEMAP.format(base=site.base).encode(), "application/xml")
    site.bodies["/sitemap.xml"] = (PLAIN_SITEMAP.format(base=site.base).encode(), "application/xml")
    return site


def test_discover_finds_link_rel_and_common_path_feeds_and_a_news_sitemap(site_sitemaps, feeds_file, capsys):
    site = site_sitemaps
    assert main(["feeds", "discover", f"{site.base}/", "--feeds", str(feeds_file), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)

    feeds = {feed["url"]: feed for feed in found["feeds"]}
    assert feeds == {
        f"{site.base}/atom.xml": {"url": f"{site.base}/atom.xml", "title": "The Harbour Gazette: City", "entries": 2, "found_by": "link"},
        f"{site.base}/feed.json": {"url": f"{site.base}/feed.json", "title": "The Harbour Gazette: Quay", "entries": 2, "found_by": "link"},
        f"{site.base}/rss.xml": {"url": f"{site.base}/rss.xml", "title": "The Harbour Gazette", "entries": 2, "found_by": "path"},
    }
    assert found["news_sitemaps"] == [{"url": f"{site.base}/sitemaps/news.xml", "news_urls": 2, "found_by": "robots.txt"}]
    rejected = {item["url"]: item["reason"] for item in found["rejected"]}
    assert rejected[f"{site.base}/feed"].startswith("not a feed")
    assert rejected[f"{site.base}/sitemap.xml"] == "a sitemap, but not a news sitemap (no <news:news>)"
    assert rejected[f"{site.base}/rss"] == "HTTP 404"


def test_discover_prints_titles_and_counts_and_add_appends_the_feeds(site_sitemaps, feeds_file, capsys):
    site = site_sitemaps
    assert main(["feeds", "discover", f"{site.base}/", "--feeds", str(feeds_file), "--add"]) == 0
    out = capsys.readouterr().out
    assert "3 feeds found" in out
    assert f"{site.base}/rss.xml  The Harbour Gazette  2 entries  (by path)" in out
    assert f"{site.base}/sitemaps/news.xml  2 news articles  (by robots.txt)" in out
    assert "3 feeds added to" in out
    names = [feed.name for feed in load_feeds(feeds_file).feeds]
    assert names == ["bbc-world", "The Harbour Gazette: City", "The Harbour Gazette: Quay", "The Harbour Gazette"]


def test_discover_given_a_feed_reports_that_feed(site, feeds_file, capsys):
    assert main(["feeds", "discover", f"{site.base}/rss.xml", "--feeds", str(feeds_file), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["feeds"][0] == {"url": f"{site.base}/rss.xml", "title": "The Harbour Gazette", "entries": 2, "found_by": "page"}
    assert [feed["url"] for feed in found["feeds"]].count(f"{site.base}/rss.xml") == 1


def test_discover_respects_the_private_address_guard(site, tmp_path, capsys):
    guarded = tmp_path / "feeds.yaml"
    guarded.write_text(FEEDS_FILE.replace("allow_private_hosts: [127.0.0.1]", "allow_private_hosts: []"), encoding="utf-8")
    assert main(["feeds", "discover", f"{site.base}/", "--feeds", str(guarded)]) == 1
    assert "cannot fetch" in capsys.readouterr().err


def test_discover_a_page_that_is_missing_exits_1(site, feeds_file, capsys):
    assert main(["feeds", "discover", f"{site.base}/no-such-page", "--feeds", str(feeds_file)]) == 1
    assert "answered HTTP 404" in capsys.readouterr().err


def test_a_url_that_is_not_http_is_a_usage_error(feeds_file, capsys):
    assert main(["feeds", "discover", "file:///etc/passwd", "--feeds", str(feeds_file)]) == 2


def test_the_feeds_section_of_an_imported_file_is_valid_yaml_of_the_same_shape(tmp_path, feeds_file):
    assert main(["feeds", "import", str(opml_file(tmp_path, OPML)), "--feeds", str(feeds_file)]) == 0
    data = yaml.safe_load(feeds_file.read_text(encoding="utf-8"))
    assert set(data) == {"feeds", "http", "politeness"}
    assert data["feeds"][1] == {
        "name": "Le Monde International",
        "url": "https://www.lemonde.fr/international/rss_full.xml",
        "tags": ["News", "World"],
    }
