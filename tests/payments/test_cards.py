"""Saving a card on the "Your card" page against localstripe, and the booking check page's "How you will
pay": a person paying by card must save one before sending a request; a money holder's person need not."""

import html
import re
from datetime import datetime, timedelta
from urllib.parse import unquote

import pytest

from tests.factories import make_bookable_provider, make_user
from tests.payments import cards as test_cards
from web.extensions import db
from web.marketplace.availability import LONDON
from web.models.marketplace import Booking
from web.models.payments import HolderKind, MoneyHolder, SavedCard

PASSWORD = "correct horse battery"
ADDRESS = "1 Example Road, Wigan WN1 1AA"


def sign_in(client, email_address: str) -> None:
    response = client.post("/account/sign-in", data={"email": email_address, "password": PASSWORD})
    assert response.status_code == 302


def setup_intent_on(page: str) -> str:
    secret = re.search(r'data-setup-secret="([^"]+)"', page).group(1)
    return secret.split("_secret_")[0]


def save_card_through_the_page(client, localstripe: str, number: str = test_cards.GOOD_CARD, next_page=""):
    """What a person does: open the page, let Stripe.js finish the SetupIntent, and send the form."""
    page = client.get("/payments/card", query_string={"next": next_page})
    assert page.status_code == 200
    setup_intent_id = setup_intent_on(page.text)
    test_cards.finish_setup(localstripe, setup_intent_id, number)
    return client.post("/payments/card", data={"setup_intent_id": setup_intent_id, "next": next_page})


@pytest.fixture
def person(client):
    user = make_user("person@example.org")
    sign_in(client, "person@example.org")
    return user


def test_a_card_saved_through_stripe_js_keeps_only_brand_last_four_and_expiry(client, localstripe, person):
    saved = save_card_through_the_page(client, localstripe)

    assert saved.status_code == 302 and saved.headers["Location"] == "/payments/card"
    card = db.session.scalar(db.select(SavedCard).where(SavedCard.user_id == person.id))
    assert (card.brand, card.last4, card.exp_month, card.exp_year) == ("visa", "4242", 12, 2034)
    assert card.stripe_payment_method_id.startswith("pm_")
    page = client.get("/payments/card")
    assert "Visa ending 4242" in page.text and "12/2034" in page.text
    assert "Card saved: Visa ending 4242. Nothing has been charged." in page.text


def test_a_second_card_replaces_the_first_and_the_person_is_sent_back(client, localstripe, person):
    save_card_through_the_page(client, localstripe)
    again = save_card_through_the_page(
        client, localstripe, test_cards.ALWAYS_AUTHENTICATE, next_page="/book/x/check?start=1"
    )

    assert again.headers["Location"] == "/book/x/check?start=1"
    [card] = db.session.scalars(db.select(SavedCard)).all()
    assert card.last4 == "3184"


def test_an_unfinished_or_someone_elses_setup_is_not_saved(client, localstripe, person):
    page = client.get("/payments/card")
    unfinished = setup_intent_on(page.text)
    refused = client.post("/payments/card", data={"setup_intent_id": unfinished})
    assert refused.status_code == 400
    assert "Your card was not saved. Enter your card details again." in refused.text

    # Another person's finished SetupIntent, posted by this person, is not theirs to save.
    client.post("/account/sign-out")
    make_user("other@example.org")
    sign_in(client, "other@example.org")
    theirs = setup_intent_on(client.get("/payments/card").text)
    test_cards.finish_setup(localstripe, theirs)
    client.post("/account/sign-out")
    sign_in(client, "person@example.org")
    assert client.post("/payments/card", data={"setup_intent_id": theirs}).status_code == 400
    assert client.post("/payments/card", data={"setup_intent_id": "not-an-id"}).status_code == 400
    assert (
        db.session.scalar(db.select(SavedCard.stripe_payment_method_id).where(SavedCard.user_id == person.id))
        is None
    )


def test_the_page_loads_the_configured_stripe_js_and_says_what_to_do_without_javascript(
    client, app, localstripe, person
):
    page = client.get("/payments/card")

    script = f'<script src="{localstripe}/js.stripe.com/v3/" nonce="'
    assert script in page.text
    assert "/static/js/card.js" in page.text
    assert "needs JavaScript" in page.text
    assert 'href="/payments/money-holder"' in page.text
    assert app.config["COUNCIL_PHONE"] in page.text


def test_the_content_security_policy_allows_exactly_the_configured_stripe_js(client, person):
    policy = client.get("/payments/card").headers["Content-Security-Policy"]
    # The test config points Stripe at the discard port; the policy was made from it.
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "http://127.0.0.1:9/js.stripe.com/v3/" in script_src
    assert "https://js.stripe.com" not in script_src
    connect_src = next(part for part in policy.split(";") if part.strip().startswith("connect-src"))
    assert "http://127.0.0.1:9" in connect_src


def test_stripe_not_answering_says_so_plainly(client, person):
    page = client.get("/payments/card")

    assert page.status_code == 503
    assert "The card payment service is not answering. Nothing has been charged." in page.text
    assert "data-setup-secret" not in page.text


# ---- the booking check page -----------------------------------------------------------------------


def _chosen_time():
    day = (datetime.now(LONDON) + timedelta(days=3)).date()
    return {"start": f"{day.isoformat()}T10:00", "minutes": "60", "weeks": "1"}


def test_a_request_needs_a_saved_card_and_nothing_is_written_without_one(client, localstripe, person):
    _, offering, _ = make_bookable_provider()
    chosen = _chosen_time()
    check = client.get(f"/book/{offering.id}/check", query_string=chosen)
    assert "How you will pay" in check.text
    assert "you will not be charged until you confirm the visit" in check.text
    add_link = re.search(r'href="(/payments/card\?next=[^"]+)"', check.text).group(1)

    refused = client.post(
        f"/book/{offering.id}/check", data={**chosen, "visits": "1", "visit_address": ADDRESS}
    )
    assert refused.status_code == 400
    assert "Add a card before you send the request" in refused.text
    assert db.session.scalars(db.select(Booking)).all() == []

    # The link brings the person back to the same check page once the card is saved.
    back_to = unquote(html.unescape(add_link).split("next=", 1)[1])
    assert back_to.startswith(f"/book/{offering.id}/check?")
    back = save_card_through_the_page(client, localstripe, next_page=back_to)
    check_again = client.get(back.headers["Location"])
    assert check_again.status_code == 200
    assert "Visa card ending 4242" in check_again.text
    sent = client.post(f"/book/{offering.id}/check", data={**chosen, "visits": "1", "visit_address": ADDRESS})
    assert sent.status_code == 302
    assert len(db.session.scalars(db.select(Booking)).all()) == 1


def test_a_person_whose_money_is_held_by_a_managed_account_needs_no_card(client, person):
    db.session.add(
        MoneyHolder(
            user_id=person.id,
            kind=HolderKind.MANAGED_ACCOUNT,
            name="Wigan Money Management",
            email="accounts@example.org",
            reference="DP-0042",
        )
    )
    db.session.commit()
    _, offering, _ = make_bookable_provider()
    chosen = _chosen_time()

    check = client.get(f"/book/{offering.id}/check", query_string=chosen)
    assert "Wigan Money Management" in check.text and "invoiced" in check.text
    sent = client.post(f"/book/{offering.id}/check", data={**chosen, "visits": "1", "visit_address": ADDRESS})
    assert sent.status_code == 302
    card_page = client.get("/payments/card")
    assert card_page.status_code == 200 and "you do not need a card" in card_page.text
