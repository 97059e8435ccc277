"""The one rule for whether a listing can be booked online."""

from datetime import date, timedelta

from tests.factories import make_bookable_provider, make_service
from web.extensions import db
from web.marketplace.bookable import is_bookable
from web.models import CheckKind, CheckStatus, ProviderStatus, Publication


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
