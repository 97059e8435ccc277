"""Outgoing email. The embedded default writes each message to MAIL_DIR as an .eml file, which a
person can open in any mail program; in production MAIL_SERVER (and friends) send it by SMTP."""

import smtplib
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app

# One attachment: (file name, media type such as "text/calendar; method=REQUEST", content).
Attachment = tuple[str, str, bytes]


def send_email(to: str, subject: str, body: str, attachments: tuple[Attachment, ...] = ()) -> Path | None:
    """Send a plain-text message: by SMTP when MAIL_SERVER is set, otherwise written to MAIL_DIR (the
    path is returned). The address is not kept anywhere else."""
    config = current_app.config
    if config.get("MAIL_SERVER"):
        message = build_message(config["MAIL_SENDER"], to, subject, body, attachments)
        smtp_class = smtplib.SMTP_SSL if config.get("MAIL_USE_SSL") else smtplib.SMTP
        with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
            if config.get("MAIL_USE_TLS") and not config.get("MAIL_USE_SSL"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
        return None
    return write_eml(Path(config["MAIL_DIR"]), config["MAIL_SENDER"], to, subject, body, attachments)


def write_eml(
    mail_dir: Path, sender: str, to: str, subject: str, body: str, attachments: tuple[Attachment, ...] = ()
) -> Path:
    message = build_message(sender, to, subject, body, attachments)
    mail_dir.mkdir(parents=True, exist_ok=True)
    path = mail_dir / f"{datetime.now(UTC):%Y%m%dT%H%M%S.%f}-{uuid.uuid4().hex[:12]}.eml"
    path.write_bytes(bytes(message))
    return path


def build_message(
    sender: str, to: str, subject: str, body: str, attachments: tuple[Attachment, ...] = ()
) -> EmailMessage:
    message = EmailMessage()
    # The email package refuses header values with line breaks, so a hostile subject or address
    # cannot add headers.
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body)
    for filename, media_type, content in attachments:
        main_type, _, rest = media_type.partition("/")
        sub_type, *params = [part.strip() for part in rest.split(";")]
        extra = dict(param.split("=", 1) for param in params if "=" in param)
        message.add_attachment(content, maintype=main_type, subtype=sub_type, filename=filename, params=extra)
    return message
