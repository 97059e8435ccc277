"""Who may open each budget, statement and receipt page: anonymous, a person, another person, the
provider, another provider and an officer. Nobody sees another person's budget, statement or receipt."""

import io
import zipfile
from datetime import date, datetime
from urllib.parse import urlencode

import pytest
from pypdf import PdfReader

from tests.factories import make_bookable_provider, make_booking, make_user
from tests.payments.money_rows import charge
from web.extensions import db
from web.marketplace import budgets
from web.models.accounts import Role
from web.models.budgets import BudgetPeriod

PASSWORD = "correct horse battery"
SECRET_REFERENCE = "WIG-DP-424242"
YEAR = urlencode([("first", v) for v in ("1", "1", "2027")] + [("last", v) for v in ("31", "12", "2027")])


@pytest.fixture
def world(client):
    business, offering, _owner = make_bookable_provider()
    make_bookable_provider("Other Helpers", owner_email="other@example.org")
    person = make_user(email="person@example.org")
    another = make_user(email="another@example.org")
    make_user(email="officer@example.org", role=Role.OFFICER)
    budgets.record_budget(
        db.session,
        person.id,
        budgets.BudgetDetails(31415, BudgetPeriod.MONTH, date(2027, 1, 1), None, SECRET_REFERENCE, 0),
    )
    paid = charge(
        make_booking(business, offering, person, now=datetime(2027, 3, 1, 10)), 2718, datetime(2027, 3, 2)
    )
    theirs = charge(
        make_booking(business, offering, another, now=datetime(2027, 3, 8, 10)), 1618, datetime(2027, 3, 9)
    )
    return {"payment": paid.id, "reference": paid.stripe_payment_intent_id, "their_payment": theirs.id}


WHO = {
    "anonymous": None,
    "person": "person@example.org",
    "another person": "another@example.org",
    "provider": "provider@example.org",
    "another provider": "other@example.org",
    "officer": "officer@example.org",
}

OWN_ONLY = {
    "anonymous": 302,
    "person": 200,
    "another person": 200,
    "provider": 403,
    "another provider": 403,
    "officer": 403,
}

# (method, path template, {who: status})
ROUTES = [
    ("GET", "/budget", OWN_ONLY),
    ("GET", "/budget/change", OWN_ONLY),
    ("POST", "/budget/change", {**OWN_ONLY, "person": 400, "another person": 400}),
    ("GET", "/payments/statement", OWN_ONLY),
    ("GET", f"/payments/statement?{YEAR}", OWN_ONLY),
    ("GET", f"/payments/statement.csv?{YEAR}", OWN_ONLY),
    ("GET", f"/payments/statement.pdf?{YEAR}", OWN_ONLY),
    ("GET", f"/payments/audit-pack.zip?{YEAR}", OWN_ONLY),
    ("GET", "/payments/statement.csv", {**OWN_ONLY, "person": 400, "another person": 400}),
    # A receipt is its payer's alone; anyone else is told nothing about it.
    ("GET", "/payments/receipts/{payment}.pdf", {**OWN_ONLY, "another person": 404}),
    ("GET", "/payments/receipts/{their_payment}.pdf", {**OWN_ONLY, "person": 404}),
    ("GET", "/payments/receipts/no-such-payment.pdf", {**OWN_ONLY, "person": 404, "another person": 404}),
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
        if response.status_code == 200 and response.mimetype != "text/html":
            assert response.headers["Cache-Control"] == "no-store"
        # Whatever another person opens, none of the first person's money shows.
        if who == "another person" and response.status_code == 200:
            text = readable(response)
            assert SECRET_REFERENCE not in text and world["reference"] not in text
            assert "27.18" not in text and "314.15" not in text


def readable(response) -> str:
    """The text a person would read in the response: PDFs and zipped files opened."""
    if response.mimetype == "application/pdf":
        return pdf_text(response.data)
    if response.mimetype == "application/zip":
        pack = zipfile.ZipFile(io.BytesIO(response.data))
        return "\n".join(
            pdf_text(pack.read(name)) if name.endswith(".pdf") else pack.read(name).decode()
            for name in pack.namelist()
        )
    return response.text


def pdf_text(body: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def test_each_person_sees_their_own_money(client, world):
    client.post("/account/sign-in", data={"email": "person@example.org", "password": PASSWORD})
    assert SECRET_REFERENCE in client.get("/budget").text
    csv_text = client.get(f"/payments/statement.csv?{YEAR}").text
    assert world["reference"] in csv_text and "27.18" in csv_text and "16.18" not in csv_text
