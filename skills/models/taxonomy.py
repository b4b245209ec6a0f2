"""The skills taxonomy: ESCO concepts, their hierarchy and a plain-language layer.

Concepts are django-taggit tags (``SkillConcept`` is the tag model, ``TaggedSkill`` the
through model), so experiences, achievements and opportunities are tagged with concepts,
never with loose strings.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from taggit.models import GenericTaggedItemBase, TagBase

#: Concepts of the project's own starter taxonomy that have no ESCO equivalent live here.
ACROJUMP_URI_PREFIX = "https://acrojump.fr/skill/"
ESCO_URI_PREFIX = "http://data.europa.eu/esco/"


class ConceptType(models.TextChoices):
    SKILL = "skill", _("Skill or competence")
    KNOWLEDGE = "knowledge", _("Knowledge")
    GROUP = "group", _("Skill group")


class ReuseLevel(models.TextChoices):
    TRANSVERSAL = "transversal", _("Transversal")
    CROSS_SECTOR = "cross-sector", _("Cross-sector")
    SECTOR_SPECIFIC = "sector-specific", _("Sector-specific")
    OCCUPATION_SPECIFIC = "occupation-specific", _("Occupation-specific")


class SkillConcept(TagBase):
    """One concept of the taxonomy (ESCO or the project's own), used as a tag.

    ``name`` is the French preferred label (the default language); the labels of every
    language live in ``preferred_labels`` / ``alt_labels`` / ``descriptions``, keyed by
    language code (``fr``, ``en``, ``es``). ``plain_label_*`` and ``plain_sentence_*`` are the
    everyday words youths read, written by editors.
    """

    # Labels are not unique across ESCO concepts; the URI and the slug are.
    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=True)
    uri = models.URLField(_("URI"), max_length=255, unique=True)
    concept_type = models.CharField(
        _("type"), max_length=16, choices=ConceptType.choices, default=ConceptType.SKILL
    )
    reuse_level = models.CharField(
        _("reuse level"), max_length=24, choices=ReuseLevel.choices, blank=True
    )
    preferred_labels = models.JSONField(_("preferred labels"), default=dict, blank=True)
    alt_labels = models.JSONField(_("alternative labels"), default=dict, blank=True)
    descriptions = models.JSONField(_("descriptions"), default=dict, blank=True)
    plain_label_fr = models.CharField(_("everyday label (French)"), max_length=120, blank=True)
    plain_label_en = models.CharField(_("everyday label (English)"), max_length=120, blank=True)
    plain_sentence_fr = models.CharField(
        _("one everyday sentence (French)"), max_length=300, blank=True
    )
    plain_sentence_en = models.CharField(
        _("one everyday sentence (English)"), max_length=300, blank=True
    )
    #: Part of the project's starter taxonomy (shown first, loaded by a migration).
    is_starter = models.BooleanField(_("starter skill"), default=False)
    broader = models.ManyToManyField(
        "self", symmetrical=False, related_name="narrower", blank=True, verbose_name=_("broader")
    )

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        indexes = [models.Index(fields=["concept_type", "is_starter"])]

    def __str__(self) -> str:
        return self.label()

    def label(self, language: str | None = None) -> str:
        """What a youth reads: the everyday label, else ESCO's preferred label."""
        language = (language or translation.get_language() or "fr")[:2]
        plain = self.plain_label_en if language == "en" else self.plain_label_fr
        if plain:
            return plain
        return (
            self.preferred_labels.get(language)
            or self.preferred_labels.get("fr")
            or self.preferred_labels.get("en")
            or self.name
        )

    def sentence(self, language: str | None = None) -> str:
        language = (language or translation.get_language() or "fr")[:2]
        plain = self.plain_sentence_en if language == "en" else self.plain_sentence_fr
        return plain or self.descriptions.get(language, "")

    @property
    def is_esco(self) -> bool:
        return self.uri.startswith(ESCO_URI_PREFIX)


class TaggedSkill(GenericTaggedItemBase):
    """A skill concept attached to an experience, an achievement or (later) an opportunity."""

    tag = models.ForeignKey(SkillConcept, on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = _("tagged skill")
        verbose_name_plural = _("tagged skills")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "tag"], name="tagged_skill_unique"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]


class SkillProposal(models.Model):
    """Words a youth typed that match no concept: kept for editors to map or add."""

    class Status(models.TextChoices):
        NEW = "new", _("To review")
        MAPPED = "mapped", _("Mapped to a skill")
        ADDED = "added", _("Added as a new skill")
        REJECTED = "rejected", _("Not a skill")

    text = models.CharField(_("text"), max_length=200)
    language = models.CharField(_("language"), max_length=8, default="fr")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="skill_proposals",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    concept = models.ForeignKey(
        SkillConcept,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("mapped to"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("skill proposal")
        verbose_name_plural = _("skill proposals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text


class Occupation(models.Model):
    """An ESCO occupation, with its essential and optional skills."""

    uri = models.URLField(max_length=255, unique=True)
    isco_group = models.CharField(max_length=8, blank=True)
    preferred_labels = models.JSONField(default=dict, blank=True)
    alt_labels = models.JSONField(default=dict, blank=True)
    descriptions = models.JSONField(default=dict, blank=True)
    skills = models.ManyToManyField(SkillConcept, through="OccupationSkill", related_name="+")

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return self.label()

    def label(self, language: str | None = None) -> str:
        language = (language or translation.get_language() or "fr")[:2]
        return (
            self.preferred_labels.get(language)
            or self.preferred_labels.get("fr")
            or self.preferred_labels.get("en")
            or self.uri
        )


class OccupationSkill(models.Model):
    class Relation(models.TextChoices):
        ESSENTIAL = "essential", _("Essential")
        OPTIONAL = "optional", _("Optional")

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, related_name="skill_relations"
    )
    skill = models.ForeignKey(
        SkillConcept, on_delete=models.CASCADE, related_name="occupation_relations"
    )
    relation = models.CharField(max_length=10, choices=Relation.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="occupation_skill_unique")
        ]

    def __str__(self) -> str:
        return f"{self.occupation} → {self.skill} ({self.relation})"
