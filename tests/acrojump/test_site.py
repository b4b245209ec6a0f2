"""The site: Wagtail home and guides, the CMS and admin, base template and navigation."""

from __future__ import annotations

import pytest
from django.test import Client
from wagtail.models import Page, Site

from acrojump.cms.models import GuideIndexPage, GuidePage, HomePage
from network.models import Role, User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_home_page_is_created_by_a_migration_and_served_at_the_root(client: Client) -> None:
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert GuideIndexPage.objects.child_of(home).get().slug == "guides"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    assert "compétences" in html
    assert 'href="/accounts/signup/"' in html


def test_guide_published_by_an_editor_is_listed_and_served(client: Client) -> None:
    index = GuideIndexPage.objects.get()
    guide = GuidePage(
        title="Se présenter en ligne",
        slug="se-presenter-en-ligne",
        summary="Ce que voit un recruteur quand il cherche ton nom.",
        body=[
            ("heading", "Ton adresse e-mail"),
            ("paragraph", "<p>Choisis une adresse simple.</p>"),
        ],
    )
    index.add_child(instance=guide)
    guide.save_revision().publish()

    listing = client.get("/guides/").content.decode()
    assert "Se présenter en ligne" in listing
    page = client.get("/guides/se-presenter-en-ligne/")
    assert page.status_code == 200
    assert "Choisis une adresse simple." in page.content.decode()
    assert "Se présenter en ligne" in client.get("/").content.decode()


def test_unpublished_guide_is_not_served(client: Client) -> None:
    index = GuideIndexPage.objects.get()
    draft = GuidePage(title="Brouillon", slug="brouillon", summary="x", body=[], live=False)
    index.add_child(instance=draft)
    assert client.get("/guides/brouillon/").status_code == 404
    assert "Brouillon" not in client.get("/guides/").content.decode()


def test_base_template_has_landmarks_skip_link_and_labelled_language_switch(
    client: Client,
) -> None:
    html = client.get("/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert '<label for="language-select">' in html
    assert "htmx" in html


def test_english_is_available(client: Client) -> None:
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in html
    assert "Your experiences are skills" in html


def test_cms_and_admin_are_for_staff_only(client: Client, make_user) -> None:
    youth = make_user("ines@example.org")
    staff = User.objects.create_superuser(email="editrice@example.org", password=PASSWORD)
    for url in ("/cms/", "/admin/"):
        assert client.get(url).status_code == 302
    client.force_login(youth)
    assert client.get("/cms/").status_code == 302
    assert client.get("/admin/").status_code == 302
    client.force_login(staff)
    assert client.get("/cms/").status_code == 200
    assert client.get("/admin/").status_code == 200
    assert staff.role == Role.STAFF


@pytest.mark.parametrize(
    ("role", "expected", "absent"),
    [
        (Role.YOUTH, ["/espace/", "/guides/", "/accounts/email/"], ["/cms/", "#organisations"]),
        (Role.MENTOR, ["/espace/", "#organisations"], ["/cms/"]),
        (Role.RECRUITER, ["/espace/", "#organisations"], ["/cms/"]),
    ],
)
def test_navigation_fits_each_role(
    client: Client, make_user, role: str, expected: list[str], absent: list[str]
) -> None:
    user = make_user(
        f"{role}@example.org",
        role=role,
        age=19 if role == Role.YOUTH else None,
        organisation="" if role == Role.YOUTH else "Mission Locale de Dijon",
        organisation_kind="mission_locale",
    )
    client.force_login(user)
    nav = client.get("/espace/").content.decode().split('aria-label="', 1)[1].split("</nav>")[0]
    for href in expected:
        assert f'href="{href}"' in nav or href in nav, (role, href)
    for href in absent:
        assert href not in nav, (role, href)


def test_staff_navigation_leads_to_cms_and_admin(client: Client) -> None:
    staff = User.objects.create_superuser(email="editrice@example.org", password=PASSWORD)
    client.force_login(staff)
    html = client.get("/espace/").content.decode()
    assert 'href="/cms/"' in html and 'href="/admin/"' in html


def test_unknown_page_is_a_friendly_404(client: Client) -> None:
    response = client.get("/nowhere/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert (
        "Page introuvable" in response.content.decode() or "existe pas" in response.content.decode()
    )


def test_wagtail_page_tree_has_only_our_home(client: Client) -> None:
    assert Page.objects.filter(depth=2).count() == 1


def test_staff_verify_organisations_in_the_admin(client: Client, make_user) -> None:
    make_user(
        "nadia@example.org",
        first_name="Nadia",
        role=Role.MENTOR,
        age=None,
        organisation="Mission Locale de Dijon",
        organisation_kind="mission_locale",
    )
    staff = User.objects.create_superuser(email="editrice@example.org", password=PASSWORD)
    client.force_login(staff)
    assert client.get("/admin/network/user/").status_code == 200
    listing = client.get("/admin/network/organisation/")
    assert "Mission Locale de Dijon" in listing.content.decode()
    from network.models import Organisation

    organisation = Organisation.objects.get()
    page = client.get(f"/admin/network/organisation/{organisation.pk}/change/")
    assert page.status_code == 200
    assert "Nadia" in page.content.decode()
    response = client.post(
        "/admin/network/organisation/",
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": str(organisation.pk),
            "form-0-verified": "on",
            "_save": "Enregistrer",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.verified
