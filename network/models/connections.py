"""Links between members: connections by request and acceptance, and organisations followed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Connection(models.Model):
    """One member asked another to connect. Accepted connections go both ways.

    There is at most one row per pair, whoever asked (the actions look for the reverse
    request before creating one); a removed or declined connection is deleted, so the pair
    can ask again later.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Connected")

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="connections_requested"
    )
    addressee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="connections_received"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    message = models.CharField(_("message"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        constraints = [
            models.UniqueConstraint(fields=["requester", "addressee"], name="connection_once"),
            models.CheckConstraint(
                condition=~Q(requester=F("addressee")), name="connection_not_self"
            ),
        ]
        indexes = [models.Index(fields=["addressee", "status"], name="connection_addressee")]

    def __str__(self) -> str:
        return f"{self.requester_id} → {self.addressee_id} ({self.status})"

    def other(self, user_id: int) -> int:
        return self.addressee_id if self.requester_id == user_id else self.requester_id


class OrganisationFollow(models.Model):
    """A member follows an organisation's posts and opportunities in their feed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisations_followed"
    )
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="followers"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation followed")
        verbose_name_plural = _("organisations followed")
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="follow_once")]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.organisation_id}"
