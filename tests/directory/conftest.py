"""Helpers for the public pages: parsed HTML and an empty search index after each test."""

import re

import pytest
from bs4 import BeautifulSoup

from web.services.index_store import get_index


@pytest.fixture(autouse=True)
def empty_search_index(app):
    """Tables are emptied after each test without ORM events, so the index is emptied to match."""
    yield
    with app.app_context():
        get_index().rebuild([])


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
