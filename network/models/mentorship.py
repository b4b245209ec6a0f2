"""Mentors and the youths they follow, with consent on both sides."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Mentorship(models.Model):
    """A mentor follows a youth. Active only once both sides said yes; either side ends it."""

    class Status(models.TextChoices):
        WAITING_FOR_YOUTH = "waiting_youth", _("Waiting for the young person")
        WAITING_FOR_MENTOR = "waiting_mentor", _("Waiting for the mentor")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")

    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_as_youth"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorships_as_mentor"
    )
    #: The mentor's organisation for this follow-up (e.g. one Mission Locale).
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentorships",
    )
    status = models.CharField(max_length=16, choices=Status.choices)
    #: The youth agreed that the other mentors of the organisation share the follow-up.
    shared_with_organisation = models.BooleanField(
        _("other mentors of the organisation can follow me too"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        constraints = [
            models.UniqueConstraint(
                fields=["youth", "mentor"],
                condition=Q(status__in=["waiting_youth", "waiting_mentor", "active"]),
                name="mentorship_one_open_per_pair",
            )
        ]
        indexes = [
            models.Index(fields=["mentor", "status"]),
            models.Index(fields=["youth", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.youth} ({self.status})"


class MentorInvitation(models.Model):
    """A link (or QR code) a mentor hands to a youth to start following them."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_invitations"
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("mentor invitation")
        verbose_name_plural = _("mentor invitations")

    def __str__(self) -> str:
        return f"{self.mentor} ({self.created_at:%Y-%m-%d})"


class FollowRequest(models.Model):
    """A youth without a counsellor asks an organisation (e.g. a Mission Locale) to follow them."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        TAKEN = "taken", _("Taken by a counsellor")
        CLOSED = "closed", _("Closed")

    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follow_requests"
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="follow_requests"
    )
    message = models.TextField(_("a few words about you and what you are looking for"), blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.NEW)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_appointment = models.DateTimeField(_("first appointment"), null=True, blank=True)
    appointment_place = models.CharField(_("where"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("follow-up request")
        verbose_name_plural = _("follow-up requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["youth", "organisation"],
                condition=Q(status="new"),
                name="follow_request_one_open_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.youth} → {self.organisation}"


class MentorNote(models.Model):
    """A mentor's private note about a youth: the organisation's mentors only, never recruiters."""

    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes_about_me"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="mentor_notes"
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="mentor_notes"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mentor note")
        verbose_name_plural = _("mentor notes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.author} about {self.youth}"
