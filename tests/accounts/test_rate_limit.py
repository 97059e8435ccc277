import pytest

from tests.accounts.conftest import make_fresh_app
from web.extensions import db, limiter

# Flask-Limiter keeps its on/off switch on the one shared Limiter, so it is put back afterwards
# for the rest of the suite, which runs with limits off.


@pytest.fixture
def rate_limited_app(app, app_context):
    was_enabled, was_initialized = limiter.enabled, limiter.initialized
    rate_limited_app = make_fresh_app(app, RATELIMIT_ENABLED=True)
    yield rate_limited_app
    limiter.enabled, limiter.initialized = was_enabled, was_initialized
    with rate_limited_app.app_context():
        db.engine.dispose()


@pytest.mark.parametrize("url", ["/account/sign-in", "/account/register"])
def test_too_many_attempts_get_a_friendly_429_page(rate_limited_app, url):
    client = rate_limited_app.test_client()
    for _ in range(10):
        assert client.post(url, data={"email": "sam@example.org", "password": "guess"}).status_code == 400
    response = client.post(url, data={"email": "sam@example.org", "password": "guess"})
    assert response.status_code == 429
    assert "Too many requests" in response.text
    assert "Wait a minute, then try again." in response.text
    assert "Traceback" not in response.text
    # Reading the page (and its phone number) is never limited.
    assert client.get(url).status_code == 200
