"""Conversations between members, and recruiters' contact requests that open them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from skills.storage import private_storage


class Conversation(models.Model):
    """One-to-one or a small group. ``direct_key`` ("<low id>:<high id>") makes the
    one-to-one conversation of a pair unique, so two tabs opening it at once get the same."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("Two people")
        GROUP = "group", _("Group")

    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.DIRECT)
    title = models.CharField(_("group name"), max_length=80, blank=True)
    direct_key = models.CharField(max_length=41, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversations_started",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: Id of the newest message, kept by the send action so lists sort without a join.
    last_message_id = models.PositiveBigIntegerField(default=0)
    last_message_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return self.title or f"conversation {self.pk}"


class Participant(models.Model):
    """A member of a conversation and how far they have read."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    #: Id of the newest message this person has seen in the conversation (read receipts).
    last_read_message_id = models.PositiveBigIntegerField(default=0)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["conversation", "user"], name="participant_once")
        ]
        indexes = [models.Index(fields=["user", "conversation"], name="participant_user")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"


class Message(models.Model):
    """A message, stored before it is pushed.

    ``client_id`` is made by the sender's browser; with the sender it is unique, so a send
    retried after a dropped connection returns the stored message instead of a second one.
    ``sender`` becomes empty when the sender deletes their account: the other side keeps the
    message, shown as from a deleted account.
    """

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages_sent",
    )
    client_id = models.CharField(max_length=64)
    text = models.TextField(_("message"), max_length=4000, blank=True)
    attachment = models.FileField(
        _("attachment"), upload_to="messages/%Y/%m/", storage=private_storage, blank=True
    )
    attachment_name = models.CharField(max_length=200, blank=True)
    attachment_type = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "client_id"],
                condition=Q(sender__isnull=False),
                name="message_client_id_once",
            )
        ]
        indexes = [models.Index(fields=["conversation", "-id"], name="message_recent")]

    def __str__(self) -> str:
        return f"message {self.pk} in {self.conversation_id}"


class ContactRequest(models.Model):
    """A recruiter asks to talk with a youth. A conversation opens only if the youth
    accepts; for a minor, the youth's mentor approves first."""

    class Status(models.TextChoices):
        WAITING_FOR_MENTOR = "waiting_mentor", _("Waiting for the mentor's approval")
        WAITING_FOR_YOUTH = "waiting_youth", _("Waiting for the young person's answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        REFUSED_BY_MENTOR = "refused_mentor", _("Refused by the mentor")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_requests_sent"
    )
    youth = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_requests_received",
    )
    message = models.TextField(_("message"), max_length=2000)
    #: What the request is about, e.g. an opportunity's title (optional).
    subject = models.CharField(_("about"), max_length=200, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_requests_reviewed",
    )
    mentor_decided_at = models.DateTimeField(null=True, blank=True)
    mentor_note = models.CharField(_("note from the mentor"), max_length=500, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    conversation = models.ForeignKey(
        Conversation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recruiter", "youth"],
                condition=Q(status__in=["waiting_mentor", "waiting_youth"]),
                name="contact_request_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recruiter_id} → {self.youth_id} ({self.status})"
