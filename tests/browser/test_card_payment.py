"""Card payments in a real browser with localstripe's Stripe.js: a person saves a card that asks for
3-D Secure, confirms a visit, is asked to pay on the site, and pays through the 3-D Secure window. With
JavaScript off the card page says so and offers the invoice route and the council's phone. axe-core
checks each page, and no page may break the Content Security Policy."""

import re
from datetime import timedelta

import pytest

from tests.browser.conftest import _skip_unless_ready, only_loopback, serve_app
from tests.browser.test_accessibility import axe_violations, describe
from tests.factories import make_bookable_provider, make_booking, make_user
from tests.payments.cards import ALWAYS_AUTHENTICATE
from tests.payments.money import PASSWORD
from web.extensions import db
from web.marketplace import booking_lifecycle as life
from web.models.base import utcnow
from web.models.marketplace import BookingStatus
from web.models.payments import Payment, PaymentStatus

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(tmp_path_factory, localstripe_url):
    _skip_unless_ready()
    with serve_app(tmp_path_factory.mktemp("card_payment"), STRIPE_API_BASE=localstripe_url) as server:
        with server.app.app_context():
            business, offering, provider = make_bookable_provider()
            person = make_user("person@example.org")
            booking = make_booking(
                business, offering, person, starts_in=-timedelta(days=1), status=BookingStatus.ACCEPTED
            )
            life.deliver(db.session, booking, provider, utcnow(), started_at=booking.starts_at, minutes=60)
            server.booking_id = booking.id
            db.session.remove()
        yield server


def _tab(browser, live_server, javascript: bool = True):
    context = browser.new_context(java_script_enabled=javascript, base_url=live_server.url)
    context.route("**/*", only_loopback(live_server))
    context.set_default_timeout(10_000)
    tab = context.new_page()
    tab.csp_errors = []
    tab.on(
        "console",
        lambda message: tab.csp_errors.append(message.text)
        if "Content Security Policy" in message.text
        else None,
    )
    return tab


def _checked(tab, problems: list[str]) -> None:
    tab.wait_for_load_state()
    violations = axe_violations(tab)
    if violations:
        problems.append(f"{tab.url}:\n{describe(violations)}")


def _sign_in(tab) -> None:
    tab.goto("/account/sign-in")
    tab.get_by_label("Email address").fill("person@example.org")
    tab.get_by_label("Password", exact=True).fill(PASSWORD)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Sign in").click()


def _complete_3d_secure(tab) -> None:
    """localstripe's stand-in for the bank's window."""
    tab.get_by_role("button", name="Complete authentication").click()


def fill_card(tab, number: str) -> None:
    """Type a test card into localstripe's card field."""
    field = tab.locator("[data-card-element]")
    field.get_by_placeholder("number").fill(number)
    field.get_by_placeholder("exp_month").fill("12")
    field.get_by_placeholder("exp_year").fill("34")
    field.get_by_placeholder("cvc").fill("123")
    field.get_by_placeholder("postal_code").fill("WN11AA")


def test_saving_a_card_and_paying_through_3d_secure(browser, live_server):
    tab = _tab(browser, live_server)
    problems: list[str] = []
    _sign_in(tab)

    tab.goto("/payments/card")
    _checked(tab, problems)
    assert not tab.get_by_text("needs JavaScript").is_visible()  # Stripe.js loaded: the field is offered
    fill_card(tab, ALWAYS_AUTHENTICATE)
    tab.get_by_role("button", name="Save card").click()
    with tab.expect_navigation():
        _complete_3d_secure(tab)  # this card asks the bank when it is saved, too
    tab.wait_for_url(re.compile(r"/payments/card$"))
    assert "Card saved: Visa ending 3184. Nothing has been charged." in tab.locator("main").inner_text()
    _checked(tab, problems)

    # Confirming the visit charges the card off-session; this card's bank wants the person there.
    tab.goto(f"/bookings/{live_server.booking_id}")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Confirm the visit took place").click()
    main = tab.locator("main").inner_text()
    assert "Your bank wants you to confirm this payment." in main and "Payment needed" in main
    _checked(tab, problems)

    with tab.expect_navigation():
        tab.get_by_role("link", name=re.compile("Pay now")).click()
    assert tab.locator("h1").inner_text() == "Pay £20"
    _checked(tab, problems)
    tab.get_by_role("button", name="Pay £20", exact=True).click()
    with tab.expect_navigation():
        _complete_3d_secure(tab)
    tab.wait_for_url(re.compile(rf"/bookings/{live_server.booking_id}$"))
    assert "Paid £20. Thank you." in tab.locator("main").inner_text()

    with live_server.app.app_context():
        payment = db.session.scalar(db.select(Payment).where(Payment.booking_id == live_server.booking_id))
        assert payment.status is PaymentStatus.SUCCEEDED and payment.amount_pence == 2000
        db.session.remove()
    assert tab.csp_errors == []
    assert live_server.blocked_requests == []
    assert not problems, "\n\n".join(problems)
    tab.context.close()


def test_without_javascript_the_card_page_offers_the_invoice_route_and_the_phone(browser, live_server):
    tab = _tab(browser, live_server, javascript=False)
    _sign_in(tab)
    tab.goto("/payments/card")
    main = tab.locator("main").inner_text()
    assert "needs JavaScript" in main
    assert live_server.app.config["COUNCIL_PHONE"] in main
    assert tab.get_by_role("link", name="how a managed account or ISF pays for you").is_visible()
    assert not tab.get_by_role("button", name="Save card").is_visible()
    tab.context.close()
