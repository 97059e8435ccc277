"""A provider sets up their business from their request to join, adds checks with uploads, and an
officer approves it or asks for changes."""

import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.accounts.conftest import GOOD_PASSWORD, field_errors, registration
from tests.factories import make_service, make_user
from web.extensions import db
from web.models import ListingKind, ProviderRequestStatus, Publication, Service, User
from web.models.accounts import Role
from web.models.marketplace import CheckStatus, ProviderBusiness, ProviderCheck, ProviderStatus

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%fake but starts right\n"


def business_form(**overrides):
    form = {
        "trading_name": "Sunny Days Companions",
        "legal_form": "sole_trader",
        "worker_count": "2",
        "base_postcode": "wn1 1aa",
        "travel_miles": "5",
        "travel_districts": "",
        "public_phone": "01942 123456",
        "public_email": "hello@sunnydays.example",
        "agrees_to_code": "y",
    }
    form.update(overrides)
    return form


def sign_in(client, email, password="correct horse battery"):
    response = client.post("/account/sign-in", data={"email": email, "password": password})
    assert response.status_code == 302


@pytest.fixture
def applicant(client):
    response = client.post(
        "/account/register", data=registration(role="provider", organization_name="Sunny Days Companions")
    )
    assert response.status_code == 302
    return db.session.scalar(select(User).filter_by(email="priya@example.org"))


@pytest.fixture
def set_up(client, applicant):
    assert client.post("/provider/set-up", data=business_form()).status_code == 302
    return db.session.scalar(select(ProviderBusiness))


def test_setting_up_makes_the_account_the_provider_of_its_own_draft_listing(client, set_up, applicant):
    db.session.refresh(applicant)
    assert applicant.role is Role.PROVIDER and applicant.organization_id == set_up.organization_id
    assert set_up.status is ProviderStatus.SETTING_UP and set_up.base_postcode == "WN1 1AA"
    [listing] = db.session.scalars(select(Service)).all()
    assert listing.publication is Publication.DRAFT and listing.home_visits
    assert listing.service_areas[0].radius_km == pytest.approx(8.05, abs=0.01)
    assert listing.phones[0].number == "01942 123456"
    assert "2 (micro-provider)" in client.get("/provider").text


def test_only_an_account_that_asked_to_join_can_set_up_a_business(client):
    make_user(email="sam@example.org")
    sign_in(client, "sam@example.org")
    assert client.post("/provider/set-up", data=business_form()).status_code == 403
    assert db.session.scalar(select(ProviderBusiness)) is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("trading_name", "", "Enter the name of your business"),
        ("legal_form", "pirate", "Select how your business is set up"),
        ("worker_count", "", "Enter how many people work in your business, like 2"),
        ("worker_count", "0", "At least one person must work in your business"),
        ("worker_count", "two", "At least one person must work in your business"),
        ("base_postcode", "not a postcode", "Enter a real postcode, like WN1 1AA"),
        ("base_postcode", "ZZ9 9ZZ", "Enter a real postcode, like WN1 1AA"),
        ("travel_miles", "0", "Enter a distance between 1 and 100 miles"),
        ("travel_miles", "500", "Enter a distance between 1 and 100 miles"),
        ("travel_miles", "", "Enter how many miles you travel, or list the postcode districts you cover"),
        ("public_phone", "", "Enter a phone number people can call"),
        ("public_phone", "call me", "Enter a phone number, like 01942 123456 or 07700 900982"),
        ("public_email", "nope", "Enter an email address in the correct format, like name@example.com"),
        ("agrees_to_code", "", "You must agree to the code of conduct to offer support through this site"),
    ],
)
def test_bad_business_details_are_explained_next_to_the_field(client, applicant, field, value, message):
    data = business_form(**{field: value})
    if field == "agrees_to_code":
        del data["agrees_to_code"]
    response = client.post("/provider/set-up", data=data)
    assert response.status_code == 400
    errors = field_errors(response.text)
    assert any(message in error for error in errors), errors
    assert db.session.scalar(select(ProviderBusiness)) is None
    assert db.session.get(User, applicant.id).role is Role.PERSON


def test_travel_can_be_a_list_of_districts(client, applicant):
    assert (
        client.post(
            "/provider/set-up", data=business_form(travel_miles="", travel_districts="wn1, WN2")
        ).status_code
        == 302
    )
    business = db.session.scalar(select(ProviderBusiness))
    assert business.travel_districts == "WN1 WN2" and business.travel_miles is None


def add_dbs(client, content=PNG, filename="dbs.png", **overrides):
    issued = date.today() - timedelta(days=30)
    data = {
        "dbs_level": "enhanced",
        "reference": "001234567890",
        "issued_on": [str(issued.day), str(issued.month), str(issued.year)],
        "on_update_service": "yes",
        "upload": (io.BytesIO(content), filename),
    }
    data.update(overrides)
    return client.post("/provider/checks/add/dbs", data=data, content_type="multipart/form-data")


def add_insurance(client, expires=None, **overrides):
    expires = expires or date.today() + timedelta(days=300)
    data = {
        "insurer": "Example Mutual",
        "reference": "PL-123",
        "cover_pounds": "5,000,000",
        "expires_on": [str(expires.day), str(expires.month), str(expires.year)],
        "upload": (io.BytesIO(PDF), "policy.pdf"),
    }
    data.update(overrides)
    return client.post("/provider/checks/add/insurance", data=data, content_type="multipart/form-data")


def test_a_real_png_is_accepted_and_stored_with_a_random_name(client, set_up, app):
    assert add_dbs(client).status_code == 302
    check = db.session.scalar(select(ProviderCheck))
    assert (
        check.file_type == "image/png" and check.file_name.endswith(".png") and "dbs" not in check.file_name
    )
    assert check.status is CheckStatus.AWAITING_CHECKS
    assert (app.config["INSTANCE_PATH"] / "evidence" / check.file_name).read_bytes() == PNG


def test_a_pdf_named_file_that_is_really_text_is_refused(client, set_up):
    response = add_dbs(client, content=b"just some text, honestly a pdf", filename="dbs.pdf")
    assert response.status_code == 400
    assert "The file must be a PDF, JPG or PNG" in field_errors(response.text)
    assert db.session.scalar(select(ProviderCheck)) is None


def test_a_file_over_10_mb_is_refused_with_a_message(client, set_up):
    response = add_dbs(client, content=PNG + b"\x00" * (10 * 1024 * 1024))
    assert response.status_code == 400
    assert "The file must be smaller than 10 MB" in field_errors(response.text)
    assert db.session.scalar(select(ProviderCheck)) is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"dbs_level": ""}, "Select the level of the DBS check"),
        ({"reference": ""}, "Enter the certificate number"),
        ({"reference": "12AB"}, "The certificate number is 12 digits, like 001234567890"),
        (
            {"issued_on": ["1", "1", str(date.today().year + 1)]},
            "The date the certificate was issued must be today or in the past",
        ),
        ({"issued_on": ["31", "2", "2025"]}, "Enter the date the certificate was issued"),
        ({"on_update_service": ""}, "Select whether the certificate is on the DBS Update Service"),
        ({"upload": (io.BytesIO(b""), "")}, "Choose a file to upload"),
    ],
)
def test_bad_dbs_details_are_explained(client, set_up, overrides, message):
    response = add_dbs(client, **overrides)
    assert response.status_code == 400
    assert message in field_errors(response.text)
    assert db.session.scalar(select(ProviderCheck)) is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"insurer": ""}, "Enter the name of the insurer"),
        ({"reference": ""}, "Enter the policy number"),
        ({"cover_pounds": ""}, "Enter how much the policy covers, in pounds, like 5000000"),
        ({"cover_pounds": "0"}, "Enter a cover amount between £1 and £100,000,000"),
        (
            {"expires_on": ["1", "1", "2001"]},
            "The policy has ended: the end date must be today or in the future",
        ),
    ],
)
def test_bad_insurance_details_are_explained(client, set_up, overrides, message):
    response = add_insurance(client, **overrides)
    assert response.status_code == 400
    assert message in field_errors(response.text)
    assert db.session.scalar(select(ProviderCheck)) is None


def test_insurance_cover_is_kept_in_pence(client, set_up):
    assert add_insurance(client).status_code == 302
    assert db.session.scalar(select(ProviderCheck)).cover_pence == 500_000_000


def test_cqc_exemption_and_training(client, set_up):
    assert client.post("/provider/checks/add/cqc_exemption", data={"reason": ""}).status_code == 400
    assert (
        client.post("/provider/checks/add/cqc_exemption", data={"reason": "I work alone."}).status_code == 302
    )
    assert (
        client.post(
            "/provider/checks/add/training",
            data={"title": "", "upload": (io.BytesIO(PDF), "a.pdf")},
            content_type="multipart/form-data",
        ).status_code
        == 400
    )
    assert client.get("/provider/checks/add/nonsense").status_code == 404


def officer(email="olu@example.org"):
    return make_user(email=email, role=Role.OFFICER)


def test_an_officer_approves_a_business_and_its_listing_is_published(client, set_up, applicant):
    add_dbs(client)
    add_insurance(client)
    assert client.post("/provider/submit").status_code == 302
    assert db.session.get(ProviderBusiness, set_up.id).status is ProviderStatus.AWAITING_CHECKS
    client.post("/account/sign-out")
    officer()
    sign_in(client, "olu@example.org")
    assert "Sunny Days Companions" in client.get("/officers/providers").text
    page = client.get(f"/officers/providers/{set_up.id}").text
    assert "001234567890" in page and "open the file" in page
    assert client.post(f"/officers/providers/{set_up.id}/approve").status_code == 302
    business = db.session.get(ProviderBusiness, set_up.id)
    db.session.refresh(business)
    assert business.status is ProviderStatus.APPROVED
    assert all(check.status is CheckStatus.ACCEPTED for check in business.checks)
    assert db.session.scalar(select(Service)).publication is Publication.PUBLISHED
    assert db.session.get(User, applicant.id).provider_requests[0].status is ProviderRequestStatus.APPROVED
    listing = client.get(f"/services/{db.session.scalar(select(Service)).id}").text
    issued = (date.today() - timedelta(days=30)).strftime("%-d %B %Y")
    expires = (date.today() + timedelta(days=300)).strftime("%-d %B %Y")
    assert f"DBS checked {issued}; insured until {expires}" in listing
    assert "001234567890" not in listing
    # The officer has just checked it: the listing is not flagged as out of date.
    assert db.session.scalar(select(Service)).assured_date == date.today()
    assert "not been checked for over 6 months" not in listing


def test_an_officer_asks_for_changes_and_the_provider_sees_the_reason(client, set_up):
    client.post("/provider/submit")
    client.post("/account/sign-out")
    officer()
    sign_in(client, "olu@example.org")
    response = client.post(f"/officers/providers/{set_up.id}/changes", data={"reason": ""})
    assert response.status_code == 400
    assert "Enter what the provider needs to change" in field_errors(response.text)
    client.post(
        f"/officers/providers/{set_up.id}/changes", data={"reason": "Your DBS certificate is missing."}
    )
    client.post("/account/sign-out")
    sign_in(client, "priya@example.org", GOOD_PASSWORD)
    page = client.get("/provider").text
    assert "Changes asked for" in page and "Your DBS certificate is missing." in page


def test_a_claimed_listing_moves_to_the_business_when_approved(client, set_up):
    from web.marketplace import claims, providers

    listing = make_service("Old Sunny Days listing", kind=ListingKind.MICRO_PROVIDER)
    claims.ask_to_claim(db.session, set_up, listing.id)
    providers.approve_business(db.session, set_up, None)
    assert db.session.get(Service, listing.id).organization_id == set_up.organization_id
