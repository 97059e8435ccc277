"""Serve the real web app on a free loopback port with the demo data, for the action tests.

Run with the web app's own Python (3.11), not the bot's: `python directory_server.py <work dir>`.
It creates a fresh SQLite database and search index in the work dir, loads the demo region with the
app's own `demo load` command, then prints `PORT <n>` on one line and serves until it is killed.
"""

import sys
from pathlib import Path

from werkzeug.serving import make_server

PROJECT_ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(PROJECT_ROOT))

from web import create_app  # noqa: E402  (the project root must be importable first)
from web.extensions import db  # noqa: E402


def main(work_dir: Path) -> None:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{work_dir / 'directory.sqlite3'}",
            "INSTANCE_PATH": work_dir,
            "SEARCH_INDEX_PATH": work_dir / "search_index",
            "MAIL_DIR": work_dir / "mail",
            "RATELIMIT_ENABLED": False,
        }
    )
    with app.app_context():
        db.create_all()
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    if result.exit_code != 0:
        sys.stderr.write(result.output)
        raise SystemExit(f"demo load failed: {result.exception!r}")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    print(f"PORT {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
