"""Deleting one's own account, across every app: the database (every foreign key to the user
in every installed app), the private file store, the search-index hook, and what stays for
the other side (messages, shown as from a deleted account)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from network import account_deletion
from network.actions import do_notify
from network.mentorship import check_add_note
from network.models import (
    Activity,
    Block,
    Bravo,
    Comment,
    Connection,
    ContactRequest,
    Conversation,
    Membership,
    MentorNote,
    Mentorship,
    Message,
    Organisation,
    OrganisationFollow,
    Participant,
    Post,
    Report,
    Role,
    User,
    Visibility,
)
from skills.actions.endorsements import EndorsementDetails, check_endorse_skill
from skills.actions.files import check_add_document, check_add_evidence_file
from skills.export import collect_user_data
from skills.models import Endorsement, SkillLevel
from skills.storage import private_storage
from tests.factories import PASSWORD
from tests.skills.portfolio_helpers import (
    add_achievement,
    add_experience,
    jpeg_bytes,
    make_concept,
    pdf_bytes,
    png_bytes,
    set_profile,
)

pytestmark = pytest.mark.django_db

DELETE_URL = "/mes-donnees/supprimer/"
MY_DATA_URL = "/mes-donnees/"
DETAILS = EndorsementDetails(
    relationship="counsellor",
    context="Atelier CV à la Mission Locale, mars 2025",
    observed="Elle a animé le tri des dons avec calme.",
    level_seen=SkillLevel.ALONE,
)


@dataclass
class RichAccount:
    """A youth who used every part of AcroJump, and the people around her."""

    youth: User
    mentor: User
    friend: User
    recruiter: User
    files: list[str] = field(default_factory=list)
    kept_files: list[str] = field(default_factory=list)
    direct: Conversation | None = None
    group: Conversation | None = None


def _conversation(kind: str, people: list[User], *, title: str = "") -> Conversation:
    conversation = Conversation.objects.create(kind=kind, title=title, created_by=people[0])
    if kind == Conversation.Kind.DIRECT:
        low, high = sorted(person.pk for person in people)
        conversation.direct_key = f"{low}:{high}"
        conversation.save(update_fields=["direct_key"])
    for person in people:
        Participant.objects.create(conversation=conversation, user=person)
    return conversation


def _message(conversation: Conversation, sender: User, text: str, **fields: object) -> Message:
    message = Message(conversation=conversation, sender=sender, client_id=f"c-{text}", text=text)
    attachment = fields.pop("attachment", None)
    if attachment is not None:
        message.attachment.save("notes.pdf", ContentFile(attachment), save=False)
        message.attachment_name = "notes.pdf"
        message.attachment_type = "application/pdf"
    message.save()
    return message


def build_rich_account(make_user, ines: User, nadia: User, recruiter: User) -> RichAccount:
    """Ines (19) with a portfolio and evidence files, followed and endorsed by Nadia who
    writes notes about her, and with connections, posts, messages, requests, a block and a
    report. Portfolio and mentorship go through the real actions; the network rows are
    made directly (their actions belong to other parts of the app)."""
    yanis = make_user("yanis@example.org", first_name="Yanis", age=17)
    leila = make_user("leila@example.org", first_name="Leïla", age=20)
    account = RichAccount(youth=ines, mentor=nadia, friend=leila, recruiter=recruiter)
    sorting = make_concept("Trier des dons", "Sort donations")
    set_profile(ines, visibility=Visibility.MEMBERS, headline="Bénévole INES-PROFILE")
    experience = add_experience(ines, concepts=(sorting,), visibility=Visibility.MEMBERS)
    achievement = add_achievement(ines, concepts=(sorting,), experience=experience)
    evidence = check_add_evidence_file(
        ines,
        achievement=achievement,
        upload=SimpleUploadedFile("photo.jpg", jpeg_bytes(), content_type="image/jpeg"),
        caption="La collecte",
    )
    document = check_add_document(
        ines,
        title="Mon CV",
        upload=SimpleUploadedFile("cv.pdf", pdf_bytes(), content_type="application/pdf"),
    )
    account.files += [evidence.file.name, document.file.name]

    # Nadia follows Ines, writes notes about her and endorses her skill.
    Mentorship.objects.create(
        youth=ines,
        mentor=nadia,
        organisation=nadia.organisations.first(),
        status=Mentorship.Status.ACTIVE,
        started_at=timezone.now() - datetime.timedelta(days=60),
    )
    check_add_note(nadia, youth=ines, text="INES-NOTE motivée, cherche la logistique.")
    check_endorse_skill(nadia, youth=ines, concept=sorting, details=DETAILS)
    # Nadia also follows Yanis: her note about him is not Ines's business.
    Mentorship.objects.create(
        youth=yanis,
        mentor=nadia,
        organisation=nadia.organisations.first(),
        status=Mentorship.Status.ACTIVE,
        started_at=timezone.now() - datetime.timedelta(days=60),
    )
    check_add_note(nadia, youth=yanis, text="YANIS-NOTE à revoir en juin.")
    # An endorsement Ines gave (as the adult who coached Yanis at the club).
    yanis_skill = make_concept("Arbitrer un match", "Refereeing a match")
    Endorsement.objects.create(
        youth=yanis,
        concept=yanis_skill,
        endorser=ines,
        endorser_name="Inès",
        relationship="coach",
        context="Tournoi du club",
        observed="INES-GAVE il a arbitré trois matchs.",
        status=Endorsement.Status.ACCEPTED,
    )

    # Network: connections, organisation followed, feed, messages, requests, safety.
    Connection.objects.create(
        requester=ines, addressee=leila, status=Connection.Status.ACCEPTED, message="Salut !"
    )
    Connection.objects.create(requester=yanis, addressee=ines)
    food_bank = Organisation.objects.create(
        name="Banque alimentaire", kind=Organisation.Kind.ASSOCIATION
    )
    OrganisationFollow.objects.create(user=ines, organisation=food_bank)
    Membership.objects.create(organisation=food_bank, user=ines, function="Bénévole")
    post = Post(author=ines, text="INES-POST première collecte !")
    post.image.save("collecte.png", ContentFile(png_bytes()), save=False)
    post.save()
    account.files.append(post.image.name)
    own_activity = Activity.objects.create(actor=ines, verb=Activity.Verb.POST, post=post)
    Comment.objects.create(activity=own_activity, author=leila, text="Bravo Inès")
    leila_post = Post.objects.create(author=leila, text="Mon stage commence")
    leila_activity = Activity.objects.create(actor=leila, verb=Activity.Verb.POST, post=leila_post)
    Comment.objects.create(activity=leila_activity, author=ines, text="INES-COMMENT super")
    Bravo.objects.create(activity=leila_activity, user=ines)
    # A line of Leïla's feed about Ines's achievement goes with the achievement.
    Activity.objects.create(
        actor=leila,
        verb=Activity.Verb.ACHIEVEMENT,
        target_type="achievement",
        target_id=achievement.pk,
    )

    account.direct = _conversation(Conversation.Kind.DIRECT, [ines, leila])
    _message(account.direct, leila, "LEILA-MSG tu viens samedi ?")
    _message(account.direct, ines, "INES-MSG oui, à samedi")
    account.group = _conversation(Conversation.Kind.GROUP, [leila, ines, yanis], title="Collecte")
    sent_with_file = _message(account.group, ines, "INES-GROUP le planning", attachment=pdf_bytes())
    account.kept_files.append(sent_with_file.attachment.name)
    _message(account.group, yanis, "YANIS-GROUP merci")
    # A conversation nobody else can read any more (Leïla left it): it goes with Ines.
    alone = _conversation(Conversation.Kind.GROUP, [ines], title="Brouillon")
    lost = _message(alone, ines, "INES-ALONE", attachment=pdf_bytes())
    account.files.append(lost.attachment.name)

    ContactRequest.objects.create(
        recruiter=recruiter,
        youth=ines,
        message="INES-REQUEST un poste de préparatrice ?",
        status=ContactRequest.Status.WAITING_FOR_YOUTH,
    )
    Block.objects.create(blocker=ines, blocked=yanis)
    Block.objects.create(blocker=recruiter, blocked=ines)
    Report.objects.create(
        reporter=ines,
        target_type=Report.Target.USER,
        target_id=recruiter.pk,
        reported_user=recruiter,
        reason=Report.Reason.SCAM,
        details="INES-REPORT offre bizarre",
    )
    Report.objects.create(
        reporter=recruiter,
        target_type=Report.Target.POST,
        target_id=post.pk,
        reported_user=ines,
        reason=Report.Reason.OTHER,
        details="ABOUT-INES report",
        excerpt="INES-POST première collecte !",
    )
    do_notify(ines, kind="welcome", params={"first_name": "Inès"})
    for name in account.files + account.kept_files:
        assert private_storage().exists(name), name
    return account


@pytest.fixture
def rich(make_user, ines, nadia, recruiter) -> RichAccount:
    return build_rich_account(make_user, ines, nadia, recruiter)


def references_to(user_id: int) -> list[str]:
    """Every row of every installed app that still points at ``user_id`` by a foreign key."""
    user_model = get_user_model()
    found = []
    for model in apps.get_models(include_auto_created=True):
        for model_field in model._meta.concrete_fields:
            if (
                isinstance(model_field, models.ForeignKey)
                and model_field.related_model is user_model
            ):
                rows = model._base_manager.filter(**{model_field.attname: user_id})
                if rows.exists():
                    found.append(f"{model._meta.label}.{model_field.name}")
    return found


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_deleting_a_rich_account_leaves_nothing_of_it_in_any_app(
    rich: RichAccount, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    monkeypatch.setattr(account_deletion, "_CALLBACKS", [])
    deleted_ids: list[int] = []
    account_deletion.on_account_deleted(deleted_ids.append)
    ines_id = rich.youth.pk
    assert references_to(ines_id)  # the check below can fail
    client = logged_in(rich.youth)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE_URL, {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not User.objects.filter(pk=ines_id).exists()
    assert references_to(ines_id) == []
    assert deleted_ids == [ines_id]
    for name in rich.files:
        assert not private_storage().exists(name), name
    # Logged out: the session no longer opens the account pages.
    assert client.get(MY_DATA_URL)["Location"].startswith(reverse("account_login"))

    # What she gave others is gone; what others own stays.
    assert not Endorsement.objects.filter(observed__startswith="INES-GAVE").exists()
    assert not Comment.objects.filter(text__startswith="INES-COMMENT").exists()
    assert not Activity.objects.filter(target_type="achievement").exists()
    assert Post.objects.filter(text="Mon stage commence").exists()
    assert MentorNote.objects.filter(text__startswith="YANIS-NOTE").exists()
    assert not MentorNote.objects.filter(text__startswith="INES-NOTE").exists()
    assert Report.objects.filter(details="INES-REPORT offre bizarre", reporter=None).exists()
    assert not Conversation.objects.filter(title="Brouillon").exists()


def test_the_other_side_keeps_the_messages_as_from_a_deleted_account(
    rich: RichAccount, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(rich.youth).post(DELETE_URL, {"password": PASSWORD, "confirm": "on"})

    kept = Message.objects.get(text="INES-MSG oui, à samedi")
    assert kept.sender_id is None
    assert kept.conversation_id == rich.direct.pk
    assert Participant.objects.filter(conversation=rich.direct, user=rich.friend).exists()
    # The attachment of a message she sent stays with the message.
    for name in rich.kept_files:
        assert private_storage().exists(name)
    # Leïla's copy of her conversations names the sender "Deleted account".
    leila = User.objects.get(pk=rich.friend.pk)
    with translation.override(leila.language):
        deleted = gettext("Deleted account")
    conversations = {c["id"]: c for c in collect_user_data(leila)["conversations"]}
    direct = conversations[rich.direct.pk]
    assert [(m["from"], m["text"]) for m in direct["messages"]] == [
        (leila.display_name, "LEILA-MSG tu viens samedi ?"),
        (deleted, "INES-MSG oui, à samedi"),
    ]
    group = conversations[rich.group.pk]
    assert (deleted, "INES-GROUP le planning") in [
        (m["from"], m["text"]) for m in group["messages"]
    ]
    assert deleted not in direct["participants"]


def test_the_other_sides_conversation_page_shows_the_deleted_account(
    rich: RichAccount, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(rich.youth).post(DELETE_URL, {"password": PASSWORD, "confirm": "on"})

    response = logged_in(rich.friend).get(reverse("network:conversation", args=[rich.direct.pk]))

    assert response.status_code == 200
    with translation.override(response["Content-Language"]):
        deleted = gettext("Deleted account")
    content = response.content.decode()
    assert "INES-MSG oui, à samedi" in content
    assert "LEILA-MSG tu viens samedi ?" in content
    assert deleted in content
    assert rich.youth.display_name not in content


def test_a_wrong_password_deletes_nothing(
    rich: RichAccount, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    monkeypatch.setattr(account_deletion, "_CALLBACKS", [])
    called: list[int] = []
    account_deletion.on_account_deleted(called.append)
    client = logged_in(rich.youth)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(DELETE_URL, {"password": "not-my-password", "confirm": "on"})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert callbacks == []
    assert called == []
    assert User.objects.filter(pk=rich.youth.pk).exists()
    assert Post.objects.filter(author=rich.youth).exists()
    assert Endorsement.objects.filter(endorser=rich.youth).exists()
    for name in rich.files:
        assert private_storage().exists(name)
    assert client.get(MY_DATA_URL).status_code == 200  # still logged in


def test_without_the_confirmation_box_nothing_is_deleted(ines) -> None:
    response = logged_in(ines).post(DELETE_URL, {"password": PASSWORD})

    assert response.status_code == 400
    assert response.context["form"].errors["confirm"]
    assert User.objects.filter(pk=ines.pk).exists()


def test_an_account_without_password_confirms_with_its_email(
    ines, django_capture_on_commit_callbacks
) -> None:
    ines.set_unusable_password()
    ines.save(update_fields=["password"])
    client = logged_in(ines)
    page = client.get(DELETE_URL)
    assert "password" not in page.context["form"].fields
    assert "email" in page.context["form"].fields

    wrong = client.post(DELETE_URL, {"email": "someone@example.org", "confirm": "on"})
    assert wrong.status_code == 400
    assert User.objects.filter(pk=ines.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        right = client.post(DELETE_URL, {"email": "INES@example.org ", "confirm": "on"})
    assert right.status_code == 302
    assert not User.objects.filter(pk=ines.pk).exists()


def test_a_mentor_who_leaves_takes_their_endorsements_and_leaves_the_follow_up_notes(
    rich: RichAccount, django_capture_on_commit_callbacks
) -> None:
    nadia = rich.mentor
    endorsement = Endorsement.objects.get(endorser=nadia)
    # The feed line "Ines's skill was endorsed by Nadia" names her: it goes too.
    Activity.objects.create(
        actor=rich.youth,
        verb=Activity.Verb.ENDORSEMENT,
        params={"endorser": nadia.display_name},
        target_type="endorsement",
        target_id=endorsement.pk,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(nadia).post(DELETE_URL, {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert references_to(nadia.pk) == []
    # Her notes stay in the organisation's follow-up of the youths, from "a former mentor".
    assert MentorNote.objects.count() == 2
    assert not MentorNote.objects.filter(author__isnull=False).exists()
    assert not Mentorship.objects.filter(youth=rich.youth).exists()
    assert not Membership.objects.filter(user_id=nadia.pk).exists()
    # Her endorsement leaves Ines's profile (nobody can vouch for it any more) rather than
    # staying as an endorsement from nobody.
    assert not Endorsement.objects.filter(youth=rich.youth).exists()
    assert collect_user_data(rich.youth)["endorsements_received"]["endorsements"] == []
    assert not Activity.objects.filter(target_type="endorsement").exists()
    assert User.objects.filter(pk=rich.youth.pk).exists()


def test_the_last_superuser_cannot_delete_their_account(
    django_capture_on_commit_callbacks,
) -> None:
    admin = User.objects.create_superuser("admin@example.org", PASSWORD)
    client = logged_in(admin)

    response = client.post(DELETE_URL, {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 409
    assert response.context["form"].non_field_errors()
    assert User.objects.filter(pk=admin.pk).exists()

    User.objects.create_superuser("second-admin@example.org", PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE_URL, {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=admin.pk).exists()


def test_wagtail_log_entries_forget_the_deleted_editor(
    make_user, django_capture_on_commit_callbacks
) -> None:
    from wagtail.models import ModelLogEntry

    editor = make_user("editor@example.org", role=Role.STAFF, age=None)
    entry = ModelLogEntry.objects.create(
        content_type_id=1,
        label="Guide",
        action="wagtail.edit",
        object_id="1",
        user=editor,
        timestamp=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(editor).post(DELETE_URL, {"password": PASSWORD, "confirm": "on"})

    entry.refresh_from_db()
    assert entry.user_id is None


def test_each_person_deletes_only_their_own_account(
    ines, yanis, django_capture_on_commit_callbacks
) -> None:
    # No id in the URL: whatever Yanis sends, the account deleted is the one logged in.
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(yanis).post(
            DELETE_URL, {"password": PASSWORD, "confirm": "on", "user": ines.pk, "id": ines.pk}
        )

    assert response.status_code == 302
    assert not User.objects.filter(pk=yanis.pk).exists()
    assert User.objects.filter(pk=ines.pk).exists()


@pytest.mark.parametrize("url", [MY_DATA_URL, DELETE_URL])
def test_anonymous_visitors_are_sent_to_log_in(client: Client, url: str) -> None:
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_anonymous_post_deletes_nothing(client: Client, ines) -> None:
    response = client.post(DELETE_URL, {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert User.objects.filter(pk=ines.pk).exists()


@pytest.mark.parametrize("role", [Role.YOUTH, Role.MENTOR, Role.RECRUITER, Role.STAFF])
def test_every_role_reaches_my_data_and_the_delete_page(make_user, role: str) -> None:
    user = make_user(f"{role}@example.org", role=role, age=19 if role == Role.YOUTH else None)
    client = logged_in(user)

    page = client.get(MY_DATA_URL)
    assert page.status_code == 200
    content = page.content.decode()
    assert reverse("skills:export_data") in content
    assert reverse("skills:export_data_pdf") in content
    assert reverse("network:delete_account") in content
    assert client.get(DELETE_URL).status_code == 200
