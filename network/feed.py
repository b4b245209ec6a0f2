"""Writes of the activity feed: activities recorded by other actions, posts, comments, bravos.

``do_record_activity`` stores what happened and pushes ``feed.activity`` after commit to
everyone whose feed shows it, found with the same rules as ``feed_selectors`` (one query).
The portfolio's actions call the ``do_sync_*`` functions here when an achievement or an
endorsement appears, narrows or goes; the opportunities' actions call ``do_record_activity``
with their organisation.

``check_*`` functions validate input and permission (``ValidationError`` with messages for
the person, ``Http404`` for activities they may not see, ``ratelimit.RateLimited``), then
call ``do_*``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from skills.storage import private_storage
from skills.uploads import IMAGE, UploadRejected, check_upload

from . import events, realtime
from . import notification_kinds_feed as kinds
from .actions import do_notify
from .feed_selectors import access_activity
from .models import (
    Activity,
    Bravo,
    Comment,
    Connection,
    Membership,
    Mentorship,
    Organisation,
    OrganisationFollow,
    Post,
    Role,
    User,
    Visibility,
    YouthProfile,
)
from .privacy import effective_visibility
from .ratelimit import check_rate
from .relations import blocked_user_ids

POST_MAX_LENGTH = 3000
COMMENT_MAX_LENGTH = 1000
LINK_MAX_LENGTH = 500
IMAGE_DESCRIPTION_MAX_LENGTH = 200
#: A post is shown at least to the author's mentors: "only me" has no place in a feed.
POST_VISIBILITIES = [value for value in Visibility.values if value != Visibility.ONLY_ME]
SKILL_MILESTONE = 5

ACHIEVEMENT = "achievement"
ENDORSEMENT = "endorsement"
PROFILE = "profile"


def _at_least(visibility: str, level: str) -> bool:
    return Visibility.rank(visibility) >= Visibility.rank(level)


# --- Recording activities ----------------------------------------------------------------------


def feed_audience_ids(actor: User, *, visibility: str, organisation_id: int | None) -> list[int]:
    """Everyone whose feed shows an activity of ``actor`` (the same rules as
    ``feed_selectors``), the actor included. One query."""
    accepted = Connection.objects.filter(status=Connection.Status.ACCEPTED)
    connections = Q(id__in=accepted.filter(requester=actor).values("addressee_id")) | Q(
        id__in=accepted.filter(addressee=actor).values("requester_id")
    )
    active = Mentorship.objects.filter(status=Mentorship.Status.ACTIVE)
    # Mentors who follow the actor: their own mentorship, or one the youth shared with the
    # mentor's organisation (privacy.followed_mentorships read the other way).
    shared_organisations = active.filter(youth=actor, shared_with_organisation=True).values(
        "organisation_id"
    )
    following_mentors = Q(role=Role.MENTOR) & (
        Q(id__in=active.filter(youth=actor).values("mentor_id"))
        | Q(
            id__in=Membership.objects.filter(organisation__in=shared_organisations).values(
                "user_id"
            )
        )
    )
    audience = Q(id=actor.pk)
    if _at_least(visibility, Visibility.MENTORS):
        audience |= following_mentors
    if _at_least(visibility, Visibility.MEMBERS):
        if _at_least(visibility, Visibility.RECRUITERS):
            audience |= connections
        else:
            audience |= connections & ~Q(role=Role.RECRUITER)
        audience |= Q(role=Role.YOUTH, id__in=active.filter(mentor=actor).values("youth_id"))
        if organisation_id is not None:
            audience |= Q(
                id__in=OrganisationFollow.objects.filter(organisation_id=organisation_id).values(
                    "user_id"
                )
            ) | Q(
                id__in=Membership.objects.filter(organisation_id=organisation_id).values("user_id")
            )
    return list(
        User.objects.filter(audience, is_active=True)
        .exclude(id__in=blocked_user_ids(actor))
        .values_list("id", flat=True)
    )


def do_record_activity(
    actor: User,
    *,
    verb: str,
    visibility: str,
    params: dict[str, Any],
    url: str = "",
    organisation: Organisation | None = None,
    target_type: str = "",
    target_id: int | None = None,
    post: Post | None = None,
) -> Activity:
    """Store an activity and push ``feed.activity`` to everyone who will see it, on commit."""
    activity = Activity.objects.create(
        actor=actor,
        verb=verb,
        visibility=visibility,
        params=params,
        url=url,
        organisation=organisation,
        target_type=target_type,
        target_id=target_id,
        post=post,
    )
    recipients = feed_audience_ids(
        actor, visibility=visibility, organisation_id=organisation.pk if organisation else None
    )
    realtime.send_event(events.FEED_ACTIVITY, recipients, {"id": activity.pk})
    return activity


def do_update_activity_visibility(target_type: str, target_id: int, visibility: str) -> int:
    """The source of these activities is now shown to ``visibility``; ONLY_ME removes them."""
    rows = Activity.objects.filter(target_type=target_type, target_id=target_id)
    if visibility == Visibility.ONLY_ME:
        return rows.delete()[0]
    return rows.update(visibility=visibility)


def do_delete_activities(target_type: str, target_id: int) -> int:
    """The source of these activities is gone."""
    return Activity.objects.filter(target_type=target_type, target_id=target_id).delete()[0]


def _profile_visibility(youth: User) -> str:
    profile = YouthProfile.objects.filter(user=youth).only("visibility").first()
    return profile.visibility if profile else Visibility.ONLY_ME


def do_sync_achievement_activity(youth: User, *, achievement: Any) -> Activity | None:
    """Called after an achievement was saved: record it in the feed the first time it is
    shown to someone, else keep its activity's visibility, title and skills up to date.

    ``achievement`` is a ``skills.models.Achievement`` (not imported: skills depends on
    network, not the other way round).
    """
    visibility = effective_visibility(achievement.visibility, _profile_visibility(youth))
    existing = Activity.objects.filter(target_type=ACHIEVEMENT, target_id=achievement.pk)
    if visibility == Visibility.ONLY_ME:
        existing.delete()
        return None
    language = youth.language or "fr"
    params = {
        "title": achievement.title,
        "skills": [concept.label(language) for concept in achievement.skills.all()],
    }
    activity = existing.first()
    if activity is not None:
        activity.visibility = visibility
        activity.params = params
        activity.save(update_fields=["visibility", "params"])
        return activity
    return do_record_activity(
        youth,
        verb=Activity.Verb.ACHIEVEMENT,
        visibility=visibility,
        params=params,
        url=reverse("skills:achievement_detail", args=[achievement.pk]),
        target_type=ACHIEVEMENT,
        target_id=achievement.pk,
    )


def do_delete_achievement_activity(achievement_id: int) -> None:
    do_delete_activities(ACHIEVEMENT, achievement_id)


def do_record_endorsement_activity(youth: User, *, endorsement: Any) -> Activity | None:
    """An endorsement the youth accepted shows in the feed of those who see their profile.

    For a minor it never goes wider than members: the feed names people, and minors are never
    named to recruiters.
    """
    visibility = _profile_visibility(youth)
    if youth.is_minor:
        visibility = Visibility.narrowest(visibility, Visibility.MEMBERS)
    if visibility == Visibility.ONLY_ME:
        return None
    endorser = endorsement.endorser
    return do_record_activity(
        youth,
        verb=Activity.Verb.ENDORSEMENT,
        visibility=visibility,
        params={
            "skill": endorsement.concept.label(youth.language or "fr"),
            "endorser": endorser.display_name if endorser else endorsement.endorser_name,
        },
        url=reverse("skills:profile", args=[youth.pk]),
        target_type=ENDORSEMENT,
        target_id=endorsement.pk,
    )


def do_delete_endorsement_activity(endorsement_id: int) -> None:
    do_delete_activities(ENDORSEMENT, endorsement_id)


def do_check_skill_milestone(youth: User) -> Activity | None:
    """The first time a youth's profile holds ``SKILL_MILESTONE`` skills, say it once.

    Called whenever skills are added to a profile; removing skills and adding them back
    does not say it again.
    """
    if youth.profile_skills.count() < SKILL_MILESTONE:
        return None
    if Activity.objects.filter(
        target_type=PROFILE, target_id=youth.pk, verb=Activity.Verb.MILESTONE
    ).exists():
        return None
    visibility = _profile_visibility(youth)
    if visibility == Visibility.ONLY_ME:
        return None
    return do_record_activity(
        youth,
        verb=Activity.Verb.MILESTONE,
        visibility=Visibility.narrowest(visibility, Visibility.MEMBERS)
        if youth.is_minor
        else visibility,
        params={"skills": SKILL_MILESTONE},
        url=reverse("skills:profile", args=[youth.pk]),
        target_type=PROFILE,
        target_id=youth.pk,
    )


def do_narrow_profile_activities(youth: User, *, profile_visibility: str) -> int:
    """The youth narrowed their profile: nothing of theirs in the feed stays wider."""
    wider = [
        v for v in Visibility.values if Visibility.rank(v) > Visibility.rank(profile_visibility)
    ]
    rows = Activity.objects.filter(actor=youth, organisation__isnull=True, visibility__in=wider)
    if profile_visibility == Visibility.ONLY_ME:
        return rows.exclude(verb=Activity.Verb.POST).delete()[0]
    return rows.exclude(verb=Activity.Verb.POST).update(visibility=profile_visibility)


# --- Posts -----------------------------------------------------------------------------------


def check_create_post(
    author: User,
    *,
    text: str,
    image: UploadedFile | None = None,
    image_description: str = "",
    link: str = "",
    organisation: Organisation | None = None,
    visibility: str,
) -> Activity:
    """Write a post (as oneself, or for an organisation one belongs to) with at most one
    image (described, for people who cannot see it) or one link."""
    text = text.strip()
    image_description = " ".join(image_description.split())
    link = link.strip()
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = _("Write something first.")
    elif len(text) > POST_MAX_LENGTH:
        errors["text"] = _("Your post has %(length)s characters: keep it under %(limit)s.") % {
            "length": len(text),
            "limit": POST_MAX_LENGTH,
        }
    if visibility not in POST_VISIBILITIES:
        errors["visibility"] = _("Choose who sees your post.")
    if image and link:
        errors["link"] = _("Add a photo or a link, not both.")
    if image and not image_description:
        errors["image_description"] = _(
            "Describe the photo in a few words, for people who cannot see it."
        )
    elif len(image_description) > IMAGE_DESCRIPTION_MAX_LENGTH:
        errors["image_description"] = _("Keep the description under %(limit)s characters.") % {
            "limit": IMAGE_DESCRIPTION_MAX_LENGTH
        }
    if link:
        try:
            if len(link) > LINK_MAX_LENGTH:
                raise ValidationError("too long")
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            errors["link"] = _("This link does not work. Copy a full address, like https://…")
    checked = None
    if image and "image" not in errors:
        try:
            checked = check_upload(image, allowed=frozenset({IMAGE}))
        except UploadRejected as rejected:
            errors["image"] = str(rejected)
    if errors:
        raise ValidationError(errors)
    if (
        organisation is not None
        and not Membership.objects.filter(organisation=organisation, user=author).exists()
    ):
        raise PermissionDenied(_("Only members of an organisation can post in its name."))
    check_rate(author, "post")
    stored = ""
    try:
        with transaction.atomic():
            post = Post(
                author=author,
                organisation=organisation,
                text=text,
                image_description=image_description if checked else "",
                link=link,
            )
            if checked is not None:
                post.image.save(checked.random_name(), ContentFile(checked.content), save=False)
                stored = post.image.name
            post.save()
            return do_record_activity(
                author,
                verb=Activity.Verb.POST,
                visibility=visibility,
                params={},
                organisation=organisation,
                post=post,
            )
    except Exception:
        # Rolled back: the stored photo would belong to nothing.
        if stored:
            private_storage().delete(stored)
        raise


def check_delete_post(user: User, *, activity_id: int) -> None:
    """The author deletes their post (and its activity, comments and bravos)."""
    with transaction.atomic():
        activity = (
            Activity.objects.select_for_update(of=("self",))
            .filter(pk=activity_id, actor=user, post__isnull=False)
            .select_related("post")
            .first()
        )
        if activity is None:
            raise Http404
        image = activity.post.image.name
        activity.post.delete()
        if image:
            transaction.on_commit(lambda: private_storage().delete(image))


# --- Comments and bravos ---------------------------------------------------------------------


def check_add_comment(user: User, *, activity_id: int, text: str) -> Comment:
    """Comment on an activity ``user`` can see in their feed (404 otherwise)."""
    activity = access_activity(user, activity_id)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write your comment first.")})
    if len(text) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("Your comment has %(length)s characters: keep it under %(limit)s.")
                % {"length": len(text), "limit": COMMENT_MAX_LENGTH}
            }
        )
    check_rate(user, "comment")
    with transaction.atomic():
        comment = Comment.objects.create(activity=activity, author=user, text=text)
        if activity.actor_id != user.pk:
            do_notify(
                activity.actor,
                kind=kinds.FEED_COMMENT,
                params={"name": user.display_name},
                url=reverse("network:activity", args=[activity.pk]),
            )
    return comment


def check_delete_comment(user: User, *, comment_id: int) -> None:
    """The author deletes their comment; 404 for anyone else."""
    deleted, _rows = Comment.objects.filter(pk=comment_id, author=user).delete()
    if not deleted:
        raise Http404


def check_toggle_bravo(user: User, *, activity_id: int, bravo: bool = True) -> bool:
    """Say bravo (``bravo=True``) or take it back, on an activity ``user`` can see.

    The form sends the wanted state, so sending it twice (a double click, two tabs) still
    makes one bravo. Returns whether ``user`` now says bravo.
    """
    activity = access_activity(user, activity_id)
    if not bravo:
        Bravo.objects.filter(activity=activity, user=user).delete()
        return False
    try:
        with transaction.atomic():
            _bravo, created = Bravo.objects.get_or_create(activity=activity, user=user)
            if created and activity.actor_id != user.pk:
                do_notify(
                    activity.actor,
                    kind=kinds.FEED_BRAVO,
                    params={"name": user.display_name},
                    url=reverse("network:activity", args=[activity.pk]),
                )
    except IntegrityError:
        pass  # the same bravo was stored at the same moment from another tab
    return True
