"""The page where a person says who holds their money: their card, a managed account or an ISF."""

import pytest

from tests.factories import make_user
from web.extensions import db
from web.models.payments import HolderKind, MoneyHolder, PaymentMethod
from web.payments import ledger

PASSWORD = "correct horse battery"
PAGE = "/payments/money-holder"
MANAGED = {
    "how_paid": "managed_account",
    "managed_account_name": "Wigan Money Management",
    "managed_account_email": "accounts@example.org",
    "managed_account_reference": "DP-0042",
}


@pytest.fixture
def person(client):
    user = make_user("person@example.org")
    assert (
        client.post("/account/sign-in", data={"email": user.email, "password": PASSWORD}).status_code == 302
    )
    return user


def _holder(user) -> MoneyHolder | None:
    db.session.expire_all()
    return db.session.scalar(db.select(MoneyHolder).filter_by(user_id=user.id))


def test_the_page_says_what_happens_and_offers_three_choices(client, person):
    page = client.get(PAGE).get_data(as_text=True)

    assert "I pay with my own card" in page
    assert "A managed account" in page and "An Individual Service Fund (ISF)" in page
    assert "you do not need a card" in page and "one invoice for each provider" in page
    # Each choice's fields sit in its own reveal, present in the page without JavaScript.
    assert page.count('class="govuk-radios__conditional') == 2
    assert 'name="managed_account_email"' in page and 'name="isf_email"' in page
    assert 'value="card" checked' in page


def test_naming_a_managed_account_makes_sessions_invoiced_and_the_page_remembers_it(client, person):
    response = client.post(PAGE, data=MANAGED)

    assert response.status_code == 302
    holder = _holder(person)
    assert (holder.kind, holder.name, holder.email, holder.reference) == (
        HolderKind.MANAGED_ACCOUNT,
        "Wigan Money Management",
        "accounts@example.org",
        "DP-0042",
    )
    assert ledger.method_for(db.session, person.id) is PaymentMethod.INVOICE
    page = client.get(PAGE).get_data(as_text=True)
    assert "invoiced to Wigan Money Management each month" in page
    assert 'value="managed_account" checked' in page and 'value="DP-0042"' in page


def test_changing_to_an_isf_takes_what_was_typed_under_the_isf(client, person):
    client.post(PAGE, data=MANAGED)

    response = client.post(
        PAGE,
        data={
            **MANAGED,  # still in the form without JavaScript, and ignored
            "how_paid": "isf",
            "isf_name": "Leigh Support Ltd",
            "isf_email": "isf@example.org",
            "isf_reference": "ISF/7",
        },
    )

    assert response.status_code == 302
    holder = _holder(person)
    assert (holder.kind, holder.name, holder.reference) == (HolderKind.ISF, "Leigh Support Ltd", "ISF/7")
    assert db.session.query(MoneyHolder).count() == 1


def test_going_back_to_the_card_removes_the_holder_without_checking_its_fields(client, person):
    client.post(PAGE, data=MANAGED)

    response = client.post(PAGE, data={"how_paid": "card", "isf_email": "not an email"})

    assert response.status_code == 302
    assert _holder(person) is None
    assert ledger.method_for(db.session, person.id) is PaymentMethod.CARD


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"how_paid": ""}, "how_paid", "Select how your support is paid for"),
        ({"how_paid": "cash"}, "how_paid", "Select how your support is paid for"),
        ({"managed_account_name": ""}, "managed_account_name", "Enter the name of the managed account"),
        ({"managed_account_name": "x" * 201}, "managed_account_name", "Name must be 200 characters or fewer"),
        (
            {"managed_account_email": ""},
            "managed_account_email",
            "Enter the email address of the managed account",
        ),
        (
            {"managed_account_email": "accounts.example.org"},
            "managed_account_email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        (
            {"managed_account_email": "a" * 250 + "@example.org"},
            "managed_account_email",
            "Email address must be 254 characters or fewer",
        ),
        ({"managed_account_reference": "  "}, "managed_account_reference", "Enter your reference with them"),
        (
            {"managed_account_reference": "R" * 61},
            "managed_account_reference",
            "Reference must be 60 characters or fewer",
        ),
    ],
)
def test_a_bad_field_is_refused_beside_it_and_nothing_is_written(client, person, changes, field, message):
    response = client.post(PAGE, data={**MANAGED, **changes})

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert page.count(message) == 2  # in the error summary and beside the field
    assert f'href="#{field}' in page
    assert _holder(person) is None


def test_an_isf_with_missing_fields_says_isf_provider(client, person):
    response = client.post(PAGE, data={"how_paid": "isf"})

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert (
        "Enter the name of the ISF provider" in page and "Enter the email address of the ISF provider" in page
    )
    assert _holder(person) is None


def test_a_bad_change_keeps_the_holder_there_was(client, person):
    client.post(PAGE, data=MANAGED)

    response = client.post(PAGE, data={**MANAGED, "managed_account_email": "nope"})

    assert response.status_code == 400
    assert _holder(person).email == "accounts@example.org"


def test_the_form_needs_its_csrf_token(csrf_client):
    user = make_user("person@example.org")
    csrf_client.application.config["WTF_CSRF_ENABLED"] = False
    csrf_client.post("/account/sign-in", data={"email": user.email, "password": PASSWORD})
    csrf_client.application.config["WTF_CSRF_ENABLED"] = True

    response = csrf_client.post(PAGE, data=MANAGED)

    assert response.status_code == 400
    assert _holder(user) is None


def test_the_account_page_links_to_it(client, person):
    assert f'href="{PAGE}"' in client.get("/account").get_data(as_text=True)
