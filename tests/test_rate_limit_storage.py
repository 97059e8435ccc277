"""Rate limits in Redis: with REDIS_URL set the app starts, and web nodes (processes) share one count."""

import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import redis

from tests.accounts.conftest import make_fresh_app
from tests.prerequisites import missing_prerequisite
from web.extensions import db, limiter

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Database 4 of the local Redis is this suite's; each test's keys carry its own client address.
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/4")
EMAIL_LIMIT = 5  # SENDS_EMAIL_RATE_LIMIT: 5 an hour

# One web node: the production app from the environment, and a browser at one address posting the email
# form (with an empty list nothing is sent, but every post counts).
WEB_NODE = textwrap.dedent(
    """
    import re, sys
    from web import create_app
    from web.extensions import db, limiter

    address, tries = sys.argv[1], int(sys.argv[2])
    app = create_app()
    with app.app_context():
        db.create_all()
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    answers = []
    page = client.get("/chat").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    for _ in range(tries):
        form = {"email": "sam@example.org", "csrf_token": token}
        answers.append(client.post("/shortlist/email", data=form).status_code)
    print(type(limiter.storage).__name__, *answers)
    """
)


@pytest.fixture
def redis_server():
    server = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        server.ping()
    except redis.RedisError as error:
        missing_prerequisite(f"Redis is not answering at {REDIS_URL} (set TEST_REDIS_URL): {error}")
    yield server
    server.close()


@pytest.fixture
def address(redis_server):
    """A client address of this test's own, so its counts start at nothing; its keys go afterwards."""
    address = f"127.{random.randint(1, 254)}.{random.randint(1, 254)}.{random.randint(1, 254)}"
    yield address
    keys = list(redis_server.scan_iter(match=f"*{address}*"))
    if keys:
        redis_server.delete(*keys)


def run_web_node(tmp_path: Path, address: str, tries: int, redis_url: str | None) -> list[str]:
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env |= {
        "APP_ENV": "production",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'directory.sqlite3'}",
        "SECRET_KEY": "a-secret-for-this-test-only",
        "INSTANCE_PATH": str(tmp_path),
        "FORCE_HTTPS": "0",
        "SESSION_COOKIE_SECURE": "0",
    }
    if redis_url:
        env["REDIS_URL"] = redis_url
    result = subprocess.run(  # noqa: S603 (our own fixed command)
        [sys.executable, "-c", WEB_NODE, address, str(tries)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_with_redis_url_set_two_web_nodes_share_one_count(tmp_path, redis_server, address):
    storage, *first = run_web_node(tmp_path, address, EMAIL_LIMIT, REDIS_URL)
    assert storage == "RedisStorage"
    assert first == ["302"] * EMAIL_LIMIT
    assert list(redis_server.scan_iter(match=f"*{address}*")), "the counts are in Redis"
    storage, second = run_web_node(tmp_path, address, 1, REDIS_URL)
    assert (storage, second) == ("RedisStorage", "429")


def test_without_redis_each_web_node_counts_alone(tmp_path, address):
    """What Redis is for: with counts in memory, a second node knows nothing of the first."""
    assert run_web_node(tmp_path, address, EMAIL_LIMIT + 1, None)[-1] == "429"
    assert run_web_node(tmp_path, address, 1, None) == ["MemoryStorage", "302"]


def closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def app_with_redis_down(app, app_context):
    was_enabled, was_initialized = limiter.enabled, limiter.initialized
    down = make_fresh_app(
        app, RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{closed_port()}/4"
    )
    yield down
    limiter.enabled, limiter.initialized = was_enabled, was_initialized
    # The shared Limiter remembers that its storage died, and init_app does not forget it: without this,
    # later tests would count in the fallback store with the default limits only.
    limiter._storage_dead = False
    with down.app_context():
        db.engine.dispose()


def test_while_redis_is_down_forms_still_work_and_are_still_limited(app_with_redis_down):
    client = app_with_redis_down.test_client()
    for _ in range(EMAIL_LIMIT):
        assert client.post("/shortlist/email", data={"email": "sam@example.org"}).status_code == 302
    assert client.post("/shortlist/email", data={"email": "sam@example.org"}).status_code == 429
