"""The one exception the extraction core raises for documents it cannot turn into an article."""


class ExtractionError(Exception):
    """The document cannot be extracted; the message is the reason, phrased for people."""
