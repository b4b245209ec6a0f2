"""Connections: who may ask whom, answering, cancelling, removing; following organisations."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from network import notification_kinds_feed as kinds
from network.connections import (
    ConnectionRefused,
    check_answer_connection,
    check_cancel_connection_request,
    check_remove_connection,
    check_request_connection,
)
from network.models import (
    Block,
    Connection,
    Mentorship,
    Notification,
    Organisation,
    OrganisationFollow,
    User,
    Visibility,
)
from tests.skills.portfolio_helpers import set_profile

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def follow_as_mentor(mentor: User, youth: User) -> Mentorship:
    return Mentorship.objects.create(
        youth=youth,
        mentor=mentor,
        organisation=mentor.organisations.first(),
        status=Mentorship.Status.ACTIVE,
        started_at=timezone.now() - datetime.timedelta(days=30),
    )


def connect(a: User, b: User) -> Connection:
    """Connect two people through the real request and answer."""
    connection = check_request_connection(a, addressee=b)
    return check_answer_connection(b, connection_id=connection.pk, accept=True)


@pytest.fixture
def lucas(make_user) -> User:
    return make_user("lucas@example.org", first_name="Lucas", age=18, town="Dijon")


@pytest.fixture
def thomas(make_user) -> User:
    return make_user("thomas@example.org", first_name="Thomas", age=16, town="Annecy")


# --- Asking --------------------------------------------------------------------------------


def test_a_request_tells_the_other_side_live_and_by_email(
    ines, lucas, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        connection = check_request_connection(ines, addressee=lucas, message="Salut !")
    assert connection.status == Connection.Status.PENDING
    assert Notification.objects.filter(recipient=lucas, kind=kinds.CONNECTION_REQUESTED).exists()
    assert [message.to for message in mail.outbox] == [[lucas.email]]


def test_accepting_connects_both_and_tells_the_requester(ines, lucas) -> None:
    connection = connect(ines, lucas)
    assert connection.status == Connection.Status.ACCEPTED
    assert connection.responded_at is not None
    assert Notification.objects.filter(recipient=ines, kind=kinds.CONNECTION_ACCEPTED).exists()


def test_declining_deletes_the_request_so_they_can_ask_again(ines, lucas) -> None:
    connection = check_request_connection(ines, addressee=lucas)
    check_answer_connection(lucas, connection_id=connection.pk, accept=False)
    assert not Connection.objects.exists()
    check_request_connection(ines, addressee=lucas)
    assert Connection.objects.count() == 1


def test_asking_someone_who_already_asked_accepts_their_request(ines, lucas) -> None:
    first = check_request_connection(ines, addressee=lucas)
    answer = check_request_connection(lucas, addressee=ines)
    assert answer.pk == first.pk
    assert Connection.objects.get().status == Connection.Status.ACCEPTED


def test_cannot_ask_twice_or_when_already_connected(ines, lucas) -> None:
    check_request_connection(ines, addressee=lucas)
    with pytest.raises(ConnectionRefused) as pending:
        check_request_connection(ines, addressee=lucas)
    assert pending.value.status == 409
    check_answer_connection(lucas, connection_id=Connection.objects.get().pk, accept=True)
    with pytest.raises(ConnectionRefused) as connected:
        check_request_connection(lucas, addressee=ines)
    assert connected.value.status == 409


def test_cannot_connect_with_oneself(ines) -> None:
    with pytest.raises(ConnectionRefused) as refused:
        check_request_connection(ines, addressee=ines)
    assert refused.value.status == 400


@pytest.mark.parametrize("blocker_is_requester", [True, False])
def test_a_block_either_way_refuses_the_request(ines, lucas, blocker_is_requester) -> None:
    if blocker_is_requester:
        Block.objects.create(blocker=ines, blocked=lucas)
    else:
        Block.objects.create(blocker=lucas, blocked=ines)
    with pytest.raises(ConnectionRefused) as refused:
        check_request_connection(ines, addressee=lucas)
    assert refused.value.status == 403
    assert not Connection.objects.exists()


def test_an_inactive_account_cannot_be_asked(ines, lucas) -> None:
    lucas.is_active = False
    lucas.save()
    with pytest.raises(ConnectionRefused):
        check_request_connection(ines, addressee=lucas)


def test_a_recruiter_cannot_ask_a_youth_nor_a_youth_a_recruiter(ines, recruiter) -> None:
    with pytest.raises(ConnectionRefused) as refused:
        check_request_connection(recruiter, addressee=ines)
    assert refused.value.status == 403
    with pytest.raises(ConnectionRefused):
        check_request_connection(ines, addressee=recruiter)
    assert not Connection.objects.exists()


def test_an_adult_cannot_ask_a_minor(ines, yanis, nadia) -> None:
    assert yanis.is_minor and not ines.is_minor
    for adult in (ines, nadia):
        with pytest.raises(ConnectionRefused) as refused:
            check_request_connection(adult, addressee=yanis)
        assert refused.value.status == 403
    assert not Connection.objects.exists()


def test_a_mentor_may_ask_the_minor_they_follow(yanis, nadia) -> None:
    follow_as_mentor(nadia, yanis)
    connection = check_request_connection(nadia, addressee=yanis)
    assert connection.status == Connection.Status.PENDING


def test_a_minor_may_ask_youths_and_mentors(yanis, thomas, ines, nadia) -> None:
    check_request_connection(yanis, addressee=thomas)
    check_request_connection(yanis, addressee=ines)
    check_request_connection(yanis, addressee=nadia)
    assert Connection.objects.filter(requester=yanis).count() == 3


def test_new_accounts_are_rate_limited(ines, make_user, settings) -> None:
    settings.NEW_ACCOUNT_LIMITS = {"request": (1, 3600)}
    other = make_user("awa@example.org", first_name="Awa")
    third = make_user("kevin@example.org", first_name="Kevin")
    client = client_for(ines)
    ok = client.post(reverse("network:connection_request", args=[other.pk]))
    assert ok.status_code == 302
    limited = client.post(reverse("network:connection_request", args=[third.pk]))
    assert limited.status_code == 429
    assert not Connection.objects.filter(addressee=third).exists()


# --- Answering, cancelling, removing -------------------------------------------------------


def test_only_the_addressee_answers(ines, lucas, make_user) -> None:
    connection = check_request_connection(ines, addressee=lucas)
    stranger = make_user("sofia@example.org", first_name="Sofia")
    response = client_for(stranger).post(
        reverse("network:connection_answer", args=[connection.pk]), {"answer": "accept"}
    )
    assert response.status_code == 404
    response = client_for(ines).post(
        reverse("network:connection_answer", args=[connection.pk]), {"answer": "accept"}
    )
    assert response.status_code == 403
    connection.refresh_from_db()
    assert connection.status == Connection.Status.PENDING
    response = client_for(lucas).post(
        reverse("network:connection_answer", args=[connection.pk]), {"answer": "accept"}
    )
    assert response.status_code == 302
    connection.refresh_from_db()
    assert connection.status == Connection.Status.ACCEPTED


def test_only_the_requester_cancels_a_waiting_request(ines, lucas) -> None:
    connection = check_request_connection(ines, addressee=lucas)
    with pytest.raises(ConnectionRefused):
        check_cancel_connection_request(lucas, connection_id=connection.pk)
    response = client_for(ines).post(reverse("network:connection_cancel", args=[connection.pk]))
    assert response.status_code == 302
    assert not Connection.objects.exists()


def test_either_side_removes_a_connection_and_strangers_get_404(ines, lucas, make_user) -> None:
    connect(ines, lucas)
    stranger = make_user("sofia@example.org", first_name="Sofia")
    response = client_for(stranger).post(reverse("network:connection_remove", args=[ines.pk]))
    assert response.status_code == 404
    assert Connection.objects.exists()
    check_remove_connection(lucas, other_id=ines.pk)
    assert not Connection.objects.exists()


# --- Pages ---------------------------------------------------------------------------------


def test_my_network_page_lists_connections_and_requests(ines, lucas, make_user) -> None:
    connect(ines, lucas)
    awa = make_user("awa@example.org", first_name="Awa")
    kevin = make_user("kevin@example.org", first_name="Kevin")
    received = check_request_connection(awa, addressee=ines)
    sent = check_request_connection(ines, addressee=kevin)
    blocked = make_user("bad@example.org", first_name="Bad")
    check_request_connection(blocked, addressee=ines)
    Block.objects.create(blocker=ines, blocked=blocked)
    response = client_for(ines).get(reverse("network:connections"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-connected-user="{lucas.pk}"' in html
    assert f'data-connection-id="{received.pk}"' in html
    assert f'data-connection-id="{sent.pk}"' in html
    assert "Bad" not in html


def test_the_request_page_explains_a_refusal_and_a_blocked_person_is_404(
    ines, yanis, lucas
) -> None:
    client = client_for(ines)
    response = client.get(reverse("network:connection_request", args=[yanis.pk]))
    assert response.status_code == 200
    assert "<textarea" not in response.content.decode()
    response = client.post(reverse("network:connection_request", args=[yanis.pk]))
    assert response.status_code == 403
    Block.objects.create(blocker=lucas, blocked=ines)
    response = client.get(reverse("network:connection_request", args=[lucas.pk]))
    assert response.status_code == 404


def test_the_connect_button_shows_only_when_asking_is_allowed(ines, yanis, lucas) -> None:
    set_profile(lucas, visibility=Visibility.MEMBERS)
    set_profile(yanis, visibility=Visibility.MEMBERS)
    url = reverse("network:connection_request", args=[lucas.pk])
    page = client_for(ines).get(reverse("skills:profile", args=[lucas.pk]))
    assert page.status_code == 200
    assert url in page.content.decode()
    # Inès is an adult: no button on a minor's profile.
    page = client_for(ines).get(reverse("skills:profile", args=[yanis.pk]))
    assert page.status_code == 200
    assert reverse("network:connection_request", args=[yanis.pk]) not in page.content.decode()


# --- Organisations -------------------------------------------------------------------------


def test_follow_and_unfollow_an_organisation(ines) -> None:
    organisation = Organisation.objects.create(name="Restos du Cœur Roubaix", kind="association")
    client = client_for(ines)
    url = reverse("network:organisation_follow", args=[organisation.pk])
    page = client.get(url)
    assert 'data-following="false"' in page.content.decode()
    assert client.post(url, {"follow": "1"}).status_code == 302
    assert client.post(url, {"follow": "1"}).status_code == 302
    assert OrganisationFollow.objects.filter(user=ines, organisation=organisation).count() == 1
    assert 'data-following="true"' in client.get(url).content.decode()
    client.post(url, {"follow": "0"})
    assert not OrganisationFollow.objects.exists()
    assert client.get(reverse("network:organisation_follow", args=[99999])).status_code == 404
    assert (
        url in client.get(reverse("network:organisation", args=[organisation.pk])).content.decode()
    )


def test_pages_need_a_login(client) -> None:
    for name in ("network:connections", "network:feed"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
