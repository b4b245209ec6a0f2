"""A youth asks their counsellor to validate the profile; recruiters see who validated it,
when, and what changed since."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from network import notification_kinds
from network.models import DisplayMode, Mentorship, Notification, Role, Visibility
from network.privacy import Audience
from skills import actions
from skills.export import collect_user_data
from skills.models import ProfileSkill, ProfileValidation, SkillLevel
from skills.validation_selectors import validation_mark

from .portfolio_helpers import add_achievement, logged_in, make_concept, set_profile


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def other_mentor(make_user):
    return make_user(
        "paul@example.org",
        role=Role.MENTOR,
        first_name="Paul",
        age=None,
        organisation="Club de foot",
        organisation_kind="club",
    )


def follow(youth, mentor) -> Mentorship:
    """An active mentorship (the mentorship flows have their own tests)."""
    return Mentorship.objects.create(
        youth=youth,
        mentor=mentor,
        organisation=mentor.organisations.first(),
        status=Mentorship.Status.ACTIVE,
        started_at=timezone.now(),
    )


@pytest.fixture
def portfolio(ines):
    set_profile(
        ines,
        visibility=Visibility.RECRUITERS,
        display_mode=DisplayMode.NAMED,
        headline="Logisticienne en devenir",
    )
    stock = make_concept("Gérer un stock", "Manage a stock")
    welcome = make_concept("Accueillir du public", "Welcome the public")
    achievement = add_achievement(
        ines,
        title="J'ai tenu le tableau du stock",
        concepts=(stock, welcome),
        visibility=Visibility.RECRUITERS,
    )
    return {"stock": stock, "welcome": welcome, "achievement": achievement}


def ask(client, counsellor):
    return client.post("/skills/validation/ask/", {"counsellor": counsellor.pk})


def answer(client, validation, decision="validate", comment="Profil clair et honnête."):
    return client.post(
        f"/skills/validation/{validation.pk}/", {"decision": decision, "comment": comment}
    )


def test_youth_asks_a_counsellor_who_follows_them_and_the_counsellor_is_told(
    ines, nadia, portfolio, django_capture_on_commit_callbacks
):
    follow(ines, nadia)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(logged_in(ines), nadia)
    assert response.status_code == 302
    validation = ProfileValidation.objects.get(youth=ines)
    assert validation.status == ProfileValidation.Status.REQUESTED
    assert validation.counsellor == nadia
    assert validation.organisation.name == "Mission Locale de Dijon"
    notification = Notification.objects.get(recipient=nadia)
    assert notification.kind == notification_kinds.VALIDATION_REQUESTED
    assert [message.to for message in mail.outbox] == [["nadia@example.org"]]
    assert f"/skills/validation/{validation.pk}/" in mail.outbox[0].body

    # The counsellor sees the request and the profile as it is now.
    page = logged_in(nadia).get(f"/skills/validation/{validation.pk}/")
    assert page.status_code == 200
    assert "J&#x27;ai tenu le tableau du stock" in html(page)
    assert "Logisticienne en devenir" in html(page)


def test_a_mentor_who_does_not_follow_the_youth_cannot_be_asked(ines, nadia, portfolio):
    response = ask(logged_in(ines), nadia)
    assert response.status_code == 400
    assert not ProfileValidation.objects.exists()
    Mentorship.objects.create(youth=ines, mentor=nadia, status=Mentorship.Status.WAITING_FOR_MENTOR)
    assert ask(logged_in(ines), nadia).status_code == 400
    assert not ProfileValidation.objects.exists()


def test_a_second_request_waits_for_the_first_answer(ines, nadia, portfolio):
    follow(ines, nadia)
    client = logged_in(ines)
    assert ask(client, nadia).status_code == 302
    assert ask(client, nadia).status_code == 400
    assert ProfileValidation.objects.count() == 1


def test_only_the_counsellor_asked_may_answer(ines, nadia, other_mentor, yanis, portfolio):
    follow(ines, nadia)
    follow(ines, other_mentor)
    ask(logged_in(ines), nadia)
    validation = ProfileValidation.objects.get()

    # Another mentor of the youth, the youth, another youth: refused, nothing changes.
    assert answer(logged_in(other_mentor), validation).status_code == 404
    assert answer(logged_in(ines), validation).status_code == 403
    assert answer(logged_in(yanis), validation).status_code == 404
    assert logged_in(other_mentor).get(f"/skills/validation/{validation.pk}/").status_code == 404
    validation.refresh_from_db()
    assert validation.status == ProfileValidation.Status.REQUESTED

    # A counsellor who no longer follows the youth cannot answer either.
    Mentorship.objects.filter(mentor=nadia).update(status=Mentorship.Status.ENDED)
    assert answer(logged_in(nadia), validation).status_code == 403
    page = html(logged_in(nadia).get(f"/skills/validation/{validation.pk}/"))
    assert "You no longer follow this young person." in page
    assert "tableau du stock" not in page
    validation.refresh_from_db()
    assert validation.status == ProfileValidation.Status.REQUESTED


def test_declining_needs_a_comment_and_tells_the_youth(
    ines, nadia, portfolio, django_capture_on_commit_callbacks
):
    follow(ines, nadia)
    ask(logged_in(ines), nadia)
    validation = ProfileValidation.objects.get()
    client = logged_in(nadia)
    assert answer(client, validation, decision="decline", comment="").status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = answer(client, validation, decision="decline", comment="Ajoute une preuve.")
    assert response.status_code == 302
    validation.refresh_from_db()
    assert validation.status == ProfileValidation.Status.DECLINED
    assert validation.comment == "Ajoute une preuve."
    assert Notification.objects.filter(
        recipient=ines, kind=notification_kinds.PROFILE_VALIDATION_DECLINED
    ).exists()
    assert mail.outbox[-1].to == ["ines@example.org"]
    assert "Ajoute une preuve." in mail.outbox[-1].body
    page = logged_in(ines).get("/skills/validation/")
    assert "Ajoute une preuve." in html(page)


def test_the_youth_can_withdraw_a_request_not_answered(ines, nadia, portfolio):
    follow(ines, nadia)
    ask(logged_in(ines), nadia)
    validation = ProfileValidation.objects.get()
    response = logged_in(ines).post(f"/skills/validation/{validation.pk}/withdraw/")
    assert response.status_code == 302
    validation.refresh_from_db()
    assert validation.status == ProfileValidation.Status.WITHDRAWN
    assert answer(logged_in(nadia), validation).status_code == 400


def validate(ines, nadia) -> ProfileValidation:
    follow(ines, nadia)
    ask(logged_in(ines), nadia)
    validation = ProfileValidation.objects.get(status=ProfileValidation.Status.REQUESTED)
    assert answer(logged_in(nadia), validation).status_code == 302
    validation.refresh_from_db()
    return validation


def test_a_validated_profile_says_who_validated_it_and_when_with_a_snapshot(
    ines, nadia, recruiter, portfolio
):
    validation = validate(ines, nadia)
    assert validation.status == ProfileValidation.Status.VALIDATED
    assert validation.validated_at is not None
    snapshot = validation.snapshot
    assert snapshot["headline"] == "Logisticienne en devenir"
    assert snapshot["skills"][portfolio["stock"].uri]["level"] == SkillLevel.WITH_HELP
    achievement = snapshot["achievements"][str(portfolio["achievement"].pk)]
    assert achievement["title"] == "J'ai tenu le tableau du stock"
    assert sorted(achievement["skills"]) == sorted(
        [portfolio["stock"].uri, portfolio["welcome"].uri]
    )

    mark = "Profile validated by Nadia of Mission Locale de Dijon on"
    for client, url in (
        (logged_in(ines), "/skills/profile/"),
        (logged_in(ines), "/skills/profile/preview/recruiter/"),
        (logged_in(recruiter), f"/skills/profile/{ines.pk}/"),
    ):
        page = html(client.get(url))
        assert mark in page, url
        assert "Changed since the validation" not in page


def test_changes_after_validation_are_listed_for_the_counsellor_and_recruiters(
    ines, nadia, recruiter, portfolio
):
    validate(ines, nadia)
    set_profile(
        ines, visibility=Visibility.RECRUITERS, display_mode=DisplayMode.NAMED, headline="Cariste"
    )
    skill = ProfileSkill.objects.get(youth=ines, concept=portfolio["stock"])
    actions.do_set_skill_level(ines, profile_skill=skill, level=SkillLevel.CAN_TEACH)
    new_skill = make_concept("Conduire un chariot", "Drive a forklift")
    add_achievement(
        ines, title="Permis cariste", concepts=(new_skill,), visibility=Visibility.RECRUITERS
    )
    add_achievement(ines, title="Aide à ma grand-mère", visibility=Visibility.MENTORS)

    validation = ProfileValidation.objects.get()
    counsellor_page = html(logged_in(nadia).get(f"/skills/validation/{validation.pk}/"))
    assert "Changed since the validation" in counsellor_page
    assert "The headline changed." in counsellor_page
    assert "Level changed for Manage a stock: I can do it with help → I can teach it" in (
        counsellor_page
    )
    assert "Achievement added: Permis cariste" in counsellor_page
    assert "Achievement added: Aide à ma grand-mère" in counsellor_page

    recruiter_page = html(logged_in(recruiter).get(f"/skills/profile/{ines.pk}/"))
    assert "Changed since the validation" in recruiter_page
    assert "Achievement added: Permis cariste" in recruiter_page
    assert "Skill added: Drive a forklift" in recruiter_page
    # What recruiters cannot see is counted, never named.
    assert "grand-mère" not in recruiter_page
    assert "1 other change to parts you cannot see." in recruiter_page


def test_the_change_mark_is_in_french_for_french_readers(ines, nadia, recruiter, portfolio):
    validate(ines, nadia)
    set_profile(
        ines, visibility=Visibility.RECRUITERS, display_mode=DisplayMode.NAMED, headline="Cariste"
    )
    page = html(logged_in(recruiter, language="fr").get(f"/skills/profile/{ines.pk}/"))
    assert "Modifié depuis la validation" in page
    assert "Profil validé par Nadia de Mission Locale de Dijon le" in page


def count_queries(function) -> int:
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


def test_what_changed_is_computed_in_a_constant_number_of_queries(ines, nadia, portfolio):
    validate(ines, nadia)
    few = count_queries(lambda: validation_mark(ines, audience=Audience.MENTOR))
    concepts = [make_concept(f"Compétence {n}") for n in range(5)]
    for n in range(30):
        add_achievement(
            ines, title=f"Réussite {n}", concepts=(concepts[n % 5],), visibility=Visibility.MENTORS
        )
    many = count_queries(lambda: validation_mark(ines, audience=Audience.MENTOR))
    assert many == few
    assert len(validation_mark(ines, audience=Audience.MENTOR).changes) == 35


def test_only_youths_ask_and_only_mentors_see_requests(ines, nadia, recruiter):
    assert logged_in(nadia).post("/skills/validation/ask/", {"counsellor": 1}).status_code == 403
    assert logged_in(recruiter).get("/skills/validation/requests/").status_code == 403
    assert logged_in(ines).get("/skills/validation/requests/").status_code == 403


def test_validations_are_in_the_data_export(ines, nadia, portfolio):
    validate(ines, nadia)
    youth_data = collect_user_data(ines)["validations"]
    assert youth_data[0]["status"] == "validated"
    assert youth_data[0]["counsellor"] == "Nadia"
    assert youth_data[0]["snapshot"]["headline"] == "Logisticienne en devenir"
    counsellor_data = collect_user_data(nadia)["validations"]
    assert counsellor_data[0]["comment"] == "Profil clair et honnête."
    assert counsellor_data[0]["snapshot"] is None


def test_an_anonymous_profile_does_not_name_the_counsellor_or_organisation_to_recruiters(
    yanis, nadia, recruiter
):
    set_profile(yanis, visibility=Visibility.RECRUITERS, headline="Animateur")
    validate(yanis, nadia)
    page = html(logged_in(recruiter).get(f"/skills/profile/{yanis.pk}/"))
    assert "Profile validated by a counsellor on" in page
    assert "Nadia" not in page and "Mission Locale de Dijon" not in page


def test_the_profile_page_with_a_validation_costs_the_same_queries_for_few_or_many_items(
    ines, nadia, recruiter, portfolio
):
    validate(ines, nadia)
    client = logged_in(recruiter)
    url = f"/skills/profile/{ines.pk}/"
    few = count_queries(lambda: client.get(url))
    concepts = [make_concept(f"Compétence {n}") for n in range(5)]
    for n in range(20):
        add_achievement(
            ines,
            title=f"Réussite {n}",
            concepts=(concepts[n % 5],),
            visibility=Visibility.RECRUITERS if n % 2 else Visibility.MENTORS,
        )
    assert count_queries(lambda: client.get(url)) == few
    page = html(client.get(url))
    assert "Achievement added: Réussite 19" in page
    assert "10 other changes to parts you cannot see." in page
