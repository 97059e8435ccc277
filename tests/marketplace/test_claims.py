"""A provider setting up finds their existing listing and claims it; an officer confirms or refuses."""

import pytest
from sqlalchemy import func, select

from tests.accounts.conftest import GOOD_PASSWORD, field_errors
from tests.directory.conftest import error_for, error_summary, parse, text_of
from tests.factories import make_bookable_provider, make_service, make_user
from tests.marketplace.test_providers_flow import applicant, business_form, sign_in  # noqa: F401
from web.extensions import db
from web.marketplace import claims, providers
from web.models import (
    ClaimStatus,
    ListingClaim,
    ListingKind,
    Offering,
    PriceUnit,
    ProviderBusiness,
    Publication,
    Service,
)
from web.models.accounts import Role
from web.services.ownership import can_edit_service


@pytest.fixture
def setting_up(client, applicant):  # noqa: F811
    assert client.post("/provider/set-up", data=business_form()).status_code == 302
    return db.session.scalar(select(ProviderBusiness))


@pytest.fixture
def old_listing(app_context):
    return make_service(
        "Sunny Days Home Companions",
        kind=ListingKind.MICRO_PROVIDER,
        postcode="WN3 4AB",
        visiting_radius_km=5,
    )


def names_found(soup) -> list[str]:
    return [text_of(item.h3) for item in soup.select(".app-claimable")]


def test_a_provider_finds_an_unclaimed_micro_provider_listing_by_name_or_postcode(
    client, setting_up, old_listing
):
    make_service("Sunny Days Carers Group")  # not a micro-provider
    make_service("Sunny Days Draft", kind=ListingKind.MICRO_PROVIDER, publication=Publication.DRAFT)
    make_bookable_provider("Sunny Days Helpers", owner_email="taken@example.org")  # already has a business

    for query in (
        {"name": "sunny days"},
        {"postcode": "wn3 4ab"},
        {"postcode": "WN3"},
        {"name": "HOME comp"},
    ):
        response = client.get("/provider/claim", query_string=query)
        assert response.status_code == 200, query
        assert names_found(parse(response)) == ["Sunny Days Home Companions"], query

    nothing = parse(client.get("/provider/claim", query_string={"name": "sunny", "postcode": "M1 1AE"}))
    assert names_found(nothing) == []
    assert "We could not find an unclaimed listing like that" in text_of(nothing)
    # Words with SQL wildcards in them are only words.
    assert names_found(parse(client.get("/provider/claim", query_string={"name": "%"}))) == []


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"name": "", "postcode": ""}, "name", "Enter the name of your listing or its postcode"),
        ({"name": "x" * 101}, "name", "The name must be 100 characters or fewer"),
        (
            {"postcode": "not a postcode"},
            "postcode",
            "Enter a postcode, like WN1 1AA, or a postcode district",
        ),
    ],
)
def test_a_search_that_cannot_be_run_says_why_next_to_the_field(client, setting_up, query, field, message):
    response = client.get("/provider/claim", query_string=query)
    assert response.status_code == 400
    soup = parse(response)
    assert error_for(soup, field).endswith(message) or message in error_for(soup, field)
    assert error_summary(soup)[0][1] == f"#{field}"


def test_asking_to_claim_waits_for_an_officer_and_shows_on_the_provider_pages(
    client, setting_up, old_listing
):
    response = client.post(
        "/provider/claim?name=sunny", data={"service_id": old_listing.id}, follow_redirects=False
    )
    assert response.status_code == 302
    [claim] = db.session.scalars(select(ListingClaim)).all()
    assert claim.status is ClaimStatus.AWAITING_CHECKS and claim.service_id == old_listing.id
    page = parse(client.get("/provider/claim"))
    assert "Sunny Days Home Companions: Waiting for an officer to check" in text_of(
        page.find(id="your-claims")
    )
    # Not the provider's until an officer confirms it.
    assert db.session.get(Service, old_listing.id).organization_id != setting_up.organization_id


@pytest.mark.parametrize(
    ("service_id", "message"),
    [
        ("", "Select a listing from the list"),
        ("3f2b1c9e-0000-4000-8000-000000000000", "Select a listing from the list"),
        ("'; drop table service; --", "Select a listing from the list"),
    ],
)
def test_a_claim_for_a_listing_not_on_offer_is_refused_with_a_message(
    client, setting_up, old_listing, service_id, message
):
    response = client.post("/provider/claim?name=sunny", data={"service_id": service_id})
    assert response.status_code == 400
    assert message in field_errors(response.text)
    assert db.session.scalar(select(func.count()).select_from(ListingClaim)) == 0


def test_a_listing_of_another_business_cannot_be_claimed(client, setting_up):
    _business, offering, _ = make_bookable_provider("Other Helpers", owner_email="other@example.org")
    response = client.post("/provider/claim", data={"service_id": offering.service_id})
    assert response.status_code == 400
    assert "Select a listing from the list" in field_errors(response.text)
    assert db.session.scalar(select(func.count()).select_from(ListingClaim)) == 0


def test_the_same_listing_is_not_claimed_twice(client, setting_up, old_listing):
    assert client.post("/provider/claim", data={"service_id": old_listing.id}).status_code == 302
    response = client.post("/provider/claim?name=sunny", data={"service_id": old_listing.id})
    assert response.status_code == 400
    assert "You have already asked to claim Sunny Days Home Companions" in field_errors(response.text)
    assert db.session.scalar(select(func.count()).select_from(ListingClaim)) == 1


def sign_in_as_officer(client):
    client.post("/account/sign-out")
    make_user(email="olu@example.org", role=Role.OFFICER)
    sign_in(client, "olu@example.org")


def test_an_officer_confirms_a_claim_and_the_listing_becomes_the_providers(
    client,
    setting_up,
    old_listing,
    applicant,  # noqa: F811
):
    [draft] = db.session.scalars(select(Service).filter_by(organization_id=setting_up.organization_id)).all()
    db.session.add(
        Offering(service=draft, name="Company at home", price_pence=1800, price_unit=PriceUnit.HOUR)
    )
    db.session.commit()
    assert client.post("/provider/claim", data={"service_id": old_listing.id}).status_code == 302
    claim = db.session.scalar(select(ListingClaim))
    sign_in_as_officer(client)

    listing_page = parse(client.get("/officers/providers"))
    assert "Sunny Days Companions" in text_of(listing_page.find(id=f"claim-{claim.id}"))
    response = client.post(f"/officers/claims/{claim.id}/confirm")

    assert response.status_code == 302
    db.session.expire_all()
    listing = db.session.get(Service, old_listing.id)
    assert listing.organization_id == setting_up.organization_id
    assert can_edit_service(db.session.get(type(applicant), applicant.id), listing)
    assert db.session.get(ListingClaim, claim.id).status is ClaimStatus.CONFIRMED
    # The draft made at set-up would list the business twice: its offerings move, and it is archived.
    assert db.session.get(Service, draft.id).publication is Publication.ARCHIVED
    assert [o.name for o in db.session.scalars(select(Offering).filter_by(service_id=listing.id))] == [
        "Company at home"
    ]
    # A decided claim cannot be decided again.
    assert client.post(f"/officers/claims/{claim.id}/confirm").status_code == 404
    assert client.post(f"/officers/claims/{claim.id}/refuse", data={"reason": "No"}).status_code == 404


def test_an_officer_refuses_a_claim_with_a_reason_the_provider_sees(client, setting_up, old_listing):
    assert client.post("/provider/claim", data={"service_id": old_listing.id}).status_code == 302
    claim = db.session.scalar(select(ListingClaim))
    sign_in_as_officer(client)

    empty = client.post(f"/officers/claims/{claim.id}/refuse", data={"reason": "  "})
    assert empty.status_code == 400
    assert error_for(parse(empty), "reason").endswith("Enter why the listing is not theirs")
    assert db.session.get(ListingClaim, claim.id).status is ClaimStatus.AWAITING_CHECKS
    too_long = client.post(f"/officers/claims/{claim.id}/refuse", data={"reason": "x" * 2001})
    assert too_long.status_code == 400
    assert "The reason must be 2,000 characters or fewer" in field_errors(too_long.text)

    reason = "The phone number on that listing belongs to another business."
    assert client.post(f"/officers/claims/{claim.id}/refuse", data={"reason": reason}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Service, old_listing.id).organization_id != setting_up.organization_id
    client.post("/account/sign-out")
    sign_in(client, "priya@example.org", GOOD_PASSWORD)
    claims_shown = text_of(parse(client.get("/provider/claim")).find(id="your-claims"))
    assert "Not confirmed" in claims_shown and reason in claims_shown


def test_approving_the_business_confirms_its_waiting_claims_through_the_same_rule(
    client, setting_up, old_listing
):
    claims.ask_to_claim(db.session, setting_up, old_listing.id)
    providers.approve_business(db.session, setting_up, None)
    db.session.expire_all()
    assert db.session.get(Service, old_listing.id).organization_id == setting_up.organization_id
    drafts = db.session.scalars(select(Service).filter_by(organization_id=setting_up.organization_id)).all()
    # The claimed listing is the business's one public listing; the set-up draft is archived, not published.
    assert sorted(s.publication.value for s in drafts) == ["archived", "published"]
