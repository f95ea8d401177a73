"""A minimal news page around a headline and its paragraphs, for the tests that serve one."""

from __future__ import annotations


def article_page(headline: str, paragraphs: list[str]) -> str:
    """The page: the headline as its `<title>` and `<h1>`, the paragraphs in an `<article>`."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>{body}</article></body></html>"
