"""A discoverable profile as recruiters may see it: the document both backends index.

DESIGN.md: a profile reaches search only when the youth opted in (``discoverable``) and lets
recruiters see the profile; the youth's display mode is applied here, before anything is
indexed. An anonymous profile (chosen, or any minor: never named to recruiters) carries no
name, no photo and no town: only its département, and as a place the département's centre.
Only achievements and experiences recruiters may see feed the text.

``build_documents`` works on a batch with a fixed number of queries, so rebuilding the index
costs a few queries per thousand profiles.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone

from network import places
from network.models import DisplayMode, Role, User
from network.privacy import Audience, visible_levels
from skills.models import (
    Achievement,
    Endorsement,
    Evidence,
    Experience,
    ProfileSkill,
    ProfileValidation,
)

from .languages import codes_of
from .models import ProfileDocument
from .taxonomy import Tree, get_tree

#: Text kept from each achievement for the result card's highlights.
CARD_ACHIEVEMENTS = 3
CARD_REASONS = 2
MAX_TEXT = 20_000


def eligible_users(user_ids: Iterable[int] | None = None):
    """Youths whose profile may be in search: opted in, seen by recruiters, active."""
    users = User.objects.filter(
        role=Role.YOUTH,
        is_active=True,
        youth_profile__discoverable=True,
        youth_profile__visibility__in=visible_levels(Audience.RECRUITER),
    )
    if user_ids is not None:
        users = users.filter(pk__in=list(user_ids))
    return users


def build_documents(user_ids: list[int]) -> dict[int, dict[str, Any] | None]:
    """The document of each of ``user_ids``; ``None`` for those who must not be in search."""
    result: dict[int, dict[str, Any] | None] = dict.fromkeys(user_ids)
    users = list(eligible_users(user_ids).select_related("youth_profile"))
    if not users:
        return result
    ids = [user.pk for user in users]
    recruiter_levels = visible_levels(Audience.RECRUITER)
    tree = get_tree()

    skills = defaultdict(list)
    for skill in ProfileSkill.objects.filter(youth_id__in=ids).select_related("concept"):
        skills[skill.youth_id].append(skill)
    endorsements = defaultdict(list)
    for endorsement in Endorsement.objects.filter(
        youth_id__in=ids, status=Endorsement.Status.ACCEPTED
    ).order_by("-weight", "-pk"):
        endorsements[endorsement.youth_id].append(endorsement)
    achievements = defaultdict(list)
    for achievement in Achievement.objects.filter(
        youth_id__in=ids, visibility__in=recruiter_levels
    ).order_by("-achieved_on", "-pk"):
        achievements[achievement.youth_id].append(achievement)
    evidence = dict(
        Evidence.objects.filter(
            achievement__youth_id__in=ids, achievement__visibility__in=recruiter_levels
        )
        .values_list("achievement__youth_id")
        .annotate(n=Count("id"))
    )
    experiences = defaultdict(list)
    for experience in Experience.objects.filter(
        youth_id__in=ids, visibility__in=recruiter_levels
    ).order_by("-started_on", "-pk"):
        experiences[experience.youth_id].append(experience)
    latest_item = _latest_moments(ids)
    validations: dict[int, ProfileValidation] = {}
    for validation in (
        ProfileValidation.objects.filter(
            youth_id__in=ids, status=ProfileValidation.Status.VALIDATED
        )
        .select_related("organisation", "counsellor")
        .order_by("validated_at", "pk")
    ):
        validations[validation.youth_id] = validation  # the last one wins
    known = {
        pk: (listed_at, changed_at, fingerprint)
        for pk, listed_at, changed_at, fingerprint in ProfileDocument.objects.filter(
            pk__in=ids
        ).values_list("pk", "listed_at", "changed_at", "fingerprint")
    }

    now = timezone.now()
    for user in users:
        result[user.pk] = _document(
            user,
            tree=tree,
            skills=skills[user.pk],
            endorsements=endorsements[user.pk],
            achievements=achievements[user.pk],
            experiences=experiences[user.pk],
            evidence_count=evidence.get(user.pk, 0),
            latest=latest_item.get(user.pk),
            validation=validations.get(user.pk),
            listed_at=known[user.pk][0] if user.pk in known else now,
            now=now,
        )
        document = result[user.pk]
        document["fingerprint"] = fingerprint(document)
        if user.pk in known and known[user.pk][2] == document["fingerprint"]:
            document["changed_at"] = known[user.pk][1]
    return result


#: Moments that move without the profile changing for a search.
_NOT_CONTENT = ("listed_at", "changed_at", "last_activity", "fingerprint")


def fingerprint(document: dict[str, Any]) -> str:
    """A digest of what a search can match in ``document``."""
    content = {key: value for key, value in document.items() if key not in _NOT_CONTENT}
    raw = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()


def _latest_moments(ids: list[int]) -> dict[int, datetime.datetime]:
    latest: dict[int, datetime.datetime] = {}
    for model, column in (
        (Achievement, "updated_at"),
        (Experience, "updated_at"),
        (ProfileSkill, "updated_at"),
    ):
        for youth_id, moment in (
            model.objects.filter(youth_id__in=ids).values_list("youth_id").annotate(m=Max(column))
        ):
            if moment and (youth_id not in latest or moment > latest[youth_id]):
                latest[youth_id] = moment
    return latest


def _document(
    user: User,
    *,
    tree: Tree,
    skills: list[ProfileSkill],
    endorsements: list[Endorsement],
    achievements: list[Achievement],
    experiences: list[Experience],
    evidence_count: int,
    latest: datetime.datetime | None,
    validation: ProfileValidation | None,
    listed_at: datetime.datetime,
    now: datetime.datetime,
) -> dict[str, Any]:
    profile = user.youth_profile
    named = profile.display_mode == DisplayMode.NAMED and not user.is_minor
    departement = places.departement_of_town(user.town) if user.town else None
    point = None
    if named:
        place = places.find_place(user.town)
        if place is not None:
            point = {"lat": place.latitude, "lon": place.longitude}
    if point is None and departement is not None:
        centre = places.departement_centroid(departement.code)
        if centre is not None:
            point = {"lat": centre[0], "lon": centre[1]}

    by_concept: dict[int, list[Endorsement]] = defaultdict(list)
    for endorsement in endorsements:
        by_concept[endorsement.concept_id].append(endorsement)

    # The tree: each skill and every broader concept, with the best level below it and
    # whether a skill below it is endorsed.
    nodes: dict[int, dict[str, Any]] = {}
    groups: set[int] = set()
    card_skills = []
    skill_labels: list[str] = []
    for skill in skills:
        concept = skill.concept
        endorsed = bool(by_concept.get(concept.pk))
        for node_id in (concept.pk, *tree.ancestors(concept.pk)):
            node = nodes.setdefault(
                node_id,
                {
                    "uri": tree.uri.get(node_id, concept.uri),
                    "level": 0,
                    "endorsed": False,
                    "direct": False,
                },
            )
            node["level"] = max(node["level"], skill.level)
            node["endorsed"] = node["endorsed"] or endorsed
            if node_id == concept.pk:
                node["direct"] = True
            else:
                skill_labels.extend(tree.labels.get(node_id, ()))
        groups |= tree.facet_groups(concept.pk)
        skill_labels.extend(concept.preferred_labels.values())
        skill_labels.extend(concept.plain_label_fr and [concept.plain_label_fr] or [])
        skill_labels.extend(concept.plain_label_en and [concept.plain_label_en] or [])
        for labels in (concept.alt_labels or {}).values():
            skill_labels.extend(labels if isinstance(labels, list) else [labels])
        given = by_concept.get(concept.pk, [])
        card_skills.append(
            {
                "uri": concept.uri,
                "label": {"fr": concept.label("fr"), "en": concept.label("en")},
                "level": skill.level,
                "endorsements": len(given),
                "reasons": [e.weight_reason for e in given[:CARD_REASONS] if e.weight_reason],
            }
        )
    for node_id in groups:
        if node_id in nodes:
            nodes[node_id]["top_group"] = True
    card_skills.sort(key=lambda s: (-s["endorsements"], -s["level"], s["label"]["fr"]))

    moments = [m for m in (latest, profile.updated_at, user.last_login) if m]
    moments += [e.answered_at for e in endorsements if e.answered_at]
    last_activity = max(moments) if moments else user.date_joined

    return {
        "user_id": user.pk,
        "anonymous": not named,
        "display_name": user.first_name if named else "",
        "town": user.town if named else "",
        "departement_code": departement.code if departement else "",
        "departement_name": departement.name if departement else "",
        "location": point,
        "mobility_km": profile.mobility_km,
        "headline": profile.headline,
        "goals": profile.goals,
        "achievements": [f"{a.title}. {a.what_i_did}" for a in achievements],
        "achievements_text": _clip("\n".join(f"{a.title}. {a.what_i_did}" for a in achievements)),
        "experiences_text": _clip(
            "\n".join(
                " ".join(filter(None, (e.title, e.organisation_name, e.description)))
                for e in experiences
            )
        ),
        "skills_text": _clip("\n".join(dict.fromkeys(label for label in skill_labels if label))),
        "skills": [{**node, "top_group": bool(node.get("top_group"))} for node in nodes.values()],
        "languages": codes_of(profile.languages),
        "available_from": profile.available_from,
        "driving_licence": profile.driving_licence,
        "validated": validation is not None,
        "validated_by": _validated_by(validation),
        "validated_at": validation.validated_at if validation else None,
        "endorsed": bool(endorsements),
        "endorsement_count": len(endorsements),
        "endorsement_weight": round(sum(e.weight for e in endorsements), 3),
        "evidence_count": evidence_count,
        "last_activity": last_activity,
        "listed_at": listed_at,
        "changed_at": now,
        "card": {
            "skills": card_skills,
            "achievements": [
                {"title": a.title, "text": a.what_i_did[:600]}
                for a in achievements[:CARD_ACHIEVEMENTS]
            ],
            "headline": profile.headline,
        },
    }


def _validated_by(validation: ProfileValidation | None) -> str:
    if validation is None:
        return ""
    if validation.organisation is not None:
        return validation.organisation.name
    return validation.counsellor.display_name if validation.counsellor else ""


def _clip(text: str) -> str:
    return text[:MAX_TEXT]
