"""Opportunities in the demo: Sandrine's warehouse in Lesquin offers order-picker jobs, GEIQ
BTP Nord an apprenticeship, and Lucas applies to one of them.

Everything goes through the real actions (feed activity, notifications to the recruiter and
to Lucas's counsellor Nadia). Running it again creates nothing new: offers are looked up by
organisation and title, the application by its pair. The caller owns the transaction, and
``seed_demo()`` (``network/demo_seed.py``) must have created the personas first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from skills.demo_portfolios import STARTER_URIS
from skills.selectors import concepts_by_uri

from .demo_data import DEMO_EMAIL_DOMAIN, GEIQ_BTP_NORD, WAREHOUSE
from .models import Application, Opportunity, Organisation, User
from .opportunities import OpportunityDetails, check_apply, check_create_opportunity

Kind = Opportunity.Kind
Contract = Opportunity.Contract


@dataclass(frozen=True)
class DemoOpportunity:
    poster: str
    organisation: str
    kind: str
    title: str
    description: str
    contract: str
    skills: tuple[str, ...]
    town: str
    hours_per_week: int
    starts_in_days: int
    open_to_minors: bool = False


DEMO_OPPORTUNITIES = (
    DemoOpportunity(
        "sandrine",
        WAREHOUSE.name,
        Kind.JOB,
        "Préparateur ou préparatrice de commandes",
        "Dans notre entrepôt de Lesquin, tu prépares les commandes des magasins : tu lis la "
        "liste sur le scanner, tu prends les colis dans les allées et tu les emballes. "
        "Équipe du matin (6 h – 13 h). Formation au poste le premier jour, chaussures de "
        "sécurité fournies. Sans diplôme : on cherche des personnes fiables et ponctuelles.",
        Contract.TEMPORARY,
        (
            "preparer-des-commandes",
            "emballer-des-colis",
            "porter-des-charges-lourdes",
            "respecter-les-regles-de-securite",
            "travailler-en-equipe",
        ),
        "Lesquin",
        35,
        21,
    ),
    DemoOpportunity(
        "sandrine",
        WAREHOUSE.name,
        Kind.JOB,
        "Préparateur ou préparatrice de commandes le week-end",
        "Le samedi et le dimanche, tu prépares et ranges les commandes avec une petite "
        "équipe. Idéal en plus d'une formation. Sans diplôme, formation sur place.",
        Contract.FIXED_TERM,
        ("preparer-des-commandes", "ranger-et-faire-tourner-le-stock", "faire-un-inventaire"),
        "Lesquin",
        14,
        30,
    ),
    DemoOpportunity(
        "olivier",
        GEIQ_BTP_NORD.name,
        Kind.APPRENTICESHIP,
        "Apprentissage maçon ou maçonne (CAP)",
        "Deux ans d'apprentissage dans une entreprise du bâtiment de la métropole lilloise, "
        "avec un tuteur ou une tutrice, et des cours au CFA. Le GEIQ t'accompagne tout au "
        "long du parcours. Ouvert dès 16 ans.",
        Contract.APPRENTICESHIP,
        ("aider-sur-un-chantier", "me-servir-d-outils", "respecter-les-regles-de-securite"),
        "Lille",
        35,
        60,
        open_to_minors=True,
    ),
)

#: (youth, opportunity title, message, named)
DEMO_APPLICATIONS = (
    (
        "lucas",
        "Préparateur ou préparatrice de commandes",
        "Bonjour, je suis fiable et j'aime le travail en équipe. Je peux déménager dans le "
        "Nord pour ce poste.",
        True,
    ),
)


def _person(key: str) -> User:
    return User.objects.get(email=f"{key}.demo@{DEMO_EMAIL_DOMAIN}")


def seed_demo_opportunities() -> tuple[int, int]:
    """Create the demo's opportunities and applications; returns how many of each are new."""
    today = timezone.localdate()
    created = 0
    for spec in DEMO_OPPORTUNITIES:
        organisation = Organisation.objects.get(name=spec.organisation)
        if Opportunity.objects.filter(organisation=organisation, title=spec.title).exists():
            continue
        uris = [STARTER_URIS[slug] for slug in spec.skills]
        found = concepts_by_uri(uris)
        check_create_opportunity(
            _person(spec.poster),
            organisation=organisation,
            data=OpportunityDetails(
                kind=spec.kind,
                title=spec.title,
                description=spec.description,
                contract=spec.contract,
                skills=tuple(found[uri] for uri in uris if uri in found),
                town=spec.town,
                hours_per_week=spec.hours_per_week,
                starts_on=today + datetime.timedelta(days=spec.starts_in_days),
                no_diploma_required=True,
                open_to_minors=spec.open_to_minors,
            ),
        )
        created += 1
    applied = 0
    for key, title, message, named in DEMO_APPLICATIONS:
        youth = _person(key)
        opportunity = Opportunity.objects.select_related("organisation", "posted_by").get(
            title=title
        )
        if Application.objects.filter(youth=youth, opportunity=opportunity).exists():
            continue
        check_apply(youth, opportunity=opportunity, message=message, named=named)
        applied += 1
    return created, applied
