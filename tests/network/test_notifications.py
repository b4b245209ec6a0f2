"""In-app notifications: list, unread counter, mark as read, catch-up after a reconnection."""

from __future__ import annotations

import pytest
from django.test import Client

from network import selectors
from network.actions import do_mark_notifications_read, do_notify
from network.models import Notification, User

pytestmark = pytest.mark.django_db


def notify(user: User, n: int = 1) -> list[Notification]:
    return [
        do_notify(user, kind="welcome", params={"first_name": user.first_name}) for _ in range(n)
    ]


def test_list_shows_my_notifications_in_my_language(client: Client, ines: User) -> None:
    notify(ines)
    client.force_login(ines)
    response = client.get("/notifications/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert "Bienvenue sur AcroJump, Inès" in response.content.decode()
    response = client.get("/notifications/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Welcome to AcroJump, Inès" in response.content.decode()


def test_list_never_shows_someone_elses_notifications(
    client: Client, ines: User, yanis: User
) -> None:
    notify(yanis)
    client.force_login(ines)
    html = client.get("/notifications/").content.decode()
    assert "Yanis" not in html
    assert "data-notification-id" not in html


def test_anonymous_visitor_is_sent_to_log_in(client: Client) -> None:
    for url in ("/notifications/", "/notifications/since/?after=0", "/espace/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    response = client.post("/notifications/read/")
    assert response.status_code == 302


def test_unread_counter_is_in_the_header_of_every_page(client: Client, ines: User) -> None:
    notify(ines, 3)
    client.force_login(ines)
    for url in ("/", "/espace/", "/notifications/"):
        html = client.get(url).content.decode()
        assert "data-unread-count>3<" in html, url


def test_mark_one_as_read(client: Client, ines: User) -> None:
    first, second = notify(ines, 2)
    client.force_login(ines)
    response = client.post("/notifications/read/", {"id": first.pk})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None
    assert selectors.unread_notification_count(ines) == 1


def test_mark_all_as_read_with_htmx(client: Client, ines: User) -> None:
    notify(ines, 2)
    client.force_login(ines)
    response = client.post("/notifications/read/", HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert selectors.unread_notification_count(ines) == 0


def test_cannot_mark_someone_elses_notification(client: Client, ines: User, yanis: User) -> None:
    (theirs,) = notify(yanis)
    client.force_login(ines)
    response = client.post("/notifications/read/", {"id": theirs.pk})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_with_a_bad_id_is_a_400(client: Client, ines: User) -> None:
    (mine,) = notify(ines)
    client.force_login(ines)
    response = client.post("/notifications/read/", {"id": "abc"})
    assert response.status_code == 400
    mine.refresh_from_db()
    assert mine.read_at is None


def test_since_returns_only_what_was_missed(client: Client, ines: User, yanis: User) -> None:
    seen, missed_1, missed_2 = notify(ines, 3)
    notify(yanis)
    do_mark_notifications_read(ines, notification_ids=[missed_1.pk])
    client.force_login(ines)
    data = client.get(f"/notifications/since/?after={seen.pk}").json()
    assert [n["id"] for n in data["notifications"]] == [missed_1.pk, missed_2.pk]
    assert data["notifications"][0]["read"] is True
    assert data["unread_count"] == 2


@pytest.mark.parametrize("after", ["", "abc", "1.5"])
def test_since_with_a_bad_cursor_is_a_400(client: Client, ines: User, after: str) -> None:
    client.force_login(ines)
    response = client.get(f"/notifications/since/?after={after}")
    assert response.status_code == 400
    assert "error" in response.json()


def test_older_notifications_are_paginated_by_cursor(client: Client, ines: User) -> None:
    created = notify(ines, selectors.NOTIFICATION_PAGE_SIZE + 5)
    client.force_login(ines)
    first_page = client.get("/notifications/")
    ids = [n.pk for n in first_page.context["notifications"]]
    assert ids == [n.pk for n in reversed(created)][: selectors.NOTIFICATION_PAGE_SIZE]
    cursor = first_page.context["next_cursor"]
    second_page = client.get(f"/notifications/?before={cursor}")
    assert [n.pk for n in second_page.context["notifications"]] == [
        n.pk for n in reversed(created[:5])
    ]
    assert second_page.context["next_cursor"] is None


def test_notification_page_runs_constant_queries(
    client: Client, ines: User, django_assert_max_num_queries
) -> None:
    client.force_login(ines)
    notify(ines, 2)
    with django_assert_max_num_queries(8) as few:
        client.get("/notifications/")
    notify(ines, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/notifications/")


def test_language_switch_is_remembered_on_the_account(client: Client, ines: User) -> None:
    client.force_login(ines)
    response = client.post("/language/", {"language": "en", "next": "/espace/"})
    assert response.status_code == 302
    assert response["Location"] == "/espace/"
    ines.refresh_from_db()
    assert ines.language == "en"
    assert "Hello Inès" in client.get("/espace/").content.decode()


def test_language_switch_refuses_unknown_languages_and_foreign_redirects(
    client: Client, ines: User
) -> None:
    client.force_login(ines)
    assert client.post("/language/", {"language": "xx"}).status_code == 400
    ines.refresh_from_db()
    assert ines.language == "fr"
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"
