"""The activity feed: what happened, who may see it, and how people react."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skills.storage import private_storage

from .profiles import Visibility


class Activity(models.Model):
    """One line of the feed.

    What it shows is stored with it (``params``: title, skill names, link) so the feed page
    reads one table and never the source objects; ``visibility`` is the effective audience
    when it was written and the actions that narrow or delete the source update or delete the
    activity too (``target_type`` / ``target_id`` name the source).
    """

    class Verb(models.TextChoices):
        POST = "post", _("Post")
        ACHIEVEMENT = "achievement", _("New achievement")
        ENDORSEMENT = "endorsement", _("Skill endorsed")
        OPPORTUNITY = "opportunity", _("Opportunity posted")
        EVENT = "event", _("Event posted")
        MILESTONE = "milestone", _("Milestone")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activities"
    )
    #: Set when the activity speaks for an organisation (its post, its opportunity).
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activities",
    )
    verb = models.CharField(max_length=16, choices=Verb.choices)
    visibility = models.CharField(
        max_length=12, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    post = models.OneToOneField(
        "network.Post", on_delete=models.CASCADE, null=True, blank=True, related_name="activity"
    )
    target_type = models.CharField(max_length=40, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    #: Set by moderation; hidden activities leave every feed.
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["actor", "-id"], name="activity_actor_recent"),
            models.Index(fields=["organisation", "-id"], name="activity_org_recent"),
            models.Index(fields=["target_type", "target_id"], name="activity_target"),
        ]

    def __str__(self) -> str:
        return f"{self.verb} by {self.actor_id}"


class Post(models.Model):
    """Something a member (or an organisation, through a member) writes in the feed:
    text, and optionally one image or one link."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="posts"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="posts",
    )
    text = models.TextField(_("text"), max_length=3000)
    #: Private: served by a view that checks who may see the post.
    image = models.ImageField(
        _("image"), upload_to="posts/%Y/%m/", storage=private_storage, blank=True
    )
    image_description = models.CharField(_("image description"), max_length=200, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.text[:60]


class Comment(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comments"
    )
    text = models.TextField(_("comment"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["id"]
        indexes = [models.Index(fields=["activity", "id"], name="comment_activity")]

    def __str__(self) -> str:
        return self.text[:60]


class Bravo(models.Model):
    """The one reaction: "bravo". Once per person and activity."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="bravos")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bravos"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bravo")
        verbose_name_plural = _("bravos")
        constraints = [models.UniqueConstraint(fields=["activity", "user"], name="bravo_once")]

    def __str__(self) -> str:
        return f"bravo {self.user_id} → {self.activity_id}"
