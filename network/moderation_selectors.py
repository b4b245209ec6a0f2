"""Reads of safeguarding: what a person may report, the people they blocked, and the
moderation queue (staff only).

Reporting follows what the reporter can see: a 404 for anything else, so a report form
never confirms that a hidden message, post or achievement exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .models import (
    Activity,
    Block,
    Comment,
    Message,
    ModerationAction,
    Participant,
    Post,
    Report,
    Role,
    User,
    Visibility,
)
from .privacy import Audience, audience_for, can_see, passes, shown_identity

Target = Report.Target
QUEUE_LIMIT = 100
JOURNAL_LIMIT = 200
HISTORY_LIMIT = 20
EXCERPT_MAX_LENGTH = 2000


# --- Who is who --------------------------------------------------------------------------


def is_moderator(user: User) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_staff or user.role == Role.STAFF)
    )


def require_moderator(user: User) -> None:
    if not is_moderator(user):
        raise PermissionDenied(_("This page is for the AcroJump team."))


def name_for(viewer: User, person: User) -> str:
    """A person's name as ``viewer`` may read it now, so that no page names someone by id
    alone: a youth is named only as their profile shows them to ``viewer`` (anonymous to
    recruiters if they chose it, never to someone they hid from)."""
    if person.role != Role.YOUTH:
        return person.display_name
    from .contact_selectors import profile_of

    profile = profile_of(person)
    audience = audience_for(viewer, person)
    if audience is Audience.NOBODY or not passes(audience, profile.visibility):
        return _("this person")
    return shown_identity(audience, person, profile).name or _("this person")


def _remembered_name(blocker: User, person: User) -> str:
    """The name of someone ``blocker`` blocked, as they knew it before the block (the block
    itself hides the profile, so ``name_for`` would no longer name them)."""
    if person.role != Role.YOUTH:
        return person.display_name
    if blocker.role == Role.RECRUITER:
        from .contact_selectors import profile_of

        return shown_identity(Audience.RECRUITER, person, profile_of(person)).name
    return person.first_name or person.display_name


# --- Blocks -----------------------------------------------------------------------------


def list_blocks(user: User) -> list[Block]:
    """The people ``user`` blocked, newest first, each with the name to show."""
    blocks = list(
        Block.objects.filter(blocker=user)
        .select_related("blocked__youth_profile")
        .order_by("-created_at", "-id")
    )
    for block in blocks:
        block.shown_name = _remembered_name(user, block.blocked)
    return blocks


# --- What a person may report -------------------------------------------------------------


@dataclass(frozen=True)
class ReportTarget:
    """Something reported: who it is about and what it said."""

    target_type: str
    target_id: int
    reported_user: User | None
    excerpt: str


def _excerpt(*parts: str) -> str:
    return "\n".join(part for part in parts if part)[:EXCERPT_MAX_LENGTH]


def _visible_activity(viewer: User, activity: Activity) -> bool:
    """Whether ``viewer`` may see a feed activity, as the feed decides when it can tell."""
    try:
        from .feed_selectors import access_activity
    except ImportError:
        access_activity = None
    if access_activity is not None:
        try:
            access_activity(viewer, activity.pk)
        except (Http404, PermissionDenied):
            return False
        return True
    if activity.hidden_at is not None or not activity.actor.is_active:
        return False
    return viewer.pk == activity.actor_id or can_see(viewer, activity.actor, activity.visibility)


def reportable_target(viewer: User, target_type: str, target_id: int) -> ReportTarget:
    """What ``viewer`` reports, if they can see it; ``Http404`` otherwise."""
    if target_type == Target.USER:
        person = User.objects.filter(pk=target_id, is_active=True).exclude(pk=viewer.pk).first()
        if person is None:
            raise Http404
        return ReportTarget(target_type, target_id, person, "")
    if target_type == Target.MESSAGE:
        message = (
            Message.objects.select_related("sender")
            .filter(pk=target_id, hidden_at__isnull=True)
            .first()
        )
        if (
            message is None
            or not Participant.objects.filter(
                conversation_id=message.conversation_id, user=viewer
            ).exists()
        ):
            raise Http404
        return ReportTarget(
            target_type, target_id, message.sender, _excerpt(message.text, message.attachment_name)
        )
    if target_type == Target.POST:
        post = (
            Post.objects.select_related("author", "activity__actor")
            .filter(pk=target_id, hidden_at__isnull=True)
            .first()
        )
        activity = getattr(post, "activity", None) if post is not None else None
        if activity is None or not _visible_activity(viewer, activity):
            raise Http404
        return ReportTarget(target_type, target_id, post.author, _excerpt(post.text, post.link))
    if target_type == Target.COMMENT:
        comment = (
            Comment.objects.select_related("author", "activity__actor")
            .filter(pk=target_id, hidden_at__isnull=True, author__is_active=True)
            .first()
        )
        if comment is None or not _visible_activity(viewer, comment.activity):
            raise Http404
        return ReportTarget(target_type, target_id, comment.author, _excerpt(comment.text))
    if target_type == Target.ACHIEVEMENT:
        from skills.selectors import access_achievement

        achievement = access_achievement(viewer, target_id)
        return ReportTarget(
            target_type,
            target_id,
            achievement.youth,
            _excerpt(achievement.title, achievement.what_i_did),
        )
    raise Http404


# --- The moderation queue (staff) ----------------------------------------------------------


def list_open_reports(moderator: User) -> list[Report]:
    """Open reports, oldest first (people in danger first), in two queries whatever their
    number."""
    require_moderator(moderator)
    reports = list(
        Report.objects.filter(status=Report.Status.OPEN)
        .select_related("reporter", "reported_user")
        .order_by("id")[:QUEUE_LIMIT]
    )
    reports.sort(key=lambda report: report.reason != Report.Reason.DANGER)
    return reports


def count_open_reports(moderator: User) -> int:
    require_moderator(moderator)
    return Report.objects.filter(status=Report.Status.OPEN).count()


def access_report(moderator: User, report_id: int, *, lock: bool = False) -> Report:
    require_moderator(moderator)
    reports = Report.objects.select_related("reporter", "reported_user")
    if lock:
        reports = reports.select_for_update(of=("self",))
    report = reports.filter(pk=report_id).first()
    if report is None:
        raise Http404
    return report


def load_target(target_type: str, target_id: int) -> object | None:
    """The reported object itself, hidden or not (moderators see everything)."""
    if target_type == Target.USER:
        return User.objects.filter(pk=target_id).first()
    if target_type == Target.MESSAGE:
        return Message.objects.filter(pk=target_id).first()
    if target_type == Target.POST:
        return Post.objects.select_related("activity").filter(pk=target_id).first()
    if target_type == Target.COMMENT:
        return Comment.objects.filter(pk=target_id).first()
    if target_type == Target.ACHIEVEMENT:
        from skills.models import Achievement

        return Achievement.objects.filter(pk=target_id).first()
    return None


@dataclass(frozen=True)
class CurrentContent:
    """The reported content as it is now, for the moderator."""

    exists: bool
    text: str = ""
    hidden: bool = False
    #: The author's account is suspended.
    suspended: bool = False


def current_content(report: Report) -> CurrentContent:
    target = load_target(report.target_type, report.target_id)
    if target is None:
        return CurrentContent(exists=False)
    suspended = report.reported_user is not None and not report.reported_user.is_active
    if isinstance(target, User):
        return CurrentContent(exists=True, text=target.display_name, suspended=suspended)
    if report.target_type == Target.ACHIEVEMENT:
        return CurrentContent(
            exists=True,
            text=_excerpt(target.title, target.what_i_did),
            hidden=target.visibility == Visibility.ONLY_ME,
            suspended=suspended,
        )
    text = _excerpt(getattr(target, "text", ""), getattr(target, "attachment_name", ""))
    return CurrentContent(
        exists=True, text=text, hidden=target.hidden_at is not None, suspended=suspended
    )


def person_history(moderator: User, report: Report) -> tuple[list[ModerationAction], list[Report]]:
    """What moderators did about the reported person, and the other reports about them."""
    require_moderator(moderator)
    if report.reported_user_id is None:
        return [], []
    actions = list(
        ModerationAction.objects.filter(target_user_id=report.reported_user_id)
        .select_related("moderator")
        .order_by("-id")[:HISTORY_LIMIT]
    )
    reports = list(
        Report.objects.filter(reported_user_id=report.reported_user_id)
        .exclude(pk=report.pk)
        .order_by("-id")[:HISTORY_LIMIT]
    )
    return actions, reports


def list_actions(moderator: User) -> QuerySet[ModerationAction]:
    """The moderation record, newest first: who did what, to whom, why."""
    require_moderator(moderator)
    return ModerationAction.objects.select_related("moderator", "target_user", "report").order_by(
        "-id"
    )[:JOURNAL_LIMIT]


def last_hide(target_type: str, target_id: int) -> ModerationAction | None:
    """The latest hiding of a content, whose ``previous_state`` a restore puts back."""
    return (
        ModerationAction.objects.filter(
            kind=ModerationAction.Kind.HIDE, target_type=target_type, target_id=target_id
        )
        .order_by("-id")
        .first()
    )
