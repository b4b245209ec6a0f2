"""Portfolio pages: parse, call one selector or action, render.

Someone else's item answers 404 whatever the URL or id; people without an account get the
log-in page for the pages of their own portfolio, and 404 for private things of others
(a profile page sends them to log in, since logging in may make it visible).
"""

from .files import (
    document_delete,
    document_file,
    document_list,
    document_share,
    evidence_add_file,
    evidence_add_link,
    evidence_delete,
    evidence_file,
)
from .items import (
    achievement_delete,
    achievement_detail,
    achievement_edit,
    achievement_list,
    achievement_new,
    experience_delete,
    experience_edit,
    experience_list,
    experience_new,
)
from .profile import (
    my_profile,
    my_skills,
    profile,
    profile_preview,
    profile_settings,
    skill_level,
    skill_remove,
)

__all__ = [
    "achievement_delete",
    "achievement_detail",
    "achievement_edit",
    "achievement_list",
    "achievement_new",
    "document_delete",
    "document_file",
    "document_list",
    "document_share",
    "evidence_add_file",
    "evidence_add_link",
    "evidence_delete",
    "evidence_file",
    "experience_delete",
    "experience_edit",
    "experience_list",
    "experience_new",
    "my_profile",
    "my_skills",
    "profile",
    "profile_preview",
    "profile_settings",
    "skill_level",
    "skill_remove",
]
