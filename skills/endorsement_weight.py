"""How much an endorsement counts for recruiters, and the plain reason shown with it.

Issue 4: counsellors distrust what people claim on social networks, so an endorsement counts
by who gives it. From the most to the least trusted:

1. a mentor of a verified organisation who actively follows the youth;
2. a mentor of an organisation AcroJump has not verified yet;
3. another adult with an AcroJump account (invited by the youth);
4. someone without an account, who endorsed through a link sent by e-mail.

A long follow-up adds a little (up to one tier at two years), because the mentor has seen
the youth over time. The reason is written once, when the endorsement is made, in the
youth's language (the profile's readers are mostly in the same country as the youth).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from network.models import Mentorship, Organisation, User

from .models import Relationship

WEIGHT_VERIFIED_MENTOR = 4.0
WEIGHT_MENTOR = 3.0
WEIGHT_ACCOUNT = 2.0
WEIGHT_EMAIL = 1.0
#: The follow-up bonus grows by month up to this many months.
FOLLOW_UP_CAP_MONTHS = 24
FOLLOW_UP_MAX_BONUS = 1.0


@dataclass(frozen=True)
class Weight:
    value: float
    reason: str


def months_between(start: datetime.datetime, end: datetime.datetime) -> int:
    """Whole months from ``start`` to ``end`` (0 when less than a month)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def _who(relationship: str, function: str) -> str:
    """The endorser's function in their organisation, else the relationship they stated."""
    return function.strip() or str(Relationship(relationship).label)


def endorsement_weight(
    *,
    endorser: User | None,
    relationship: str,
    mentorship: Mentorship | None = None,
    organisation: Organisation | None = None,
    function: str = "",
    language: str = "fr",
    now: datetime.datetime | None = None,
) -> Weight:
    """The weight and plain reason of an endorsement.

    ``mentorship`` is the active follow-up that lets ``endorser`` endorse as a mentor
    (``None`` for an invited adult); ``organisation`` and ``function`` say where the
    endorser works and as what (their membership), if known.
    """
    now = now or timezone.now()
    with translation.override(language):
        who = _who(relationship, function)
        if endorser is None:
            return Weight(
                WEIGHT_EMAIL,
                _("Endorsed by e-mail, not an AcroJump account: %(who)s.") % {"who": who},
            )
        if mentorship is None or organisation is None:
            if organisation is not None:
                reason = _("Endorsed by: %(who)s, %(organisation)s, with an AcroJump account.")
            else:
                reason = _("Endorsed by: %(who)s, with an AcroJump account.")
            return Weight(
                WEIGHT_ACCOUNT,
                reason % {"who": who, "organisation": organisation.name if organisation else ""},
            )
        started = mentorship.started_at or mentorship.created_at
        months = months_between(started, now) if started else 0
        bonus = FOLLOW_UP_MAX_BONUS * min(months, FOLLOW_UP_CAP_MONTHS) / FOLLOW_UP_CAP_MONTHS
        if organisation.verified:
            base = WEIGHT_VERIFIED_MENTOR
            where = _("%(organisation)s (verified organisation)")
        else:
            base = WEIGHT_MENTOR
            where = _("%(organisation)s (organisation not verified yet)")
        where = where % {"organisation": organisation.name}
        if months >= 1:
            reason = ngettext(
                "Endorsed by: %(who)s, %(where)s, who has followed them for %(months)d month.",
                "Endorsed by: %(who)s, %(where)s, who has followed them for %(months)d months.",
                months,
            ) % {"who": who, "where": where, "months": months}
        else:
            reason = _(
                "Endorsed by: %(who)s, %(where)s, who started following them this month."
            ) % {"who": who, "where": where}
        return Weight(round(base + bonus, 3), reason)
