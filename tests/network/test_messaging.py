"""Messaging over HTTP and through the actions: who may write to whom, idempotent sends,
read receipts, unread counts, history, attachments and the pages without JavaScript."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext
from PIL import Image
from pypdf import PdfWriter

from network import mentorship as mentorship_actions
from network import messaging as actions
from network import messaging_selectors as selectors
from network.models import Block, Connection, Conversation, Message, Participant, Role, User

pytestmark = pytest.mark.django_db


# --- Helpers (also used by the websocket tests) -------------------------------------------------


def connect(a: User, b: User) -> Connection:
    return Connection.objects.create(requester=a, addressee=b, status=Connection.Status.ACCEPTED)


def active_mentorship(youth: User, mentor: User) -> None:
    invitation = mentorship_actions.check_create_invitation(mentor)
    assert mentorship_actions.check_answer_invitation(youth, token=invitation.token, accept=True)


def client_id() -> str:
    return uuid.uuid4().hex


def send(sender: User, conversation: Conversation, text: str = "Salut", **kwargs) -> Message:
    with transaction.atomic():
        message, _created = actions.check_send_message(
            sender,
            conversation_id=conversation.pk,
            client_id=kwargs.pop("client_id", client_id()),
            text=text,
            **kwargs,
        )
    return message


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def png_bytes() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (20, 20), (200, 30, 30)).save(output, format="PNG")
    return output.getvalue()


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


@pytest.fixture
def pair(ines: User, make_user) -> tuple[User, User, Conversation]:
    """Inès and Karim, connected, with their conversation."""
    karim = make_user("karim@example.org", first_name="Karim", age=22)
    connect(ines, karim)
    conversation = actions.check_start_conversation(ines, recipients=[karim])
    return ines, karim, conversation


# --- Starting conversations -----------------------------------------------------------------


def test_direct_conversation_is_one_per_pair_whoever_starts(pair) -> None:
    ines, karim, conversation = pair
    again = actions.check_start_conversation(karim, recipients=[ines])
    assert again.pk == conversation.pk
    assert conversation.direct_key == f"{min(ines.pk, karim.pk)}:{max(ines.pk, karim.pk)}"
    assert set(conversation.participants.values_list("user_id", flat=True)) == {
        ines.pk,
        karim.pk,
    }
    assert actions.do_start_direct_conversation(ines, karim).pk == conversation.pk


def test_stranger_adult_cannot_write_to_a_minor(yanis: User, make_user) -> None:
    stranger = make_user("adulte@example.org", first_name="Marc", age=30)
    with pytest.raises(actions.MessagingRefused) as refused:
        actions.check_start_conversation(stranger, recipients=[yanis])
    assert refused.value.messages
    assert not Conversation.objects.exists()


def test_recruiter_cannot_write_to_a_youth(recruiter: User, ines: User) -> None:
    with pytest.raises(actions.MessagingRefused):
        actions.check_start_conversation(recruiter, recipients=[ines])


def test_blocked_person_cannot_be_written_to(ines: User, make_user) -> None:
    karim = make_user("karim@example.org", first_name="Karim", age=22)
    connect(ines, karim)
    Block.objects.create(blocker=karim, blocked=ines)
    with pytest.raises(actions.MessagingRefused) as refused:
        actions.check_start_conversation(ines, recipients=[karim])
    assert refused.value.messages == [
        gettext("You cannot write to this person: one of you blocked the other.")
    ]


def test_mentor_and_her_minor_youth_may_write(yanis: User, nadia: User) -> None:
    active_mentorship(yanis, nadia)
    conversation = actions.check_start_conversation(nadia, recipients=[yanis])
    assert conversation.kind == Conversation.Kind.DIRECT


def test_group_with_a_minor_refuses_an_adult_not_linked_to_them(
    yanis: User, nadia: User, make_user
) -> None:
    active_mentorship(yanis, nadia)
    adult = make_user("adulte@example.org", first_name="Marc", age=30)
    connect(nadia, adult)
    with pytest.raises(actions.MessagingRefused):
        actions.check_start_conversation(nadia, recipients=[yanis, adult])
    assert not Conversation.objects.exists()


def test_group_gets_a_default_name_and_everyone_in_it(ines: User, make_user) -> None:
    karim = make_user("karim@example.org", first_name="Karim", age=22)
    lea = make_user("lea@example.org", first_name="Léa", age=20)
    connect(ines, karim)
    connect(ines, lea)
    group = actions.check_start_conversation(ines, recipients=[karim, lea])
    assert group.kind == Conversation.Kind.GROUP
    assert "Karim" in group.title and "Léa" in group.title
    assert group.participants.count() == 3


def test_group_is_at_most_eight_people(ines: User, make_user) -> None:
    people = [make_user(f"p{n}@example.org", first_name=f"P{n}", age=20) for n in range(8)]
    for person in people:
        connect(ines, person)
    with pytest.raises(ValidationError):
        actions.check_start_conversation(ines, recipients=people)


def test_start_page_lists_only_people_one_may_write_to(ines: User, make_user) -> None:
    karim = make_user("karim@example.org", first_name="Karim", age=22)
    make_user("stranger@example.org", first_name="Inconnu", age=22)
    connect(ines, karim)
    response = logged_in(ines).get(reverse("network:conversation_start") + f"?to={karim.pk}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Karim" in html and "Inconnu" not in html
    assert f'value="{karim.pk}" ' in html and "checked" in html


def test_start_page_post_opens_the_conversation(ines: User, make_user) -> None:
    karim = make_user("karim@example.org", first_name="Karim", age=22)
    connect(ines, karim)
    response = logged_in(ines).post(
        reverse("network:conversation_start"), {"recipients": [karim.pk]}
    )
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("network:conversation", args=[conversation.pk])


# --- Sending --------------------------------------------------------------------------------


def test_same_client_id_twice_stores_one_message(pair) -> None:
    ines, _karim, conversation = pair
    with transaction.atomic():
        first, created = actions.check_send_message(
            ines, conversation_id=conversation.pk, client_id="abc-123", text="Coucou"
        )
    with transaction.atomic():
        second, created_again = actions.check_send_message(
            ines, conversation_id=conversation.pk, client_id="abc-123", text="Coucou"
        )
    assert created and not created_again
    assert first.pk == second.pk
    assert Message.objects.count() == 1


def test_retry_over_http_of_a_stored_message_answers_the_same_id(pair) -> None:
    ines, _karim, conversation = pair
    client = logged_in(ines)
    url = reverse("network:message_send", args=[conversation.pk])
    data = {"client_id": "retry-1", "text": "Bonjour"}
    first = client.post(url, data, HTTP_ACCEPT="application/json")
    second = client.post(url, data, HTTP_ACCEPT="application/json")
    assert first.status_code == second.status_code == 200
    assert first.json()["message"]["id"] == second.json()["message"]["id"]
    assert Message.objects.count() == 1


def test_message_is_stored_before_it_is_pushed(pair, django_capture_on_commit_callbacks) -> None:
    ines, _karim, conversation = pair
    with django_capture_on_commit_callbacks() as callbacks:
        message = send(ines, conversation, "Stocké d'abord")
    assert Message.objects.filter(pk=message.pk).exists()
    assert callbacks, "the push waits for the commit"


def test_sending_moves_the_conversation_and_the_sender_read_marker(pair) -> None:
    ines, karim, conversation = pair
    message = send(ines, conversation)
    conversation.refresh_from_db()
    assert conversation.last_message_id == message.pk
    assert Participant.objects.get(conversation=conversation, user=ines).last_read_message_id == (
        message.pk
    )
    assert selectors.unread_total(karim) == 1
    assert selectors.unread_total(ines) == 0


@pytest.mark.parametrize("bad_id", ["", "a" * 65, "pas bon!", "<script>"])
def test_client_id_must_be_short_and_plain(pair, bad_id: str) -> None:
    ines, _karim, conversation = pair
    with pytest.raises(ValidationError):
        send(ines, conversation, client_id=bad_id)


def test_empty_and_too_long_messages_are_refused_with_400(pair) -> None:
    ines, _karim, conversation = pair
    client = logged_in(ines)
    url = reverse("network:message_send", args=[conversation.pk])
    empty = client.post(url, {"client_id": client_id(), "text": "   "})
    too_long = client.post(url, {"client_id": client_id(), "text": "a" * 4001})
    assert empty.status_code == too_long.status_code == 400
    assert "4001" in too_long.content.decode()
    as_json = client.post(
        url, {"client_id": client_id(), "text": "a" * 4001}, HTTP_ACCEPT="application/json"
    )
    assert as_json.status_code == 400 and as_json.json()["code"] == "invalid"
    assert not Message.objects.exists()


def test_form_without_javascript_posts_and_redirects(pair) -> None:
    ines, karim, conversation = pair
    client = logged_in(ines)
    page = client.get(reverse("network:conversation", args=[conversation.pk]))
    html = page.content.decode()
    assert 'name="client_id"' in html
    form_client_id = page.context["form"]["client_id"].value()
    assert form_client_id
    response = client.post(
        reverse("network:message_send", args=[conversation.pk]),
        {"client_id": form_client_id, "text": "Sans JavaScript"},
    )
    assert response.status_code == 302
    assert Message.objects.get().text == "Sans JavaScript"
    seen_by_karim = logged_in(karim).get(reverse("network:conversation", args=[conversation.pk]))
    assert "Sans JavaScript" in seen_by_karim.content.decode()


def test_html_in_a_message_is_escaped(pair) -> None:
    ines, karim, conversation = pair
    send(ines, conversation, "<script>alert('x')</script>")
    html = logged_in(karim).get(reverse("network:conversation", args=[conversation.pk]))
    body = html.content.decode()
    assert "<script>alert(" not in body
    assert "&lt;script&gt;alert(" in body


def test_blocked_after_the_conversation_started_refuses_sending_with_403(pair) -> None:
    ines, karim, conversation = pair
    earlier = send(karim, conversation, "Avant le blocage")
    Block.objects.create(blocker=karim, blocked=ines)
    with pytest.raises(actions.MessagingRefused):
        send(ines, conversation)
    client = logged_in(ines)
    url = reverse("network:message_send", args=[conversation.pk])
    as_json = client.post(
        url, {"client_id": client_id(), "text": "Tu es là ?"}, HTTP_ACCEPT="application/json"
    )
    assert as_json.status_code == 403
    assert as_json.json() == {
        "error": gettext("You cannot write to this person: one of you blocked the other."),
        "code": "refused",
    }
    page = client.post(url, {"client_id": client_id(), "text": "Tu es là ?"})
    assert page.status_code == 403
    assert Message.objects.get() == earlier
    # Karim's side of the conversation is gone from Inès's page too.
    shown = client.get(reverse("network:conversation", args=[conversation.pk]))
    assert "Avant le blocage" not in shown.content.decode()


def test_writing_to_a_suspended_account_is_refused_with_a_reason(pair) -> None:
    ines, karim, conversation = pair
    User.objects.filter(pk=karim.pk).update(is_active=False)
    response = logged_in(ines).post(
        reverse("network:message_send", args=[conversation.pk]),
        {"client_id": client_id(), "text": "Tu es là ?"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "refused"
    assert response.json()["error"] == gettext("This account is no longer active.")


def test_conversation_of_others_is_404(pair, make_user) -> None:
    _ines, _karim, conversation = pair
    outsider = make_user("outsider@example.org", first_name="Zoé", age=25)
    client = logged_in(outsider)
    assert client.get(reverse("network:conversation", args=[conversation.pk])).status_code == 404
    post = client.post(
        reverse("network:message_send", args=[conversation.pk]),
        {"client_id": client_id(), "text": "Intrus"},
    )
    assert post.status_code == 404
    read = client.post(reverse("network:conversation_read", args=[conversation.pk]))
    assert read.status_code == 404
    assert not Message.objects.exists()


def test_new_account_over_its_limit_gets_429(pair, settings) -> None:
    settings.NEW_ACCOUNT_LIMITS = {"message": (2, 3600)}
    ines, _karim, conversation = pair
    client = logged_in(ines)
    url = reverse("network:message_send", args=[conversation.pk])
    statuses = [
        client.post(url, {"client_id": f"n{n}", "text": "Spam ?"}).status_code for n in range(3)
    ]
    assert statuses == [302, 302, 429]
    # A retry of a stored message is not a new message: never limited.
    assert client.post(url, {"client_id": "n0", "text": "Spam ?"}).status_code == 302
    assert Message.objects.count() == 2


# --- Groups and blocks ----------------------------------------------------------------------


def test_in_a_group_blocked_members_do_not_see_each_other(ines: User, make_user) -> None:
    karim = make_user("karim@example.org", first_name="Karim", age=22)
    lea = make_user("lea@example.org", first_name="Léa", age=20)
    connect(ines, karim)
    connect(ines, lea)
    group = actions.check_start_conversation(ines, recipients=[karim, lea])
    Block.objects.create(blocker=lea, blocked=karim)
    from_karim = send(karim, group, "De Karim")
    from_ines = send(ines, group, "De Inès")
    seen_by_lea = [m.pk for m in selectors.messages_page(lea, group).messages]
    assert seen_by_lea == [from_ines.pk]
    members = selectors.access_members(karim, group.pk)
    blocked = actions._blocked_among(karim, members.others)  # noqa: SLF001
    assert set(actions.live_audience(karim, members, blocked)) == {karim.pk, ines.pk}
    assert selectors.unread_total(lea) == 1
    assert from_karim.pk in [m.pk for m in selectors.messages_page(ines, group).messages]


# --- Reading, history, catch-up -------------------------------------------------------------


def test_read_marker_moves_forward_only(pair) -> None:
    ines, karim, conversation = pair
    first = send(ines, conversation, "Un")
    second = send(ines, conversation, "Deux")
    assert selectors.unread_total(karim) == 2
    with transaction.atomic():
        actions.check_mark_read(karim, conversation_id=conversation.pk, up_to_message_id=second.pk)
    with transaction.atomic():
        actions.check_mark_read(karim, conversation_id=conversation.pk, up_to_message_id=first.pk)
    participant = Participant.objects.get(conversation=conversation, user=karim)
    assert participant.last_read_message_id == second.pk
    assert selectors.unread_total(karim) == 0


def test_read_marker_cannot_jump_beyond_the_newest_message(pair) -> None:
    ines, karim, conversation = pair
    message = send(ines, conversation)
    with transaction.atomic():
        actions.check_mark_read(karim, conversation_id=conversation.pk, up_to_message_id=10**9)
    assert Participant.objects.get(conversation=conversation, user=karim).last_read_message_id == (
        message.pk
    )


def test_conversation_page_shows_seen_once_the_other_read(pair) -> None:
    ines, karim, conversation = pair
    message = send(ines, conversation, "Tu as vu ?")
    url = reverse("network:conversation", args=[conversation.pk])
    before = logged_in(ines).get(url)
    assert before.context["seen_message_id"] is None
    logged_in(karim).get(url)  # opening it is reading it
    after = logged_in(ines).get(url)
    assert after.context["seen_message_id"] == message.pk
    assert gettext("Seen") in after.content.decode()


def test_history_pages_by_id_with_an_older_link(pair) -> None:
    ines, karim, conversation = pair
    messages = [send(ines, conversation, f"Message {n}") for n in range(35)]
    client = logged_in(karim)
    url = reverse("network:conversation", args=[conversation.pk])
    newest = client.get(url)
    shown = [m.pk for m in newest.context["page"].messages]
    assert shown == [m.pk for m in messages[5:]]
    assert newest.context["page"].has_older
    assert f"?before={messages[5].pk}" in newest.content.decode()
    older = client.get(url, {"before": messages[5].pk})
    assert [m.pk for m in older.context["page"].messages] == [m.pk for m in messages[:5]]
    assert not older.context["page"].has_older


def test_since_returns_each_missed_message_once_in_all_conversations(pair, make_user) -> None:
    ines, karim, conversation = pair
    lea = make_user("lea@example.org", first_name="Léa", age=20)
    connect(karim, lea)
    other = actions.check_start_conversation(lea, recipients=[karim])
    seen = send(ines, conversation, "Déjà vu")
    missed = [send(ines, conversation, "Raté 1"), send(lea, other, "Raté 2")]
    response = logged_in(karim).get(reverse("network:messages_since"), {"after": seen.pk})
    body = response.json()
    assert [m["id"] for m in body["messages"]] == [m.pk for m in missed]
    assert body["unread_count"] == 3
    outsider = make_user("outsider@example.org", first_name="Zoé", age=25)
    assert (
        logged_in(outsider).get(reverse("network:messages_since"), {"after": 0}).json()["messages"]
        == []
    )


def test_since_needs_a_number(pair) -> None:
    response = logged_in(pair[0]).get(reverse("network:messages_since"), {"after": "x"})
    assert response.status_code == 400


def test_deleted_sender_is_shown_as_a_deleted_account(pair) -> None:
    ines, karim, conversation = pair
    message = send(karim, conversation, "Au revoir")
    Message.objects.filter(pk=message.pk).update(sender=None)
    response = logged_in(ines).get(reverse("network:conversation", args=[conversation.pk]))
    assert gettext("Deleted account") in response.content.decode()
    since = logged_in(ines).get(reverse("network:messages_since"), {"after": 0}).json()
    assert since["messages"][0]["sender_name"] == gettext("Deleted account")


def test_hidden_messages_are_left_out(pair) -> None:
    ines, karim, conversation = pair
    message = send(ines, conversation, "Caché par la modération")
    Message.objects.filter(pk=message.pk).update(hidden_at="2026-01-01T00:00:00Z")
    assert selectors.messages_page(karim, conversation).messages == []
    assert selectors.unread_total(karim) == 0


def test_nav_shows_the_unread_messages_count(pair) -> None:
    ines, karim, conversation = pair
    send(ines, conversation)
    send(ines, conversation)
    html = logged_in(karim).get(reverse("network:messages")).content.decode()
    assert f'data-unread-messages data-user-id="{karim.pk}">2<' in html


# --- The conversation list ------------------------------------------------------------------


def test_conversation_list_costs_the_same_queries_for_1_or_5(
    ines: User, make_user, django_assert_num_queries
) -> None:
    friends = [make_user(f"f{n}@example.org", first_name=f"Ami{n}", age=20) for n in range(5)]
    for friend in friends:
        connect(ines, friend)
    first = actions.check_start_conversation(friends[0], recipients=[ines])
    send(friends[0], first, "Premier")
    client = logged_in(ines)
    url = reverse("network:messages")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert response.status_code == 200
    for friend in friends[1:]:
        conversation = actions.check_start_conversation(friend, recipients=[ines])
        send(friend, conversation, f"Salut de {friend.first_name}")
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    html = response.content.decode()
    assert html.count("data-conversation-id=") == 5
    assert "Salut de Ami4" in html
    rows = {c.pk: c for c in response.context["conversations"]}
    assert rows[first.pk].unread == 1


def test_conversation_list_hides_a_blocked_person(pair) -> None:
    ines, karim, conversation = pair
    send(karim, conversation, "Coucou")
    Block.objects.create(blocker=ines, blocked=karim)
    assert selectors.conversations_for(ines) == []
    assert selectors.conversations_for(karim) == []
    assert selectors.unread_total(ines) == 0


# --- Attachments ----------------------------------------------------------------------------


def post_file(client: Client, conversation: Conversation, name: str, content: bytes, kind: str):
    return client.post(
        reverse("network:message_send", args=[conversation.pk]),
        {
            "client_id": client_id(),
            "text": "",
            "attachment": SimpleUploadedFile(name, content, content_type=kind),
        },
    )


def test_image_and_pdf_attachments_are_kept_and_served_to_participants_only(
    pair, make_user
) -> None:
    ines, karim, conversation = pair
    client = logged_in(ines)
    assert post_file(client, conversation, "photo.png", png_bytes(), "image/png").status_code == 302
    assert post_file(
        client, conversation, "cv.pdf", pdf_bytes(), "application/pdf"
    ).status_code == (302)
    image, pdf = Message.objects.order_by("id")
    assert image.attachment_type == "image/png" and image.attachment_name == "photo.png"
    assert pdf.attachment_type == "application/pdf"
    url = reverse("network:message_attachment", args=[pdf.pk])
    served = logged_in(karim).get(url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"%PDF-")
    outsider = make_user("outsider@example.org", first_name="Zoé", age=25)
    assert logged_in(outsider).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login page


def test_fake_pdf_is_refused_with_400(pair) -> None:
    ines, _karim, conversation = pair
    response = post_file(
        logged_in(ines), conversation, "cv.pdf", b"MZ this is not a pdf", "application/pdf"
    )
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_oversized_file_is_refused_with_400(pair) -> None:
    ines, _karim, conversation = pair
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 10)
    response = post_file(logged_in(ines), conversation, "gros.pdf", big, "application/pdf")
    assert response.status_code == 400
    assert not Message.objects.exists()


def test_recruiter_role_sees_minors_anonymously(nadia: User, yanis: User) -> None:
    # The name helper never names a minor to a recruiter.
    assert selectors.shown_name(yanis, for_recruiter=True) != yanis.display_name
    assert selectors.shown_name(nadia, for_recruiter=True) == nadia.display_name
    assert yanis.role == Role.YOUTH


def test_mentor_finds_her_youth_among_the_people_she_may_write_to(
    nadia: User, yanis: User, make_user
) -> None:
    active_mentorship(yanis, nadia)
    make_user("other@example.org", first_name="Autre", age=16)
    assert list(selectors.message_candidates(nadia)) == [yanis]
    assert list(selectors.message_candidates(yanis)) == [nadia]


def test_start_page_says_why_one_cannot_write_to_someone(yanis: User, make_user) -> None:
    stranger = make_user("adulte@example.org", first_name="Marc", age=30)
    response = logged_in(stranger).get(reverse("network:conversation_start") + f"?to={yanis.pk}")
    assert response.status_code == 200
    assert response.context["refusal"] == gettext(
        "To protect people under 18, only their connections and mentors can write to them."
    )
    forged = logged_in(stranger).post(
        reverse("network:conversation_start"), {"recipients": [yanis.pk]}
    )
    assert forged.status_code == 400  # not among the choices
    assert not Conversation.objects.exists()
