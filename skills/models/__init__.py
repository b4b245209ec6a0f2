from .endorsements import (
    BadgeAssertion,
    Endorsement,
    EndorsementInvitation,
    IssuerKey,
    ProfileValidation,
    Relationship,
)
from .occupation_pages import OccupationIndexPage, OccupationPage, OccupationPageSkill
from .portfolio import (
    Achievement,
    Evidence,
    Experience,
    PersonalDocument,
    ProfileSkill,
    SkillLevel,
)
from .taxonomy import (
    ConceptType,
    Occupation,
    OccupationSkill,
    ReuseLevel,
    SkillConcept,
    SkillProposal,
    TaggedSkill,
)

__all__ = [
    "BadgeAssertion",
    "Endorsement",
    "EndorsementInvitation",
    "IssuerKey",
    "ProfileValidation",
    "Relationship",
    "Achievement",
    "ConceptType",
    "Evidence",
    "Experience",
    "Occupation",
    "OccupationIndexPage",
    "OccupationPage",
    "OccupationPageSkill",
    "OccupationSkill",
    "PersonalDocument",
    "ProfileSkill",
    "ReuseLevel",
    "SkillConcept",
    "SkillLevel",
    "SkillProposal",
    "TaggedSkill",
]
