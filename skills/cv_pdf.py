"""A printable one-page skills CV, in French or English, rendered with WeasyPrint.

Skills come first, grouped by the level the youth gives themself; then achievements with
their dates, the path as a timeline, goals and languages. The CV is made for the youth to
download and hand out themself, so it may carry their name and contact; items they keep
"only for me" stay off it, and they can ask for a version without name and contact.

One page, whatever the portfolio holds: the page is laid out with generous limits first and
with fewer items until it fits.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from network.models import User, Visibility, YouthProfile

from .models import Achievement, Experience, ProfileSkill, SkillLevel

CV_LANGUAGES = ("fr", "en")
TEMPLATE = "skills/cv_pdf.html"


class UnsupportedCvLanguage(ValueError):
    pass


@dataclass(frozen=True)
class CvLimits:
    """How much goes on the page; the layout tries each set until it fits on one page."""

    skills: int
    achievements: int
    experiences: int
    text_chars: int


LIMITS = (
    CvLimits(skills=24, achievements=5, experiences=6, text_chars=220),
    CvLimits(skills=18, achievements=4, experiences=5, text_chars=160),
    CvLimits(skills=14, achievements=3, experiences=4, text_chars=110),
    CvLimits(skills=10, achievements=2, experiences=3, text_chars=70),
    CvLimits(skills=8, achievements=1, experiences=2, text_chars=0),
)


def render_cv_pdf(user: User, *, language: str, include_contact: bool = True) -> bytes:
    """The youth's one-page skills CV as PDF bytes, written in ``language`` (fr or en).

    ``user`` is the youth asking for their own CV.
    """
    if language not in CV_LANGUAGES:
        raise UnsupportedCvLanguage(language)
    # Imported here: WeasyPrint loads Pango and fonts, which only this download needs.
    from weasyprint import HTML

    portfolio = _load_portfolio(user)
    with translation.override(language):
        for limits in LIMITS:
            context = cv_context(
                user, portfolio, language=language, include_contact=include_contact, limits=limits
            )
            html = render_to_string(TEMPLATE, context)
            document = HTML(
                string=html, base_url=str(settings.BASE_DIR), url_fetcher=_refuse_to_fetch
            ).render()
            if len(document.pages) == 1:
                break
        else:
            # Even the smallest layout overflows (very long names or goals): keep page one.
            document = document.copy(document.pages[:1])
        return document.write_pdf()


def _refuse_to_fetch(url: str, *args: object, **kwargs: object) -> None:
    # The CV is self-contained (system fonts, inline CSS): nothing, and above all nothing a
    # youth typed, can make the server fetch a file or a URL while rendering.
    raise ValueError(f"The skills CV loads no external resource ({url}).")


@dataclass
class _Portfolio:
    profile: YouthProfile | None
    profile_skills: list[ProfileSkill]
    achievements: list[Achievement]
    experiences: list[Experience]


def _load_portfolio(user: User) -> _Portfolio:
    # Items the youth keeps "only for me" are notes to self, not something to hand out.
    shown = ~Q(visibility=Visibility.ONLY_ME)
    return _Portfolio(
        profile=YouthProfile.objects.filter(user=user).first(),
        profile_skills=list(ProfileSkill.objects.filter(youth=user).select_related("concept")),
        achievements=list(
            Achievement.objects.filter(shown, youth=user)
            .prefetch_related("skills")
            # Undated items last on every database (PostgreSQL puts NULLs first).
            .order_by(F("achieved_on").desc(nulls_last=True), "-id")[: LIMITS[0].achievements]
        ),
        experiences=list(
            Experience.objects.filter(shown, youth=user).order_by(
                F("started_on").desc(nulls_last=True), "-id"
            )[: LIMITS[0].experiences]
        ),
    )


def cv_context(
    user: User,
    portfolio: _Portfolio,
    *,
    language: str,
    include_contact: bool,
    limits: CvLimits,
) -> dict[str, Any]:
    """What the CV template shows; call it inside ``translation.override(language)``."""
    profile = portfolio.profile
    return {
        "language": language,
        "person": _person(user, profile, include_contact=include_contact),
        "skill_groups": _skill_groups(portfolio.profile_skills, language, limits.skills),
        "achievements": [
            {
                "title": achievement.title,
                "date": _month(achievement.achieved_on),
                "text": _truncate(achievement.what_i_did, limits.text_chars),
                "skills": sorted(concept.label(language) for concept in achievement.skills.all()),
            }
            for achievement in portfolio.achievements[: limits.achievements]
        ],
        "experiences": [
            {
                "title": experience.title,
                "kind": experience.get_kind_display(),
                "where": ", ".join(
                    part for part in (experience.organisation_name, experience.place) if part
                ),
                "dates": _period(experience.started_on, experience.ended_on),
                "text": _truncate(experience.description, limits.text_chars),
            }
            for experience in portfolio.experiences[: limits.experiences]
        ],
        "goals": _truncate(profile.goals, max(limits.text_chars * 2, 160)) if profile else "",
        "languages": _languages(profile.languages) if profile else [],
        "practical": _practical(profile),
        "made_on": formats.date_format(timezone.localdate(), "DATE_FORMAT"),
    }


def _person(user: User, profile: YouthProfile | None, *, include_contact: bool) -> dict[str, str]:
    headline = profile.headline if profile else ""
    if not include_contact:
        return {"name": "", "headline": headline, "email": "", "town": ""}
    return {
        "name": user.get_full_name() or user.first_name,
        "headline": headline,
        "email": user.email,
        "town": user.town,
    }


def _skill_groups(
    profile_skills: list[ProfileSkill], language: str, limit: int
) -> list[dict[str, Any]]:
    """Skills grouped by level, the strongest first; the weakest are dropped when space is short."""
    strongest_first = sorted(
        profile_skills, key=lambda item: (-item.level, item.concept.label(language).lower())
    )[:limit]
    groups = []
    for level in sorted(SkillLevel, key=int, reverse=True):
        labels = [item.concept.label(language) for item in strongest_first if item.level == level]
        if labels:
            groups.append({"level": int(level), "label": str(level.label), "skills": labels})
    return groups


def _truncate(text: str, chars: int) -> str:
    if chars <= 0 or not text:
        return ""
    return Truncator(" ".join(text.split())).chars(chars)


def _month(day: datetime.date | None) -> str:
    return formats.date_format(day, "YEAR_MONTH_FORMAT") if day else ""


def _period(start: datetime.date | None, end: datetime.date | None) -> str:
    if start and end:
        return f"{_month(start)} – {_month(end)}"
    if start:
        return _("since %(month)s") % {"month": _month(start)}
    return _month(end)


def _languages(languages: Any) -> list[str]:
    """The profile keeps languages as plain names or as ``{"name"/"language", "level"}``."""
    shown = []
    for entry in languages if isinstance(languages, list) else []:
        if isinstance(entry, str) and entry.strip():
            shown.append(entry.strip())
        elif isinstance(entry, dict):
            name = entry.get("name") or entry.get("language") or entry.get("label") or ""
            level = entry.get("level") or ""
            if name:
                shown.append(f"{name} ({level})" if level else str(name))
    return shown


def _practical(profile: YouthProfile | None) -> list[str]:
    if profile is None:
        return []
    facts = []
    if profile.available_from:
        facts.append(
            _("Available from %(date)s")
            % {"date": formats.date_format(profile.available_from, "DATE_FORMAT")}
        )
    if profile.mobility_km:
        facts.append(_("Can travel up to %(km)s km") % {"km": profile.mobility_km})
    if profile.driving_licence:
        facts.append(_("Driving licence"))
    return facts
