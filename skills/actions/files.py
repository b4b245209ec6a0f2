"""Evidence on achievements (photos, PDFs, links) and personal documents (CV...).

Files are checked and cleaned by ``skills.uploads`` and stored under a random name; they are
only ever served by a view that checks permission (``skills.views.files``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from network.models import User

from .. import selectors
from ..models import Achievement, Evidence, PersonalDocument
from ..storage import private_storage
from ..uploads import IMAGE, PDF, CheckedFile, check_upload
from .common import (
    MAX_DOCUMENTS,
    MAX_EVIDENCE_PER_ACHIEVEMENT,
    delete_files_on_commit,
    refuse_flagged_public_texts,
    store_file,
)

# --- Evidence ------------------------------------------------------------------------------


def _check_room_for_evidence(achievement: Achievement) -> None:
    if achievement.evidence.count() >= MAX_EVIDENCE_PER_ACHIEVEMENT:
        raise ValidationError(
            _("This achievement already has %(count)s pieces of evidence: remove one first.")
            % {"count": MAX_EVIDENCE_PER_ACHIEVEMENT}
        )


def _check_caption(caption: str, achievement: Achievement, keep_my_words: bool) -> None:
    refuse_flagged_public_texts(
        {"caption": caption},
        visibility=achievement.visibility,
        profile=selectors.profile_of(achievement.youth),
        keep_my_words=keep_my_words,
    )


def check_add_evidence_file(
    youth: User,
    *,
    achievement: Achievement,
    upload: UploadedFile,
    caption: str = "",
    keep_my_words: bool = False,
) -> Evidence:
    """Add a photo or a PDF to one of ``youth``'s achievements (fetched with
    ``access_own_achievement``). Raises ``UploadRejected`` for a file we do not keep."""
    _check_room_for_evidence(achievement)
    _check_caption(caption, achievement, keep_my_words)
    checked = check_upload(upload)
    return do_add_evidence_file(youth, achievement=achievement, checked=checked, caption=caption)


def do_add_evidence_file(
    youth: User, *, achievement: Achievement, checked: CheckedFile, caption: str = ""
) -> Evidence:
    stored_name, path = store_file(lambda name: f"evidence/{youth.pk}/{name}", checked)
    try:
        with transaction.atomic():
            evidence = Evidence.objects.create(
                achievement=achievement,
                kind=Evidence.Kind.IMAGE if checked.kind == IMAGE else Evidence.Kind.PDF,
                file=path,
                stored_name=stored_name,
                caption=caption.strip()[:200],
                content_type=checked.content_type,
                size=checked.size,
            )
    except Exception:
        private_storage().delete(path)  # no row points to it: do not leave it behind
        raise
    return evidence


def check_add_evidence_link(
    youth: User,
    *,
    achievement: Achievement,
    url: str,
    caption: str = "",
    keep_my_words: bool = False,
) -> Evidence:
    """Add a link (http or https only) to one of ``youth``'s achievements."""
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise ValidationError({"url": _("Paste a web address that starts with https://")})
    _check_room_for_evidence(achievement)
    _check_caption(caption, achievement, keep_my_words)
    return do_add_evidence_link(youth, achievement=achievement, url=url, caption=caption)


def do_add_evidence_link(
    youth: User, *, achievement: Achievement, url: str, caption: str = ""
) -> Evidence:
    return Evidence.objects.create(
        achievement=achievement, kind=Evidence.Kind.LINK, url=url, caption=caption.strip()[:200]
    )


def do_delete_evidence(youth: User, *, evidence: Evidence) -> None:
    name = evidence.file.name
    evidence.delete()
    delete_files_on_commit([name])


# --- Personal documents --------------------------------------------------------------------


def check_add_document(
    youth: User, *, title: str, upload: UploadedFile, shared_with_mentors: bool = False
) -> PersonalDocument:
    """Keep a CV or another document (PDF or photo) for ``youth``."""
    if not title.strip():
        raise ValidationError({"title": _("Give the document a name, for example “Mon CV”.")})
    if PersonalDocument.objects.filter(youth=youth).count() >= MAX_DOCUMENTS:
        raise ValidationError(
            _("You already keep %(count)s documents: remove one first.") % {"count": MAX_DOCUMENTS}
        )
    checked = check_upload(upload, allowed=frozenset({IMAGE, PDF}))
    return do_add_document(
        youth, title=title, checked=checked, shared_with_mentors=shared_with_mentors
    )


def do_add_document(
    youth: User, *, title: str, checked: CheckedFile, shared_with_mentors: bool = False
) -> PersonalDocument:
    stored_name, path = store_file(lambda name: f"documents/{youth.pk}/{name}", checked)
    try:
        with transaction.atomic():
            return PersonalDocument.objects.create(
                youth=youth,
                title=title.strip()[:160],
                file=path,
                stored_name=stored_name,
                content_type=checked.content_type,
                size=checked.size,
                shared_with_mentors=shared_with_mentors,
            )
    except Exception:
        private_storage().delete(path)
        raise


def do_share_document(youth: User, *, document: PersonalDocument, shared: bool) -> None:
    document.shared_with_mentors = shared
    document.save(update_fields=["shared_with_mentors"])


def do_delete_document(youth: User, *, document: PersonalDocument) -> None:
    name = document.file.name
    document.delete()
    delete_files_on_commit([name])
