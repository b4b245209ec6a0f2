"""Who sees what: the visibility rules (network/privacy.py) and every portfolio URL refusing
the wrong person."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from network.models import DisplayMode, Role, Visibility, YouthProfile
from network.privacy import (
    Audience,
    allowed_item_visibilities,
    audience_for,
    can_see,
    effective_visibility,
    shown_identity,
    visible_levels,
)
from skills import actions
from skills.models import Evidence, ProfileSkill

from .portfolio_helpers import (
    add_achievement,
    add_experience,
    jpeg_bytes,
    logged_in,
    make_concept,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(ines, yanis, make_user):
    staff = make_user("equipe@example.org", role=Role.STAFF, age=None)
    staff.is_staff = True
    staff.save()
    return {
        "ines": ines,
        "yanis": yanis,
        "mentor": make_user(
            "nadia@example.org",
            role=Role.MENTOR,
            age=None,
            organisation="Mission Locale de Dijon",
            organisation_kind="mission_locale",
        ),
        "recruiter": make_user(
            "sandrine@example.org",
            role=Role.RECRUITER,
            age=None,
            organisation="Entrepôt de Lesquin",
            organisation_kind="company",
        ),
        "staff": staff,
    }


# --- The rules -------------------------------------------------------------------------------


def test_each_person_belongs_to_one_audience(people):
    ines = people["ines"]
    assert audience_for(ines, ines) is Audience.OWNER
    assert audience_for(people["yanis"], ines) is Audience.MEMBER
    # No mentorship model yet: a mentor who is not hers is a member.
    assert audience_for(people["mentor"], ines) is Audience.MEMBER
    assert audience_for(people["recruiter"], ines) is Audience.RECRUITER
    assert audience_for(people["staff"], ines) is Audience.MENTOR
    assert audience_for(AnonymousUser(), ines) is Audience.PUBLIC
    assert audience_for(None, ines) is Audience.PUBLIC


@pytest.mark.parametrize(
    ("viewer", "widest_hidden"),
    [
        ("ines", None),
        ("staff", Visibility.ONLY_ME),
        ("yanis", Visibility.MENTORS),
        ("mentor", Visibility.MENTORS),
        ("recruiter", Visibility.MEMBERS),
        ("anonymous", Visibility.RECRUITERS),
    ],
)
def test_can_see_follows_the_order_of_audiences(people, viewer, widest_hidden):
    person = AnonymousUser() if viewer == "anonymous" else people[viewer]
    for visibility in Visibility.values:
        hidden = widest_hidden is not None and Visibility.rank(visibility) <= Visibility.rank(
            widest_hidden
        )
        assert can_see(person, people["ines"], visibility) is not hidden, visibility


def test_visible_levels_and_effective_visibility():
    assert visible_levels(Audience.RECRUITER) == [Visibility.RECRUITERS, Visibility.PUBLIC]
    assert visible_levels(Audience.NOBODY) == []
    assert effective_visibility(Visibility.PUBLIC, Visibility.MEMBERS) == Visibility.MEMBERS
    assert [value for value, _ in allowed_item_visibilities(Visibility.MENTORS)] == [
        Visibility.ONLY_ME,
        Visibility.MENTORS,
    ]


def test_an_inactive_account_sees_nothing(people):
    people["yanis"].is_active = False
    assert audience_for(people["yanis"], people["ines"]) is Audience.NOBODY
    assert not can_see(people["yanis"], people["ines"], Visibility.PUBLIC)


def test_identity_for_recruiters_follows_display_mode_and_age(people):
    ines, yanis = people["ines"], people["yanis"]
    named = YouthProfile(user=ines, display_mode=DisplayMode.NAMED)
    assert shown_identity(Audience.RECRUITER, ines, named).name == "Inès"
    anonymous = YouthProfile(user=ines, display_mode=DisplayMode.ANONYMOUS)
    identity = shown_identity(Audience.RECRUITER, ines, anonymous)
    assert identity.anonymous and "Inès" not in identity.name
    # Roubaix is coarsened to its département.
    assert identity.place == "Nord (59)"
    with translation.override("en"):
        note = shown_identity(Audience.RECRUITER, ines, anonymous).place_note
    assert note == "Town hidden: only the département is shown."
    assert shown_identity(Audience.PUBLIC, ines, anonymous).anonymous
    assert not shown_identity(Audience.MEMBER, ines, anonymous).anonymous
    minor_named = YouthProfile(user=yanis, display_mode=DisplayMode.NAMED)
    assert shown_identity(Audience.RECRUITER, yanis, minor_named).anonymous


# --- Every URL refuses the wrong person --------------------------------------------------------


@pytest.fixture
def private_items(people):
    """Inès's things, all private, plus one of each kind through the real actions."""
    ines = people["ines"]
    concept = make_concept("Accueillir le public")
    experience = add_experience(ines, visibility=Visibility.ONLY_ME, concepts=(concept,))
    achievement = add_achievement(ines, visibility=Visibility.ONLY_ME, experience=experience)
    photo = actions.check_add_evidence_file(
        ines, achievement=achievement, upload=SimpleUploadedFile("a.jpg", jpeg_bytes())
    )
    document = actions.check_add_document(
        ines, title="Mon CV", upload=SimpleUploadedFile("cv.pdf", pdf_bytes())
    )
    return {
        "experience": experience.pk,
        "achievement": achievement.pk,
        "evidence": photo.pk,
        "document": document.pk,
        "skill": ProfileSkill.objects.get(youth=ines).pk,
    }


#: (method, URL template): pages that act on one of the owner's items.
OWNER_ONLY = [
    ("get", "/skills/experiences/{experience}/edit/"),
    ("post", "/skills/experiences/{experience}/edit/"),
    ("get", "/skills/experiences/{experience}/delete/"),
    ("post", "/skills/experiences/{experience}/delete/"),
    ("get", "/skills/achievements/{achievement}/edit/"),
    ("post", "/skills/achievements/{achievement}/edit/"),
    ("post", "/skills/achievements/{achievement}/delete/"),
    ("post", "/skills/achievements/{achievement}/evidence/file/"),
    ("post", "/skills/achievements/{achievement}/evidence/link/"),
    ("post", "/skills/evidence/{evidence}/delete/"),
    ("post", "/skills/documents/{document}/share/"),
    ("post", "/skills/documents/{document}/delete/"),
    ("post", "/skills/mine/{skill}/level/"),
    ("post", "/skills/mine/{skill}/remove/"),
]
#: Pages that show one item to whoever may see it.
VIEWABLE = [
    ("get", "/skills/achievements/{achievement}/"),
    ("get", "/skills/evidence/{evidence}/file/"),
    ("get", "/skills/documents/{document}/file/"),
]
#: Pages of one's own portfolio (no id).
OWN_PAGES = [
    "/skills/profile/",
    "/skills/profile/settings/",
    "/skills/profile/preview/recruiter/",
    "/skills/mine/",
    "/skills/experiences/",
    "/skills/experiences/new/",
    "/skills/achievements/",
    "/skills/achievements/new/",
    "/skills/documents/",
]
POST_DATA = {
    "level": "3",
    "shared": "1",
    "url": "https://example.org",
    "title": "Piraté",
    "what_i_did": "x",
    "kind": "other",
    "visibility": "only_me",
}


def request(client, method: str, url: str):
    return client.post(url, POST_DATA) if method == "post" else client.get(url)


@pytest.mark.parametrize(("method", "url"), OWNER_ONLY + VIEWABLE)
def test_another_youth_gets_not_found_for_every_private_item(people, private_items, method, url):
    response = request(logged_in(people["yanis"]), method, url.format(**private_items))
    assert response.status_code == 404


@pytest.mark.parametrize(("method", "url"), OWNER_ONLY + VIEWABLE)
def test_the_owner_reaches_every_page_of_her_items(people, private_items, method, url):
    response = request(logged_in(people["ines"]), method, url.format(**private_items))
    assert response.status_code in (200, 302, 400)


@pytest.mark.parametrize("viewer", ["mentor", "recruiter"])
@pytest.mark.parametrize(("method", "url"), OWNER_ONLY)
def test_adults_cannot_change_a_youths_items(people, private_items, viewer, method, url):
    response = request(logged_in(people[viewer]), method, url.format(**private_items))
    assert response.status_code == 403  # they have no portfolio pages at all


@pytest.mark.parametrize("viewer", ["mentor", "recruiter", "staff"])
@pytest.mark.parametrize(("method", "url"), VIEWABLE)
def test_private_items_stay_hidden_from_adults(people, private_items, viewer, method, url):
    response = request(logged_in(people[viewer]), method, url.format(**private_items))
    assert response.status_code == 404


@pytest.mark.parametrize(("method", "url"), OWNER_ONLY)
def test_anonymous_people_are_sent_to_log_in(private_items, client, method, url):
    response = request(client, method, url.format(**private_items))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", OWN_PAGES)
def test_own_pages_need_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_people_get_nothing_of_a_private_item(private_items, client):
    assert client.get(f"/skills/evidence/{private_items['evidence']}/file/").status_code == 404
    response = client.get(f"/skills/achievements/{private_items['achievement']}/")
    assert response.status_code == 302  # log in first; nothing says whether it exists


def test_nothing_was_changed_by_the_attempts(people, private_items):
    for viewer in ("yanis", "mentor", "recruiter"):
        client = logged_in(people[viewer])
        for method, url in OWNER_ONLY:
            request(client, method, url.format(**private_items))
    assert Evidence.objects.filter(pk=private_items["evidence"]).exists()
    assert ProfileSkill.objects.get(pk=private_items["skill"]).level == 2
    ines = people["ines"]
    assert ines.experiences.get().title == "Bénévole à la banque alimentaire"
    assert ines.documents.get(pk=private_items["document"]).shared_with_mentors is False


def test_staff_see_what_is_shown_to_mentors_but_never_only_me(people):
    ines = people["ines"]
    hidden = add_achievement(ines, title="Pour moi", visibility=Visibility.ONLY_ME)
    for_mentors = add_achievement(ines, title="Pour mes mentors", visibility=Visibility.MENTORS)
    staff = logged_in(people["staff"])
    assert staff.get(f"/skills/achievements/{for_mentors.pk}/").status_code == 200
    assert staff.get(f"/skills/achievements/{hidden.pk}/").status_code == 404
