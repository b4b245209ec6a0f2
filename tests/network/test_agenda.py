"""The agenda: a person's bookings (as youth or host), workshops and job datings, in constant
queries (network/agenda.py, network/views_talks.py)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from network.agenda import agenda_for
from network.models import (
    Booking,
    JobDating,
    JobDatingCandidate,
    JobDatingMeeting,
    JobDatingRecruiter,
    MeetingMode,
    Organisation,
    Role,
    Slot,
    Workshop,
    WorkshopRegistration,
)
from network.talks import check_book_slot, check_confirm_booking, check_offer_slot
from tests.factories import OrganisationFactory
from tests.skills.portfolio_helpers import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def rachid(make_user):
    return make_user(
        "rachid@example.org",
        role=Role.MENTOR,
        first_name="Rachid",
        age=None,
        organisation="Restaurant Le Beffroi Gourmand",
        organisation_kind=Organisation.Kind.COMPANY,
        town="Lille",
    )


@pytest.fixture
def lucas(make_user):
    return make_user("lucas@example.org", first_name="Lucas", age=18, town="Dijon")


def in_days(days: float, hour: int = 15) -> datetime.datetime:
    moment = timezone.now() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def book(host, youth, days: float, *, confirm: bool = True, where: str = "Visio") -> Booking:
    slot = check_offer_slot(
        host,
        kind=Slot.Kind.DISCOVERY_TALK,
        starts_at=in_days(days),
        duration_minutes=45,
        mode=MeetingMode.VIDEO,
        where=where,
        topic="Chef de cuisine",
    )
    booking = check_book_slot(youth, slot_id=slot.pk)
    if confirm:
        check_confirm_booking(host, booking_id=booking.pk)
    return booking


def workshop(days: float, youth, status=WorkshopRegistration.Status.REGISTERED) -> Workshop:
    organisation = OrganisationFactory(name=f"Mission Locale {days}")
    item = Workshop.objects.create(
        organisation=organisation,
        title=f"Atelier CV {days}",
        description="On prépare ton CV.",
        starts_at=in_days(days, 10),
        ends_at=in_days(days, 12),
        place="Mission Locale",
        capacity=10,
    )
    WorkshopRegistration.objects.create(workshop=item, youth=youth, status=status)
    return item


def job_dating_meeting(days: float, recruiter, youth) -> JobDatingMeeting:
    organisation = OrganisationFactory(name=f"Forum {days}")
    job_dating = JobDating.objects.create(
        organisation=organisation,
        title=f"Job dating logistique {days}",
        starts_at=in_days(days, 9),
        ends_at=in_days(days, 12),
        mode=MeetingMode.IN_PERSON,
        place="Salle des fêtes",
    )
    seat = JobDatingRecruiter.objects.create(job_dating=job_dating, recruiter=recruiter, table="A")
    candidate = JobDatingCandidate.objects.create(job_dating=job_dating, youth=youth)
    return JobDatingMeeting.objects.create(
        job_dating=job_dating, seat=seat, candidate=candidate, starts_at=in_days(days, 9)
    )


def test_both_people_see_a_booking_with_its_calendar_link(rachid, lucas):
    booking = book(rachid, lucas, 2)
    for person in (rachid, lucas):
        html = logged_in(person).get("/agenda/").content.decode()
        assert f'data-booking-id="{booking.pk}"' in html
        assert f"/agenda/rendez-vous/{booking.pk}.ics" in html


def test_the_youth_sees_the_place_only_once_confirmed(rachid, lucas):
    booking = book(rachid, lucas, 2, confirm=False, where="06 12 34 56 78")
    (item,) = agenda_for(lucas)[0]
    assert item.where == ""
    assert item.ics_url == ""
    (host_item,) = agenda_for(rachid)[0]
    assert host_item.where == "06 12 34 56 78"
    check_confirm_booking(rachid, booking_id=booking.pk)
    (item,) = agenda_for(lucas)[0]
    assert item.where == "06 12 34 56 78"


def test_the_agenda_gathers_workshops_and_job_datings(rachid, lucas, recruiter):
    book(rachid, lucas, 1)
    workshop(3, lucas)
    meeting = job_dating_meeting(5, recruiter, lucas)
    upcoming, recent = agenda_for(lucas)
    assert [item.kind for item in upcoming] == [
        "talk",
        "workshop",
        "job_dating",
        "job_dating_meeting",
    ]
    assert recent == []
    recruiter_kinds = [item.kind for item in agenda_for(recruiter)[0]]
    assert recruiter_kinds == ["job_dating", "job_dating_meeting"]
    assert agenda_for(recruiter)[0][1].with_whom == lucas.display_name
    assert meeting.job_dating.title in agenda_for(recruiter)[0][0].title


def test_cancelled_workshop_registrations_and_other_peoples_items_are_left_out(rachid, lucas, ines):
    workshop(3, lucas, status=WorkshopRegistration.Status.CANCELLED)
    book(rachid, ines, 2)
    assert agenda_for(lucas) == ([], [])


def test_past_items_go_to_recent(rachid, lucas):
    booking = book(rachid, lucas, 2)
    later = timezone.now() + datetime.timedelta(days=3)
    upcoming, recent = agenda_for(lucas, now=later)
    assert upcoming == []
    assert [item.booking for item in recent] == [booking]


def test_the_agenda_page_asks_the_same_number_of_queries_whatever_it_holds(
    rachid, lucas, recruiter, django_assert_num_queries
):
    client = logged_in(lucas)
    book(rachid, lucas, 1)
    workshop(3, lucas)
    job_dating_meeting(5, recruiter, lucas)
    client.get("/agenda/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get("/agenda/").status_code == 200
    for days in (7, 8, 9):
        book(rachid, lucas, days)
        workshop(days + 0.5, lucas)
        job_dating_meeting(days + 10, recruiter, lucas)
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get("/agenda/").content.decode()
    assert html.count('data-agenda-kind="talk"') == 4
    assert html.count('data-agenda-kind="job_dating_meeting"') == 4
