"""The validation mark of a profile page ("validated by X of Y on date", what changed since).

A template tag, so the profile page shows it without its view knowing about validation.
It costs a constant number of queries (see ``validation_selectors.validation_mark``).
"""

from __future__ import annotations

from django import template

from ..selectors import ProfilePage
from ..validation_selectors import ValidationMark, validation_mark

register = template.Library()


@register.simple_tag
def profile_validation_mark(page: ProfilePage) -> ValidationMark | None:
    if not page.reachable:
        return None
    return validation_mark(
        page.owner,
        audience=page.audience,
        shown_skill_uris={
            skill.concept.uri for group in page.skill_groups for skill in group.skills
        },
        shown_achievement_ids={achievement.pk for achievement in page.achievements},
    )
