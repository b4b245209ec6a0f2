"""Demo time slots: Rachid, head chef in Lille, offers discovery talks about his job; Nadia,
counsellor at the Mission Locale de Dijon, offers appointments to the youths she follows.

``seed_demo_talks()`` goes through the real action (``talks.check_offer_slot``). Running it
again creates nothing new while the persona still has enough upcoming slots; the caller owns
the transaction.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from skills.models import Occupation

from .demo_data import DEMO_EMAIL_DOMAIN
from .models import MeetingMode, Slot, User
from .talks import check_offer_slot

RACHID_TOPIC = "La vie en cuisine : la brigade, les horaires, comment j'ai commencé"
RACHID_WHERE = "Restaurant Le Beffroi Gourmand, 12 place du Théâtre, 59800 Lille"
NADIA_WHERE = "Mission Locale de Dijon, 5 rue Jean Renaud, 21000 Dijon"
TALKS = 3
APPOINTMENTS = 2


def _person(key: str) -> User | None:
    return User.objects.filter(email=f"{key}.demo@{DEMO_EMAIL_DOMAIN}").first()


def cook_occupation() -> Occupation | None:
    """A cook occupation, preferring one with a published page (it lists the talks)."""
    cooks = Occupation.objects.filter(preferred_labels__fr__icontains="cuisinier")
    return cooks.filter(pages__live=True).first() or cooks.first()


def _next_weekday(today: datetime.date, weekday: int) -> datetime.date:
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 or 7)


def _upcoming(host: User, kind: str, now: datetime.datetime) -> int:
    return Slot.objects.filter(
        host=host, kind=kind, starts_at__gt=now, cancelled_at__isnull=True
    ).count()


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def seed_demo_talks(*, now: datetime.datetime | None = None) -> int:
    """Offer the missing demo slots; returns how many it created."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    created = 0
    rachid = _person("rachid")
    if rachid is not None:
        occupation = cook_occupation()
        # Wednesdays at 15:00, between lunch and dinner service, the next weeks.
        first = _next_weekday(today, 2)
        missing = TALKS - _upcoming(rachid, Slot.Kind.DISCOVERY_TALK, now)
        for week in range(TALKS * 2):
            if missing <= 0:
                break
            starts_at = _at(first + datetime.timedelta(weeks=week), 15)
            if Slot.objects.filter(host=rachid, starts_at=starts_at).exists():
                continue
            check_offer_slot(
                rachid,
                kind=Slot.Kind.DISCOVERY_TALK,
                starts_at=starts_at,
                duration_minutes=45,
                mode=MeetingMode.VIDEO if week % 2 else MeetingMode.IN_PERSON,
                where="https://meet.jit.si/acrojump-rachid-cuisine" if week % 2 else RACHID_WHERE,
                topic=RACHID_TOPIC,
                occupation=occupation,
                now=now,
            )
            created += 1
            missing -= 1
    nadia = _person("nadia")
    if nadia is not None:
        first = _next_weekday(today, 1)  # Tuesdays, 10:00, at the Mission Locale.
        missing = APPOINTMENTS - _upcoming(nadia, Slot.Kind.APPOINTMENT, now)
        for week in range(APPOINTMENTS * 2):
            if missing <= 0:
                break
            starts_at = _at(first + datetime.timedelta(weeks=week), 10)
            if Slot.objects.filter(host=nadia, starts_at=starts_at).exists():
                continue
            check_offer_slot(
                nadia,
                kind=Slot.Kind.APPOINTMENT,
                starts_at=starts_at,
                duration_minutes=30,
                mode=MeetingMode.IN_PERSON,
                where=NADIA_WHERE,
                topic="Point sur ton projet",
                now=now,
            )
            created += 1
            missing -= 1
    return created
