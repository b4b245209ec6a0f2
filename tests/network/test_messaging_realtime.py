"""Messaging over the tab's websocket: sends acknowledged once, live delivery to the other
side, read receipts, and frames the server cannot use."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction
from django.test import Client
from django.urls import reverse

from network import messaging as actions
from network.models import Conversation, Message, User

from .test_consumers import open_socket, session_cookie
from .test_messaging import connect

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.asyncio,
]


def make_pair(ines: User, karim: User) -> Conversation:
    connect(ines, karim)
    return actions.check_start_conversation(ines, recipients=[karim])


async def socket_for(user: User) -> WebsocketCommunicator:
    cookie = await database_sync_to_async(session_cookie)(user)
    communicator, connected, _ = await open_socket(cookie)
    assert connected
    return communicator


async def receive_type(communicator: WebsocketCommunicator, event_type: str) -> dict:
    """The next event of ``event_type``, skipping others (e.g. the sender's own message.new)."""
    for _attempt in range(10):
        event = await communicator.receive_json_from(timeout=3)
        if event["type"] == event_type:
            return event
    raise AssertionError(f"no {event_type} event")


@pytest.fixture
def karim(make_user) -> User:
    return make_user("karim@example.org", first_name="Karim", age=22)


async def test_send_over_the_socket_is_acked_and_delivered_live(ines: User, karim: User) -> None:
    conversation = await database_sync_to_async(make_pair)(ines, karim)
    ines_socket = await socket_for(ines)
    karim_socket = await socket_for(karim)
    await ines_socket.send_json_to(
        {
            "type": "message.send",
            "conversation_id": conversation.pk,
            "client_id": "ws-1",
            "text": "En direct",
        }
    )
    ack = await receive_type(ines_socket, "message.ack")
    assert ack["client_id"] == "ws-1"
    stored = await database_sync_to_async(Message.objects.get)()
    assert ack["message"]["id"] == stored.pk
    delivered = await receive_type(karim_socket, "message.new")
    assert delivered["conversation_id"] == conversation.pk
    assert delivered["message"]["id"] == stored.pk
    assert delivered["message"]["text"] == "En direct"
    assert delivered["message"]["client_id"] == "ws-1"
    await ines_socket.disconnect()
    await karim_socket.disconnect()


async def test_retry_over_socket_and_http_stores_one_message_and_pushes_once(
    ines: User, karim: User
) -> None:
    conversation = await database_sync_to_async(make_pair)(ines, karim)
    ines_socket = await socket_for(ines)
    karim_socket = await socket_for(karim)
    frame = {
        "type": "message.send",
        "conversation_id": conversation.pk,
        "client_id": "same-id",
        "text": "Une seule fois",
    }
    await ines_socket.send_json_to(frame)
    first = await receive_type(ines_socket, "message.ack")

    def post_over_http() -> dict:
        client = Client()
        client.force_login(ines)
        response = client.post(
            reverse("network:message_send", args=[conversation.pk]),
            {"client_id": "same-id", "text": "Une seule fois"},
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code == 200
        return response.json()

    over_http = await database_sync_to_async(post_over_http)()
    await ines_socket.send_json_to(frame)
    again = await receive_type(ines_socket, "message.ack")
    assert first["message"]["id"] == over_http["message"]["id"] == again["message"]["id"]
    assert await database_sync_to_async(Message.objects.count)() == 1
    delivered = await receive_type(karim_socket, "message.new")
    assert delivered["message"]["id"] == first["message"]["id"]
    assert await karim_socket.receive_nothing(timeout=0.5)  # the retries pushed nothing
    await ines_socket.disconnect()
    await karim_socket.disconnect()


async def test_read_frame_sends_receipts_and_unread_counts(ines: User, karim: User) -> None:
    conversation = await database_sync_to_async(make_pair)(ines, karim)

    def send_two() -> list[int]:
        ids = []
        for n in range(2):
            with transaction.atomic():
                message, _ = actions.check_send_message(
                    ines, conversation_id=conversation.pk, client_id=f"r{n}", text=f"M{n}"
                )
            ids.append(message.pk)
        return ids

    first_id, second_id = await database_sync_to_async(send_two)()
    ines_socket = await socket_for(ines)
    karim_socket = await socket_for(karim)
    await karim_socket.send_json_to(
        {"type": "message.read", "conversation_id": conversation.pk, "up_to": first_id}
    )
    own = await receive_type(karim_socket, "message.read")
    assert own["user_id"] == karim.pk
    assert own["last_read_message_id"] == first_id
    assert own["unread_count"] == 1
    receipt = await receive_type(ines_socket, "message.read")
    assert receipt["user_id"] == karim.pk
    assert receipt["conversation_id"] == conversation.pk
    assert receipt["last_read_message_id"] == first_id
    assert receipt["unread_count"] == 0
    await karim_socket.send_json_to(
        {"type": "message.read", "conversation_id": conversation.pk, "up_to": second_id}
    )
    assert (await receive_type(karim_socket, "message.read"))["unread_count"] == 0
    await ines_socket.disconnect()
    await karim_socket.disconnect()


MALFORMED_FRAMES = [
    ({"type": "message.send"}, "invalid"),
    ({"type": "message.send", "conversation_id": "1", "client_id": "a", "text": "x"}, "invalid"),
    ({"type": "message.send", "conversation_id": True, "client_id": "a", "text": "x"}, "invalid"),
    ({"type": "message.send", "conversation_id": "OWN", "client_id": 5, "text": "x"}, "invalid"),
    (
        {"type": "message.send", "conversation_id": "OWN", "client_id": "a", "text": ["x"]},
        "invalid",
    ),
    (
        {"type": "message.send", "conversation_id": "OWN", "client_id": "bad id!", "text": "x"},
        "invalid",
    ),
    (
        {"type": "message.send", "conversation_id": "OWN", "client_id": "a" * 65, "text": "x"},
        "invalid",
    ),
    (
        {"type": "message.send", "conversation_id": 999999, "client_id": "a", "text": "x"},
        "not_found",
    ),
    ({"type": "message.send", "padding": "x" * 100_000}, "invalid"),
    ({"type": "message.read", "conversation_id": "OWN"}, "invalid"),
    ({"type": "message.read", "conversation_id": 999999, "up_to": 1}, "not_found"),
]


async def test_malformed_frames_get_an_error_and_the_socket_stays_open(
    ines: User, karim: User
) -> None:
    conversation = await database_sync_to_async(make_pair)(ines, karim)
    socket = await socket_for(ines)
    for frame, code in MALFORMED_FRAMES:
        if frame.get("conversation_id") == "OWN":
            frame = {**frame, "conversation_id": conversation.pk}
        await socket.send_to(text_data=json.dumps(frame))
        error = await socket.receive_json_from(timeout=3)
        assert (error["type"], error["code"]) == ("error", code), frame
        await socket.send_json_to({"type": "ping"})
        assert await socket.receive_json_from(timeout=3) == {"type": "pong"}
    assert await database_sync_to_async(Message.objects.count)() == 0
    await socket.disconnect()


async def test_conversation_of_others_over_the_socket_is_not_found(
    ines: User, karim: User, make_user
) -> None:
    conversation = await database_sync_to_async(make_pair)(ines, karim)
    outsider = await database_sync_to_async(make_user)(
        "outsider@example.org", first_name="Zoé", age=25
    )
    socket = await socket_for(outsider)
    await socket.send_json_to(
        {"type": "message.send", "conversation_id": conversation.pk, "client_id": "x", "text": "?"}
    )
    error = await socket.receive_json_from(timeout=3)
    assert error["code"] == "not_found"
    assert error["client_id"] == "x"
    await socket.disconnect()


async def test_too_long_message_over_the_socket_is_invalid(ines: User, karim: User) -> None:
    conversation = await database_sync_to_async(make_pair)(ines, karim)
    socket = await socket_for(ines)
    await socket.send_json_to(
        {
            "type": "message.send",
            "conversation_id": conversation.pk,
            "client_id": "long",
            "text": "a" * 4001,
        }
    )
    error = await socket.receive_json_from(timeout=3)
    assert error["code"] == "invalid"
    assert "4001" in error["detail"]
    await socket.disconnect()


async def test_new_account_over_its_limit_is_rate_limited_over_the_socket(
    ines: User, karim: User, settings
) -> None:
    settings.NEW_ACCOUNT_LIMITS = {"message": (1, 3600)}
    conversation = await database_sync_to_async(make_pair)(ines, karim)
    socket = await socket_for(ines)
    for n, expected in ((1, "message.ack"), (2, "error")):
        await socket.send_json_to(
            {
                "type": "message.send",
                "conversation_id": conversation.pk,
                "client_id": f"lim{n}",
                "text": "Encore",
            }
        )
        event = await receive_type(socket, expected)
    assert event["code"] == "rate_limited"
    await socket.disconnect()
