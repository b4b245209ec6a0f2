"""Discovery talks and counsellor appointments: slots, bookings, calendar files, reminders,
the talk in the youth's path and the endorsing right it gives (network/talks.py)."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify

from network import ics
from network import notification_kinds_talks as kinds
from network.account_deletion import do_delete_account
from network.models import (
    Activity,
    Block,
    Booking,
    MeetingMode,
    Mentorship,
    Notification,
    Organisation,
    Role,
    Slot,
    Visibility,
)
from network.talks import (
    TalkError,
    check_book_slot,
    check_cancel_booking,
    check_cancel_slot,
    check_confirm_booking,
    check_decline_booking,
    check_mark_done,
    check_offer_slot,
    do_send_reminders,
)
from network.talks_selectors import free_talk_slots, occupation_talk_hosts
from skills.models import Endorsement, Occupation, OccupationIndexPage, OccupationPage
from tests.skills.portfolio_helpers import add_experience, logged_in, make_concept, set_profile

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))
SOON = NOW + datetime.timedelta(days=3)


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


def offer(host, *, starts_at=SOON, kind=Slot.Kind.DISCOVERY_TALK, **extra) -> Slot:
    values = {
        "duration_minutes": 45,
        "mode": MeetingMode.VIDEO,
        "where": "https://visio.example.org/rachid",
        "topic": "Chef de cuisine, la vie en brigade",
        "now": NOW,
        **extra,
    }
    return check_offer_slot(host, kind=kind, starts_at=starts_at, **values)


def follow(mentor, youth) -> Mentorship:
    return Mentorship.objects.create(
        youth=youth,
        mentor=mentor,
        organisation=mentor.organisations.first(),
        status=Mentorship.Status.ACTIVE,
        started_at=NOW - datetime.timedelta(days=60),
    )


def confirmed(host, youth, **slot_fields) -> Booking:
    slot = offer(host, **slot_fields)
    booking = check_book_slot(youth, slot_id=slot.pk, now=NOW)
    return check_confirm_booking(host, booking_id=booking.pk, now=NOW)


def slot_form(**extra) -> dict:
    day = timezone.localdate() + datetime.timedelta(days=7)
    return {
        "date": day.isoformat(),
        "time": "15:00",
        "duration_minutes": "45",
        "mode": MeetingMode.IN_PERSON,
        "where": "12 place du Théâtre, Lille",
        "topic": "Chef de cuisine",
        "kind": Slot.Kind.DISCOVERY_TALK,
        **extra,
    }


# --- Offering slots ---------------------------------------------------------------------------


def test_a_professional_offers_a_slot_through_the_page_and_youths_see_it(rachid, lucas):
    response = logged_in(rachid).post("/talks/slots/", slot_form())
    assert response.status_code == 302
    slot = Slot.objects.get(host=rachid)
    assert slot.kind == Slot.Kind.DISCOVERY_TALK
    assert timezone.localtime(slot.starts_at).hour == 15
    html = logged_in(lucas).get("/talks/").content.decode()
    assert f'data-slot-id="{slot.pk}"' in html
    assert "Chef de cuisine" in html


def test_youths_cannot_offer_slots(lucas):
    with pytest.raises(PermissionDenied):
        offer(lucas)
    assert logged_in(lucas).post("/talks/slots/", slot_form()).status_code == 403
    assert not Slot.objects.exists()


def test_a_recruiter_offers_talks_but_only_counsellors_offer_appointments(recruiter, nadia):
    assert offer(recruiter).kind == Slot.Kind.DISCOVERY_TALK
    with pytest.raises(PermissionDenied):
        offer(recruiter, kind=Slot.Kind.APPOINTMENT, starts_at=SOON + datetime.timedelta(days=1))
    assert offer(nadia, kind=Slot.Kind.APPOINTMENT).kind == Slot.Kind.APPOINTMENT


@pytest.mark.parametrize(
    "change",
    [
        {"starts_at": NOW - datetime.timedelta(hours=1)},
        {"duration_minutes": 10},
        {"duration_minutes": 181},
        {"where": "  "},
        {"mode": "carrier-pigeon"},
    ],
)
def test_bad_slots_are_refused_with_a_reason(rachid, change):
    with pytest.raises(TalkError):
        offer(rachid, **change)
    assert not Slot.objects.exists()


def test_a_host_cannot_offer_overlapping_slots(rachid):
    offer(rachid, starts_at=SOON)
    with pytest.raises(TalkError, match="overlaps"):
        offer(rachid, starts_at=SOON + datetime.timedelta(minutes=30))
    # Right after the first one ends is fine.
    offer(rachid, starts_at=SOON + datetime.timedelta(minutes=45))
    assert Slot.objects.count() == 2


def test_a_past_date_in_the_form_is_refused_with_a_message_and_400(rachid):
    past = (timezone.localdate() - datetime.timedelta(days=2)).isoformat()
    response = logged_in(rachid).post("/talks/slots/", slot_form(date=past))
    assert response.status_code == 400
    assert "This date is in the past" in response.content.decode()
    assert not Slot.objects.exists()


# --- Booking ----------------------------------------------------------------------------------


def test_a_youth_books_and_the_host_is_told_live_and_by_email(
    rachid, lucas, django_capture_on_commit_callbacks
):
    slot = offer(rachid)
    with django_capture_on_commit_callbacks(execute=True):
        booking = check_book_slot(
            lucas, slot_id=slot.pk, message="Comment on devient chef ?", now=NOW
        )
    assert booking.status == Booking.Status.REQUESTED
    notification = Notification.objects.get(recipient=rachid)
    assert notification.kind == kinds.TALK_BOOKED
    assert [message.to for message in mail.outbox] == [[rachid.email]]
    # Booked slots leave the list.
    assert slot not in free_talk_slots(lucas, now=NOW)


def test_only_youths_book(rachid, recruiter, nadia):
    slot = offer(rachid)
    with pytest.raises(PermissionDenied):
        check_book_slot(recruiter, slot_id=slot.pk, now=NOW)
    assert logged_in(nadia).post(f"/talks/slots/{slot.pk}/", {"message": ""}).status_code == 403
    assert not Booking.objects.exists()


def test_a_youth_books_through_the_page(rachid, lucas):
    slot = offer(rachid, starts_at=timezone.now() + datetime.timedelta(days=2))
    client = logged_in(lucas)
    assert client.get(f"/talks/slots/{slot.pk}/").status_code == 200
    response = client.post(f"/talks/slots/{slot.pk}/", {"message": "<script>x</script>"})
    assert response.status_code == 302
    assert Booking.objects.get().message == "<script>x</script>"
    html = logged_in(rachid).get("/talks/slots/").content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>x</script>" not in html


def test_two_youths_one_slot_the_second_is_told_it_is_taken(rachid, lucas, ines):
    slot = offer(rachid)
    check_book_slot(lucas, slot_id=slot.pk, now=NOW)
    with pytest.raises(TalkError, match="Someone just booked"):
        check_book_slot(ines, slot_id=slot.pk, now=NOW)
    assert Booking.objects.count() == 1


def test_a_booking_racing_another_is_refused_by_the_database_with_the_same_message(
    rachid, lucas, ines
):
    slot = offer(rachid)

    def another_youth_commits_first(youth, slot):
        Booking.objects.create(slot=slot, youth=ines)

    with mock.patch("network.talks._refuse_overlap", another_youth_commits_first):
        with pytest.raises(TalkError, match="Someone just booked"):
            check_book_slot(lucas, slot_id=slot.pk, now=NOW)
    assert not Booking.objects.filter(youth=lucas).exists()


def test_the_page_answers_409_when_the_slot_was_just_taken(rachid, lucas, ines):
    slot = offer(rachid, starts_at=timezone.now() + datetime.timedelta(days=2))
    check_book_slot(ines, slot_id=slot.pk)
    response = logged_in(lucas).post(f"/talks/slots/{slot.pk}/", {"message": ""})
    assert response.status_code == 409
    assert Booking.objects.count() == 1


def test_a_youth_cannot_hold_two_meetings_at_the_same_time(rachid, recruiter, lucas):
    first = offer(rachid, starts_at=SOON)
    second = offer(recruiter, starts_at=SOON + datetime.timedelta(minutes=30))
    check_book_slot(lucas, slot_id=first.pk, now=NOW)
    with pytest.raises(TalkError, match="already have a meeting"):
        check_book_slot(lucas, slot_id=second.pk, now=NOW)
    # Once the first is cancelled, the time is free again.
    check_cancel_booking(lucas, booking_id=Booking.objects.get().pk, now=NOW)
    assert check_book_slot(lucas, slot_id=second.pk, now=NOW).slot == second


def test_past_and_cancelled_slots_cannot_be_booked(rachid, lucas):
    slot = offer(rachid)
    with pytest.raises(TalkError, match="over"):
        check_book_slot(lucas, slot_id=slot.pk, now=SOON + datetime.timedelta(minutes=1))
    check_cancel_slot(rachid, slot_id=slot.pk, now=NOW)
    with pytest.raises(TalkError, match="cancelled"):
        check_book_slot(lucas, slot_id=slot.pk, now=NOW)


def test_appointments_are_booked_only_by_the_youths_the_counsellor_follows(nadia, lucas, ines):
    follow(nadia, lucas)
    soon = timezone.now() + datetime.timedelta(days=2)
    slot = offer(nadia, kind=Slot.Kind.APPOINTMENT, starts_at=soon, now=timezone.now())
    with pytest.raises(Http404):
        check_book_slot(ines, slot_id=slot.pk, now=NOW)
    assert logged_in(ines).get(f"/talks/slots/{slot.pk}/").status_code == 404
    assert logged_in(ines).post(f"/talks/slots/{slot.pk}/", {}).status_code == 404
    assert slot not in logged_in(ines).get("/talks/").context["appointment_slots"]
    assert slot in logged_in(lucas).get("/talks/").context["appointment_slots"]
    assert check_book_slot(lucas, slot_id=slot.pk).youth == lucas


def test_blocking_either_way_hides_and_refuses_the_slot(rachid, lucas):
    slot = offer(rachid)
    Block.objects.create(blocker=rachid, blocked=lucas)
    assert slot not in free_talk_slots(lucas, now=NOW)
    with pytest.raises(Http404):
        check_book_slot(lucas, slot_id=slot.pk, now=NOW)


def test_a_minors_booking_is_also_told_to_their_mentors(
    rachid, yanis, nadia, django_capture_on_commit_callbacks
):
    follow(nadia, yanis)
    slot = offer(rachid)
    with django_capture_on_commit_callbacks(execute=True):
        check_book_slot(yanis, slot_id=slot.pk, now=NOW)
    notification = Notification.objects.get(recipient=nadia)
    assert notification.kind == kinds.TALK_BOOKED_BY_MINOR
    assert notification.params["host"] == rachid.display_name
    assert sorted(message.to[0] for message in mail.outbox) == sorted([rachid.email, nadia.email])


def test_a_minor_cannot_book_a_recruiters_talk_which_would_name_them(recruiter, yanis):
    slot = offer(recruiter)
    with pytest.raises(TalkError):
        check_book_slot(yanis, slot_id=slot.pk, now=NOW)
    assert not Booking.objects.exists()


def test_an_adults_booking_is_not_told_to_their_mentors(rachid, lucas, nadia):
    follow(nadia, lucas)
    check_book_slot(lucas, slot_id=offer(rachid).pk, now=NOW)
    assert not Notification.objects.filter(recipient=nadia).exists()


# --- Confirming, declining, cancelling --------------------------------------------------------


def test_the_host_confirms_and_both_get_the_calendar_file(
    rachid, lucas, django_capture_on_commit_callbacks
):
    booking = check_book_slot(lucas, slot_id=offer(rachid).pk, now=NOW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        check_confirm_booking(rachid, booking_id=booking.pk, now=NOW)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED
    assert Notification.objects.get(recipient=lucas).kind == kinds.BOOKING_CONFIRMED
    assert sorted(message.to[0] for message in mail.outbox) == sorted([rachid.email, lucas.email])
    for message in mail.outbox:
        (name, content, mimetype) = message.attachments[0]
        assert name == f"acrojump-{booking.pk}.ics"
        assert mimetype.startswith("text/calendar")
        assert f"UID:booking-{booking.pk}@" in content


def test_only_the_host_confirms_or_declines_others_get_404(rachid, recruiter, lucas, ines):
    booking = check_book_slot(lucas, slot_id=offer(rachid).pk, now=NOW)
    for someone in (lucas, ines, recruiter):
        with pytest.raises(Http404):
            check_confirm_booking(someone, booking_id=booking.pk, now=NOW)
        client = logged_in(someone)
        assert client.post(f"/talks/bookings/{booking.pk}/confirm/").status_code == 404
        assert client.post(f"/talks/bookings/{booking.pk}/decline/").status_code == 404
        assert client.post(f"/talks/bookings/{booking.pk}/done/").status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED


def test_others_cannot_cancel_a_booking_or_a_slot(rachid, recruiter, lucas, ines):
    slot = offer(rachid)
    booking = check_book_slot(lucas, slot_id=slot.pk, now=NOW)
    with pytest.raises(Http404):
        check_cancel_booking(ines, booking_id=booking.pk, now=NOW)
    assert logged_in(recruiter).post(f"/talks/bookings/{booking.pk}/cancel/").status_code == 404
    assert logged_in(recruiter).post(f"/talks/slots/{slot.pk}/cancel/").status_code == 404
    booking.refresh_from_db()
    slot.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED
    assert slot.cancelled_at is None


def test_declining_frees_the_slot_and_tells_the_youth(rachid, lucas, ines):
    slot = offer(rachid)
    booking = check_book_slot(lucas, slot_id=slot.pk, now=NOW)
    check_decline_booking(rachid, booking_id=booking.pk, now=NOW)
    assert Notification.objects.get(recipient=lucas).kind == kinds.BOOKING_DECLINED
    assert check_book_slot(ines, slot_id=slot.pk, now=NOW).youth == ines


def test_either_side_cancels_and_the_other_is_told(rachid, lucas):
    soon = timezone.now() + datetime.timedelta(days=2)
    booking = check_book_slot(lucas, slot_id=offer(rachid, starts_at=soon, now=timezone.now()).pk)
    check_confirm_booking(rachid, booking_id=booking.pk)
    response = logged_in(lucas).post(f"/talks/bookings/{booking.pk}/cancel/")
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancelled_by == lucas
    assert Notification.objects.filter(recipient=rachid, kind=kinds.BOOKING_CANCELLED).exists()
    # Twice is refused with a reason, not a 500.
    assert logged_in(lucas).post(f"/talks/bookings/{booking.pk}/cancel/").status_code == 409


def test_the_host_cancels_a_slot_and_the_youth_is_told(rachid, lucas):
    booking = confirmed(rachid, lucas)
    check_cancel_slot(rachid, slot_id=booking.slot_id, now=NOW)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert Notification.objects.filter(recipient=lucas, kind=kinds.SLOT_CANCELLED).exists()


# --- Calendar file ------------------------------------------------------------------------------


def unfold(text: str) -> dict[str, str]:
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    for line in lines:
        assert len(line.encode()) <= 75, line
    unfolded: list[str] = []
    for line in lines:
        if line.startswith(" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    properties = {}
    for line in unfolded:
        name, _, value = line.partition(":")
        properties.setdefault(name, value)
    return properties


def test_the_calendar_file_is_valid_rfc_5545(rachid, lucas):
    booking = confirmed(
        rachid,
        lucas,
        where="Restaurant Le Beffroi, 12 place du Théâtre; entrée côté cour, Lille",
        topic="Chef de cuisine : brigade, horaires, saisons, écoles et apprentissage, salaires",
    )
    text = ics.booking_calendar(booking, now=NOW)
    properties = unfold(text)
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert properties["VERSION"] == "2.0"
    assert properties["METHOD"] == "PUBLISH"
    assert properties["UID"] == ics.uid(booking)
    assert properties["DTSTART"] == SOON.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    end = SOON + datetime.timedelta(minutes=45)
    assert properties["DTEND"] == end.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert properties["LOCATION"] == (
        "Restaurant Le Beffroi\\, 12 place du Théâtre\\; entrée côté cour\\, Lille"
    )
    assert "Rachid" in properties["SUMMARY"]
    assert properties["STATUS"] == "CONFIRMED"
    # The same booking gives the same UID: calendars update the event instead of doubling it.
    assert unfold(ics.booking_calendar(booking))["UID"] == properties["UID"]


def test_folding_never_cuts_a_character_and_escapes_new_lines():
    line = "DESCRIPTION:" + ics.escape_text("é" * 100 + "\nfin")
    folded = ics.fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line
    assert line.endswith("\\nfin")


def test_the_calendar_file_downloads_for_the_two_people_only(rachid, lucas, ines, recruiter):
    booking = confirmed(rachid, lucas)
    url = f"/agenda/rendez-vous/{booking.pk}.ics"
    for person in (rachid, lucas):
        response = logged_in(person).get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        assert b"BEGIN:VEVENT" in response.content
    for someone in (ines, recruiter):
        assert logged_in(someone).get(url).status_code == 404


# --- Reminders --------------------------------------------------------------------------------


def test_reminders_go_once_to_both_sides_within_24_hours(
    rachid, lucas, django_capture_on_commit_callbacks
):
    booking = confirmed(rachid, lucas)
    requested = check_book_slot(
        lucas, slot_id=offer(rachid, starts_at=SOON + datetime.timedelta(hours=2)).pk, now=NOW
    )
    mail.outbox.clear()
    assert do_send_reminders(now=SOON - datetime.timedelta(hours=25)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert do_send_reminders(now=SOON - datetime.timedelta(hours=20)) == 1
    assert sorted(message.to[0] for message in mail.outbox) == sorted([rachid.email, lucas.email])
    assert all(message.attachments for message in mail.outbox)
    assert Notification.objects.filter(kind=kinds.BOOKING_REMINDER).count() == 2
    booking.refresh_from_db()
    assert booking.reminded_at is not None
    # Again: nothing new. Requested (unconfirmed) bookings get no reminder.
    assert do_send_reminders(now=SOON - datetime.timedelta(hours=19)) == 0
    requested.refresh_from_db()
    assert requested.reminded_at is None


def test_the_command_sends_the_reminders(rachid, lucas):
    soon = timezone.now() + datetime.timedelta(hours=3)
    slot = offer(rachid, starts_at=soon, now=timezone.now())
    booking = check_book_slot(lucas, slot_id=slot.pk)
    check_confirm_booking(rachid, booking_id=booking.pk)
    call_command("send_reminders", stdout=mock.MagicMock())
    booking.refresh_from_db()
    assert booking.reminded_at is not None


# --- After the talk ---------------------------------------------------------------------------


@pytest.fixture
def skill():
    return make_concept("Travailler en équipe", "Working in a team")


def endorse_form(skill) -> dict:
    return {
        "concepts": [str(skill.pk)],
        "relationship": "professional",
        "context": "Entretien découverte du métier de cuisinier",
        "observed": "Il a posé des questions précises et pris des notes.",
        "level_seen": "2",
    }


def test_a_done_talk_enters_the_path_and_lets_the_host_endorse(rachid, lucas, skill):
    set_profile(lucas, visibility=Visibility.MEMBERS)
    add_experience(lucas, title="Plonge", concepts=(skill,), visibility=Visibility.MEMBERS)
    booking = confirmed(
        rachid, lucas, starts_at=timezone.now() + datetime.timedelta(hours=1), now=timezone.now()
    )
    client = logged_in(rachid)
    # Before the talk took place: no right, and it cannot be marked done yet.
    assert (
        client.post(f"/skills/endorsements/youth/{lucas.pk}/", endorse_form(skill)).status_code
        == 403
    )
    with pytest.raises(TalkError):
        check_mark_done(rachid, booking_id=booking.pk)
    later = timezone.now() + datetime.timedelta(hours=2)
    check_mark_done(rachid, booking_id=booking.pk, now=later)

    activity = Activity.objects.get(actor=lucas, verb=Activity.Verb.MILESTONE, target_type="talk")
    assert activity.params["kind"] == "talk"
    assert activity.params["host"] == rachid.display_name
    assert activity.visibility == Visibility.MEMBERS
    feed = logged_in(lucas).get("/fil/").content.decode()
    assert "data-talk-milestone" in feed
    assert rachid.display_name in feed
    response = client.post(f"/skills/endorsements/youth/{lucas.pk}/", endorse_form(skill))
    assert response.status_code == 302
    endorsement = Endorsement.objects.get()
    assert endorsement.endorser == rachid
    assert endorsement.relationship == "professional"


def test_only_the_host_marks_a_talk_done(rachid, lucas):
    booking = confirmed(rachid, lucas)
    with pytest.raises(Http404):
        check_mark_done(lucas, booking_id=booking.pk, now=SOON + datetime.timedelta(hours=2))


def test_a_hidden_profile_keeps_the_talk_out_of_the_feed(rachid, lucas):
    set_profile(lucas, visibility=Visibility.ONLY_ME)
    booking = confirmed(rachid, lucas)
    check_mark_done(rachid, booking_id=booking.pk, now=SOON + datetime.timedelta(hours=2))
    assert not Activity.objects.filter(actor=lucas).exists()


def test_the_endorsing_right_ends_90_days_after_the_talk(rachid, lucas, skill):
    from skills.endorsement_selectors import endorsing_rights

    set_profile(lucas, visibility=Visibility.MEMBERS)
    add_experience(lucas, title="Plonge", concepts=(skill,), visibility=Visibility.MEMBERS)
    booking = confirmed(rachid, lucas)
    check_mark_done(rachid, booking_id=booking.pk, now=SOON + datetime.timedelta(hours=2))
    Slot.objects.filter(pk=booking.slot_id).update(
        starts_at=timezone.now() - datetime.timedelta(days=91)
    )
    assert not endorsing_rights(rachid, lucas).allowed
    Slot.objects.filter(pk=booking.slot_id).update(
        starts_at=timezone.now() - datetime.timedelta(days=89)
    )
    assert endorsing_rights(rachid, lucas).allowed


# --- Occupation pages, deletion ---------------------------------------------------------------


def test_the_occupation_page_lists_the_professionals_offering_talks(client, rachid, lucas):
    occupation = Occupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/test-cook",
        preferred_labels={"fr": "cuisinier/cuisinière", "en": "cook"},
    )
    index = OccupationIndexPage.objects.get(slug="metiers")
    page = OccupationPage(
        title="Cuisinier", slug=slugify("Cuisinier"), summary="Cuisiner.", occupation=occupation
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    slot = offer(
        rachid,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        occupation=occupation,
        now=timezone.now(),
    )
    offer(
        rachid,
        starts_at=timezone.now() + datetime.timedelta(days=9),
        occupation=occupation,
        now=timezone.now(),
    )
    page.refresh_from_db()
    assert [entry["count"] for entry in occupation_talk_hosts(lucas, occupation.pk)] == [2]
    html = logged_in(lucas).get(page.url).content.decode()
    assert f'data-talk-host="{rachid.pk}"' in html
    assert f"/talks/slots/{slot.pk}/" in html
    # Once booked, the slot is no longer offered.
    check_book_slot(lucas, slot_id=slot.pk)
    assert [entry["count"] for entry in occupation_talk_hosts(lucas, occupation.pk)] == [1]


def test_deleting_an_account_removes_their_slots_and_bookings(rachid, lucas):
    confirmed(rachid, lucas)
    do_delete_account(lucas)
    assert not Booking.objects.exists()
    do_delete_account(rachid)
    assert not Slot.objects.exists()


def test_a_recruiter_offers_a_talk_through_the_page_without_choosing_a_kind(recruiter):
    form = slot_form()
    del form["kind"]
    assert logged_in(recruiter).post("/talks/slots/", form).status_code == 302
    assert Slot.objects.get(host=recruiter).kind == Slot.Kind.DISCOVERY_TALK


def test_the_demo_slots_are_offered_once(make_user):
    from network.demo_talks import seed_demo_talks

    rachid = make_user(
        "rachid.demo@example.org",
        role=Role.MENTOR,
        first_name="Rachid",
        age=None,
        organisation="Restaurant Le Beffroi Gourmand",
        organisation_kind=Organisation.Kind.COMPANY,
        town="Lille",
    )
    nadia = make_user(
        "nadia.demo@example.org",
        role=Role.MENTOR,
        first_name="Nadia",
        age=None,
        organisation="Mission Locale de Dijon",
        organisation_kind=Organisation.Kind.MISSION_LOCALE,
        town="Dijon",
    )
    assert seed_demo_talks() == 5
    assert seed_demo_talks() == 0
    assert Slot.objects.filter(host=rachid, kind=Slot.Kind.DISCOVERY_TALK).count() == 3
    assert Slot.objects.filter(host=nadia, kind=Slot.Kind.APPOINTMENT).count() == 2
    assert all(slot.starts_at > timezone.now() for slot in Slot.objects.all())
