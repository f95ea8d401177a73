"""Where alerts go: a signed webhook POST or an email through SMTP. Sinks with no Beam and no
knowledge of watchlists: each sends one message and says whether another try could succeed."""

from __future__ import annotations


class NotifyError(RuntimeError):
    """A message was not delivered; `retryable` is False for what another try cannot fix
    (a refused login, a 4xx answer, a rejected recipient)."""

    def __init__(self, message: str, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable
