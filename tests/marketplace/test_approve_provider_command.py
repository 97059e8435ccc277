"""`flask users approve-provider` approves the organisation's business by the officers' page's own rule."""

import pytest
from sqlalchemy import select

from tests.factories import make_user
from tests.marketplace.test_providers_flow import (  # noqa: F401
    add_dbs,
    add_insurance,
    applicant,
    business_form,
    officer,
    sign_in,
)
from web.extensions import db
from web.models import ProviderRequestStatus, Publication, Service, User
from web.models.marketplace import CheckStatus, ProviderBusiness, ProviderStatus


@pytest.fixture
def setting_up(client, applicant):  # noqa: F811
    assert client.post("/provider/set-up", data=business_form()).status_code == 302
    return db.session.scalar(select(ProviderBusiness))


@pytest.fixture
def run_users(app):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=["users", *args])


def approve(run_users, business: ProviderBusiness, email: str = "priya@example.org"):
    return run_users("approve-provider", "--email", email, "--organisation-id", business.organization_id)


def state_of(business_id: int) -> dict:
    """What approval changes, as the officer and the public see it."""
    db.session.expire_all()
    business = db.session.get(ProviderBusiness, business_id)
    owner = db.session.scalar(select(User).filter_by(organization_id=business.organization_id))
    listings = db.session.scalars(select(Service).filter_by(organization_id=business.organization_id))
    return {
        "status": business.status,
        "approved": business.approved_at is not None,
        "checks": sorted(check.status.value for check in business.checks),
        "listings": sorted(service.publication.value for service in listings),
        "requests": [request.status for request in owner.provider_requests],
    }


def test_the_command_approves_the_business_its_checks_and_its_listing(client, setting_up, run_users):
    assert add_dbs(client).status_code == 302
    assert add_insurance(client).status_code == 302

    result = approve(run_users, setting_up)

    assert result.exit_code == 0, result.output
    assert "Sunny Days Companions is approved and its listings are published." in result.output
    assert state_of(setting_up.id) == {
        "status": ProviderStatus.APPROVED,
        "approved": True,
        "checks": ["accepted", "accepted"],
        "listings": [Publication.PUBLISHED.value],
        "requests": [ProviderRequestStatus.APPROVED],
    }


def test_the_command_and_the_officers_page_leave_a_business_in_the_same_state(client, setting_up, run_users):
    assert add_dbs(client).status_code == 302
    approve(run_users, setting_up)
    by_command = state_of(setting_up.id)
    # Back to waiting, then approved from the officers' page.
    business = db.session.get(ProviderBusiness, setting_up.id)
    business.status, business.approved_at = ProviderStatus.AWAITING_CHECKS, None
    for check in business.checks:
        check.status = CheckStatus.AWAITING_CHECKS
    db.session.commit()
    client.post("/account/sign-out")
    officer()
    sign_in(client, "olu@example.org")
    assert client.post(f"/officers/providers/{setting_up.id}/approve").status_code == 302
    assert state_of(setting_up.id) == by_command


def test_a_business_without_checks_is_approved_with_none_made_up(client, setting_up, run_users):
    result = approve(run_users, setting_up)
    assert result.exit_code == 0, result.output
    state = state_of(setting_up.id)
    assert state["status"] is ProviderStatus.APPROVED and state["checks"] == []


def test_an_unknown_account_changes_nothing(client, setting_up, run_users):
    result = approve(run_users, setting_up, email="who@example.org")
    assert result.exit_code != 0 and "No account uses who@example.org." in result.output
    assert state_of(setting_up.id)["status"] is ProviderStatus.SETTING_UP


def test_an_organisation_without_a_business_only_gets_its_provider(client, run_users):
    from tests.factories import make_service

    listing = make_service("Wigan Carers Centre")
    make_user(email="sam@example.org")
    result = run_users(
        "approve-provider", "--email", "sam@example.org", "--organisation-id", listing.organization_id
    )
    assert result.exit_code == 0, result.output
    assert "is approved" not in result.output
    assert db.session.scalar(select(ProviderBusiness)) is None
