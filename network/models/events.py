"""Meetings: bookable slots (discovery talks, counsellor appointments), workshops and job
datings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MeetingMode(models.TextChoices):
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")
    IN_PERSON = "in_person", _("In person")


class Slot(models.Model):
    """An hour (or so) someone offers: a professional's discovery talk about their job, or a
    counsellor's appointment with a youth they follow. One youth books it."""

    class Kind(models.TextChoices):
        DISCOVERY_TALK = "talk", _("Discovery talk")
        APPOINTMENT = "appointment", _("Appointment with my counsellor")

    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.DISCOVERY_TALK)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="slots_offered"
    )
    #: The job the talk is about (discovery talks), listed on its occupation page.
    occupation = models.ForeignKey(
        "skills.Occupation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="talk_slots",
    )
    topic = models.CharField(_("what we will talk about"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("start"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    mode = models.CharField(_("how"), max_length=10, choices=MeetingMode.choices)
    #: Address (in person), phone number or video link, shown once the booking is confirmed.
    where = models.CharField(_("address, phone or link"), max_length=300, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["kind", "starts_at"], name="slot_upcoming")]

    def __str__(self) -> str:
        return f"{self.kind} by {self.host_id} at {self.starts_at:%Y-%m-%d %H:%M}"


class Booking(models.Model):
    """A youth booked a slot. The host confirms; either side can cancel."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")
        DONE = "done", _("Done")

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="bookings")
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings"
    )
    message = models.CharField(_("message"), max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: When the reminder e-mails went out (once).
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            # One live booking per slot: a cancelled one frees it.
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status__in=["requested", "confirmed", "done"]),
                name="booking_one_per_slot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.youth_id} booked {self.slot_id} ({self.status})"


class Workshop(models.Model):
    """A session a Mission Locale or a partner runs, with a capacity and a waiting list."""

    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="workshops"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=140)
    description = models.TextField(_("description"), max_length=3000)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    place = models.CharField(_("place"), max_length=300)
    capacity = models.PositiveSmallIntegerField(_("places"))
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class WorkshopRegistration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="registrations")
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshop_registrations"
    )
    status = models.CharField(max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("workshop registration")
        verbose_name_plural = _("workshop registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "youth"], name="workshop_register_once")
        ]

    def __str__(self) -> str:
        return f"{self.youth_id} at {self.workshop_id} ({self.status})"


class JobDating(models.Model):
    """Recruiters and pre-selected youths meet in timed slots, on site or online."""

    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="job_datings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=140)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    mode = models.CharField(_("how"), max_length=10, choices=MeetingMode.choices)
    place = models.CharField(_("place"), max_length=300, blank=True)
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    meeting_minutes = models.PositiveSmallIntegerField(_("minutes per meeting"), default=15)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("job dating")
        verbose_name_plural = _("job datings")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class JobDatingRecruiter(models.Model):
    """A recruiter taking part, maybe for one of their opportunities."""

    job_dating = models.ForeignKey(JobDating, on_delete=models.CASCADE, related_name="recruiters")
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_dating_seats"
    )
    opportunity = models.ForeignKey(
        "network.Opportunity", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    table = models.CharField(_("table or room"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("job dating recruiter")
        verbose_name_plural = _("job dating recruiters")
        constraints = [
            models.UniqueConstraint(fields=["job_dating", "recruiter"], name="job_dating_recruiter")
        ]

    def __str__(self) -> str:
        return f"{self.recruiter_id} at {self.job_dating_id}"


class JobDatingCandidate(models.Model):
    """A youth the counsellor pre-selected, and whether they came on the day."""

    job_dating = models.ForeignKey(JobDating, on_delete=models.CASCADE, related_name="candidates")
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_dating_invitations"
    )
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_in_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("job dating candidate")
        verbose_name_plural = _("job dating candidates")
        constraints = [
            models.UniqueConstraint(fields=["job_dating", "youth"], name="job_dating_candidate")
        ]

    def __str__(self) -> str:
        return f"{self.youth_id} at {self.job_dating_id}"


class JobDatingMeeting(models.Model):
    """One timed meeting of the schedule, and what came of it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not yet")
        SECOND_INTERVIEW = "second_interview", _("Second interview")
        HIRED = "hired", _("Hired")
        NOTHING = "nothing", _("Nothing this time")
        ABSENT = "absent", _("Did not come")

    job_dating = models.ForeignKey(JobDating, on_delete=models.CASCADE, related_name="meetings")
    seat = models.ForeignKey(JobDatingRecruiter, on_delete=models.CASCADE, related_name="meetings")
    candidate = models.ForeignKey(
        JobDatingCandidate, on_delete=models.CASCADE, related_name="meetings"
    )
    starts_at = models.DateTimeField()
    outcome = models.CharField(max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    notes = models.CharField(_("notes"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("job dating meeting")
        verbose_name_plural = _("job dating meetings")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "starts_at"], name="meeting_recruiter_free"),
            models.UniqueConstraint(
                fields=["candidate", "starts_at"], name="meeting_candidate_free"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id} meets {self.seat_id} at {self.starts_at:%H:%M}"
