"""Safeguarding: blocks, reports, and the record of what moderators did."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Block(models.Model):
    """``blocker`` blocked ``blocked``: both disappear from each other everywhere."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_received"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(condition=~Q(blocker=F("blocked")), name="block_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocked {self.blocked_id}"


class Report(models.Model):
    """Someone reported a person or something they wrote. Staff handle it in the queue."""

    class Target(models.TextChoices):
        USER = "user", _("A person")
        MESSAGE = "message", _("A message")
        POST = "post", _("A post")
        COMMENT = "comment", _("A comment")
        ACHIEVEMENT = "achievement", _("An achievement")

    class Reason(models.TextChoices):
        HARASSMENT = "harassment", _("Harassment or bullying")
        INAPPROPRIATE = "inappropriate", _("Sexual or shocking content")
        HATE = "hate", _("Hate or discrimination")
        SCAM = "scam", _("Scam, spam or fake job offer")
        DANGER = "danger", _("Someone may be in danger")
        FALSE = "false", _("False information")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("To handle")
        HANDLED = "handled", _("Handled")
        DISMISSED = "dismissed", _("Nothing to do")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="reports_made",
    )
    target_type = models.CharField(max_length=12, choices=Target.choices)
    target_id = models.PositiveBigIntegerField()
    #: The person the report is about (the author of the content, or the person reported).
    reported_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="reports_received",
    )
    reason = models.CharField(max_length=16, choices=Reason.choices)
    details = models.TextField(_("what happened"), max_length=2000, blank=True)
    #: What the content said when reported, so moderators judge what was reported.
    excerpt = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "-id"], name="report_queue")]

    def __str__(self) -> str:
        return f"{self.reason}: {self.target_type} {self.target_id}"


class ModerationAction(models.Model):
    """Who did what, when and why: the moderation record, never edited or deleted."""

    class Kind(models.TextChoices):
        HIDE = "hide", _("Hide the content")
        RESTORE_CONTENT = "restore_content", _("Show the content again")
        WARN = "warn", _("Warn the person")
        SUSPEND = "suspend", _("Suspend the account")
        RESTORE_ACCOUNT = "restore_account", _("Restore the account")
        DISMISS = "dismiss", _("Nothing to do")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="moderation_actions",
    )
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    target_type = models.CharField(max_length=12, choices=Report.Target.choices)
    target_id = models.PositiveBigIntegerField()
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="moderation_actions_received",
    )
    note = models.TextField(_("note"), max_length=2000, blank=True)
    #: What the action changed, so a restore puts it back (e.g. an achievement's visibility).
    previous_state = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.target_type} {self.target_id}"
