"""Writes of safeguarding: reports, and what staff do about them.

Every moderation step is recorded as a ``ModerationAction`` (never edited or deleted) and
closes its report. Hiding content sets ``hidden_at`` (an achievement has none: its
visibility goes to "only me", the previous one kept in ``previous_state`` for a restore);
suspending sets ``is_active=False`` and ends the person's sessions.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import notification_kinds
from . import notification_kinds_safety as kinds
from .actions import do_notify
from .emails import send_after_commit
from .models import Activity, ModerationAction, Report, User, Visibility
from .moderation_selectors import (
    access_report,
    is_moderator,
    last_hide,
    load_target,
    reportable_target,
)

DETAILS_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 2000
Kind = ModerationAction.Kind
Target = Report.Target
#: Actions that answer an open report; restoring may also follow a report already handled.
CLOSING_KINDS = (Kind.HIDE, Kind.WARN, Kind.SUSPEND, Kind.DISMISS)
CONTENT_TYPES = (Target.MESSAGE, Target.POST, Target.COMMENT, Target.ACHIEVEMENT)


class ReportError(Exception):
    """A report the person can fix; the message is for them."""


class ModerationError(Exception):
    """A moderation step that does not apply; the message is for the moderator."""


# --- Reports ---------------------------------------------------------------------------


def check_report(
    reporter: User, *, target_type: str, target_id: int, reason: str, details: str = ""
) -> tuple[Report, bool]:
    """Report something the reporter can see (else ``Http404``).

    Returns the report and whether it is new: reporting the same thing again while the
    first report is open keeps the first one.
    """
    if target_type not in Target.values:
        raise ReportError(_("Choose what you report."))
    if reason not in Report.Reason.values:
        raise ReportError(_("Choose why you report it."))
    details = details.strip()
    if len(details) > DETAILS_MAX_LENGTH:
        raise ReportError(
            _("Your explanation is too long: %(max)s characters at most.")
            % {"max": DETAILS_MAX_LENGTH}
        )
    target = reportable_target(reporter, target_type, target_id)
    if target.reported_user is not None and target.reported_user.pk == reporter.pk:
        raise ReportError(_("You cannot report what you wrote yourself."))
    with transaction.atomic():
        # Two reports sent at once by the same person queue here, so only one is stored.
        User.objects.select_for_update().filter(pk=reporter.pk).first()
        existing = Report.objects.filter(
            reporter=reporter,
            target_type=target_type,
            target_id=target_id,
            status=Report.Status.OPEN,
        ).first()
        if existing is not None:
            return existing, False
        report = Report.objects.create(
            reporter=reporter,
            target_type=target_type,
            target_id=target_id,
            reported_user=target.reported_user,
            reason=reason,
            details=details,
            excerpt=target.excerpt,
        )
    return report, True


# --- Moderation ------------------------------------------------------------------------


def check_moderate(
    moderator: User, *, report_id: int, kind: str, note: str = ""
) -> ModerationAction:
    """A moderator acts on a report: hide or restore the content, warn, suspend or restore
    the account, or dismiss. Anybody else gets ``PermissionDenied``."""
    if not is_moderator(moderator):
        raise PermissionDenied(_("This page is for the AcroJump team."))
    if kind not in Kind.values:
        raise ModerationError(_("Choose an action."))
    note = note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ModerationError(
            _("The note is too long: %(max)s characters at most.") % {"max": NOTE_MAX_LENGTH}
        )
    if kind == Kind.WARN and not note:
        raise ModerationError(_("Write the warning the person will read."))
    with transaction.atomic():
        report = access_report(moderator, report_id, lock=True)
        if kind in CLOSING_KINDS and report.status != Report.Status.OPEN:
            raise ModerationError(_("This report was already handled."))
        return do_moderate(moderator, report=report, kind=kind, note=note)


def do_moderate(moderator: User, *, report: Report, kind: str, note: str) -> ModerationAction:
    """Expects ``report`` locked; raises ``ModerationError`` when the step does not apply."""
    person = report.reported_user
    previous_state: dict = {}
    if kind == Kind.HIDE:
        previous_state = _hide(report)
    elif kind == Kind.RESTORE_CONTENT:
        previous_state = _restore(report)
    elif kind in (Kind.WARN, Kind.SUSPEND, Kind.RESTORE_ACCOUNT):
        if person is None:
            raise ModerationError(_("This account no longer exists."))
        if kind == Kind.WARN:
            _warn(person, note=note)
        elif kind == Kind.SUSPEND:
            previous_state = _suspend(moderator, person)
        else:
            if person.is_active:
                raise ModerationError(_("This account is not suspended."))
            person.is_active = True
            person.save(update_fields=["is_active"])
    action = ModerationAction.objects.create(
        moderator=moderator,
        report=report,
        kind=kind,
        target_type=report.target_type,
        target_id=report.target_id,
        target_user=person,
        note=note,
        previous_state=previous_state,
    )
    if report.status == Report.Status.OPEN:
        report.status = Report.Status.DISMISSED if kind == Kind.DISMISS else Report.Status.HANDLED
        report.handled_at = timezone.now()
        report.save(update_fields=["status", "handled_at"])
        if report.reporter is not None and report.reporter.is_active:
            do_notify(report.reporter, kind=kinds.REPORT_HANDLED, params={})
    return action


def _hide(report: Report) -> dict:
    if report.target_type not in CONTENT_TYPES:
        raise ModerationError(_("Only a message, a post, a comment or an achievement is hidden."))
    target = load_target(report.target_type, report.target_id)
    if target is None:
        raise ModerationError(_("This content no longer exists."))
    now = timezone.now()
    if report.target_type == Target.ACHIEVEMENT:
        if target.visibility == Visibility.ONLY_ME:
            raise ModerationError(_("This content is already hidden."))
        activities = Activity.objects.filter(
            target_type=target._meta.model_name, target_id=target.pk, hidden_at__isnull=True
        )
        state = {
            "visibility": target.visibility,
            "activity_ids": list(activities.values_list("id", flat=True)),
        }
        target.visibility = Visibility.ONLY_ME
        target.save(update_fields=["visibility"])
        activities.update(hidden_at=now)
        return state
    if target.hidden_at is not None:
        raise ModerationError(_("This content is already hidden."))
    target.hidden_at = now
    target.save(update_fields=["hidden_at"])
    state: dict = {"hidden_at": None}
    if report.target_type == Target.POST:
        Activity.objects.filter(post=target, hidden_at__isnull=True).update(hidden_at=now)
    return state


def _restore(report: Report) -> dict:
    if report.target_type not in CONTENT_TYPES:
        raise ModerationError(_("Only hidden content can be shown again."))
    target = load_target(report.target_type, report.target_id)
    hiding = last_hide(report.target_type, report.target_id)
    if target is None:
        raise ModerationError(_("This content no longer exists."))
    if report.target_type == Target.ACHIEVEMENT:
        if hiding is None or target.visibility != Visibility.ONLY_ME:
            raise ModerationError(_("This content is not hidden."))
        target.visibility = hiding.previous_state.get("visibility", Visibility.MENTORS)
        target.save(update_fields=["visibility"])
        Activity.objects.filter(pk__in=hiding.previous_state.get("activity_ids", [])).update(
            hidden_at=None
        )
        return {"visibility": Visibility.ONLY_ME}
    if target.hidden_at is None:
        raise ModerationError(_("This content is not hidden."))
    state = {"hidden_at": target.hidden_at.isoformat()}
    target.hidden_at = None
    target.save(update_fields=["hidden_at"])
    if report.target_type == Target.POST:
        Activity.objects.filter(post=target).update(hidden_at=None)
    return state


def _warn(person: User, *, note: str) -> None:
    notification = do_notify(person, kind=kinds.MODERATION_WARNING, params={"note": note})
    with translation.override(person.language or "fr"):
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("A message from the AcroJump team")
        body = "\n\n".join(
            [
                _("Hello %(name)s,") % {"name": person.first_name or person.display_name},
                notification_kinds.notification_text(notification),
            ]
        )
    send_after_commit(subject, body, person.email)


def _suspend(moderator: User, person: User) -> dict:
    if person.pk == moderator.pk or is_moderator(person):
        raise ModerationError(_("A member of the AcroJump team cannot be suspended here."))
    if not person.is_active:
        raise ModerationError(_("This account is already suspended."))
    person.is_active = False
    person.save(update_fields=["is_active"])
    end_sessions(person)
    return {"is_active": True}


def end_sessions(person: User) -> int:
    """Log the person out everywhere (database sessions: each one is read to find theirs)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(person.pk):
            session.delete()
            ended += 1
    return ended
