"""The two apps the load benchmark serves under gunicorn (as factories: `load_apps:directory_app()`).

Only benchmarks/load_test.py starts these; it sets the environment (instance folder, database,
production settings) before gunicorn imports this module.
"""

from flask import Flask


def hello_app() -> Flask:
    """A bare Flask app: the ceiling this gunicorn and this machine allow, for comparison."""
    app = Flask(__name__)
    app.add_url_rule("/", "hello", lambda: "Hello, world!")
    return app


def directory_app() -> Flask:
    """The directory with production settings, its rate limits off.

    Every request of the benchmark comes from 127.0.0.1, so per-address limits would measure 429s rather
    than pages. Only form posts carry limits today; turning the limiter off keeps any limit added later
    out of the figures too.
    """
    from web import create_app
    from web.extensions import limiter

    app = create_app()
    limiter.enabled = False
    return app
