"""The listing page's "Book online" section: what the provider sells, at what price, and whether it can
be booked online today (the one rule in web.marketplace.bookable)."""

from dataclasses import dataclass
from datetime import date

from web.marketplace.bookable import listing_takes_bookings, service_offerings
from web.marketplace.offerings import cancellation_words, length_words, price_words
from web.models import Offering, ProviderBusiness, Service


@dataclass(frozen=True)
class OfferingCard:
    name: str
    description: str
    who_it_is_for: str
    price: str  # "£20 an hour"
    minimum_length: str  # "1 hour 30 minutes"
    dp_payable: bool
    cancellation: str
    bookable_id: str | None  # the offering's id, only when it can be booked today (the page links it)


@dataclass(frozen=True)
class BookOnline:
    offerings: list[OfferingCard]
    bookable: bool
    phone: str | None  # the business's public phone, for when it cannot be booked online


def _card(offering: Offering, bookable: bool) -> OfferingCard:
    return OfferingCard(
        name=offering.name,
        description=offering.description,
        who_it_is_for=offering.who_it_is_for,
        price=price_words(offering),
        minimum_length=length_words(offering.minimum_minutes),
        dp_payable=offering.dp_payable,
        cancellation=cancellation_words(offering),
        bookable_id=offering.id if bookable else None,
    )


def book_online_section(
    service: Service, business: ProviderBusiness | None, today: date
) -> BookOnline | None:
    """None when the listing sells nothing through the site (most of the directory)."""
    if business is None:
        return None
    offerings = service_offerings(service)
    current = [offering for offering in offerings if offering.is_active]
    if not current:
        return None
    bookable = listing_takes_bookings(service, business, offerings, today)
    return BookOnline(
        offerings=[_card(offering, bookable) for offering in current],
        bookable=bookable,
        phone=business.public_phone or None,
    )
