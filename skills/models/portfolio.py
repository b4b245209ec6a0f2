"""The skills-first portfolio: experiences, achievements with evidence, skill levels."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from network.models import Visibility

from ..storage import private_storage
from .taxonomy import SkillConcept, TaggedSkill


class SkillLevel(models.IntegerChoices):
    """A plain, self-assessed scale."""

    DISCOVERING = 1, _("I am discovering it")
    WITH_HELP = 2, _("I can do it with help")
    ALONE = 3, _("I can do it alone")
    CAN_TEACH = 4, _("I can teach it")


def _skills_manager() -> TaggableManager:
    return TaggableManager(through=TaggedSkill, blank=True, verbose_name=_("skills"), help_text="")


class Experience(models.Model):
    """Something a youth did: at school, at work, as a volunteer, at home, at the club."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        TRAINING = "training", _("Training")
        JOB = "job", _("Job or odd job")
        INTERNSHIP = "internship", _("Internship")
        VOLUNTEERING = "volunteering", _("Volunteering")
        CIVIC_SERVICE = "civic_service", _("Civic service")
        SPORT_CLUB = "sport_club", _("Sport or club")
        FAMILY_CARING = "family_caring", _("Family or caring")
        PERSONAL_PROJECT = "personal_project", _("Personal project")
        OTHER = "other", _("Other")

    class Setting(models.TextChoices):
        FORMAL = "formal", _("Formal (school, diploma)")
        NON_FORMAL = "non_formal", _("Non-formal (training, association, club)")
        INFORMAL = "informal", _("Informal (family, everyday life, on my own)")

    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="experiences"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("what it was"), max_length=160)
    organisation_name = models.CharField(_("where (organisation)"), max_length=200, blank=True)
    place = models.CharField(_("town"), max_length=120, blank=True)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("to"), null=True, blank=True)
    description = models.TextField(_("in my own words"), blank=True)
    visibility = models.CharField(
        _("who sees it"), max_length=12, choices=Visibility.choices, default=Visibility.MENTORS
    )
    skills = _skills_manager()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def setting(self) -> str:
        if self.kind in (self.Kind.SCHOOL,):
            return self.Setting.FORMAL
        if self.kind in (self.Kind.FAMILY_CARING, self.Kind.PERSONAL_PROJECT, self.Kind.OTHER):
            return self.Setting.INFORMAL
        return self.Setting.NON_FORMAL


class Achievement(models.Model):
    """A "réussite": something concrete the youth did, shown with evidence."""

    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="achievements"
    )
    experience = models.ForeignKey(
        Experience,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="achievements",
        verbose_name=_("during"),
    )
    title = models.CharField(_("title"), max_length=160)
    what_i_did = models.TextField(_("what I did"))
    achieved_on = models.DateField(_("when"), null=True, blank=True)
    visibility = models.CharField(
        _("who sees it"), max_length=12, choices=Visibility.choices, default=Visibility.MENTORS
    )
    skills = _skills_manager()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("achievement")
        verbose_name_plural = _("achievements")
        ordering = ["-achieved_on", "-id"]

    def __str__(self) -> str:
        return self.title


def evidence_path(evidence: Evidence, filename: str) -> str:
    # Never the uploaded name: it may carry personal data; the extension follows the content.
    return f"evidence/{evidence.achievement.youth_id}/{evidence.stored_name}"


class Evidence(models.Model):
    """A photo, a PDF or a link that shows an achievement."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Photo")
        PDF = "pdf", _("PDF document")
        LINK = "link", _("Link")

    achievement = models.ForeignKey(Achievement, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    file = models.FileField(upload_to=evidence_path, storage=private_storage, blank=True)
    stored_name = models.CharField(max_length=80, blank=True)
    url = models.URLField(_("link"), blank=True)
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    content_type = models.CharField(max_length=60, blank=True)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.caption or self.url or self.stored_name


class ProfileSkill(models.Model):
    """A skill on a youth's profile, with the level they give themselves."""

    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile_skills"
    )
    concept = models.ForeignKey(
        SkillConcept, on_delete=models.PROTECT, related_name="profile_skills"
    )
    level = models.PositiveSmallIntegerField(
        _("my level"), choices=SkillLevel.choices, default=SkillLevel.WITH_HELP
    )
    #: When the youth chose the level themself; empty while it is the default given on tagging.
    level_chosen_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("skill on a profile")
        verbose_name_plural = _("skills on profiles")
        constraints = [
            models.UniqueConstraint(fields=["youth", "concept"], name="profile_skill_unique")
        ]

    def __str__(self) -> str:
        return f"{self.concept} ({self.get_level_display()})"


def document_path(document: PersonalDocument, filename: str) -> str:
    return f"documents/{document.youth_id}/{document.stored_name}"


class PersonalDocument(models.Model):
    """A classic CV or another document a youth keeps, shared with mentors if they choose."""

    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=160)
    file = models.FileField(upload_to=document_path, storage=private_storage)
    stored_name = models.CharField(max_length=80)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    shared_with_mentors = models.BooleanField(_("my mentors can see it"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
