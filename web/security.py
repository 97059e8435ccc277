"""Security headers with a per-request CSP nonce, set in the app so tests can check them."""

from flask import Flask
from flask_talisman import Talisman

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "img-src": ["'self'", "data:"],
    "style-src": "'self'",
    "script-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def init_security(app: Flask, talisman: Talisman) -> None:
    csp = dict(CONTENT_SECURITY_POLICY)
    tile_url = app.config.get("MAP_TILE_URL", "")
    if tile_url:
        # Allow the configured tile server's origin for map images only.
        from urllib.parse import urlsplit

        parts = urlsplit(tile_url.replace("{s}", "a"))
        csp["img-src"] = ["'self'", "data:", f"{parts.scheme}://{parts.netloc}"]
    _allow_stripe_js(app, csp)
    talisman.init_app(
        app,
        force_https=app.config["FORCE_HTTPS"],
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        content_security_policy=csp,
        content_security_policy_nonce_in=["script-src"],
        referrer_policy="strict-origin-when-cross-origin",
        permissions_policy={"geolocation": "()", "camera": "()", "microphone": "()"},
    )


def _allow_stripe_js(app: Flask, csp: dict) -> None:
    """Exactly the configured Stripe.js (localstripe's copy, or Stripe's), where it sends card details,
    and, for Stripe's own, the frames it draws the card field and 3-D Secure in."""
    from web.payments.cards import stripe_api_origin, stripe_js_url

    csp["script-src"] = ["'self'", stripe_js_url(app.config)]
    csp["connect-src"] = ["'self'", stripe_api_origin(app.config)]
    if not app.config.get("STRIPE_API_BASE"):
        csp["frame-src"] = ["https://js.stripe.com", "https://hooks.stripe.com"]
