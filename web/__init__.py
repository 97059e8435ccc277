"""The application factory."""

import os
import sqlite3
from pathlib import Path

from flask import Flask
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from sqlalchemy import Engine, event
from werkzeug.middleware.proxy_fix import ProxyFix

from web.config import CONFIGS, persistent_secret_key
from web.extensions import csrf, db, limiter, login_manager, migrate, talisman


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(Path(__file__).resolve().parent.parent / "instance"))
    config_name = os.environ.get("APP_ENV", "production" if os.environ.get("DATABASE_URL") else "development")
    app.config.from_object(CONFIGS["test" if test_config is not None else config_name])
    if test_config:
        app.config.update(test_config)
    Path(app.config["INSTANCE_PATH"]).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        if config_name == "production":
            raise RuntimeError("Set SECRET_KEY in the environment to run in production.")
        app.config["SECRET_KEY"] = persistent_secret_key(Path(app.config["INSTANCE_PATH"]))

    if app.config["PROXY_COUNT"]:
        # Behind a reverse proxy: the client address comes from X-Forwarded-For, so limits are per person.
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)  # type: ignore[method-assign]

    _init_templates(app)
    _init_extensions(app)
    _register_blueprints(app)
    _register_commands(app)
    return app


def _init_templates(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            PackageLoader("web"),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


def _init_extensions(app: Flask) -> None:
    from web import models  # noqa: F401  (every table registered before migrations run)
    from web.payments import gateway
    from web.security import init_security
    from web.services import index_store
    from web.services.analytics import listen_for_unfinished_writes
    from web.services.indexing import listen_for_listing_changes

    db.init_app(app)
    # Batch mode lets SQLite alter tables the way PostgreSQL does.
    migrate.init_app(
        app, db, directory=str(Path(__file__).resolve().parent.parent / "migrations"), render_as_batch=True
    )
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    init_security(app, talisman)
    index_store.init_app(app)
    gateway.init_app(app)
    listen_for_listing_changes()
    listen_for_unfinished_writes()
    if not event.contains(Engine, "connect", _sqlite_settings):
        event.listen(Engine, "connect", _sqlite_settings)


def _sqlite_settings(dbapi_connection, connection_record) -> None:
    """SQLite (development and the demo) keeps a write-ahead log: readers never wait for a writer, and a
    commit, such as each search's count, does not wait for the disk (a power cut may lose the last few
    commits, never the file)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")


def _register_blueprints(app: Flask) -> None:
    from web.accounts import bp as accounts_bp
    from web.api import bp as api_bp
    from web.chat import bp as chat_bp
    from web.curation import bp as curation_bp
    from web.directory import bp as directory_bp
    from web.errors import bp as errors_bp
    from web.marketplace import bp as marketplace_bp
    from web.payments import bp as payments_bp

    for blueprint in (
        directory_bp,
        api_bp,
        accounts_bp,
        chat_bp,
        marketplace_bp,
        payments_bp,
        curation_bp,
        errors_bp,
    ):
        app.register_blueprint(blueprint)


def _register_commands(app: Flask) -> None:
    from web.cli import register_commands

    register_commands(app)
