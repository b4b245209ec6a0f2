"""Sign-up per role, e-mail verification, log-in and its rate limit, minors."""

from __future__ import annotations

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.utils import timezone

from network.models import Membership, Notification, Organisation, Role, User
from tests.factories import PASSWORD
from tests.factories import birth_date as years_ago

pytestmark = pytest.mark.django_db

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def youth_form(**overrides: str) -> dict[str, str]:
    data = {
        "first_name": "Inès",
        "email": "ines@example.org",
        "date_of_birth": years_ago(19).isoformat(),
        "town": "Roubaix",
        "password1": PASSWORD,
    }
    data.update(overrides)
    return data


def confirmation_link(message: mail.EmailMessage) -> str:
    match = re.search(r"http://testserver(/accounts/confirm-email/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_youth_signs_up_with_what_a_youth_needs(client: Client) -> None:
    response = client.post("/accounts/signup/", youth_form(), **FRENCH)

    assert response.status_code == 302
    assert response["Location"] == "/espace/"
    user = User.objects.get(email="ines@example.org")
    assert user.role == Role.YOUTH
    assert user.first_name == "Inès"
    assert user.town == "Roubaix"
    assert user.date_of_birth == years_ago(19)
    assert user.language == "fr"
    assert not user.is_minor
    assert user.memberships.count() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ines@example.org"]
    # Logged in straight away, with the reminder to confirm the e-mail.
    dashboard = client.get("/espace/", **FRENCH)
    assert "Confirm" in dashboard.content.decode() or "onfirme" in dashboard.content.decode()


def test_signup_form_asks_each_role_only_what_it_needs(client: Client) -> None:
    fields = {}
    for url in ("/accounts/signup/", "/accounts/signup/mentor/", "/accounts/signup/recruiter/"):
        html = client.get(url).content.decode()
        fields[url] = set(re.findall(r'<input[^>]+name="(\w+)"', html)) | set(
            re.findall(r'<select[^>]+name="(\w+)"', html)
        )
        fields[url] -= {"csrfmiddlewaretoken", "next", "language"}
    assert fields["/accounts/signup/"] == {
        "first_name",
        "email",
        "date_of_birth",
        "town",
        "password1",
    }
    assert fields["/accounts/signup/mentor/"] == {
        "first_name",
        "last_name",
        "email",
        "organisation_kind",
        "organisation_name",
        "function",
        "password1",
    }
    assert fields["/accounts/signup/recruiter/"] == {
        "first_name",
        "last_name",
        "email",
        "company",
        "password1",
    }


def test_every_signup_field_has_a_label(client: Client) -> None:
    for url in ("/accounts/signup/", "/accounts/signup/mentor/", "/accounts/signup/recruiter/"):
        html = client.get(url).content.decode()
        ids = re.findall(r'<(?:input|select)[^>]+id="(id_\w+)"', html)
        assert ids
        for field_id in ids:
            assert f'for="{field_id}"' in html, (url, field_id)


def test_mentor_signup_joins_the_organisation(client: Client) -> None:
    response = client.post(
        "/accounts/signup/mentor/",
        {
            "first_name": "Nadia",
            "last_name": "Benali",
            "email": "nadia@example.org",
            "organisation_kind": "mission_locale",
            "organisation_name": "Mission Locale de Dijon",
            "function": "Conseillère en insertion",
            "password1": PASSWORD,
        },
    )
    assert response.status_code == 302
    nadia = User.objects.get(email="nadia@example.org")
    assert nadia.role == Role.MENTOR
    assert nadia.date_of_birth is None
    membership = Membership.objects.select_related("organisation").get(user=nadia)
    assert membership.organisation.name == "Mission Locale de Dijon"
    assert membership.organisation.kind == Organisation.Kind.MISSION_LOCALE
    assert membership.function == "Conseillère en insertion"
    assert membership.is_admin
    assert not membership.organisation.verified


def test_second_mentor_joins_the_same_organisation_whatever_the_case(client: Client) -> None:
    for email, name in (
        ("nadia@example.org", "Mission Locale de Dijon"),
        ("paul@example.org", "mission locale  de DIJON"),
    ):
        Client().post(
            "/accounts/signup/mentor/",
            {
                "first_name": "X",
                "last_name": "Y",
                "email": email,
                "organisation_kind": "mission_locale",
                "organisation_name": name,
                "function": "Conseiller",
                "password1": PASSWORD,
            },
        )
    assert Organisation.objects.count() == 1
    paul = Membership.objects.get(user__email="paul@example.org")
    assert not paul.is_admin


def test_recruiter_signup_creates_the_company(client: Client) -> None:
    response = client.post(
        "/accounts/signup/recruiter/",
        {
            "first_name": "Sandrine",
            "last_name": "Morel",
            "email": "sandrine@example.org",
            "company": "Entrepôt Logistique des Flandres",
            "password1": PASSWORD,
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="sandrine@example.org")
    assert membership.user.role == Role.RECRUITER
    assert membership.organisation.kind == Organisation.Kind.COMPANY


@pytest.mark.parametrize(
    ("date_of_birth", "message"),
    [
        ((timezone.localdate() + datetime.timedelta(days=3)).isoformat(), "futur"),
        (years_ago(12).isoformat(), "16"),
        ("31/02/2007", "date"),
    ],
)
def test_bad_date_of_birth_is_refused_and_what_was_typed_is_kept(
    client: Client, date_of_birth: str, message: str
) -> None:
    response = client.post("/accounts/signup/", youth_form(date_of_birth=date_of_birth), **FRENCH)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_date_of_birth_error"' in html
    assert message in html
    assert 'value="Roubaix"' in html
    assert 'value="ines@example.org"' in html
    assert not User.objects.exists()


def test_missing_fields_get_a_french_message_each(client: Client) -> None:
    response = client.post("/accounts/signup/", {}, **FRENCH)
    html = response.content.decode()
    assert response.status_code == 400
    for field in ("first_name", "email", "date_of_birth", "town", "password1"):
        assert f'id="id_{field}_error"' in html
    assert "Champ requis" in html or "obligatoire" in html


def test_email_already_used_is_refused_without_touching_the_account(
    client: Client, ines: User
) -> None:
    response = client.post(
        "/accounts/signup/", youth_form(email="INES@example.org", first_name="Autre"), **FRENCH
    )
    assert response.status_code == 400
    assert User.objects.count() == 1
    ines.refresh_from_db()
    assert ines.first_name == "Inès"
    assert ines.check_password(PASSWORD)


def test_confirming_the_email_sends_the_welcome_notification_once(client: Client) -> None:
    client.post("/accounts/signup/", youth_form(), **FRENCH)
    link = confirmation_link(mail.outbox[0])

    page = client.get(link, **FRENCH)
    assert page.status_code == 200
    response = client.post(link)
    assert response.status_code == 302

    user = User.objects.get(email="ines@example.org")
    assert EmailAddress.objects.get(user=user).verified
    welcome = Notification.objects.get(recipient=user)
    assert welcome.kind == "welcome"
    assert welcome.params == {"first_name": "Inès"}
    # Posting the same link again must not greet twice.
    client.post(link)
    assert Notification.objects.filter(recipient=user, kind="welcome").count() == 1


def test_bad_confirmation_link_says_so_and_offers_a_new_one(client: Client) -> None:
    response = client.get("/accounts/confirm-email/not-a-real-key/", **FRENCH)
    html = response.content.decode()
    assert response.status_code == 404
    assert "/accounts/email/" in html
    assert "lien" in html


def test_expired_confirmation_link_is_refused(client: Client, settings) -> None:
    client.post("/accounts/signup/", youth_form())
    link = confirmation_link(mail.outbox[0])
    settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 0
    response = client.get(link)
    assert response.status_code == 404
    client.post(link)
    assert not EmailAddress.objects.filter(verified=True).exists()
    assert not Notification.objects.exists()


def test_log_in_and_log_out(client: Client, ines: User) -> None:
    response = client.post("/accounts/login/", {"login": "ines@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/espace/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/espace/").status_code == 302


def test_wrong_password_is_refused_with_a_message(client: Client, ines: User) -> None:
    response = client.post(
        "/accounts/login/", {"login": "ines@example.org", "password": "nope"}, **FRENCH
    )
    assert response.status_code == 400
    assert "incorrect" in response.content.decode()


def test_repeated_failed_log_ins_are_slowed_down(client: Client, ines: User) -> None:
    for _ in range(5):
        client.post("/accounts/login/", {"login": "ines@example.org", "password": "wrong"})
    # Even the right password is refused for a while after too many failures.
    response = client.post(
        "/accounts/login/", {"login": "ines@example.org", "password": PASSWORD}, **FRENCH
    )
    assert response.status_code == 400
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_log_ins_from_one_address_are_slowed_down_across_accounts(client: Client) -> None:
    for attempt in range(10):
        client.post(
            "/accounts/login/", {"login": f"someone{attempt}@example.org", "password": "wrong"}
        )
    response = client.post("/accounts/login/", {"login": "other@example.org", "password": "x"})
    assert response.status_code in (400, 429)
    assert "Trop de" in response.content.decode()


def test_password_reset_sends_a_working_link(client: Client, ines: User) -> None:
    response = client.post("/accounts/password/reset/", {"email": "ines@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[0].body)
    assert link
    form_page = client.get(link.group(1), follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1)
    response = client.post(
        action, {"password1": "nouveau-mot-2-passe", "password2": "nouveau-mot-2-passe"}
    )
    assert response.status_code == 302
    ines.refresh_from_db()
    assert ines.check_password("nouveau-mot-2-passe")


def test_change_email_needs_confirmation_then_says_so(client: Client, ines: User) -> None:
    client.force_login(ines)
    response = client.post(
        "/accounts/email/", {"action_add": "", "email": "ines.nouvelle@example.org"}
    )
    assert response.status_code == 302
    new_address = EmailAddress.objects.get(email="ines.nouvelle@example.org")
    assert not new_address.verified
    client.post(confirmation_link(mail.outbox[-1]))
    new_address.refresh_from_db()
    assert new_address.verified
    notification = Notification.objects.get(recipient=ines)
    assert notification.kind == "email_confirmed"


@pytest.mark.parametrize(
    ("age_days_offset", "is_minor"),
    [(-1, True), (0, False), (1, False)],
)
def test_minor_is_derived_from_the_date_of_birth_to_the_day(
    make_user, age_days_offset: int, is_minor: bool
) -> None:
    user = make_user("thomas@example.org", first_name="Thomas")
    today = timezone.localdate()
    eighteenth_birthday_today = today.replace(year=today.year - 18)
    user.date_of_birth = eighteenth_birthday_today + datetime.timedelta(days=-age_days_offset)
    assert user.is_minor is is_minor


def test_minors_and_adults(yanis: User, ines: User, make_user) -> None:
    nadia = make_user(
        "nadia@example.org",
        role=Role.MENTOR,
        age=None,
        organisation="Mission Locale de Dijon",
        organisation_kind="mission_locale",
    )
    assert yanis.is_minor
    assert not ines.is_minor
    assert not nadia.is_minor
    # Without a known date of birth, a youth is protected as a minor.
    ines.date_of_birth = None
    assert ines.is_minor


def test_dashboard_tells_a_minor_how_they_are_protected(client: Client, yanis: User) -> None:
    client.force_login(yanis)
    html = client.get("/espace/", **FRENCH).content.decode()
    assert "18" in html
