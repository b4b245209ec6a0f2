"""AcroJump's own demo data: the people of ``personas.md``, their organisations and a guide.

Plain data, in French where people see it; ``network.demo_seed.seed_demo`` puts it in the
database. Every address is on ``example.org``, a domain reserved for examples: no e-mail
can reach a real person.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from wagtail.rich_text import RichText

from .models import Organisation, Role

DEMO_PASSWORD = "acrojump-demo"
DEMO_EMAIL_DOMAIN = "example.org"

Kind = Organisation.Kind


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    kind: str
    town: str
    verified: bool = False


@dataclass(frozen=True)
class DemoPerson:
    key: str
    role: str
    first_name: str
    last_name: str
    town: str
    # Youths only: the age the persona states, kept true whatever the day of the demo.
    age: int | None = None
    # How many days ago the last birthday was, so birthdays are spread over the year.
    days_since_birthday: int = 100
    organisation: DemoOrganisation | None = None
    function: str = ""
    language: str = "fr"
    # Who they are, for whoever extends the demo (profiles, experiences, endorsements).
    about: str = ""

    @property
    def email(self) -> str:
        return f"{self.key}.demo@{DEMO_EMAIL_DOMAIN}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


MISSION_LOCALE_DIJON = DemoOrganisation(
    "Mission Locale de Dijon", Kind.MISSION_LOCALE, "Dijon", verified=True
)
FUTSAL_CLUB = DemoOrganisation("Futsal Club du Mas du Taureau", Kind.CLUB, "Vaulx-en-Velin")
SENIOR_RESIDENCE = DemoOrganisation("Résidence seniors Les Tilleuls", Kind.ASSOCIATION, "Marseille")
RESTAURANT = DemoOrganisation("Restaurant Le Beffroi Gourmand", Kind.COMPANY, "Lille")
WAREHOUSE = DemoOrganisation("Entrepôts du Mélantois", Kind.COMPANY, "Lesquin")
GEIQ_BTP_NORD = DemoOrganisation("GEIQ BTP Nord", Kind.COMPANY, "Lille", verified=True)
CLOTHING_CHAIN = DemoOrganisation("Maille & Co", Kind.COMPANY, "Lyon")
HOME_CARE = DemoOrganisation("Entour'Âge Aide à domicile", Kind.ASSOCIATION, "Marseille")
ACROJUMP = DemoOrganisation("AcroJump", Kind.ASSOCIATION, "Lille", verified=True)

DEMO_ORGANISATIONS = [
    MISSION_LOCALE_DIJON,
    FUTSAL_CLUB,
    SENIOR_RESIDENCE,
    RESTAURANT,
    WAREHOUSE,
    GEIQ_BTP_NORD,
    CLOTHING_CHAIN,
    HOME_CARE,
    ACROJUMP,
]

YOUTHS = [
    DemoPerson(
        "ines",
        Role.YOUTH,
        "Inès",
        "Haddad",
        "Roubaix",
        age=19,
        days_since_birthday=45,
        about="A quitté le lycée pro (hôtellerie) en 1re. Bénévole deux soirs par semaine à "
        "la banque alimentaire : tri des dons, accueil des familles, fiche de stock. Garde "
        "ses deux petits frères après l'école. Vise la vente ou la logistique.",
    ),
    DemoPerson(
        "yanis",
        Role.YOUTH,
        "Yanis",
        "Belkacem",
        "Vaulx-en-Velin",
        age=17,
        days_since_birthday=200,
        about="Entraîne les moins de 10 ans au futsal le samedi ; a organisé le tournoi de "
        "fin de saison (planning, arbitres, buvette). Suit un parcours d'orientation civique.",
    ),
    DemoPerson(
        "melissa",
        Role.YOUTH,
        "Mélissa",
        "Rossi",
        "Marseille",
        age=22,
        days_since_birthday=300,
        about="Six mois de service civique en résidence seniors (animations, accompagnement "
        "aux rendez-vous). Cherche un apprentissage d'aide-soignante.",
    ),
    DemoPerson(
        "kevin",
        Role.YOUTH,
        "Kevin",
        "Lefèvre",
        "Saint-Quentin",
        age=24,
        days_since_birthday=120,
        about="Petits boulots dans le déménagement et sur les chantiers, répare les scooters "
        "de ses amis, a le permis B. Au RSA ; prépare un job dating en ligne avec un "
        "groupement d'employeurs du BTP.",
    ),
    DemoPerson(
        "awa",
        Role.YOUTH,
        "Awa",
        "Diallo",
        "Montreuil",
        age=20,
        days_since_birthday=80,
        about="Tient un compte Instagram sur les cheveux naturels (3 000 abonnés), fait des "
        "tresses pour ses voisines, aide sur le stand de marché de sa tante.",
    ),
    DemoPerson(
        "lucas",
        Role.YOUTH,
        "Lucas",
        "Moreau",
        "Dijon",
        age=18,
        days_since_birthday=150,
        about="A quitté l'école à 16 ans. Joue dans un groupe, a fait le son des concerts de "
        "la MJC et réparé ses ordinateurs. Inscrit à la Mission Locale.",
    ),
    # From Barcelona, living in Lyon since her Erasmus+ youth exchange: she reads the site
    # in English, which shows the second language during a demo.
    DemoPerson(
        "sofia",
        Role.YOUTH,
        "Sofia",
        "Puig",
        "Lyon",
        age=21,
        days_since_birthday=250,
        language="en",
        about="Venue de Barcelone à Lyon par un échange de jeunes Erasmus+ ; a animé des "
        "ateliers pour enfants. Parle catalan, espagnol et un peu français.",
    ),
    DemoPerson(
        "thomas",
        Role.YOUTH,
        "Thomas",
        "Girard",
        "Annecy",
        age=16,
        days_since_birthday=60,
        about="A quitté l'école tôt ; aide à la ferme de son oncle (animaux, machines, vente "
        "au marché).",
    ),
]

MENTORS = [
    DemoPerson(
        "nadia",
        Role.MENTOR,
        "Nadia",
        "Benali",
        "Dijon",
        organisation=MISSION_LOCALE_DIJON,
        function="Conseillère en insertion",
        about="Suit une soixantaine de jeunes, valide les profils avant les employeurs "
        "partenaires, anime l'atelier « Se présenter en ligne ».",
    ),
    DemoPerson(
        "jean-marc",
        Role.MENTOR,
        "Jean-Marc",
        "Petit",
        "Vaulx-en-Velin",
        organisation=FUTSAL_CLUB,
        function="Président du club",
        about="A vu Yanis organiser le tournoi de fin de saison.",
    ),
    DemoPerson(
        "claire",
        Role.MENTOR,
        "Claire",
        "Dubois",
        "Marseille",
        organisation=SENIOR_RESIDENCE,
        function="Coordinatrice des animations",
        about="Tutrice de Mélissa pendant son service civique.",
    ),
    DemoPerson(
        "rachid",
        Role.MENTOR,
        "Rachid",
        "Amrani",
        "Lille",
        organisation=RESTAURANT,
        function="Chef de cuisine, bénévole",
        about="Donne une heure par mois pour expliquer son métier aux jeunes.",
    ),
]

RECRUITERS = [
    DemoPerson(
        "sandrine",
        Role.RECRUITER,
        "Sandrine",
        "Morel",
        "Lesquin",
        organisation=WAREHOUSE,
        function="Responsable RH",
        about="Recrute des préparateurs de commandes et des agents d'accueil ; tient à la "
        "fiabilité, l'esprit d'équipe et la ponctualité ; embauche sans diplôme.",
    ),
    DemoPerson(
        "olivier",
        Role.RECRUITER,
        "Olivier",
        "Lemaire",
        "Lille",
        organisation=GEIQ_BTP_NORD,
        function="Chargé de recrutement",
        about="Organise les job datings d'apprentissage du groupement d'employeurs du BTP.",
    ),
    DemoPerson(
        "julie",
        Role.RECRUITER,
        "Julie",
        "Fontaine",
        "Lyon",
        organisation=CLOTHING_CHAIN,
        function="Responsable de magasin",
        about="Accueille des stagiaires et des apprentis en vente.",
    ),
    DemoPerson(
        "fatou",
        Role.RECRUITER,
        "Fatou",
        "Ndiaye",
        "Marseille",
        organisation=HOME_CARE,
        function="Responsable recrutement",
        about="Recrute des aides à domicile et des aides-soignants, souvent en apprentissage.",
    ),
]

STAFF = [
    DemoPerson(
        "camille",
        Role.STAFF,
        "Camille",
        "Laurent",
        "Lille",
        organisation=ACROJUMP,
        function="Éditrice et modératrice",
        about="Publie les guides et les fiches métiers, modère les signalements.",
    ),
]

DEMO_PEOPLE = [*YOUTHS, *MENTORS, *RECRUITERS, *STAFF]

ROLE_LABELS = {
    Role.YOUTH: "Jeune",
    Role.MENTOR: "Mentor",
    Role.RECRUITER: "Recruteur",
    Role.STAFF: "Équipe",
}


def birth_date_for_age(
    age: int, *, days_since_birthday: int, today: datetime.date
) -> datetime.date:
    """A date of birth that makes someone exactly ``age`` today (``days_since_birthday`` < 365)."""
    try:
        last_birthday = today.replace(year=today.year - age)
    except ValueError:  # today is 29 February
        last_birthday = today.replace(year=today.year - age, day=28)
    return last_birthday - datetime.timedelta(days=days_since_birthday)


GUIDE_SLUG = "se-presenter-en-ligne"
GUIDE_TITLE = "Se présenter en ligne"
GUIDE_SUMMARY = (
    "Ce qu'un recruteur voit quand il tape ton nom, et comment faire bonne impression "
    "sans te mettre en danger."
)


def guide_body() -> list[tuple[str, object]]:
    return [
        (
            "paragraph",
            RichText(
                "<p>Avant un entretien, beaucoup de recruteurs tapent ton prénom et ton nom "
                "sur Internet. Ce qu'ils trouvent compte. Bonne nouvelle : tu peux le vérifier "
                "et l'améliorer en une soirée, avec ton téléphone.</p>"
            ),
        ),
        ("heading", "Tape ton nom, comme un recruteur"),
        (
            "paragraph",
            RichText(
                "<p>Cherche ton prénom et ton nom, puis ajoute ta ville. Regarde aussi les "
                "images. Un vieux compte, une photo de soirée, un commentaire énervé ? Ce qui "
                "est à toi, tu peux le supprimer ou le cacher.</p>"
            ),
        ),
        (
            "tip",
            {
                "title": "Une adresse e-mail simple",
                "text": "Pour postuler, utilise une adresse avec ton prénom et ton nom, "
                "pas un surnom comme « bogoss59 ». Tu peux en créer une gratuite, "
                "rien que pour ta recherche.",
            },
        ),
        ("heading", "Choisis qui voit quoi"),
        (
            "paragraph",
            RichText(
                "<p>Sur Instagram, TikTok ou Snapchat, passe tes comptes perso en privé, ou "
                "vérifie ce qui est public. Sur AcroJump, c'est toi qui choisis qui voit ton "
                "profil : toi seul, tes mentors, les membres, les recruteurs ou tout le monde. "
                "Si tu as moins de 18 ans, les recruteurs ne voient jamais ton nom.</p>"
                "<p>La photo de profil n'est pas obligatoire. Si tu en mets une : ton visage "
                "bien visible, à la lumière du jour, sans filtre. Pas besoin de costume.</p>"
            ),
        ),
        ("heading", "Ce que tu as fait, ce sont des compétences"),
        (
            "paragraph",
            RichText(
                "<p>Pas de diplôme ? Tu as sûrement fait des choses. Aider à la banque "
                "alimentaire, c'est accueillir du public et tenir un stock. Entraîner des "
                "enfants au club, c'est encadrer un groupe. Garder tes petits frères ou "
                "t'occuper d'un proche, c'est être fiable. Écris-le avec des verbes : "
                "« j'ai organisé », « j'ai accueilli », « j'ai réparé ». Et demande à un "
                "adulte qui t'a vu faire de le confirmer.</p>"
            ),
        ),
        ("heading", "Ce qu'il vaut mieux ne pas publier"),
        (
            "paragraph",
            RichText(
                "<ul><li>ton adresse ou ton numéro de téléphone en public ;</li>"
                "<li>des photos de soirée, d'alcool ou de choses interdites ;</li>"
                "<li>des insultes, ou des critiques de ton patron ou de ton école ;</li>"
                "<li>des photos d'autres personnes sans leur accord.</li></ul>"
            ),
        ),
        (
            "tip",
            {
                "title": "Le bon réflexe",
                "text": "Avant de publier, demande-toi : « Ça me dérangerait qu'un patron "
                "le voie ? » Si oui, ne le publie pas, ou garde-le en privé.",
            },
        ),
    ]
