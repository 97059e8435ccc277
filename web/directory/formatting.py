"""Jinja filters for what people read: dates, distances and phone links."""

import re
from datetime import date, datetime

from flask import Blueprint

from web.services.listings import distance_text, pence_text

_NOT_DIALLED = re.compile(r"[^\d+]")


def date_text(value: date | datetime | None) -> str:
    """GOV.UK style: "3 March 2026"."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def tel_href(number: str) -> str:
    """A tel: link that phones can dial: spaces and brackets removed, a leading + kept."""
    return "tel:" + _NOT_DIALLED.sub("", number)


def register_filters(blueprint: Blueprint) -> None:
    blueprint.add_app_template_filter(date_text)
    blueprint.add_app_template_filter(distance_text)
    blueprint.add_app_template_filter(pence_text)
    blueprint.add_app_template_filter(tel_href)
