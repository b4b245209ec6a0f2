"""Posting opportunities (who may, what is refused), the feed, and the youth's ranked list."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from network.models import (
    Activity,
    Application,
    Notification,
    Opportunity,
    Role,
    User,
    YouthProfile,
)
from network.opportunities import Refused, check_create_opportunity, check_set_opportunity_open
from network.opportunities_selectors import LIST_LIMIT
from network.opportunity_fit import fit_of, youth_situation
from skills.models import ProfileSkill
from tests.factories import PASSWORD, opportunity_details, post_opportunity, starter_concept

pytestmark = pytest.mark.django_db


def logged_in(user: User) -> Client:
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


@pytest.fixture
def other_recruiter(make_user: Callable[..., User]) -> User:
    """Olivier, of GEIQ BTP Nord: another organisation."""
    return make_user(
        "olivier@example.org",
        role=Role.RECRUITER,
        first_name="Olivier",
        age=None,
        organisation="GEIQ BTP Nord",
        organisation_kind="company",
        town="Lille",
    )


def form_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": "job",
        "title": "Agent de quai",
        "description": "Charger et décharger les camions.",
        "skill_ids": [starter_concept("charger-et-decharger").pk],
        "skills_text": "",
        "town": "Lesquin",
        "contract": "temporary",
        "hours_per_week": "35",
        "starts_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        "no_diploma_required": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


# --- Posting ----------------------------------------------------------------------------------


def test_recruiter_posts_through_the_form_and_the_feed_tells_members(recruiter: User) -> None:
    client = logged_in(recruiter)
    assert client.get(reverse("network:opportunity_new")).status_code == 200
    response = client.post(reverse("network:opportunity_new"), form_data())
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("network:opportunity", args=[opportunity.pk])
    assert opportunity.posted_by == recruiter
    assert opportunity.latitude is not None and opportunity.town == "Lesquin"
    assert [concept.pk for concept in opportunity.skills.all()] == [
        starter_concept("charger-et-decharger").pk
    ]
    activity = Activity.objects.get(target_type="opportunity", target_id=opportunity.pk)
    assert activity.verb == Activity.Verb.OPPORTUNITY
    assert activity.organisation == opportunity.organisation
    assert activity.params["title"] == "Agent de quai"
    assert activity.url == reverse("network:opportunity", args=[opportunity.pk])


def test_skills_typed_by_name_are_matched_and_unknown_ones_refused(recruiter: User) -> None:
    client = logged_in(recruiter)
    label = starter_concept("emballer-des-colis").label("fr")
    response = client.post(
        reverse("network:opportunity_new"), form_data(skill_ids=None, skills_text=label)
    )
    assert response.status_code == 302
    assert list(Opportunity.objects.get().skills.all()) == [starter_concept("emballer-des-colis")]
    response = client.post(
        reverse("network:opportunity_new"), form_data(skills_text="jongler avec des tronçonneuses")
    )
    assert response.status_code == 400
    assert Opportunity.objects.count() == 1


def test_closing_removes_the_feed_activity_and_reopening_records_one(recruiter: User) -> None:
    opportunity = post_opportunity(recruiter)
    client = logged_in(recruiter)
    client.post(reverse("network:opportunity_status", args=[opportunity.pk]), {"open": "0"})
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.CLOSED
    assert not Activity.objects.filter(target_type="opportunity").exists()
    client.post(reverse("network:opportunity_status", args=[opportunity.pk]), {"open": "1"})
    opportunity.refresh_from_db()
    assert opportunity.status == Opportunity.Status.OPEN
    assert Activity.objects.filter(target_type="opportunity", target_id=opportunity.pk).count() == 1


def test_mission_locale_counsellor_posts_for_her_organisation(nadia: User) -> None:
    opportunity = post_opportunity(nadia, kind=Opportunity.Kind.TRAINING, contract="none")
    assert opportunity.organisation.name == "Mission Locale de Dijon"


def test_non_member_cannot_post_for_an_organisation(
    recruiter: User, other_recruiter: User, ines: User
) -> None:
    organisation = recruiter.organisations.get()
    for intruder in (other_recruiter, ines):
        with pytest.raises(Refused):
            check_create_opportunity(
                intruder, organisation=organisation, data=opportunity_details()
            )
    # The form refuses another organisation's id as if it did not exist.
    response = logged_in(other_recruiter).post(
        reverse("network:opportunity_new"), form_data(organisation=organisation.pk)
    )
    assert response.status_code == 404
    assert logged_in(ines).get(reverse("network:opportunity_new")).status_code == 403
    assert not Opportunity.objects.exists()


def test_another_organisation_cannot_edit_close_or_see_the_pipeline(
    recruiter: User, other_recruiter: User, ines: User
) -> None:
    opportunity = post_opportunity(recruiter)
    for intruder in (other_recruiter, ines):
        client = logged_in(intruder)
        assert (
            client.get(reverse("network:opportunity_edit", args=[opportunity.pk])).status_code
            == 404
        )
        response = client.post(
            reverse("network:opportunity_edit", args=[opportunity.pk]), form_data(title="Piraté")
        )
        assert response.status_code == 404
        response = client.post(
            reverse("network:opportunity_status", args=[opportunity.pk]), {"open": "0"}
        )
        assert response.status_code == 404
        for name in ("network:opportunity_pipeline", "network:opportunity_suggested"):
            assert client.get(reverse(name, args=[opportunity.pk])).status_code == 404
    opportunity.refresh_from_db()
    assert opportunity.title != "Piraté" and opportunity.status == Opportunity.Status.OPEN
    with pytest.raises(Exception) as raised:
        check_set_opportunity_open(other_recruiter, opportunity_id=opportunity.pk, open=False)
    assert raised.type.__name__ == "Http404"


def test_member_edits_the_offer(recruiter: User) -> None:
    opportunity = post_opportunity(recruiter)
    client = logged_in(recruiter)
    assert client.get(reverse("network:opportunity_edit", args=[opportunity.pk])).status_code == 200
    response = client.post(
        reverse("network:opportunity_edit", args=[opportunity.pk]),
        form_data(title="Agent de quai de nuit", town="Lille"),
    )
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title == "Agent de quai de nuit" and opportunity.town == "Lille"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"starts_on": "2001-01-01"}, "starts_on"),
        ({"town": "Xyzzyville"}, "town"),
        ({"town": ""}, "town"),
        ({"hours_per_week": "0"}, "hours_per_week"),
        ({"hours_per_week": "100"}, "hours_per_week"),
        ({"title": "   "}, "title"),
        ({"description": ""}, "description"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_stored(
    recruiter: User, changes: dict, field: str
) -> None:
    response = logged_in(recruiter).post(reverse("network:opportunity_new"), form_data(**changes))
    assert response.status_code == 400
    assert response.context["form"].errors.get(field)
    assert not Opportunity.objects.exists()


def test_remote_offer_needs_no_town(recruiter: User) -> None:
    opportunity = post_opportunity(recruiter, town="", remote=True)
    assert opportunity.remote and opportunity.latitude is None
    hinted = post_opportunity(recruiter, town="Xyzzyville", remote=True)
    assert hinted.town == "Xyzzyville" and hinted.latitude is None


def test_the_action_refuses_a_past_start_date(recruiter: User) -> None:
    with pytest.raises(ValidationError) as raised:
        post_opportunity(recruiter, starts_on=timezone.localdate() - datetime.timedelta(days=1))
    assert "starts_on" in raised.value.error_dict


def test_html_in_an_offer_is_escaped(recruiter: User, ines: User) -> None:
    opportunity = post_opportunity(
        recruiter, title="<script>alert(1)</script>", description="<b>gras</b>"
    )
    for client in (logged_in(ines), logged_in(recruiter)):
        html = client.get(reverse("network:opportunity", args=[opportunity.pk])).content.decode()
        assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
        assert "<b>gras</b>" not in html
    html = logged_in(ines).get(reverse("network:opportunities")).content.decode()
    assert "<script>alert(1)" not in html


def test_organisation_page_lists_its_open_offers(recruiter: User, ines: User) -> None:
    open_one = post_opportunity(recruiter, title="Cariste")
    closed = post_opportunity(recruiter, title="Inventaire de janvier")
    check_set_opportunity_open(recruiter, opportunity_id=closed.pk, open=False)
    response = logged_in(ines).get(reverse("network:organisation", args=[open_one.organisation_id]))
    html = response.content.decode()
    assert "Cariste" in html and "Inventaire de janvier" not in html


def test_closed_offer_is_hidden_from_youths_who_did_not_apply(recruiter: User, ines: User) -> None:
    opportunity = post_opportunity(recruiter)
    check_set_opportunity_open(recruiter, opportunity_id=opportunity.pk, open=False)
    assert (
        logged_in(ines).get(reverse("network:opportunity", args=[opportunity.pk])).status_code
        == 404
    )
    assert (
        logged_in(recruiter).get(reverse("network:opportunity", args=[opportunity.pk])).status_code
        == 200
    )


# --- The youth's list, ranked by fit -------------------------------------------------------------


def give_skills(youth: User, *slugs: str, mobility_km: int | None = 30) -> None:
    YouthProfile.objects.update_or_create(user=youth, defaults={"mobility_km": mobility_km})
    for slug in slugs:
        ProfileSkill.objects.create(youth=youth, concept=starter_concept(slug))


def test_near_offer_with_my_skills_ranks_above_a_far_one_without(
    recruiter: User, ines: User
) -> None:
    give_skills(ines, "preparer-des-commandes", "travailler-en-equipe")
    far = post_opportunity(
        recruiter,
        title="Animateur à Marseille",
        town="Marseille",
        skills=(starter_concept("jardiner"),),
    )
    near = post_opportunity(
        recruiter,
        title="Préparation à Lesquin",
        skills=(
            starter_concept("preparer-des-commandes"),
            starter_concept("travailler-en-equipe"),
            starter_concept("conduire-un-chariot-elevateur"),
        ),
    )
    response = logged_in(ines).get(reverse("network:opportunities"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [opportunity.pk for opportunity, _fit in rows] == [near.pk, far.pk]
    fit = rows[0][1]
    assert {concept.pk for concept in fit.have} == {
        starter_concept("preparer-des-commandes").pk,
        starter_concept("travailler-en-equipe").pk,
    }
    assert [concept.pk for concept in fit.to_develop] == [
        starter_concept("conduire-un-chariot-elevateur").pk
    ]
    # Roubaix to Lesquin is about 15 km, within Inès's 30 km.
    assert fit.within_reach is True and fit.distance_km < 30
    assert rows[1][1].within_reach is False
    html = response.content.decode()
    assert starter_concept("preparer-des-commandes").label() in html
    assert "data-fit-have" in html


def test_a_skill_of_the_same_theme_counts_as_close(recruiter: User, ines: User) -> None:
    give_skills(ines, "preparer-des-commandes")
    opportunity = post_opportunity(recruiter, skills=(starter_concept("emballer-des-colis"),))
    fit = fit_of(
        Opportunity.objects.prefetch_related("skills__broader").get(pk=opportunity.pk),
        youth_situation(ines),
    )
    assert fit.have == [] and fit.close == [starter_concept("emballer-des-colis")]
    unrelated = post_opportunity(recruiter, skills=(starter_concept("jardiner"),))
    unrelated_fit = fit_of(
        Opportunity.objects.prefetch_related("skills__broader").get(pk=unrelated.pk),
        youth_situation(ines),
    )
    assert unrelated_fit.close == [] and unrelated_fit.score < fit.score


def test_minors_see_only_offers_open_to_them(recruiter: User, yanis: User) -> None:
    adults = post_opportunity(recruiter, title="Cariste (18 ans et plus)")
    everyone = post_opportunity(recruiter, title="Apprentissage", open_to_minors=True)
    rows = logged_in(yanis).get(reverse("network:opportunities")).context["rows"]
    assert [opportunity.pk for opportunity, _fit in rows] == [everyone.pk]
    # The adults-only page tells him plainly, without an apply button.
    response = logged_in(yanis).get(reverse("network:opportunity", args=[adults.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-apply-refusal" in html and "data-apply-button" not in html
    assert response.context["apply_refusal"]


def test_filters_by_kind_distance_diploma_and_remote(recruiter: User, ines: User) -> None:
    give_skills(ines)
    lesquin = post_opportunity(recruiter, title="Lesquin")
    marseille = post_opportunity(
        recruiter, title="Marseille", town="Marseille", kind=Opportunity.Kind.INTERNSHIP
    )
    remote = post_opportunity(recruiter, title="À distance", town="", remote=True)
    diploma = post_opportunity(recruiter, title="Avec diplôme", no_diploma_required=False)
    client = logged_in(ines)

    def listed(**params: str) -> set[int]:
        rows = client.get(reverse("network:opportunities"), params).context["rows"]
        return {opportunity.pk for opportunity, _fit in rows}

    assert listed() == {lesquin.pk, marseille.pk, remote.pk, diploma.pk}
    assert listed(kind="internship") == {marseille.pk}
    assert listed(within_km="50") == {lesquin.pk, remote.pk, diploma.pk}
    assert listed(no_diploma="on") == {lesquin.pk, marseille.pk, remote.pk}
    assert listed(remote="on") == {remote.pk}
    # A nonsense filter shows everything rather than an error.
    assert client.get(reverse("network:opportunities"), {"within_km": "far"}).status_code == 200


def test_the_youth_list_asks_a_constant_number_of_queries(recruiter: User, ines: User) -> None:
    give_skills(ines, "preparer-des-commandes")
    client = logged_in(ines)
    skills = (starter_concept("preparer-des-commandes"), starter_concept("emballer-des-colis"))

    def count_queries() -> int:
        client.get(reverse("network:opportunities"))  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("network:opportunities"))
        assert response.status_code == 200
        return len(queries)

    for index in range(2):
        post_opportunity(recruiter, title=f"Offre {index}", skills=skills)
    with_two = count_queries()
    for index in range(8):
        post_opportunity(recruiter, title=f"Autre offre {index}", skills=skills, town="Lille")
    assert len(client.get(reverse("network:opportunities")).context["rows"]) == 10
    assert count_queries() == with_two


def test_recruiters_and_mentors_are_sent_to_their_offers(recruiter: User) -> None:
    response = logged_in(recruiter).get(reverse("network:opportunities"))
    assert response.status_code == 302
    assert response["Location"] == reverse("network:my_opportunities")
    post_opportunity(recruiter)
    response = logged_in(recruiter).get(reverse("network:my_opportunities"))
    assert response.status_code == 200 and len(response.context["opportunities"]) == 1


def test_feed_renders_the_opportunity_activity(recruiter: User) -> None:
    post_opportunity(recruiter, title="Cariste à Lesquin")
    html = logged_in(recruiter).get(reverse("network:feed")).content.decode()
    assert "Cariste à Lesquin" in html
    assert gettext("New offer:") in html


def test_the_demo_seed_posts_offers_and_lucas_applies_once() -> None:
    from network.demo_opportunities import seed_demo_opportunities
    from network.demo_seed import seed_demo, seed_demo_mentorships

    seed_demo()
    seed_demo_mentorships()
    assert seed_demo_opportunities() == (3, 1)
    assert seed_demo_opportunities() == (0, 0)
    warehouse = Opportunity.objects.filter(organisation__name="Entrepôts du Mélantois")
    assert warehouse.count() == 2
    assert all(offer.town == "Lesquin" and offer.skills.exists() for offer in warehouse)
    apprenticeship = Opportunity.objects.get(organisation__name="GEIQ BTP Nord")
    assert apprenticeship.kind == Opportunity.Kind.APPRENTICESHIP and apprenticeship.open_to_minors
    application = Application.objects.get()
    assert application.youth.first_name == "Lucas" and application.named
    assert Activity.objects.filter(verb=Activity.Verb.OPPORTUNITY).count() == 3
    # Nadia follows Lucas: she is asked for a recommendation.
    assert Notification.objects.filter(
        recipient__first_name="Nadia", kind="application_to_recommend"
    ).exists()


def test_distance_filter_looks_past_the_newest_fifty(recruiter: User, ines: User) -> None:
    give_skills(ines)
    near = post_opportunity(recruiter, title="Lesquin, posted first")
    for n in range(LIST_LIMIT + 5):
        post_opportunity(recruiter, title=f"Marseille {n}", town="Marseille")
    rows = logged_in(ines).get(reverse("network:opportunities"), {"within_km": "50"})
    assert [opportunity.pk for opportunity, _fit in rows.context["rows"]] == [near.pk]
