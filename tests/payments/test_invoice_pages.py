"""Invoice pages: the holder's emailed link, the officers' list, the person's and the provider's lists
and the PDF, and who may open each."""

from datetime import date, datetime

import pytest

from tests.factories import make_bookable_provider, make_user
from tests.payments.invoicing import confirmed_visit, hold_money, pdf_text
from web.extensions import db
from web.models.accounts import Role
from web.models.invoices import Invoice, InvoiceStatus
from web.models.payments import Payment, PaymentStatus
from web.payments.invoices import issue_invoices, paid_link_token

PASSWORD = "correct horse battery"
NOVEMBER = date(2026, 11, 1)


@pytest.fixture
def world(client):
    business, offering, _owner = make_bookable_provider()
    make_bookable_provider("Other Helpers", owner_email="other@example.org")
    person = make_user("person@example.org")
    make_user("another@example.org")
    make_user("officer@example.org", role=Role.OFFICER)
    hold_money(person)
    payments = [
        confirmed_visit(business, offering, person, datetime(2026, 11, day, 14, 0)).id for day in (5, 12)
    ]
    [invoice] = issue_invoices(db.session, NOVEMBER, datetime(2026, 12, 1, 6, 0))
    token = paid_link_token(invoice)
    return {"invoice": invoice.id, "number": invoice.number, "token": token, "payments": payments}


def sign_in(client, email: str) -> None:
    assert client.post("/account/sign-in", data={"email": email, "password": PASSWORD}).status_code == 302


def _invoice(world) -> Invoice:
    db.session.expire_all()
    return db.session.get(Invoice, world["invoice"])


def _tampered(token: str) -> str:
    """One letter of the signed invoice id changed (the last letter of a signature can change without
    changing what it decodes to, so the middle is used)."""
    return token[:5] + ("x" if token[5] != "x" else "y") + token[6:]


def test_the_link_shows_the_invoice_and_marks_it_paid_once(client, world):
    link = f"/payments/invoices/paid/{world['token']}"
    page = client.get(link)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    text = page.get_data(as_text=True)
    assert world["number"] in text and "DP-0042" in text and "£40.00" in text and "Mark as paid" in text

    first = client.post(link)
    assert first.status_code == 302
    assert "is marked as paid" in client.get(link).get_data(as_text=True)
    second = client.post(link)  # a second click, or the back button
    assert second.status_code == 302
    again = client.get(link).get_data(as_text=True)
    assert "was already marked as paid" in again and "Mark as paid" not in again

    invoice = _invoice(world)
    assert invoice.status is InvoiceStatus.PAID and invoice.paid_by_id is None
    for payment_id in world["payments"]:
        assert db.session.get(Payment, payment_id).status is PaymentStatus.SUCCEEDED


def test_a_changed_link_is_not_found_and_marks_nothing(client, world):
    link = f"/payments/invoices/paid/{_tampered(world['token'])}"

    assert client.get(link).status_code == 404
    assert client.post(link).status_code == 404
    assert _invoice(world).status is InvoiceStatus.ISSUED


def test_the_link_needs_the_forms_csrf_token(csrf_client, world):
    link = f"/payments/invoices/paid/{world['token']}"

    assert csrf_client.post(link).status_code == 400
    assert _invoice(world).status is InvoiceStatus.ISSUED


def test_an_officer_marks_an_invoice_paid_from_the_list(client, world):
    sign_in(client, "officer@example.org")
    page = client.get("/officers/invoices").get_data(as_text=True)
    assert "Waiting to be paid (1)" in page and "Paid (0)" in page
    assert (
        f'<a class="govuk-link" href="/payments/invoices/{world["invoice"]}.pdf">{world["number"]}</a>'
        in page
    )
    assert f'action="/officers/invoices/{world["invoice"]}/paid"' in page

    assert client.post(f"/officers/invoices/{world['invoice']}/paid").status_code == 302
    assert client.post(f"/officers/invoices/{world['invoice']}/paid").status_code == 302

    page = client.get("/officers/invoices").get_data(as_text=True)
    assert "was already marked as paid" in page
    assert "Waiting to be paid (0)" in page and "Paid (1)" in page and "by Sam" in page
    invoice = _invoice(world)
    assert invoice.status is InvoiceStatus.PAID and invoice.paid_by.email == "officer@example.org"
    for payment_id in world["payments"]:
        assert db.session.get(Payment, payment_id).status is PaymentStatus.SUCCEEDED


def test_the_person_sees_their_invoices_and_each_pdf(client, world):
    sign_in(client, "person@example.org")
    page = client.get("/payments/invoices").get_data(as_text=True)
    assert f'href="/payments/invoices/{world["invoice"]}.pdf">{world["number"]}' in page
    assert "Wigan Home Helpers" in page and "Waiting to be paid" in page

    pdf = client.get(f"/payments/invoices/{world['invoice']}.pdf")

    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.headers["Cache-Control"] == "no-store"
    text = pdf_text(pdf.data)
    assert world["number"] in text and "Reference: DP-0042" in text and "£40.00" in text


def test_the_provider_sees_invoices_for_their_business_only(client, world):
    sign_in(client, "provider@example.org")
    assert world["number"] in client.get("/payments/provider-invoices").get_data(as_text=True)
    client.post("/account/sign-out")
    sign_in(client, "other@example.org")
    page = client.get("/payments/provider-invoices").get_data(as_text=True)
    assert world["number"] not in page and "No invoices yet" in page


def test_another_person_sees_none_of_them(client, world):
    sign_in(client, "another@example.org")
    page = client.get("/payments/invoices").get_data(as_text=True)
    assert world["number"] not in page and "No invoices yet" in page


WHO = {
    "anonymous": None,
    "person": "person@example.org",
    "another person": "another@example.org",
    "provider": "provider@example.org",
    "another provider": "other@example.org",
    "officer": "officer@example.org",
}
PEOPLE_ONLY = {"anonymous": 302, "person": 200, "another person": 200}
NO_PROVIDERS_OR_OFFICERS = {"provider": 403, "another provider": 403, "officer": 403}
EVERYONE = dict.fromkeys(WHO, 200)
OFFICERS_ONLY = {
    "anonymous": 302,
    "person": 403,
    "another person": 403,
    "provider": 403,
    "another provider": 403,
}

# (method, path template, {who: status}); the ones that change something come last.
ROUTES = [
    ("GET", "/payments/money-holder", {**PEOPLE_ONLY, **NO_PROVIDERS_OR_OFFICERS}),
    (
        "POST",
        "/payments/money-holder",
        {"anonymous": 302, "person": 400, "another person": 400, **NO_PROVIDERS_OR_OFFICERS},
    ),
    ("GET", "/payments/invoices", {**PEOPLE_ONLY, **NO_PROVIDERS_OR_OFFICERS}),
    (
        "GET",
        "/payments/provider-invoices",
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
        "/payments/invoices/{invoice}.pdf",
        {
            "anonymous": 302,
            "person": 200,
            "another person": 404,
            "provider": 200,
            "another provider": 404,
            "officer": 200,
        },
    ),
    (
        "GET",
        "/payments/invoices/3f2b1c9e-0000-4000-8000-000000000000.pdf",
        {"anonymous": 302} | dict.fromkeys(list(WHO)[1:], 404),
    ),
    ("GET", "/payments/invoices/paid/{token}", EVERYONE),
    ("GET", "/payments/invoices/paid/{tampered}", dict.fromkeys(WHO, 404)),
    ("POST", "/payments/invoices/paid/{tampered}", dict.fromkeys(WHO, 404)),
    ("GET", "/officers/invoices", {**OFFICERS_ONLY, "officer": 200}),
    (
        "POST",
        "/officers/invoices/3f2b1c9e-0000-4000-8000-000000000000/paid",
        {**OFFICERS_ONLY, "officer": 404},
    ),
    ("POST", "/officers/invoices/{invoice}/paid", {**OFFICERS_ONLY, "officer": 302}),
    ("POST", "/payments/invoices/paid/{token}", dict.fromkeys(WHO, 302)),
]


@pytest.mark.parametrize("who", list(WHO))
def test_access_matrix(client, world, who):
    if WHO[who]:
        sign_in(client, WHO[who])
    values = {**world, "tampered": _tampered(world["token"])}
    for method, template, expected in ROUTES:
        path = template.format(**values)
        response = client.open(path, method=method)
        assert response.status_code == expected[who], (who, method, path)
    # The officer's click marked it paid as them; for the others, the holder's link (open to all) did.
    invoice = _invoice(world)
    assert invoice.status is InvoiceStatus.PAID
    assert (invoice.paid_by_id is not None) is (who == "officer")
