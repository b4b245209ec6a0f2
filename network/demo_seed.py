"""Put the demo data of ``network.demo_data`` in the database, as many times as wanted.

``seed_demo()`` creates people through the same actions as real sign-ups
(``do_register_user``, ``do_welcome_user``). A second run creates nothing: it only puts the
demo accounts back as described (password, age, town), so the logins printed by
``manage.py seed_demo`` always work. The caller owns the transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from acrojump.cms.models import GuideIndexPage, GuidePage

from . import actions
from .demo_data import (
    DEMO_EMAIL_DOMAIN,
    DEMO_ORGANISATIONS,
    DEMO_PASSWORD,
    DEMO_PEOPLE,
    GUIDE_SLUG,
    GUIDE_SUMMARY,
    GUIDE_TITLE,
    ROLE_LABELS,
    DemoOrganisation,
    DemoPerson,
    birth_date_for_age,
    guide_body,
)
from .models import Membership, Organisation, Role, User


@dataclass(frozen=True)
class DemoLogin:
    role: str
    name: str
    email: str
    details: str
    is_minor: bool


@dataclass
class SeedReport:
    logins: list[DemoLogin] = field(default_factory=list)
    password: str = DEMO_PASSWORD
    users_created: int = 0
    users_updated: int = 0
    organisations_created: int = 0
    memberships_created: int = 0
    welcomes_sent: int = 0
    guide_created: bool = False
    guide_url: str = ""

    @property
    def minors(self) -> list[DemoLogin]:
        return [login for login in self.logins if login.is_minor]


def seed_demo() -> SeedReport:
    """Create or refresh the demo people, their organisations and the demo guide.

    Run it inside a transaction (the management command does).
    """
    report = SeedReport()
    today = timezone.localdate()
    organisations_before = Organisation.objects.count()
    memberships_before = Membership.objects.count()
    organisations = {spec: _ensure_organisation(spec) for spec in DEMO_ORGANISATIONS}

    existing = {
        user.email.lower(): user
        for user in User.objects.filter(email__in=[person.email for person in DEMO_PEOPLE])
    }
    password_hash = _demo_password_hash(list(existing.values()))
    staff_user = None
    for person in DEMO_PEOPLE:
        user = existing.get(person.email)
        if user is None:
            user = _register(person, password_hash=password_hash, today=today)
            report.users_created += 1
        elif _refresh(user, person, password_hash=password_hash, today=today):
            report.users_updated += 1
        if person.organisation is not None:
            _ensure_membership(user, organisations[person.organisation], function=person.function)
        # As when a person clicks the link of the confirmation e-mail: the first confirmed
        # address opens the account with a welcome; an address confirmed on an earlier run
        # sends nothing again.
        first_address = not EmailAddress.objects.filter(user=user, verified=True).exists()
        if _confirm_email(user):
            actions.do_welcome_user(user, email=user.email, first_address=first_address)
            if first_address:
                report.welcomes_sent += 1
        if person.role == Role.STAFF:
            staff_user = user
        report.logins.append(_login_line(person, user))

    report.organisations_created = Organisation.objects.count() - organisations_before
    report.memberships_created = Membership.objects.count() - memberships_before
    guide, report.guide_created = _ensure_guide(editor=staff_user)
    report.guide_url = guide.url or ""
    return report


def _ensure_organisation(spec: DemoOrganisation) -> Organisation:
    organisation = actions.do_find_or_create_organisation(
        name=spec.name, kind=spec.kind, town=spec.town
    )
    # Only ever adds the mark: staff may have verified others, which stays as they left it.
    if spec.verified and not organisation.verified:
        organisation.verified = True
        organisation.save(update_fields=["verified"])
    return organisation


def _demo_password_hash(existing: list[User]) -> str:
    """One hash of the demo password for every demo account.

    Hashing is slow on purpose (about 0.4 s each): sharing one hash keeps ``make demo``
    quick, and keeping a hash that still matches keeps open demo sessions alive.
    """
    if existing and existing[0].check_password(DEMO_PASSWORD):
        return existing[0].password
    return make_password(DEMO_PASSWORD)


def _date_of_birth(person: DemoPerson, today: datetime.date) -> datetime.date | None:
    if person.age is None:
        return None
    return birth_date_for_age(
        person.age, days_since_birthday=person.days_since_birthday, today=today
    )


def _register(person: DemoPerson, *, password_hash: str, today: datetime.date) -> User:
    user = User(
        email=person.email,
        first_name=person.first_name,
        last_name=person.last_name,
        password=password_hash,
        is_staff=person.role == Role.STAFF,
        is_superuser=person.role == Role.STAFF,
    )
    organisation = person.organisation if person.role in (Role.MENTOR, Role.RECRUITER) else None
    return actions.do_register_user(
        user,
        details=actions.AccountDetails(
            role=person.role,
            date_of_birth=_date_of_birth(person, today),
            town=person.town,
            organisation_name=organisation.name if organisation else "",
            organisation_kind=organisation.kind if organisation else "",
            function=person.function,
            language=person.language,
        ),
    )


def _refresh(user: User, person: DemoPerson, *, password_hash: str, today: datetime.date) -> bool:
    """Put a demo account back as described; True if anything changed."""
    wanted = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "role": person.role,
        "date_of_birth": _date_of_birth(person, today),
        "town": person.town,
        "language": person.language,
        "is_active": True,
        "is_staff": person.role == Role.STAFF,
        "is_superuser": person.role == Role.STAFF,
        "password": password_hash,
    }
    changed = [name for name, value in wanted.items() if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, wanted[name])
    if changed:
        user.save(update_fields=changed)
    return bool(changed)


def _ensure_membership(user: User, organisation: Organisation, *, function: str) -> None:
    """The person's membership: ``do_register_user`` made it for new mentors and recruiters;
    staff, and anyone whose membership went away, get it here."""
    membership, _ = Membership.objects.get_or_create(
        organisation=organisation,
        user=user,
        defaults={"function": function, "is_admin": not organisation.memberships.exists()},
    )
    if membership.function != function:
        membership.function = function
        membership.save(update_fields=["function"])


def _confirm_email(user: User) -> bool:
    """Make the login address confirmed and primary, so the account opens with no reminder.

    True if it was not confirmed before.
    """
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        return True
    newly_confirmed = not address.verified
    if not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    return newly_confirmed


def _login_line(person: DemoPerson, user: User) -> DemoLogin:
    if person.role == Role.YOUTH:
        details = f"{user.age} ans · {user.town}"
    elif person.role == Role.STAFF:
        details = f"{person.function} · /cms/ et /admin/"
    else:
        assert person.organisation is not None
        details = f"{person.function} · {person.organisation.name}"
    return DemoLogin(
        role=ROLE_LABELS[person.role],
        name=person.full_name,
        email=user.email,
        details=details,
        is_minor=user.is_minor,
    )


def _ensure_guide(*, editor: User | None) -> tuple[GuidePage, bool]:
    """The guide under "Guides", created and published if missing (True); an existing one
    is left as the editors made it."""
    index = GuideIndexPage.objects.filter(slug="guides").first()
    if index is None:
        raise LookupError("The « Guides » page is missing: run `manage.py migrate` first.")
    guide = GuidePage.objects.child_of(index).filter(slug=GUIDE_SLUG).first()
    if guide is not None:
        return guide, False
    guide = GuidePage(
        title=GUIDE_TITLE,
        slug=GUIDE_SLUG,
        summary=GUIDE_SUMMARY,
        reading_minutes=4,
        body=guide_body(),
        owner=editor,
        live=False,
    )
    index.add_child(instance=guide)
    guide.save_revision(user=editor).publish(user=editor)
    guide.refresh_from_db()
    return guide, True


#: Who follows whom in the demo, as in the personas: (mentor key, youth key).
DEMO_MENTORSHIPS = [("nadia", "lucas"), ("jean-marc", "yanis"), ("claire", "melissa")]


def seed_demo_mentorships() -> int:
    """The personas' mentors follow their youths, through the real request-and-accept flow.

    Returns how many follow-ups it started; an existing open one is left as it is.
    """
    from .mentorship import do_answer_request, do_request_mentor
    from .models import Mentorship

    started = 0
    for mentor_key, youth_key in DEMO_MENTORSHIPS:
        mentor = User.objects.get(email=f"{mentor_key}.demo@{DEMO_EMAIL_DOMAIN}")
        youth = User.objects.get(email=f"{youth_key}.demo@{DEMO_EMAIL_DOMAIN}")
        open_statuses = [
            Mentorship.Status.WAITING_FOR_MENTOR,
            Mentorship.Status.WAITING_FOR_YOUTH,
            Mentorship.Status.ACTIVE,
        ]
        if Mentorship.objects.filter(mentor=mentor, youth=youth, status__in=open_statuses).exists():
            continue
        organisation = mentor.organisations.first()
        mentorship = do_request_mentor(youth, mentor=mentor, organisation=organisation)
        do_answer_request(mentorship, accept=True)
        started += 1
    return started
