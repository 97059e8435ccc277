"""Every page says who may open it, and only a listing's own provider (or staff) may change it."""

import pytest
from flask import Blueprint

from tests.accounts.conftest import make_fresh_app
from tests.factories import make_service
from tests.url_map import url_of
from web.access import Access, access_of, owner_required
from web.extensions import db
from web.models import User
from web.models.accounts import Role
from web.services.ownership import can_edit_service
from web.services.passwords import hash_password

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def password_hash() -> str:
    return hash_password(PASSWORD)  # once: hashing is slow on purpose


def test_every_endpoint_makes_an_explicit_access_decision(app):
    """A new page or API route with no decision fails here, before anyone can open it by mistake.

    Flask's static endpoint serves the built CSS, JavaScript and images, public by nature. Error
    handlers are not endpoints: they answer for the view that failed, whose decision already applies.
    """
    undecided = [
        f"{rule.endpoint} ({rule.rule})"
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and access_of(app.view_functions[rule.endpoint]) not in set(Access)
    ]
    assert undecided == [], "Mark these views with @public, @signed_in, @role_required or @owner_required"


def test_every_endpoint_that_is_not_public_sends_an_anonymous_visitor_to_sign_in(app, client):
    guarded = [
        rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static" and access_of(app.view_functions[rule.endpoint]) is not Access.PUBLIC
    ]
    assert guarded, "the account pages at least are for signed-in people"
    for rule in guarded:
        path = url_of(rule)
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS", "HEAD"})[0]
        response = client.open(path, method=method)
        assert response.status_code == 302, rule.endpoint
        assert response.headers["Location"].startswith("/account/sign-in?next="), rule.endpoint


# ---- who may change a listing -------------------------------------------------------------------

editing = Blueprint("editing", __name__)


@editing.get("/listings/<service_id>/edit")
@owner_required
def edit_listing(service_id: str):
    return f"editing {service_id}"


@pytest.fixture(scope="module")
def editing_app(app):
    editing_app = make_fresh_app(app)
    editing_app.register_blueprint(editing)
    yield editing_app
    with editing_app.app_context():
        db.engine.dispose()


@pytest.fixture
def listings(app_context, password_hash):
    """Two providers' listings, and one account for each way of using the service."""
    ours, theirs = make_service("Abram Home Helpers"), make_service("Bryn Garden Friends")
    accounts = {}
    for name, role, organization in [
        ("person", Role.PERSON, None),
        ("carer", Role.CARER, None),
        ("provider of A", Role.PROVIDER, ours.organization),
        ("provider of B", Role.PROVIDER, theirs.organization),
        ("officer", Role.OFFICER, None),
        ("admin", Role.ADMIN, None),
    ]:
        email = f"{role.value}.{len(accounts)}@example.org"
        user = User(email=email, display_name=name, password_hash=password_hash, role=role)
        user.organization = organization
        db.session.add(user)
        accounts[name] = user
    db.session.commit()
    return ours, accounts


# Who may change provider A's listing.
MATRIX = [
    ("anonymous", False),
    ("person", False),
    ("carer", False),
    ("provider of A", True),
    ("provider of B", False),
    ("officer", True),
    ("admin", True),
]


@pytest.mark.parametrize(("who", "may_edit"), MATRIX)
def test_only_the_listings_own_provider_and_staff_may_change_it(listings, who, may_edit):
    from flask_login import AnonymousUserMixin

    listing, accounts = listings
    user = accounts.get(who) or AnonymousUserMixin()
    assert can_edit_service(user, listing) is may_edit


@pytest.mark.parametrize(("who", "may_edit"), MATRIX)
def test_the_owner_guard_answers_each_account_as_the_rule_says(editing_app, listings, who, may_edit):
    listing, accounts = listings
    client = editing_app.test_client()
    if who != "anonymous":
        signed = client.post("/account/sign-in", data={"email": accounts[who].email, "password": PASSWORD})
        assert signed.status_code == 302
    response = client.get(f"/listings/{listing.id}/edit")
    if may_edit:
        assert response.text == f"editing {listing.id}"
    elif who == "anonymous":
        assert response.status_code == 302 and response.headers["Location"].startswith("/account/sign-in")
    else:
        assert response.status_code == 403
        assert "You do not have permission to see this page" in response.text


def test_a_suspended_account_may_change_nothing(listings):
    listing, accounts = listings
    provider = accounts["provider of A"]
    provider.is_active_account = False
    assert not can_edit_service(provider, listing)


def test_an_unknown_listing_is_not_found_once_signed_in(editing_app, listings):
    _, accounts = listings
    client = editing_app.test_client()
    client.post("/account/sign-in", data={"email": accounts["officer"].email, "password": PASSWORD})
    assert client.get("/listings/00000000-0000-0000-0000-000000000000/edit").status_code == 404
