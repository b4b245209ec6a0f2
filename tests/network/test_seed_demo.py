"""``manage.py seed_demo``: the people of personas.md, their organisations, the demo guide."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, Revision

from acrojump.cms.models import GuideIndexPage, GuidePage
from network import notification_kinds
from network.demo_data import DEMO_PASSWORD, birth_date_for_age
from network.feed_selectors import feed_for
from network.models import (
    Activity,
    Bravo,
    Comment,
    Connection,
    ContactRequest,
    Membership,
    Message,
    Notification,
    Organisation,
    Role,
    User,
)
from network.relations import connected_user_ids
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

Kind = Organisation.Kind

YOUTHS = {
    # e-mail: (first name, age, town)
    "ines.demo@example.org": ("Inès", 19, "Roubaix"),
    "yanis.demo@example.org": ("Yanis", 17, "Vaulx-en-Velin"),
    "melissa.demo@example.org": ("Mélissa", 22, "Marseille"),
    "kevin.demo@example.org": ("Kevin", 24, "Saint-Quentin"),
    "awa.demo@example.org": ("Awa", 20, "Montreuil"),
    "lucas.demo@example.org": ("Lucas", 18, "Dijon"),
    "sofia.demo@example.org": ("Sofia", 21, "Lyon"),
    "thomas.demo@example.org": ("Thomas", 16, "Annecy"),
}
MEMBERS = {
    # e-mail: (role, full name, organisation, kind, function)
    "nadia.demo@example.org": (
        Role.MENTOR,
        "Nadia Benali",
        "Mission Locale de Dijon",
        Kind.MISSION_LOCALE,
        "Conseillère en insertion",
    ),
    "jean-marc.demo@example.org": (
        Role.MENTOR,
        "Jean-Marc Petit",
        "Futsal Club du Mas du Taureau",
        Kind.CLUB,
        "Président du club",
    ),
    "claire.demo@example.org": (
        Role.MENTOR,
        "Claire Dubois",
        "Résidence seniors Les Tilleuls",
        Kind.ASSOCIATION,
        "Coordinatrice des animations",
    ),
    "rachid.demo@example.org": (
        Role.MENTOR,
        "Rachid Amrani",
        "Restaurant Le Beffroi Gourmand",
        Kind.COMPANY,
        "Chef de cuisine, bénévole",
    ),
    "sandrine.demo@example.org": (
        Role.RECRUITER,
        "Sandrine Morel",
        "Entrepôts du Mélantois",
        Kind.COMPANY,
        "Responsable RH",
    ),
    "olivier.demo@example.org": (
        Role.RECRUITER,
        "Olivier Lemaire",
        "GEIQ BTP Nord",
        Kind.COMPANY,
        "Chargé de recrutement",
    ),
    "julie.demo@example.org": (
        Role.RECRUITER,
        "Julie Fontaine",
        "Maille & Co",
        Kind.COMPANY,
        "Responsable de magasin",
    ),
    "fatou.demo@example.org": (
        Role.RECRUITER,
        "Fatou Ndiaye",
        "Entour'Âge Aide à domicile",
        Kind.ASSOCIATION,
        "Responsable recrutement",
    ),
    "camille.demo@example.org": (
        Role.STAFF,
        "Camille Laurent",
        "AcroJump",
        Kind.ASSOCIATION,
        "Éditrice et modératrice",
    ),
}
ALL_EMAILS = {*YOUTHS, *MEMBERS}
GUIDE_URL = "/guides/se-presenter-en-ligne/"


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def demo_users() -> dict[str, User]:
    return {user.email: user for user in User.objects.filter(email__in=ALL_EMAILS)}


def counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "memberships": Membership.objects.count(),
        "notifications": Notification.objects.count(),
        "email addresses": EmailAddress.objects.count(),
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "connections": Connection.objects.count(),
        "activities": Activity.objects.count(),
        "comments": Comment.objects.count(),
        "bravos": Bravo.objects.count(),
        "messages": Message.objects.count(),
        "contact requests": ContactRequest.objects.count(),
    }


def test_seed_creates_the_people_of_the_personas_with_their_roles() -> None:
    seed()

    users = demo_users()
    assert set(users) == ALL_EMAILS
    assert Counter(user.role for user in users.values()) == {
        Role.YOUTH: 8,
        Role.MENTOR: 4,
        Role.RECRUITER: 4,
        Role.STAFF: 1,
    }
    for email, (first_name, _age, town) in YOUTHS.items():
        assert (users[email].role, users[email].first_name, users[email].town) == (
            Role.YOUTH,
            first_name,
            town,
        )
    for email, (role, full_name, *_organisation) in MEMBERS.items():
        assert (users[email].role, users[email].get_full_name()) == (role, full_name)
    assert users["sofia.demo@example.org"].language == "en"
    assert users["ines.demo@example.org"].language == "fr"


def test_youths_have_the_ages_of_the_personas_and_only_yanis_and_thomas_are_minors() -> None:
    seed()

    users = demo_users()
    assert {email: users[email].age for email in YOUTHS} == {
        email: age for email, (_name, age, _town) in YOUTHS.items()
    }
    minors = {email for email, user in users.items() if user.is_minor}
    assert minors == {"yanis.demo@example.org", "thomas.demo@example.org"}
    assert all(users[email].date_of_birth is None for email in MEMBERS)


def test_birth_dates_give_the_stated_age_on_every_day_of_a_leap_year() -> None:
    january_first = datetime.date(2028, 1, 1)
    for today in (january_first + datetime.timedelta(days=n) for n in range(366)):
        for age in (16, 17, 18, 24):
            for days_since_birthday in (0, 45, 200, 300, 364):
                born = birth_date_for_age(age, days_since_birthday=days_since_birthday, today=today)
                had_birthday = (today.month, today.day) >= (born.month, born.day)
                assert today.year - born.year - (0 if had_birthday else 1) == age, (today, born)


def test_mentors_recruiters_and_staff_belong_to_their_organisation() -> None:
    seed()

    memberships = {
        membership.user.email: (
            membership.user.role,
            membership.user.get_full_name(),
            membership.organisation.name,
            membership.organisation.kind,
            membership.function,
        )
        for membership in Membership.objects.select_related("user", "organisation").filter(
            user__email__in=ALL_EMAILS
        )
    }
    assert memberships == MEMBERS
    assert Membership.objects.filter(user__email__in=YOUTHS).count() == 0
    # Each is the only member of a new organisation, so they can manage it.
    assert Membership.objects.filter(user__email__in=MEMBERS, is_admin=False).count() == 0


def test_only_the_mission_locale_the_geiq_and_acrojump_are_verified() -> None:
    seed()

    demo_organisations = {name for _role, _who, name, _kind, _function in MEMBERS.values()}
    verified = set(
        Organisation.objects.filter(name__in=demo_organisations, verified=True).values_list(
            "name", flat=True
        )
    )
    assert verified == {"Mission Locale de Dijon", "GEIQ BTP Nord", "AcroJump"}


def test_an_organisation_that_already_exists_is_joined_not_duplicated() -> None:
    OrganisationFactory(name="Mission Locale de Dijon", kind=Kind.MISSION_LOCALE, town="Dijon")
    UserFactory(email="conseiller@example.org", role=Role.MENTOR)

    seed()

    mission_locale = Organisation.objects.get(name__iexact="mission locale de dijon")
    assert mission_locale.verified
    assert list(mission_locale.members.values_list("email", flat=True)) == [
        "nadia.demo@example.org"
    ]
    # People who are not part of the demo are left alone.
    assert User.objects.filter(email="conseiller@example.org").exists()


def test_running_twice_creates_nothing_new() -> None:
    first = seed()
    after_first = counts()

    second = seed()

    assert counts() == after_first
    assert after_first["users"] == len(ALL_EMAILS)
    assert "Comptes : 17 créés" in first
    assert "Comptes : 0 créés, 0 remis à jour" in second
    assert "organisations : 0 créées · adhésions : 0 créées" in second
    assert "messages de bienvenue : 0 envoyés" in second
    assert "déjà en place" in second


def test_each_person_is_welcomed_once_even_when_seeded_twice() -> None:
    seed()
    seed()

    welcomes = Counter(
        Notification.objects.filter(
            recipient__email__in=ALL_EMAILS, kind=notification_kinds.WELCOME
        ).values_list("recipient__email", flat=True)
    )
    assert welcomes == dict.fromkeys(ALL_EMAILS, 1)
    # Besides the welcome, only what the demo people did to each other notifies: follow-ups
    # asked and accepted, connections, reactions to Inès's post, Sandrine's contact request,
    # Lucas's application, the job dating's invitations and schedule.
    other_kinds = set(
        Notification.objects.exclude(kind=notification_kinds.WELCOME).values_list("kind", flat=True)
    )
    assert other_kinds == {
        notification_kinds.MENTORSHIP_REQUESTED,
        notification_kinds.MENTORSHIP_REQUEST_ACCEPTED,
        "connection_requested",
        "connection_accepted",
        "feed_comment",
        "feed_bravo",
        "contact_request_new",
        "application_received",
        "application_to_recommend",
        "job_dating_invited",
        "job_dating_schedule",
    }
    ines = User.objects.get(email="ines.demo@example.org")
    welcome = ines.notifications.get(kind=notification_kinds.WELCOME)
    assert welcome.params == {"first_name": "Inès"}


def test_the_demo_network_shows_the_personas_talking_to_each_other() -> None:
    seed()

    ines = User.objects.get(email="ines.demo@example.org")
    lucas = User.objects.get(email="lucas.demo@example.org")
    connected = set(connected_user_ids(ines).values_list("id", flat=True))
    assert {u.email for u in User.objects.filter(id__in=connected)} == {
        "awa.demo@example.org",
        "kevin.demo@example.org",
    }
    feed = feed_for(ines)
    assert any(activity.post and "collecte" in activity.post.text for activity in feed)
    assert Message.objects.filter(conversation__participants__user=lucas).count() == 3
    request = ContactRequest.objects.get(youth=ines)
    assert request.status == ContactRequest.Status.WAITING_FOR_YOUTH


def test_every_demo_address_is_confirmed_and_primary() -> None:
    seed()

    addresses = EmailAddress.objects.filter(email__in=ALL_EMAILS)
    assert sorted(addresses.values_list("email", "verified", "primary")) == sorted(
        (email, True, True) for email in ALL_EMAILS
    )
    assert all(address.user.email == address.email for address in addresses)


def test_the_printed_logins_work(client: Client) -> None:
    output = seed()

    printed_emails = set(re.findall(r"[\w.+-]+@example\.org", output))
    password = re.search(r"Mot de passe, le même pour tous : (\S+)", output).group(1)
    assert printed_emails == ALL_EMAILS
    assert re.sub(r"\x1b\[[0-9;]*m", "", password) == DEMO_PASSWORD
    for email in sorted(printed_emails):
        response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        assert response["Location"] == "/espace/"
        dashboard = client.get("/espace/")
        assert dashboard.status_code == 200
        assert dashboard.context["user"].email == email
        # No "confirm your e-mail" reminder for demo accounts.
        assert dashboard.context["email_verified"] is True
        client.logout()


def test_a_wrong_password_does_not_log_in(client: Client) -> None:
    seed()

    response = client.post(
        "/accounts/login/", {"login": "ines.demo@example.org", "password": "pas-le-bon"}
    )

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_seeding_again_puts_back_the_demo_password_and_ages() -> None:
    seed()
    ines = User.objects.get(email="ines.demo@example.org")
    ines.set_password("changed-during-the-demo")
    ines.date_of_birth = datetime.date(2000, 1, 1)
    ines.save()

    output = seed()

    ines.refresh_from_db()
    assert ines.check_password(DEMO_PASSWORD)
    assert ines.age == 19
    assert "1 remis à jour" in output
    assert Client().login(email="ines.demo@example.org", password=DEMO_PASSWORD)


def test_the_output_names_the_minors_and_the_shared_password() -> None:
    output = seed()

    minors_line = next(line for line in output.splitlines() if "Mineurs" in line)
    assert "Yanis Belkacem (17 ans" in minors_line
    assert "Thomas Girard (16 ans" in minors_line
    for first_name in ("Inès", "Mélissa", "Kevin", "Awa", "Lucas", "Sofia"):
        assert first_name not in minors_line
    assert DEMO_PASSWORD in output


def test_the_staff_account_opens_the_cms_and_the_admin(client: Client) -> None:
    seed()
    camille = User.objects.get(email="camille.demo@example.org")
    assert (camille.role, camille.is_staff, camille.is_superuser) == (Role.STAFF, True, True)

    assert client.login(email="camille.demo@example.org", password=DEMO_PASSWORD)

    assert client.get("/cms/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_a_youth_cannot_open_the_cms(client: Client) -> None:
    seed()
    assert client.login(email="ines.demo@example.org", password=DEMO_PASSWORD)

    response = client.get("/cms/")

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_guide_is_published_under_guides(client: Client) -> None:
    seed()

    response = client.get(GUIDE_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Se présenter en ligne</h1>" in html
    assert "Tape ton nom, comme un recruteur" in html
    assert "banque alimentaire" in html
    guide = GuidePage.objects.get(slug="se-presenter-en-ligne")
    assert guide.live
    assert guide.get_parent().specific == GuideIndexPage.objects.get(slug="guides")
    assert guide.latest_revision is not None
    assert guide.owner.email == "camille.demo@example.org"
    assert 6 <= len(guide.body) <= 12
    assert GUIDE_URL in client.get("/guides/").content.decode()


def test_a_guide_edited_by_the_editors_is_left_as_they_made_it() -> None:
    seed()
    guide = GuidePage.objects.get(slug="se-presenter-en-ligne")
    guide.summary = "Résumé réécrit par l'équipe."
    guide.save_revision().publish()

    seed()

    assert GuidePage.objects.filter(slug="se-presenter-en-ligne").count() == 1
    assert GuidePage.objects.get(slug="se-presenter-en-ligne").summary == (
        "Résumé réécrit par l'équipe."
    )


def test_nothing_is_kept_when_seeding_fails_half_way() -> None:
    GuideIndexPage.objects.get(slug="guides").delete()
    before = counts()

    with pytest.raises(LookupError):
        seed()

    assert counts() == before
    assert not User.objects.filter(email__in=ALL_EMAILS).exists()


def test_seed_demo_starts_the_personas_mentorships_once() -> None:
    from network.models import Mentorship

    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    active = Mentorship.objects.filter(status=Mentorship.Status.ACTIVE)
    pairs = {
        (m.mentor.first_name, m.youth.first_name) for m in active.select_related("mentor", "youth")
    }
    # Nadia also follows Kevin, whom she pre-selects for the demo job dating.
    assert pairs == {
        ("Nadia", "Lucas"),
        ("Jean-Marc", "Yanis"),
        ("Claire", "Mélissa"),
        ("Nadia", "Kevin"),
    }
    assert active.count() == 4
