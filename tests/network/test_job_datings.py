"""Job datings: the scheduling algorithm, who may prepare and change one, the recruiters'
skill cards, check-in, outcomes and the counsellors' results across events."""

from __future__ import annotations

import datetime
import itertools
from collections import Counter
from collections.abc import Callable
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from network import gatherings
from network import notification_kinds_gatherings as kinds
from network.account_deletion import do_delete_account
from network.gatherings import GatheringError, JobDatingDetails
from network.gatherings_selectors import outcomes_report
from network.job_dating_schedule import PlannedMeeting, plan_schedule, slot_count
from network.mentorship import check_answer_invitation, check_create_invitation
from network.models import (
    DisplayMode,
    JobDating,
    JobDatingCandidate,
    JobDatingMeeting,
    JobDatingRecruiter,
    MeetingMode,
    Notification,
    Role,
    User,
    Visibility,
)
from tests.skills.portfolio_helpers import add_experience, make_concept, set_profile

Outcome = JobDatingMeeting.Outcome

# --- The schedule, a pure function ---------------------------------------------------------


def assert_valid(
    meetings: list[PlannedMeeting], *, slots: int, wanted: set[tuple[int, int]]
) -> None:
    pairs = [(meeting.recruiter, meeting.candidate) for meeting in meetings]
    assert len(pairs) == len(set(pairs)), "a pair meets twice"
    assert set(pairs) <= wanted, "a pair that was not wanted meets"
    for meeting in meetings:
        assert 0 <= meeting.slot < slots
    recruiter_slots = Counter((meeting.recruiter, meeting.slot) for meeting in meetings)
    candidate_slots = Counter((meeting.candidate, meeting.slot) for meeting in meetings)
    assert max(recruiter_slots.values(), default=1) == 1, "a recruiter is in two places"
    assert max(candidate_slots.values(), default=1) == 1, "a candidate is in two places"


def best_possible(wanted: list[tuple[int, int]], slots: int) -> int:
    """Brute force: the largest set of wanted pairs where nobody meets more than ``slots``."""
    best = 0
    for size in range(len(wanted), 0, -1):
        for subset in itertools.combinations(wanted, size):
            people = Counter([("r", r) for r, _c in subset] + [("c", c) for _r, c in subset])
            if max(people.values()) <= slots:
                return size
    return best


def test_the_schedule_is_valid_and_optimal_on_every_small_case() -> None:
    cases = 0
    for recruiter_count, candidate_count in [(1, 1), (1, 3), (2, 2), (2, 3), (3, 2)]:
        recruiters = list(range(1, recruiter_count + 1))
        candidates = list(range(10, 10 + candidate_count))
        every_pair = [(r, c) for r in recruiters for c in candidates]
        for mask in range(1 << len(every_pair)):
            wanted = [pair for index, pair in enumerate(every_pair) if mask >> index & 1]
            for slots in range(0, 4):
                meetings = plan_schedule(recruiters, candidates, slots=slots, wanted=wanted)
                assert_valid(meetings, slots=slots, wanted=set(wanted))
                assert len(meetings) == best_possible(wanted, slots), (wanted, slots)
                cases += 1
    assert cases > 600


@pytest.mark.parametrize(
    ("recruiter_count", "candidate_count", "slots"),
    [(3, 3, 3), (3, 3, 2), (6, 20, 6), (6, 20, 30), (10, 4, 3), (5, 5, 1)],
)
def test_all_pairs_meet_as_far_as_time_allows(
    recruiter_count: int, candidate_count: int, slots: int
) -> None:
    recruiters = list(range(recruiter_count))
    candidates = list(range(100, 100 + candidate_count))
    meetings = plan_schedule(recruiters, candidates, slots=slots)
    every_pair = {(r, c) for r in recruiters for c in candidates}
    assert_valid(meetings, slots=slots, wanted=every_pair)
    # In a complete bipartite graph the best is bounded by each side's time only.
    expected = min(
        recruiter_count * min(candidate_count, slots), candidate_count * min(recruiter_count, slots)
    )
    assert len(meetings) == expected


def test_the_schedule_ignores_unknown_people_and_duplicates() -> None:
    meetings = plan_schedule([1, 1], [5], slots=2, wanted=[(1, 5), (1, 5), (2, 5), (1, 6)])
    assert meetings == [PlannedMeeting(slot=0, recruiter=1, candidate=5)]
    assert plan_schedule([], [5], slots=3) == []
    assert slot_count(120, 15) == 8
    assert slot_count(10, 15) == 0


# --- Set-up through the real actions ---------------------------------------------------------


def logged_in(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def details(**changes: object) -> JobDatingDetails:
    values: dict = {
        "title": "Job dating BTP",
        "description": "",
        "starts_at": at(5, 9),
        "ends_at": at(5, 10),
        "mode": MeetingMode.IN_PERSON,
        "place": "Mission Locale de Dijon",
        "video_link": "",
        "meeting_minutes": 15,
    }
    values.update(changes)
    return JobDatingDetails(**values)


def follow(youth: User, mentor: User) -> None:
    invitation = check_create_invitation(mentor)
    check_answer_invitation(youth, token=invitation.token, accept=True)


def shift_to_now(job_dating: JobDating) -> None:
    """Make the job dating start half an hour ago: the day has come."""
    delta = job_dating.starts_at - (timezone.now() - datetime.timedelta(minutes=30))
    JobDating.objects.filter(pk=job_dating.pk).update(
        starts_at=F("starts_at") - delta, ends_at=F("ends_at") - delta
    )
    JobDatingMeeting.objects.filter(job_dating=job_dating).update(starts_at=F("starts_at") - delta)
    job_dating.refresh_from_db()


class Event:
    """A job dating prepared by Nadia with two recruiters and two youths she follows."""

    def __init__(
        self, *, nadia: User, recruiter: User, other_recruiter: User, lucas: User, kevin: User
    ) -> None:
        self.nadia, self.recruiter, self.other_recruiter = nadia, recruiter, other_recruiter
        self.lucas, self.kevin = lucas, kevin
        self.job_dating = gatherings.check_create_job_dating(nadia, details=details())
        for person in (recruiter, other_recruiter):
            gatherings.check_invite_recruiter(
                nadia, job_dating_id=self.job_dating.pk, email=person.email
            )
        for youth in (lucas, kevin):
            gatherings.check_preselect_youth(
                nadia, job_dating_id=self.job_dating.pk, youth_id=youth.pk
            )

    @property
    def url(self) -> str:
        return f"/job-datings/{self.job_dating.pk}/"

    def generate(self) -> list[JobDatingMeeting]:
        return gatherings.check_generate_schedule(self.nadia, job_dating_id=self.job_dating.pk)

    def candidate(self, youth: User) -> JobDatingCandidate:
        return self.job_dating.candidates.get(youth=youth)

    def meeting(self, recruiter: User, youth: User) -> JobDatingMeeting:
        return JobDatingMeeting.objects.get(
            job_dating=self.job_dating, seat__recruiter=recruiter, candidate__youth=youth
        )


@pytest.fixture
def lucas(make_user: Callable[..., User], nadia: User) -> User:
    youth = make_user("lucas@example.org", first_name="Lucas", age=18, town="Dijon")
    follow(youth, nadia)
    set_profile(youth, visibility=Visibility.RECRUITERS, display_mode=DisplayMode.NAMED)
    concept = make_concept("Régler une table de mixage")
    add_experience(
        youth,
        title="Son des concerts de la MJC",
        visibility=Visibility.RECRUITERS,
        concepts=(concept,),
    )
    return youth


@pytest.fixture
def kevin(make_user: Callable[..., User], nadia: User) -> User:
    youth = make_user("kevin@example.org", first_name="Kevin", age=24, town="Saint-Quentin")
    follow(youth, nadia)
    return youth


@pytest.fixture
def olivier(make_user: Callable[..., User]) -> User:
    return make_user(
        "olivier@example.org",
        role=Role.RECRUITER,
        first_name="Olivier",
        age=None,
        organisation="GEIQ BTP Nord",
        organisation_kind="company",
    )


@pytest.fixture
def other_counsellor(make_user: Callable[..., User]) -> User:
    return make_user(
        "paul@example.org",
        role=Role.MENTOR,
        first_name="Paul",
        age=None,
        organisation="Mission Locale de Lille",
        organisation_kind="mission_locale",
    )


@pytest.fixture
def event(nadia, recruiter, olivier, lucas, kevin) -> Event:
    return Event(
        nadia=nadia, recruiter=recruiter, other_recruiter=olivier, lucas=lucas, kevin=kevin
    )


# --- Preparing a job dating ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_counsellor_prepares_a_job_dating_and_everyone_gets_their_times(
    event: Event, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in(event.nadia).post(event.url + "planning/")
    assert response.status_code == 302
    meetings = list(event.job_dating.meetings.all())
    assert len(meetings) == 4  # two recruiters × two youths, four slots of 15 minutes
    assert len({(m.seat_id, m.starts_at) for m in meetings}) == 4
    assert len({(m.candidate_id, m.starts_at) for m in meetings}) == 4
    told = set(
        Notification.objects.filter(kind=kinds.JOB_DATING_SCHEDULE).values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {event.recruiter.pk, event.other_recruiter.pk, event.lucas.pk, event.kevin.pk}
    assert Notification.objects.filter(
        recipient=event.recruiter, kind=kinds.JOB_DATING_INVITED
    ).exists()


@pytest.mark.django_db
def test_the_creation_form_takes_local_times(nadia) -> None:
    day = timezone.localdate() + datetime.timedelta(days=4)
    response = logged_in(nadia).post(
        "/job-datings/nouveau/",
        {
            "title": "Job dating en ligne",
            "day": day.isoformat(),
            "start_time": "14:00",
            "end_time": "16:00",
            "mode": "video",
            "video_link": "https://visio.example.org/jd",
            "meeting_minutes": "20",
        },
    )
    assert response.status_code == 302
    job_dating = JobDating.objects.get()
    assert timezone.localtime(job_dating.starts_at).hour == 14
    assert job_dating.video_link == "https://visio.example.org/jd"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes",
    [
        {"starts_at": timezone.now() - datetime.timedelta(hours=1)},
        {"ends_at": at(5, 8)},
        {"meeting_minutes": 4},
        {"meeting_minutes": 61},
        {"mode": MeetingMode.VIDEO, "video_link": ""},
        {"place": ""},
        {"ends_at": at(5, 9, 10)},
    ],
    ids=["past", "end-before-start", "too-short", "too-long", "no-link", "no-place", "no-slot"],
)
def test_bad_job_datings_are_refused(nadia, changes: dict) -> None:
    with pytest.raises(GatheringError):
        gatherings.check_create_job_dating(nadia, details=details(**changes))
    assert not JobDating.objects.exists()


@pytest.mark.django_db
def test_a_recruiter_cannot_organise_a_job_dating(recruiter) -> None:
    with pytest.raises(PermissionDenied):
        gatherings.check_create_job_dating(recruiter, details=details())
    assert logged_in(recruiter).get("/job-datings/nouveau/").status_code == 403


@pytest.mark.django_db
def test_only_recruiter_accounts_can_be_invited(event: Event, ines) -> None:
    response = logged_in(event.nadia).post(event.url + "recruteurs/", {"email": ines.email})
    assert response.status_code == 400
    assert not event.job_dating.recruiters.filter(recruiter=ines).exists()
    with pytest.raises(GatheringError):
        gatherings.check_invite_recruiter(
            event.nadia, job_dating_id=event.job_dating.pk, email=event.recruiter.email
        )


@pytest.mark.django_db
def test_a_youth_the_counsellor_does_not_follow_cannot_be_preselected(event: Event, ines) -> None:
    response = logged_in(event.nadia).post(event.url + "candidats/", {"youth": ines.pk})
    assert response.status_code == 400
    assert not event.job_dating.candidates.filter(youth=ines).exists()


@pytest.mark.django_db
def test_a_minor_the_counsellor_follows_can_be_preselected(event: Event, yanis) -> None:
    follow(yanis, event.nadia)
    response = logged_in(event.nadia).post(event.url + "candidats/", {"youth": yanis.pk})
    assert response.status_code == 302
    assert event.job_dating.candidates.filter(youth=yanis).exists()


@pytest.mark.django_db
def test_the_recruiter_attaches_an_opportunity_of_their_organisation_only(event: Event) -> None:
    from network.models import Opportunity

    mine = Opportunity.objects.create(
        organisation=event.recruiter.organisations.get(),
        kind="job",
        title="Préparateur de commandes",
        description="Entrepôt",
        contract="permanent",
    )
    other = Opportunity.objects.create(
        organisation=event.other_recruiter.organisations.get(),
        kind="job",
        title="Maçon apprenti",
        description="Chantier",
        contract="permanent",
    )
    client = logged_in(event.recruiter)
    refused = client.post(event.url + "ma-table/", {"opportunity": other.pk, "table": "3"})
    assert refused.status_code == 400
    assert (
        client.post(event.url + "ma-table/", {"opportunity": mine.pk, "table": "3"}).status_code
        == 302
    )
    seat = event.job_dating.recruiters.get(recruiter=event.recruiter)
    assert (seat.opportunity_id, seat.table) == (mine.pk, "3")


# --- Who may do what ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_recruiter_cannot_change_the_job_dating(event: Event, ines) -> None:
    event.generate()
    meeting = event.meeting(event.recruiter, event.lucas)
    client = logged_in(event.recruiter)
    for url, data in [
        (event.url + "planning/", {}),
        (event.url + "recruteurs/", {"email": event.recruiter.email}),
        (event.url + "candidats/", {"youth": event.lucas.pk}),
        (event.url + "accueil/", {"candidate": event.candidate(event.lucas).pk}),
        (f"/job-datings/rencontres/{meeting.pk}/deplacer/", {"starts_at": "x"}),
        (f"/job-datings/rencontres/{meeting.pk}/retirer/", {}),
    ]:
        assert client.post(url, data).status_code == 404, url
    assert event.job_dating.meetings.count() == 4


@pytest.mark.django_db
def test_a_counsellor_of_another_organisation_sees_nothing(event: Event, other_counsellor) -> None:
    event.generate()
    client = logged_in(other_counsellor)
    assert client.get(event.url).status_code == 404
    assert client.post(event.url + "planning/").status_code == 404
    assert client.get(event.url + "accueil/").status_code == 404
    meeting = event.meeting(event.recruiter, event.lucas)
    assert client.post(f"/job-datings/rencontres/{meeting.pk}/retirer/").status_code == 404
    assert event.job_dating.meetings.count() == 4


@pytest.mark.django_db
def test_a_youth_sees_only_their_own_schedule(event: Event, ines) -> None:
    event.generate()
    page = logged_in(event.lucas).get(event.url).content.decode()
    own = {str(m.pk) for m in event.job_dating.meetings.filter(candidate__youth=event.lucas)}
    shown = {part.split('"')[0] for part in page.split('data-meeting-id="')[1:]}
    assert shown == own
    assert "Kevin" not in page
    assert logged_in(ines).get(event.url).status_code == 404


@pytest.mark.django_db
def test_a_recruiter_sees_the_skill_card_of_youths_they_meet(event: Event) -> None:
    event.generate()
    card = event.candidate(event.lucas)
    page = logged_in(event.recruiter).get(event.url + f"candidats/{card.pk}/fiche/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Régler une table de mixage" in content
    assert "Lucas" in content
    # Kevin shows his profile to his mentors only: the card says so.
    kevin = event.candidate(event.kevin)
    hidden = logged_in(event.recruiter).get(event.url + f"candidats/{kevin.pk}/fiche/")
    assert "data-card-hidden" in hidden.content.decode()


@pytest.mark.django_db
def test_no_card_of_a_youth_the_recruiter_does_not_meet(event: Event) -> None:
    event.generate()
    event.meeting(event.other_recruiter, event.lucas).delete()
    card = event.candidate(event.lucas)
    url = event.url + f"candidats/{card.pk}/fiche/"
    assert logged_in(event.other_recruiter).get(url).status_code == 404
    assert logged_in(event.nadia).get(url).status_code == 404
    assert logged_in(event.lucas).get(url).status_code == 404


@pytest.mark.django_db
def test_a_minor_is_never_named_on_a_recruiters_card(event: Event, yanis) -> None:
    follow(yanis, event.nadia)
    set_profile(yanis, visibility=Visibility.RECRUITERS, display_mode=DisplayMode.NAMED)
    concept = make_concept("Entraîner une équipe")
    add_experience(yanis, visibility=Visibility.RECRUITERS, concepts=(concept,))
    gatherings.check_preselect_youth(
        event.nadia, job_dating_id=event.job_dating.pk, youth_id=yanis.pk
    )
    event.generate()
    card = event.candidate(yanis)
    content = logged_in(event.recruiter).get(event.url + f"candidats/{card.pk}/fiche/").content
    assert "Entraîner une équipe" in content.decode()
    assert "Yanis" not in content.decode()


# --- Editing the schedule ----------------------------------------------------------------------


@pytest.mark.django_db
def test_moving_a_meeting_onto_a_busy_time_is_refused(event: Event) -> None:
    event.generate()
    moving = event.meeting(event.recruiter, event.lucas)
    busy = event.meeting(event.recruiter, event.kevin)
    response = logged_in(event.nadia).post(
        f"/job-datings/rencontres/{moving.pk}/deplacer/",
        {"starts_at": busy.starts_at.isoformat()},
    )
    assert response.status_code == 409
    assert "already has a meeting at that time" in response.content.decode()
    before = moving.starts_at
    moving.refresh_from_db()
    assert moving.starts_at == before


@pytest.mark.django_db
def test_moving_a_meeting_to_a_free_slot_works_and_odd_times_are_refused(event: Event) -> None:
    event.generate()
    moving = event.meeting(event.recruiter, event.lucas)
    taken = set(
        JobDatingMeeting.objects.filter(
            job_dating=event.job_dating, candidate__youth=event.lucas
        ).values_list("starts_at", flat=True)
    ) | set(
        JobDatingMeeting.objects.filter(
            job_dating=event.job_dating, seat__recruiter=event.recruiter
        ).values_list("starts_at", flat=True)
    )
    free = next(start for start in gatherings.slot_starts(event.job_dating) if start not in taken)
    client = logged_in(event.nadia)
    assert (
        client.post(
            f"/job-datings/rencontres/{moving.pk}/deplacer/", {"starts_at": free.isoformat()}
        ).status_code
        == 302
    )
    moving.refresh_from_db()
    assert moving.starts_at == free
    odd = (free + datetime.timedelta(minutes=7)).isoformat()
    assert (
        client.post(
            f"/job-datings/rencontres/{moving.pk}/deplacer/", {"starts_at": odd}
        ).status_code
        == 400
    )


@pytest.mark.django_db
def test_removing_a_meeting(event: Event) -> None:
    event.generate()
    meeting = event.meeting(event.recruiter, event.lucas)
    assert (
        logged_in(event.nadia).post(f"/job-datings/rencontres/{meeting.pk}/retirer/").status_code
        == 302
    )
    assert not JobDatingMeeting.objects.filter(pk=meeting.pk).exists()


# --- On the day ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_check_in_opens_on_the_day(event: Event) -> None:
    event.generate()
    candidate = event.candidate(event.lucas)
    client = logged_in(event.nadia)
    early = client.post(event.url + "accueil/", {"candidate": candidate.pk})
    assert early.status_code == 409
    shift_to_now(event.job_dating)
    page = client.get(event.url + "accueil/")
    assert page.status_code == 200
    assert f'data-check-in="{candidate.pk}"' in page.content.decode()
    assert client.post(event.url + "accueil/", {"candidate": candidate.pk}).status_code == 302
    candidate.refresh_from_db()
    assert candidate.checked_in_at is not None
    client.post(event.url + "accueil/", {"candidate": candidate.pk, "present": "0"})
    candidate.refresh_from_db()
    assert candidate.checked_in_at is None


@pytest.mark.django_db
def test_outcomes_stay_between_the_recruiter_and_the_counsellor(event: Event) -> None:
    event.generate()
    shift_to_now(event.job_dating)
    mine = event.meeting(event.recruiter, event.lucas)
    theirs = event.meeting(event.other_recruiter, event.lucas)
    JobDatingMeeting.objects.filter(job_dating=event.job_dating).update(
        starts_at=F("starts_at") - datetime.timedelta(hours=2)
    )
    client = logged_in(event.recruiter)
    response = client.post(
        f"/job-datings/rencontres/{mine.pk}/resultat/",
        {"outcome": Outcome.SECOND_INTERVIEW, "notes": "Très motivé"},
    )
    assert response.status_code == 302
    gatherings.check_record_outcome(
        event.other_recruiter, meeting_id=theirs.pk, outcome=Outcome.HIRED, notes="Secret GEIQ"
    )
    # The other recruiter's meeting: not theirs to change or to read.
    refused = client.post(
        f"/job-datings/rencontres/{theirs.pk}/resultat/", {"outcome": Outcome.NOTHING}
    )
    assert refused.status_code == 404
    page = client.get(event.url).content.decode()
    assert "Secret GEIQ" not in page
    assert f'data-meeting-id="{theirs.pk}"' not in page
    theirs.refresh_from_db()
    assert theirs.outcome == Outcome.HIRED
    # The counsellor records too.
    logged_in(event.nadia).post(
        f"/job-datings/rencontres/{event.meeting(event.recruiter, event.kevin).pk}/resultat/",
        {"outcome": Outcome.ABSENT},
    )
    assert event.meeting(event.recruiter, event.kevin).outcome == Outcome.ABSENT


@pytest.mark.django_db
def test_an_outcome_before_the_meeting_and_a_made_up_outcome_are_refused(event: Event) -> None:
    event.generate()
    meeting = event.meeting(event.recruiter, event.lucas)
    client = logged_in(event.recruiter)
    assert (
        client.post(
            f"/job-datings/rencontres/{meeting.pk}/resultat/", {"outcome": Outcome.HIRED}
        ).status_code
        == 409
    )
    assert (
        client.post(
            f"/job-datings/rencontres/{meeting.pk}/resultat/", {"outcome": "promoted"}
        ).status_code
        == 400
    )
    meeting.refresh_from_db()
    assert meeting.outcome == Outcome.PENDING


# --- Results across events ---------------------------------------------------------------------


def run_event(event: Event, outcomes: dict[tuple[User, User], str]) -> None:
    event.generate()
    JobDating.objects.filter(pk=event.job_dating.pk).update(
        starts_at=F("starts_at") - datetime.timedelta(days=30),
        ends_at=F("ends_at") - datetime.timedelta(days=30),
    )
    JobDatingMeeting.objects.filter(job_dating=event.job_dating).update(
        starts_at=F("starts_at") - datetime.timedelta(days=30)
    )
    for (recruiter, youth), outcome in outcomes.items():
        JobDatingMeeting.objects.filter(
            job_dating=event.job_dating, seat__recruiter=recruiter, candidate__youth=youth
        ).update(outcome=outcome)


@pytest.mark.django_db
def test_the_counsellor_sees_outcomes_and_the_skills_of_hired_youths(event: Event) -> None:
    run_event(
        event,
        {
            (event.recruiter, event.lucas): Outcome.HIRED,
            (event.other_recruiter, event.lucas): Outcome.SECOND_INTERVIEW,
            (event.recruiter, event.kevin): Outcome.ABSENT,
            (event.other_recruiter, event.kevin): Outcome.NOTHING,
        },
    )
    report = outcomes_report(event.nadia)
    assert (report.total.held, report.total.second_interviews, report.total.hires) == (3, 1, 1)
    assert report.total.absence_rate == 25
    assert report.hired_skills == [("Régler une table de mixage", 1)]
    page = logged_in(event.nadia).get("/job-datings/resultats/").content.decode()
    assert "data-second-interviews>1<" in page
    assert "Régler une table de mixage" in page


@pytest.mark.django_db
def test_the_results_take_the_same_queries_however_many_events(
    event: Event, django_assert_num_queries
) -> None:
    """Three events, more hires and skills: the same number of queries as one."""
    run_event(event, {(event.recruiter, event.lucas): Outcome.HIRED})
    with CaptureQueriesContext(connection) as one:
        outcomes_report(event.nadia)
    for _number in range(2):
        more = Event(
            nadia=event.nadia,
            recruiter=event.recruiter,
            other_recruiter=event.other_recruiter,
            lucas=event.lucas,
            kevin=event.kevin,
        )
        run_event(more, {(event.recruiter, event.kevin): Outcome.HIRED})
    with django_assert_num_queries(len(one.captured_queries)):
        report = outcomes_report(event.nadia)
    assert len(report.events) == 3
    assert report.total.hires == 3


@pytest.mark.django_db
def test_recruiters_and_youths_have_no_results_page(event: Event) -> None:
    assert logged_in(event.recruiter).get("/job-datings/resultats/").status_code == 403
    assert logged_in(event.lucas).get("/job-datings/resultats/").status_code == 403


@pytest.mark.django_db
def test_deleting_a_recruiter_or_a_youth_removes_their_rows(event: Event) -> None:
    event.generate()
    do_delete_account(event.recruiter)
    assert not JobDatingRecruiter.objects.filter(recruiter_id=event.recruiter.pk).exists()
    assert event.job_dating.meetings.count() == 2
    do_delete_account(event.lucas)
    assert not JobDatingCandidate.objects.filter(youth_id=event.lucas.pk).exists()
    assert event.job_dating.meetings.count() == 1


# --- Demo ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_demo_gatherings_are_made_once() -> None:
    from network.demo_gatherings import seed_demo_gatherings

    call_command("seed_demo", stdout=StringIO())  # seeds the gatherings too
    from network.models import Workshop, WorkshopRegistration

    assert Workshop.objects.count() == 1 and WorkshopRegistration.objects.count() == 1
    assert JobDatingMeeting.objects.count() == 2  # Olivier meets Lucas and Kevin
    again = seed_demo_gatherings()
    assert (again.workshops, again.registrations, again.job_datings, again.meetings) == (
        0,
        0,
        0,
        0,
    )
    job_dating = JobDating.objects.get()
    assert set(job_dating.candidates.values_list("youth__first_name", flat=True)) == {
        "Lucas",
        "Kevin",
    }
    assert job_dating.recruiters.get().recruiter.first_name == "Olivier"
