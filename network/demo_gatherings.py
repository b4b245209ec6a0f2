"""Demo workshops and job datings, made through the real actions.

Nadia's Mission Locale de Dijon runs the workshop « Se présenter en ligne » next week,
with Lucas registered; it also runs a job dating with the GEIQ BTP Nord, where Olivier
meets Lucas and Kevin (both followed by Nadia) on a generated schedule. Running it again
changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .demo_data import DEMO_EMAIL_DOMAIN, MISSION_LOCALE_DIJON
from .models import JobDating, MeetingMode, Mentorship, Organisation, User, Workshop

WORKSHOP_TITLE = "Se présenter en ligne"
JOB_DATING_TITLE = "Job dating apprentissage BTP avec le GEIQ BTP Nord"


@dataclass
class GatheringsSeedReport:
    workshops: int = 0
    registrations: int = 0
    job_datings: int = 0
    meetings: int = 0


def _person(key: str) -> User:
    return User.objects.get(email=f"{key}.demo@{DEMO_EMAIL_DOMAIN}")


def _at(days_ahead: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _ensure_followed(nadia: User, youth: User, organisation: Organisation) -> None:
    """Nadia follows the youth, through the request-and-accept flow, unless she does."""
    from .mentorship import do_answer_request, do_request_mentor

    if Mentorship.objects.filter(
        mentor=nadia, youth=youth, status=Mentorship.Status.ACTIVE
    ).exists():
        return
    do_answer_request(
        do_request_mentor(youth, mentor=nadia, organisation=organisation), accept=True
    )


def seed_demo_gatherings() -> GatheringsSeedReport:
    from .gatherings import (
        JobDatingDetails,
        WorkshopDetails,
        check_create_job_dating,
        check_create_workshop,
        check_generate_schedule,
        check_invite_recruiter,
        check_preselect_youth,
        check_register,
    )

    report = GatheringsSeedReport()
    nadia, lucas, kevin, olivier = (
        _person("nadia"),
        _person("lucas"),
        _person("kevin"),
        _person("olivier"),
    )
    mission_locale = Organisation.objects.get(
        name=MISSION_LOCALE_DIJON.name, kind=MISSION_LOCALE_DIJON.kind
    )

    workshop = Workshop.objects.filter(
        organisation=mission_locale, title=WORKSHOP_TITLE, cancelled_at__isnull=True
    ).first()
    if workshop is None or workshop.starts_at <= timezone.now():
        workshop = check_create_workshop(
            nadia,
            organisation_id=mission_locale.pk,
            details=WorkshopDetails(
                title=WORKSHOP_TITLE,
                description=(
                    "Ton profil AcroJump, ton CV et ton message aux employeurs : en deux "
                    "heures, on apprend à se présenter en ligne, avec des exemples."
                ),
                starts_at=_at(7, 14),
                ends_at=_at(7, 16),
                place="Mission Locale de Dijon, 22 rue Bannelier, salle 2",
                capacity=12,
            ),
        )
        report.workshops += 1
    if check_register(lucas, workshop_id=workshop.pk).created:
        report.registrations += 1

    job_dating = JobDating.objects.filter(
        organisation=mission_locale, title=JOB_DATING_TITLE, cancelled_at__isnull=True
    ).first()
    if job_dating is None or job_dating.ends_at <= timezone.now():
        job_dating = check_create_job_dating(
            nadia,
            organisation_id=mission_locale.pk,
            details=JobDatingDetails(
                title=JOB_DATING_TITLE,
                description=(
                    "Des entreprises du bâtiment du GEIQ BTP Nord recrutent des apprentis, "
                    "sans diplôme demandé. 20 minutes par rencontre."
                ),
                starts_at=_at(10, 9, 30),
                ends_at=_at(10, 11, 30),
                mode=MeetingMode.VIDEO,
                place="",
                video_link="https://visio.example.org/geiq-btp-nord",
                meeting_minutes=20,
            ),
        )
        report.job_datings += 1
    if not job_dating.recruiters.filter(recruiter=olivier).exists():
        check_invite_recruiter(nadia, job_dating_id=job_dating.pk, email=olivier.email)
    for youth in (lucas, kevin):
        _ensure_followed(nadia, youth, mission_locale)
        if not job_dating.candidates.filter(youth=youth).exists():
            check_preselect_youth(nadia, job_dating_id=job_dating.pk, youth_id=youth.pk)
    if not job_dating.meetings.exists():
        report.meetings += len(check_generate_schedule(nadia, job_dating_id=job_dating.pk))
    return report
