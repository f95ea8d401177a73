"""The HTML path: a page's body, title, metadata and dates (`reader.extract_html`)."""
