"""The payout pages: who may open them, the file an officer downloads, marking it paid, and what a
provider sees of their own money."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from tests.factories import make_bookable_provider, make_user
from tests.payments.payout_data import paid, refunded
from web.extensions import db
from web.marketplace.availability import to_london
from web.models.accounts import Role
from web.models.base import utcnow
from web.models.payouts import Payout, PayoutStatus
from web.payments import payouts

PASSWORD = "correct horse battery"


def _last_week_moment():
    """A moment inside the last full week, in UTC as stored."""
    week_ending = payouts.last_week_ending(to_london(utcnow()).date())
    return payouts.week_cutoff(week_ending) - timedelta(days=2), week_ending


@pytest.fixture
def world(client):
    business, offering, _ = make_bookable_provider()
    other, other_offering, _ = make_bookable_provider("Other Helpers", owner_email="other@example.org")
    person = make_user("person@example.org")
    make_user("another@example.org")
    officer = make_user("officer@example.org", role=Role.OFFICER)
    when, week_ending = _last_week_moment()
    first = paid(business, offering, person, when, 2000)
    refunded(first, 250, when)
    paid(business, offering, person, when, 1234)
    paid(other, other_offering, person, when, 999)
    paid(business, offering, person, utcnow(), 500)  # this week: owed, but not in last week's file
    return {"business": business, "other": other, "officer": officer, "week": week_ending.isoformat()}


def sign_in(client, email):
    response = client.post("/account/sign-in", data={"email": email, "password": PASSWORD})
    assert response.status_code == 302


def _text(response) -> str:
    return " ".join(BeautifulSoup(response.get_data(as_text=True), "html.parser").get_text().split())


def test_an_officer_makes_the_file_downloads_it_and_marks_it_paid(client, world):
    sign_in(client, "officer@example.org")
    officers_page = BeautifulSoup(client.get("/officers/providers").get_data(as_text=True), "html.parser")
    assert officers_page.find("a", string="Payouts to providers")["href"] == "/officers/payouts"
    page = _text(client.get("/officers/payouts"))
    assert "Wigan Home Helpers" in page and "£34.84" in page  # 2000 - 250 + 1234 + 500
    assert "Finance matches each provider reference to the provider's supplier record" in page

    made = client.post("/officers/payouts/file")
    assert made.status_code == 302
    assert made.headers["Location"].endswith(f"/officers/payouts/{world['week']}")
    week_page = _text(client.get(made.headers["Location"]))
    assert "£39.83" in week_page  # the file's total: 1750 + 1234 + 999

    download = client.get(f"/officers/payouts/{world['week']}/payout-file.csv")
    assert download.status_code == 200
    assert download.mimetype == "text/csv"
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True))))
    assert {r["Payee name"]: r["Amount (GBP)"] for r in rows} == {
        "Wigan Home Helpers": "29.84",
        "Other Helpers": "9.99",
    }
    assert {r["Week ending"] for r in rows} == {world["week"]}
    assert {r["Payee name"]: r["Number of sessions"] for r in rows} == {
        "Wigan Home Helpers": "2",
        "Other Helpers": "1",
    }
    for row in rows:
        payout = db.session.scalar(db.select(Payout).filter_by(reference=row["Payout reference"]))
        pounds, pence = row["Amount (GBP)"].split(".")
        assert int(pounds) * 100 + int(pence) == sum(item.amount_pence for item in payout.items)

    today = to_london(utcnow()).date()
    bad = client.post(
        f"/officers/payouts/{world['week']}/paid", data={"paid_on": ["31", "2", str(today.year)]}
    )
    assert bad.status_code == 400
    soup = BeautifulSoup(bad.get_data(as_text=True), "html.parser")
    assert "Enter the date finance paid the file" in soup.select_one(".govuk-error-message").get_text()
    assert (
        db.session.scalar(db.select(db.func.count()).select_from(Payout).filter_by(status=PayoutStatus.PAID))
        == 0
    )

    tomorrow = today + timedelta(days=1)
    future = client.post(
        f"/officers/payouts/{world['week']}/paid",
        data={"paid_on": [str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)]},
    )
    assert future.status_code == 400
    assert "The date paid must be today or in the past" in _text(future)

    done = client.post(
        f"/officers/payouts/{world['week']}/paid",
        data={"paid_on": [str(today.day), str(today.month), str(today.year)]},
    )
    assert done.status_code == 302
    db.session.expire_all()
    assert {p.status for p in db.session.scalars(db.select(Payout))} == {PayoutStatus.PAID}
    assert {p.paid_by_id for p in db.session.scalars(db.select(Payout))} == {world["officer"].id}


def test_the_provider_sees_what_they_are_owed_and_each_payout(client, world):
    officer = world["officer"]
    payouts.make_weekly_payouts(
        db.session, payouts.last_week_ending(to_london(utcnow()).date()), officer, utcnow()
    )
    sign_in(client, "provider@example.org")
    business_page = BeautifulSoup(client.get("/provider").get_data(as_text=True), "html.parser")
    assert business_page.find("a", string="Money you are owed")["href"] == "/provider/payouts"
    page = _text(client.get("/provider/payouts"))
    assert "Owed now £5 for 1 session" in page
    assert "£29.84" in page and "Not yet" in page
    assert payouts.provider_reference(world["business"]) in page
    assert "Other Helpers" not in page and "£9.99" not in page  # never another provider's money


def test_nothing_owed_makes_no_file(client, app_context):
    make_user("officer@example.org", role=Role.OFFICER)
    sign_in(client, "officer@example.org")
    response = client.post("/officers/payouts/file", follow_redirects=True)
    assert "No payout file was made" in _text(response)
    assert db.session.scalar(db.select(db.func.count()).select_from(Payout)) == 0


WHO = {
    "anonymous": None,
    "person": "person@example.org",
    "another person": "another@example.org",
    "provider": "provider@example.org",
    "another provider": "other@example.org",
    "officer": "officer@example.org",
}
STAFF_ONLY = {"person": 403, "another person": 403, "provider": 403, "another provider": 403}


def _routes(world):
    week = world["week"]
    return [
        ("GET", "/officers/payouts", {"anonymous": 302, **STAFF_ONLY, "officer": 200}),
        ("GET", f"/officers/payouts/{week}", {"anonymous": 302, **STAFF_ONLY, "officer": 200}),
        (
            "GET",
            f"/officers/payouts/{week}/payout-file.csv",
            {"anonymous": 302, **STAFF_ONLY, "officer": 200},
        ),
        ("POST", f"/officers/payouts/{week}/paid", {"anonymous": 302, **STAFF_ONLY, "officer": 400}),
        ("GET", "/officers/payouts/2020-01-05", {"anonymous": 302, **STAFF_ONLY, "officer": 404}),
        ("GET", "/officers/payouts/not-a-date", {"anonymous": 302, **STAFF_ONLY, "officer": 404}),
        (
            "GET",
            "/provider/payouts",
            {
                "anonymous": 302,
                "person": 403,
                "another person": 403,
                "provider": 200,
                "another provider": 200,
                "officer": 403,
            },
        ),
        ("POST", "/officers/payouts/file", {"anonymous": 302, **STAFF_ONLY, "officer": 302}),
    ]


@pytest.mark.parametrize("who", list(WHO))
def test_access_matrix(client, world, who):
    # The week's file exists before anyone looks at it.
    payouts.make_weekly_payouts(
        db.session, payouts.last_week_ending(to_london(utcnow()).date()), world["officer"], utcnow()
    )
    if WHO[who]:
        sign_in(client, WHO[who])
    for method, path, expected in _routes(world):
        response = client.open(path, method=method)
        assert response.status_code == expected[who], (who, method, path)


def test_making_the_file_needs_the_forms_token(csrf_client, world):
    sign_in_with_token(csrf_client, "officer@example.org")
    assert csrf_client.post("/officers/payouts/file").status_code == 400
    assert db.session.scalar(db.select(db.func.count()).select_from(Payout)) == 0


def sign_in_with_token(client, email):
    page = BeautifulSoup(client.get("/account/sign-in").get_data(as_text=True), "html.parser")
    token = page.find("input", attrs={"name": "csrf_token"})["value"]
    response = client.post(
        "/account/sign-in", data={"email": email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
