"""Mentorship: invitation by link or QR code, requests, consent, ending, sharing within an
organisation, pre-registration at a Mission Locale, private notes, and the wrong person
refused at every step."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from network import mentorship as actions
from network import notification_kinds
from network.mentorship_selectors import InvitationGone, access_invitation
from network.models import (
    FollowRequest,
    MentorInvitation,
    MentorNote,
    Mentorship,
    Notification,
    Organisation,
    Role,
    User,
    Visibility,
)
from network.privacy import Audience, audience_for, is_linked_mentor
from skills.export import collect_user_data
from tests.skills.portfolio_helpers import add_experience

pytestmark = pytest.mark.django_db
Status = Mentorship.Status


@pytest.fixture
def colleague(make_user, nadia) -> User:
    """Another counsellor of the same Mission Locale."""
    return make_user(
        "paul@example.org",
        role=Role.MENTOR,
        first_name="Paul",
        age=None,
        organisation="Mission Locale de Dijon",
        organisation_kind="mission_locale",
        town="Dijon",
    )


@pytest.fixture
def jean_marc(make_user) -> User:
    return make_user(
        "jean-marc@example.org",
        role=Role.MENTOR,
        first_name="Jean-Marc",
        age=None,
        organisation="Futsal Club de Vaulx",
        organisation_kind="club",
        town="Vaulx-en-Velin",
    )


@pytest.fixture
def sandrine(make_user) -> User:
    return make_user(
        "sandrine@example.org",
        role=Role.RECRUITER,
        first_name="Sandrine",
        age=None,
        organisation="Entrepôt de Lesquin",
        organisation_kind="company",
    )


def client_for(user: User, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def active_mentorship(youth: User, mentor: User) -> Mentorship:
    invitation = actions.check_create_invitation(mentor)
    mentorship = actions.check_answer_invitation(youth, token=invitation.token, accept=True)
    assert mentorship is not None
    return mentorship


# --- Invitation by link and QR code -----------------------------------------------------------


def test_mentor_makes_a_link_with_a_qr_code_valid_14_days(nadia: User) -> None:
    response = client_for(nadia).post(reverse("network:mentor_invite"))
    assert response.status_code == 200
    invitation = MentorInvitation.objects.get(mentor=nadia)
    html = response.content.decode()
    assert f"/invitation/{invitation.token}/" in html
    assert "<svg" in html
    validity = invitation.expires_at - timezone.now()
    assert datetime.timedelta(days=13, hours=23) < validity <= datetime.timedelta(days=14)
    assert invitation.organisation.name == "Mission Locale de Dijon"


def test_youth_sees_who_invites_and_accepts(
    nadia: User, ines: User, django_capture_on_commit_callbacks
) -> None:
    invitation = actions.check_create_invitation(nadia)
    client = client_for(ines)
    page = client.get(reverse("network:mentor_invitation", args=[invitation.token]))
    assert page.status_code == 200
    assert "Nadia" in page.content.decode()
    assert "Mission Locale de Dijon" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("network:mentor_invitation", args=[invitation.token]), {"answer": "accept"}
        )
    assert response.status_code == 302
    mentorship = Mentorship.objects.get(youth=ines, mentor=nadia)
    assert mentorship.status == Status.ACTIVE
    assert mentorship.started_at is not None
    assert Notification.objects.filter(
        recipient=nadia, kind=notification_kinds.MENTOR_INVITATION_ACCEPTED
    ).exists()
    assert [message.to for message in mail.outbox] == [["nadia@example.org"]]
    # Nadia's account is in French: the e-mail is too.
    assert "Inès a accepté votre invitation" in mail.outbox[0].body


def test_youth_declines_an_invitation(nadia: User, ines: User) -> None:
    invitation = actions.check_create_invitation(nadia)
    response = client_for(ines).post(
        reverse("network:mentor_invitation", args=[invitation.token]), {"answer": "decline"}
    )
    assert response.status_code == 302
    assert not Mentorship.objects.filter(youth=ines).exists()
    assert Notification.objects.filter(
        recipient=nadia, kind=notification_kinds.MENTOR_INVITATION_DECLINED
    ).exists()


def test_used_link_is_refused_with_410(nadia: User, ines: User, yanis: User) -> None:
    invitation = actions.check_create_invitation(nadia)
    actions.check_answer_invitation(ines, token=invitation.token, accept=True)
    url = reverse("network:mentor_invitation", args=[invitation.token])
    response = client_for(yanis).get(url)
    assert response.status_code == 410
    assert "already used" in response.content.decode()
    response = client_for(yanis).post(url, {"answer": "accept"})
    assert response.status_code == 410
    assert not Mentorship.objects.filter(youth=yanis).exists()


def test_expired_link_is_refused_with_410(nadia: User, ines: User) -> None:
    invitation = actions.check_create_invitation(nadia)
    MentorInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    url = reverse("network:mentor_invitation", args=[invitation.token])
    response = client_for(ines).post(url, {"answer": "accept"})
    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert not Mentorship.objects.filter(youth=ines).exists()
    with pytest.raises(InvitationGone):
        access_invitation(invitation.token)


def test_unknown_link_is_404(ines: User) -> None:
    response = client_for(ines).get(reverse("network:mentor_invitation", args=["nope"]))
    assert response.status_code == 404


def test_anonymous_visitor_logs_in_first(nadia: User) -> None:
    invitation = actions.check_create_invitation(nadia)
    response = Client().get(reverse("network:mentor_invitation", args=[invitation.token]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_recruiter_cannot_invite(sandrine: User) -> None:
    response = client_for(sandrine).post(reverse("network:mentor_invite"))
    assert response.status_code == 403
    assert not MentorInvitation.objects.exists()


def test_youth_cannot_invite_or_open_mentor_pages(ines: User) -> None:
    client = client_for(ines)
    for url in (
        reverse("network:mentor_invite"),
        reverse("network:mentor_caseload"),
        reverse("network:follow_requests"),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("network:mentor_invite")).status_code == 403


def test_mentor_without_organisation_cannot_invite(make_user) -> None:
    lonely = make_user("solo@example.org", role=Role.MENTOR, age=None)
    assert client_for(lonely).post(reverse("network:mentor_invite")).status_code == 403


def test_another_mentor_cannot_accept_an_invitation(nadia: User, jean_marc: User) -> None:
    invitation = actions.check_create_invitation(nadia)
    response = client_for(jean_marc).post(
        reverse("network:mentor_invitation", args=[invitation.token]), {"answer": "accept"}
    )
    assert response.status_code == 403
    assert not Mentorship.objects.exists()


def test_second_link_of_the_same_mentor_is_refused_while_active(nadia: User, ines: User) -> None:
    active_mentorship(ines, nadia)
    invitation = actions.check_create_invitation(nadia)
    response = client_for(ines).post(
        reverse("network:mentor_invitation", args=[invitation.token]), {"answer": "accept"}
    )
    assert response.status_code == 409
    assert Mentorship.objects.filter(youth=ines).count() == 1


# --- A youth asks a mentor --------------------------------------------------------------------


def test_youth_asks_a_mentor_by_email_and_the_mentor_accepts(
    nadia: User, ines: User, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(ines).post(
            reverse("network:ask_mentor"), {"email": "NADIA@example.org"}
        )
    assert response.status_code == 302
    mentorship = Mentorship.objects.get(youth=ines, mentor=nadia)
    assert mentorship.status == Status.WAITING_FOR_MENTOR
    assert Notification.objects.filter(
        recipient=nadia, kind=notification_kinds.MENTORSHIP_REQUESTED
    ).exists()
    assert mail.outbox[-1].to == ["nadia@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(nadia).post(
            reverse("network:mentor_answer_request", args=[mentorship.pk]), {"answer": "accept"}
        )
    assert response.status_code == 302
    mentorship.refresh_from_db()
    assert mentorship.status == Status.ACTIVE
    assert Notification.objects.filter(
        recipient=ines, kind=notification_kinds.MENTORSHIP_REQUEST_ACCEPTED
    ).exists()
    assert mail.outbox[-1].to == ["ines@example.org"]


def test_youth_picks_a_mentor_of_a_verified_organisation(
    nadia: User, jean_marc: User, ines: User
) -> None:
    Organisation.objects.filter(name="Mission Locale de Dijon").update(verified=True)
    client = client_for(ines)
    page = client.get(reverse("network:my_mentors")).content.decode()
    assert "Nadia" in page
    # Unverified organisations are not listed (but can be reached by e-mail).
    assert "Futsal Club de Vaulx" not in page
    membership = nadia.memberships.get()
    response = client.post(reverse("network:ask_mentor"), {"membership": membership.pk})
    assert response.status_code == 302
    assert Mentorship.objects.get(youth=ines).mentor == nadia
    unverified = jean_marc.memberships.get()
    response = client.post(reverse("network:ask_mentor"), {"membership": unverified.pk})
    assert response.status_code == 400


def test_youth_sees_mentors_of_her_town_first_and_can_look_elsewhere(
    nadia: User, jean_marc: User, ines: User
) -> None:
    Organisation.objects.update(verified=True)
    ines.town = "Dijon"
    ines.save(update_fields=["town"])
    client = client_for(ines)
    near = client.get(reverse("network:my_mentors")).content.decode()
    assert "Nadia · Mission Locale de Dijon" in near
    assert "Jean-Marc · Futsal Club de Vaulx" not in near
    everywhere = client.get(reverse("network:my_mentors"), {"town": ""}).content.decode()
    assert (
        "Nadia · Mission Locale de Dijon" in everywhere
        and "Jean-Marc · Futsal Club de Vaulx" in everywhere
    )
    vaulx = client.get(reverse("network:my_mentors"), {"town": "vaulx-en-velin"})
    assert "Jean-Marc · Futsal Club de Vaulx" in vaulx.content.decode()
    assert "Nadia · Mission Locale de Dijon" not in vaulx.content.decode()
    nowhere = client.get(reverse("network:my_mentors"), {"town": "Brest"}).content.decode()
    assert "No mentor of a checked organisation in Brest yet" in nowhere


def test_mentor_declines_a_request(nadia: User, ines: User) -> None:
    mentorship = actions.check_request_mentor(ines, mentor=nadia)
    client_for(nadia).post(
        reverse("network:mentor_answer_request", args=[mentorship.pk]), {"answer": "decline"}
    )
    mentorship.refresh_from_db()
    assert mentorship.status == Status.DECLINED
    assert Notification.objects.filter(
        recipient=ines, kind=notification_kinds.MENTORSHIP_REQUEST_DECLINED
    ).exists()


def test_mentor_cannot_answer_a_request_addressed_to_another_mentor(
    nadia: User, colleague: User, jean_marc: User, ines: User
) -> None:
    mentorship = actions.check_request_mentor(ines, mentor=nadia)
    for other in (colleague, jean_marc):
        response = client_for(other).post(
            reverse("network:mentor_answer_request", args=[mentorship.pk]), {"answer": "accept"}
        )
        assert response.status_code == 404
    mentorship.refresh_from_db()
    assert mentorship.status == Status.WAITING_FOR_MENTOR


def test_youth_cannot_accept_their_own_request(nadia: User, ines: User) -> None:
    mentorship = actions.check_request_mentor(ines, mentor=nadia)
    response = client_for(ines).post(
        reverse("network:mentor_answer_request", args=[mentorship.pk]), {"answer": "accept"}
    )
    assert response.status_code == 403
    mentorship.refresh_from_db()
    assert mentorship.status == Status.WAITING_FOR_MENTOR


def test_asking_an_unknown_address_or_a_recruiter_says_so(ines: User, sandrine: User) -> None:
    client = client_for(ines)
    for email in ("personne@example.org", "sandrine@example.org"):
        response = client.post(reverse("network:ask_mentor"), {"email": email})
        assert response.status_code == 400
        assert "No mentor has this address" in response.content.decode()
    assert not Mentorship.objects.exists()


def test_asking_twice_is_refused(nadia: User, ines: User) -> None:
    actions.check_request_mentor(ines, mentor=nadia)
    response = client_for(ines).post(reverse("network:ask_mentor"), {"email": nadia.email})
    assert response.status_code == 400
    assert Mentorship.objects.count() == 1


# --- Ending and consent -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["youth", "mentor"])
def test_either_side_ends_it_and_the_other_is_told(
    who: str, nadia: User, ines: User, django_capture_on_commit_callbacks
) -> None:
    mentorship = active_mentorship(ines, nadia)
    actor, other = (ines, nadia) if who == "youth" else (nadia, ines)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(actor).post(reverse("network:mentorship_end", args=[mentorship.pk]))
    assert response.status_code == 302
    mentorship.refresh_from_db()
    assert mentorship.status == Status.ENDED
    assert mentorship.ended_by == actor
    assert Notification.objects.filter(
        recipient=other, kind=notification_kinds.MENTORSHIP_ENDED
    ).exists()
    assert mail.outbox[-1].to == [other.email]
    assert not is_linked_mentor(nadia, ines)


def test_a_stranger_cannot_end_a_mentorship(nadia: User, ines: User, jean_marc: User) -> None:
    mentorship = active_mentorship(ines, nadia)
    response = client_for(jean_marc).post(reverse("network:mentorship_end", args=[mentorship.pk]))
    assert response.status_code == 404
    mentorship.refresh_from_db()
    assert mentorship.status == Status.ACTIVE


@pytest.mark.parametrize("state", ["waiting_mentor", "waiting_youth", "declined", "ended"])
def test_mentor_without_consent_sees_nothing_of_the_youth(
    state: str, nadia: User, ines: User
) -> None:
    experience = add_experience(ines, title="Stock de la banque alimentaire")
    assert experience.visibility == Visibility.MENTORS
    Mentorship.objects.create(
        youth=ines, mentor=nadia, organisation=nadia.organisations.get(), status=state
    )
    assert not is_linked_mentor(nadia, ines)
    assert audience_for(nadia, ines) is Audience.MEMBER
    client = client_for(nadia)
    profile = client.get(reverse("skills:profile", args=[ines.pk]))
    assert "Stock de la banque alimentaire" not in profile.content.decode()
    assert client.get(reverse("network:mentor_youth", args=[ines.pk])).status_code == 404


def test_active_mentor_sees_what_is_shown_to_mentors(nadia: User, ines: User) -> None:
    add_experience(ines, title="Stock de la banque alimentaire")
    active_mentorship(ines, nadia)
    assert audience_for(nadia, ines) is Audience.MENTOR
    profile = client_for(nadia).get(reverse("skills:profile", args=[ines.pk]))
    assert profile.status_code == 200
    assert "Stock de la banque alimentaire" in profile.content.decode()


# --- Sharing with the organisation ----------------------------------------------------------------


def test_colleague_follows_only_when_the_youth_agrees(
    nadia: User, colleague: User, jean_marc: User, ines: User
) -> None:
    mentorship = active_mentorship(ines, nadia)
    assert not is_linked_mentor(colleague, ines)
    response = client_for(ines).post(
        reverse("network:mentorship_sharing", args=[mentorship.pk]), {"shared": "1"}
    )
    assert response.status_code == 302
    assert is_linked_mentor(colleague, ines)
    assert not is_linked_mentor(jean_marc, ines)
    assert Notification.objects.filter(
        recipient=nadia, kind=notification_kinds.MENTORSHIP_SHARED
    ).exists()
    client_for(ines).post(
        reverse("network:mentorship_sharing", args=[mentorship.pk]), {"shared": "0"}
    )
    assert not is_linked_mentor(colleague, ines)
    assert Notification.objects.filter(
        recipient=nadia, kind=notification_kinds.MENTORSHIP_UNSHARED
    ).exists()


def test_only_the_youth_decides_about_sharing(nadia: User, ines: User) -> None:
    mentorship = active_mentorship(ines, nadia)
    response = client_for(nadia).post(
        reverse("network:mentorship_sharing", args=[mentorship.pk]), {"shared": "1"}
    )
    assert response.status_code == 403
    mentorship.refresh_from_db()
    assert not mentorship.shared_with_organisation


def test_ending_stops_the_sharing(nadia: User, colleague: User, ines: User) -> None:
    mentorship = active_mentorship(ines, nadia)
    actions.check_set_sharing(ines, mentorship_id=mentorship.pk, shared=True)
    actions.check_end_mentorship(ines, mentorship_id=mentorship.pk)
    assert not is_linked_mentor(colleague, ines)


# --- Pre-registration at a Mission Locale ------------------------------------------------------


def test_youth_pre_registers_and_a_counsellor_proposes_an_appointment(
    nadia: User, colleague: User, jean_marc: User, ines: User, django_capture_on_commit_callbacks
) -> None:
    mission_locale = nadia.organisations.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(ines).post(
            reverse("network:ask_follow_up"),
            {"organisation": mission_locale.pk, "message": "Je cherche un emploi en logistique."},
        )
    assert response.status_code == 302
    follow_request = FollowRequest.objects.get(youth=ines)
    # Both counsellors of the Mission Locale are told; the club's mentor is not.
    told = set(
        Notification.objects.filter(kind=notification_kinds.FOLLOW_REQUEST_NEW).values_list(
            "recipient", flat=True
        )
    )
    assert told == {nadia.pk, colleague.pk}
    assert {tuple(message.to) for message in mail.outbox} == {
        ("nadia@example.org",),
        ("paul@example.org",),
    }
    page = client_for(colleague).get(reverse("network:follow_requests")).content.decode()
    assert "Je cherche un emploi en logistique." in page
    # Another organisation's mentor neither sees nor takes it.
    other = client_for(jean_marc)
    assert "logistique" not in other.get(reverse("network:follow_requests")).content.decode()
    when = (timezone.localtime() + datetime.timedelta(days=3)).replace(second=0, microsecond=0)
    take_url = reverse("network:take_follow_request", args=[follow_request.pk])
    form = {"appointment": when.strftime("%Y-%m-%dT%H:%M"), "place": "Mission Locale, 1er étage"}
    assert other.post(take_url, form).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(nadia).post(take_url, form)
    assert response.status_code == 302
    follow_request.refresh_from_db()
    assert follow_request.status == FollowRequest.Status.TAKEN
    assert follow_request.taken_by == nadia
    assert follow_request.proposed_appointment == when
    mentorship = Mentorship.objects.get(youth=ines, mentor=nadia)
    # The request to the organisation is the youth's consent: active at once.
    assert mentorship.status == Status.ACTIVE
    notification = Notification.objects.get(
        recipient=ines, kind=notification_kinds.FOLLOW_REQUEST_TAKEN
    )
    assert notification.params["place"] == "Mission Locale, 1er étage"
    assert mail.outbox[-1].to == ["ines@example.org"]
    assert "Mission Locale, 1er étage" in mail.outbox[-1].body
    mine = client_for(ines).get(reverse("network:my_mentors")).content.decode()
    assert "Mission Locale, 1er étage" in mine
    # Taken once: the colleague cannot take it again.
    assert client_for(colleague).post(take_url, form).status_code == 400


def test_appointment_must_be_in_the_future_with_a_place(nadia: User, ines: User) -> None:
    follow_request = actions.check_create_follow_request(
        ines, organisation=nadia.organisations.get(), message=""
    )
    take_url = reverse("network:take_follow_request", args=[follow_request.pk])
    past = (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    client = client_for(nadia)
    response = client.post(take_url, {"appointment": past, "place": "Dijon"})
    assert response.status_code == 400
    assert "in the future" in response.content.decode()
    future = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(take_url, {"appointment": future, "place": " "}).status_code == 400
    assert client.post(take_url, {"appointment": "demain", "place": "Dijon"}).status_code == 400
    follow_request.refresh_from_db()
    assert follow_request.status == FollowRequest.Status.NEW


def test_pre_registration_only_to_a_mission_locale_or_verified_partner(
    jean_marc: User, ines: User
) -> None:
    club = jean_marc.organisations.get()
    response = client_for(ines).post(reverse("network:ask_follow_up"), {"organisation": club.pk})
    assert response.status_code == 404
    club.verified = True
    club.save()
    response = client_for(ines).post(reverse("network:ask_follow_up"), {"organisation": club.pk})
    assert response.status_code == 302


def test_youth_with_a_counsellor_or_a_pending_request_cannot_pre_register_again(
    nadia: User, ines: User, yanis: User
) -> None:
    mission_locale = nadia.organisations.get()
    actions.check_create_follow_request(yanis, organisation=mission_locale, message="")
    response = client_for(yanis).post(
        reverse("network:ask_follow_up"), {"organisation": mission_locale.pk}
    )
    assert response.status_code == 400
    active_mentorship(ines, nadia)
    response = client_for(ines).post(
        reverse("network:ask_follow_up"), {"organisation": mission_locale.pk}
    )
    assert response.status_code == 400
    assert "already have a counsellor" in response.content.decode()


def test_mentor_cannot_pre_register(nadia: User) -> None:
    response = client_for(nadia).post(
        reverse("network:ask_follow_up"), {"organisation": nadia.organisations.get().pk}
    )
    assert response.status_code == 403


# --- Private notes --------------------------------------------------------------------------------


def test_mentor_writes_a_note_the_organisation_reads(
    nadia: User, colleague: User, ines: User
) -> None:
    mentorship = active_mentorship(ines, nadia)
    url = reverse("network:mentor_youth", args=[ines.pk])
    response = client_for(nadia).post(url, {"text": "Motivée, à revoir pour le CV."})
    assert response.status_code == 302
    note = MentorNote.objects.get()
    assert note.organisation.name == "Mission Locale de Dijon"
    assert "Motivée, à revoir pour le CV." in client_for(nadia).get(url).content.decode()
    # The colleague reads it once the youth shares the follow-up, not before.
    assert client_for(colleague).get(url).status_code == 404
    actions.check_set_sharing(ines, mentorship_id=mentorship.pk, shared=True)
    assert "Motivée, à revoir pour le CV." in client_for(colleague).get(url).content.decode()


def test_other_organisations_mentor_cannot_read_the_notes(
    nadia: User, jean_marc: User, ines: User
) -> None:
    active_mentorship(ines, nadia)
    active_mentorship(ines, jean_marc)
    actions.check_add_note(nadia, youth=ines, text="Note de la Mission Locale")
    page = client_for(jean_marc).get(reverse("network:mentor_youth", args=[ines.pk]))
    assert page.status_code == 200
    assert "Note de la Mission Locale" not in page.content.decode()


def test_notes_are_never_shown_to_recruiters_youths_or_strangers(
    nadia: User, ines: User, yanis: User, sandrine: User
) -> None:
    active_mentorship(ines, nadia)
    actions.check_add_note(nadia, youth=ines, text="Note privée")
    url = reverse("network:mentor_youth", args=[ines.pk])
    assert client_for(sandrine).get(url).status_code == 403
    assert client_for(ines).get(url).status_code == 403
    assert client_for(yanis).get(url).status_code == 403
    assert client_for(sandrine).post(url, {"text": "x"}).status_code == 403
    assert (
        "Note privée"
        not in client_for(sandrine).get(reverse("skills:profile", args=[ines.pk])).content.decode()
    )


def test_mentor_cannot_write_a_note_without_following(nadia: User, ines: User) -> None:
    url = reverse("network:mentor_youth", args=[ines.pk])
    assert client_for(nadia).post(url, {"text": "Pas de consentement"}).status_code == 404
    assert not MentorNote.objects.exists()


def test_empty_note_is_refused_with_a_message(nadia: User, ines: User) -> None:
    active_mentorship(ines, nadia)
    response = client_for(nadia).post(
        reverse("network:mentor_youth", args=[ines.pk]), {"text": "   "}
    )
    assert response.status_code == 400
    assert "Write something first" in response.content.decode()


def test_notes_and_mentorships_are_in_the_youths_data_export(nadia: User, ines: User) -> None:
    active_mentorship(ines, nadia)
    actions.check_add_note(nadia, youth=ines, text="Motivée")
    data = collect_user_data(ines)
    assert data["mentor_notes"] == [
        {
            "author": "Nadia",
            "organisation": "Mission Locale de Dijon",
            "text": "Motivée",
            "created_at": data["mentor_notes"][0]["created_at"],
            "updated_at": data["mentor_notes"][0]["updated_at"],
        }
    ]
    assert data["mentorships"]["mentorships"][0]["mentor"] == "Nadia"
    assert data["mentorships"]["mentorships"][0]["status"] == "active"
    # The export holds what is about the person, not the notes about others.
    assert collect_user_data(nadia)["mentor_notes"] == []


# --- Language of what is sent ---------------------------------------------------------------------


def test_email_is_in_the_recipients_language(
    nadia: User, ines: User, django_capture_on_commit_callbacks
) -> None:
    ines.language = "en"
    ines.save()
    mentorship = actions.check_request_mentor(ines, mentor=nadia)
    with django_capture_on_commit_callbacks(execute=True):
        actions.check_answer_request(nadia, mentorship_id=mentorship.pk, accept=True)
    assert "Nadia accepted to be your mentor." in mail.outbox[-1].body
    assert mail.outbox[-1].subject.endswith("News about your mentorship")


def test_taking_a_request_closes_the_youths_other_requests(
    nadia: User, make_user, ines: User
) -> None:
    other = Organisation.objects.create(
        name="Mission Locale de Roubaix", kind=Organisation.Kind.MISSION_LOCALE
    )
    first = actions.check_create_follow_request(
        ines, organisation=nadia.organisations.get(), message=""
    )
    second = actions.check_create_follow_request(ines, organisation=other, message="")
    actions.check_take_follow_request(
        nadia,
        follow_request_id=first.pk,
        appointment=timezone.now() + datetime.timedelta(days=2),
        place="Dijon",
    )
    second.refresh_from_db()
    assert second.status == FollowRequest.Status.CLOSED


def test_shared_youth_appears_in_the_colleagues_caseload(
    nadia: User, colleague: User, ines: User
) -> None:
    mentorship = active_mentorship(ines, nadia)
    caseload_url = reverse("network:mentor_caseload")
    assert "Inès" not in client_for(colleague).get(caseload_url).content.decode()
    actions.check_set_sharing(ines, mentorship_id=mentorship.pk, shared=True)
    html = client_for(colleague).get(caseload_url).content.decode()
    assert "Inès" in html
    assert "followed with Nadia" in html
