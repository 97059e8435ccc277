"""Reconcile against localstripe: a charge made whose row we never finished (the process killed between
Stripe's answer and our commit) is completed, a second run changes nothing, and what cannot be
completed is reported."""

from datetime import timedelta

import pytest

from tests.factories import make_saved_card
from tests.payments import cards
from tests.payments.stripe_events import opened_payment
from web.extensions import db
from web.models.base import utcnow
from web.models.payments import Payment, PaymentStatus, Refund
from web.payments import gateway
from web.payments.reconcile import reconcile


@pytest.fixture
def card(app_context, localstripe):
    """A saved card, as the card pages leave it: (customer, payment method)."""
    customer = gateway.create_customer("person@example.org", "Sam", idempotency_key="customer-reconcile")
    started = gateway.start_saving_card(customer, idempotency_key="setup-reconcile")
    cards.finish_setup(localstripe, started.setup_intent_id)
    return customer, gateway.saved_card(started.setup_intent_id).payment_method_id


def _charge(card, payment: Payment, method_id: str | None = None) -> gateway.Charge:
    customer, saved = card
    return gateway.charge_saved_card(
        amount_pence=payment.amount_pence,
        customer_id=customer,
        payment_method_id=method_id or saved,
        idempotency_key=payment.idempotency_key,
        metadata={"payment_id": payment.id, "for": "Visit"},
    )


def _fresh(payment: Payment) -> Payment:
    db.session.expire_all()
    return db.session.get(Payment, payment.id)


def test_a_charge_whose_commit_was_lost_is_completed_once(card):
    payment = opened_payment()
    charge = _charge(card, payment)
    db.session.rollback()  # the process dies here: Stripe took the money, our row never heard

    first = reconcile(db.session, utcnow())
    completed = _fresh(payment)
    changed_at = completed.updated_at
    second = reconcile(db.session, utcnow())

    assert completed.status is PaymentStatus.SUCCEEDED
    assert completed.stripe_payment_intent_id == charge.payment_intent_id
    assert any(payment.id in line for line in first.completed)
    assert not any(payment.id in line for line in second.completed + second.differences)
    assert _fresh(payment).updated_at == changed_at


def test_a_decline_whose_commit_was_lost_asks_the_person_to_pay(card, localstripe):
    payment = opened_payment()
    declining = cards.card_payment_method(localstripe, "4000000000000341")
    with pytest.raises(gateway.CardDeclined):
        _charge(card, payment, declining)

    reconcile(db.session, utcnow())

    assert _fresh(payment).status is PaymentStatus.PAYMENT_NEEDED


def test_a_payment_never_charged_is_reported_and_left_alone(card):
    payment = opened_payment()

    report = reconcile(db.session, utcnow())

    assert any(payment.id in line for line in report.not_charged)
    assert _fresh(payment).status is PaymentStatus.PENDING
    assert _fresh(payment).stripe_payment_intent_id is None


def test_a_refund_made_in_stripe_but_not_recorded_is_completed(card):
    payment = opened_payment(2000)
    charge = _charge(card, payment)
    reconcile(db.session, utcnow())
    gateway.refund(charge.payment_intent_id, 600, idempotency_key=f"refund-lost-{payment.id}")

    report = reconcile(db.session, utcnow())

    assert _fresh(payment).refunded_pence == 600
    assert [(r.amount_pence, r.status.value) for r in db.session.query(Refund)] == [(600, "succeeded")]
    assert any("refunded £6.00" in line for line in report.completed)


def test_differences_that_cannot_be_completed_are_reported(card, localstripe):
    paid_here = opened_payment(2000, email="one@example.org")
    over_refunded = opened_payment(2000, email="two@example.org")
    gone = opened_payment(2000, email="three@example.org")
    with pytest.raises(gateway.AuthenticationRequired) as asked:
        _charge(card, paid_here, cards.card_payment_method(localstripe, cards.ALWAYS_AUTHENTICATE))
    failed = asked.value.payment_intent_id
    taken = _charge(card, over_refunded)
    orphan = _charge(card, gone)
    for row, intent_id in ((paid_here, failed), (over_refunded, taken.payment_intent_id)):
        row.status, row.stripe_payment_intent_id = PaymentStatus.SUCCEEDED, intent_id
    over_refunded.refunded_pence = 500
    db.session.delete(gone)
    db.session.commit()

    report = reconcile(db.session, utcnow())

    text = "\n".join(report.differences)
    assert f"payment {paid_here.id} is paid here, but Stripe shows {failed} as requires_action" in text
    assert f"payment {over_refunded.id}: we recorded £5.00 refunded, Stripe shows £0.00" in text
    assert f"{orphan.payment_intent_id} (succeeded, £20.00) names payment {gone.id}" in text


def test_the_command_prints_a_plain_summary(app, card):
    payment = opened_payment()
    _charge(card, payment)
    db.session.rollback()

    result = app.test_cli_runner().invoke(args=["payments", "reconcile", "--open-only"])

    assert result.exit_code == 0, result.output
    assert result.output.startswith("Checked 1 payments: completed 1, not charged yet 0, differences 0.")
    assert _fresh(payment).status is PaymentStatus.SUCCEEDED


def test_the_command_says_plainly_when_stripe_is_not_answering(app, app_context):
    opened_payment()

    result = app.test_cli_runner().invoke(args=["payments", "reconcile"])

    assert result.exit_code == 1
    assert "not answering" in result.output


def test_the_scheduler_pass_asks_stripe_nothing_while_no_payment_has_waited(app, app_context):
    opened_payment()  # just opened: the charge may still be on its way

    # Stripe is not reachable here (the discard port), so any call would fail the run.
    report = reconcile(db.session, utcnow(), open_only=True, older_than=timedelta(minutes=10))

    assert report.checked == 0


def test_the_scheduler_pass_completes_a_pending_charge_and_leaves_waiting_ones(card):
    lost = opened_payment(email="one@example.org")
    waiting = opened_payment(email="two@example.org")
    _charge(card, lost)
    db.session.rollback()
    waiting = _fresh(waiting)
    waiting.status = PaymentStatus.PAYMENT_NEEDED  # the bank asked the person to confirm
    db.session.commit()

    report = reconcile(
        db.session, utcnow() + timedelta(minutes=11), open_only=True, older_than=timedelta(minutes=10)
    )

    assert report.checked == 1
    assert _fresh(lost).status is PaymentStatus.SUCCEEDED
    assert _fresh(waiting).status is PaymentStatus.PAYMENT_NEEDED


def test_the_scheduler_charges_a_payment_stripe_never_received_once(app, card):
    payment = opened_payment()
    customer, method = card
    card_row = make_saved_card(payment.payer, method)
    card_row.stripe_customer_id = customer
    db.session.commit()
    runner = app.test_cli_runner()

    first = runner.invoke(args=["payments", "reconcile", "--charge-missing"])
    second = runner.invoke(args=["payments", "reconcile", "--charge-missing"])

    assert first.exit_code == 0, first.output
    assert f"Charged payment {payment.id}: paid." in first.output
    charged = _fresh(payment)
    assert charged.status is PaymentStatus.SUCCEEDED and charged.stripe_payment_intent_id
    assert "Charged payment" not in second.output
    assert gateway.payment_intent(charged.stripe_payment_intent_id).amount == payment.amount_pence
