"""Providers add, change and withdraw offerings on their own listings; nobody else can."""

from datetime import date

import pytest

from tests.accounts.conftest import field_errors
from tests.factories import make_bookable_provider, make_term, make_user
from web.extensions import db
from web.marketplace.bookable import is_bookable
from web.models import CheckKind, CheckStatus, Offering, ProviderCheck
from web.models.accounts import Role

PASSWORD = "correct horse battery"


def sign_in(client, email):
    client.post("/account/sign-in", data={"email": email, "password": PASSWORD})


@pytest.fixture
def provider(client):
    business, offering, owner = make_bookable_provider()
    make_term("home_help", "Home help")
    db.session.commit()
    return business, offering, owner


def good_form(offering, **overrides):
    term = make_term("home_help", "Home help")
    db.session.commit()
    form = {
        "service_id": offering.service_id,
        "name": "Gardening",
        "description": "Weeding and mowing.",
        "category": term.id,
        "who_it_is_for": "Older people",
        "is_personal_care": "no",
        "price": "18.50",
        "price_unit": "hour",
        "minimum_minutes": "60",
        "dp_payable": "yes",
        "free_cancellation_hours": "24",
        "late_fee_percent": "50",
    }
    form.update(overrides)
    return form


def test_provider_adds_an_offering_priced_in_pence(client, provider):
    _, offering, owner = provider
    sign_in(client, owner.email)
    response = client.post("/provider/offerings/new", data=good_form(offering))
    assert response.status_code == 302
    added = db.session.scalar(db.select(Offering).filter_by(name="Gardening"))
    assert added.price_pence == 1850 and added.dp_payable and added.late_fee_percent == 50
    assert "£18.50 an hour" in client.get("/provider/offerings").get_data(as_text=True)


def test_personal_care_without_cqc_warns_that_nothing_can_be_booked(client, provider):
    business, offering, owner = provider
    sign_in(client, owner.email)
    warning = "People cannot book any of your offerings yet."
    assert warning not in client.get("/provider/offerings").text
    assert is_bookable(offering.service, date.today())
    response = client.post(
        "/provider/offerings/new",
        data=good_form(offering, name="Washing and dressing", is_personal_care="yes"),
    )
    assert response.status_code == 302
    page = client.get("/provider/offerings").text
    assert warning in page
    assert "Washing and dressing" in page and "includes personal care" in page
    assert 'href="/provider/checks/add/cqc"' in page
    assert not is_bookable(offering.service, date.today())
    # An exemption waiting for an officer is not enough; once accepted, the warning goes.
    business.checks.append(
        ProviderCheck(kind=CheckKind.CQC_EXEMPTION, reason="Support only, no regulated care")
    )
    db.session.commit()
    assert warning in client.get("/provider/offerings").text
    business.checks[-1].status = CheckStatus.ACCEPTED
    db.session.commit()
    assert warning not in client.get("/provider/offerings").text
    assert is_bookable(offering.service, date.today())


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("price", "0", "Price must be more than £0"),
        ("price", "1000.01", "Price must be £1,000 an hour or less"),
        ("price", "lots", "Enter the price in pounds and pence, like 18.50"),
        ("price", "", "Enter a price, like 18.50"),
        ("name", "", "Enter what you call this, like “Help at home”"),
        ("category", "nope", "Select a category"),
        ("minimum_minutes", "0", "Shortest booking must be a whole number of minutes from 1 to 1440"),
        ("late_fee_percent", "101", "Late cancellation fee must be a whole number from 0 to 100"),
        ("free_cancellation_hours", "-1", "Hours must be a whole number from 0 to 336"),
        ("price_unit", "day", "Select whether the price is per hour, per visit or per session"),
        ("dp_payable", "", "Select yes if a direct payment can pay for this"),
        ("is_personal_care", "", "Select yes if this includes personal care"),
    ],
)
def test_bad_input_is_refused_next_to_its_field(client, provider, field, value, message):
    _, offering, owner = provider
    sign_in(client, owner.email)
    response = client.post("/provider/offerings/new", data=good_form(offering, **{field: value}))
    assert response.status_code == 400
    assert message in field_errors(response.get_data(as_text=True))
    assert db.session.scalar(db.select(Offering).filter_by(name="Gardening")) is None


def test_a_listing_of_another_provider_cannot_be_chosen(client, provider):
    _, _, owner = provider
    _, other_offering, _ = make_bookable_provider("Other Helpers", owner_email="other@example.org")
    sign_in(client, owner.email)
    response = client.post("/provider/offerings/new", data=good_form(other_offering))
    assert response.status_code == 400
    assert "Select which of your listings this is on" in field_errors(response.get_data(as_text=True))


def test_provider_changes_and_withdraws_their_offering(client, provider):
    _, offering, owner = provider
    sign_in(client, owner.email)
    assert client.get(f"/provider/offerings/{offering.id}/edit").status_code == 200
    response = client.post(f"/provider/offerings/{offering.id}/edit", data=good_form(offering, price="25"))
    assert response.status_code == 302
    db.session.refresh(offering)
    assert offering.price_pence == 2500 and offering.name == "Gardening"
    assert client.post(f"/provider/offerings/{offering.id}/withdraw").status_code == 302
    db.session.refresh(offering)
    assert not offering.is_active


def test_another_providers_offering_is_not_found(client, provider):
    _, offering, _ = provider
    _, _, other = make_bookable_provider("Other Helpers", owner_email="other@example.org")
    sign_in(client, other.email)
    assert client.get(f"/provider/offerings/{offering.id}/edit").status_code == 404
    assert client.post(f"/provider/offerings/{offering.id}/edit", data=good_form(offering)).status_code == 404
    assert client.post(f"/provider/offerings/{offering.id}/withdraw").status_code == 404
    db.session.refresh(offering)
    assert offering.is_active and offering.price_pence == 2000


ROUTES = [
    ("get", "/provider/offerings"),
    ("get", "/provider/offerings/new"),
    ("get", "/provider/offerings/{id}/edit"),
    ("post", "/provider/offerings/{id}/withdraw"),
    ("get", "/provider/availability"),
    ("post", "/provider/availability/rules"),
    ("post", "/provider/availability/hours"),
    ("post", "/provider/availability/exceptions"),
]
EXPECTED = {
    "anonymous": 302,
    "person": 403,
    "another person": 403,
    "officer": 403,
}


@pytest.mark.parametrize(
    "who", ["anonymous", "person", "another person", "provider", "another provider", "officer"]
)
@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_access_matrix(client, provider, who, method, path):
    _, offering, owner = provider
    _, _, other = make_bookable_provider("Other Helpers", owner_email="other@example.org")
    accounts = {
        "person": make_user("person@example.org", PASSWORD),
        "another person": make_user("carer@example.org", PASSWORD, Role.CARER),
        "officer": make_user("officer@example.org", PASSWORD, Role.OFFICER),
        "provider": owner,
        "another provider": other,
    }
    if who in accounts:
        sign_in(client, accounts[who].email)
    url = path.format(id=offering.id)
    response = getattr(client, method)(url, data={})
    if who in EXPECTED:
        assert response.status_code == EXPECTED[who]
    elif who == "another provider" and "{id}" in path:
        assert response.status_code == 404
    else:
        # Their own pages: shown, or a refused empty form (400), or done and redirected.
        assert response.status_code in (200, 302, 400)
