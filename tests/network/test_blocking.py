"""Blocking: both sides disappear from each other; links between them are cut in one go;
the blocked person is not told; only the blocker lifts the block."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from network import blocking, mentorship
from network.contact import check_send_contact_request
from network.models import (
    Block,
    Connection,
    ContactRequest,
    Mentorship,
    Notification,
    Role,
    User,
    Visibility,
    YouthProfile,
)
from skills.actions.endorsements import blocked_refusal

pytestmark = pytest.mark.django_db


def client_for(user: User, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


@pytest.fixture
def awa(make_user) -> User:
    return make_user("awa@example.org", first_name="Awa", town="Montreuil")


def visible_to_members(*youths: User) -> None:
    for youth in youths:
        YouthProfile.objects.update_or_create(
            user=youth,
            defaults={"visibility": Visibility.RECRUITERS, "discoverable": True},
        )


def test_block_page_explains_then_blocks_and_lists(ines: User, awa: User) -> None:
    client = client_for(ines)
    url = reverse("network:block", args=[awa.pk])
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("network:blocked")
    assert Block.objects.filter(blocker=ines, blocked=awa).exists()
    page = client.get(reverse("network:blocked")).content.decode()
    assert f'data-blocked="{awa.pk}"' in page
    # Blocking twice keeps one block.
    assert client.post(url).status_code == 302
    assert Block.objects.count() == 1


def test_blocked_person_is_not_told(ines: User, awa: User) -> None:
    before = Notification.objects.filter(recipient=awa).count()
    blocking.check_block(ines, blocked_id=awa.pk)
    assert Notification.objects.filter(recipient=awa).count() == before


def test_block_cuts_connection_requests_and_mentorship(
    ines: User, nadia: User, recruiter: User
) -> None:
    visible_to_members(ines)
    Connection.objects.create(requester=ines, addressee=nadia, status=Connection.Status.ACCEPTED)
    invitation = mentorship.check_create_invitation(nadia)
    mentorship.check_answer_invitation(ines, token=invitation.token, accept=True)
    request = check_send_contact_request(recruiter, youth=ines, message="Bonjour")

    blocking.check_block(ines, blocked_id=nadia.pk)
    blocking.check_block(ines, blocked_id=recruiter.pk)

    assert not Connection.objects.exists()
    assert Mentorship.objects.get(youth=ines, mentor=nadia).status == Mentorship.Status.ENDED
    request.refresh_from_db()
    assert request.status == ContactRequest.Status.DECLINED
    # A block is silent: the blocked mentor is not told the follow-up ended, nor by whom.
    assert not nadia.notifications.filter(kind="mentorship_ended").exists()


def test_recruiter_who_blocks_withdraws_the_request(ines: User, recruiter: User) -> None:
    visible_to_members(ines)
    request = check_send_contact_request(recruiter, youth=ines, message="Bonjour")
    blocking.check_block(recruiter, blocked_id=ines.pk)
    request.refresh_from_db()
    assert request.status == ContactRequest.Status.WITHDRAWN


def test_pending_connection_is_deleted_whoever_asked(ines: User, awa: User) -> None:
    Connection.objects.create(requester=awa, addressee=ines)
    blocking.check_block(ines, blocked_id=awa.pk)
    assert not Connection.objects.exists()


def test_profiles_are_hidden_both_ways(ines: User, awa: User) -> None:
    visible_to_members(ines, awa)
    assert client_for(awa).get(reverse("skills:profile", args=[ines.pk])).status_code == 200
    blocking.check_block(ines, blocked_id=awa.pk)
    assert client_for(awa).get(reverse("skills:profile", args=[ines.pk])).status_code == 404
    assert client_for(ines).get(reverse("skills:profile", args=[awa.pk])).status_code == 404


def test_profile_shows_block_and_report_to_others_and_contact_to_recruiters(
    ines: User, awa: User, recruiter: User
) -> None:
    visible_to_members(ines)
    page = client_for(awa).get(reverse("skills:profile", args=[ines.pk])).content.decode()
    assert reverse("network:block", args=[ines.pk]) in page
    assert "data-report-link" in page
    assert "data-contact-button" not in page
    page = client_for(recruiter).get(reverse("skills:profile", args=[ines.pk])).content.decode()
    assert reverse("network:contact_new", args=[ines.pk]) in page
    own = client_for(ines).get(reverse("skills:my_profile")).content.decode()
    assert "data-block-link" not in own


def test_endorsement_from_a_blocked_mentor_is_refused_with_the_reason(
    ines: User, nadia: User
) -> None:
    invitation = mentorship.check_create_invitation(nadia)
    mentorship.check_answer_invitation(ines, token=invitation.token, accept=True)
    blocking.check_block(ines, blocked_id=nadia.pk)
    response = client_for(nadia).get(reverse("skills:endorse", args=[ines.pk]))
    assert response.status_code == 403
    assert escape(blocked_refusal()) in response.content.decode()


def test_cannot_block_yourself(ines: User) -> None:
    response = client_for(ines).post(reverse("network:block", args=[ines.pk]))
    assert response.status_code == 400
    assert gettext("You cannot block yourself.") in response.content.decode()
    assert not Block.objects.exists()


def test_unknown_person_is_404(ines: User) -> None:
    assert client_for(ines).post(reverse("network:block", args=[99999])).status_code == 404


def test_unblock_lifts_only_your_own_block(ines: User, awa: User) -> None:
    blocking.check_block(ines, blocked_id=awa.pk)
    # The blocked person cannot lift it.
    assert client_for(awa).post(reverse("network:unblock", args=[ines.pk])).status_code == 404
    assert Block.objects.exists()
    response = client_for(ines).post(reverse("network:unblock", args=[awa.pk]))
    assert response.status_code == 302
    assert not Block.objects.exists()
    assert client_for(ines).post(reverse("network:unblock", args=[awa.pk])).status_code == 404


def test_anonymous_visitor_logs_in_first(awa: User) -> None:
    response = Client().post(reverse("network:block", args=[awa.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Block.objects.exists()


def test_recruiter_blocks_list_keeps_an_anonymous_youth_anonymous(
    recruiter: User, ines: User
) -> None:
    visible_to_members(ines)
    blocking.check_block(recruiter, blocked_id=ines.pk)
    page = client_for(recruiter).get(reverse("network:blocked")).content.decode()
    assert f'data-blocked="{ines.pk}"' in page
    assert "Inès" not in page


def test_blocked_list_is_for_signed_in_people_of_any_role(make_user) -> None:
    staff = make_user("modo@example.org", role=Role.STAFF, first_name="Léa", age=None)
    assert client_for(staff).get(reverse("network:blocked")).status_code == 200


def test_block_and_report_pages_do_not_name_someone_hidden_from_you(ines: User, awa: User) -> None:
    YouthProfile.objects.create(user=awa, visibility=Visibility.MENTORS)
    client = client_for(ines)
    for url in (
        reverse("network:block", args=[awa.pk]),
        f"{reverse('network:report')}?type=user&id={awa.pk}",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "Awa" not in response.content.decode()
