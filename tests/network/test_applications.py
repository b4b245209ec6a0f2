"""Applying, counsellors' recommendations, the recruiter's pipeline and decisions, suggestions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.http import Http404
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from network import notification_kinds_opportunities as kinds
from network.account_deletion import do_delete_account
from network.models import (
    Application,
    Block,
    DisplayMode,
    Mentorship,
    Notification,
    Opportunity,
    Role,
    User,
    Visibility,
    YouthProfile,
)
from network.opportunities import (
    Refused,
    check_apply,
    check_decide,
    check_recommend,
    check_withdraw,
    default_decision_message,
)
from network.opportunities_selectors import suggested_profiles
from skills.models import ProfileSkill
from tests.factories import PASSWORD, post_opportunity, starter_concept

pytestmark = pytest.mark.django_db


def logged_in(user: User) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


@pytest.fixture
def other_recruiter(make_user: Callable[..., User]) -> User:
    return make_user(
        "olivier@example.org",
        role=Role.RECRUITER,
        first_name="Olivier",
        age=None,
        organisation="GEIQ BTP Nord",
        organisation_kind="company",
        town="Lille",
    )


@pytest.fixture
def offer(recruiter: User) -> Opportunity:
    return post_opportunity(
        recruiter,
        skills=(starter_concept("preparer-des-commandes"), starter_concept("travailler-en-equipe")),
    )


def follow(mentor: User, youth: User) -> Mentorship:
    return Mentorship.objects.create(
        youth=youth,
        mentor=mentor,
        organisation=mentor.organisations.get(),
        status=Mentorship.Status.ACTIVE,
        started_at=timezone.now(),
    )


def with_skills(youth: User, *slugs: str, **profile: object) -> User:
    # Run the after-commit callbacks, as a real request would: search indexes the profile.
    with TestCase.captureOnCommitCallbacks(execute=True):
        YouthProfile.objects.update_or_create(user=youth, defaults=profile)
        for slug in slugs:
            ProfileSkill.objects.create(youth=youth, concept=starter_concept(slug))
    return youth


# --- Applying -------------------------------------------------------------------------------------


def test_adult_applies_named_and_recruiter_and_counsellor_are_told(
    ines: User, nadia: User, recruiter: User, offer: Opportunity
) -> None:
    follow(nadia, ines)
    with_skills(ines, "preparer-des-commandes")
    response = logged_in(ines).post(
        reverse("network:opportunity_apply", args=[offer.pk]),
        {"message": "Je suis motivée.", "named": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("network:my_applications")
    application = Application.objects.get()
    assert application.named and application.status == Application.Status.NEW
    assert Notification.objects.filter(
        recipient=recruiter, kind=kinds.APPLICATION_RECEIVED
    ).exists()
    to_nadia = Notification.objects.get(recipient=nadia, kind=kinds.APPLICATION_TO_RECOMMEND)
    assert to_nadia.url == reverse("network:application_recommend", args=[application.pk])
    # The recruiter sees her first name and her skills.
    pipeline = logged_in(recruiter).get(reverse("network:opportunity_pipeline", args=[offer.pk]))
    candidate = pipeline.context["columns"][0][2][0]
    assert candidate.identity.name == "Inès" and not candidate.identity.anonymous
    assert [skill.concept_id for skill in candidate.matching] == [
        starter_concept("preparer-des-commandes").pk
    ]


def test_anonymous_application_does_not_name_the_youth(
    ines: User, recruiter: User, offer: Opportunity
) -> None:
    with_skills(ines, display_mode=DisplayMode.NAMED, visibility=Visibility.RECRUITERS)
    check_apply(ines, opportunity=offer, message="", named=False)
    response = logged_in(recruiter).get(reverse("network:opportunity_pipeline", args=[offer.pk]))
    candidate = response.context["columns"][0][2][0]
    assert candidate.identity.anonymous
    # Her profile page would name her: it is not linked from an anonymous application.
    assert candidate.profile_url_user_id is None
    assert "Inès" not in response.content.decode().split("<main")[1]


def test_minor_is_never_named_and_adults_only_offers_refuse_him_with_the_reason(
    yanis: User, recruiter: User, offer: Opportunity
) -> None:
    client = logged_in(yanis)
    response = client.post(reverse("network:opportunity_apply", args=[offer.pk]), {"named": "on"})
    assert response.status_code == 403
    assert "data-apply-refusal" in response.content.decode()
    assert not Application.objects.exists()

    open_one = post_opportunity(recruiter, title="Apprentissage", open_to_minors=True)
    response = client.post(
        reverse("network:opportunity_apply", args=[open_one.pk]), {"named": "on"}
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert not application.named
    pipeline = logged_in(recruiter).get(reverse("network:opportunity_pipeline", args=[open_one.pk]))
    assert pipeline.context["columns"][0][2][0].identity.anonymous


def test_applying_twice_keeps_one_application_and_says_so(ines: User, offer: Opportunity) -> None:
    client = logged_in(ines)
    client.post(reverse("network:opportunity_apply", args=[offer.pk]), {"message": "1"})
    with pytest.raises(Refused) as raised:
        check_apply(ines, opportunity=offer, message="2", named=False)
    assert raised.value.status == 409
    assert Application.objects.count() == 1
    # The page shows where the first one stands instead of the form.
    html = client.get(reverse("network:opportunity", args=[offer.pk])).content.decode()
    assert 'data-application-status="new"' in html and "data-apply-button" not in html


def test_blocked_poster_refuses_the_application(
    ines: User, recruiter: User, offer: Opportunity
) -> None:
    Block.objects.create(blocker=recruiter, blocked=ines)
    with pytest.raises(Refused):
        check_apply(ines, opportunity=offer, message="", named=False)
    # And the offer is hidden from her.
    assert logged_in(ines).get(reverse("network:opportunity", args=[offer.pk])).status_code == 404
    assert not Application.objects.exists()


def test_only_youths_apply_and_only_to_open_offers(
    ines: User, nadia: User, recruiter: User, offer: Opportunity
) -> None:
    response = logged_in(nadia).post(reverse("network:opportunity_apply", args=[offer.pk]), {})
    assert response.status_code == 403
    offer.status = Opportunity.Status.CLOSED
    offer.save()
    with pytest.raises(Refused):
        check_apply(ines, opportunity=offer, message="", named=False)
    assert not Application.objects.exists()


def test_too_long_message_is_refused(ines: User, offer: Opportunity) -> None:
    response = logged_in(ines).post(
        reverse("network:opportunity_apply", args=[offer.pk]), {"message": "x" * 2001}
    )
    assert response.status_code == 400
    assert not Application.objects.exists()


# --- Withdrawal and the youth's page --------------------------------------------------------------


def test_youth_withdraws_while_new_but_not_after_a_decision(
    ines: User, recruiter: User, offer: Opportunity, recruiter_second_offer: Opportunity
) -> None:
    first = check_apply(ines, opportunity=offer, message="", named=False)
    client = logged_in(ines)
    response = client.post(reverse("network:application_withdraw", args=[first.pk]))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == Application.Status.WITHDRAWN
    # Withdrawn: gone from the recruiter's pipeline.
    pipeline = logged_in(recruiter).get(reverse("network:opportunity_pipeline", args=[offer.pk]))
    assert all(not candidates for _s, _l, candidates in pipeline.context["columns"])

    second = check_apply(ines, opportunity=recruiter_second_offer, message="", named=False)
    check_decide(recruiter, application_id=second.pk, status="not_retained", message="Merci.")
    with pytest.raises(Refused):
        check_withdraw(ines, application_id=second.pk)
    second.refresh_from_db()
    assert second.status == Application.Status.NOT_RETAINED


@pytest.fixture
def recruiter_second_offer(recruiter: User) -> Opportunity:
    return post_opportunity(recruiter, title="Cariste")


def test_youth_cannot_see_or_withdraw_others_applications(
    ines: User, make_user: Callable[..., User], offer: Opportunity
) -> None:
    awa = make_user("awa@example.org", first_name="Awa", age=20, town="Montreuil")
    application = check_apply(awa, opportunity=offer, message="Awa's", named=True)
    client = logged_in(ines)
    assert (
        client.post(reverse("network:application_withdraw", args=[application.pk])).status_code
        == 404
    )
    response = client.get(reverse("network:my_applications"))
    assert list(response.context["applications"]) == []
    assert client.get(reverse("network:opportunity_pipeline", args=[offer.pk])).status_code == 404
    assert (
        client.get(reverse("network:application_decide", args=[application.pk])).status_code == 404
    )
    application.refresh_from_db()
    assert application.status == Application.Status.NEW


# --- Recommendations ------------------------------------------------------------------------------


def test_only_a_linked_mentor_recommends_and_the_recruiter_sees_it(
    ines: User, nadia: User, make_user: Callable[..., User], recruiter: User, offer: Opportunity
) -> None:
    application = check_apply(ines, opportunity=offer, message="", named=True)
    other_mentor = make_user(
        "claire@example.org",
        role=Role.MENTOR,
        first_name="Claire",
        age=None,
        organisation="Résidence seniors Les Tilleuls",
        organisation_kind="association",
        town="Marseille",
    )
    url = reverse("network:application_recommend", args=[application.pk])
    for intruder in (other_mentor, recruiter, ines):
        assert logged_in(intruder).post(url, {"text": "Top"}).status_code == 404
        with pytest.raises(Http404):
            check_recommend(intruder, application_id=application.pk, text="Top")

    follow(nadia, ines)
    client = logged_in(nadia)
    assert client.get(url).status_code == 200
    assert client.post(url, {"text": ""}).status_code == 400
    response = client.post(url, {"text": "Inès tient le stock de la banque alimentaire."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.recommended_by == nadia and application.recommended_at is not None
    assert Notification.objects.filter(
        recipient=recruiter, kind=kinds.APPLICATION_RECOMMENDED
    ).exists()
    html = (
        logged_in(recruiter)
        .get(reverse("network:opportunity_pipeline", args=[offer.pk]))
        .content.decode()
    )
    assert "Inès tient le stock de la banque alimentaire." in html and "data-recommendation" in html


# --- Pipeline and decisions -----------------------------------------------------------------------


def test_moving_to_meet_notifies_the_youth(ines: User, recruiter: User, offer: Opportunity) -> None:
    application = check_apply(ines, opportunity=offer, message="", named=True)
    response = logged_in(recruiter).post(
        reverse("network:application_decide", args=[application.pk]), {"status": "to_meet"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.TO_MEET
    assert Notification.objects.filter(recipient=ines, kind=kinds.APPLICATION_MOVED).exists()
    pipeline = logged_in(recruiter).get(reverse("network:opportunity_pipeline", args=[offer.pk]))
    columns = {status: candidates for status, _label, candidates in pipeline.context["columns"]}
    assert [c.application.pk for c in columns["to_meet"]] == [application.pk]
    assert columns["new"] == []
    html = logged_in(ines).get(reverse("network:my_applications")).content.decode()
    assert 'data-status="to_meet"' in html


def test_a_decision_requires_a_message_then_notifies_and_emails_the_youth(
    ines: User, recruiter: User, offer: Opportunity, django_capture_on_commit_callbacks
) -> None:
    with_skills(ines, "preparer-des-commandes", "travailler-en-equipe")
    application = check_apply(ines, opportunity=offer, message="", named=True)
    client = logged_in(recruiter)
    url = reverse("network:application_decide", args=[application.pk])

    # The form starts from kind words naming her skills, which the recruiter can edit.
    response = client.get(url, {"status": "not_retained"})
    assert response.status_code == 200
    prefilled = response.context["form"].initial["message"]
    assert starter_concept("preparer-des-commandes").label() in prefilled
    assert prefilled == default_decision_message(application, status="not_retained", language="fr")

    response = client.post(url, {"status": "not_retained", "message": "  "})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == Application.Status.NEW

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"status": "not_retained", "message": "Merci <b>Inès</b>."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.NOT_RETAINED
    assert application.decided_at is not None
    assert application.decision_message == "Merci <b>Inès</b>."
    assert Notification.objects.filter(recipient=ines, kind=kinds.APPLICATION_DECIDED).exists()
    assert [message.to for message in mail.outbox] == [[ines.email]]
    assert "Merci <b>Inès</b>." in mail.outbox[0].body
    html = logged_in(ines).get(reverse("network:my_applications")).content.decode()
    assert "Merci &lt;b&gt;Inès&lt;/b&gt;." in html and 'data-status="not_retained"' in html


def test_another_organisations_recruiter_cannot_decide(
    ines: User, other_recruiter: User, offer: Opportunity
) -> None:
    application = check_apply(ines, opportunity=offer, message="", named=True)
    response = logged_in(other_recruiter).post(
        reverse("network:application_decide", args=[application.pk]),
        {"status": "hired", "message": "Bienvenue"},
    )
    assert response.status_code == 404
    with pytest.raises(Http404):
        check_decide(other_recruiter, application_id=application.pk, status="hired", message="x")
    application.refresh_from_db()
    assert application.status == Application.Status.NEW


def test_an_unknown_status_is_refused(ines: User, recruiter: User, offer: Opportunity) -> None:
    application = check_apply(ines, opportunity=offer, message="", named=True)
    response = logged_in(recruiter).post(
        reverse("network:application_decide", args=[application.pk]),
        {"status": "withdrawn", "message": "x"},
    )
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == Application.Status.NEW


def test_the_pipeline_asks_a_constant_number_of_queries(
    recruiter: User,
    offer: Opportunity,
    make_user: Callable[..., User],
    django_assert_max_num_queries,
) -> None:
    client = logged_in(recruiter)
    url = reverse("network:opportunity_pipeline", args=[offer.pk])
    for index in range(6):
        youth = make_user(f"youth{index}@example.org", first_name=f"Jeune{index}")
        with_skills(youth, "preparer-des-commandes")
        check_apply(youth, opportunity=offer, message="", named=True)
    client.get(url)
    with django_assert_max_num_queries(20):
        assert client.get(url).status_code == 200


# --- Suggested profiles ---------------------------------------------------------------------------


def test_suggested_profiles_are_discoverable_unblocked_and_never_name_minors(
    make_user: Callable[..., User], recruiter: User, offer: Opportunity
) -> None:
    shown = {"discoverable": True, "visibility": Visibility.RECRUITERS}
    named_adult = with_skills(
        make_user("ines2@example.org", first_name="Inès", town="Roubaix"),
        "preparer-des-commandes",
        display_mode=DisplayMode.NAMED,
        **shown,
    )
    minor = with_skills(
        make_user("yanis2@example.org", first_name="Yanis", age=17, town="Lille"),
        "preparer-des-commandes",
        display_mode=DisplayMode.NAMED,
        **shown,
    )
    hidden = with_skills(
        make_user("kevin@example.org", first_name="Kevin", town="Lesquin"),
        "preparer-des-commandes",
        discoverable=False,
        visibility=Visibility.RECRUITERS,
    )
    blocker = with_skills(
        make_user("awa@example.org", first_name="Awa", town="Lesquin"),
        "preparer-des-commandes",
        **shown,
    )
    Block.objects.create(blocker=blocker, blocked=recruiter)
    no_skill = with_skills(make_user("lucas@example.org", first_name="Lucas"), "jardiner", **shown)

    rows = suggested_profiles(offer, viewer=recruiter)
    ids = [row.youth_id for row in rows]
    assert set(ids) == {named_adult.pk, minor.pk}
    assert hidden.pk not in ids and blocker.pk not in ids and no_skill.pk not in ids
    by_id = {row.youth_id: row for row in rows}
    assert by_id[minor.pk].identity.anonymous and "Yanis" not in by_id[minor.pk].identity.name
    assert by_id[named_adult.pk].identity.name == "Inès"
    # Nearest first: Lille is closer to Lesquin than Roubaix.
    assert ids == [minor.pk, named_adult.pk]

    response = logged_in(recruiter).get(reverse("network:opportunity_suggested", args=[offer.pk]))
    html = response.content.decode()
    assert "Yanis" not in html
    assert reverse("network:contact_new", args=[named_adult.pk]) in html


# --- Account deletion -----------------------------------------------------------------------------


def test_deleting_accounts_removes_their_applications_and_keeps_the_organisations_offers(
    ines: User, recruiter: User, offer: Opportunity
) -> None:
    check_apply(ines, opportunity=offer, message="", named=True)
    do_delete_account(ines)
    assert not Application.objects.exists()
    do_delete_account(recruiter)
    offer.refresh_from_db()
    assert offer.posted_by is None


def test_notification_texts_are_written(ines: User, recruiter: User, offer: Opportunity) -> None:
    check_apply(ines, opportunity=offer, message="", named=True)
    response = logged_in(recruiter).get(reverse("network:notifications"))
    assert gettext("You have a new notification.") not in response.content.decode()
