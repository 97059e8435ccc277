"""The demo region's marketplace: bookable providers, one with expired insurance, and demo accounts."""

from datetime import date

import pytest
from sqlalchemy import func, select

from seed_data.demo_marketplace import BOOKABLE_COUNT, DEMO_ACCOUNTS
from web.extensions import db
from web.marketplace.bookable import business_of, is_bookable
from web.models import (
    CheckKind,
    ListingKind,
    Offering,
    ProviderBusiness,
    ProviderCheck,
    Service,
    User,
    WeeklyHours,
)


@pytest.fixture
def demo(app, client):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return app


def _marketplace_listings():
    return [
        service
        for service in db.session.scalars(select(Service).where(Service.kind == ListingKind.MICRO_PROVIDER))
        if business_of(service) is not None
    ]


def _counts():
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (ProviderBusiness, ProviderCheck, Offering, WeeklyHours, User)
    )


def test_at_least_25_listings_are_bookable_and_only_the_expired_one_is_not(demo, app_context):
    today = date.today()
    listings = _marketplace_listings()
    assert len(listings) == BOOKABLE_COUNT
    not_bookable = [s for s in listings if not is_bookable(s, today)]
    assert len(listings) - len(not_bookable) >= 25
    [expired] = not_bookable
    insurance = [c for c in business_of(expired).checks if c.kind is CheckKind.INSURANCE]
    assert insurance[0].expires_on < today


def test_some_insurance_runs_out_within_a_month_and_some_offerings_are_personal_care(demo, app_context):
    today = date.today()
    soon = db.session.scalars(
        select(ProviderCheck).where(
            ProviderCheck.kind == CheckKind.INSURANCE, ProviderCheck.expires_on >= today
        )
    ).all()
    assert sum(1 for c in soon if (c.expires_on - today).days <= 31) >= 2
    prices = db.session.scalars(select(Offering.price_pence)).all()
    assert all(1400 <= price <= 3000 for price in prices)
    care = db.session.scalars(select(Offering).where(Offering.is_personal_care)).all()
    for offering in care:
        kinds = {c.kind for c in business_of(offering.service).checks}
        assert kinds & {CheckKind.CQC, CheckKind.CQC_EXEMPTION}


def test_loading_twice_changes_nothing(demo, app_context):
    before = _counts()
    offerings = db.session.scalars(select(Offering.id).order_by(Offering.id)).all()
    result = demo.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert _counts() == before
    assert db.session.scalars(select(Offering.id).order_by(Offering.id)).all() == offerings


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.role.value)
def test_each_demo_account_can_sign_in(demo, client, account):
    response = client.post("/account/sign-in", data={"email": account.email, "password": account.password})
    assert response.status_code == 302
    assert client.get("/account").status_code == 200


def test_the_demo_provider_owns_a_bookable_business(demo, app_context):
    [provider] = [a for a in DEMO_ACCOUNTS if a.role.value == "provider"]
    user = db.session.scalar(select(User).filter_by(email=provider.email))
    business = db.session.scalar(select(ProviderBusiness).filter_by(organization_id=user.organization_id))
    assert business is not None
    service = db.session.scalar(select(Service).filter_by(organization_id=business.organization_id))
    assert is_bookable(service, date.today())


def test_the_accounts_are_printed_as_demo_only(demo):
    output = demo.test_cli_runner().invoke(args=["demo", "accounts"]).output
    assert "for the demo only" in output
    for account in DEMO_ACCOUNTS:
        assert account.email in output and account.password in output


def test_no_demo_account_exists_without_the_demo_load(app_context):
    emails = [a.email for a in DEMO_ACCOUNTS]
    assert db.session.scalar(select(func.count()).select_from(User).where(User.email.in_(emails))) == 0
