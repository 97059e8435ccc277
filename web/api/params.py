"""Reading query parameters: each reader returns a typed value or raises ApiInputError naming the field."""

import math
import re
from datetime import time

from flask import request

from web.api.errors import ApiInputError

DAY_CODES = {
    "mo": "MO", "mon": "MO", "monday": "MO",
    "tu": "TU", "tue": "TU", "tues": "TU", "tuesday": "TU",
    "we": "WE", "wed": "WE", "wednesday": "WE",
    "th": "TH", "thu": "TH", "thur": "TH", "thurs": "TH", "thursday": "TH",
    "fr": "FR", "fri": "FR", "friday": "FR",
    "sa": "SA", "sat": "SA", "saturday": "SA",
    "su": "SU", "sun": "SU", "sunday": "SU",
}  # fmt: skip
# Identifiers are UUIDs; anything else cannot name a row, so it is refused before any query runs.
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_TEXT_LENGTH = 200


def text_param(name: str) -> str:
    value = request.args.get(name, "")
    if len(value) > MAX_TEXT_LENGTH:
        raise ApiInputError(name, f"{name} must be {MAX_TEXT_LENGTH} characters or fewer")
    if _CONTROL_CHARACTERS.search(value):
        raise ApiInputError(name, f"{name} must not contain control characters")
    return " ".join(value.split())


def _given(name: str) -> str | None:
    """The parameter's value, or None when it was not sent. A typed parameter sent empty is refused by
    its reader, as the OpenAPI document says: only the free-text ones take an empty value."""
    raw = request.args.get(name)
    return None if raw is None else raw.strip()


def int_param(name: str, *, default: int, minimum: int, maximum: int) -> int:
    raw = _given(name)
    if raw is None:
        return default
    if not re.fullmatch(r"[0-9]{1,9}", raw) or not minimum <= int(raw) <= maximum:
        raise ApiInputError(name, f"{name} must be a whole number from {minimum} to {maximum}")
    return int(raw)


def number_param(name: str, *, minimum: float, maximum: float, above_minimum: bool = False) -> float | None:
    """A decimal number in range, or None when absent. above_minimum excludes the minimum itself."""
    raw = _given(name)
    if raw is None:
        return None
    try:
        value = float(raw) if len(raw) <= 20 else math.nan
    except ValueError:
        value = math.nan
    too_low = value <= minimum if above_minimum else value < minimum
    if not math.isfinite(value) or too_low or value > maximum:
        lowest = f"more than {minimum:g}" if above_minimum else f"at least {minimum:g}"
        raise ApiInputError(name, f"{name} must be a number {lowest} and no more than {maximum:g}")
    return value


def day_param(name: str = "day") -> str | None:
    """A day of the week as an iCal code (MO..SU); accepts MO, Mon or Monday in any case."""
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    code = DAY_CODES.get(raw.lower())
    if code is None:
        raise ApiInputError(name, f"{name} must be a day of the week, like monday or MO")
    return code


def time_param(name: str) -> time | None:
    raw = _given(name)
    if raw is None:
        return None
    if not re.fullmatch(r"[0-9]{2}:[0-9]{2}(:[0-9]{2})?", raw):
        raise ApiInputError(name, f"{name} must be a time like 09:30")
    try:
        return time.fromisoformat(raw)
    except ValueError:
        raise ApiInputError(name, f"{name} must be a time like 09:30") from None


def is_uuid(value: str) -> bool:
    return bool(_UUID.fullmatch(value))


def uuid_param(name: str) -> str | None:
    raw = _given(name)
    if raw is None:
        return None
    if not is_uuid(raw):
        raise ApiInputError(name, f"{name} must be an identifier (a UUID) from this API")
    return raw.lower()
