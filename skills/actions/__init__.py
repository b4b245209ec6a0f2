"""Writes of the portfolio: experiences, achievements, evidence, skills, documents, settings.

``check_*`` functions validate input and business rules (dates, visibility never wider than
the profile, texts fit for recruiters, uploads) and then call the ``do_*`` function, which
writes and schedules side effects with ``transaction.on_commit``. Views own the transaction
and fetch the objects through ``skills.selectors.access_own_*`` (which proves ownership),
so ``do_*`` functions assume the caller is the owner.

Refusals raise ``django.core.exceptions.ValidationError`` (keyed by form field when they
concern one), ``PublicTextFlagged`` or ``skills.uploads.UploadRejected``: nothing is
written in those cases.
"""

from .common import (
    PublicTextFlagged,
    SkillChoice,
    do_add_profile_skills,
    do_propose_skills,
    parse_typed_skills,
)
from .files import (
    check_add_document,
    check_add_evidence_file,
    check_add_evidence_link,
    do_add_document,
    do_add_evidence_file,
    do_add_evidence_link,
    do_delete_document,
    do_delete_evidence,
    do_share_document,
)
from .items import (
    AchievementDetails,
    ExperienceDetails,
    check_save_achievement,
    check_save_experience,
    do_delete_achievement,
    do_delete_experience,
    do_save_achievement,
    do_save_experience,
)
from .profile import (
    ProfileSettings,
    check_set_skill_level,
    check_update_profile_settings,
    do_remove_profile_skill,
    do_set_skill_level,
    do_update_profile_settings,
)

__all__ = [
    "AchievementDetails",
    "ExperienceDetails",
    "ProfileSettings",
    "PublicTextFlagged",
    "SkillChoice",
    "check_add_document",
    "check_add_evidence_file",
    "check_add_evidence_link",
    "check_save_achievement",
    "check_save_experience",
    "check_set_skill_level",
    "check_update_profile_settings",
    "do_add_document",
    "do_add_evidence_file",
    "do_add_evidence_link",
    "do_add_profile_skills",
    "do_delete_achievement",
    "do_delete_document",
    "do_delete_evidence",
    "do_delete_experience",
    "do_propose_skills",
    "do_remove_profile_skill",
    "do_save_achievement",
    "do_save_experience",
    "do_set_skill_level",
    "do_share_document",
    "do_update_profile_settings",
    "parse_typed_skills",
]
