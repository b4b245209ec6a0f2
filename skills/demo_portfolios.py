"""Demo portfolios: the experiences, achievements and skills of the youths of ``personas.md``.

``seed_demo_portfolios()`` is called by ``manage.py seed_demo`` once the demo people exist. It
writes through the portfolio's own actions, so the demo obeys the rules a youth meets: an item
is never shown wider than its profile, texts recruiters read pass the text checks (the demo
never says "keep my words"), minors are anonymous to recruiters. Texts are in the youths' own
plain words.

A second run creates nothing: a youth's item is skipped when one with the same title exists,
profile settings are only written for a youth who never saved any, and levels only for skills
this run put on the profile, so whatever a person changed during a demo stays as they left it.
Skills are named by their slug in the starter taxonomy (``skills/starter_taxonomy.py``, loaded
by a migration); a skill missing from the database is skipped, never invented. Dates count back
from today, so they stay after each youth's birth whatever the day of the demo.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from network.demo_data import YOUTHS
from network.models import DisplayMode, User, Visibility

from . import actions, selectors
from .models import Achievement, Experience, ProfileSkill, SkillLevel
from .starter_taxonomy import STARTER_SKILLS

STARTER_URIS = {skill.slug: skill.uri for skill in STARTER_SKILLS}

Kind = Experience.Kind
MENTORS = Visibility.MENTORS
MEMBERS = Visibility.MEMBERS
RECRUITERS = Visibility.RECRUITERS
ALONE = SkillLevel.ALONE
CAN_TEACH = SkillLevel.CAN_TEACH
DISCOVERING = SkillLevel.DISCOVERING


@dataclass(frozen=True)
class DemoExperience:
    kind: str
    title: str
    organisation_name: str
    place: str
    description: str
    #: Skills by starter-taxonomy slug.
    skills: tuple[str, ...]
    started_months_ago: int
    #: ``None``: still going on.
    ended_months_ago: int | None = None
    visibility: str = RECRUITERS


@dataclass(frozen=True)
class DemoLink:
    url: str
    caption: str


@dataclass(frozen=True)
class DemoAchievement:
    title: str
    what_i_did: str
    skills: tuple[str, ...]
    months_ago: int
    #: The title of the experience it happened during, if any.
    during: str = ""
    visibility: str = RECRUITERS
    link: DemoLink | None = None


@dataclass(frozen=True)
class DemoPortfolio:
    key: str  # the ``DemoPerson.key`` of the youth
    headline: str
    goals: str
    languages: tuple[str, ...]
    mobility_km: int
    available_in_days: int
    visibility: str
    experiences: tuple[DemoExperience, ...]
    achievements: tuple[DemoAchievement, ...]
    #: Levels the youth gave, by slug; the other skills keep "with help".
    levels: tuple[tuple[str, int], ...] = ()
    discoverable: bool = False
    display_mode: str = DisplayMode.ANONYMOUS
    driving_licence: bool = False


FOOD_BANK = "Bénévole à la banque alimentaire"
INES = DemoPortfolio(
    key="ines",
    headline="Bénévole à la banque alimentaire de Roubaix : je range, je compte et j'accueille",
    goals=(
        "Je cherche un travail dans la vente ou la logistique, en magasin ou en entrepôt. "
        "Je suis sérieuse et toujours à l'heure."
    ),
    languages=("français", "anglais (un peu)"),
    mobility_km=20,
    available_in_days=14,
    visibility=RECRUITERS,
    discoverable=True,
    display_mode=DisplayMode.NAMED,
    experiences=(
        DemoExperience(
            Kind.VOLUNTEERING,
            FOOD_BANK,
            "Banque alimentaire",
            "Roubaix",
            "J'y vais deux soirs par semaine. Je trie les dons qui arrivent, je regarde les "
            "dates et je range les produits. J'accueille les familles et je prépare leurs "
            "colis. Je remplis aussi la fiche de stock.",
            (
                "m-engager-comme-benevole",
                "accueillir-les-gens",
                "ranger-et-faire-tourner-le-stock",
                "faire-un-inventaire",
                "preparer-des-commandes",
                "travailler-en-equipe",
            ),
            started_months_ago=14,
        ),
        DemoExperience(
            Kind.FAMILY_CARING,
            "Je m'occupe de mes deux petits frères",
            "",
            "Roubaix",
            "Après l'école, je vais chercher mes petits frères. Je fais le goûter, je les "
            "aide pour les devoirs et je les garde jusqu'au soir.",
            ("garder-des-enfants", "aider-aux-devoirs", "gerer-mon-temps", "tenir-parole"),
            started_months_ago=48,
            visibility=MEMBERS,
        ),
        DemoExperience(
            Kind.SCHOOL,
            "Lycée professionnel, section hôtellerie",
            "Lycée professionnel",
            "Roubaix",
            "J'ai fait la seconde et une partie de la première. J'ai appris le service en "
            "salle et les règles d'hygiène, et j'ai fait un stage dans un restaurant.",
            ("servir-en-salle", "respecter-l-hygiene"),
            started_months_ago=44,
            ended_months_ago=26,
        ),
    ),
    achievements=(
        DemoAchievement(
            "Je tiens la fiche de stock chaque semaine",
            "Chaque mardi soir, je compte les produits et je note les quantités sur la fiche. "
            "Quand il manque des pâtes ou du lait, je préviens la responsable avant la "
            "distribution. Depuis, on ne manque plus de rien le jeudi.",
            ("faire-un-inventaire", "compter-et-calculer", "faire-attention-aux-details"),
            months_ago=3,
            during=FOOD_BANK,
        ),
        DemoAchievement(
            "J'ai tenu l'accueil pendant la grande collecte",
            "Il y avait deux fois plus de familles que d'habitude. J'étais à l'accueil : je "
            "vérifiais les inscriptions, j'expliquais où aller et je faisais patienter les "
            "gens avec le sourire.",
            ("accueillir-les-gens", "garder-mon-calme-sous-pression", "etre-souriant-et-dynamique"),
            months_ago=6,
            during=FOOD_BANK,
        ),
    ),
    levels=(
        ("accueillir-les-gens", ALONE),
        ("faire-un-inventaire", ALONE),
        ("ranger-et-faire-tourner-le-stock", ALONE),
        ("travailler-en-equipe", ALONE),
        ("garder-des-enfants", CAN_TEACH),
        ("tenir-parole", ALONE),
    ),
)

FUTSAL = "J'entraîne les moins de 10 ans au futsal"
YANIS = DemoPortfolio(
    key="yanis",
    headline="J'entraîne les moins de 10 ans au futsal et j'ai organisé le tournoi du club",
    goals=(
        "Je veux passer le BAFA cette année, puis travailler dans l'animation ou le sport. "
        "Je cherche un apprentissage pour plus tard."
    ),
    languages=("français", "arabe"),
    mobility_km=15,
    available_in_days=60,
    visibility=RECRUITERS,
    # In recruiter search, anonymous as every minor: his counsellor approves any contact.
    discoverable=True,
    experiences=(
        DemoExperience(
            Kind.SPORT_CLUB,
            FUTSAL,
            # Recruiters read it and he is a minor: nothing that points to his neighbourhood.
            "Club de futsal",
            "Vaulx-en-Velin",
            "Tous les samedis matin, j'entraîne une équipe de douze enfants de 8 et 9 ans. "
            "Je prépare les exercices, je fais l'échauffement et j'arbitre les petits matchs. "
            "À la fin, je parle avec les parents.",
            (
                "entrainer-des-jeunes",
                "preparer-un-entrainement",
                "parler-avec-des-jeunes",
                "arbitrer-un-match",
                "tenir-parole",
            ),
            started_months_ago=20,
        ),
        DemoExperience(
            Kind.TRAINING,
            "Parcours d'orientation civique",
            "",
            "Vaulx-en-Velin",
            "Un programme pour les jeunes de ma ville : on découvre des métiers, on visite "
            "des entreprises et on fait des actions utiles pour le quartier.",
            ("aimer-apprendre", "travailler-en-equipe"),
            started_months_ago=3,
            ended_months_ago=-3,
            visibility=MENTORS,
        ),
    ),
    achievements=(
        DemoAchievement(
            "J'ai organisé le tournoi de fin de saison",
            "J'ai fait le planning des matchs pour huit équipes, trouvé les arbitres et tenu "
            "la buvette avec des parents. Le tournoi a duré toute la journée, il y avait plus "
            "de cent personnes et tout a fini à l'heure.",
            ("organiser-un-evenement", "gerer-mon-temps", "mener-un-groupe", "tenir-la-caisse"),
            months_ago=4,
            during=FUTSAL,
        ),
    ),
    levels=(
        ("entrainer-des-jeunes", ALONE),
        ("arbitrer-un-match", CAN_TEACH),
        ("organiser-un-evenement", ALONE),
        ("parler-avec-des-jeunes", ALONE),
    ),
)

CIVIC_SERVICE = "Service civique en résidence seniors"
MELISSA = DemoPortfolio(
    key="melissa",
    headline="Service civique auprès de personnes âgées, je veux devenir aide-soignante",
    goals=(
        "Je cherche un apprentissage d'aide-soignante à Marseille pour préparer le diplôme. "
        "J'aime le contact avec les personnes âgées et le travail en équipe."
    ),
    languages=("français", "italien (un peu)"),
    mobility_km=25,
    available_in_days=30,
    visibility=RECRUITERS,
    # She wants the home-care association's apprenticeship: recruiters can find her.
    discoverable=True,
    display_mode=DisplayMode.NAMED,
    experiences=(
        DemoExperience(
            Kind.CIVIC_SERVICE,
            CIVIC_SERVICE,
            "Résidence seniors Les Tilleuls",
            "Marseille",
            "Pendant six mois, j'ai animé des activités avec les résidents : jeux de mémoire, "
            "chansons, ateliers cuisine. J'accompagnais aussi des résidents chez le médecin "
            "ou à la pharmacie. J'ai appris à prendre le temps d'écouter.",
            (
                "m-occuper-d-une-personne-agee",
                "animer-des-activites",
                "accompagner-quelqu-un",
                "ecouter-les-autres",
                "comprendre-ce-que-ressentent-les-autres",
                "remonter-le-moral",
            ),
            started_months_ago=10,
            ended_months_ago=4,
        ),
    ),
    achievements=(
        DemoAchievement(
            "J'ai lancé l'atelier chansons du mardi",
            "J'ai proposé un atelier chansons chaque mardi après-midi. Au début, quatre "
            "résidents venaient ; à la fin, ils étaient plus de quinze. Ma tutrice a gardé "
            "l'atelier après mon départ.",
            ("animer-des-activites", "avoir-des-idees", "parler-devant-un-groupe"),
            months_ago=5,
            during=CIVIC_SERVICE,
        ),
        DemoAchievement(
            "J'ai accompagné une résidente à ses rendez-vous",
            "Chaque semaine, j'ai accompagné une résidente en fauteuil à ses rendez-vous en "
            "tramway. Je préparais le trajet et je notais ce que le médecin disait pour "
            "l'équipe.",
            (
                "accompagner-quelqu-un",
                "aider-une-personne-handicapee",
                "raconter-ce-qui-s-est-passe",
            ),
            months_ago=7,
            during=CIVIC_SERVICE,
        ),
    ),
    levels=(
        ("m-occuper-d-une-personne-agee", ALONE),
        ("animer-des-activites", ALONE),
        ("ecouter-les-autres", CAN_TEACH),
        ("accompagner-quelqu-un", ALONE),
    ),
)

REMOVALS = "Aide-déménageur en missions courtes"
SCOOTERS = "Je répare les scooters de mes amis"
KEVIN = DemoPortfolio(
    key="kevin",
    headline="Déménagements, chantiers et mécanique : costaud, fiable, avec le permis B",
    goals=(
        "Je veux entrer dans le bâtiment en apprentissage, en maçonnerie ou en plâtrerie. "
        "Je prépare le job dating du GEIQ BTP. J'ai une voiture pour aller sur les chantiers."
    ),
    languages=("français",),
    mobility_km=50,
    available_in_days=0,
    visibility=RECRUITERS,
    discoverable=True,
    display_mode=DisplayMode.NAMED,
    driving_licence=True,
    experiences=(
        DemoExperience(
            Kind.JOB,
            REMOVALS,
            "",
            "Saint-Quentin",
            "J'ai fait des déménagements pour des particuliers et des petites entreprises. "
            "Je portais les meubles, je démontais et remontais les lits et les armoires, et "
            "je chargeais le camion pour que rien ne bouge. Je conduisais parfois le camion.",
            (
                "porter-des-charges-lourdes",
                "charger-et-decharger",
                "monter-des-meubles",
                "conduire-une-voiture",
                "travailler-en-equipe",
            ),
            started_months_ago=30,
            ended_months_ago=6,
        ),
        DemoExperience(
            Kind.JOB,
            "Manœuvre sur des chantiers de rénovation",
            "",
            "Saint-Quentin",
            "J'ai travaillé sur des chantiers de rénovation de maisons : démolition, gravats à "
            "évacuer, murs à préparer avant la peinture. J'ai appris à utiliser une disqueuse "
            "et à toujours porter les protections.",
            (
                "aider-sur-un-chantier",
                "peindre-un-mur",
                "me-servir-d-outils",
                "respecter-les-regles-de-securite",
            ),
            started_months_ago=18,
            ended_months_ago=2,
        ),
        DemoExperience(
            Kind.PERSONAL_PROJECT,
            SCOOTERS,
            "",
            "Saint-Quentin",
            "Dans le garage, je répare les scooters de mes amis et des voisins : freins, "
            "bougies, courroies, vidange. Je cherche les pannes avec des vidéos et je commande "
            "les pièces moi-même.",
            (
                "faire-de-la-petite-mecanique",
                "trouver-des-solutions",
                "chercher-des-infos-sur-internet",
                "me-servir-d-outils",
            ),
            started_months_ago=60,
        ),
    ),
    achievements=(
        DemoAchievement(
            "J'ai fini un déménagement entier en une journée",
            "Le chef d'équipe était malade. Avec un autre déménageur, on a vidé un logement "
            "de trois pièces, chargé le camion et tout installé dans la nouvelle maison avant "
            "18 heures. Le client nous a remerciés.",
            ("porter-des-charges-lourdes", "gerer-mon-temps", "ne-pas-lacher"),
            months_ago=9,
            during=REMOVALS,
        ),
        DemoAchievement(
            "J'ai remis en route six scooters cette année",
            "Ils ne démarraient plus. À chaque fois, j'ai trouvé la panne : souvent la bougie "
            "ou le carburateur encrassé. Mes amis payaient seulement les pièces.",
            ("faire-de-la-petite-mecanique", "trouver-des-solutions"),
            months_ago=1,
            during=SCOOTERS,
        ),
    ),
    levels=(
        ("porter-des-charges-lourdes", CAN_TEACH),
        ("charger-et-decharger", ALONE),
        ("monter-des-meubles", ALONE),
        ("conduire-une-voiture", ALONE),
        ("faire-de-la-petite-mecanique", ALONE),
        ("aider-sur-un-chantier", ALONE),
        ("peindre-un-mur", DISCOVERING),
    ),
)

INSTAGRAM = "Mon compte Instagram sur les cheveux naturels"
AWA = DemoPortfolio(
    key="awa",
    headline="Cheveux naturels, tresses et vente : j'aime conseiller et créer du contenu",
    goals=(
        "J'hésite entre la coiffure, la vente et le community management. Je voudrais "
        "faire un stage dans un salon de coiffure afro pour découvrir le métier."
    ),
    languages=("français", "peul", "anglais (un peu)"),
    mobility_km=15,
    available_in_days=7,
    visibility=MEMBERS,
    experiences=(
        DemoExperience(
            Kind.PERSONAL_PROJECT,
            INSTAGRAM,
            "",
            "Montreuil",
            "Je publie des tutos et des photos sur l'entretien des cheveux crépus et bouclés. "
            "Je réponds aux questions des abonnées et je prépare mes publications à l'avance.",
            (
                "animer-des-reseaux-sociaux",
                "creer-du-contenu-numerique",
                "prendre-de-belles-photos",
                "monter-des-videos",
            ),
            started_months_ago=30,
            visibility=MEMBERS,
        ),
        DemoExperience(
            Kind.PERSONAL_PROJECT,
            "Je fais des tresses pour mes voisines",
            "",
            "Montreuil",
            "Le week-end, je fais des tresses et des nattes collées pour des voisines et "
            "leurs filles. Une coiffure peut prendre cinq heures : il faut de la patience et "
            "des gestes réguliers.",
            ("coiffer", "conseiller-un-client", "ecouter-les-autres"),
            started_months_ago=48,
            visibility=MEMBERS,
        ),
        DemoExperience(
            Kind.JOB,
            "Vendeuse sur le stand de ma tante au marché",
            "",
            "Montreuil",
            "Le samedi, j'aidais ma tante sur son stand de tissus et de produits de beauté. "
            "J'installais le stand tôt le matin, je conseillais les clientes et je rendais la "
            "monnaie.",
            ("vendre", "tenir-la-caisse", "conseiller-un-client", "accueillir-les-gens"),
            started_months_ago=36,
            ended_months_ago=12,
            visibility=MEMBERS,
        ),
    ),
    achievements=(
        DemoAchievement(
            "Mon compte a passé les 3 000 abonnés",
            "En deux ans, sans publicité. Ma vidéo sur les tresses sans douleur a été vue plus "
            "de 20 000 fois. J'ai appris à lire les statistiques pour publier aux bonnes heures.",
            ("animer-des-reseaux-sociaux", "creer-du-contenu-numerique", "monter-des-videos"),
            months_ago=2,
            during=INSTAGRAM,
            visibility=MEMBERS,
            # example.org: a demo link must never lead to a real person's account.
            link=DemoLink("https://example.org/cheveux-naturels", "Lien vers mon compte"),
        ),
    ),
    levels=(
        ("coiffer", CAN_TEACH),
        ("animer-des-reseaux-sociaux", ALONE),
        ("creer-du-contenu-numerique", ALONE),
        ("monter-des-videos", ALONE),
    ),
)

YOUTH_CENTRE = "Bénévole à la MJC : le son et les ordinateurs"
LUCAS = DemoPortfolio(
    key="lucas",
    headline="Musicien et bricoleur : je fais le son des concerts et je répare les ordinateurs",
    goals=(
        "Je voudrais devenir technicien son ou réparer des ordinateurs. Avec ma conseillère "
        "de la Mission Locale, je cherche une formation courte."
    ),
    languages=("français", "anglais"),
    mobility_km=30,
    available_in_days=21,
    visibility=MENTORS,
    experiences=(
        DemoExperience(
            Kind.PERSONAL_PROJECT,
            "Guitariste dans un groupe",
            "",
            "Dijon",
            "Je joue de la guitare dans un groupe avec trois amis. On répète chaque semaine "
            "et on a déjà fait six concerts. Je compose aussi des morceaux.",
            ("jouer-d-un-instrument", "travailler-en-equipe", "avoir-des-idees"),
            started_months_ago=36,
            visibility=MENTORS,
        ),
        DemoExperience(
            Kind.VOLUNTEERING,
            YOUTH_CENTRE,
            "MJC",
            "Dijon",
            "J'installe la sono et je fais le son pendant les concerts : micros, câbles, "
            "table de mixage. J'ai aussi réparé les ordinateurs de la salle multimédia.",
            (
                "m-engager-comme-benevole",
                "depanner-un-ordi-ou-un-telephone",
                "utiliser-un-ordinateur",
                "respecter-les-regles-de-securite",
            ),
            started_months_ago=24,
            visibility=MENTORS,
        ),
    ),
    achievements=(
        DemoAchievement(
            "J'ai fait le son du grand concert de la MJC",
            "Cinq groupes ont joué dans la soirée. J'ai préparé un plan des branchements, "
            "réglé chaque groupe en dix minutes, et le son a tenu jusqu'à la fin.",
            ("garder-mon-calme-sous-pression", "faire-attention-aux-details", "gerer-mon-temps"),
            months_ago=5,
            during=YOUTH_CENTRE,
            visibility=MENTORS,
        ),
        DemoAchievement(
            "J'ai remis en marche les ordinateurs de la MJC",
            "Huit ordinateurs étaient lents ou ne démarraient plus. J'ai changé deux disques, "
            "installé un système plus léger et nettoyé les autres. Les jeunes peuvent de "
            "nouveau faire leur CV dessus.",
            ("depanner-un-ordi-ou-un-telephone", "trouver-des-solutions", "me-debrouiller-seul"),
            months_ago=10,
            during=YOUTH_CENTRE,
            visibility=MENTORS,
        ),
    ),
    levels=(
        ("jouer-d-un-instrument", ALONE),
        ("depanner-un-ordi-ou-un-telephone", ALONE),
        ("utiliser-un-ordinateur", CAN_TEACH),
    ),
)

EXCHANGE = "Échange de jeunes Erasmus+ à Lyon"
SOFIA = DemoPortfolio(
    key="sofia",
    headline="Ateliers pour enfants pendant un échange Erasmus+, je parle catalan et espagnol",
    goals=(
        "Je reste à Lyon. Je veux travailler avec des enfants, dans un centre de loisirs "
        "ou une association. J'apprends le français chaque jour."
    ),
    languages=("catalan", "espagnol", "anglais", "français (un peu)"),
    mobility_km=20,
    available_in_days=14,
    visibility=MEMBERS,
    experiences=(
        DemoExperience(
            Kind.VOLUNTEERING,
            EXCHANGE,
            "Erasmus+ Jeunesse",
            "Lyon",
            "Deux semaines avec trente jeunes de quatre pays. Avec mon groupe, j'ai préparé "
            "et animé des ateliers pour les enfants d'un centre social : jeux, peinture, "
            "chansons dans plusieurs langues.",
            (
                "animer-des-activites",
                "jouer-avec-des-enfants",
                "vivre-avec-des-cultures-differentes",
                "travailler-en-equipe",
            ),
            started_months_ago=8,
            ended_months_ago=7,
            visibility=MEMBERS,
        ),
    ),
    achievements=(
        DemoAchievement(
            "J'ai animé un atelier peinture pour quinze enfants",
            "J'ai préparé le matériel et expliqué avec des gestes et des mots simples. Les "
            "enfants ne parlaient pas ma langue, mais tout le monde a compris et chacun est "
            "reparti avec son dessin.",
            ("animer-des-activites", "expliquer-clairement", "jouer-avec-des-enfants"),
            months_ago=7,
            during=EXCHANGE,
            visibility=MEMBERS,
        ),
        DemoAchievement(
            "J'ai traduit pour le groupe pendant l'échange",
            "Je passais du catalan à l'espagnol et à l'anglais pour que les jeunes et les "
            "animateurs se comprennent.",
            ("traduire-pour-quelqu-un", "parler-espagnol", "parler-anglais"),
            months_ago=7,
            during=EXCHANGE,
            visibility=MEMBERS,
        ),
    ),
    levels=(
        ("parler-espagnol", CAN_TEACH),
        ("parler-anglais", ALONE),
        ("traduire-pour-quelqu-un", ALONE),
        ("animer-des-activites", ALONE),
        ("jouer-avec-des-enfants", ALONE),
    ),
)

FARM = "J'aide à la ferme de mon oncle"
THOMAS = DemoPortfolio(
    key="thomas",
    headline="J'aide à la ferme de mon oncle : les animaux, les machines et le marché",
    goals="Je voudrais un apprentissage dans l'agriculture ou dans la mécanique agricole.",
    languages=("français",),
    mobility_km=20,
    available_in_days=60,
    visibility=MENTORS,
    experiences=(
        DemoExperience(
            Kind.FAMILY_CARING,
            FARM,
            "",
            "Annecy",
            "Pendant les vacances et le week-end, je nourris les vaches et les chèvres, je "
            "nettoie l'étable et j'aide à la traite. J'aide aussi mon oncle à entretenir les "
            "machines.",
            (
                "prendre-soin-des-animaux",
                "faire-de-la-petite-mecanique",
                "respecter-les-regles-de-securite",
                "porter-des-charges-lourdes",
            ),
            started_months_ago=24,
            visibility=MENTORS,
        ),
    ),
    achievements=(
        DemoAchievement(
            "J'ai tenu le stand de la ferme seul au marché",
            "Un samedi, mon oncle était malade. J'ai installé le stand, vendu les fromages et "
            "les œufs et tenu la caisse toute la matinée. Le compte était juste à la fin.",
            ("vendre", "tenir-la-caisse", "compter-et-calculer", "me-debrouiller-seul"),
            months_ago=3,
            during=FARM,
            visibility=MENTORS,
        ),
        DemoAchievement(
            "J'ai aidé à la naissance de deux veaux",
            "J'ai préparé la paille, surveillé la vache avec mon oncle et frotté les veaux pour "
            "qu'ils respirent bien. Les deux vont bien.",
            ("prendre-soin-des-animaux", "garder-mon-calme-sous-pression"),
            months_ago=8,
            during=FARM,
            visibility=MENTORS,
        ),
    ),
    levels=(
        ("prendre-soin-des-animaux", ALONE),
        ("porter-des-charges-lourdes", ALONE),
        ("tenir-la-caisse", ALONE),
    ),
)

DEMO_PORTFOLIOS = (INES, YANIS, MELISSA, KEVIN, AWA, LUCAS, SOFIA, THOMAS)


def seed_demo_portfolios() -> int:
    """Give each demo youth the portfolio above; returns how many experiences, achievements
    and evidence links were created (0 on a second run).

    The demo people must exist (``network.demo_seed.seed_demo``); a youth missing is skipped.
    """
    today = timezone.localdate()
    emails = {person.key: person.email for person in YOUTHS}
    youths = {user.email: user for user in User.objects.filter(email__in=emails.values())}
    created = 0
    with transaction.atomic():
        for portfolio in DEMO_PORTFOLIOS:
            youth = youths.get(emails[portfolio.key])
            if youth is not None:
                created += _seed_portfolio(youth, portfolio, today=today)
    return created


def _seed_portfolio(youth: User, portfolio: DemoPortfolio, *, today: datetime.date) -> int:
    profile = selectors.profile_of(youth)
    if profile.pk is None:
        profile = actions.check_update_profile_settings(
            youth, settings=_settings(portfolio, today=today)
        )
    on_profile_before = set(
        ProfileSkill.objects.filter(youth=youth).values_list("concept__uri", flat=True)
    )
    created = 0
    experiences: dict[str, Experience] = {}
    for spec in portfolio.experiences:
        experience = Experience.objects.filter(youth=youth, title=spec.title).first()
        if experience is None:
            experience = actions.check_save_experience(
                youth,
                experience=None,
                details=actions.ExperienceDetails(
                    kind=spec.kind,
                    title=spec.title,
                    organisation_name=spec.organisation_name,
                    place=spec.place,
                    started_on=_months_ago(today, spec.started_months_ago),
                    ended_on=(
                        None
                        if spec.ended_months_ago is None
                        else _months_ago(today, spec.ended_months_ago)
                    ),
                    description=spec.description,
                    # A youth who narrowed their profile during a demo keeps it narrow.
                    visibility=Visibility.narrowest(spec.visibility, profile.visibility),
                ),
                skills=_skill_choice(spec.skills),
                language=youth.language,
            )
            created += 1
        experiences[spec.title] = experience
    for spec in portfolio.achievements:
        if Achievement.objects.filter(youth=youth, title=spec.title).exists():
            continue
        achievement = actions.check_save_achievement(
            youth,
            achievement=None,
            details=actions.AchievementDetails(
                title=spec.title,
                what_i_did=spec.what_i_did,
                achieved_on=_months_ago(today, spec.months_ago),
                experience=experiences.get(spec.during),
                visibility=Visibility.narrowest(spec.visibility, profile.visibility),
            ),
            skills=_skill_choice(spec.skills),
            language=youth.language,
        )
        created += 1
        if spec.link is not None:
            actions.check_add_evidence_link(
                youth, achievement=achievement, url=spec.link.url, caption=spec.link.caption
            )
            created += 1
    _set_levels(youth, portfolio.levels, skip_uris=on_profile_before)
    return created


def _settings(portfolio: DemoPortfolio, *, today: datetime.date) -> actions.ProfileSettings:
    return actions.ProfileSettings(
        headline=portfolio.headline,
        goals=portfolio.goals,
        available_from=today + datetime.timedelta(days=portfolio.available_in_days),
        mobility_km=portfolio.mobility_km,
        languages=portfolio.languages,
        driving_licence=portfolio.driving_licence,
        visibility=portfolio.visibility,
        discoverable=portfolio.discoverable,
        display_mode=portfolio.display_mode,
    )


def _skill_choice(slugs: tuple[str, ...]) -> actions.SkillChoice:
    uris = [STARTER_URIS[slug] for slug in slugs]
    found = selectors.concepts_by_uri(uris)
    return actions.SkillChoice(concepts=tuple(found[uri] for uri in uris if uri in found))


def _set_levels(youth: User, levels: tuple[tuple[str, int], ...], *, skip_uris: set[str]) -> None:
    """Give the skills this run put on the profile the level the youth would choose; a
    skill that was already there keeps the level it has."""
    wanted = {STARTER_URIS[slug]: level for slug, level in levels}
    for uri in skip_uris:
        wanted.pop(uri, None)
    profile_skills = ProfileSkill.objects.filter(youth=youth, concept__uri__in=wanted).values_list(
        "pk", "concept__uri"
    )
    for profile_skill_id, uri in profile_skills:
        profile_skill = selectors.access_own_profile_skill(youth, profile_skill_id, lock=True)
        if profile_skill.level != wanted[uri]:
            actions.check_set_skill_level(youth, profile_skill=profile_skill, level=wanted[uri])


def _months_ago(today: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` before today's (after it when negative)."""
    index = today.year * 12 + today.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)
