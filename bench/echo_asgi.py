"""Bench-only ASGI app: the baseline that ``bench_messaging.py`` compares the real path with.

    daphne -b 127.0.0.1 -p 8123 bench.echo_asgi:application   (cwd: the repository root)

One websocket route, ``/ws/?user=<id>``, with no authentication, no database and no origin
check. The consumer joins the same ``user.<id>`` group as ``network.consumers.UserConsumer``;
for a ``message.send`` frame (which carries ``"to": <partner id>`` because nothing here knows
the conversation) it answers ``message.ack`` to the sending socket and relays ``message.new``
to the partner's group through the same channel layer (Redis when ``REDIS_URL`` is set) with
the same ``push.event`` message the real code sends. So the ratio full/echo isolates what the
real path adds: session authentication at connect, the checks, the database write and the
serialisation of the message, not the cost of the layer or of daphne itself.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import parse_qs

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "acrojump.settings.dev")
django_asgi_app = get_asgi_application()

from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path  # noqa: E402
from django.utils import timezone  # noqa: E402


def user_group(user_id: int) -> str:
    # Same naming as network.realtime.user_group, repeated so this module imports nothing
    # of the code under measurement.
    return f"user.{user_id}"


class EchoRelayConsumer(AsyncWebsocketConsumer):
    group: str | None = None
    user_id: int = 0

    async def connect(self) -> None:
        query = parse_qs(self.scope.get("query_string", b"").decode())
        try:
            self.user_id = int(query["user"][0])
        except (KeyError, ValueError):
            await self.close(code=4400)
            return
        self.group = user_group(self.user_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        frame = json.loads(text_data or "{}")
        if frame.get("type") != "message.send":
            await self.send(text_data=json.dumps({"type": "error", "code": "unknown_type"}))
            return
        # A message shaped like the real one, so both sides serialise the same amount.
        message = {
            "id": 0,
            "client_id": frame["client_id"],
            "sender_id": self.user_id,
            "sender_name": "",
            "text": frame["text"],
            "created_at": timezone.now().isoformat(),
            "attachment": None,
        }
        event = {
            "type": "message.new",
            "conversation_id": frame["conversation_id"],
            "message": message,
        }
        await self.channel_layer.group_send(
            user_group(int(frame["to"])), {"type": "push.event", "event": event}
        )
        await self.send(
            text_data=json.dumps(
                {"type": "message.ack", "client_id": frame["client_id"], "message": message}
            )
        )

    async def push_event(self, message: dict[str, Any]) -> None:
        await self.send(text_data=json.dumps(message["event"]))


application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": URLRouter([path("ws/", EchoRelayConsumer.as_asgi())]),
    }
)
