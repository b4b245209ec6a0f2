"""Events reach the user's group after commit, and never when the transaction rolls back.

These run against the configured channel layer: in-memory by default, Redis when
``REDIS_URL`` is set (CI runs both).
"""

from __future__ import annotations

import asyncio

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

from network import events
from network.actions import do_mark_notifications_read, do_notify
from network.models import User
from network.realtime import send_event, user_group

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class GroupListener:
    """A channel subscribed to one user's group, as an open tab would be.

    Created and used inside one event loop: the Redis layer keeps one connection per loop.
    """

    def __init__(self) -> None:
        self.layer = get_channel_layer()
        self.channel = ""

    @classmethod
    async def join(cls, user_id: int) -> GroupListener:
        listener = cls()
        listener.channel = await listener.layer.new_channel()
        await listener.layer.group_add(user_group(user_id), listener.channel)
        return listener

    async def receive(self, timeout: float = 2.0) -> dict | None:
        try:
            return await asyncio.wait_for(self.layer.receive(self.channel), timeout)
        except TimeoutError:
            return None


def committed(action, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Run an action in its own transaction, from a worker thread, as a view would."""

    def run():  # type: ignore[no-untyped-def]
        with transaction.atomic():
            return action(*args, **kwargs)

    return database_sync_to_async(run)()


@pytest.mark.asyncio
async def test_notification_is_pushed_after_commit(ines: User) -> None:
    listener = await GroupListener.join(ines.pk)
    notification = await committed(do_notify, ines, kind="welcome", params={"first_name": "Inès"})
    message = await listener.receive()
    assert message is not None
    event = message["event"]
    assert event["type"] == events.NOTIFICATION_NEW
    assert event["id"] == notification.pk
    assert event["unread_count"] == 1
    assert event["text"].startswith("Bienvenue sur AcroJump, Inès")


@pytest.mark.asyncio
async def test_nothing_is_pushed_when_the_transaction_rolls_back(ines: User) -> None:
    listener = await GroupListener.join(ines.pk)

    def fail_after_writing() -> None:
        with transaction.atomic():
            do_notify(ines, kind="welcome", params={"first_name": "Inès"})
            raise RuntimeError("something failed after the notification was written")

    with pytest.raises(RuntimeError):
        await database_sync_to_async(fail_after_writing)()
    assert await listener.receive(timeout=0.5) is None
    assert not await ines.notifications.aexists()


@pytest.mark.asyncio
async def test_event_reaches_only_its_recipient(ines: User, yanis: User) -> None:
    ines_tab = await GroupListener.join(ines.pk)
    yanis_tab = await GroupListener.join(yanis.pk)
    await committed(do_notify, yanis, kind="welcome", params={"first_name": "Yanis"})
    assert await yanis_tab.receive() is not None
    assert await ines_tab.receive(timeout=0.5) is None


@pytest.mark.asyncio
async def test_marking_read_updates_every_tab(ines: User) -> None:
    await committed(do_notify, ines, kind="welcome", params={"first_name": "Inès"})
    tab = await GroupListener.join(ines.pk)
    await committed(do_mark_notifications_read, ines)
    message = await tab.receive()
    assert message["event"] == {"type": events.NOTIFICATION_READ, "unread_count": 0}


def test_undocumented_event_types_are_refused() -> None:
    with pytest.raises(ValueError):
        send_event("made.up", [1], {})
