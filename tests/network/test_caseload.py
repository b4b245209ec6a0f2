"""The caseload page: a counsellor with 60 youths sees who needs attention, in constant queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from network import mentorship as actions
from network.mentorship_selectors import caseload
from network.models import Mentorship, Role, User, Visibility, YouthProfile
from skills.models import Achievement, Experience, ProfileSkill
from tests.factories import UserFactory
from tests.skills.portfolio_helpers import (
    add_achievement,
    add_experience,
    make_concept,
    set_profile,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(make_user, nadia) -> User:
    return make_user(
        "paul@example.org",
        role=Role.MENTOR,
        first_name="Paul",
        age=None,
        organisation="Mission Locale de Dijon",
        organisation_kind="mission_locale",
    )


def follow(youth: User, mentor: User) -> Mentorship:
    invitation = actions.check_create_invitation(mentor)
    return actions.check_answer_invitation(youth, token=invitation.token, accept=True)


def logged_in(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def make_youths(mentor: User, count: int, *, start: int = 0) -> list[User]:
    youths = []
    concept = make_concept("Accueillir du public")
    for number in range(start, start + count):
        youth = UserFactory(first_name=f"Jeune{number:03d}", last_login=timezone.now())
        follow(youth, mentor)
        experience = add_experience(youth, title=f"Expérience {number}", concepts=(concept,))
        add_achievement(youth, experience=experience)
        youths.append(youth)
    return youths


def test_same_number_of_queries_for_2_and_60_youths(
    nadia: User, colleague: User, django_assert_num_queries
) -> None:
    make_youths(nadia, 2)
    client = logged_in(nadia)
    client.get(reverse("network:mentor_caseload"))  # warm up the session and caches
    with CaptureQueriesContext(connection) as small:
        response = client.get(reverse("network:mentor_caseload"))
    assert response.status_code == 200
    queries_for_two = len(small.captured_queries)
    more = make_youths(nadia, 50, start=2)
    # Shared by the organisation, and a pending request, count too.
    shared = make_youths(colleague, 7, start=60)
    for youth in shared:
        mentorship = Mentorship.objects.get(youth=youth, mentor=colleague)
        actions.check_set_sharing(youth, mentorship_id=mentorship.pk, shared=True)
    actions.check_request_mentor(UserFactory(first_name="Attente"), mentor=nadia)
    with django_assert_num_queries(queries_for_two):
        response = client.get(reverse("network:mentor_caseload"))
    html = response.content.decode()
    assert html.count("data-youth=") == 2 + len(more) + len(shared) + 1
    assert "60 young people" in html


def test_row_shows_completeness_skills_and_last_activity(nadia: User, ines: User) -> None:
    concepts = [make_concept(label) for label in ("Trier", "Accueillir", "Compter")]
    experience = add_experience(ines, concepts=tuple(concepts))
    add_achievement(ines, experience=experience)
    set_profile(
        ines,
        headline="Bénévole à la banque alimentaire",
        goals="Travailler dans la logistique",
        visibility=Visibility.MENTORS,
    )
    follow(ines, nadia)
    [row] = caseload(nadia)
    assert row.skills_count == 3
    # An experience 20, an achievement 15, three skills 20, headline 10, goals 10.
    assert row.completeness == 75
    assert row.last_activity is not None
    assert not row.inactive


def test_items_kept_to_the_youth_do_not_count(nadia: User, ines: User) -> None:
    add_experience(ines, visibility=Visibility.ONLY_ME)
    follow(ines, nadia)
    [row] = caseload(nadia)
    assert row.completeness == 0


def test_no_activity_for_30_days_is_flagged_and_filtered(nadia: User, make_user) -> None:
    quiet = make_user("quiet@example.org", first_name="Kevin", town="Saint-Quentin")
    busy = make_user("busy@example.org", first_name="Awa", town="Montreuil")
    for youth in (quiet, busy):
        follow(youth, nadia)
        add_experience(youth)
    long_ago = timezone.now() - datetime.timedelta(days=31)
    Experience.objects.filter(youth=quiet).update(updated_at=long_ago)
    Achievement.objects.filter(youth=quiet).update(updated_at=long_ago)
    ProfileSkill.objects.filter(youth=quiet).update(updated_at=long_ago)
    User.objects.filter(pk=quiet.pk).update(last_login=long_ago)
    YouthProfile.objects.filter(user=quiet).update(updated_at=long_ago)
    User.objects.filter(pk=busy.pk).update(last_login=timezone.now())
    rows = {row.youth.first_name: row for row in caseload(nadia)}
    assert rows["Kevin"].inactive
    assert not rows["Awa"].inactive
    html = logged_in(nadia).get(reverse("network:mentor_caseload")).content.decode()
    assert "no activity for 30 days" in html
    attention = [row.youth.first_name for row in caseload(nadia, show="attention")]
    assert "Kevin" in attention


def test_filters_and_sorting(nadia: User, make_user) -> None:
    zoe = make_user("zoe@example.org", first_name="Zoé")
    awa = make_user("awa@example.org", first_name="Awa")
    lucas = make_user("lucas@example.org", first_name="Lucas")
    follow(zoe, nadia)
    follow(awa, nadia)
    add_experience(zoe)
    actions.check_request_mentor(lucas, mentor=nadia)
    names = [row.youth.first_name for row in caseload(nadia, sort="name")]
    assert names == ["Awa", "Lucas", "Zoé"]
    assert [row.youth.first_name for row in caseload(nadia, show="pending")] == ["Lucas"]
    by_completeness = [row.youth.first_name for row in caseload(nadia, sort="completeness")]
    assert by_completeness.index("Awa") < by_completeness.index("Zoé")
    # Default: pending requests first.
    assert caseload(nadia)[0].youth == lucas
    client = logged_in(nadia)
    for query in ("?show=pending", "?show=attention&sort=activity", "?sort=bogus&show=bogus"):
        assert client.get(reverse("network:mentor_caseload") + query).status_code == 200
    html = client.get(reverse("network:mentor_caseload") + "?show=pending").content.decode()
    assert "Lucas" in html and "Zoé" not in html


def test_caseload_holds_only_consenting_youths(nadia: User, colleague: User, make_user) -> None:
    ended = make_user("ended@example.org", first_name="Mélissa")
    not_shared = make_user("private@example.org", first_name="Thomas")
    mentorship = follow(ended, nadia)
    actions.check_end_mentorship(ended, mentorship_id=mentorship.pk)
    follow(not_shared, colleague)
    declined = make_user("declined@example.org", first_name="Sofia")
    request = actions.check_request_mentor(declined, mentor=nadia)
    actions.check_answer_request(nadia, mentorship_id=request.pk, accept=False)
    assert caseload(nadia) == []
    html = logged_in(nadia).get(reverse("network:mentor_caseload")).content.decode()
    for name in ("Mélissa", "Thomas", "Sofia"):
        assert name not in html
