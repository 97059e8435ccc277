"""A double click on Confirm, as two requests at the same moment with their own sessions and
connections: one confirms and charges, the other is refused, and the card is charged once."""

import threading

import pytest

from tests.factories import make_bookable_provider, make_user
from tests.payments.money import delivered, payments, save_card, stripe_intents
from web import create_app
from web.extensions import db
from web.marketplace import booking_lifecycle as life
from web.models import Booking, User
from web.models.base import utcnow
from web.models.payments import PaymentStatus
from web.payments import charges

CLICKS = 4


@pytest.fixture
def race_app(app, app_context, localstripe):
    config = {
        key: app.config[key]
        for key in (
            "SQLALCHEMY_DATABASE_URI",
            "INSTANCE_PATH",
            "SEARCH_INDEX_PATH",
            "MAIL_DIR",
            "STRIPE_API_BASE",
        )
    }
    config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_size": CLICKS + 2, "max_overflow": 0, "pool_timeout": 60}
    racing = create_app(config)
    yield racing
    with racing.app_context():
        db.engine.dispose()


def test_confirm_clicked_at_once_charges_once(race_app, localstripe):
    business, offering, provider = make_bookable_provider()
    person = make_user("person@example.org")
    card = save_card(localstripe, person)
    booking_id, person_id = delivered(business, offering, person, provider).id, person.id
    barrier = threading.Barrier(CLICKS, timeout=30)
    outcomes: list[str] = []
    lock = threading.Lock()

    def click() -> None:
        with race_app.app_context():
            session = db.session
            booking, user = session.get(Booking, booking_id), session.get(User, person_id)
            barrier.wait()
            try:
                life.confirm(session, booking, user, utcnow())
                charges.take_booking_payments(session, booking, utcnow())
                outcome = "confirmed"
            except life.StepRefused:
                outcome = "refused"
            finally:
                session.remove()
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=click) for _ in range(CLICKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["confirmed"] + ["refused"] * (CLICKS - 1)
    [payment] = payments()
    assert payment.status is PaymentStatus.SUCCEEDED and payment.amount_pence == 2000
    assert len(stripe_intents(localstripe, card.stripe_customer_id)) == 1
