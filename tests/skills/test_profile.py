"""The profile page, skills first; its settings; what each audience sees."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from network.models import DisplayMode, Role, Visibility, YouthProfile
from skills.models import ConceptType, Evidence, ReuseLevel, SkillLevel

from .portfolio_helpers import (
    add_achievement,
    add_experience,
    logged_in,
    make_concept,
    set_profile,
)

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def mentor(make_user):
    return make_user(
        "nadia@example.org",
        role=Role.MENTOR,
        first_name="Nadia",
        age=None,
        organisation="Mission Locale de Dijon",
        organisation_kind="mission_locale",
    )


def test_own_profile_shows_skills_grouped_with_levels_achievements_then_path_then_goals(ines):
    group = make_concept(
        "Travailler avec les autres", concept_type=ConceptType.GROUP, is_starter=True
    )
    welcoming = make_concept("Accueillir le public", broader=group)
    stock = make_concept("Tenir un stock", reuse_level=ReuseLevel.TRANSVERSAL)
    experience = add_experience(ines, concepts=(welcoming,))
    achievement = add_achievement(ines, concepts=(stock,), experience=experience)
    Evidence.objects.create(
        achievement=achievement, kind=Evidence.Kind.LINK, url="https://a.example"
    )
    set_profile(ines, goals="Travailler dans la logistique", visibility=Visibility.MEMBERS)

    page = html(logged_in(ines).get("/skills/profile/"))

    assert page.index("Skills") < page.index("Path") < page.index("Goals")
    assert "Travailler avec les autres" in page  # the starter group
    assert "Skills for any job" in page  # the reuse level when there is no group
    assert "Accueillir le public" in page and "Tenir un stock" in page
    assert str(SkillLevel.WITH_HELP.label) in page
    assert achievement.title.replace("'", "&#x27;") in page
    assert "1 piece of evidence" in page
    assert "Travailler dans la logistique" in page
    assert "Your next steps" in page  # the coach, for the youth only


def count_profile_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("viewer", ["owner", "member"])
def test_profile_page_costs_the_same_queries_for_2_or_50_achievements(
    ines, make_user, django_assert_num_queries, viewer
):
    set_profile(ines, visibility=Visibility.MEMBERS)
    group = make_concept("Groupe", concept_type=ConceptType.GROUP)
    concepts = [make_concept(f"Compétence {n}", broader=group) for n in range(5)]
    experience = add_experience(ines, concepts=tuple(concepts[:2]), visibility=Visibility.MEMBERS)
    for n in range(2):
        achievement = add_achievement(
            ines,
            title=f"Réussite {n}",
            concepts=tuple(concepts),
            experience=experience,
            visibility=Visibility.MEMBERS,
        )
        Evidence.objects.create(achievement=achievement, kind="link", url="https://a.example")
    client = logged_in(ines if viewer == "owner" else make_user("yanis@example.org", age=17))
    url = "/skills/profile/" if viewer == "owner" else f"/skills/profile/{ines.pk}/"
    with_two = count_profile_queries(client, url)

    more_concepts = [make_concept(f"Autre {n}") for n in range(10)]
    for n in range(48):
        other_experience = add_experience(
            ines,
            title=f"Expérience {n}",
            concepts=(more_concepts[n % 10],),
            visibility=Visibility.MEMBERS,
        )
        achievement = add_achievement(
            ines,
            title=f"Réussite bis {n}",
            concepts=(concepts[n % 5], more_concepts[n % 10]),
            experience=other_experience,
            visibility=Visibility.MEMBERS,
        )
        Evidence.objects.create(achievement=achievement, kind="link", url="https://a.example")

    with django_assert_num_queries(with_two):
        response = client.get(url)
    assert "Réussite bis 47" in html(response)


def test_members_see_only_what_is_shown_to_members(ines, yanis, mentor):
    set_profile(ines, visibility=Visibility.MEMBERS)
    secret_skill = make_concept("Compétence secrète")
    shown_skill = make_concept("Compétence montrée")
    add_experience(
        ines, title="Expérience privée", visibility=Visibility.ONLY_ME, concepts=(secret_skill,)
    )
    add_experience(ines, title="Expérience pour mes mentors", visibility=Visibility.MENTORS)
    add_experience(
        ines,
        title="Expérience pour les membres",
        visibility=Visibility.MEMBERS,
        concepts=(shown_skill,),
    )
    private = add_achievement(ines, title="Réussite privée", visibility=Visibility.ONLY_ME)

    for viewer in (yanis, mentor):  # a mentor who is not hers is a member like any other
        client = logged_in(viewer)
        page = html(client.get(f"/skills/profile/{ines.pk}/"))
        assert "Expérience pour les membres" in page
        assert "Compétence montrée" in page
        assert "Expérience privée" not in page
        assert "Expérience pour mes mentors" not in page
        assert "Compétence secrète" not in page  # a skill from a private item stays private
        assert "Your next steps" not in page
        assert client.get(f"/skills/achievements/{private.pk}/").status_code == 404


def test_a_private_profile_is_not_found_for_others_and_asks_anonymous_people_to_log_in(
    ines, yanis, recruiter, client
):
    set_profile(ines, visibility=Visibility.ONLY_ME)
    assert logged_in(yanis).get(f"/skills/profile/{ines.pk}/").status_code == 404
    assert logged_in(recruiter).get(f"/skills/profile/{ines.pk}/").status_code == 404
    response = client.get(f"/skills/profile/{ines.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # Same answer for an id that does not exist: nothing to learn from it.
    assert client.get("/skills/profile/999999/").status_code == 302
    assert logged_in(yanis).get("/skills/profile/999999/").status_code == 404


def test_recruiters_see_items_shown_to_recruiters_only_when_the_profile_allows(ines, recruiter):
    set_profile(ines, visibility=Visibility.RECRUITERS)
    add_experience(ines, title="Pour les membres", visibility=Visibility.MEMBERS)
    add_experience(ines, title="Pour les recruteurs", visibility=Visibility.RECRUITERS)
    page = html(logged_in(recruiter).get(f"/skills/profile/{ines.pk}/"))
    assert "Pour les recruteurs" in page
    assert "Pour les membres" not in page

    # Narrowing the profile hides every item at once, even those marked wider.
    set_profile(ines, visibility=Visibility.MEMBERS)
    assert logged_in(recruiter).get(f"/skills/profile/{ines.pk}/").status_code == 404


def test_public_profile_is_readable_without_an_account_but_anonymous_by_default(ines, client):
    set_profile(ines, visibility=Visibility.PUBLIC)
    add_experience(ines, title="Bénévole au Secours populaire", visibility=Visibility.PUBLIC)
    response = client.get(f"/skills/profile/{ines.pk}/")
    assert response.status_code == 200
    page = html(response)
    assert "Bénévole au Secours populaire" in page
    assert "Inès" not in page
    assert "Roubaix" not in page


def test_an_adult_who_chose_named_is_named_to_recruiters(ines, recruiter):
    set_profile(ines, visibility=Visibility.RECRUITERS, display_mode=DisplayMode.NAMED)
    page = html(logged_in(recruiter).get(f"/skills/profile/{ines.pk}/"))
    assert "Inès" in page and "Roubaix" in page


def test_a_minor_is_never_named_to_recruiters_even_when_asking(yanis, recruiter):
    client = logged_in(yanis)
    response = client.post(
        "/skills/profile/settings/",
        {"visibility": "recruiters", "display_mode": "named", "headline": "Coach futsal"},
    )
    assert response.status_code == 302
    assert YouthProfile.objects.get(user=yanis).display_mode == DisplayMode.ANONYMOUS
    # Even if the stored value were changed behind our back, reading still hides the name.
    YouthProfile.objects.filter(user=yanis).update(display_mode=DisplayMode.NAMED)
    page = html(logged_in(recruiter).get(f"/skills/profile/{yanis.pk}/"))
    assert "Yanis" not in page
    assert "Vaulx-en-Velin" not in page
    assert "Rhône (69)" in page
    settings_page = html(client.get("/skills/profile/settings/"))
    assert "under 18" in settings_page


def test_preview_shows_the_youth_what_each_audience_sees(ines):
    set_profile(ines, visibility=Visibility.RECRUITERS, display_mode=DisplayMode.ANONYMOUS)
    add_experience(ines, title="Pour les membres", visibility=Visibility.MEMBERS)
    add_experience(ines, title="Pour les recruteurs", visibility=Visibility.RECRUITERS)
    add_experience(ines, title="Pour moi", visibility=Visibility.ONLY_ME)
    client = logged_in(ines)

    as_recruiter = html(client.get("/skills/profile/preview/recruiter/"))
    assert "Pour les recruteurs" in as_recruiter
    assert "Pour les membres" not in as_recruiter and "Pour moi" not in as_recruiter
    assert "Inès" not in as_recruiter.split("</nav>", 2)[-1]  # no name in the page itself
    assert "Anonymous profile" in as_recruiter

    as_member = html(client.get("/skills/profile/preview/member/"))
    assert "Pour les membres" in as_member and "Pour les recruteurs" in as_member
    assert "Pour moi" not in as_member
    assert "Inès" in as_member

    as_public = client.get("/skills/profile/preview/public/")
    assert "cannot see your profile at all" in html(as_public)
    assert client.get("/skills/profile/preview/nobody/").status_code == 404


def test_settings_are_saved_and_shown(ines):
    client = logged_in(ines)
    response = client.post(
        "/skills/profile/settings/",
        {
            "headline": "Bénévole, j'aime organiser",
            "goals": "Préparateur de commandes",
            "available_from": "2025-09-01",
            "mobility_km": "25",
            "languages": "français, arabe, anglais",
            "driving_licence": "",
            "visibility": "recruiters",
            "discoverable": "on",
            "display_mode": "named",
        },
    )
    assert response.status_code == 302
    profile = YouthProfile.objects.get(user=ines)
    assert profile.languages == ["français", "arabe", "anglais"]
    assert profile.available_from == datetime.date(2025, 9, 1)
    assert (profile.mobility_km, profile.discoverable, profile.display_mode) == (
        25,
        True,
        DisplayMode.NAMED,
    )
    form = client.get("/skills/profile/settings/").context["form"]
    assert form.initial["languages"] == "français, arabe, anglais"


def test_being_discoverable_needs_a_profile_recruiters_can_see(ines):
    response = logged_in(ines).post(
        "/skills/profile/settings/",
        {"visibility": "members", "discoverable": "on", "display_mode": "anonymous"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["discoverable"]
    assert not YouthProfile.objects.filter(user=ines, discoverable=True).exists()


def test_opening_the_profile_to_recruiters_checks_the_texts_they_would_read(ines):
    experience = add_experience(
        ines,
        title="Plonge au snack",
        description="Appelez-moi au 06 12 34 56 78",
        visibility=Visibility.MENTORS,
    )
    experience.visibility = Visibility.PUBLIC  # stored wider than the profile allowed then
    experience.save()
    response = logged_in(ines).post(
        "/skills/profile/settings/",
        {"visibility": "recruiters", "display_mode": "anonymous", "keep_my_words": "on"},
    )
    assert response.status_code == 400
    page = html(response)
    assert "06 12 34 56 78" in page
    assert f"/skills/experiences/{experience.pk}/edit/" in page
    assert not YouthProfile.objects.filter(user=ines, visibility="recruiters").exists()
