"""The readable copy of the personal-data export: every section of ``collect_user_data`` as a
PDF, in the person's language, rendered with WeasyPrint.

The renderer knows no section: it walks the JSON-ready data (dicts become tables of labels
and values, lists become lists or numbered entries, nested parts get sub-headings), so a
section another app registers appears in the PDF without any change here. Field names
get a readable label from ``FIELD_LABELS`` (or their name in words), section names from
the export registry's titles. Technical ids and codes that have a label next to them
(``status`` with ``status_label``) stay in the JSON download only.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from network.models import User

from .export import META_KEY, collect_user_data, section_title

TEMPLATE = "network/privacy/data_pdf.html"
#: Deepest heading used for nested parts (h2 is a section).
DEEPEST_HEADING = 6
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")

FIELD_LABELS = {
    "about": gettext_lazy("About"),
    "achieved_on": gettext_lazy("Date"),
    "answered_at": gettext_lazy("Answered on"),
    "appointment_place": gettext_lazy("Place of the appointment"),
    "asked_by_me": gettext_lazy("I asked"),
    "attachment": gettext_lazy("Attachment"),
    "author": gettext_lazy("Written by"),
    "available_from": gettext_lazy("Available from"),
    "can_manage": gettext_lazy("Can manage the organisation"),
    "caption": gettext_lazy("Caption"),
    "comment": gettext_lazy("Comment"),
    "content_type": gettext_lazy("File type"),
    "context": gettext_lazy("Where and when"),
    "counsellor": gettext_lazy("Counsellor"),
    "created_at": gettext_lazy("Created on"),
    "date_joined": gettext_lazy("Account created on"),
    "date_of_birth": gettext_lazy("Date of birth"),
    "decided_at": gettext_lazy("Decided on"),
    "description": gettext_lazy("Description"),
    "details": gettext_lazy("Details"),
    "discoverable": gettext_lazy("Can be found by recruiters"),
    "display_mode": gettext_lazy("Shown to recruiters"),
    "driving_licence": gettext_lazy("Driving licence"),
    "edited_at": gettext_lazy("Edited on"),
    "email": gettext_lazy("E-mail address"),
    "email_addresses": gettext_lazy("E-mail addresses"),
    "email_confirmed_at": gettext_lazy("E-mail confirmed on"),
    "endorsed_by_email": gettext_lazy("Endorsed through an e-mail link"),
    "endorsements": gettext_lazy("Endorsements"),
    "endorser_name": gettext_lazy("Endorsed by"),
    "ended_at": gettext_lazy("Ended on"),
    "ended_on": gettext_lazy("Ended on"),
    "evidence": gettext_lazy("Evidence"),
    "expires_at": gettext_lazy("Expires on"),
    "exported_at": gettext_lazy("Downloaded on"),
    "file_name": gettext_lazy("File"),
    "first_name": gettext_lazy("First name"),
    "follow_requests": gettext_lazy("Follow-up requests"),
    "from": gettext_lazy("From"),
    "from_me": gettext_lazy("Sent by me"),
    "function": gettext_lazy("Function"),
    "goals": gettext_lazy("Goals"),
    "handled_at": gettext_lazy("Handled on"),
    "headline": gettext_lazy("Headline"),
    "hidden_at": gettext_lazy("Hidden by moderation on"),
    "image_description": gettext_lazy("Image description"),
    "image_file": gettext_lazy("Image"),
    "invitations": gettext_lazy("Invitations"),
    "issued_at": gettext_lazy("Awarded on"),
    "issuer": gettext_lazy("Awarded by"),
    "joined_at": gettext_lazy("Joined on"),
    "kind": gettext_lazy("Kind"),
    "language": gettext_lazy("Language"),
    "languages": gettext_lazy("Languages"),
    "last_login": gettext_lazy("Last login"),
    "last_name": gettext_lazy("Last name"),
    "left_at": gettext_lazy("Left on"),
    "level": gettext_lazy("Level"),
    "level_seen": gettext_lazy("Level seen"),
    "link": gettext_lazy("Link"),
    "mapped_to": gettext_lazy("Matched skill"),
    "mentor": gettext_lazy("Mentor"),
    "mentor_decided_at": gettext_lazy("Mentor's decision on"),
    "mentor_note": gettext_lazy("Note from the mentor"),
    "mentorships": gettext_lazy("Mentorships"),
    "message": gettext_lazy("Message"),
    "messages": gettext_lazy("Messages"),
    "mobility_km": gettext_lazy("Can travel (km)"),
    "my_note": gettext_lazy("My note"),
    "name": gettext_lazy("Name"),
    "observed": gettext_lazy("What was seen"),
    "open_badges_2": gettext_lazy("Open Badges 2.0 link"),
    "open_badges_3": gettext_lazy("Open Badges 3.0 link"),
    "organisation": gettext_lazy("Organisation"),
    "organisation_name": gettext_lazy("Organisation"),
    "params": gettext_lazy("Details"),
    "participants": gettext_lazy("Other participants"),
    "person": gettext_lazy("Person"),
    "place": gettext_lazy("Place"),
    "primary": gettext_lazy("Main address"),
    "proposed_appointment": gettext_lazy("Appointment proposed"),
    "read_at": gettext_lazy("Read on"),
    "reason": gettext_lazy("Reason"),
    "received": gettext_lazy("Received"),
    "recruiter": gettext_lazy("Recruiter"),
    "relationship": gettext_lazy("How they know me"),
    "requested_at": gettext_lazy("Asked on"),
    "responded_at": gettext_lazy("Answered on"),
    "reviewed_as_mentor": gettext_lazy("Reviewed as a mentor"),
    "revocation_reason": gettext_lazy("Why it was revoked"),
    "revoked_at": gettext_lazy("Revoked on"),
    "role": gettext_lazy("Role"),
    "sent": gettext_lazy("Sent"),
    "sent_at": gettext_lazy("Sent on"),
    "shared_with_mentors": gettext_lazy("My mentors can see it"),
    "shared_with_organisation": gettext_lazy("Shared with the organisation"),
    "size": gettext_lazy("Size (bytes)"),
    "skill": gettext_lazy("Skill"),
    "skills": gettext_lazy("Skills"),
    "snapshot": gettext_lazy("The profile when validated"),
    "started_at": gettext_lazy("Started on"),
    "started_on": gettext_lazy("Started on"),
    "status": gettext_lazy("Status"),
    "subject": gettext_lazy("About"),
    "taken_by": gettext_lazy("Taken by"),
    "text": gettext_lazy("Text"),
    "title": gettext_lazy("Title"),
    "town": gettext_lazy("Town"),
    "updated_at": gettext_lazy("Updated on"),
    "url": gettext_lazy("Link"),
    "used_at": gettext_lazy("Used on"),
    "validated_at": gettext_lazy("Validated on"),
    "verified": gettext_lazy("Confirmed"),
    "visibility": gettext_lazy("Who can see it"),
    "weight": gettext_lazy("Weight"),
    "weight_reason": gettext_lazy("Why this weight"),
    "what_i_did": gettext_lazy("What I did"),
    "withdrawn_at": gettext_lazy("Withdrawn on"),
    "youth": gettext_lazy("Young person"),
}
#: Keys kept out of the readable copy: technical ids and export bookkeeping.
HIDDEN_KEYS = frozenset({"id", "format", "version", "sections", "uri"})


@dataclass
class Block:
    """One piece of the page: a heading, a table of label/value rows, a list, or a note."""

    kind: str  # "heading" | "table" | "list" | "empty"
    level: int = 3
    text: str = ""
    rows: list[tuple[str, str]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass
class Section:
    name: str
    title: str
    blocks: list[Block]


def render_data_pdf(user: User) -> bytes:
    """Everything AcroJump holds about ``user`` (the person asking), as readable PDF bytes."""
    # Imported here: WeasyPrint loads Pango and fonts, which only this download needs.
    from weasyprint import HTML

    language = user.language or settings.LANGUAGE_CODE
    data = collect_user_data(user)
    with translation.override(language):
        html = render_to_string(TEMPLATE, data_pdf_context(user, data, language=language))
        return HTML(
            string=html, base_url=str(settings.BASE_DIR), url_fetcher=_refuse_to_fetch
        ).write_pdf()


def _refuse_to_fetch(url: str, *args: object, **kwargs: object) -> None:
    # Self-contained document: nothing a person typed can make the server fetch a URL.
    raise ValueError(f"The data PDF loads no external resource ({url}).")


def data_pdf_context(user: User, data: dict[str, Any], *, language: str) -> dict[str, Any]:
    """What the PDF template shows; call it inside ``translation.override(language)``."""
    meta = data.get(META_KEY, {})
    sections = [
        Section(name=name, title=section_title(name), blocks=blocks_for(value, level=3))
        for name, value in data.items()
        if name != META_KEY
    ]
    return {
        "language": language,
        "name": user.get_full_name() or user.first_name or user.email,
        "exported_at": _value("exported_at", meta.get("exported_at")),
        "sections": sections,
    }


def blocks_for(value: Any, *, level: int) -> list[Block]:
    """The blocks showing ``value`` (a section's data or a part of it)."""
    level = min(level, DEEPEST_HEADING)
    if _is_empty(value):
        return [Block(kind="empty", text=_("Nothing here."))]
    if isinstance(value, dict):
        return _dict_blocks(value, level=level)
    if isinstance(value, list):
        if all(_is_scalar(item) or _is_skill(item) for item in value):
            return [Block(kind="list", items=[_value("", item) for item in value])]
        blocks = []
        for number, item in enumerate(value, start=1):
            blocks.append(Block(kind="heading", level=level, text=f"{number}."))
            blocks += blocks_for(item, level=level + 1)
        return blocks
    return [Block(kind="table", rows=[("", _value("", value))])]


def _dict_blocks(value: dict[str, Any], *, level: int) -> list[Block]:
    rows: list[tuple[str, str]] = []
    nested: list[Block] = []
    for key, item in value.items():
        if key in HIDDEN_KEYS or key.endswith("_id") or key.endswith("_label"):
            continue
        shown = value.get(f"{key}_label", item)
        if _is_scalar(shown) or _is_skill(shown) or _is_scalar_list(shown):
            rows.append((_label(key), _value(key, shown)))
        else:
            nested.append(Block(kind="heading", level=level, text=_label(key)))
            nested += blocks_for(shown, level=level + 1)
    blocks = [Block(kind="table", rows=rows)] if rows else []
    return blocks + nested


def _label(key: str) -> str:
    label = FIELD_LABELS.get(key)
    return str(label) if label is not None else capfirst(key.replace("_", " "))


def _value(key: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if _is_skill(value):
        return str(value.get("label") or value.get("uri"))
    if isinstance(value, list):
        return ", ".join(_value(key, item) for item in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{_label(k)}: {_value(k, v)}" for k, v in value.items())
    if key == "language" and value in dict(settings.LANGUAGES):
        return str(translation.get_language_info(value)["name_translated"])
    if isinstance(value, str):
        return _readable_date(value) or value
    if isinstance(value, float):
        return formats.number_format(value, decimal_pos=2)
    return str(value)


def _readable_date(text: str) -> str | None:
    """ISO dates and times of the export, written the way the reader's language writes them."""
    if _DATETIME.match(text):
        moment = parse_datetime(text)
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "DATETIME_FORMAT")
    elif _DATE.match(text):
        day = parse_date(text)
        if isinstance(day, datetime.date):
            return formats.date_format(day, "DATE_FORMAT")
    return None


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _is_scalar_list(value: Any) -> bool:
    return isinstance(value, list) and all(_is_scalar(item) or _is_skill(item) for item in value)


def _is_skill(value: Any) -> bool:
    # A skill is exported as {"uri", "label"}: the label is what a reader needs.
    return isinstance(value, dict) and set(value) == {"uri", "label"}


def _is_empty(value: Any) -> bool:
    return value is None or value == [] or value == {} or value == ""
