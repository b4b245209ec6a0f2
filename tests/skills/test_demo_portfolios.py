"""The demo portfolios that ``manage.py seed_demo`` gives the youths of personas.md."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from network.models import DisplayMode, User, Visibility, YouthProfile
from skills import actions
from skills.coach import check_public_texts
from skills.demo_portfolios import DEMO_PORTFOLIOS, INES, STARTER_URIS, seed_demo_portfolios
from skills.models import (
    Achievement,
    Evidence,
    Experience,
    ProfileSkill,
    SkillLevel,
    SkillProposal,
)

from .portfolio_helpers import logged_in

pytestmark = pytest.mark.django_db

DEMO_YOUTHS = {portfolio.key: f"{portfolio.key}.demo@example.org" for portfolio in DEMO_PORTFOLIOS}


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def youth(key: str) -> User:
    return User.objects.select_related("youth_profile").get(email=DEMO_YOUTHS[key])


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Experience, Achievement, Evidence, ProfileSkill, YouthProfile, SkillProposal)
    }


def test_ines_gets_her_experiences_achievements_skills_and_settings() -> None:
    seed()

    ines = youth("ines")
    experiences = {e.title: e for e in Experience.objects.filter(youth=ines)}
    assert set(experiences) == {spec.title for spec in INES.experiences}
    food_bank = experiences["Bénévole à la banque alimentaire"]
    assert (food_bank.kind, food_bank.place, food_bank.ended_on) == (
        "volunteering",
        "Roubaix",
        None,
    )
    assert food_bank.started_on < timezone.localdate()
    assert "fiche de stock" in food_bank.description
    achievements = Achievement.objects.filter(youth=ines)
    assert {a.title for a in achievements} == {spec.title for spec in INES.achievements}
    assert all(a.experience == food_bank for a in achievements)
    assert all(a.achieved_on <= timezone.localdate() for a in achievements)

    levels = dict(ProfileSkill.objects.filter(youth=ines).values_list("concept__uri", "level"))
    tagged = {STARTER_URIS[slug] for spec in INES.experiences for slug in spec.skills}
    tagged |= {STARTER_URIS[slug] for spec in INES.achievements for slug in spec.skills}
    assert set(levels) == tagged
    assert levels[STARTER_URIS["accueillir-les-gens"]] == SkillLevel.ALONE
    assert levels[STARTER_URIS["garder-des-enfants"]] == SkillLevel.CAN_TEACH
    assert levels[STARTER_URIS["compter-et-calculer"]] == SkillLevel.WITH_HELP

    profile = ines.youth_profile
    assert profile.headline.startswith("Bénévole à la banque alimentaire")
    assert "logistique" in profile.goals
    assert profile.languages == ["français", "anglais (un peu)"]
    assert profile.mobility_km == 20 and profile.available_from >= timezone.localdate()
    assert (profile.visibility, profile.discoverable, profile.display_mode) == (
        Visibility.RECRUITERS,
        True,
        DisplayMode.NAMED,
    )


def test_every_youth_gets_a_portfolio_with_every_skill_it_names() -> None:
    seed()

    for portfolio in DEMO_PORTFOLIOS:
        owner = youth(portfolio.key)
        assert owner.youth_profile.headline == portfolio.headline
        for model, specs in (
            (Experience, portfolio.experiences),
            (Achievement, portfolio.achievements),
        ):
            assert 1 <= len(specs) <= 3
            for spec in specs:
                item = model.objects.get(youth=owner, title=spec.title)
                # Every slug is a starter skill the migration loaded: none was skipped.
                assert {c.uri for c in item.skills.all()} == {
                    STARTER_URIS[slug] for slug in spec.skills
                }, spec.title
    # Skills are chosen, never typed: nothing lands in the editors' proposals.
    assert not SkillProposal.objects.exists()


def test_ines_kevin_melissa_and_yanis_are_discoverable() -> None:
    seed()

    discoverable = set(
        YouthProfile.objects.filter(
            user__email__in=DEMO_YOUTHS.values(), discoverable=True
        ).values_list("user__email", flat=True)
    )
    assert discoverable == {
        DEMO_YOUTHS[key] for key in ("ines", "kevin", "melissa", "yanis")
    }
    assert youth("kevin").youth_profile.driving_licence


def test_minors_are_anonymous_and_never_named_to_recruiters() -> None:
    seed()
    sandrine = User.objects.get(email="sandrine.demo@example.org")

    for key in ("yanis", "thomas"):
        minor = youth(key)
        assert minor.is_minor
        assert minor.youth_profile.display_mode == DisplayMode.ANONYMOUS

    yanis = youth("yanis")
    response = logged_in(sandrine, language="fr").get(f"/skills/profile/{yanis.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "tournoi de fin de saison" in page
    for revealing in ("Yanis", "Belkacem", "Vaulx-en-Velin", "Mas du Taureau"):
        assert revealing not in page
    # Thomas shows his profile to his mentors only.
    thomas = youth("thomas")
    assert logged_in(sandrine).get(f"/skills/profile/{thomas.pk}/").status_code == 404


def test_texts_pass_the_checks_recruiters_texts_get_even_when_kept_narrower() -> None:
    # Youths may open their profile later: no text of the demo should hold them back.
    for portfolio in DEMO_PORTFOLIOS:
        texts = {"headline": portfolio.headline, "goals": portfolio.goals}
        for spec in portfolio.experiences:
            texts.update({spec.title: spec.title, f"{spec.title}:description": spec.description})
        for spec in portfolio.achievements:
            texts.update({spec.title: spec.title, f"{spec.title}:what": spec.what_i_did})
        assert check_public_texts(texts) == [], portfolio.key


def test_seeding_twice_creates_nothing_more() -> None:
    first = seed()
    after_first = counts()

    second = seed()

    assert counts() == after_first
    assert after_first["Experience"] >= 8 and after_first["Achievement"] >= 8
    assert after_first["Evidence"] == 1  # Awa's link to her account
    created = after_first["Experience"] + after_first["Achievement"] + after_first["Evidence"]
    assert f"Portfolios des jeunes : {created} expériences" in first
    assert "Portfolios des jeunes : 0 expériences" in second
    assert seed_demo_portfolios() == 0


def test_seeding_again_keeps_what_a_youth_changed_and_puts_back_a_deleted_item() -> None:
    seed()
    ines = youth("ines")
    settings = actions.ProfileSettings(
        headline="Je cherche un poste en entrepôt",
        visibility=Visibility.MEMBERS,
        languages=("français",),
    )
    actions.check_update_profile_settings(ines, settings=settings)
    welcoming = ProfileSkill.objects.get(
        youth=ines, concept__uri=STARTER_URIS["accueillir-les-gens"]
    )
    actions.check_set_skill_level(ines, profile_skill=welcoming, level=SkillLevel.CAN_TEACH)
    stock_sheet = Achievement.objects.get(youth=ines, title=INES.achievements[0].title)
    actions.do_delete_achievement(ines, achievement=stock_sheet)

    assert seed_demo_portfolios() == 1

    ines = youth("ines")
    assert ines.youth_profile.headline == "Je cherche un poste en entrepôt"
    welcoming.refresh_from_db()
    assert welcoming.level == SkillLevel.CAN_TEACH
    again = Achievement.objects.get(youth=ines, title=INES.achievements[0].title)
    # Never wider than the profile she narrowed.
    assert again.visibility == Visibility.MEMBERS
    assert again.experience.title == "Bénévole à la banque alimentaire"


def test_ines_sees_her_profile_with_her_skills() -> None:
    seed()
    ines = youth("ines")

    response = logged_in(ines, language="fr").get("/skills/profile/")

    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "Accueillir les gens",
        "Faire un inventaire",
        "Garder des enfants",
        "Bénévole à la banque alimentaire",
        "Je tiens la fiche de stock chaque semaine",
    ):
        assert text in page
    assert "Je sais faire sans aide" in page  # her levels, in French
