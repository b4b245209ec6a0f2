"""Endorsements: who may endorse, the youth's answer, withdrawal, links for people without an
account, weight reasons, the profile and the data export."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.html import escape

from network.models import Mentorship, Notification, Organisation, Role, Visibility
from skills.actions.endorsement_invitations import check_invite_endorser
from skills.actions.endorsements import (
    EndorsementDetails,
    EndorsementRefused,
    check_answer_endorsement,
    check_endorse_skill,
    check_withdraw_endorsement,
)
from skills.endorsement_selectors import endorsing_rights
from skills.endorsement_weight import (
    WEIGHT_ACCOUNT,
    WEIGHT_EMAIL,
    WEIGHT_MENTOR,
    WEIGHT_VERIFIED_MENTOR,
    endorsement_weight,
    months_between,
)
from skills.export import collect_user_data
from skills.models import Endorsement, EndorsementInvitation, SkillLevel

from .portfolio_helpers import add_experience, logged_in, make_concept, set_profile

DETAILS = EndorsementDetails(
    relationship="coach",
    context="Tournoi de fin de saison du club, juin 2025",
    observed="Il a fait le planning des matchs et trouvé les arbitres.",
    level_seen=SkillLevel.ALONE,
)


def form_data(concepts, **extra) -> dict:
    return {
        "concepts": [str(concept.pk) for concept in concepts],
        "relationship": DETAILS.relationship,
        "context": DETAILS.context,
        "observed": DETAILS.observed,
        "level_seen": str(DETAILS.level_seen),
        **extra,
    }


@pytest.fixture
def event_skill(db):
    return make_concept("Organiser un événement", "Organising an event")


@pytest.fixture
def youth(yanis, event_skill):
    set_profile(yanis, visibility=Visibility.MEMBERS)
    add_experience(
        yanis,
        title="Tournoi de fin de saison",
        concepts=(event_skill,),
        visibility=Visibility.MEMBERS,
    )
    return yanis


@pytest.fixture
def mentor(make_user):
    return make_user(
        "jean-marc@example.org",
        role=Role.MENTOR,
        first_name="Jean-Marc",
        age=None,
        organisation="Futsal Club Vaulx",
        organisation_kind=Organisation.Kind.CLUB,
        town="Vaulx-en-Velin",
    )


def follow(mentor, youth, *, months: int = 6, **fields) -> Mentorship:
    return Mentorship.objects.create(
        youth=youth,
        mentor=mentor,
        organisation=mentor.organisations.first(),
        status=fields.pop("status", Mentorship.Status.ACTIVE),
        started_at=timezone.now() - datetime.timedelta(days=31 * months),
        **fields,
    )


def endorse(endorser, youth, concept, details=DETAILS) -> Endorsement:
    return check_endorse_skill(endorser, youth=youth, concept=concept, details=details)


# --- Who may endorse ------------------------------------------------------------------------


def test_an_active_mentor_endorses_and_the_youth_is_told(
    mentor, youth, event_skill, django_capture_on_commit_callbacks
):
    follow(mentor, youth)
    mail.outbox.clear()
    client = logged_in(mentor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/skills/endorsements/youth/{youth.pk}/", form_data([event_skill]))

    assert response.status_code == 302
    endorsement = Endorsement.objects.get()
    assert endorsement.status == Endorsement.Status.WAITING_FOR_YOUTH
    assert endorsement.endorser == mentor
    notification = Notification.objects.get(recipient=youth)
    assert notification.kind == "endorsement_received"
    assert [message.to for message in mail.outbox] == [[youth.email]]
    # Yanis reads French: the e-mail is in French.
    assert "Organiser un événement" in mail.outbox[0].body
    assert "recommand" in mail.outbox[0].body


def test_a_stranger_adult_is_refused(make_user, youth, event_skill):
    stranger = make_user("stranger@example.org", role=Role.MENTOR, age=None)
    with pytest.raises(EndorsementRefused):
        endorse(stranger, youth, event_skill)
    response = logged_in(stranger).post(
        f"/skills/endorsements/youth/{youth.pk}/", form_data([event_skill])
    )
    assert response.status_code == 403
    assert "Only a mentor who follows" in response.content.decode()
    assert not Endorsement.objects.exists()


@pytest.mark.parametrize("status", [Mentorship.Status.WAITING_FOR_YOUTH, Mentorship.Status.ENDED])
def test_a_mentor_without_consent_is_refused(mentor, youth, event_skill, status):
    follow(mentor, youth, status=status)
    with pytest.raises(EndorsementRefused):
        endorse(mentor, youth, event_skill)
    assert logged_in(mentor).get(f"/skills/endorsements/youth/{youth.pk}/").status_code == 403


def test_a_colleague_endorses_only_when_the_youth_shared_the_follow_up(
    make_user, mentor, youth, event_skill
):
    colleague = make_user(
        "colleague@example.org",
        role=Role.MENTOR,
        age=None,
        organisation="Futsal Club Vaulx",
        organisation_kind=Organisation.Kind.CLUB,
    )
    mentorship = follow(mentor, youth)
    assert not endorsing_rights(colleague, youth).allowed
    mentorship.shared_with_organisation = True
    mentorship.save()
    assert endorse(colleague, youth, event_skill).endorser == colleague


def test_nobody_endorses_themself(youth, event_skill):
    with pytest.raises(EndorsementRefused):
        endorse(youth, youth, event_skill)
    response = logged_in(youth).get(f"/skills/endorsements/youth/{youth.pk}/")
    assert response.status_code == 403
    assert "your own skills" in response.content.decode()


def test_the_same_account_cannot_endorse_the_same_skill_twice(mentor, youth, event_skill):
    follow(mentor, youth)
    endorse(mentor, youth, event_skill)
    with pytest.raises(ValidationError):
        endorse(mentor, youth, event_skill)
    response = logged_in(mentor).post(
        f"/skills/endorsements/youth/{youth.pk}/", form_data([event_skill])
    )
    assert response.status_code == 400
    assert "already endorsed" in response.content.decode()
    assert Endorsement.objects.count() == 1


def test_after_a_withdrawal_the_skill_can_be_endorsed_again(mentor, youth, event_skill):
    follow(mentor, youth)
    first = endorse(mentor, youth, event_skill)
    check_withdraw_endorsement(mentor, endorsement=first)
    assert endorse(mentor, youth, event_skill).pk != first.pk


def test_a_skill_not_on_the_profile_is_refused_with_a_reason(mentor, youth):
    follow(mentor, youth)
    other = make_concept("Réparer un scooter")
    with pytest.raises(ValidationError) as refused:
        endorse(mentor, youth, other)
    assert "not on Yanis's profile" in " ".join(refused.value.messages)
    response = logged_in(mentor).post(f"/skills/endorsements/youth/{youth.pk}/", form_data([other]))
    assert response.status_code == 400
    assert not Endorsement.objects.exists()


def test_a_minor_cannot_endorse(make_user, youth, event_skill):
    minor = make_user("thomas@example.org", first_name="Thomas", age=16)
    with pytest.raises(EndorsementRefused):
        endorse(minor, youth, event_skill)


def test_an_invited_adult_with_an_account_endorses_the_invited_skills_only(
    make_user, youth, event_skill
):
    budget = make_concept("Gérer un budget")
    add_experience(youth, title="Buvette", concepts=(budget,), visibility=Visibility.MEMBERS)
    coach = make_user("coach@example.org", role=Role.MENTOR, first_name="Samir", age=None)
    assert not endorsing_rights(coach, youth).allowed
    check_invite_endorser(youth, name="Samir", email="Coach@Example.org", concepts=[event_skill])
    assert Notification.objects.filter(recipient=coach, kind="endorsement_invited").exists()

    assert [c.pk for c in endorsing_rights(coach, youth).concepts] == [event_skill.pk]
    with pytest.raises(EndorsementRefused):
        endorse(coach, youth, budget)
    endorsement = endorse(coach, youth, event_skill)
    assert endorsement.weight == WEIGHT_ACCOUNT
    # Every invited skill endorsed: the invitation is used up.
    assert EndorsementInvitation.objects.get().used_at is not None


# --- Answer and withdraw --------------------------------------------------------------------


def test_only_the_youth_accepts_and_it_shows_on_the_profile_only_then(
    mentor, youth, make_user, event_skill, django_capture_on_commit_callbacks
):
    follow(mentor, youth)
    endorsement = endorse(mentor, youth, event_skill)
    reader = make_user("reader@example.org", first_name="Awa", age=20)
    profile_url = f"/skills/profile/{youth.pk}/"
    assert DETAILS.context not in logged_in(reader).get(profile_url).content.decode()

    # Neither the endorser nor anybody else can accept it.
    for other in (mentor, reader):
        url = f"/skills/endorsements/{endorsement.pk}/accept/"
        assert logged_in(other).post(url).status_code in (403, 404)
    with pytest.raises(PermissionDenied):
        check_answer_endorsement(reader, endorsement=endorsement, accept=True)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(youth).post(f"/skills/endorsements/{endorsement.pk}/accept/")
    assert response.status_code == 302
    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.Status.ACCEPTED
    page = logged_in(reader).get(profile_url).content.decode()
    assert DETAILS.context in page
    assert "Il a fait le planning" in page
    assert escape(endorsement.weight_reason) in page
    assert Notification.objects.filter(recipient=mentor, kind="endorsement_accepted").exists()
    assert [message.to for message in mail.outbox] == [[mentor.email]]

    # Answered once: a second answer is refused.
    again = logged_in(youth).post(f"/skills/endorsements/{endorsement.pk}/decline/")
    assert again.status_code == 400


def test_a_declined_endorsement_is_never_shown(mentor, youth, make_user, event_skill):
    follow(mentor, youth)
    endorsement = endorse(mentor, youth, event_skill)
    logged_in(youth).post(f"/skills/endorsements/{endorsement.pk}/decline/")
    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.Status.DECLINED
    reader = make_user("reader@example.org", first_name="Awa", age=20)
    assert (
        DETAILS.context
        not in logged_in(reader).get(f"/skills/profile/{youth.pk}/").content.decode()
    )
    assert Notification.objects.filter(recipient=mentor, kind="endorsement_declined").exists()


def test_only_its_author_withdraws_and_it_leaves_the_profile_at_once(
    mentor, youth, make_user, event_skill
):
    follow(mentor, youth)
    endorsement = endorse(mentor, youth, event_skill)
    check_answer_endorsement(youth, endorsement=endorsement, accept=True)
    other = make_user("other@example.org", role=Role.MENTOR, age=None)
    for wrong in (other, youth):
        response = logged_in(wrong).post(f"/skills/endorsements/{endorsement.pk}/withdraw/")
        assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        check_withdraw_endorsement(other, endorsement=endorsement)

    response = logged_in(mentor).post(f"/skills/endorsements/{endorsement.pk}/withdraw/")
    assert response.status_code == 302
    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.Status.WITHDRAWN
    assert DETAILS.context not in logged_in(youth).get("/skills/profile/").content.decode()
    assert Notification.objects.filter(recipient=youth, kind="endorsement_withdrawn").exists()


# --- Without an account: invitation link, e-mail confirmation --------------------------------


def _link(body: str, name: str) -> str:
    match = re.search(rf"https?://[^\s/]+(/skills/endorsements/{name}/[^\s]+/)", body)
    assert match, body
    return match.group(1)


def invite(youth, concept, capture, email="claire@example.org") -> str:
    """Invite someone through the page; return the path of the link in the e-mail."""
    mail.outbox.clear()
    with capture(execute=True):
        response = logged_in(youth).post(
            "/skills/endorsements/invite/",
            {
                "name": "Claire Dubois",
                "email": email,
                "concepts": [str(concept.pk)],
                "message": "Tu m'as vu au tournoi",
            },
        )
    assert response.status_code == 302, response.content.decode()
    [message] = mail.outbox
    assert message.to == [email]
    return _link(message.body, "link")


def test_someone_without_an_account_endorses_by_link_and_confirms_by_email(
    client, youth, event_skill, django_capture_on_commit_callbacks
):
    link = invite(youth, event_skill, django_capture_on_commit_callbacks)
    assert client.get(link).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, {**form_data([event_skill]), "name": "Claire Dubois"})
    assert response.status_code == 200
    endorsement = Endorsement.objects.get()
    assert endorsement.status == Endorsement.Status.WAITING_FOR_EMAIL
    assert endorsement.endorser is None and endorsement.weight == WEIGHT_EMAIL
    assert not Notification.objects.filter(recipient=youth).exists()

    # Used once: the link now says so.
    reused = client.get(link)
    assert reused.status_code == 410
    assert "déjà servi" in reused.content.decode()  # a visitor without account: in French

    [message] = mail.outbox
    assert message.to == ["claire@example.org"]
    confirm = _link(message.body, "confirm")
    assert client.get(confirm).status_code == 200
    assert client.post(confirm).status_code == 200
    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.Status.WAITING_FOR_YOUTH
    assert endorsement.email_confirmed_at is not None
    assert Notification.objects.filter(recipient=youth, kind="endorsement_received").exists()
    assert client.post(confirm).status_code == 410

    check_answer_endorsement(youth, endorsement=endorsement, accept=True)
    page = logged_in(youth, language="en").get("/skills/profile/").content.decode()
    assert endorsement.weight_reason.startswith("Recommandation par e-mail, pas par un compte")
    assert escape(endorsement.weight_reason) in page


def test_someone_without_an_account_withdraws_with_the_link_of_their_email(
    client, youth, event_skill, django_capture_on_commit_callbacks
):
    link = invite(youth, event_skill, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {**form_data([event_skill]), "name": "Claire Dubois"})
    [message] = mail.outbox
    withdraw = _link(message.body, "withdraw-link")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_link(message.body, "confirm"))
    endorsement = Endorsement.objects.get()
    check_answer_endorsement(youth, endorsement=endorsement, accept=True)
    assert DETAILS.context in logged_in(youth).get("/skills/profile/").content.decode()

    # Opening the link changes nothing (mail scanners open links); the button withdraws.
    assert client.get(withdraw).status_code == 200
    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.Status.ACCEPTED
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(withdraw).status_code == 200
    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.Status.WITHDRAWN
    assert endorsement.withdrawn_at is not None
    assert DETAILS.context not in logged_in(youth).get("/skills/profile/").content.decode()
    told = Notification.objects.get(recipient=youth, kind="endorsement_withdrawn")
    assert told.params["name"] == "Claire Dubois"

    # Used: the link says so; a forged one is not found.
    assert client.post(withdraw).status_code == 410
    assert client.get(withdraw[:-3] + "xx/").status_code == 404


def test_an_expired_link_says_so(client, youth, event_skill, django_capture_on_commit_callbacks):
    link = invite(youth, event_skill, django_capture_on_commit_callbacks)
    EndorsementInvitation.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(link)
    assert response.status_code == 410
    assert "expired" in response.content.decode() or "expiré" in response.content.decode()
    assert client.post(link, form_data([event_skill], name="Claire")).status_code == 410
    assert not Endorsement.objects.exists()


def test_an_unknown_link_is_not_found(client, db):
    assert client.get("/skills/endorsements/link/nope/").status_code == 404
    assert client.get("/skills/endorsements/confirm/nope/").status_code == 404


def test_an_invited_person_with_an_account_is_asked_to_log_in(
    client, make_user, youth, event_skill, django_capture_on_commit_callbacks
):
    coach = make_user("coach@example.org", role=Role.MENTOR, first_name="Samir", age=None)
    link = invite(youth, event_skill, django_capture_on_commit_callbacks, email="coach@example.org")
    response = client.get(link)
    assert response.status_code == 200
    assert f"/skills/endorsements/youth/{youth.pk}/" in response.content.decode()
    assert client.post(link, form_data([event_skill], name="X")).status_code == 200
    assert not Endorsement.objects.exists()
    assert logged_in(coach).get(link).status_code == 302


def test_invitations_refuse_skills_not_on_the_profile_and_own_address(youth, event_skill):
    with pytest.raises(ValidationError):
        check_invite_endorser(
            youth, name="X", email="x@example.org", concepts=[make_concept("Autre")]
        )
    with pytest.raises(ValidationError):
        check_invite_endorser(youth, name="Me", email=youth.email, concepts=[event_skill])


def test_invitations_are_limited_per_day_with_a_clear_message(youth, event_skill):
    for number in range(10):
        check_invite_endorser(
            youth, name="Adulte", email=f"adult{number}@example.org", concepts=[event_skill]
        )
    response = logged_in(youth).post(
        "/skills/endorsements/invite/",
        {"name": "Encore", "email": "more@example.org", "concepts": [str(event_skill.pk)]},
    )
    assert response.status_code == 400
    assert "Try again tomorrow" in response.content.decode()
    assert EndorsementInvitation.objects.count() == 10


# --- Weight -----------------------------------------------------------------------------------


def test_weight_orders_who_endorses_and_says_why(mentor, youth, event_skill):
    organisation = Organisation.objects.create(
        name="Mission Locale de Dijon", kind=Organisation.Kind.MISSION_LOCALE, verified=True
    )
    mentorship = Mentorship(
        youth=youth,
        mentor=mentor,
        organisation=organisation,
        status=Mentorship.Status.ACTIVE,
        started_at=timezone.now() - datetime.timedelta(days=190),
    )
    verified = endorsement_weight(
        endorser=mentor,
        relationship="counsellor",
        mentorship=mentorship,
        organisation=organisation,
        function="Conseillère",
        language="fr",
    )
    assert verified.reason == (
        "Recommandation : Conseillère, Mission Locale de Dijon (organisation vérifiée), "
        "qui l'accompagne depuis 6 mois."
    )
    english = endorsement_weight(
        endorser=mentor,
        relationship="counsellor",
        mentorship=mentorship,
        organisation=organisation,
        function="Counsellor",
        language="en",
    )
    assert english.reason == (
        "Endorsed by: Counsellor, Mission Locale de Dijon (verified organisation), "
        "who has followed them for 6 months."
    )
    organisation.verified = False
    unverified = endorsement_weight(
        endorser=mentor,
        relationship="counsellor",
        mentorship=mentorship,
        organisation=organisation,
        language="en",
    )
    assert "not verified yet" in unverified.reason
    account = endorsement_weight(endorser=mentor, relationship="coach", language="en")
    by_email = endorsement_weight(endorser=None, relationship="coach", language="en")
    assert by_email.reason.startswith("Endorsed by e-mail, not an AcroJump account")
    assert verified.value > unverified.value > account.value > by_email.value
    assert WEIGHT_VERIFIED_MENTOR > WEIGHT_MENTOR > WEIGHT_ACCOUNT > WEIGHT_EMAIL


def test_a_longer_follow_up_weighs_more():
    organisation = Organisation(name="ML", kind=Organisation.Kind.MISSION_LOCALE, verified=True)
    now = timezone.now()

    def weight(days: int) -> float:
        mentorship = Mentorship(started_at=now - datetime.timedelta(days=days))
        return endorsement_weight(
            endorser=object(),
            relationship="counsellor",
            mentorship=mentorship,
            organisation=organisation,
            now=now,
        ).value

    assert weight(10) < weight(200) < weight(800) == weight(2000)
    assert months_between(now - datetime.timedelta(days=10), now) == 0


def test_a_mentors_endorsement_stores_its_reason(mentor, youth, event_skill):
    follow(mentor, youth, months=6)
    endorsement = endorse(mentor, youth, event_skill)
    assert endorsement.weight > WEIGHT_MENTOR  # unverified club, plus six months
    assert "Futsal Club Vaulx" in endorsement.weight_reason
    assert "6 mois" in endorsement.weight_reason  # in Yanis's language
    assert endorsement.endorser_organisation.name == "Futsal Club Vaulx"


# --- Profile and export -----------------------------------------------------------------------


def test_anonymous_profile_does_not_name_the_endorser(mentor, youth, event_skill):
    set_profile(youth, visibility=Visibility.PUBLIC)
    add_experience(youth, title="Tournoi", concepts=(event_skill,), visibility=Visibility.PUBLIC)
    follow(mentor, youth)
    endorsement = endorse(mentor, youth, event_skill)
    check_answer_endorsement(youth, endorsement=endorsement, accept=True)
    from django.test import Client

    page = Client().get(f"/skills/profile/{youth.pk}/").content.decode()
    assert DETAILS.context in page
    assert "Jean-Marc" not in page  # Yanis is a minor: anonymous to the public


def test_the_profile_offers_endorsing_only_to_who_may(mentor, youth, make_user, event_skill):
    url = f"/skills/profile/{youth.pk}/"
    endorse_url = f"/skills/endorsements/youth/{youth.pk}/"
    assert endorse_url not in logged_in(mentor).get(url).content.decode()
    follow(mentor, youth)
    assert endorse_url in logged_in(mentor).get(url).content.decode()


def test_export_has_endorsements_received_and_given(mentor, youth, event_skill):
    follow(mentor, youth)
    endorsement = endorse(mentor, youth, event_skill)
    check_invite_endorser(youth, name="Claire", email="claire@example.org", concepts=[event_skill])

    received = collect_user_data(youth)["endorsements_received"]
    [item] = received["endorsements"]
    assert item["id"] == endorsement.pk and item["context"] == DETAILS.context
    assert item["endorser_name"] == mentor.display_name
    assert item["weight_reason"] == endorsement.weight_reason
    assert received["invitations"][0]["email"] == "claire@example.org"

    given = collect_user_data(mentor)["endorsements_given"]
    assert [entry["id"] for entry in given] == [endorsement.pk]
    assert given[0]["youth"] == "Yanis"
    assert collect_user_data(mentor)["endorsements_received"]["endorsements"] == []
