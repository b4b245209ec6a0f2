"""Writes of opportunities: posting, editing, closing; applying, recommending, deciding.

``check_*`` functions validate input and permission, then call ``do_*``; they raise
``ValidationError`` (field messages for a form), ``Refused`` (an action the person may not
take, with the reason and an HTTP status for the page) or ``Http404`` (ids the person may
not see, through the ``access_*`` selectors). ``do_*`` functions write and schedule their
side effects (notifications, e-mails, feed) after commit, assuming the checks were made.

Who may do what:
- members (recruiters or mentors) of an organisation post, edit, close and reopen its
  opportunities, see their applications and move them through the pipeline;
- a youth applies once to an open opportunity (adults-only ones refuse minors, and a block
  with the poster either way refuses), and withdraws while the application is new or "to
  meet";
- a mentor who follows the youth (active mentorship) adds a recommendation the recruiter sees.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from skills.models import SkillConcept

from . import notification_kinds
from . import notification_kinds_opportunities as kinds
from . import opportunities_selectors as selectors
from .actions import do_notify
from .emails import send_after_commit
from .feed import do_delete_activities, do_record_activity
from .models import Activity, Application, Opportunity, Organisation, Role, User, Visibility
from .places import find_place
from .relations import is_blocked_between, mentor_ids_of

TITLE_MAX_LENGTH = 140
DESCRIPTION_MAX_LENGTH = 5000
MESSAGE_MAX_LENGTH = 2000
MIN_HOURS, MAX_HOURS = 1, 48
MAX_SKILLS = 20
TARGET_TYPE = "opportunity"
Status = Application.Status
DECISIONS = (Status.HIRED, Status.NOT_RETAINED)
MOVES = (Status.NEW, Status.TO_MEET, *DECISIONS)
WITHDRAWABLE = (Status.NEW, Status.TO_MEET)


class Refused(ValidationError):
    """An action the person may not take; the message says why, ``status`` is the answer's."""

    def __init__(self, message: str, *, status: int = 403) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class OpportunityDetails:
    kind: str
    title: str
    description: str
    contract: str
    skills: tuple[SkillConcept, ...] = ()
    town: str = ""
    remote: bool = False
    hours_per_week: int | None = None
    starts_on: datetime.date | None = None
    no_diploma_required: bool = True
    open_to_minors: bool = False


# --- Side effects -----------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _tell(recipient: User, *, kind: str, params: dict, url: str, email: bool = False) -> None:
    """A live notification and, for what matters most, an e-mail, in the reader's language."""
    notification = do_notify(recipient, kind=kind, params=params, url=url)
    if not email:
        return
    with translation.override(recipient.language or "fr"):
        text = notification_kinds.notification_text(notification)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + _("News about your application")
        parts = [
            _("Hello %(name)s,") % {"name": recipient.first_name or recipient.display_name},
            text,
        ]
        if params.get("message"):
            parts.append(params["message"])
        parts.append(_("See it on AcroJump: %(url)s") % {"url": _absolute(url or "/")})
    send_after_commit(subject, "\n\n".join(parts), recipient.email)


def _params(opportunity: Opportunity) -> dict[str, str]:
    return {"title": opportunity.title, "organisation": opportunity.organisation.name}


# --- Posting ----------------------------------------------------------------------------------


def _validated(data: OpportunityDetails) -> tuple[OpportunityDetails, tuple[float, float] | None]:
    """Clean ``data`` or raise a ``ValidationError`` naming each wrong field."""
    errors: dict[str, str] = {}
    title = " ".join(data.title.split())
    description = data.description.strip()
    town = " ".join(data.town.split())
    if not title:
        errors["title"] = _("Give the opportunity a title.")
    elif len(title) > TITLE_MAX_LENGTH:
        errors["title"] = _("The title is too long (%(max)d characters at most).") % {
            "max": TITLE_MAX_LENGTH
        }
    if not description:
        errors["description"] = _("Describe the opportunity: the tasks, the team, the hours.")
    elif len(description) > DESCRIPTION_MAX_LENGTH:
        errors["description"] = _("The description is too long (%(max)d characters at most).") % {
            "max": DESCRIPTION_MAX_LENGTH
        }
    if data.kind not in Opportunity.Kind.values:
        errors["kind"] = _("Choose what kind of opportunity it is.")
    if data.contract not in Opportunity.Contract.values:
        errors["contract"] = _("Choose the contract.")
    if data.hours_per_week is not None and not MIN_HOURS <= data.hours_per_week <= MAX_HOURS:
        errors["hours_per_week"] = _("Hours per week must be between %(min)d and %(max)d.") % {
            "min": MIN_HOURS,
            "max": MAX_HOURS,
        }
    if data.starts_on is not None and data.starts_on < timezone.localdate():
        errors["starts_on"] = _("The start date is in the past. Choose today or a later date.")
    if len(data.skills) > MAX_SKILLS:
        errors["skills"] = _("Choose %(max)d skills at most.") % {"max": MAX_SKILLS}
    point = None
    if town:
        place = find_place(town)
        if place is not None:
            town = place.name
            point = (place.latitude, place.longitude)
        elif not data.remote:
            errors["town"] = _(
                "We do not know the town “%(town)s”. Check the spelling (for example: Lesquin)."
            ) % {"town": town}
        # Done from home, an unknown town is only a hint: no distance is computed from it.
    elif not data.remote:
        errors["town"] = _("Say in which town it takes place, or tick “remote”.")
    if errors:
        raise ValidationError(errors)
    cleaned = OpportunityDetails(
        kind=data.kind,
        title=title,
        description=description,
        contract=data.contract,
        skills=tuple(dict.fromkeys(data.skills)),
        town=town,
        remote=data.remote,
        hours_per_week=data.hours_per_week,
        starts_on=data.starts_on,
        no_diploma_required=data.no_diploma_required,
        open_to_minors=data.open_to_minors,
    )
    return cleaned, point


def _fill(opportunity: Opportunity, data: OpportunityDetails, point: tuple | None) -> None:
    opportunity.kind = data.kind
    opportunity.title = data.title
    opportunity.description = data.description
    opportunity.contract = data.contract
    opportunity.town = data.town
    opportunity.latitude, opportunity.longitude = point if point else (None, None)
    opportunity.remote = data.remote
    opportunity.hours_per_week = data.hours_per_week
    opportunity.starts_on = data.starts_on
    opportunity.no_diploma_required = data.no_diploma_required
    opportunity.open_to_minors = data.open_to_minors


def check_create_opportunity(
    user: User, *, organisation: Organisation, data: OpportunityDetails
) -> Opportunity:
    """A recruiter or mentor who is a member of ``organisation`` posts for it."""
    if not selectors.is_member(user, organisation.pk):
        raise Refused(_("Only members of this organisation can post its opportunities."))
    cleaned, point = _validated(data)
    with transaction.atomic():
        return do_create_opportunity(user, organisation=organisation, data=cleaned, point=point)


def do_create_opportunity(
    user: User, *, organisation: Organisation, data: OpportunityDetails, point: tuple | None
) -> Opportunity:
    opportunity = Opportunity(organisation=organisation, posted_by=user)
    _fill(opportunity, data, point)
    opportunity.save()
    opportunity.skills.set(data.skills)
    do_record_opportunity_activity(opportunity)
    return opportunity


def do_record_opportunity_activity(opportunity: Opportunity) -> Activity | None:
    if opportunity.posted_by is None:
        return None
    return do_record_activity(
        opportunity.posted_by,
        verb=Activity.Verb.OPPORTUNITY,
        visibility=Visibility.MEMBERS,
        params={
            "title": opportunity.title,
            "organisation": opportunity.organisation.name,
            "town": opportunity.town,
            "kind": opportunity.kind,
        },
        url=reverse("network:opportunity", args=[opportunity.pk]),
        organisation=opportunity.organisation,
        target_type=TARGET_TYPE,
        target_id=opportunity.pk,
    )


def check_edit_opportunity(
    user: User, *, opportunity_id: int, data: OpportunityDetails
) -> Opportunity:
    cleaned, point = _validated(data)
    with transaction.atomic():
        opportunity = selectors.access_managed_opportunity(user, opportunity_id, lock=True)
        _fill(opportunity, cleaned, point)
        opportunity.save()
        opportunity.skills.set(cleaned.skills)
        return opportunity


def check_set_opportunity_open(user: User, *, opportunity_id: int, open: bool) -> Opportunity:
    """Close (its feed activity goes) or reopen (a new activity) an opportunity."""
    with transaction.atomic():
        opportunity = selectors.access_managed_opportunity(user, opportunity_id, lock=True)
        status = Opportunity.Status.OPEN if open else Opportunity.Status.CLOSED
        if opportunity.status == status:
            return opportunity
        opportunity.status = status
        opportunity.save(update_fields=["status", "updated_at"])
        do_delete_activities(TARGET_TYPE, opportunity.pk)
        if open:
            do_record_opportunity_activity(opportunity)
        return opportunity


# --- Applying ---------------------------------------------------------------------------------


def apply_refusal(youth: User, opportunity: Opportunity) -> str | None:
    """Why ``youth`` may not apply to ``opportunity``, or ``None``."""
    if youth.role != Role.YOUTH:
        return _("Only young people can apply to opportunities.")
    if opportunity.status != Opportunity.Status.OPEN:
        return _("This opportunity is closed: it no longer takes applications.")
    if youth.is_minor and not opportunity.open_to_minors:
        return _(
            "This opportunity is for people aged 18 or over, so you cannot apply yet. "
            "Look for opportunities marked “open to under-18s”."
        )
    if opportunity.posted_by_id and is_blocked_between(youth, opportunity.posted_by_id):
        return _("You cannot apply: you or the person who posted it blocked the other.")
    return None


def check_apply(youth: User, *, opportunity: Opportunity, message: str, named: bool) -> Application:
    """A youth applies once, with their skills profile (``opportunity`` from
    ``access_opportunity``). Minors are never named to recruiters."""
    refusal = apply_refusal(youth, opportunity)
    if refusal:
        raise Refused(refusal)
    message = message.strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {
                "message": _("Your message is too long (%(max)d characters at most).")
                % {"max": MESSAGE_MAX_LENGTH}
            }
        )
    try:
        with transaction.atomic():
            return do_apply(
                youth, opportunity=opportunity, message=message, named=named and not youth.is_minor
            )
    except IntegrityError:
        raise Refused(_("You already applied to this opportunity."), status=409) from None


def do_apply(youth: User, *, opportunity: Opportunity, message: str, named: bool) -> Application:
    application = Application.objects.create(
        opportunity=opportunity, youth=youth, message=message, named=named
    )
    params = _params(opportunity)
    if opportunity.posted_by is not None and opportunity.posted_by.is_active:
        _tell(
            opportunity.posted_by,
            kind=kinds.APPLICATION_RECEIVED,
            params=params,
            url=reverse("network:opportunity_pipeline", args=[opportunity.pk]),
        )
    for mentor in User.objects.filter(pk__in=mentor_ids_of(youth), is_active=True):
        _tell(
            mentor,
            kind=kinds.APPLICATION_TO_RECOMMEND,
            params={**params, "name": youth.display_name},
            url=reverse("network:application_recommend", args=[application.pk]),
        )
    return application


def check_withdraw(youth: User, *, application_id: int) -> Application:
    with transaction.atomic():
        application = selectors.access_own_application(youth, application_id, lock=True)
        if application.status not in WITHDRAWABLE:
            raise Refused(
                _("A decision was already made: this application can no longer be withdrawn."),
                status=409,
            )
        application.status = Status.WITHDRAWN
        application.save(update_fields=["status", "updated_at"])
        return application


# --- Counsellors --------------------------------------------------------------------------------


def check_recommend(mentor: User, *, application_id: int, text: str) -> Application:
    """A mentor following the youth (active mentorship) recommends them; others get 404."""
    selectors.access_mentored_application(mentor, application_id)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write your recommendation.")})
    if len(text) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("It is too long (%(max)d characters at most).")
                % {"max": MESSAGE_MAX_LENGTH}
            }
        )
    with transaction.atomic():
        application = selectors.access_mentored_application(mentor, application_id)
        application = Application.objects.select_for_update().get(pk=application.pk)
        application.recommendation = text
        application.recommended_by = mentor
        application.recommended_at = timezone.now()
        application.save(
            update_fields=["recommendation", "recommended_by", "recommended_at", "updated_at"]
        )
        opportunity = application.opportunity
        if opportunity.posted_by is not None and opportunity.posted_by.is_active:
            _tell(
                opportunity.posted_by,
                kind=kinds.APPLICATION_RECOMMENDED,
                params=_params(opportunity),
                url=reverse("network:opportunity_pipeline", args=[opportunity.pk]),
            )
        return application


# --- Recruiters' pipeline -------------------------------------------------------------------------


def default_decision_message(application: Application, *, status: str, language: str) -> str:
    """The kind words a recruiter starts from (and may edit) when moving an application."""
    title = application.opportunity.title
    with translation.override(language):
        if status == Status.NOT_RETAINED:
            skills = selectors.matching_skill_labels(application, language=language)
            text = _(
                "Thank you for your application to “%(title)s”. It is not retained this "
                "time, and we know it is disappointing."
            ) % {"title": title}
            if skills:
                text += " " + _(
                    "Keep going: your skills (%(skills)s) are real assets for your next "
                    "applications."
                ) % {"skills": ", ".join(skills)}
            else:
                text += " " + _("Keep going: your profile will find its place.")
            return text
        if status == Status.HIRED:
            return _(
                "Good news: we want to hire you for “%(title)s”. We will contact you very soon "
                "to agree on the next steps."
            ) % {"title": title}
        if status == Status.TO_MEET:
            return _(
                "We would like to meet you about “%(title)s”. We will write to you to choose a "
                "time together."
            ) % {"title": title}
        return ""


def check_decide(member: User, *, application_id: int, status: str, message: str) -> Application:
    """A member of the opportunity's organisation moves an application; a decision (hired or
    not retained) needs a kind message, sent to the youth by notification and e-mail."""
    if status not in MOVES:
        raise ValidationError({"status": _("Choose where to move this application.")})
    message = message.strip()
    if status in DECISIONS and not message:
        raise ValidationError(
            {"message": _("Write a message to the young person: a decision always comes with one.")}
        )
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            {
                "message": _("The message is too long (%(max)d characters at most).")
                % {"max": MESSAGE_MAX_LENGTH}
            }
        )
    with transaction.atomic():
        application = selectors.access_managed_application(member, application_id, lock=True)
        return do_decide(application, status=status, message=message)


def do_decide(application: Application, *, status: str, message: str) -> Application:
    """Expects ``application`` locked and ``member`` checked."""
    application.status = status
    if message:
        application.decision_message = message
    application.decided_at = timezone.now() if status in DECISIONS else None
    application.save(update_fields=["status", "decision_message", "decided_at", "updated_at"])
    opportunity = application.opportunity
    decided = status in DECISIONS
    _tell(
        application.youth,
        kind=kinds.APPLICATION_DECIDED if decided else kinds.APPLICATION_MOVED,
        params={**_params(opportunity), "status": status, "message": message},
        url=reverse("network:my_applications"),
        email=decided or bool(message),
    )
    return application
