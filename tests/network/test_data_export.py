"""Downloading one's data: the network's sections of the JSON export (what is the person's,
and only that) and the readable PDF of every section, in the person's language."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from network.models import (
    Connection,
    ContactRequest,
    Conversation,
    Message,
    Participant,
    Post,
    Role,
    User,
)
from skills import export
from skills.export import collect_user_data, export_section, section_title

from .test_account_deletion import RichAccount, build_rich_account

pytestmark = pytest.mark.django_db

JSON_URL = "/skills/export/data.json"
PDF_URL = "/skills/export/data.pdf"
FRENCH_MONTHS = (
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
).split()


@pytest.fixture
def rich(make_user, ines, nadia, recruiter) -> RichAccount:
    return build_rich_account(make_user, ines, nadia, recruiter)


def make_another(number: int) -> User:
    return User.objects.create_user(f"person{number}@example.org", role=Role.YOUTH)


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_json_export_has_everything_about_me_in_the_network(rich: RichAccount) -> None:
    response = logged_in(rich.youth).get(JSON_URL)

    assert response.status_code == 200
    data = json.loads(response.content)
    for section in (
        "connections",
        "organisations_followed",
        "posts",
        "comments",
        "bravos",
        "conversations",
        "contact_requests",
        "blocks",
        "reports",
    ):
        assert section in data["export"]["sections"]
    assert {c["person"] for c in data["connections"]} == {"Leïla", "Yanis"}
    assert [o["organisation"] for o in data["organisations_followed"]] == ["Banque alimentaire"]
    [post] = data["posts"]
    assert post["text"] == "INES-POST première collecte !"
    assert post["image_file"]
    assert [c["text"] for c in data["comments"]] == ["INES-COMMENT super"]
    assert len(data["bravos"]) == 1
    texts = [m["text"] for c in data["conversations"] for m in c["messages"]]
    assert {"LEILA-MSG tu viens samedi ?", "INES-MSG oui, à samedi", "YANIS-GROUP merci"} <= set(
        texts
    )
    group = next(c for c in data["conversations"] if c["title"] == "Collecte")
    [with_file] = [m for m in group["messages"] if m["attachment"]]
    assert with_file["from_me"] is True
    assert [r["message"] for r in data["contact_requests"]["received"]] == [
        "INES-REQUEST un poste de préparatrice ?"
    ]
    # From the portfolio side, the same download: notes about me, endorsements both ways.
    assert [n["text"] for n in data["mentor_notes"]] == [
        "INES-NOTE motivée, cherche la logistique."
    ]
    assert [e["observed"] for e in data["endorsements_received"]["endorsements"]] == [
        "Elle a animé le tri des dons avec calme."
    ]
    assert [e["observed"] for e in data["endorsements_given"]] == [
        "INES-GAVE il a arbitré trois matchs."
    ]
    assert [b["person"] for b in data["blocks"]] == ["Yanis"]
    assert [r["details"] for r in data["reports"]] == ["INES-REPORT offre bizarre"]


def test_json_export_leaves_out_other_peoples_private_data(rich: RichAccount) -> None:
    body = logged_in(rich.youth).get(JSON_URL).content.decode()

    # Notes Nadia wrote about another youth, the recruiter's block of Ines, the report
    # about Ines and its moderation excerpt are not hers to read.
    assert "YANIS-NOTE" not in body
    assert "ABOUT-INES" not in body
    data = json.loads(body)
    assert all(block["person"] != rich.recruiter.display_name for block in data["blocks"])
    assert "excerpt" not in json.dumps(data["reports"])
    assert "password" not in body


def test_a_recruiter_export_never_names_a_minor(make_user, recruiter) -> None:
    yanis = make_user("yanis@example.org", first_name="Yanis", age=17)
    ContactRequest.objects.create(
        recruiter=recruiter,
        youth=yanis,
        message="Un stage ?",
        status=ContactRequest.Status.WAITING_FOR_MENTOR,
    )

    [sent] = collect_user_data(recruiter)["contact_requests"]["sent"]

    assert sent["message"] == "Un stage ?"
    assert "Yanis" not in sent["youth"]


def test_network_sections_take_the_same_queries_however_much_there_is(
    rich: RichAccount, django_assert_max_num_queries
) -> None:
    from skills.export import _SECTIONS

    network_sections = [
        function for function in _SECTIONS.values() if function.__module__.startswith("network.")
    ]

    def collect() -> None:
        for section in network_sections:
            section(rich.youth)

    with django_assert_max_num_queries(40) as few:
        collect()
    for number in range(3):
        conversation = Conversation.objects.create(kind=Conversation.Kind.GROUP, title=f"G{number}")
        for person in (rich.youth, rich.friend):
            Participant.objects.create(conversation=conversation, user=person)
        for sender in (rich.youth, rich.friend):
            Message.objects.create(conversation=conversation, sender=sender, client_id=f"{number}")
        Post.objects.create(author=rich.youth, text=f"POST {number}")
        Connection.objects.create(requester=rich.youth, addressee=make_another(number))
    with django_assert_max_num_queries(len(few.captured_queries)):
        collect()


def test_readable_pdf_in_french_has_every_section(rich: RichAccount) -> None:
    Post.objects.create(author=rich.youth, text="<script>alert('x')</script> & co")
    response = logged_in(rich.youth).get(PDF_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    text = pdf_text(response.content)
    for marker in (
        "INES-POST",
        "INES-NOTE",
        "INES-MSG",
        "LEILA-MSG",
        "INES-COMMENT",
        "INES-GAVE",
        "INES-REPORT",
        "INES-REQUEST",
        "Elle a animé le tri des dons",
        "<script>alert('x')</script> & co",
    ):
        assert marker in text, marker
    assert "YANIS-NOTE" not in text
    assert any(month in text for month in FRENCH_MONTHS)
    with translation.override("fr"):
        for name in export.registered_sections():
            assert section_title(name) in text, name


def test_readable_pdf_follows_the_account_language(ines) -> None:
    ines.language = "en"
    ines.save(update_fields=["language"])

    response = logged_in(ines).get(PDF_URL)

    assert response.status_code == 200
    assert PdfReader(io.BytesIO(response.content)).trailer["/Root"]["/Lang"] == "en"
    with translation.override("en"):
        assert section_title("conversations") in pdf_text(response.content)
        assert gettext("My data on AcroJump") in pdf_text(response.content)


def test_a_new_section_appears_in_the_pdf_without_changing_the_renderer(ines) -> None:
    @export_section("test_club_licences", title="Club licences")
    def licences(user: User) -> list[dict[str, object]]:
        return [{"club": "FC Roubaix", "season": "2025-2026", "details": {"paid": True}}]

    try:
        response = logged_in(ines).get(PDF_URL)
    finally:
        export._SECTIONS.pop("test_club_licences", None)
        export._TITLES.pop("test_club_licences", None)

    text = pdf_text(response.content)
    assert "Club licences" in text
    assert "FC Roubaix" in text
    assert "2025-2026" in text


def test_anonymous_visitors_cannot_download(client: Client) -> None:
    for url in (PDF_URL, JSON_URL):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


def test_each_download_is_about_the_person_logged_in(rich: RichAccount) -> None:
    # No id in the URL: Leïla's download has her own post, not Ines's.
    data = json.loads(logged_in(rich.friend).get(JSON_URL).content)

    assert data["account"]["email"] == "leila@example.org"
    assert [post["text"] for post in data["posts"]] == ["Mon stage commence"]
    assert "INES-NOTE" not in json.dumps(data)
