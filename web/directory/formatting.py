"""Jinja filters for what people read: dates, distances and phone links."""

import re
from datetime import date, datetime

from flask import Blueprint

KM_PER_MILE = 1.609344
_NOT_DIALLED = re.compile(r"[^\d+]")


def miles_to_km(miles: float) -> float:
    return miles * KM_PER_MILE


def km_to_miles(km: float) -> float:
    return km / KM_PER_MILE


def date_text(value: date | datetime | None) -> str:
    """GOV.UK style: "3 March 2026"."""
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


def distance_text(km: float | None) -> str:
    """People in the UK judge walking and driving distances in miles: "1.2 miles"."""
    if km is None:
        return ""
    miles = km_to_miles(km)
    if miles < 0.1:
        return "less than 0.1 miles"
    rounded = round(miles, 1) if miles < 10 else round(miles)
    return "1 mile" if rounded == 1 else f"{rounded:g} miles"


def tel_href(number: str) -> str:
    """A tel: link that phones can dial: spaces and brackets removed, a leading + kept."""
    return "tel:" + _NOT_DIALLED.sub("", number)


def register_filters(blueprint: Blueprint) -> None:
    blueprint.add_app_template_filter(date_text)
    blueprint.add_app_template_filter(distance_text)
    blueprint.add_app_template_filter(tel_href)
