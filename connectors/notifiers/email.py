"""Email notifier: one plain-text message through an SMTP submission server, STARTTLS then login.

STARTTLS is required unless `starttls: false` (a relay on the same host): a server that does not
offer it is an error, never a silent fall-back to sending the password in clear.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr

from connectors.notifiers import NotifyError
from foundation.config_files import StrictModel


class EmailConfig(StrictModel):
    type: Literal["email"] = "email"
    host: str = Field(min_length=1)
    port: int = Field(default=587, gt=0, lt=65536)
    username: str | None = None
    password: SecretStr | None = None
    sender: str = Field(min_length=3, pattern=r"@")
    recipients: list[str] = Field(min_length=1)
    starttls: bool = True
    ca_certs: Path | None = None
    """CA certificate(s) to verify the server with, instead of the system's (a private relay)."""
    timeout: float = Field(default=10.0, gt=0, le=120)

    def describe(self) -> str:
        return f"email via {self.host}:{self.port}"


def send(config: EmailConfig, subject: str, text: str) -> None:
    """Send one message to every recipient; `NotifyError` if the server does not take it."""
    message = EmailMessage()
    message["From"] = config.sender
    message["To"] = ", ".join(config.recipients)
    message["Subject"] = subject
    message.set_content(text)
    try:
        smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        try:
            if config.starttls:
                context = ssl.create_default_context(cafile=str(config.ca_certs) if config.ca_certs else None)
                smtp.starttls(context=context)
            if config.username:
                _login(smtp, config.username, config.password.get_secret_value() if config.password else "")
            try:
                smtp.send_message(message)
            except (smtplib.SMTPServerDisconnected, OSError) as exc:
                # The message may have been taken before the connection went: at most once, no second try.
                raise NotifyError(f"{config.describe()}: no answer to the message, perhaps received: {exc}", retryable=False) from None
            smtp.quit()
        finally:
            # After an error the connection is just closed: QUIT would only add a round trip.
            smtp.close()
    except smtplib.SMTPNotSupportedError:
        raise NotifyError(f"{config.describe()}: the server offers no STARTTLS or no AUTH", retryable=False) from None
    except smtplib.SMTPAuthenticationError as exc:
        raise NotifyError(f"{config.describe()}: login refused ({exc.smtp_code})", retryable=False) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise NotifyError(f"{config.describe()}: recipients refused: {', '.join(exc.recipients)}", retryable=False) from None
    except smtplib.SMTPResponseException as exc:
        # 4xx is "try again later" in SMTP; 5xx is permanent.
        raise NotifyError(f"{config.describe()}: the server answered {exc.smtp_code}", retryable=exc.smtp_code < 500) from None
    except ssl.SSLCertVerificationError as exc:
        raise NotifyError(f"{config.describe()}: TLS certificate not trusted: {exc.verify_message}", retryable=False) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise NotifyError(f"{config.describe()}: {type(exc).__name__}: {exc}") from None


def _login(smtp: smtplib.SMTP, username: str, password: str) -> None:
    """One AUTH, with the first of PLAIN and LOGIN the server offers.

    `smtplib.SMTP.login` tries every mechanism in turn after a refusal: with a wrong password that
    is several failed logins per message, which servers count towards locking the account out.
    """
    smtp.ehlo_or_helo_if_needed()
    offered = smtp.esmtp_features.get("auth", "").upper().split()
    mechanism = next((name for name in ("PLAIN", "LOGIN") if name in offered), None)
    if mechanism is None:
        raise smtplib.SMTPNotSupportedError("no AUTH PLAIN or LOGIN")
    smtp.user, smtp.password = username, password
    smtp.auth(mechanism, getattr(smtp, f"auth_{mechanism.lower()}"))
