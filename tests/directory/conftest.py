"""Helpers for the public pages: parsed HTML."""

import re

from bs4 import BeautifulSoup


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text_of(element) -> str:
    """The words a person reads, with runs of spaces and line breaks collapsed."""
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def error_for(soup: BeautifulSoup, field_id: str) -> str:
    """The error message shown next to a field (GOV.UK puts it in <p id="<field>-error">)."""
    message = soup.find(id=f"{field_id}-error")
    return text_of(message) if message else ""


def error_summary(soup: BeautifulSoup) -> list[tuple[str, str]]:
    summary = soup.select_one(".govuk-error-summary")
    if summary is None:
        return []
    return [(text_of(link), link["href"]) for link in summary.select("a")]
