"""Workshops: who may organise them, registration with a capacity and a waiting list,
cancellations that promote the next person, and the pages."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection, connections
from django.http import Http404
from django.test import Client
from django.utils import timezone

from network import gatherings
from network import notification_kinds_gatherings as kinds
from network.account_deletion import do_delete_account
from network.blocking import do_block
from network.gatherings import GatheringError, WorkshopDetails
from network.models import (
    Activity,
    Notification,
    Organisation,
    Role,
    User,
    Workshop,
    WorkshopRegistration,
)
from skills.export import collect_user_data

pytestmark = pytest.mark.django_db

Registration = WorkshopRegistration.Status


def logged_in(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def later(days: int = 7, hour: int = 14) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def details(**changes: object) -> WorkshopDetails:
    values: dict = {
        "title": "Se présenter en ligne",
        "description": "Ton profil, ton CV, ton message.",
        "starts_at": later(),
        "ends_at": later(hour=16),
        "place": "Mission Locale, salle 2",
        "capacity": 12,
    }
    values.update(changes)
    return WorkshopDetails(**values)


@pytest.fixture
def youth(make_user: Callable[..., User]) -> User:
    return make_user("lea@example.org", first_name="Léa", town="Dijon")


@pytest.fixture
def other_mentor(make_user: Callable[..., User]) -> User:
    return make_user(
        "marc@example.org",
        role=Role.MENTOR,
        first_name="Marc",
        age=None,
        organisation="Lycée pro Hippolyte Fontaine",
        organisation_kind="school",
    )


def make_workshop(nadia: User, **changes: object) -> Workshop:
    return gatherings.check_create_workshop(nadia, details=details(**changes))


def test_a_counsellor_creates_a_workshop_and_her_organisation_tells_its_members(nadia) -> None:
    workshop = make_workshop(nadia)
    assert workshop.organisation.kind == Organisation.Kind.MISSION_LOCALE
    activity = Activity.objects.get(target_type="workshop", target_id=workshop.pk)
    assert activity.verb == Activity.Verb.EVENT
    assert activity.organisation_id == workshop.organisation_id
    assert activity.visibility == "members"


def test_the_creation_form_makes_a_workshop_from_local_date_and_times(nadia) -> None:
    day = timezone.localdate() + datetime.timedelta(days=3)
    response = logged_in(nadia).post(
        "/ateliers/nouveau/",
        {
            "title": "Atelier CV",
            "description": "On écrit ton CV.",
            "day": day.isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "place": "Salle 1",
            "capacity": "8",
        },
    )
    workshop = Workshop.objects.get(title="Atelier CV")
    assert response.status_code == 302
    assert timezone.localtime(workshop.starts_at).hour == 10
    assert workshop.capacity == 8


def test_a_company_recruiter_cannot_organise_a_workshop(recruiter) -> None:
    with pytest.raises(PermissionDenied):
        gatherings.check_create_workshop(recruiter, details=details())
    assert logged_in(recruiter).get("/ateliers/nouveau/").status_code == 403
    assert not Workshop.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"starts_at": timezone.now() - datetime.timedelta(hours=1)},
        {"ends_at": later(hour=13)},
        {"ends_at": later(days=9)},
        {"capacity": 0},
        {"capacity": 501},
    ],
    ids=["past", "end-before-start", "longer-than-a-day", "no-place", "too-many-places"],
)
def test_bad_workshops_are_refused(nadia, changes: dict) -> None:
    with pytest.raises(GatheringError):
        make_workshop(nadia, **changes)
    assert not Workshop.objects.exists()


def test_a_past_date_in_the_form_is_refused_with_a_reason(nadia) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = logged_in(nadia).post(
        "/ateliers/nouveau/",
        {
            "title": "Atelier CV",
            "description": "On écrit ton CV.",
            "day": yesterday.isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "place": "Salle 1",
            "capacity": "8",
        },
    )
    assert response.status_code == 400
    assert "The start is in the past" in response.content.decode()
    assert not Workshop.objects.exists()


def test_with_one_place_the_second_youth_waits(nadia, ines, youth) -> None:
    workshop = make_workshop(nadia, capacity=1)
    first = gatherings.check_register(ines, workshop_id=workshop.pk)
    second = gatherings.check_register(youth, workshop_id=workshop.pk)
    assert first.registration.status == Registration.REGISTERED
    assert second.registration.status == Registration.WAITING
    assert workshop.registrations.filter(status=Registration.REGISTERED).count() == 1
    response = logged_in(youth).get(f"/ateliers/{workshop.pk}/")
    assert 'data-my-registration="waiting"' in response.content.decode()
    assert "number 1" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_youths_racing_for_the_last_place_cannot_both_get_it(nadia, ines, youth) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write at a time: the race needs PostgreSQL row locks")
    workshop = make_workshop(nadia, capacity=1)
    barrier = threading.Barrier(2)

    def register(person: User) -> None:
        try:
            barrier.wait(timeout=10)
            gatherings.check_register(person, workshop_id=workshop.pk)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(register, [ines, youth]))
    statuses = sorted(workshop.registrations.values_list("status", flat=True))
    assert statuses == [Registration.REGISTERED, Registration.WAITING]


def test_registering_twice_keeps_one_row(nadia, ines) -> None:
    workshop = make_workshop(nadia)
    client = logged_in(ines)
    client.post(f"/ateliers/{workshop.pk}/inscription/")
    response = client.post(f"/ateliers/{workshop.pk}/inscription/", follow=True)
    assert workshop.registrations.count() == 1
    assert "already registered" in response.content.decode()


def test_cancelling_frees_the_place_for_the_first_waiting(
    nadia, ines, youth, make_user, django_capture_on_commit_callbacks
) -> None:
    third = make_user("sam@example.org", first_name="Sam")
    workshop = make_workshop(nadia, capacity=1)
    for person in (ines, youth, third):
        gatherings.check_register(person, workshop_id=workshop.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(ines).post(f"/ateliers/{workshop.pk}/desinscription/")
    assert response.status_code == 302
    statuses = dict(workshop.registrations.values_list("youth__first_name", "status"))
    assert statuses == {
        "Inès": Registration.CANCELLED,
        "Léa": Registration.REGISTERED,
        "Sam": Registration.WAITING,
    }
    assert Notification.objects.filter(recipient=youth, kind=kinds.WORKSHOP_PLACE_FREED).exists()
    assert not Notification.objects.filter(recipient=third).exists()
    assert [message.to for message in mail.outbox] == [[youth.email]]


def test_a_waiting_youth_who_leaves_frees_nothing(nadia, ines, youth) -> None:
    workshop = make_workshop(nadia, capacity=1)
    gatherings.check_register(ines, workshop_id=workshop.pk)
    gatherings.check_register(youth, workshop_id=workshop.pk)
    gatherings.check_cancel_registration(youth, workshop_id=workshop.pk)
    assert workshop.registrations.get(youth=ines).status == Registration.REGISTERED


def test_a_youth_who_comes_back_goes_to_the_end_of_the_queue(nadia, ines, youth) -> None:
    workshop = make_workshop(nadia, capacity=1)
    gatherings.check_register(ines, workshop_id=workshop.pk)
    gatherings.check_register(youth, workshop_id=workshop.pk)
    gatherings.check_cancel_registration(ines, workshop_id=workshop.pk)
    again = gatherings.check_register(ines, workshop_id=workshop.pk)
    assert again.registration.status == Registration.WAITING
    assert workshop.registrations.count() == 2


def test_a_past_workshop_cannot_be_registered_for(nadia, ines) -> None:
    workshop = make_workshop(nadia)
    Workshop.objects.filter(pk=workshop.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    response = logged_in(ines).post(f"/ateliers/{workshop.pk}/inscription/")
    assert response.status_code == 409
    assert "already started or is over" in response.content.decode()
    assert not workshop.registrations.exists()


def test_a_youth_blocked_by_the_organiser_cannot_see_nor_register(nadia, ines) -> None:
    workshop = make_workshop(nadia)
    do_block(nadia, blocked=ines)
    with pytest.raises(Http404):
        gatherings.check_register(ines, workshop_id=workshop.pk)
    client = logged_in(ines)
    assert client.get(f"/ateliers/{workshop.pk}/").status_code == 404
    assert client.post(f"/ateliers/{workshop.pk}/inscription/").status_code == 404
    assert f'data-workshop-id="{workshop.pk}"' not in client.get("/ateliers/").content.decode()


def test_only_youths_register(nadia, recruiter) -> None:
    workshop = make_workshop(nadia)
    assert logged_in(recruiter).post(f"/ateliers/{workshop.pk}/inscription/").status_code == 403
    assert not workshop.registrations.exists()


def test_the_organisers_see_who_is_registered_and_waiting(nadia, ines, youth) -> None:
    workshop = make_workshop(nadia, capacity=1)
    gatherings.check_register(ines, workshop_id=workshop.pk)
    gatherings.check_register(youth, workshop_id=workshop.pk)
    page = logged_in(nadia).get(f"/ateliers/{workshop.pk}/").content.decode()
    registered, waiting = page.split("data-registered")[1].split("data-waiting")
    assert "Inès" in registered and "Léa" not in registered
    assert "Léa" in waiting
    # A youth does not see the lists.
    assert (
        "data-registered" not in logged_in(ines).get(f"/ateliers/{workshop.pk}/").content.decode()
    )


def test_cancelling_the_workshop_tells_everyone(
    nadia, ines, youth, django_capture_on_commit_callbacks
) -> None:
    workshop = make_workshop(nadia, capacity=1)
    gatherings.check_register(ines, workshop_id=workshop.pk)
    gatherings.check_register(youth, workshop_id=workshop.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(nadia).post(f"/ateliers/{workshop.pk}/annuler/")
    assert response.status_code == 302
    workshop.refresh_from_db()
    assert workshop.cancelled_at is not None
    told = set(
        Notification.objects.filter(kind=kinds.WORKSHOP_CANCELLED).values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {ines.pk, youth.pk}
    assert not Activity.objects.filter(target_type="workshop", target_id=workshop.pk).exists()
    assert len(mail.outbox) == 2
    refused = logged_in(ines).post(f"/ateliers/{workshop.pk}/inscription/")
    assert refused.status_code == 409


def test_another_organisation_or_a_youth_cannot_cancel_the_workshop(
    nadia, other_mentor, ines
) -> None:
    workshop = make_workshop(nadia)
    assert logged_in(other_mentor).post(f"/ateliers/{workshop.pk}/annuler/").status_code == 404
    assert logged_in(ines).post(f"/ateliers/{workshop.pk}/annuler/").status_code == 404
    workshop.refresh_from_db()
    assert workshop.cancelled_at is None


def test_titles_are_escaped(nadia, ines) -> None:
    workshop = make_workshop(nadia, title="<script>alert(1)</script>")
    page = logged_in(ines).get(f"/ateliers/{workshop.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_the_list_and_the_organisation_page_show_upcoming_workshops(nadia, ines) -> None:
    workshop = make_workshop(nadia)
    client = logged_in(ines)
    assert f'data-workshop-id="{workshop.pk}"' in client.get("/ateliers/").content.decode()
    page = client.get(f"/organisations/{workshop.organisation_id}/").content.decode()
    assert f'data-workshop-id="{workshop.pk}"' in page
    # Past and cancelled workshops are not "to come".
    past, cancelled = make_workshop(nadia), make_workshop(nadia)
    Workshop.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=1)
    )
    Workshop.objects.filter(pk=cancelled.pk).update(cancelled_at=timezone.now())
    page = client.get(f"/organisations/{workshop.organisation_id}/").content.decode()
    assert f'data-workshop-id="{past.pk}"' not in page
    assert f'data-workshop-id="{cancelled.pk}"' not in page
    assert f'data-workshop-id="{workshop.pk}"' in page


def test_the_feed_shows_the_new_workshop(nadia) -> None:
    workshop = make_workshop(nadia)
    page = logged_in(nadia).get("/fil/").content.decode()
    assert f'href="/ateliers/{workshop.pk}/"' in page


def test_the_export_lists_my_registrations_and_deleting_me_removes_them(nadia, ines) -> None:
    workshop = make_workshop(nadia)
    gatherings.check_register(ines, workshop_id=workshop.pk)
    data = collect_user_data(ines)
    section = data["workshops"]
    assert section["registrations"][0]["workshop"] == workshop.title
    do_delete_account(ines)
    assert not WorkshopRegistration.objects.exists()
    assert Workshop.objects.filter(pk=workshop.pk).exists()
