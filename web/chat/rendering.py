"""Showing the assistant's words safely: escaped text, with our own pages and phone numbers as links.

Nothing the assistant sends becomes HTML. A web address in its text is linked only when it is one of this
site's pages, and the link is always to that page on this site, whatever host the address named.
"""

import re
from urllib.parse import urlsplit

from flask import current_app, url_for
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from web.chat.conversation import ChatEntry, EntryKind
from web.directory.formatting import tel_href

_LINKABLE = re.compile(
    r"(?P<url>(?<![\w/])(?:https?://[^\s/<>\"']+)?/[A-Za-z][^\s<>\"']*)"
    r"|(?P<phone>\b0\d{2,4} ?\d{3,4} ?\d{3,4}\b|\b116 123\b|\b999\b|(?<=NHS )111\b)"
)
# Full stops and brackets after an address belong to the sentence, not the address.
_TRAILING_PUNCTUATION = ".,;:!?)'\""
_LINK = Markup('<a class="govuk-link" href="{href}">{text}</a>')
_LINE_BREAK = Markup("<br>")


def site_path(url: str) -> str | None:
    """The path and query of `url` when it is one of this site's pages (opened with GET), else None."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or not parts.path.startswith("/"):
        return None
    try:
        current_app.url_map.bind("localhost").match(parts.path, method="GET")
    except HTTPException:  # not found, wrong method, or a redirect to a different address
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def linked_text(text: str) -> Markup:
    """Escaped text, line breaks kept, with this site's addresses and phone numbers made into links."""
    return _LINE_BREAK.join(_linked_line(line) for line in text.split("\n"))


def _linked_line(line: str) -> Markup:
    result = Markup()
    position = 0
    for match in _LINKABLE.finditer(line):
        found = match.group()
        if match.group("url"):
            found = found.rstrip(_TRAILING_PUNCTUATION)
        href = site_path(found) if match.group("url") else tel_href(found)
        if href is None:
            continue
        # Adding plain strings to Markup escapes them; format() escapes its arguments.
        result += line[position : match.start()]
        result += _LINK.format(href=href, text=found)
        position = match.start() + len(found)
    return result + line[position:]


def urgent_help_lines() -> list[str]:
    config = current_app.config
    return [
        "If you or someone else is in danger now, call 999.",
        "For urgent medical help, call NHS 111.",
        "To talk to someone at any time, call Samaritans free on 116 123.",
        "To report abuse or neglect, call the council's safeguarding team on "
        f"{config['SAFEGUARDING_PHONE']}.",
    ]


def unavailable_lines() -> list[str]:
    config = current_app.config
    return [
        "Sorry, the assistant cannot answer right now.",
        "You can search the directory yourself, or call us on "
        f"{config['COUNCIL_PHONE']} ({config['COUNCIL_OPENING_HOURS']}).",
    ]


def transcript_text(entries: list[ChatEntry], site_url: str) -> str:
    """The conversation as plain text for an email, with full addresses a mail program can open."""
    site = site_url.rstrip("/")
    blocks = []
    for entry in entries:
        if entry.from_person:
            blocks.append(f"You: {entry.text}")
            continue
        lines = [entry.text] if entry.text else []
        if entry.kind is EntryKind.SAFETY_NET:
            lines = urgent_help_lines()
        elif entry.kind is EntryKind.UNAVAILABLE:
            lines = [*unavailable_lines(), f"Search: {site}{url_for('directory.search')}"]
        for listing in entry.listings:
            lines.append(
                f"- {listing.name}: {site}{url_for('directory.show_service', service_id=listing.id)}"
            )
            lines.extend(
                f"  {fact}" for fact in (listing.where, listing.when, listing.cost, listing.phone) if fact
            )
        if entry.search_url:
            lines.append(f"All results: {site}{entry.search_url}")
        blocks.append("Assistant: " + "\n".join(lines))
    return "\n\n".join(blocks)
