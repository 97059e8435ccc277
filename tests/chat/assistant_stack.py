"""The whole assistant on loopback: the real Rasa server and action server (from bot/.venv, with the
trained model in bot/models/) in front of a web app serving /api/search. Used by the end-to-end test and
by benchmarks/chat_latency.py, so both measure the same thing.

Each process is started in its own process group on free 127.0.0.1 ports and stopped by its own id.
"""

import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BOT_DIR = PROJECT_ROOT / "bot"
BOT_BIN = BOT_DIR / ".venv" / "bin"
MODELS_DIR = BOT_DIR / "models"
# Loading a Rasa model takes tens of seconds on two shared cores.
STARTUP_SECONDS = 300


def latest_model() -> Path | None:
    """ASSISTANT_MODEL when set (to try a particular model), else the newest model in bot/models/."""
    if os.environ.get("ASSISTANT_MODEL"):
        chosen = Path(os.environ["ASSISTANT_MODEL"])
        return chosen if chosen.exists() else None
    models = sorted(MODELS_DIR.glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)
    return models[-1] if models else None


def missing_prerequisites() -> str | None:
    """Why the real assistant cannot be started here, or None when it can."""
    if not (BOT_BIN / "rasa").exists():
        return "bot/.venv has no rasa: run `make bot-train` (it installs the bot's virtualenv and trains)"
    if latest_model() is None:
        return "bot/models/ has no trained model: run `make bot-train`"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class RunningAssistant:
    rasa_url: str
    actions_url: str


@contextmanager
def serve_in_thread(app: Flask) -> Iterator[str]:
    """The web app on a free loopback port. Threaded, because the action server calls /api/search while
    the /chat request that caused it is still waiting for Rasa."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietRequestHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


class _QuietRequestHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        pass


@contextmanager
def running_assistant(web_url: str, log_dir: Path) -> Iterator[RunningAssistant]:
    """Start the action server and the Rasa server; stop both afterwards, whatever happened."""
    model = latest_model()
    if model is None:
        raise RuntimeError(missing_prerequisites())
    log_dir.mkdir(parents=True, exist_ok=True)
    rasa_port, actions_port = free_port(), free_port()
    endpoints = log_dir / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{actions_port}/webhook"\n'
        "tracker_store:\n  type: InMemoryTrackerStore\nlock_store:\n  type: in_memory\n"
    )
    env = {
        **os.environ,
        "DIRECTORY_API_URL": web_url,
        "SITE_URL": "",
        # The action server listens on loopback only.
        "SANIC_HOST": "127.0.0.1",
        # Nothing may be sent off the machine.
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
    }
    env.pop("VIRTUAL_ENV", None)
    processes: list[subprocess.Popen] = []
    try:
        processes.append(
            _start(
                [
                    str(BOT_BIN / "python"),
                    "-m",
                    "rasa_sdk",
                    "--actions",
                    "actions",
                    "--port",
                    str(actions_port),
                ],
                env,
                log_dir / "actions.log",
            )
        )
        processes.append(
            _start(
                [
                    str(BOT_BIN / "rasa"),
                    "run",
                    "--enable-api",
                    "--interface",
                    "127.0.0.1",
                    "--port",
                    str(rasa_port),
                    "--model",
                    str(model),
                    "--endpoints",
                    str(endpoints),
                    "--credentials",
                    "credentials.yml",
                ],
                env,
                log_dir / "rasa.log",
            )
        )
        assistant = RunningAssistant(
            rasa_url=f"http://127.0.0.1:{rasa_port}", actions_url=f"http://127.0.0.1:{actions_port}"
        )
        _wait_until_ready(assistant, processes, log_dir)
        yield assistant
    finally:
        for process in processes:
            _stop(process)


def _start(command: list[str], env: dict[str, str], log_file: Path) -> subprocess.Popen:
    # The child keeps its own copy of the log file handle.
    with log_file.open("wb") as log:
        return subprocess.Popen(  # noqa: S603 (our own fixed commands)
            command, cwd=BOT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _wait_until_ready(assistant: RunningAssistant, processes: list[subprocess.Popen], log_dir: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"An assistant process stopped early:\n{_log_tails(log_dir)}")
        if _answers(f"{assistant.actions_url}/health") and _model_loaded(assistant.rasa_url):
            return
        time.sleep(1)
    raise RuntimeError(f"The assistant did not start within {STARTUP_SECONDS} s:\n{_log_tails(log_dir)}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _model_loaded(rasa_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{rasa_url}/status", timeout=2) as response:  # noqa: S310 (loopback)
            return bool(json.loads(response.read()).get("model_file"))
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _log_tails(log_dir: Path) -> str:
    tails = []
    for log_file in sorted(log_dir.glob("*.log")):
        lines = log_file.read_text(errors="replace").splitlines()[-30:]
        tails.append(f"--- {log_file.name} ---\n" + "\n".join(lines))
    return "\n".join(tails)
