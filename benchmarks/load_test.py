"""Page speed under load: gunicorn (2 workers) on loopback, driven by wrk with 8 connections.

For each database (SQLite, and PostgreSQL on 127.0.0.1) it makes a fresh instance in a temporary
folder, migrates it, loads the demo region and builds the search index, then serves it with gunicorn
on a free port of 127.0.0.1 and drives each page for a fixed time. A bare Flask hello-world under the
same gunicorn gives the ceiling. It prints requests a second, p50 and p95 latency, and the SQL
statements one request issues (counted in-process with SQLAlchemy events), side by side.

The instance runs with production settings except: HTTPS is not forced (wrk speaks plain HTTP) and
the rate limiter is off (every request comes from 127.0.0.1; see benchmarks/load_apps.py).
All traffic stays on loopback, and everything it starts is stopped when it ends.

    .venv/bin/python benchmarks/load_test.py [--duration 10] [--databases sqlite postgresql]
        [--postgres-url postgresql://postgres@127.0.0.1:5432/load_benchmark] [--project DIR]

--project measures another checkout of this project (say, the main branch in a worktree) with
the same load and the same pages.
"""

import argparse
import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

BENCHMARKS = Path(__file__).resolve().parent
PROJECT_ROOT = BENCHMARKS.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
LOOPBACK = "127.0.0.1"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/load_benchmark"
WORKERS = 2
CONNECTIONS = 8
WRK_THREADS = 2
WARM_UP_SECONDS = 2

# The issue's own example: seven results for dementia near WN1 1AA (the API shows up to ten).
SEARCH = "q=dementia&location=WN1+1AA"
PAGES = {
    "home": "/",
    "search page": f"/search?{SEARCH}",
    "listing": "/services/{listing_id}",
    "/api/search": f"/api/search?{SEARCH}&limit=10",
    "ORUK /services": "/api/oruk/services",
}

# wrk prints its own report; this Lua hook adds one JSON line with the figures we need (p95 included).
WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p50_ms": %f, "p95_ms": %f, "errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, errors))
end
"""


@dataclass
class Figures:
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    errors: int
    sql_statements: int | None = None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page (default 10)")
    parser.add_argument(
        "--databases", nargs="+", choices=("sqlite", "postgresql"), default=["sqlite", "postgresql"]
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("LOAD_BENCHMARK_DATABASE_URL", DEFAULT_POSTGRES_URL),
        help="a PostgreSQL database on loopback, created if missing and emptied first",
    )
    parser.add_argument("--project", type=Path, default=PROJECT_ROOT, help="the checkout to measure")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit(
            "The load benchmark needs wrk: run 'make bench-load' (it installs it) or apt-get install wrk"
        )
    if "postgresql" in args.databases:
        _check_loopback(args.postgres_url)
        _empty_postgres_database(args.postgres_url)
    project = args.project.resolve()

    print(f"Project: {project}  gunicorn workers: {WORKERS}  wrk connections: {CONNECTIONS}")
    print(f"{args.duration} s per page after {WARM_UP_SECONDS} s of warm-up. Load average: {_load_average()}")
    with tempfile.TemporaryDirectory(prefix="load-benchmark-") as tmp:
        baseline = _measure_hello(Path(tmp), args.duration)
        tables = {
            database: _measure_directory(project, Path(tmp) / database, database, args)
            for database in args.databases
        }
    print(f"Load average at the end: {_load_average()}")
    _print_tables(baseline, tables)


def _measure_hello(tmp: Path, duration: int) -> Figures:
    with _gunicorn(PROJECT_ROOT, "load_apps:hello_app()", dict(os.environ), tmp / "hello.log") as base_url:
        return _drive(base_url + "/", duration, tmp)


def _measure_directory(project: Path, instance: Path, database: str, args) -> dict[str, Figures]:
    instance.mkdir(parents=True)
    env = _instance_env(project, instance, args.postgres_url if database == "postgresql" else None)
    print(f"\n{database}: migrating and loading the demo region...", flush=True)
    for command in (["db", "upgrade"], ["demo", "load"]):
        _run([PYTHON, "-m", "flask", "--app", "wsgi", *command], project, env)
    listing_id = _first_result_id(project, env)
    paths = {name: path.format(listing_id=listing_id) for name, path in PAGES.items()}
    sql_counts = _sql_statements(project, env, list(paths.values()))
    figures: dict[str, Figures] = {}
    with _gunicorn(project, "load_apps:directory_app()", env, instance / "gunicorn.log") as base_url:
        for name, path in paths.items():
            figures[name] = _drive(base_url + path, args.duration, instance)
            figures[name].sql_statements = sql_counts[path]
            print(f"  {name}: {figures[name].requests_per_second:.0f} req/s", flush=True)
    return figures


def _instance_env(project: Path, instance: Path, postgres_url: str | None) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "APP_ENV", "FLASK_APP", "PROXY_COUNT")
    }
    env |= {
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "INSTANCE_PATH": str(instance),
        "SEARCH_INDEX_PATH": str(instance / "search_index"),
        "MAIL_DIR": str(instance / "mail"),
        "FORCE_HTTPS": "0",
        "SESSION_COOKIE_SECURE": "0",
        "PYTHONPATH": os.pathsep.join((str(project), str(BENCHMARKS))),
    }
    if postgres_url:
        env["DATABASE_URL"] = postgres_url
    return env


@contextlib.contextmanager
def _gunicorn(project: Path, app: str, env: dict[str, str], log: Path) -> Iterator[str]:
    port = _free_port()
    env = env | {"PYTHONPATH": os.pathsep.join((str(project), str(BENCHMARKS)))}
    command = [GUNICORN, "--workers", str(WORKERS), "--bind", f"{LOOPBACK}:{port}", "--chdir", str(project)]
    with log.open("w") as log_file:
        process = subprocess.Popen(  # noqa: S603 (our own fixed command)
            [*command, app], env=env, stdout=log_file, stderr=subprocess.STDOUT
        )
        try:
            base_url = f"http://{LOOPBACK}:{port}"
            _wait_until_serving(base_url, process, log)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_serving(base_url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped:\n{log.read_text()}")
        with (
            contextlib.suppress(OSError),  # refused, reset or slow while the workers start
            urlopen(base_url + "/", timeout=10) as response,  # noqa: S310 (our own loopback server)
        ):
            if response.status == 200:
                return
        time.sleep(0.3)
    sys.exit(f"gunicorn did not answer within a minute:\n{log.read_text()}")


def _drive(url: str, duration: int, tmp: Path) -> Figures:
    script = tmp / "report.lua"
    script.write_text(WRK_REPORT)
    base = ["wrk", "--threads", str(WRK_THREADS), "--connections", str(CONNECTIONS), "--timeout", "10s"]
    warm_up = [*base, "--duration", f"{WARM_UP_SECONDS}s", url]
    subprocess.run(warm_up, check=True, capture_output=True)  # noqa: S603 (wrk, on loopback)
    output = subprocess.run(  # noqa: S603 (wrk, on loopback)
        [*base, "--duration", f"{duration}s", "--script", str(script), url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    report = json.loads(next(line for line in output.splitlines() if line.startswith("{")))
    return Figures(
        requests_per_second=report["requests"] / report["seconds"],
        p50_ms=report["p50_ms"],
        p95_ms=report["p95_ms"],
        errors=report["errors"],
    )


def _first_result_id(project: Path, env: dict[str, str]) -> str:
    """The listing page measured is the first result of the search measured."""
    output = _run(
        [PYTHON, str(BENCHMARKS / "load_probe.py"), "first-result", PAGES["/api/search"]], project, env
    )
    return output.strip()


def _sql_statements(project: Path, env: dict[str, str], paths: list[str]) -> dict[str, int]:
    output = _run([PYTHON, str(BENCHMARKS / "load_probe.py"), "count-sql", *paths], project, env)
    return json.loads(output)


def _run(command: list[str], project: Path, env: dict[str, str]) -> str:
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in LOOPBACK_NAMES:
        sys.exit(f"The load benchmark only talks to a database on loopback, not {host}")


def _empty_postgres_database(url: str) -> None:
    """Create the benchmark database if need be, and start it empty."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if name in ("", "postgres", "test") or not name.replace("_", "").isalnum():
        sys.exit(f"Choose a database of the benchmark's own, not '{name}'")
    admin_url = parts._replace(path="/postgres").geturl()
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as connection:
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as connection:
            connection.execute("DROP SCHEMA public CASCADE")
            connection.execute("CREATE SCHEMA public")
    except psycopg.OperationalError as error:
        sys.exit(
            f"Cannot use PostgreSQL at {parts.hostname}: {error}\n"
            "Set LOAD_BENCHMARK_DATABASE_URL (or --postgres-url), or run with --databases sqlite."
        )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def _load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _print_tables(baseline: Figures, tables: dict[str, dict[str, Figures]]) -> None:
    databases = list(tables)
    header = f"{'':16}" + "".join(f"| {database:^38}" for database in databases)
    columns = f"{'page':16}" + f"| {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'SQL':>4} {'errors':>7}  " * len(
        databases
    )
    print()
    print(header)
    print(columns)
    print("-" * len(columns))
    print(f"{'hello-world':16}" + _cells(baseline) * len(databases))
    for name in PAGES:
        print(f"{name:16}" + "".join(_cells(tables[database][name]) for database in databases))
    print(
        "SQL: statements one request issues. The searches' anonymous counts are not among them: each"
        " worker writes what has gathered once a second, in one transaction."
    )
    for database in databases:
        _print_aims(database, tables[database])


def _cells(figures: Figures) -> str:
    sql = "" if figures.sql_statements is None else str(figures.sql_statements)
    return (
        f"| {figures.requests_per_second:>7.0f} {figures.p50_ms:>7.1f} {figures.p95_ms:>7.1f}"
        f" {sql:>4} {figures.errors:>7}  "
    )


def _print_aims(database: str, figures: dict[str, Figures]) -> None:
    """The issue's aims: search at least half the home page's rate with p95 under 100 ms; listing 3/4."""
    home = figures["home"].requests_per_second
    checks = [
        (f"{name} >= half of home, p95 < 100 ms", figures[name], 0.5)
        for name in ("search page", "/api/search")
    ] + [("listing >= three quarters of home", figures["listing"], 0.75)]
    print(f"\n{database}:")
    for label, page, share in checks:
        met = page.requests_per_second >= share * home and (share == 0.75 or page.p95_ms < 100)
        print(f"  {'met ' if met else 'MISSED'} {label} ({page.requests_per_second / home:.0%} of home)")


if __name__ == "__main__":
    main()
