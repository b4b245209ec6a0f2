"""Writes on occupation pages: pre-filling their skills from ESCO occupation-skill relations."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Case, IntegerField, Value, When

from network.models import User

from .models import OccupationPage, OccupationPageSkill, OccupationSkill


def do_prefill_occupation_skills(page: OccupationPage, *, user: User | None = None) -> int:
    """Give an occupation page the skills ESCO relates to its occupation, essential first.

    Only when the page's latest version has an occupation and no skill at all: a page whose
    editors picked skills is never touched. Works on the latest revision, as the page editor
    does, so a draft is not lost and the editor sees the skills next time; a page that was
    published with no pending draft is published again with its skills, so the live page
    and the editor's view agree.

    Preconditions: the caller may edit the page (an editor in the admin, or a management
    command). Returns how many skills were added.
    """
    with transaction.atomic():
        page = OccupationPage.objects.select_for_update().get(pk=page.pk)
        draft = page.get_latest_revision_as_object()
        if draft.occupation_id is None or list(draft.page_skills.all()):
            return 0
        relations = list(
            OccupationSkill.objects.filter(occupation_id=draft.occupation_id)
            .select_related("skill")
            .order_by(
                Case(
                    When(relation=OccupationSkill.Relation.ESSENTIAL, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
                "skill__name",
                "skill_id",
            )
        )
        if not relations:
            return 0
        draft.page_skills = [
            OccupationPageSkill(skill=relation.skill, relation=relation.relation, sort_order=index)
            for index, relation in enumerate(relations)
        ]
        was_published = page.live and not page.has_unpublished_changes
        revision = draft.save_revision(user=user, log_action=True, clean=False)
        if was_published:
            revision.publish(user=user)
    return len(relations)


def skills_never_chosen_for_occupation(page: OccupationPage) -> bool:
    """True if no version of ``page`` ever had skills along with its current occupation.

    Pre-filling then helps the editor; an editor who removed every skill on purpose keeps
    the page as they left it. Reads the stored revisions' content (no deserialising):
    autosave makes many revisions.
    """
    draft = page.get_latest_revision_as_object()
    if draft.occupation_id is None:
        return False
    for content in page.revisions.values_list("content", flat=True).iterator():
        if content.get("occupation") == draft.occupation_id and content.get("page_skills"):
            return False
    return True
