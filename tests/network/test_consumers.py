"""The tab's websocket: session authentication, groups, and bad frames."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.db import transaction
from django.test import Client

from acrojump.asgi import application
from network.actions import do_notify
from network.consumers import CLOSE_UNAUTHENTICATED
from network.models import User

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.asyncio,
]


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


async def open_socket(cookie: str | None = None) -> tuple[WebsocketCommunicator, bool, int | None]:
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if cookie:
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()))
    communicator = WebsocketCommunicator(application, "/ws/", headers=headers)
    connected, code = await communicator.connect(timeout=3)
    return communicator, connected, code


async def test_anonymous_socket_is_refused() -> None:
    communicator, connected, code = await open_socket()
    assert not connected
    assert code == CLOSE_UNAUTHENTICATED


async def test_socket_with_a_forged_session_is_refused() -> None:
    communicator, connected, code = await open_socket("not-a-session")
    assert not connected
    assert code == CLOSE_UNAUTHENTICATED


async def test_logged_in_user_receives_their_notifications(ines: User) -> None:
    cookie = await database_sync_to_async(session_cookie)(ines)
    communicator, connected, _ = await open_socket(cookie)
    assert connected

    def notify() -> None:
        with transaction.atomic():
            do_notify(ines, kind="welcome", params={"first_name": "Inès"})

    await database_sync_to_async(notify)()
    event = await communicator.receive_json_from(timeout=3)
    assert event["type"] == "notification.new"
    assert event["unread_count"] == 1
    await communicator.disconnect()


async def test_user_does_not_receive_others_events(ines: User, yanis: User) -> None:
    cookie = await database_sync_to_async(session_cookie)(ines)
    communicator, connected, _ = await open_socket(cookie)
    assert connected
    await database_sync_to_async(do_notify)(yanis, kind="welcome", params={"first_name": "Yanis"})
    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("{not json", "invalid_json"),
        (json.dumps({"type": "launch.rocket"}), "unknown_type"),
        (json.dumps(["ping"]), "unknown_type"),
    ],
)
async def test_bad_frame_gets_an_error_event_and_the_socket_stays_open(
    ines: User, frame: str, code: str
) -> None:
    cookie = await database_sync_to_async(session_cookie)(ines)
    communicator, connected, _ = await open_socket(cookie)
    assert connected
    await communicator.send_to(text_data=frame)
    error = await communicator.receive_json_from(timeout=3)
    assert error["type"] == "error"
    assert error["code"] == code
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from(timeout=3) == {"type": "pong"}
    await communicator.disconnect()


async def test_socket_from_another_site_is_refused(ines: User) -> None:
    cookie = await database_sync_to_async(session_cookie)(ines)
    communicator = WebsocketCommunicator(
        application,
        "/ws/",
        headers=[
            (b"origin", b"http://evil.example"),
            (b"cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}".encode()),
        ],
    )
    connected, _ = await communicator.connect(timeout=3)
    assert not connected
