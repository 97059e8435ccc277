"""Choosing "I run a local care or support business or group" asks to join; it grants nothing until an
officer has checked the person and linked the account to their organisation."""

import json

import pytest
from sqlalchemy import select

from tests.accounts.conftest import field_errors
from tests.factories import make_service, make_user
from web.extensions import db
from web.models import ProviderRequest, ProviderRequestStatus, User
from web.models.accounts import Role
from web.services import accounts
from web.services.ownership import can_edit_service


def test_asking_to_join_makes_a_persons_account_with_a_request_awaiting_checks(client, register):
    response = register(role="provider", organization_name="  Sunny Days Companions ")
    assert response.status_code == 302
    user = db.session.scalar(select(User))
    assert user.role is Role.PERSON and user.organization is None
    request = db.session.scalar(select(ProviderRequest))
    assert (request.user, request.organization_name) == (user, "Sunny Days Companions")
    assert request.status is ProviderRequestStatus.AWAITING_CHECKS
    page = client.get("/account").text
    assert "You asked to list Sunny Days Companions" in page
    assert "A community support officer will check it" in page


def test_a_request_to_join_changes_no_listing(client, register):
    listing = make_service("Sunny Days Companions")
    register(role="provider", organization_name="Sunny Days Companions")
    assert not can_edit_service(db.session.scalar(select(User)), listing)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter the name of your business or group"),
        ("   ", "Enter the name of your business or group"),
        ("x" * 256, "The name must be 255 characters or fewer"),
        ("Sunny\u202eDays", "The name must only include letters, numbers, spaces and punctuation"),
    ],
)
def test_asking_to_join_needs_the_name_of_the_business(client, register, name, message):
    response = register(role="provider", organization_name=name)
    assert response.status_code == 400
    assert message in field_errors(response.text)
    assert db.session.scalar(select(User)) is None


def test_the_name_box_is_ignored_for_anyone_not_asking_to_join(client, register):
    assert register(role="carer", organization_name="").status_code == 302
    assert db.session.scalar(select(ProviderRequest)) is None


def test_an_officer_approves_a_provider_for_their_own_organisation_only(client, register):
    ours, theirs = make_service("Sunny Days Companions"), make_service("Another Provider")
    register(role="provider", organization_name="Sunny Days Companions")
    user = accounts.approve_provider(db.session, "priya@example.org", ours.organization)
    assert user.role is Role.PROVIDER and user.organization == ours.organization
    assert db.session.scalar(select(ProviderRequest)).status is ProviderRequestStatus.APPROVED
    assert can_edit_service(user, ours) and not can_edit_service(user, theirs)
    assert "Sunny Days Companions" in client.get("/account").text


def test_the_provider_role_cannot_be_given_without_an_organisation(app_context):
    make_user(email="sam@example.org")
    with pytest.raises(accounts.ProviderNeedsOrganisation):
        accounts.set_role(db.session, "sam@example.org", Role.PROVIDER)
    with pytest.raises(accounts.ProviderNeedsOrganisation):
        accounts.register_user(
            db.session, email="new@example.org", display_name="New", password="x" * 12, role=Role.PROVIDER
        )


def test_my_data_includes_my_request_to_join(client, register):
    register(role="provider", organization_name="Sunny Days Companions")
    data = json.loads(client.get("/account/your-data.json").data)
    [request] = data["requests_to_list_a_business_or_group"]
    assert request["name"] == "Sunny Days Companions" and request["status"] == "awaiting_checks"


def test_deleting_my_account_deletes_my_request(client, register):
    register(role="provider", organization_name="Sunny Days Companions")
    client.post("/account/delete")
    assert db.session.scalar(select(ProviderRequest)) is None


@pytest.fixture
def run_users(app, app_context):
    runner = app.test_cli_runner()
    return lambda *args: runner.invoke(args=["users", *args])


def test_approve_provider_links_the_account_to_the_organisation(run_users):
    listing = make_service("Sunny Days Companions")
    make_user(email="sam@example.org")
    result = run_users(
        "approve-provider", "--email", "sam@example.org", "--organisation-id", listing.organization_id
    )
    assert result.exit_code == 0, result.output
    assert "sam@example.org now manages the listings of Sunny Days Companions Ltd." in result.output
    assert db.session.scalar(select(User)).organization_id == listing.organization_id


def test_approve_provider_explains_an_unknown_account_or_organisation(run_users):
    listing = make_service("Sunny Days Companions")
    make_user(email="sam@example.org")
    unknown_org = run_users("approve-provider", "--email", "sam@example.org", "--organisation-id", "nope")
    assert unknown_org.exit_code != 0 and "No organisation has the id nope." in unknown_org.output
    unknown_user = run_users(
        "approve-provider", "--email", "who@example.org", "--organisation-id", listing.organization_id
    )
    assert unknown_user.exit_code != 0 and "No account uses who@example.org." in unknown_user.output


def test_set_role_no_longer_offers_provider(run_users):
    make_user(email="sam@example.org")
    result = run_users("set-role", "--email", "sam@example.org", "--role", "provider")
    assert result.exit_code != 0 and "'provider' is not one of" in result.output
