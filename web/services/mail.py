"""Outgoing email. The embedded default writes each message to MAIL_DIR as an .eml file, which a
person can open in any mail program; an SMTP sender will sit behind the same function later."""

import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app


def send_email(to: str, subject: str, body: str) -> Path:
    """Send a plain-text message; returns where it was written. The address is not kept anywhere else."""
    return write_eml(
        Path(current_app.config["MAIL_DIR"]), current_app.config["MAIL_SENDER"], to, subject, body
    )


def write_eml(mail_dir: Path, sender: str, to: str, subject: str, body: str) -> Path:
    message = EmailMessage()
    # The email package refuses header values with line breaks, so a hostile subject or address
    # cannot add headers.
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body)

    mail_dir.mkdir(parents=True, exist_ok=True)
    path = mail_dir / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:12]}.eml"
    path.write_bytes(bytes(message))
    return path
