"""Settings, read once from the environment.

Config -> Development (the `make run` default) and Test. Production is Config with everything
that matters supplied by the environment (DATABASE_URL, SECRET_KEY, REDIS_URL, ...).
"""

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whatever scheme the URL gives."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def persistent_secret_key(instance_path: Path) -> str:
    """A random key kept in instance/ so sessions survive restarts without a secret in the repo."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class Config:
    INSTANCE_PATH = Path(os.environ.get("INSTANCE_PATH", PROJECT_ROOT / "instance"))
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = database_url(
        os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_PATH / 'directory.sqlite3'}")
    )
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SEARCH_INDEX_PATH = Path(os.environ.get("SEARCH_INDEX_PATH", INSTANCE_PATH / "search_index"))
    ORUK_SCHEMA_DIR = Path(os.environ.get("ORUK_SCHEMA_DIR", PROJECT_ROOT.parent / "shared" / "oruk"))
    MAIL_DIR = Path(os.environ.get("MAIL_DIR", INSTANCE_PATH / "mail"))
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "directory@example.org")
    # Providers' uploaded certificates and policies; None means INSTANCE_PATH/evidence.
    EVIDENCE_DIR = os.environ.get("EVIDENCE_DIR")
    # A 10 MB evidence upload plus the rest of its form; anything bigger is refused before it is read.
    MAX_CONTENT_LENGTH = 10 * 1024 * 1024 + 64 * 1024
    # SMTP in production: with no MAIL_SERVER mail is written to MAIL_DIR instead.
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "1") == "1"
    MAIL_USE_SSL = os.environ.get("MAIL_USE_SSL", "0") == "1"
    # The site's address in links in emails (the scheduler has no request to read it from).
    SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:5000")

    # Rate limits live in Redis in production so every web node shares them. While Redis is down each
    # node counts on its own rather than failing every form post.
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL", "memory://")
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "1") == "1"
    FORCE_HTTPS = os.environ.get("FORCE_HTTPS", "1") == "1"
    # How many reverse proxies stand in front of the app (0 when it faces the internet directly).
    PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))

    # The council running the service, shown on every page and used by the assistant.
    COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "Greater Manchester and Warrington Community Directory")
    COUNCIL_PHONE = os.environ.get("COUNCIL_PHONE", "0161 555 0100")
    COUNCIL_EMAIL = os.environ.get("COUNCIL_EMAIL", "community.support@example.org")
    COUNCIL_OPENING_HOURS = os.environ.get("COUNCIL_OPENING_HOURS", "Monday to Friday, 9am to 5pm")
    SAFEGUARDING_PHONE = os.environ.get("SAFEGUARDING_PHONE", "0161 555 0199")
    SITE_IS_DEMO = os.environ.get("SITE_IS_DEMO", "1") == "1"

    # The assistant's Rasa server (REST channel). Only Flask talks to it, never the browser.
    RASA_URL = os.environ.get("RASA_URL", "http://127.0.0.1:5005")
    ASSISTANT_TIMEOUT_SECONDS = float(os.environ.get("ASSISTANT_TIMEOUT_SECONDS", "5"))
    # Rasa's --auth-token, when its HTTP API is on (the web app reads the last intent from the tracker).
    RASA_AUTH_TOKEN = os.environ.get("RASA_AUTH_TOKEN", "")

    # Maps are an enhancement: with no tile server configured no map is drawn and nothing is fetched.
    MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
    MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")

    # Card payments. With STRIPE_API_BASE empty the calls go to Stripe itself (real keys); the embedded
    # default points it at localstripe on loopback.
    STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
    STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
    STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
    STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")
    STRIPE_TIMEOUT_SECONDS = float(os.environ.get("STRIPE_TIMEOUT_SECONDS", "10"))
    STRIPE_NETWORK_RETRIES = int(os.environ.get("STRIPE_NETWORK_RETRIES", "2"))
    # The council's cut of each payment, in whole percent: none unless it decides to take one.
    PLATFORM_FEE_PERCENT = int(os.environ.get("PLATFORM_FEE_PERCENT", "0"))
    # Stripe Connect Express (real keys only; localstripe has no Connect): providers onboard with Stripe
    # and each card charge is transferred to the provider's account, less the platform fee.
    STRIPE_CONNECT = os.environ.get("STRIPE_CONNECT", "0") == "1"

    # Anonymous counts are gathered and written this often by each process (0: at once, in the request).
    COUNTS_WRITTEN_EVERY_SECONDS = float(os.environ.get("COUNTS_WRITTEN_EVERY_SECONDS", "1"))

    LISTING_STALE_AFTER_DAYS = 183
    SEARCH_DEFAULT_RADIUS_KM = 5.0
    SEARCH_MAX_RADIUS_KM = 80.0
    RESULTS_PER_PAGE = 10


class DevelopmentConfig(Config):
    SESSION_COOKIE_SECURE = False
    FORCE_HTTPS = False
    # localstripe, started by `make run`, accepts any test-mode key.
    STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "sk_test_localstripe")
    STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "pk_test_localstripe")
    STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "whsec_localstripe_development")
    STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "http://127.0.0.1:8420")


class TestConfig(Config):
    TESTING = True
    COUNTS_WRITTEN_EVERY_SECONDS = 0.0  # what a test did is counted when it asks
    SECRET_KEY = "test-only-secret-key"  # noqa: S105 (tests only; never used outside TestConfig)
    SESSION_COOKIE_SECURE = False
    FORCE_HTTPS = False
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    # Nothing listens on the discard port, so a test that forgets to choose a Rasa server fails at once.
    RASA_URL = "http://127.0.0.1:9"
    # Likewise Stripe: tests that take card payments use the localstripe fixture, which sets this.
    STRIPE_API_BASE = "http://127.0.0.1:9"
    STRIPE_SECRET_KEY = "sk_test_localstripe"  # noqa: S105 (localstripe accepts any test key)
    STRIPE_PUBLISHABLE_KEY = "pk_test_localstripe"
    STRIPE_WEBHOOK_SECRET = "whsec_test_only"  # noqa: S105 (tests only)
    STRIPE_TIMEOUT_SECONDS = 5.0
    STRIPE_NETWORK_RETRIES = 0


CONFIGS = {"development": DevelopmentConfig, "production": Config, "test": TestConfig}
