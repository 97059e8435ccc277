"""POST /payments/webhook: Stripe tells us what happened to a payment.

Only an event signed with our webhook secret is read (400 otherwise, so Stripe shows the failure
instead of retrying forever). Each answer is quick: the event is applied in one short transaction.
"""

import logging

import stripe
from flask import jsonify, request

from web.access import public
from web.extensions import csrf, db, limiter
from web.models.base import utcnow
from web.payments import bp, gateway, webhooks
from web.rate_limits import WEBHOOK_RATE_LIMIT

log = logging.getLogger(__name__)

# Stripe's payment events are a few kilobytes; anything much larger is not from Stripe.
MAX_EVENT_BYTES = 64 * 1024


@bp.post("/payments/webhook")
@public
@csrf.exempt
@limiter.limit(WEBHOOK_RATE_LIMIT)
def webhook():
    if (request.content_length or 0) > MAX_EVENT_BYTES:
        return jsonify(error="Too large to be a Stripe event."), 413
    payload = request.get_data(cache=False)
    if len(payload) > MAX_EVENT_BYTES:
        return jsonify(error="Too large to be a Stripe event."), 413
    signature = request.headers.get("Stripe-Signature", "")
    try:
        event = gateway.webhook_event(payload, signature)
    except (stripe.SignatureVerificationError, ValueError):
        log.warning("A webhook arrived without a valid Stripe signature")
        return jsonify(error="The signature is missing or wrong."), 400
    outcome = webhooks.handle_event(db.session, event, utcnow())
    return jsonify(received=event.id, outcome=outcome), 200
