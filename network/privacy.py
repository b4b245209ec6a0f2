"""Who sees what of a youth's portfolio: the one place visibility is decided.

DESIGN.md, privacy and safeguarding: a youth chooses the audience of the profile (only me, my
mentors, members, recruiters, public) and each item can be narrower, never wider. Every read
of another person's profile, experience, achievement, evidence or document goes through
``audience_for`` / ``can_see`` here, so that the rules live in one place.

Audiences, from the closest to the widest:

- the youth themself sees everything, ``ONLY_ME`` included;
- their mentors (and AcroJump staff, who handle reports) see from ``MENTORS`` up;
- members of the network (youths, mentors who are not theirs) see from ``MEMBERS`` up;
- recruiters see from ``RECRUITERS`` up;
- people without an account see only ``PUBLIC``.

``is_linked_mentor`` is true for a mentor with an active mentorship (consent on both sides),
or a mentor of the same organisation when the youth agreed to share the follow-up; waiting,
declined and ended mentorships give nothing. When either side blocked the other, the viewer
gets ``Audience.NOBODY``: blocking hides both sides from each other everywhere.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Block, DisplayMode, Membership, Mentorship, Role, User, Visibility, YouthProfile
from .places import departement_of_town


class Audience(enum.Enum):
    """Who is looking, as far as visibility is concerned."""

    OWNER = "owner"
    MENTOR = "mentor"  # the youth's own mentors, and AcroJump staff
    MEMBER = "member"
    RECRUITER = "recruiter"
    PUBLIC = "public"
    NOBODY = "nobody"


#: The narrowest visibility each audience passes (an item passes if it is at least this wide).
_NARROWEST_VISIBLE: dict[Audience, str | None] = {
    Audience.OWNER: Visibility.ONLY_ME,
    Audience.MENTOR: Visibility.MENTORS,
    Audience.MEMBER: Visibility.MEMBERS,
    Audience.RECRUITER: Visibility.RECRUITERS,
    Audience.PUBLIC: Visibility.PUBLIC,
    Audience.NOBODY: None,
}

#: The audiences a youth can preview their profile as.
PREVIEW_AUDIENCES = {
    "member": Audience.MEMBER,
    "recruiter": Audience.RECRUITER,
    "public": Audience.PUBLIC,
}

#: Audiences the recruiter display mode (anonymous or named) applies to. People without an
#: account include recruiters who have not signed up, so they get the same treatment.
_RECRUITER_LIKE = {Audience.RECRUITER, Audience.PUBLIC}

#: Texts seen by these visibilities leave the circle of people the youth knows.
PUBLIC_VISIBILITIES = frozenset({Visibility.RECRUITERS, Visibility.PUBLIC})


def followed_mentorships(mentor: User) -> QuerySet[Mentorship]:
    """The active mentorships through which ``mentor`` follows youths.

    Their own, and those of the other mentors of their organisations when the youth agreed
    to share the follow-up with the organisation (``shared_with_organisation``). Waiting,
    declined and ended mentorships give nothing: consent on both sides comes first.
    """
    return Mentorship.objects.filter(
        Q(mentor=mentor)
        | Q(shared_with_organisation=True, organisation__in=_organisations_of(mentor)),
        status=Mentorship.Status.ACTIVE,
    )


def _organisations_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).values("organisation")


def is_linked_mentor(viewer: User, owner: User) -> bool:
    """Whether ``viewer`` is one of ``owner``'s mentors: an active mentorship (both sides
    said yes), their own or shared with their organisation by the youth."""
    if viewer.role != Role.MENTOR or not viewer.is_active:
        return False
    return followed_mentorships(viewer).filter(youth=owner).exists()


def audience_for(viewer: User | None, owner: User) -> Audience:
    """The audience ``viewer`` belongs to when looking at ``owner``'s portfolio."""
    if viewer is None or not viewer.is_authenticated:
        return Audience.PUBLIC
    if viewer.pk == owner.pk:
        return Audience.OWNER
    if not viewer.is_active:
        return Audience.NOBODY
    if viewer.is_staff or viewer.role == Role.STAFF:
        return Audience.MENTOR
    if Block.objects.filter(
        Q(blocker=viewer, blocked=owner) | Q(blocker=owner, blocked=viewer)
    ).exists():
        return Audience.NOBODY
    if viewer.is_staff or viewer.role == Role.STAFF or is_linked_mentor(viewer, owner):
        return Audience.MENTOR
    if viewer.role == Role.RECRUITER:
        return Audience.RECRUITER
    return Audience.MEMBER


def passes(audience: Audience, visibility: str) -> bool:
    """Whether ``audience`` may see something shown to ``visibility``."""
    narrowest = _NARROWEST_VISIBLE[audience]
    if narrowest is None:
        return False
    return Visibility.rank(visibility) >= Visibility.rank(narrowest)


def visible_levels(audience: Audience) -> list[str]:
    """The visibility values ``audience`` passes, for ``visibility__in`` filters."""
    return [choice.value for choice in Visibility if passes(audience, choice.value)]


def can_see(viewer: User | None, owner: User, visibility: str) -> bool:
    """Whether ``viewer`` may see something of ``owner``'s shown to ``visibility``.

    ``visibility`` is the effective one: for an item, the narrowest of the item's and the
    profile's (see ``effective_visibility``).
    """
    return passes(audience_for(viewer, owner), visibility)


def effective_visibility(item_visibility: str, profile_visibility: str) -> str:
    """An item is never shown wider than its profile."""
    return Visibility.narrowest(item_visibility, profile_visibility)


def allowed_item_visibilities(profile_visibility: str) -> list[tuple[str, str]]:
    """The choices an item of a profile shown to ``profile_visibility`` may take."""
    return [
        (value, label)
        for value, label in Visibility.choices
        if Visibility.rank(value) <= Visibility.rank(profile_visibility)
    ]


@dataclass(frozen=True)
class ShownIdentity:
    """How the youth is named to one audience."""

    anonymous: bool
    name: str
    place: str
    #: Set when the place is shown coarser than the town, to say why.
    place_note: str = ""


#: Shown instead of a town whose département is not known.
COUNTRY_SHOWN = "France"


def departement_of(town: str) -> str:
    """The place shown on an anonymous profile instead of the town: its département, as
    "Côte-d'Or (21)" (DESIGN.md). A town the gazetteer does not place (a misspelling, a
    village far from any town of 1,000+ people) shows the country; no town, nothing.
    """
    if not town:
        return ""
    departement = departement_of_town(town)
    return str(departement) if departement is not None else COUNTRY_SHOWN


def _place_note(place: str) -> str:
    if not place:
        return ""
    if place == COUNTRY_SHOWN:
        return str(_("Town hidden: only the country is shown."))
    return str(_("Town hidden: only the département is shown."))


def shown_identity(audience: Audience, owner: User, profile: YouthProfile) -> ShownIdentity:
    """The name and place ``audience`` sees.

    Recruiters (and people without an account) see a youth anonymously when the youth
    chose it, and always when the youth is under 18 (DESIGN.md: minors are never named to
    recruiters). Anonymous means no name, no photo, the place coarsened.
    """
    if audience in _RECRUITER_LIKE and (
        owner.is_minor or profile.display_mode != DisplayMode.NAMED
    ):
        place = departement_of(owner.town)
        return ShownIdentity(
            anonymous=True,
            name=str(_("A young person on AcroJump")),
            place=place,
            place_note=_place_note(place),
        )
    return ShownIdentity(anonymous=False, name=owner.first_name or "", place=owner.town)
