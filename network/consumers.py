"""The one websocket of a tab (``/ws/``), authenticated by the Django session."""

from __future__ import annotations

import json
from typing import Any

from channels.generic.websocket import AsyncWebsocketConsumer

from . import events
from .realtime import user_group

# Close code for a socket without a logged-in user (4000-4999 are for applications).
CLOSE_UNAUTHENTICATED = 4401


class UserConsumer(AsyncWebsocketConsumer):
    """Joins ``user.<id>`` and relays the events actions send to that group."""

    group: str | None = None

    async def connect(self) -> None:
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        self.group = user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        try:
            frame = json.loads(text_data if text_data is not None else bytes_data or b"")
        except (ValueError, UnicodeDecodeError):
            await self.send_event(events.ERROR, code="invalid_json", detail="Frame is not JSON.")
            return
        frame_type = frame.get("type") if isinstance(frame, dict) else None
        if frame_type == events.CLIENT_PING:
            await self.send_event(events.PONG)
            return
        await self.send_event(
            events.ERROR, code="unknown_type", detail=f"Unknown frame type: {frame_type!r}."
        )

    async def push_event(self, message: dict[str, Any]) -> None:
        """Handler of ``{"type": "push.event"}`` messages sent by ``realtime.send_event``."""
        await self.send(text_data=json.dumps(message["event"]))

    async def send_event(self, event_type: str, **payload: Any) -> None:
        await self.send(text_data=json.dumps({"type": event_type, **payload}))
