"""Times as people read them, always in Europe/London: "Tuesday 8 December, 10:00am"."""

from datetime import date, datetime

from web.marketplace import bp
from web.marketplace.availability import LONDON, to_london


def london(moment: datetime) -> datetime:
    """Aware moments are converted; naive ones are UTC, as stored."""
    return moment.astimezone(LONDON) if moment.tzinfo else to_london(moment)


def day_words(day: date, year: bool = False) -> str:
    return f"{day:%A} {day.day} {day:%B}" + (f" {day.year}" if year else "")


def clock_words(moment: datetime) -> str:
    return f"{moment.hour % 12 or 12}:{moment.minute:02d}{'am' if moment.hour < 12 else 'pm'}"


def when_words(moment: datetime | None, year: bool = True) -> str:
    if moment is None:
        return ""
    local = london(moment)
    return f"{day_words(local.date(), year)}, {clock_words(local)}"


bp.add_app_template_filter(when_words, "when_text")
bp.add_app_template_filter(lambda moment: clock_words(london(moment)), "clock_text")
