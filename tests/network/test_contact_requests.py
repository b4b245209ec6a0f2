"""Recruiters' contact requests: a recruiter never writes to a youth directly; a minor's
mentor approves first; the youth accepts (a conversation opens) or declines; the recruiter
sees the youth anonymously until an adult accepts; the wrong person is refused at every
step."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from network import contact as actions
from network import mentorship
from network import notification_kinds_safety as kinds
from network.blocking import check_block
from network.contact_selectors import list_sent_requests
from network.models import (
    ContactRequest,
    DisplayMode,
    Message,
    Notification,
    Participant,
    Role,
    User,
    Visibility,
    YouthProfile,
)

pytestmark = pytest.mark.django_db
Status = ContactRequest.Status
MESSAGE = "Bonjour, nous recrutons des préparateurs de commandes à Lesquin."


def client_for(user: User, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def discoverable(
    youth: User, *, mode: str = DisplayMode.ANONYMOUS, visibility: str = Visibility.RECRUITERS
) -> YouthProfile:
    profile, _created = YouthProfile.objects.update_or_create(
        user=youth,
        defaults={"discoverable": True, "display_mode": mode, "visibility": visibility},
    )
    return profile


def follow(youth: User, mentor: User) -> None:
    invitation = mentorship.check_create_invitation(mentor)
    mentorship.check_answer_invitation(youth, token=invitation.token, accept=True)


def send(recruiter: User, youth: User, message: str = MESSAGE) -> ContactRequest:
    return actions.check_send_contact_request(recruiter, youth=youth, message=message)


@pytest.fixture
def other_recruiter(make_user) -> User:
    return make_user(
        "geiq@example.org",
        role=Role.RECRUITER,
        first_name="Hugo",
        age=None,
        organisation="GEIQ BTP Nord",
        organisation_kind="company",
    )


# --- An adult youth --------------------------------------------------------------------------


def test_recruiter_sends_a_request_from_the_profile_and_the_youth_is_told(
    recruiter: User, ines: User, django_capture_on_commit_callbacks
) -> None:
    discoverable(ines)
    client = client_for(recruiter)
    url = reverse("network:contact_new", args=[ines.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Inès" not in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"message": MESSAGE, "subject": "Préparateur de commandes"})
    assert response.status_code == 302
    request = ContactRequest.objects.get(recruiter=recruiter, youth=ines)
    assert request.status == Status.WAITING_FOR_YOUTH
    assert request.subject == "Préparateur de commandes"
    assert Notification.objects.filter(recipient=ines, kind=kinds.CONTACT_REQUEST_NEW).exists()
    assert [message.to for message in mail.outbox] == [[ines.email]]


def test_youth_accepts_a_conversation_opens_and_the_recruiter_then_sees_her_name(
    recruiter: User, ines: User
) -> None:
    discoverable(ines)
    request = send(recruiter, ines)
    recruiter_client = client_for(recruiter)
    listing = recruiter_client.get(reverse("network:contact_requests")).content.decode()
    assert "Inès" not in listing
    assert gettext("A young person on AcroJump") in listing

    response = client_for(ines).post(
        reverse("network:contact_answer", args=[request.pk]), {"answer": "accept"}
    )
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED
    assert request.conversation is not None
    assert response.status_code == 302
    assert response["Location"] == reverse("network:conversation", args=[request.conversation.pk])
    assert set(
        Participant.objects.filter(conversation=request.conversation).values_list(
            "user_id", flat=True
        )
    ) == {recruiter.pk, ines.pk}
    # The request is the first message of the conversation.
    first = Message.objects.get(conversation=request.conversation)
    assert (first.sender, first.text) == (recruiter, MESSAGE)
    notice = Notification.objects.get(recipient=recruiter, kind=kinds.CONTACT_REQUEST_ACCEPTED)
    assert notice.params["name"] == "Inès"
    listing = recruiter_client.get(reverse("network:contact_requests")).content.decode()
    assert "Inès" in listing
    assert reverse("network:conversation", args=[request.conversation.pk]) in listing


def test_recruiter_notifications_stay_anonymous_until_acceptance(
    recruiter: User, ines: User
) -> None:
    discoverable(ines)
    request = send(recruiter, ines)
    client_for(ines).post(
        reverse("network:contact_answer", args=[request.pk]), {"answer": "decline"}
    )
    request.refresh_from_db()
    assert request.status == Status.DECLINED
    notice = Notification.objects.get(recipient=recruiter, kind=kinds.CONTACT_REQUEST_DECLINED)
    assert "Inès" not in notice.params["name"]
    page = client_for(recruiter).get(reverse("network:contact_request", args=[request.pk]))
    assert "Inès" not in page.content.decode()


def test_a_named_adult_profile_shows_its_first_name_from_the_start(
    recruiter: User, ines: User
) -> None:
    discoverable(ines, mode=DisplayMode.NAMED)
    send(recruiter, ines)
    [row] = list_sent_requests(recruiter)
    assert row.youth_identity.name == "Inès"


def test_message_is_escaped_everywhere(recruiter: User, ines: User) -> None:
    discoverable(ines)
    request = send(recruiter, ines, "<script>alert('x')</script> Bonjour")
    for user in (recruiter, ines):
        page = client_for(user).get(reverse("network:contact_request", args=[request.pk]))
        body = page.content.decode()
        assert "<script>alert" not in body
        assert "&lt;script&gt;" in body


def test_empty_or_too_long_message_is_refused_with_400(recruiter: User, ines: User) -> None:
    discoverable(ines)
    client = client_for(recruiter)
    url = reverse("network:contact_new", args=[ines.pk])
    assert client.post(url, {"message": "   "}).status_code == 400
    assert client.post(url, {"message": "x" * 2001}).status_code == 400
    assert not ContactRequest.objects.exists()


def test_one_open_request_per_pair(recruiter: User, ines: User) -> None:
    discoverable(ines)
    send(recruiter, ines)
    response = client_for(recruiter).post(
        reverse("network:contact_new", args=[ines.pk]), {"message": MESSAGE}
    )
    assert response.status_code == 400
    assert gettext("You already sent a request to this person: wait for the answer.") in (
        response.content.decode()
    )
    assert ContactRequest.objects.count() == 1


def test_after_a_withdrawal_the_recruiter_can_ask_again(recruiter: User, ines: User) -> None:
    discoverable(ines)
    request = send(recruiter, ines)
    response = client_for(recruiter).post(reverse("network:contact_withdraw", args=[request.pk]))
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN
    assert Notification.objects.filter(
        recipient=ines, kind=kinds.CONTACT_REQUEST_WITHDRAWN
    ).exists()
    assert send(recruiter, ines).status == Status.WAITING_FOR_YOUTH


def test_answered_request_cannot_be_withdrawn_or_answered_again(
    recruiter: User, ines: User
) -> None:
    discoverable(ines)
    request = send(recruiter, ines)
    actions.check_answer_contact_request(ines, request_id=request.pk, accept=False)
    assert (
        client_for(recruiter)
        .post(reverse("network:contact_withdraw", args=[request.pk]))
        .status_code
        == 400
    )
    assert (
        client_for(ines)
        .post(reverse("network:contact_answer", args=[request.pk]), {"answer": "accept"})
        .status_code
        == 400
    )
    request.refresh_from_db()
    assert request.status == Status.DECLINED


# --- Who may send ------------------------------------------------------------------------------


def test_only_recruiters_send_requests(ines: User, nadia: User, make_user) -> None:
    other_youth = make_user("awa@example.org", first_name="Awa")
    discoverable(ines)
    for user in (nadia, other_youth):
        response = client_for(user).post(
            reverse("network:contact_new", args=[ines.pk]), {"message": MESSAGE}
        )
        assert response.status_code == 403
    assert not ContactRequest.objects.exists()


def test_youth_hidden_from_recruiters_is_404(recruiter: User, ines: User) -> None:
    YouthProfile.objects.create(user=ines, visibility=Visibility.MEMBERS, discoverable=False)
    client = client_for(recruiter)
    url = reverse("network:contact_new", args=[ines.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"message": MESSAGE}).status_code == 404
    assert not ContactRequest.objects.exists()


def test_unknown_or_non_youth_target_is_404(recruiter: User, nadia: User) -> None:
    client = client_for(recruiter)
    assert client.get(reverse("network:contact_new", args=[99999])).status_code == 404
    assert client.get(reverse("network:contact_new", args=[nadia.pk])).status_code == 404


def test_blocked_recruiter_is_refused_with_a_reason(recruiter: User, ines: User) -> None:
    discoverable(ines)
    check_block(ines, blocked_id=recruiter.pk)
    response = client_for(recruiter).post(
        reverse("network:contact_new", args=[ines.pk]), {"message": MESSAGE}
    )
    assert response.status_code == 403
    assert gettext("You cannot contact this person: one of you blocked the other.") in (
        response.content.decode()
    )
    assert not ContactRequest.objects.exists()


def test_recruiter_cannot_write_to_a_youth_directly(recruiter: User, ines: User) -> None:
    from network.relations import message_refusal

    discoverable(ines)
    assert message_refusal(recruiter, ines) is not None


# --- A minor: the mentor approves first ------------------------------------------------------


def test_minor_request_waits_for_the_mentor_who_approves(
    recruiter: User, yanis: User, nadia: User, django_capture_on_commit_callbacks
) -> None:
    discoverable(yanis, mode=DisplayMode.NAMED)
    follow(yanis, nadia)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request = send(recruiter, yanis)
    assert request.status == Status.WAITING_FOR_MENTOR
    assert Notification.objects.filter(
        recipient=nadia, kind=kinds.CONTACT_REQUEST_TO_REVIEW
    ).exists()
    assert [message.to for message in mail.outbox] == [[nadia.email]]
    # The youth does not see it yet.
    assert client_for(yanis).get(
        reverse("network:contact_request", args=[request.pk])
    ).status_code == (404)
    page = client_for(nadia).get(reverse("network:contact_requests"))
    assert f'data-contact-request="{request.pk}"' in page.content.decode()

    response = client_for(nadia).post(
        reverse("network:contact_review", args=[request.pk]),
        {"answer": "approve", "note": "Entreprise sérieuse."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.WAITING_FOR_YOUTH
    assert request.mentor == nadia
    assert Notification.objects.filter(recipient=yanis, kind=kinds.CONTACT_REQUEST_NEW).exists()

    actions.check_answer_contact_request(yanis, request_id=request.pk, accept=True)
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED
    # A minor is never named to a recruiter, even a named profile, even after acceptance.
    [row] = list_sent_requests(recruiter)
    assert row.youth_identity.anonymous
    notice = Notification.objects.get(recipient=recruiter, kind=kinds.CONTACT_REQUEST_ACCEPTED)
    assert "Yanis" not in notice.params["name"]
    assert (
        "Yanis"
        not in client_for(recruiter).get(reverse("network:contact_requests")).content.decode()
    )


def test_mentor_refuses_and_the_recruiter_is_told(
    recruiter: User, yanis: User, nadia: User
) -> None:
    discoverable(yanis)
    follow(yanis, nadia)
    request = send(recruiter, yanis)
    actions.check_review_contact_request(nadia, request_id=request.pk, approve=False, note="Non.")
    request.refresh_from_db()
    assert request.status == Status.REFUSED_BY_MENTOR
    notice = Notification.objects.get(recipient=recruiter, kind=kinds.CONTACT_REQUEST_REFUSED)
    assert "Yanis" not in notice.params["name"]
    assert not Notification.objects.filter(recipient=yanis, kind=kinds.CONTACT_REQUEST_NEW).exists()


def test_a_minor_without_a_mentor_cannot_be_contacted(recruiter: User, yanis: User) -> None:
    discoverable(yanis)
    response = client_for(recruiter).post(
        reverse("network:contact_new", args=[yanis.pk]), {"message": MESSAGE}
    )
    assert response.status_code == 403
    assert not ContactRequest.objects.exists()


def test_only_a_linked_mentor_reviews(recruiter: User, yanis: User, nadia: User, make_user) -> None:
    other_mentor = make_user(
        "jean-marc@example.org",
        role=Role.MENTOR,
        first_name="Jean-Marc",
        age=None,
        organisation="Futsal Club de Vaulx",
        organisation_kind="club",
    )
    discoverable(yanis)
    follow(yanis, nadia)
    request = send(recruiter, yanis)
    for intruder in (other_mentor, recruiter):
        response = client_for(intruder).post(
            reverse("network:contact_review", args=[request.pk]), {"answer": "approve"}
        )
        assert response.status_code == 404
    # The youth cannot skip their mentor.
    response = client_for(yanis).post(
        reverse("network:contact_answer", args=[request.pk]), {"answer": "accept"}
    )
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == Status.WAITING_FOR_MENTOR


def test_requests_are_private_to_their_people(
    recruiter: User, other_recruiter: User, ines: User, make_user
) -> None:
    discoverable(ines)
    request = send(recruiter, ines)
    other_youth = make_user("awa@example.org", first_name="Awa")
    for intruder in (other_recruiter, other_youth):
        client = client_for(intruder)
        assert client.get(reverse("network:contact_request", args=[request.pk])).status_code == 404
        assert (
            client.post(reverse("network:contact_withdraw", args=[request.pk])).status_code == 404
        )
    assert (
        client_for(other_youth)
        .post(reverse("network:contact_answer", args=[request.pk]), {"answer": "accept"})
        .status_code
        == 404
    )
    # The youth cannot withdraw on the recruiter's behalf.
    assert (
        client_for(ines).post(reverse("network:contact_withdraw", args=[request.pk])).status_code
        == 404
    )


def test_staff_without_a_role_page_gets_403(make_user) -> None:
    staff = make_user("staff@example.org", role=Role.STAFF, first_name="Léa", age=None)
    assert client_for(staff).get(reverse("network:contact_requests")).status_code == 403


def test_request_lists_use_a_constant_number_of_queries(
    recruiter: User, django_assert_max_num_queries, make_user
) -> None:
    client = client_for(recruiter)
    for number in range(3):
        youth = make_user(f"youth{number}@example.org", first_name=f"Jeune{number}")
        discoverable(youth)
        send(recruiter, youth)
    client.get(reverse("network:contact_requests"))  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as three:
        client.get(reverse("network:contact_requests"))
    for number in range(3, 6):
        youth = make_user(f"youth{number}@example.org", first_name=f"Jeune{number}")
        discoverable(youth)
        send(recruiter, youth)
    with django_assert_max_num_queries(len(three.captured_queries)):
        response = client.get(reverse("network:contact_requests"))
    assert response.content.decode().count("data-contact-request=") == 6


def test_the_mentor_of_an_adult_does_not_read_her_requests(
    recruiter: User, ines: User, nadia: User
) -> None:
    discoverable(ines)
    follow(ines, nadia)
    request = send(recruiter, ines)
    assert request.status == Status.WAITING_FOR_YOUTH
    client = client_for(nadia)
    assert client.get(reverse("network:contact_request", args=[request.pk])).status_code == 404
    assert f'data-contact-request="{request.pk}"' not in (
        client.get(reverse("network:contact_requests")).content.decode()
    )
