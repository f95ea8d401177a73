"""WARC archives built in memory for the reader and pipeline tests."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HTML = b"<html><head><title>T</title></head><body><p>Hello world.</p></body></html>"


def warc_archive(gz: bool) -> bytes:
    """An HTML page (with Last-Modified), a 404, an image and a text: two documents to read."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)

    def response(url: str, status: str, ctype: str, body: bytes, extra: list[tuple[str, str]] = ()) -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype), *extra], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": "2024-05-01T10:00:00Z"}
        )
        writer.write_record(record)

    response("https://e.com/a", "200 OK", "text/html; charset=utf-8", HTML, [("Last-Modified", "Tue, 30 Apr 2024 08:00:00 GMT")])
    response("https://e.com/missing", "404 Not Found", "text/html", b"nope")
    response("https://e.com/img.png", "200 OK", "image/png", b"\x89PNG")
    response("https://e.com/b.txt", "200 OK", "text/plain", b"Some text.")
    return buffer.getvalue()


def crawl_archive(gz: bool, count: int = 60) -> bytes:
    """A crawl of `count` HTML pages of different sizes, with a request and a 404 between them."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for n in range(count):
        url = f"https://e.com/{n}"
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        status, body = (
            ("404 Not Found", b"nope") if n % 9 == 4 else ("200 OK", b"<html><body><p>" + b"word " * (n * 41 % 500) + b"</p></body></html>")
        )
        headers = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()
