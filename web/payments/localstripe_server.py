"""localstripe, the offline Stripe server, on loopback only: `make run` and the tests start it, so the
whole card flow works with no Stripe account and no network.

    python -m web.payments.localstripe_server --port 8420 [--keep]

It keeps nothing between runs unless --keep is given (then it reloads its last state).
"""

import argparse
import socket
import subprocess
import sys
import time

import requests


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8420)
    parser.add_argument("--keep", action="store_true", help="reload the state of the last run")
    args = parser.parse_args()

    from aiohttp import web
    from localstripe.server import app, store

    _list_payment_intents_like_stripe()
    if args.keep:
        store.try_load_from_disk()
    else:
        # localstripe writes its whole store to one file in /tmp after every change: needless when
        # nothing is kept, and slower with each object stored.
        store.dump_to_disk = lambda: None
    web.run_app(app, host="127.0.0.1", port=args.port, print=None, access_log=None)


def _list_payment_intents_like_stripe() -> None:
    """localstripe lists PaymentIntents oldest first and refuses Stripe's `created` filter; Stripe
    lists newest first and takes created[gt|gte|lt|lte]. Reconcile relies on both, so teach them."""
    from localstripe.resources import PaymentIntent, UserError, try_convert_to_int

    unfiltered = PaymentIntent._api_list_all.__func__

    def list_all(cls, url, created=None, limit=None, starting_after=None, **kwargs):
        bounds = {}
        if created is not None:
            if not isinstance(created, dict) or not set(created) <= {"gt", "gte", "lt", "lte"}:
                raise UserError(400, "Bad created filter")
            bounds = {op: try_convert_to_int(value) for op, value in created.items()}
            if not all(isinstance(value, int) for value in bounds.values()):
                raise UserError(400, "Bad created filter")
        listed = unfiltered(cls, url, limit=limit, starting_after=starting_after, **kwargs)
        keep = {
            "gt": lambda t, v: t > v,
            "gte": lambda t, v: t >= v,
            "lt": lambda t, v: t < v,
            "lte": lambda t, v: t <= v,
        }
        chosen = [i for i in listed._list if all(keep[op](i.created, v) for op, v in bounds.items())]
        # Newest first; the id breaks ties within a second so pages never overlap.
        listed._list = sorted(chosen, key=lambda i: (i.created, i.id), reverse=True)
        return listed

    PaymentIntent._api_list_all = classmethod(list_all)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(port: int, timeout: float = 30.0) -> subprocess.Popen:
    """Start the server in a child process and wait until it answers."""
    process = subprocess.Popen(  # noqa: S603 (our own module, by the running interpreter)
        [sys.executable, "-m", "web.payments.localstripe_server", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"localstripe exited with code {process.returncode}")
        try:
            requests.get(f"http://127.0.0.1:{port}/js.stripe.com/v3/", timeout=1)
            return process
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("localstripe did not start")


def send_webhooks_to(base_url: str, webhook_url: str, secret: str) -> None:
    """Tell localstripe where to post its events, signed with our webhook secret."""
    response = requests.post(
        f"{base_url}/_config/webhooks/site", data={"url": webhook_url, "secret": secret}, timeout=5
    )
    response.raise_for_status()


if __name__ == "__main__":
    main()
