"""Reports and the staff moderation queue: people report what they can see (404 otherwise),
once; staff hide or restore content, warn, suspend or restore accounts, dismiss; every step
is recorded and closes the report; nobody else reaches the queue."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from network import moderation
from network import notification_kinds_safety as kinds
from network.messaging import do_start_direct_conversation
from network.models import (
    Activity,
    Comment,
    Connection,
    Message,
    ModerationAction,
    Notification,
    Post,
    Report,
    Role,
    User,
    Visibility,
    YouthProfile,
)
from tests.skills.portfolio_helpers import add_achievement

pytestmark = pytest.mark.django_db
Kind = ModerationAction.Kind


def client_for(user: User, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


@pytest.fixture
def awa(make_user) -> User:
    return make_user("awa@example.org", first_name="Awa", town="Montreuil")


@pytest.fixture
def moderator(make_user) -> User:
    user = make_user("lea@example.org", role=Role.STAFF, first_name="Léa", age=None)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def connect(a: User, b: User) -> None:
    Connection.objects.create(requester=a, addressee=b, status=Connection.Status.ACCEPTED)


def make_post(author: User, text: str = "Venez au tournoi samedi !") -> Post:
    post = Post.objects.create(author=author, text=text)
    Activity.objects.create(
        actor=author, verb=Activity.Verb.POST, post=post, visibility=Visibility.MEMBERS
    )
    return post


def report_url(target_type: str, target_id: int) -> str:
    return f"{reverse('network:report')}?type={target_type}&id={target_id}"


def report(reporter: User, target_type: str, target_id: int, reason: str = "harassment") -> Report:
    found, _created = moderation.check_report(
        reporter, target_type=target_type, target_id=target_id, reason=reason
    )
    return found


# --- Reporting -----------------------------------------------------------------------------


def test_youth_reports_a_post_she_sees_once(ines: User, awa: User) -> None:
    connect(ines, awa)
    post = make_post(awa, "Message <b>méchant</b>")
    client = client_for(ines)
    assert client.get(report_url("post", post.pk)).status_code == 200
    data = {"type": "post", "id": post.pk, "reason": "harassment", "details": "Il m'insulte."}
    response = client.post(reverse("network:report"), data)
    assert response.status_code == 302
    found = Report.objects.get()
    assert (found.reporter, found.reported_user, found.excerpt) == (
        ines,
        awa,
        "Message <b>méchant</b>",
    )
    assert found.status == Report.Status.OPEN
    # Reporting again keeps one report and answers politely.
    response = client.post(reverse("network:report"), data)
    assert response.status_code == 302
    assert Report.objects.count() == 1


def test_report_redirects_only_to_this_site(ines: User, awa: User) -> None:
    response = client_for(ines).post(
        reverse("network:report"),
        {"type": "user", "id": awa.pk, "reason": "scam", "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("network:dashboard")


def test_post_the_reporter_cannot_see_is_404(ines: User, awa: User) -> None:
    post = make_post(awa)  # not connected: not in Inès's feed
    client = client_for(ines)
    assert client.get(report_url("post", post.pk)).status_code == 404
    response = client.post(
        reverse("network:report"), {"type": "post", "id": post.pk, "reason": "hate"}
    )
    assert response.status_code == 404
    assert not Report.objects.exists()


def test_comment_is_reported_through_its_activity(ines: User, awa: User, make_user) -> None:
    connect(ines, awa)
    post = make_post(ines)
    comment = Comment.objects.create(activity=post.activity, author=awa, text="Nul.")
    found = report(ines, "comment", comment.pk)
    assert (found.reported_user, found.excerpt) == (awa, "Nul.")
    stranger = make_user("kevin@example.org", first_name="Kevin")
    assert client_for(stranger).get(report_url("comment", comment.pk)).status_code == 404


def test_message_is_reported_only_by_a_participant(ines: User, awa: User, make_user) -> None:
    conversation = do_start_direct_conversation(ines, awa)
    message = Message.objects.create(
        conversation=conversation, sender=awa, client_id="c1", text="Donne-moi ton adresse."
    )
    found = report(ines, "message", message.pk, reason="danger")
    assert (found.reported_user, found.excerpt) == (awa, "Donne-moi ton adresse.")
    stranger = make_user("kevin@example.org", first_name="Kevin")
    assert client_for(stranger).get(report_url("message", message.pk)).status_code == 404


def test_achievement_is_reported_only_if_visible(ines: User, awa: User) -> None:
    YouthProfile.objects.create(user=awa, visibility=Visibility.MEMBERS)
    shown = add_achievement(awa, title="Faux diplôme", visibility=Visibility.MEMBERS)
    private = add_achievement(awa, title="Privé", visibility=Visibility.ONLY_ME)
    found = report(ines, "achievement", shown.pk, reason="false")
    assert found.reported_user == awa
    assert "Faux diplôme" in found.excerpt
    assert client_for(ines).get(report_url("achievement", private.pk)).status_code == 404


def test_people_are_reported_but_not_yourself(ines: User, awa: User) -> None:
    assert report(ines, "user", awa.pk).reported_user == awa
    client = client_for(ines)
    assert client.get(report_url("user", ines.pk)).status_code == 404
    assert client.get(report_url("user", 99999)).status_code == 404
    assert client.get(report_url("nonsense", awa.pk)).status_code == 404
    assert client.get(f"{reverse('network:report')}?type=user&id=abc").status_code == 404


def test_own_content_cannot_be_reported(ines: User) -> None:
    post = make_post(ines)
    response = client_for(ines).post(
        reverse("network:report"), {"type": "post", "id": post.pk, "reason": "other"}
    )
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_missing_reason_is_400_and_nothing_stored(ines: User, awa: User) -> None:
    response = client_for(ines).post(reverse("network:report"), {"type": "user", "id": awa.pk})
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_report_link_include_renders_the_url(rf, ines: User) -> None:
    from django.template.loader import render_to_string

    request = rf.get("/feed/")
    request.user = ines
    html = render_to_string(
        "network/safety/_report_link.html", {"type": "post", "id": 5}, request=request
    )
    assert f"{reverse('network:report')}?type=post&amp;id=5" in html


# --- The queue is for staff only ---------------------------------------------------------


@pytest.mark.parametrize(
    "url_name,args",
    [("network:moderation_queue", []), ("network:moderation_journal", [])],
)
def test_only_staff_reach_the_queue(
    url_name: str, args: list, ines: User, nadia: User, recruiter: User, moderator: User
) -> None:
    url = reverse(url_name, args=args)
    for user in (ines, nadia, recruiter):
        assert client_for(user).get(url).status_code == 403
    assert Client().get(url).status_code == 302
    assert client_for(moderator).get(url).status_code == 200


def test_others_cannot_open_or_act_on_a_report(ines: User, awa: User, nadia: User) -> None:
    found = report(ines, "user", awa.pk)
    url = reverse("network:moderation_report", args=[found.pk])
    for user in (ines, awa, nadia):
        client = client_for(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"kind": "suspend"}).status_code == 403
    awa.refresh_from_db()
    assert awa.is_active
    assert not ModerationAction.objects.exists()


def test_staff_role_without_admin_flag_moderates(make_user, ines: User, awa: User) -> None:
    staff = make_user("team@example.org", role=Role.STAFF, first_name="Sam", age=None)
    assert client_for(staff).get(reverse("network:moderation_queue")).status_code == 200


def test_queue_lists_open_reports_in_constant_queries(
    moderator: User, ines: User, awa: User, make_user, django_assert_max_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(moderator)
    report(ines, "user", awa.pk)
    client.get(reverse("network:moderation_queue"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("network:moderation_queue"))
    for number in range(4):
        reporter = make_user(f"r{number}@example.org", first_name=f"R{number}")
        report(reporter, "user", awa.pk, reason="danger" if number == 2 else "scam")
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("network:moderation_queue"))
    assert response.content.decode().count("data-report=") == 5


# --- Actions ---------------------------------------------------------------------------------


def test_hide_a_post_then_restore_it(moderator: User, ines: User, awa: User) -> None:
    connect(ines, awa)
    post = make_post(awa)
    found = report(ines, "post", post.pk)
    client = client_for(moderator)
    url = reverse("network:moderation_report", args=[found.pk])
    page = client.get(url).content.decode()
    assert "data-excerpt" in page
    assert client.post(url, {"kind": "hide", "note": "Insultes."}).status_code == 302
    post.refresh_from_db()
    assert post.hidden_at is not None
    assert Activity.objects.get(post=post).hidden_at is not None
    found.refresh_from_db()
    assert found.status == Report.Status.HANDLED
    action = ModerationAction.objects.get()
    assert (action.moderator, action.kind, action.target_user, action.note) == (
        moderator,
        Kind.HIDE,
        awa,
        "Insultes.",
    )
    assert Notification.objects.filter(recipient=ines, kind=kinds.REPORT_HANDLED).exists()
    # Once hidden, it can no longer be reported.
    assert client_for(ines).get(report_url("post", post.pk)).status_code == 404
    # Hiding twice is refused; restoring puts it back.
    assert client.post(url, {"kind": "hide"}).status_code == 400
    assert client.post(url, {"kind": "restore_content"}).status_code == 302
    post.refresh_from_db()
    assert post.hidden_at is None
    assert Activity.objects.get(post=post).hidden_at is None


def test_hide_a_message_and_a_comment(moderator: User, ines: User, awa: User) -> None:
    conversation = do_start_direct_conversation(ines, awa)
    message = Message.objects.create(conversation=conversation, sender=awa, client_id="x", text="…")
    connect(ines, awa)
    comment = Comment.objects.create(activity=make_post(ines).activity, author=awa, text="Bof")
    for target_type, target in (("message", message), ("comment", comment)):
        found = report(ines, target_type, target.pk)
        moderation.check_moderate(moderator, report_id=found.pk, kind=Kind.HIDE)
        target.refresh_from_db()
        assert target.hidden_at is not None


def test_hide_an_achievement_keeps_its_visibility_to_restore(
    moderator: User, ines: User, awa: User
) -> None:
    YouthProfile.objects.create(user=awa, visibility=Visibility.MEMBERS)
    achievement = add_achievement(awa, title="Faux", visibility=Visibility.MEMBERS)
    found = report(ines, "achievement", achievement.pk)
    action = moderation.check_moderate(moderator, report_id=found.pk, kind=Kind.HIDE)
    achievement.refresh_from_db()
    assert achievement.visibility == Visibility.ONLY_ME
    assert action.previous_state["visibility"] == Visibility.MEMBERS
    moderation.check_moderate(moderator, report_id=found.pk, kind=Kind.RESTORE_CONTENT)
    achievement.refresh_from_db()
    assert achievement.visibility == Visibility.MEMBERS


def test_warn_tells_the_person_with_the_note(moderator: User, ines: User, awa: User) -> None:
    found = report(ines, "user", awa.pk)
    client = client_for(moderator)
    url = reverse("network:moderation_report", args=[found.pk])
    assert client.post(url, {"kind": "warn", "note": ""}).status_code == 400
    assert client.post(url, {"kind": "warn", "note": "Reste polie."}).status_code == 302
    notice = Notification.objects.get(recipient=awa, kind=kinds.MODERATION_WARNING)
    assert notice.params["note"] == "Reste polie."


def test_suspend_logs_the_person_out_and_restore_brings_them_back(
    moderator: User, ines: User, awa: User
) -> None:
    awa_client = client_for(awa)
    assert awa_client.get(reverse("network:dashboard")).status_code == 200
    assert Session.objects.count() == 1
    found = report(ines, "user", awa.pk, reason="scam")
    response = client_for(moderator).post(
        reverse("network:moderation_report", args=[found.pk]), {"kind": "suspend"}
    )
    assert response.status_code == 302
    awa.refresh_from_db()
    assert not awa.is_active
    # Awa's session is gone (the moderator's stays).
    assert awa_client.get(reverse("network:dashboard")).status_code == 302
    moderation.check_moderate(moderator, report_id=found.pk, kind=Kind.RESTORE_ACCOUNT)
    awa.refresh_from_db()
    assert awa.is_active
    assert list(ModerationAction.objects.order_by("id").values_list("kind", flat=True)) == [
        Kind.SUSPEND,
        Kind.RESTORE_ACCOUNT,
    ]


def test_staff_cannot_be_suspended(moderator: User, make_user, ines: User) -> None:
    other = make_user("sam@example.org", role=Role.STAFF, first_name="Sam", age=None)
    found = report(ines, "user", other.pk)
    with pytest.raises(moderation.ModerationError):
        moderation.check_moderate(moderator, report_id=found.pk, kind=Kind.SUSPEND)
    other.refresh_from_db()
    assert other.is_active


def test_dismiss_closes_and_a_handled_report_is_not_acted_on_again(
    moderator: User, ines: User, awa: User
) -> None:
    found = report(ines, "user", awa.pk)
    client = client_for(moderator)
    url = reverse("network:moderation_report", args=[found.pk])
    assert client.post(url, {"kind": "dismiss"}).status_code == 302
    found.refresh_from_db()
    assert found.status == Report.Status.DISMISSED
    assert client.post(url, {"kind": "suspend"}).status_code == 400
    awa.refresh_from_db()
    assert awa.is_active
    assert (
        f'data-report="{found.pk}"'
        not in client.get(reverse("network:moderation_queue")).content.decode()
    )


def test_report_page_shows_the_history_and_the_journal_lists_who_did_what(
    moderator: User, ines: User, awa: User, make_user
) -> None:
    first = report(ines, "user", awa.pk)
    moderation.check_moderate(moderator, report_id=first.pk, kind=Kind.WARN, note="Attention.")
    other = make_user("kevin@example.org", first_name="Kevin")
    second = report(other, "user", awa.pk)
    client = client_for(moderator)
    page = client.get(reverse("network:moderation_report", args=[second.pk])).content.decode()
    action = ModerationAction.objects.get()
    assert f'data-history-action="{action.pk}"' in page
    assert f'data-history-report="{first.pk}"' in page
    journal = client.get(reverse("network:moderation_journal")).content.decode()
    assert f'data-action="{action.pk}"' in journal
    assert "Attention." in journal


def test_unknown_report_is_404_for_staff(moderator: User) -> None:
    url = reverse("network:moderation_report", args=[99999])
    assert client_for(moderator).get(url).status_code == 404


def test_a_reported_person_who_was_hidden_still_shows_to_staff(
    moderator: User, ines: User, awa: User
) -> None:
    connect(ines, awa)
    post = make_post(awa)
    found = report(ines, "post", post.pk)
    Post.objects.filter(pk=post.pk).update(hidden_at=timezone.now())
    page = client_for(moderator).get(reverse("network:moderation_report", args=[found.pk]))
    assert page.status_code == 200
    assert "data-current" in page.content.decode()
