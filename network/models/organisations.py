from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A Mission Locale, school, club, association or company, with its members."""

    class Kind(models.TextChoices):
        MISSION_LOCALE = "mission_locale", _("Mission Locale")
        SCHOOL = "school", _("School or training centre")
        CLUB = "club", _("Sports club or youth centre")
        ASSOCIATION = "association", _("Association")
        COMPANY = "company", _("Company or employers' group")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    town = models.CharField(_("town"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    # Set by staff once they have checked the organisation exists: mentors of a verified
    # organisation are trusted more (endorsement weight, validation for recruiters).
    verified = models.BooleanField(_("verified by AcroJump"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations"
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "kind", name="organisation_unique_name_kind")
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person working or volunteering in an organisation, with their function there."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    function = models.CharField(_("function"), max_length=120, blank=True)
    is_admin = models.BooleanField(_("can manage the organisation"), default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"
