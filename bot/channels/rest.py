"""The REST channel, answering with whole messages.

Rasa's own REST collector splits a message with text and a custom payload into two messages, and text at
every blank line. The web app expects one message per reply with its "text" and, for listings and urgent
help, its "custom" payload together, so this channel keeps each message whole. It is mounted under the
same name, so the address stays /webhooks/rest/webhook.
"""

from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = structlog.get_logger()
# What a bot message may carry besides its text, in the order the web app reads them.
EXTRA_KEYS = ("buttons", "custom", "image", "attachment")


class WholeMessageCollector(CollectingOutputChannel):
    @classmethod
    def name(cls) -> str:
        return "collector"

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        whole: dict[str, Any] = {"recipient_id": recipient_id, "text": message.get("text") or ""}
        for key in EXTRA_KEYS:
            if message.get(key):
                whole[key] = message[key]
        await self._persist_message(whole)


class WholeMessageRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("whole_message_rest", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            collector = WholeMessageCollector()
            message = UserMessage(
                self._extract_message(request),
                collector,
                await self._extract_sender(request),
                input_channel=self._extract_input_channel(request),
                metadata=self.get_metadata(request),
            )
            try:
                await on_new_message(message)
            except CancelledError:
                logger.error("rest.message.received.timeout")
            except Exception:
                # Never echo the person's words into the log: they may hold health details.
                logger.exception("rest.message.received.failure")
            return response.json(collector.messages)

        return webhook
