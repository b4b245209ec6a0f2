"""factory_boy factories for single objects of the network app.

Anything richer (a person who signed up, a confirmed e-mail, a welcome) is set up by
calling the real actions, so tests go through the same paths as users.
"""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from network.models import Membership, Organisation, Role, User

PASSWORD = "acrojump-test"


def birth_date(age: int, *, days_since_birthday: int = 30) -> datetime.date:
    """Someone exactly ``age`` today."""
    today = timezone.localdate()
    try:
        last_birthday = today.replace(year=today.year - age)
    except ValueError:  # 29 February
        last_birthday = today.replace(year=today.year - age, day=28)
    return last_birthday - datetime.timedelta(days=days_since_birthday)


class UserFactory(factory.django.DjangoModelFactory):
    """A youth of 19 by default; ``UserFactory(role=Role.MENTOR)`` has no date of birth."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    first_name = "Inès"
    last_name = factory.Sequence(lambda n: f"Test{n}")
    role = Role.YOUTH
    town = "Roubaix"
    language = "fr"
    date_of_birth = factory.LazyAttribute(
        lambda user: birth_date(19) if user.role == Role.YOUTH else None
    )
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.ASSOCIATION
    town = "Lille"
    verified = False


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory, role=Role.MENTOR)
    function = "Conseillère"
    is_admin = False


class ConnectionFactory(factory.django.DjangoModelFactory):
    """An accepted connection between two members (``status=`` for a pending one)."""

    class Meta:
        model = "network.Connection"

    requester = factory.SubFactory(UserFactory)
    addressee = factory.SubFactory(UserFactory)
    status = "accepted"
    responded_at = factory.LazyFunction(timezone.now)


# --- Opportunities (network/opportunities.py) ------------------------------------------------


def starter_concept(slug: str) -> object:
    """A skill of the starter taxonomy (loaded by the skills migrations), by its slug."""
    from skills.demo_portfolios import STARTER_URIS
    from skills.models import SkillConcept

    return SkillConcept.objects.get(uri=STARTER_URIS[slug])


def opportunity_details(**changes: object) -> object:
    """What a recruiter types to post an order-picker job in Lesquin (change any field)."""
    from network.models import Opportunity
    from network.opportunities import OpportunityDetails

    values: dict[str, object] = {
        "kind": Opportunity.Kind.JOB,
        "title": "Préparateur ou préparatrice de commandes",
        "description": "Préparer les commandes des magasins, équipe du matin.",
        "contract": Opportunity.Contract.TEMPORARY,
        "skills": (starter_concept("preparer-des-commandes"),),
        "town": "Lesquin",
        "hours_per_week": 35,
        "starts_on": timezone.localdate() + datetime.timedelta(days=14),
        "no_diploma_required": True,
        "open_to_minors": False,
    }
    values.update(changes)
    return OpportunityDetails(**values)


def post_opportunity(poster: User, **changes: object) -> object:
    """An opportunity posted through the real action, for ``poster``'s first organisation."""
    from network.opportunities import check_create_opportunity

    organisation = poster.organisations.order_by("id").first()
    return check_create_opportunity(
        poster, organisation=organisation, data=opportunity_details(**changes)
    )
