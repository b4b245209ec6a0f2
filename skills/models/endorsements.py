"""Endorsements: an adult vouches for a youth's skill, saying what they saw and in what role."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from network.models.mentorship import new_token

from .portfolio import SkillLevel
from .taxonomy import SkillConcept


class Relationship(models.TextChoices):
    COUNSELLOR = "counsellor", _("Counsellor who follows them")
    TEACHER = "teacher", _("Teacher or trainer")
    COACH = "coach", _("Coach or club leader")
    EMPLOYER = "employer", _("Employer or work tutor")
    ASSOCIATION = "association", _("Volunteer lead in an association")
    PROFESSIONAL = "professional", _("Professional met in a discovery talk")
    OTHER = "other", _("Other adult who saw them at work")


class Endorsement(models.Model):
    """One adult vouching for one skill of one youth. Shown only once the youth accepts it."""

    class Status(models.TextChoices):
        WAITING_FOR_EMAIL = "waiting_email", _("Waiting for the endorser to confirm their e-mail")
        WAITING_FOR_YOUTH = "waiting_youth", _("Waiting for the young person")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn by the endorser")

    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsements_received"
    )
    concept = models.ForeignKey(SkillConcept, on_delete=models.PROTECT, related_name="endorsements")
    #: The endorser's account; empty for someone without an account (endorsed by e-mail link).
    endorser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="endorsements_given",
    )
    endorser_name = models.CharField(_("name"), max_length=150, blank=True)
    endorser_email = models.EmailField(_("e-mail"), blank=True)
    endorser_organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="endorsements",
    )
    relationship = models.CharField(
        _("how you know them"), max_length=16, choices=Relationship.choices
    )
    context = models.CharField(_("where and when you saw them"), max_length=300)
    observed = models.TextField(_("what you saw them do"))
    level_seen = models.PositiveSmallIntegerField(
        _("the level you saw"), choices=SkillLevel.choices, null=True, blank=True
    )
    status = models.CharField(max_length=16, choices=Status.choices)
    #: How much it counts for recruiters, and the plain reason shown with it (set on creation
    #: from who the endorser is; see skills.endorsement_weight).
    weight = models.FloatField(default=1.0)
    weight_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["endorser", "youth", "concept"],
                condition=Q(endorser__isnull=False) & ~Q(status__in=["declined", "withdrawn"]),
                name="endorsement_once_per_account",
            ),
            models.UniqueConstraint(
                fields=["endorser_email", "youth", "concept"],
                condition=Q(endorser__isnull=True) & ~Q(status__in=["declined", "withdrawn"]),
                name="endorsement_once_per_email",
            ),
        ]
        indexes = [models.Index(fields=["youth", "status"])]

    def __str__(self) -> str:
        return f"{self.endorser_name or self.endorser} → {self.youth}: {self.concept}"


class EndorsementInvitation(models.Model):
    """A secret, expiring link a youth sends by e-mail to an adult who saw them at work."""

    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="endorsement_invitations"
    )
    name = models.CharField(_("their name"), max_length=150)
    email = models.EmailField(_("their e-mail"))
    concepts = models.ManyToManyField(SkillConcept, related_name="+", verbose_name=_("skills"))
    message = models.TextField(_("your message"), blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("endorsement invitation")
        verbose_name_plural = _("endorsement invitations")

    def __str__(self) -> str:
        return f"{self.youth} → {self.email}"


class ProfileValidation(models.Model):
    """A counsellor checked the profile before it goes to partner employers ("CV library")."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked")
        VALIDATED = "validated", _("Validated")
        DECLINED = "declined", _("Not validated yet")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile_validations"
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    comment = models.TextField(_("comment"), blank=True)
    #: What the profile said when it was validated, to show what changed since.
    snapshot = models.JSONField(default=dict, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    validated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("profile validation")
        verbose_name_plural = _("profile validations")
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.youth} by {self.counsellor} ({self.status})"


class IssuerKey(models.Model):
    """An organisation's signing key for Open Badges 3.0 credentials (Ed25519)."""

    organisation = models.OneToOneField(
        "network.Organisation", on_delete=models.CASCADE, related_name="issuer_key"
    )
    kid = models.CharField(max_length=64, unique=True)
    private_key_pem = models.TextField()
    public_jwk = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("issuer key")
        verbose_name_plural = _("issuer keys")

    def __str__(self) -> str:
        return self.kid


class BadgeAssertion(models.Model):
    """An Open Badge awarded for an accepted endorsement or a validated achievement."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="badges"
    )
    concept = models.ForeignKey(SkillConcept, on_delete=models.PROTECT, related_name="badges")
    issuer = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="badges_issued"
    )
    endorsement = models.OneToOneField(
        Endorsement, on_delete=models.SET_NULL, null=True, blank=True, related_name="badge"
    )
    achievement = models.ForeignKey(
        "skills.Achievement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="badges",
    )
    evidence_narrative = models.TextField(blank=True)
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.concept} → {self.youth}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
