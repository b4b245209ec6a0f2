"""The one websocket of a tab (``/ws/``), authenticated by the Django session."""

from __future__ import annotations

import json
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from . import events
from . import messaging as messaging_actions
from .models import User
from .ratelimit import RateLimited
from .realtime import user_group

# Close code for a socket without a logged-in user (4000-4999 are for applications).
CLOSE_UNAUTHENTICATED = 4401
#: Frames bigger than this are refused unread: a message is 4000 characters at most.
MAX_FRAME_CHARS = 32_000


class FrameError(Exception):
    """A client frame the server cannot use; becomes an ``error`` event."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def _send_message(user_id: int, conversation_id: int, client_id: str, text: str) -> dict:
    """``check_send_message`` in its own transaction, as the HTTP view runs it."""
    user = _active_user(user_id)
    try:
        with transaction.atomic():
            message, _created = messaging_actions.check_send_message(
                user, conversation_id=conversation_id, client_id=client_id, text=text
            )
    except Http404:
        raise FrameError("not_found", "No such conversation.") from None
    except RateLimited as error:
        raise FrameError("rate_limited", " ".join(error.messages)) from None
    except messaging_actions.MessagingRefused as error:
        raise FrameError("refused", " ".join(error.messages)) from None
    except ValidationError as error:
        raise FrameError("invalid", " ".join(error.messages)) from None
    return messaging_actions.message_json(message, for_recruiter=user.role == "recruiter")


def _mark_read(user_id: int, conversation_id: int, up_to: int) -> None:
    user = _active_user(user_id)
    try:
        with transaction.atomic():
            messaging_actions.check_mark_read(
                user, conversation_id=conversation_id, up_to_message_id=up_to
            )
    except Http404:
        raise FrameError("not_found", "No such conversation.") from None
    except ValidationError as error:
        raise FrameError("invalid", " ".join(error.messages)) from None


def _active_user(user_id: int) -> User:
    # Fresh from the database: an account suspended after the socket opened sends nothing.
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise FrameError("refused", "This account is no longer active.")
    return user


def _positive_int(frame: dict, key: str) -> int:
    value = frame.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise FrameError("invalid", f"'{key}' must be a positive whole number.")
    return value


def _string(frame: dict, key: str, max_length: int) -> str:
    value = frame.get(key)
    if not isinstance(value, str) or len(value) > max_length:
        raise FrameError("invalid", f"'{key}' must be a text of {max_length} characters at most.")
    return value


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
        raw = text_data if text_data is not None else bytes_data or b""
        if len(raw) > MAX_FRAME_CHARS:
            await self.send_event(events.ERROR, code="invalid", detail="Frame is too big.")
            return
        try:
            frame = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            await self.send_event(events.ERROR, code="invalid_json", detail="Frame is not JSON.")
            return
        frame_type = frame.get("type") if isinstance(frame, dict) else None
        if frame_type == events.CLIENT_PING:
            await self.send_event(events.PONG)
            return
        if frame_type == events.CLIENT_MESSAGE_SEND:
            await self.receive_message_send(frame)
            return
        if frame_type == events.CLIENT_MESSAGE_READ:
            await self.receive_message_read(frame)
            return
        await self.send_event(
            events.ERROR, code="unknown_type", detail=f"Unknown frame type: {frame_type!r}."
        )

    async def receive_message_send(self, frame: dict) -> None:
        """Store a message like the HTTP form does; answer ``message.ack`` to this socket."""
        client_id = frame.get("client_id") if isinstance(frame.get("client_id"), str) else ""
        try:
            conversation_id = _positive_int(frame, "conversation_id")
            client_id = _string(frame, "client_id", 64)
            text = _string(frame, "text", messaging_actions.MAX_TEXT_LENGTH * 2)
            message = await database_sync_to_async(_send_message)(
                self.scope["user"].pk, conversation_id, client_id, text
            )
        except FrameError as error:
            await self.send_event(
                events.ERROR, code=error.code, detail=error.detail, client_id=client_id[:64]
            )
            return
        await self.send_event(events.MESSAGE_ACK, client_id=client_id, message=message)

    async def receive_message_read(self, frame: dict) -> None:
        try:
            conversation_id = _positive_int(frame, "conversation_id")
            up_to = _positive_int(frame, "up_to")
            await database_sync_to_async(_mark_read)(self.scope["user"].pk, conversation_id, up_to)
        except FrameError as error:
            await self.send_event(events.ERROR, code=error.code, detail=error.detail)

    async def push_event(self, message: dict[str, Any]) -> None:
        """Handler of ``{"type": "push.event"}`` messages sent by ``realtime.send_event``."""
        await self.send(text_data=json.dumps(message["event"]))

    async def send_event(self, event_type: str, **payload: Any) -> None:
        await self.send(text_data=json.dumps({"type": event_type, **payload}))
