"""Blocking: ``blocker`` and ``blocked`` disappear from each other everywhere.

The rest of the code hides blocked people through ``relations.blocked_user_ids`` and
``privacy.audience_for`` (``Audience.NOBODY``); these actions only store the block and cut
the links that would otherwise keep the two in touch. The blocked person is not told.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from .contact import do_close_requests_between
from .mentorship import do_end_mentorship
from .models import Block, Connection, Mentorship, User

Status = Mentorship.Status


class BlockError(Exception):
    """A block the person cannot make; the message is for them."""


def _pair(a: User, b: User, first: str, second: str) -> Q:
    return Q(**{first: a, second: b}) | Q(**{first: b, second: a})


def check_block(blocker: User, *, blocked_id: int) -> Block:
    """Any signed-in person blocks another existing account (404 for unknown ids)."""
    if not blocker.is_authenticated:
        raise Http404
    blocked = User.objects.filter(pk=blocked_id).first()
    if blocked is None:
        raise Http404
    if blocked.pk == blocker.pk:
        raise BlockError(_("You cannot block yourself."))
    existing = Block.objects.filter(blocker=blocker, blocked=blocked).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return do_block(blocker, blocked=blocked)
    except IntegrityError:
        # Blocked twice at once (two tabs): the first block stands.
        return Block.objects.get(blocker=blocker, blocked=blocked)


def do_block(blocker: User, *, blocked: User) -> Block:
    """Store the block and cut every link between the two, in the caller's transaction."""
    block = Block.objects.create(blocker=blocker, blocked=blocked)
    Connection.objects.filter(_pair(blocker, blocked, "requester", "addressee")).delete()
    do_close_requests_between(blocker, blocked)
    mentorships = Mentorship.objects.select_for_update().filter(
        _pair(blocker, blocked, "youth", "mentor"),
        status__in=[Status.ACTIVE, Status.WAITING_FOR_MENTOR, Status.WAITING_FOR_YOUTH],
    )
    for mentorship in mentorships:
        if mentorship.status == Status.ACTIVE:
            do_end_mentorship(blocker, mentorship=mentorship, tell=False)
        else:
            # A request nobody answered yet: closed without telling the other side.
            mentorship.status = Status.DECLINED
            mentorship.ended_at = timezone.now()
            mentorship.ended_by = blocker
            mentorship.save(update_fields=["status", "ended_at", "ended_by"])
    return block


def check_unblock(blocker: User, *, blocked_id: int) -> None:
    """Only the person who blocked lifts their own block; links cut stay cut."""
    if not blocker.is_authenticated:
        raise Http404
    deleted, _count = Block.objects.filter(blocker=blocker, blocked_id=blocked_id).delete()
    if not deleted:
        raise Http404
