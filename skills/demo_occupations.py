"""Demo occupation pages ("métiers") for the occupations the personas aim at.

``seed_demo_occupations()`` is called by ``network.demo_seed.seed_demo``; a second run creates
nothing and leaves pages as editors left them. Skills are picked by URI among the starter
taxonomy's (``skills/starter_taxonomy.py``, loaded by a migration); a skill missing from the
database is skipped, never invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from network.models import User

from .models import (
    Occupation,
    OccupationIndexPage,
    OccupationPage,
    OccupationPageSkill,
    OccupationSkill,
    SkillConcept,
)
from .occupation_actions import do_prefill_occupation_skills

ESCO_SKILL = "http://data.europa.eu/esco/skill/"
ACROJUMP_SKILL = "https://acrojump.fr/skill/"
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/"
ESSENTIAL = OccupationSkill.Relation.ESSENTIAL
OPTIONAL = OccupationSkill.Relation.OPTIONAL
INDEX_SLUG = "metiers"


@dataclass(frozen=True)
class DemoOccupation:
    title: str
    slug: str
    summary: str
    day_to_day: str
    occupation_uri: str
    #: (concept URI, essential or optional), in the order shown.
    skills: tuple[tuple[str, str], ...]


ORDER_PICKER = DemoOccupation(
    title="Préparateur·rice de commandes",
    slug="preparateur-de-commandes",
    summary=(
        "Dans un entrepôt, tu prépares les colis des clients : tu prends les bons articles, "
        "tu vérifies et tu emballes, vite et sans erreur."
    ),
    day_to_day=(
        "<p>La journée commence souvent tôt. Avec un scanner ou une tablette, tu reçois une "
        "liste d'articles à prendre dans les rayonnages. Tu les rassembles, tu vérifies les "
        "quantités, puis tu emballes et tu étiquettes les colis avant leur départ.</p>"
        "<p>Le travail se fait en équipe, avec des horaires fixes (parfois en 2×8) et des "
        "objectifs à tenir. On porte des charges et on reste debout : les gestes et postures "
        "et les règles de sécurité comptent. Avec de l'expérience, on peut passer le CACES "
        "pour conduire un chariot, devenir cariste ou chef d'équipe.</p>"
    ),
    occupation_uri=f"{ESCO_OCCUPATION}cd94def5-3442-4c2e-ae3d-0761a3008bcb",
    skills=(
        (f"{ACROJUMP_SKILL}preparer-des-commandes", ESSENTIAL),
        (f"{ESCO_SKILL}60c78287-22eb-4103-9c8c-28deaa460da0", ESSENTIAL),  # travailler en équipe
        (f"{ESCO_SKILL}ab2bb44a-3956-4028-8715-8b70b1960b99", ESSENTIAL),  # porter des charges
        (f"{ESCO_SKILL}6b78965b-5d84-4db6-8e1c-466d9cb37965", ESSENTIAL),  # suivre les consignes
        (f"{ESCO_SKILL}83e6510b-ffeb-4aec-959c-4265fd0ff7b7", ESSENTIAL),  # attention aux détails
        (f"{ESCO_SKILL}d2d9051a-10e1-41c5-9cfb-bbdc58016176", ESSENTIAL),  # règles de sécurité
        (f"{ESCO_SKILL}667cbbaf-f377-46d8-8f2d-1f6d8a55d74a", ESSENTIAL),  # emballer des colis
        (f"{ESCO_SKILL}078861f5-b901-48a5-951e-a3ad0a4fa0bd", OPTIONAL),  # matériel d'entrepôt
        (f"{ESCO_SKILL}e705db38-4fcf-4069-b01f-3fbdda894cc1", OPTIONAL),  # rotation du stock
        (f"{ESCO_SKILL}28cb374e-6261-4133-8371-f9a5470145da", OPTIONAL),  # chariot élévateur
    ),
)

CARE_ASSISTANT = DemoOccupation(
    title="Aide-soignant·e",
    slug="aide-soignant",
    summary=(
        "À l'hôpital, en maison de retraite ou à domicile, tu aides les personnes malades ou "
        "âgées dans les gestes de tous les jours et tu veilles à leur confort."
    ),
    day_to_day=(
        "<p>Tu aides les patients ou les résidents à se lever, se laver, s'habiller et manger, "
        "en respectant leur intimité et leur rythme. Tu observes comment ils vont (humeur, "
        "appétit, douleur) et tu le transmets à l'infirmier ou l'infirmière.</p>"
        "<p>Tu travailles en équipe, souvent en horaires décalés, le week-end ou la nuit. On "
        "devient aide-soignant·e avec le diplôme d'État (DEAS), qu'on peut préparer en "
        "apprentissage. Un service civique ou du bénévolat auprès de personnes âgées est une "
        "bonne façon de découvrir le métier.</p>"
    ),
    occupation_uri=f"{ESCO_OCCUPATION}87d0795a-d41f-47ee-979f-0ab7d73836e7",
    skills=(
        (f"{ESCO_SKILL}261e740b-d32d-4356-94a8-3ea29128b70b", ESSENTIAL),  # personne âgée
        (f"{ESCO_SKILL}fba28975-4544-4d37-8971-9bd72534018c", ESSENTIAL),  # hygiène
        (f"{ESCO_SKILL}996243ee-543f-4c36-a31a-e0f2403c0c5d", ESSENTIAL),  # empathie
        (f"{ESCO_SKILL}a17286c5-238d-4f0b-bc24-29e9121345de", ESSENTIAL),  # écouter
        (f"{ESCO_SKILL}60c78287-22eb-4103-9c8c-28deaa460da0", ESSENTIAL),  # travailler en équipe
        (f"{ESCO_SKILL}ab89ad86-1098-44bb-9465-05af5624557c", ESSENTIAL),  # accompagner
        (f"{ESCO_SKILL}be6ab363-3de1-427f-a8ef-85d5b0250822", ESSENTIAL),  # rapporter des faits
        (f"{ESCO_SKILL}7a147904-22b3-498a-b4d9-7bceeb86b45d", OPTIONAL),  # calme sous pression
        (f"{ESCO_SKILL}1d21f6ad-340f-45da-a0a3-4e83867f47a6", OPTIONAL),  # premiers secours
        (f"{ESCO_SKILL}1e0ed685-0696-405d-bfa3-dd6ab3751baf", OPTIONAL),  # personne handicapée
    ),
)

DEMO_OCCUPATIONS = (ORDER_PICKER, CARE_ASSISTANT)


def seed_demo_occupations(*, editor: User | None = None) -> list[OccupationPage]:
    """Create and publish the demo occupation pages missing under "Métiers".

    Returns the pages created. The caller owns the transaction.
    """
    index = OccupationIndexPage.objects.filter(slug=INDEX_SLUG).first()
    if index is None:
        raise LookupError("The « Métiers » page is missing: run `manage.py migrate` first.")
    created = []
    for spec in DEMO_OCCUPATIONS:
        if OccupationPage.objects.child_of(index).filter(slug=spec.slug).exists():
            continue
        created.append(_create_page(index, spec, editor=editor))
    return created


def _create_page(
    index: OccupationIndexPage, spec: DemoOccupation, *, editor: User | None
) -> OccupationPage:
    concepts = SkillConcept.objects.in_bulk([uri for uri, _ in spec.skills], field_name="uri")
    page = OccupationPage(
        title=spec.title,
        slug=spec.slug,
        summary=spec.summary,
        day_to_day=spec.day_to_day,
        occupation=Occupation.objects.filter(uri=spec.occupation_uri).first(),
        owner=editor,
        live=False,
    )
    page.page_skills = [
        OccupationPageSkill(skill=concepts[uri], relation=relation, sort_order=position)
        for position, (uri, relation) in enumerate(spec.skills)
        if uri in concepts
    ]
    index.add_child(instance=page)
    page.save_revision(user=editor).publish(user=editor)
    page.refresh_from_db()
    # Without any of the chosen skills in the taxonomy, ESCO's relations (when imported)
    # are the next best thing.
    if not page.page_skills.exists():
        do_prefill_occupation_skills(page, user=editor)
    return page
