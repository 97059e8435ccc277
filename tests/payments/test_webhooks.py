"""The webhook: only signed events are read, each is applied once, a status only moves forward, and
refunds never exceed what was paid. The last test lets localstripe itself deliver to a live server."""

import threading
import time

import pytest
from werkzeug.serving import make_server

from tests.payments import cards
from tests.payments.stripe_events import event, intent, opened_payment, refunded_charge, signed
from web.extensions import db
from web.models.payments import Payment, PaymentStatus, Refund, RefundStatus, StripeEvent
from web.payments import gateway, localstripe_server

URL = "/payments/webhook"


@pytest.fixture
def post(client, app):
    def post(body: dict, secret: str | None = None):
        payload, signature = signed(body, secret or app.config["STRIPE_WEBHOOK_SECRET"])
        return client.post(URL, data=payload, headers={"Stripe-Signature": signature})

    return post


def _fresh(payment: Payment) -> Payment:
    db.session.expire_all()
    return db.session.get(Payment, payment.id)


def test_a_bad_signature_is_refused_with_400_and_changes_nothing(client, post):
    payment = opened_payment()

    wrong = post(event("payment_intent.succeeded", intent(payment, "pi_1", "succeeded")), secret="whsec_x")
    unsigned = client.post(URL, data=b"{}", content_type="application/json")
    garbled = client.post(URL, data=b"not json", headers={"Stripe-Signature": "t=1,v1=00"})

    assert [wrong.status_code, unsigned.status_code, garbled.status_code] == [400, 400, 400]
    assert "signature" in wrong.get_json()["error"]
    assert _fresh(payment).status is PaymentStatus.PENDING
    assert db.session.query(StripeEvent).count() == 0


def test_a_body_too_big_to_be_an_event_is_refused(client):
    response = client.post(URL, data=b"x" * 70_000, headers={"Stripe-Signature": "t=1,v1=00"})

    assert response.status_code == 413


def test_a_success_marks_the_payment_paid_with_its_payment_intent(post):
    payment = opened_payment()

    response = post(event("payment_intent.succeeded", intent(payment, "pi_ok", "succeeded")))

    assert response.status_code == 200
    paid = _fresh(payment)
    assert paid.status is PaymentStatus.SUCCEEDED
    assert paid.stripe_payment_intent_id == "pi_ok"
    assert paid.succeeded_at is not None


def test_the_same_event_twice_is_applied_once(post):
    payment = opened_payment()
    sent = event("charge.refunded", refunded_charge(payment, "pi_r", [("re_1", 500)]))
    post(event("payment_intent.succeeded", intent(payment, "pi_r", "succeeded")))

    first = post(sent)
    again = post(sent)

    assert first.status_code == again.status_code == 200
    assert again.get_json()["outcome"] == "already handled"
    assert db.session.query(StripeEvent).filter_by(id=sent["id"]).count() == 1
    assert db.session.query(Refund).count() == 1
    assert _fresh(payment).refunded_pence == 500


def test_an_older_failure_arriving_after_the_success_changes_nothing(post):
    payment = opened_payment()
    now = int(time.time())
    failed = event(
        "payment_intent.payment_failed",
        intent(payment, "pi_late", "requires_payment_method", error="Your card was declined."),
        created=now - 60,
    )

    post(event("payment_intent.succeeded", intent(payment, "pi_late", "succeeded"), created=now))
    response = post(failed)

    assert response.status_code == 200
    paid = _fresh(payment)
    assert paid.status is PaymentStatus.SUCCEEDED
    assert paid.failure_message is None


def test_a_failure_asks_the_person_to_pay_and_says_why(post):
    payment = opened_payment()

    post(
        event(
            "payment_intent.payment_failed",
            intent(payment, "pi_no", "requires_payment_method", error="Your card was declined."),
        )
    )

    needed = _fresh(payment)
    assert needed.status is PaymentStatus.PAYMENT_NEEDED
    assert needed.failure_message == "Your card was declined."


def test_a_failure_of_an_earlier_attempt_does_not_undo_a_newer_one(post):
    payment = opened_payment()
    post(event("payment_intent.requires_action", intent(payment, "pi_first", "requires_action")))
    assert _fresh(payment).status is PaymentStatus.PAYMENT_NEEDED
    payment = _fresh(payment)
    payment.status, payment.stripe_payment_intent_id = PaymentStatus.PENDING, "pi_second"  # paying again
    db.session.commit()

    post(event("payment_intent.payment_failed", intent(payment, "pi_first", "requires_payment_method")))

    assert _fresh(payment).status is PaymentStatus.PENDING


def test_refunds_add_up_and_never_pass_the_amount(post):
    payment = opened_payment(2000)
    post(event("payment_intent.succeeded", intent(payment, "pi_ref", "succeeded")))
    now = int(time.time())
    both = refunded_charge(payment, "pi_ref", [("re_a", 500), ("re_b", 1500)])
    too_much = refunded_charge(payment, "pi_ref", [("re_a", 500), ("re_b", 1500)])
    too_much["amount_refunded"] = 9999

    post(event("charge.refunded", refunded_charge(payment, "pi_ref", [("re_a", 500)]), created=now - 5))
    post(event("charge.refunded", both, created=now))
    post(event("charge.refunded", too_much, created=now))
    older = post(
        event("charge.refunded", refunded_charge(payment, "pi_ref", [("re_a", 500)]), created=now - 10)
    )

    assert older.status_code == 200
    refunded = _fresh(payment)
    assert refunded.refunded_pence == 2000
    rows = db.session.query(Refund).order_by(Refund.amount_pence).all()
    assert [(r.stripe_refund_id, r.amount_pence, r.status) for r in rows] == [
        ("re_a", 500, RefundStatus.SUCCEEDED),
        ("re_b", 1500, RefundStatus.SUCCEEDED),
    ]


def test_a_refund_we_started_is_finished_rather_than_written_twice(post):
    payment = opened_payment(2000)
    post(event("payment_intent.succeeded", intent(payment, "pi_own", "succeeded")))
    started = Refund(payment_id=payment.id, amount_pence=700, reason="The provider cancelled")
    db.session.add(started)
    db.session.commit()

    post(event("charge.refunded", refunded_charge(payment, "pi_own", [("re_own", 700)])))

    rows = db.session.query(Refund).all()
    assert len(rows) == 1
    assert rows[0].reason == "The provider cancelled"
    assert rows[0].stripe_refund_id == "re_own" and rows[0].status is RefundStatus.SUCCEEDED
    assert _fresh(payment).refunded_pence == 700


def test_unknown_types_and_unknown_payments_are_acknowledged_and_ignored(post):
    payment = opened_payment()

    unknown_type = post(event("customer.created", {"id": "cus_1", "object": "customer"}))
    not_ours = post(event("payment_intent.succeeded", intent(None, "pi_someone_else", "succeeded")))

    assert unknown_type.status_code == not_ours.status_code == 200
    assert not_ours.get_json()["outcome"] == "ignored: no payment of ours"
    assert _fresh(payment).status is PaymentStatus.PENDING


def test_the_command_points_localstripe_at_the_site(app, localstripe):
    runner = app.test_cli_runner()
    url = "http://127.0.0.1:5000/payments/webhook"

    told = runner.invoke(args=["payments", "localstripe-webhooks", "--url", url])
    localstripe_server.send_webhooks_to(localstripe, "http://127.0.0.1:9/", "whsec_nowhere")
    app.config["STRIPE_API_BASE"] = "http://127.0.0.1:9"
    unreachable = runner.invoke(args=["payments", "localstripe-webhooks", "--url", url, "--wait", "0"])

    assert told.exit_code == 0 and url in told.output
    assert unreachable.exit_code == 1 and "not answering" in unreachable.output


@pytest.fixture
def live_site(app):
    """The site served on a loopback port, as Stripe would reach it."""
    port = localstripe_server.free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join()


def test_localstripe_delivers_a_success_the_site_never_recorded(app, app_context, localstripe, live_site):
    """A charge made, then the process dies before writing its PaymentIntent: the webhook finishes it."""
    payment = opened_payment()
    customer = gateway.create_customer("person@example.org", "Sam", idempotency_key="customer-live")
    started = gateway.start_saving_card(customer, idempotency_key="setup-live")
    cards.finish_setup(localstripe, started.setup_intent_id)
    card = gateway.saved_card(started.setup_intent_id)
    localstripe_server.send_webhooks_to(localstripe, f"{live_site}{URL}", app.config["STRIPE_WEBHOOK_SECRET"])
    try:
        charge = gateway.charge_saved_card(
            amount_pence=payment.amount_pence,
            customer_id=customer,
            payment_method_id=card.payment_method_id,
            idempotency_key=payment.idempotency_key,
            metadata={"payment_id": payment.id, "for": "Visit"},
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and _fresh(payment).status is PaymentStatus.PENDING:
            time.sleep(0.2)
    finally:
        localstripe_server.send_webhooks_to(localstripe, "http://127.0.0.1:9/", "whsec_nowhere")

    paid = _fresh(payment)
    assert paid.status is PaymentStatus.SUCCEEDED
    assert paid.stripe_payment_intent_id == charge.payment_intent_id
    assert db.session.query(StripeEvent).filter_by(type="payment_intent.succeeded").count() == 1
