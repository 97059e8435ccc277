"""Who may open each provider, officer and booking page: anonymous, a person, another person, the
provider, another provider and an officer."""

import pytest

from tests.factories import make_bookable_provider, make_service, make_user
from tests.marketplace.test_lifecycle_steps import make_booking
from web.extensions import db
from web.marketplace import checks, claims
from web.models import ListingKind
from web.models.accounts import Role
from web.models.marketplace import CheckKind

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PASSWORD = "correct horse battery"


@pytest.fixture
def world(client, app):
    business, offering, _owner = make_bookable_provider()
    make_bookable_provider("Other Helpers", owner_email="other@example.org")
    person = make_user(email="person@example.org")
    make_user(email="another@example.org")
    make_user(email="officer@example.org", role=Role.OFFICER)
    check = checks.add_check(
        db.session,
        business,
        checks.CheckDetails(kind=CheckKind.CQC, reference="1-123"),
        checks.Upload(PNG),
        evidence_path=app.config["INSTANCE_PATH"] / "evidence",
        today=__import__("datetime").date.today(),
    )
    booking = make_booking(business, offering, person)
    unclaimed = make_service("Old Home Helpers", kind=ListingKind.MICRO_PROVIDER, visiting_radius_km=5)
    claim = claims.ask_to_claim(db.session, business, unclaimed.id)
    return {
        "business": business.id,
        "check": check.id,
        "offering": offering.id,
        "booking": booking.id,
        "claim": claim.id,
    }


WHO = {
    "anonymous": None,
    "person": "person@example.org",
    "another person": "another@example.org",
    "provider": "provider@example.org",
    "another provider": "other@example.org",
    "officer": "officer@example.org",
}

BOOKERS_ONLY = {"person": 200, "another person": 200}
NOT_BOOKERS = {"provider": 403, "another provider": 403, "officer": 403}

# (method, path template, {who: status})
ROUTES = [
    # Booking: people and carers only; a form sent empty is refused field by field (400).
    ("GET", "/book/{offering}", {"anonymous": 302, **BOOKERS_ONLY, **NOT_BOOKERS}),
    ("POST", "/book/{offering}", {"anonymous": 302, "person": 400, "another person": 400, **NOT_BOOKERS}),
    (
        "GET",
        "/book/{offering}/check",
        {"anonymous": 302, "person": 400, "another person": 400, **NOT_BOOKERS},
    ),
    (
        "POST",
        "/book/{offering}/check",
        {"anonymous": 302, "person": 400, "another person": 400, **NOT_BOOKERS},
    ),
    # The confirmation is the booker's alone; the others are told nothing about the booking.
    (
        "GET",
        "/book/sent/{booking}",
        {
            "anonymous": 302,
            "person": 200,
            "another person": 404,
            "provider": 404,
            "another provider": 404,
            "officer": 404,
        },
    ),
    # Recording a visit: only its provider may, and an empty form (or the person trying) is refused.
    (
        "POST",
        "/bookings/{booking}/delivered",
        {
            "anonymous": 302,
            "person": 400,
            "another person": 404,
            "provider": 400,
            "another provider": 404,
            "officer": 404,
        },
    ),
    (
        "GET",
        "/provider",
        {
            "anonymous": 302,
            "person": 403,
            "another person": 403,
            "provider": 200,
            "another provider": 200,
            "officer": 403,
        },
    ),
    (
        "GET",
        "/provider/set-up",
        {
            "anonymous": 302,
            "person": 403,
            "another person": 403,
            "provider": 302,
            "another provider": 302,
            "officer": 403,
        },
    ),
    (
        "GET",
        "/provider/checks/add/dbs",
        {
            "anonymous": 302,
            "person": 403,
            "another person": 403,
            "provider": 200,
            "another provider": 200,
            "officer": 403,
        },
    ),
    (
        "GET",
        "/provider/checks/{check}/file",
        {
            "anonymous": 302,
            "person": 404,
            "another person": 404,
            "provider": 200,
            "another provider": 404,
            "officer": 200,
        },
    ),
    (
        "GET",
        "/officers/providers",
        {
            "anonymous": 302,
            "person": 403,
            "another person": 403,
            "provider": 403,
            "another provider": 403,
            "officer": 200,
        },
    ),
    (
        "GET",
        "/officers/providers/{business}",
        {
            "anonymous": 302,
            "person": 403,
            "another person": 403,
            "provider": 403,
            "another provider": 403,
            "officer": 200,
        },
    ),
    (
        "POST",
        "/officers/providers/{business}/changes",
        {
            "anonymous": 302,
            "person": 403,
            "another person": 403,
            "provider": 403,
            "another provider": 403,
            "officer": 400,
        },
    ),
    (
        "GET",
        "/provider/claim?name=old",
        {
            "anonymous": 302,
            "person": 403,
            "another person": 403,
            "provider": 200,
            "another provider": 200,
            "officer": 403,
        },
    ),
    (
        "POST",
        "/provider/claim",
        {
            "anonymous": 302,
            "person": 403,
            "another person": 403,
            "provider": 400,
            "another provider": 400,
            "officer": 403,
        },
    ),
    (
        "POST",
        "/officers/claims/{claim}/refuse",
        {
            "anonymous": 302,
            "person": 403,
            "another person": 403,
            "provider": 403,
            "another provider": 403,
            "officer": 400,
        },
    ),
    (
        "POST",
        "/officers/claims/{claim}/confirm",
        {
            "anonymous": 302,
            "person": 403,
            "another person": 403,
            "provider": 403,
            "another provider": 403,
            "officer": 302,
        },
    ),
    (
        "POST",
        "/officers/claims/999999/confirm",
        {
            "anonymous": 302,
            "person": 403,
            "another person": 403,
            "provider": 403,
            "another provider": 403,
            "officer": 404,
        },
    ),
]


@pytest.mark.parametrize("who", list(WHO))
def test_access_matrix(client, world, who):
    if WHO[who]:
        assert (
            client.post("/account/sign-in", data={"email": WHO[who], "password": PASSWORD}).status_code == 302
        )
    for method, template, expected in ROUTES:
        path = template.format(**world)
        response = client.open(path, method=method)
        assert response.status_code == expected[who], (who, method, path)
        if response.status_code == 200 and path.endswith("/file"):
            assert response.headers["Cache-Control"] == "no-store"
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.headers["Content-Disposition"].startswith("attachment")
            assert response.data == PNG
