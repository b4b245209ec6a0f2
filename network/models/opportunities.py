"""Opportunities organisations post, and the applications youths send to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Opportunity(models.Model):
    """A job, apprenticeship, internship, volunteering or civic-service mission, or training
    posted by an organisation, with the skills it wants."""

    class Kind(models.TextChoices):
        JOB = "job", _("Job")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship")
        INTERNSHIP = "internship", _("Internship")
        VOLUNTEERING = "volunteering", _("Volunteering")
        CIVIC_SERVICE = "civic_service", _("Civic service mission")
        TRAINING = "training", _("Training")

    class Contract(models.TextChoices):
        PERMANENT = "permanent", _("Permanent contract (CDI)")
        FIXED_TERM = "fixed_term", _("Fixed-term contract (CDD)")
        TEMPORARY = "temporary", _("Temporary work (intérim)")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship contract")
        INTERNSHIP = "internship", _("Internship agreement")
        CIVIC_SERVICE = "civic_service", _("Civic service contract")
        VOLUNTEER = "volunteer", _("Volunteer, unpaid")
        NONE = "none", _("No contract (training)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="opportunities"
    )
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities_posted",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=140)
    description = models.TextField(_("description"), max_length=5000)
    skills = models.ManyToManyField(
        "skills.SkillConcept", related_name="opportunities", blank=True, verbose_name=_("skills")
    )
    town = models.CharField(_("town"), max_length=120, blank=True)
    #: From the gazetteer (``network/places.py``) when the town is known; for distances.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    remote = models.BooleanField(_("remote"), default=False)
    contract = models.CharField(_("contract"), max_length=16, choices=Contract.choices)
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    no_diploma_required = models.BooleanField(_("no diploma required"), default=True)
    open_to_minors = models.BooleanField(_("open to under-18s"), default=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "-id"], name="opportunity_open")]

    def __str__(self) -> str:
        return self.title


class Application(models.Model):
    """A youth applies with their skills profile; the recruiter moves it through a pipeline."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        TO_MEET = "to_meet", _("To meet")
        HIRED = "hired", _("Hired")
        NOT_RETAINED = "not_retained", _("Not retained")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="applications"
    )
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
    #: The youth's choice for this application: their profile anonymous or named.
    named = models.BooleanField(_("show my name"), default=False)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.NEW)
    #: What the recruiter told the youth with their decision.
    decision_message = models.TextField(_("message to the young person"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    recommendation = models.TextField(_("recommendation"), max_length=2000, blank=True)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations_written",
    )
    recommended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["opportunity", "youth"], name="apply_once")]

    def __str__(self) -> str:
        return f"{self.youth_id} → {self.opportunity_id} ({self.status})"
