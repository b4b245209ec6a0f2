"""A youth's profile and who may see it (DESIGN.md, privacy and safeguarding)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Audiences, narrowest first. An item is never shown wider than its profile."""

    ONLY_ME = "only_me", _("Only me")
    MENTORS = "mentors", _("My mentors")
    MEMBERS = "members", _("AcroJump members")
    RECRUITERS = "recruiters", _("Recruiters too")
    PUBLIC = "public", _("Everyone, even without an account")

    @classmethod
    def rank(cls, value: str) -> int:
        return [choice.value for choice in cls].index(value)

    @classmethod
    def narrowest(cls, *values: str) -> str:
        return min(values, key=cls.rank)


class DisplayMode(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous: no name, no photo, no town")
    NAMED = "named", _("With my first name and town")


class YouthProfile(models.Model):
    """What a youth says about themselves beyond their skills, and who sees it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="youth_profile"
    )
    headline = models.CharField(_("headline"), max_length=140, blank=True)
    goals = models.TextField(_("my goals"), blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    mobility_km = models.PositiveSmallIntegerField(
        _("how far I can travel (km)"), null=True, blank=True
    )
    languages = models.JSONField(_("languages I speak"), default=list, blank=True)
    driving_licence = models.BooleanField(_("driving licence"), default=False)
    visibility = models.CharField(
        _("who sees my profile"),
        max_length=12,
        choices=Visibility.choices,
        default=Visibility.MENTORS,
    )
    #: Separate opt-in to appear in recruiter search (DESIGN.md).
    discoverable = models.BooleanField(_("recruiters can find me"), default=False)
    display_mode = models.CharField(
        _("how recruiters see me"),
        max_length=12,
        choices=DisplayMode.choices,
        default=DisplayMode.ANONYMOUS,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("youth profile")
        verbose_name_plural = _("youth profiles")

    def __str__(self) -> str:
        return f"{self.user}"
