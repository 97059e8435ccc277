"""The one rule for whether a listing can be booked online, asked of one listing (the listing page and
booking pages) and of a page of results at once (search): both must give the same answer."""

from datetime import date, time, timedelta

from tests.factories import make_bookable_provider, make_service
from tests.statements import counted_statements
from web.extensions import db
from web.marketplace import bookable
from web.models import (
    AvailabilityException,
    CheckKind,
    CheckStatus,
    Offering,
    PriceUnit,
    ProviderStatus,
    Publication,
)


def is_bookable(service, today: date) -> bool:
    """The one-listing answer, checked against the answer for a page of results holding it."""
    alone = bookable.is_bookable(service, today)
    db.session.expire_all()
    in_a_page = service.id in bookable.bookable_service_ids([make_service("Another"), service], today)
    assert alone == in_a_page, "the listing page and search results disagree"
    return alone


def test_an_approved_provider_with_current_checks_can_be_booked(app_context):
    _business, offering, _ = make_bookable_provider()
    assert is_bookable(offering.service, date.today())


def test_a_directory_listing_without_a_business_cannot_be_booked(app_context):
    assert not is_bookable(make_service(), date.today())


def test_insurance_that_has_run_out_stops_bookings_the_day_after(app_context):
    expiry = date.today() + timedelta(days=3)
    _business, offering, _ = make_bookable_provider(check_expiry=expiry)
    assert is_bookable(offering.service, expiry)
    assert not is_bookable(offering.service, expiry + timedelta(days=1))


def test_a_business_waiting_for_checks_cannot_be_booked(app_context):
    business, offering, _ = make_bookable_provider()
    business.status = ProviderStatus.AWAITING_CHECKS
    db.session.commit()
    assert not is_bookable(offering.service, date.today())


def test_a_suspended_listing_cannot_be_booked(app_context):
    _business, offering, _ = make_bookable_provider()
    offering.service.publication = Publication.SUSPENDED
    db.session.commit()
    assert not is_bookable(offering.service, date.today())


def test_personal_care_needs_a_cqc_registration_or_an_accepted_exemption(app_context):
    business, offering, _ = make_bookable_provider(is_personal_care=True)
    cqc = next(c for c in business.checks if c.kind is CheckKind.CQC)
    cqc.status = CheckStatus.AWAITING_CHECKS
    db.session.commit()
    assert not is_bookable(offering.service, date.today())
    cqc.kind, cqc.status, cqc.reason = CheckKind.CQC_EXEMPTION, CheckStatus.ACCEPTED, "Help with meals only"
    db.session.commit()
    assert is_bookable(offering.service, date.today())


def test_extra_times_alone_are_enough_availability(app_context):
    business, offering, _ = make_bookable_provider()
    business.weekly_hours.clear()
    db.session.commit()
    assert not is_bookable(offering.service, date.today())
    business.exceptions.append(
        AvailabilityException(
            on=date.today() + timedelta(days=3), is_extra=True, starts=time(9), ends=time(12)
        )
    )
    db.session.commit()
    assert is_bookable(offering.service, date.today())


def test_a_listing_whose_offerings_are_all_withdrawn_cannot_be_booked(app_context):
    _business, offering, _ = make_bookable_provider()
    offering.is_active = False
    db.session.commit()
    assert not is_bookable(offering.service, date.today())


def test_a_withdrawn_personal_care_offering_does_not_need_cqc(app_context):
    _business, offering, _ = make_bookable_provider()
    db.session.add(
        Offering(
            service=offering.service,
            name="Help with washing",
            price_pence=2500,
            price_unit=PriceUnit.HOUR,
            is_personal_care=True,
            is_active=False,
        )
    )
    db.session.commit()
    assert is_bookable(offering.service, date.today())


def test_a_page_of_results_is_judged_in_two_statements(app_context):
    services = [
        make_bookable_provider(f"Helpers {n}", owner_email=f"p{n}@example.org")[1].service for n in range(5)
    ]
    services.append(make_service("Carers Centre"))
    for service in services:
        db.session.refresh(service)  # loaded, as a search's results are
    with counted_statements() as statements:
        found = bookable.bookable_service_ids(services, date.today())
    assert found == {service.id for service in services[:5]}
    assert len(statements) == 2
