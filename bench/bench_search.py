"""Benchmark of recruiter search on PostgreSQL: 100,000 youths on the real ESCO taxonomy.

    .venv/bin/python bench/bench_search.py [--profiles 100000] [--runs 30]
    .venv/bin/python bench/bench_search.py --profiles 5000 --runs 10    # a quick try
    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python bench/bench_search.py

Needs PostgreSQL: ``DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/postgres``)
names the server; the database ``--database`` (default ``acrojump_bench_search``) is dropped
and created again next to it, migrated in a separate process, and kept at the end for
EXPLAIN sessions (``--drop`` drops it). The full ESCO export (``--esco``, default
../shared/data/esco, French and English) is imported with ``skills.esco.import_esco``.

Profiles are generated in this process with ``bulk_create`` (no actions, no signals), seeded
(``--seed``) so two runs get the same data. Each youth belongs to one of nine sectors drawn
from ../shared/personas.md (logistics, sales, hospitality, care, building, sport and activities,
hair and social media, sound and computers, farming), which drives the headline, goals,
achievements and the skills: 3 to 10 skills, from the starter taxonomy (transversal and
the sector's groups) and from the ESCO concepts whose French label names the sector, levels
1 to 4; 1 to 3 achievements; accepted endorsements for about 40 % of youths (and a few
pending or declined ones). Towns come from the gazetteer (``network.places._towns()``),
weighted by population; ages 16 to 25 (minors are always anonymous in search).

Then:

1. ``search.service.rebuild`` with the database backend alone (``ELASTICSEARCH_URL=""``),
   timed, with the time split between ``build_documents``, the database backend's
   ``write`` (and in it Wagtail's ``add_bulk``), the text analysis of the search fields
   (``index_text``) and Elasticsearch's ``write`` (wrapped in this process, the code is
   unchanged), and the SQL time by statement (``connection.execute_wrapper``); then
   VACUUM ANALYZE (this server runs without autovacuum);
2. five recruiter searches (``search.query.parse`` of a query string, then the backend's
   ``search`` with facets, as the page asks), each run ``--runs`` times after a warm-up,
   fewer when they would take over ``--budget`` seconds: p50/p95/max, result totals, and
   the queries of the database backend (``CaptureQueriesContext``), with EXPLAIN ANALYZE of
   the slowest SQL of each search; ``--without-jit`` runs them again with ``SET jit = off``;
3. with an Elasticsearch server (``ELASTICSEARCH_URL``, or ``noida-db`` started here on a free
   loopback port as tests/search/conftest.py does; ``--no-elasticsearch`` skips it):
   ``rebuild`` of both backends (the database backend is then updated in place), and the
   same searches on Elasticsearch (client timeout ``--es-timeout``), with the totals of both
   backends compared; ``--es-only`` skips steps 1 and 2;
4. with ``--cprofile N``: cProfile of the rebuild loop (``build_documents`` + the database
   backend's ``write``, batches of 500 as ``rebuild`` does) over N profiles of the full
   index, printing the functions where the time goes.

``--reuse`` keeps the database as a previous run left it (no migration, no generation).

The aims are a rebuild of at least 1,000 profiles/s and a database-backend p95 under 150 ms
at 100,000 profiles; a benchmark prints its figures and never fails on them.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime
import io
import json
import logging
import os
import platform
import pstats
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_ESCO = Path(os.environ.get("ESCO_DIR", ROOT.parent / "shared" / "data" / "esco"))
DEFAULT_DATABASE = "acrojump_bench_search"
ES_START_TIMEOUT = 90


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each search")
    parser.add_argument(
        "--budget", type=float, default=120, help="seconds at most for the runs of one search"
    )
    parser.add_argument(
        "--es-timeout", type=float, default=600, help="Elasticsearch client timeout, seconds"
    )
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--database", default=DEFAULT_DATABASE, help="scratch database name")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the database's data (no migrate, no seed)"
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-elasticsearch", action="store_true")
    parser.add_argument(
        "--es-only",
        action="store_true",
        help="skip the database-alone rebuild and the database searches",
    )
    parser.add_argument(
        "--no-rebuild",
        action="store_true",
        help="with --reuse: search the index as a previous run left it (no database rebuild)",
    )
    parser.add_argument(
        "--without-jit",
        action="store_true",
        help="run the database searches a second time with PostgreSQL's JIT off",
    )
    parser.add_argument(
        "--cprofile", type=int, default=0, metavar="N", help="profile the rebuild of N profiles"
    )
    arguments = parser.parse_args()
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")
    if not (arguments.esco / "skills_fr.csv").is_file():
        sys.exit(f"No ESCO export in {arguments.esco} (give --esco DIR).")

    elasticsearch_url = os.environ.get("ELASTICSEARCH_URL", "")
    print_machine()
    total_started = time.perf_counter()
    if arguments.reuse:
        bench_url = urlunsplit(urlsplit(url)._replace(path=f"/{arguments.database}"))
    else:
        bench_url = fresh_database(url, arguments.database)
    os.environ.update(
        DATABASE_URL=bench_url,
        DJANGO_SETTINGS_MODULE="acrojump.settings.dev",
        DEBUG="0",
        REDIS_URL="",
        ELASTICSEARCH_URL="",  # the database backend alone until step 3
    )
    if not arguments.reuse:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=ROOT,
            check=True,
        )
        print(f"migrate (separate process): {time.perf_counter() - started:.1f} s")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    logging.getLogger("elastic_transport").setLevel(logging.WARNING)

    print(f"database: PostgreSQL {server_version()}, {arguments.database}")
    if arguments.reuse:
        from network.models import User

        print(f"reusing the data of {arguments.database}: {User.objects.count():,} users")
    else:
        import_taxonomy(arguments.esco)
        generate(arguments.profiles, arguments.seed)

    settings.ELASTICSEARCH_URL = ""
    searches: list[Search] = []
    database_results: dict[str, int] = {}
    if not arguments.es_only:
        if not arguments.no_rebuild:
            print("\n== Rebuild, database backend alone ==")
            timed_rebuild()
        analyze()
        searches = recruiter_searches()
        print("\n== Searches, database backend ==")
        database_results = measure_searches(searches, "database", arguments.runs, arguments.budget)
    if arguments.without_jit and not arguments.es_only:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SET jit = off")
        print("\n== Searches, database backend, with SET jit = off ==")
        measure_searches(searches, "database", arguments.runs, arguments.budget, show_plans=False)
        with connection.cursor() as cursor:
            cursor.execute("RESET jit")

    if not arguments.no_elasticsearch:
        with elasticsearch(elasticsearch_url) as es_url:
            if es_url:
                print_elasticsearch(es_url)
                settings.ELASTICSEARCH_URL = es_url
                settings.ELASTICSEARCH_INDEX_PREFIX = f"bench-{os.getpid()}"
                settings.ELASTICSEARCH_TIMEOUT = arguments.es_timeout
                print("\n== Rebuild, database backend (in place) + Elasticsearch (new index) ==")
                timed_rebuild()
                if not searches:
                    analyze()
                    searches = recruiter_searches()
                print("\n== Searches, Elasticsearch ==")
                elastic_results = measure_searches(
                    searches, "elasticsearch", arguments.runs, arguments.budget
                )
                if database_results:
                    compare_totals(database_results, elastic_results)
                with contextlib.suppress(Exception):
                    from search import service

                    service.elastic_backend().drop_all()
                settings.ELASTICSEARCH_URL = ""

    if arguments.cprofile:
        profile_rebuild(arguments.cprofile)
    print(f"\ntotal run time: {time.perf_counter() - total_started:.0f} s")
    print(f"load average after: {load_average()}")
    from django.db import connections

    connections.close_all()
    if arguments.drop:
        drop_database(url, arguments.database)
        print(f"database {arguments.database} dropped")
    else:
        print(f"database kept: {arguments.database} (--drop drops it)")


# --- machine and servers ---------------------------------------------------------------------


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def print_machine() -> None:
    memory_kb = next(
        int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal:")
    )
    model = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if "model name" in line),
        platform.processor(),
    )
    print(f"machine: {os.cpu_count()} cores ({model}), {memory_kb / 1024**2:.1f} GiB RAM")
    print(f"python {platform.python_version()}, load average before: {load_average()}")


def server_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def fresh_database(url: str, name: str) -> str:
    import psycopg

    parts = urlsplit(url)
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def drop_database(url: str, name: str) -> None:
    import psycopg

    server = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def elasticsearch(url: str) -> Iterator[str]:
    """``url`` when given; else noida-db started on a free port (stopped at the end); ``""``
    when there is no server to use."""
    if url:
        yield url
        return
    executable = ROOT / ".venv" / "bin" / "noida-db"
    if not executable.exists():
        executable = Path(shutil.which("noida-db") or executable)
    if not executable.exists():
        print("\nno Elasticsearch: ELASTICSEARCH_URL is unset and noida-db is not installed")
        yield ""
        return
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data_dir = tempfile.mkdtemp(prefix="acrojump-bench-es-")
    log_path = os.path.join(data_dir, "server.log")
    log = open(log_path, "wb")  # noqa: SIM115
    command = [
        str(executable),
        "start",
        "--host",
        "127.0.0.1",
        "--only",
        "elasticsearch",
        "--elasticsearch-port",
        str(port),
        "--data-dir",
        data_dir,
    ]
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    es_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + ES_START_TIMEOUT
    started = time.perf_counter()
    while not _answers(es_url):
        if server.poll() is not None or time.monotonic() > deadline:
            _stop(server)
            log.close()
            print(f"\nnoida-db did not start on {es_url}:\n{open(log_path).read()[-2000:]}")
            yield ""
            return
        time.sleep(0.2)
    print(
        f"\nnoida-db started on {es_url} in {time.perf_counter() - started:.1f} s "
        f"(pid {server.pid})"
    )
    try:
        yield es_url
    finally:
        _stop(server)
        log.close()
        # The server's own process may still write its state file while it exits.
        for _ in range(10):
            shutil.rmtree(data_dir, ignore_errors=True)
            time.sleep(0.5)
            if not os.path.exists(data_dir):
                break


def _stop(server: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=15)
            return
        except subprocess.TimeoutExpired:
            continue


def print_elasticsearch(url: str) -> None:
    with urllib.request.urlopen(url, timeout=5) as response:
        about = json.load(response)
    version = about.get("version", {})
    print(
        f"Elasticsearch server: name {about.get('name')!r}, cluster {about.get('cluster_name')!r}, "
        f"version {version.get('number')} ({version.get('build_flavor', '')}"
        f"{', lucene ' + version['lucene_version'] if version.get('lucene_version') else ''})"
    )


# --- taxonomy --------------------------------------------------------------------------------


def import_taxonomy(esco: Path) -> None:
    from skills.esco import import_esco
    from skills.models import SkillConcept

    started = time.perf_counter()
    report = import_esco(esco, languages=["fr", "en"])
    from search import taxonomy

    taxonomy.forget()
    print(
        f"ESCO import (fr, en): {report.concepts_created} concepts created, "
        f"{report.concepts_updated} updated, {report.broader_links} broader links, "
        f"{time.perf_counter() - started:.1f} s; in the database: "
        f"{SkillConcept.objects.count()} concepts, "
        f"{SkillConcept.broader.through.objects.count()} broader links"
    )


# --- generated youths ------------------------------------------------------------------------

FIRST_NAMES = (
    "Inès Yanis Mélissa Kevin Awa Lucas Sofia Thomas Nour Rayan Manon Enzo Lina Mohamed Chloé "
    "Adam Léa Hugo Jade Ilyes Camille Noah Sarah Mathis Aya Théo Emma Bilal Clara Sacha Maëlys "
    "Kylian Fatoumata Dylan Océane Amine Lou Nathan Yasmine Jordan Anaïs Ibrahim Louna Killian "
    "Salomé Mehdi Zoé Samuel Maïssa Axel Eva Moussa Ambre Lenny Rose Ethan Aïcha Tom Justine Ali"
).split()
LAST_NAMES = (
    "Martin Bernard Dubois Petit Durand Leroy Moreau Benali Amrani Diallo Traoré Nguyen Da Silva "
    "Fernandes Garcia Lefebvre Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau "
    "Vincent Mercier Boyer Blanc Guerin Muller Henry Roussel Nicolas Perrin Mathieu Haddad "
    "Cissé Koné Yilmaz Rodrigues"
).split()


@dataclass(frozen=True)
class Sector:
    name: str
    domain: str  # "en logistique"
    job: str  # "un poste de préparateur de commandes"
    trade: str  # "préparateur de commandes"
    groups: tuple[str, ...]  # starter groups
    keywords: tuple[str, ...]  # words of ESCO French labels (accents folded)
    places: tuple[str, ...]
    employers: tuple[str, ...]
    tasks: tuple[str, ...]  # infinitives: "trier les dons"
    events: tuple[str, ...]
    weight: float


SECTORS = (
    Sector(
        "logistique",
        "en logistique",
        "un poste de préparateur de commandes",
        "préparateur de commandes",
        ("logistique", "conduite-deplacements"),
        (
            "stock",
            "entrepot",
            "colis",
            "marchandise",
            "manutention",
            "chariot",
            "inventaire",
            "livraison",
            "emballage",
            "expedition",
        ),
        ("la banque alimentaire", "l'épicerie solidaire", "les Restos du Cœur"),
        ("un entrepôt de la zone d'activité", "une plateforme de livraison", "un supermarché"),
        (
            "trier les dons",
            "préparer les colis",
            "tenir la feuille de stock",
            "décharger les camions",
            "ranger la réserve",
            "scanner les cartons",
        ),
        ("une collecte de la banque alimentaire", "un déménagement associatif"),
        1.3,
    ),
    Sector(
        "vente",
        "dans la vente",
        "un apprentissage de vendeur",
        "vendeur en magasin",
        ("vente-service-client", "communiquer"),
        ("vente", "client", "magasin", "caisse", "commerce", "vitrine", "rayon", "produit"),
        ("le stand de ma tante au marché", "la boutique solidaire", "la braderie du quartier"),
        ("une enseigne de vêtements", "une boulangerie", "un magasin de sport"),
        (
            "accueillir les clients",
            "tenir la caisse",
            "mettre en rayon",
            "conseiller les gens",
            "faire la vitrine",
            "vendre au marché",
        ),
        ("une braderie", "un vide-grenier"),
        1.2,
    ),
    Sector(
        "restauration",
        "en restauration",
        "un job en cuisine",
        "commis de cuisine",
        ("cuisine-restauration", "prendre-soin"),
        (
            "cuisine",
            "aliment",
            "repas",
            "restaur",
            "boisson",
            "patisserie",
            "plat",
            "hygiene",
            "boulanger",
        ),
        ("la cantine solidaire", "la maison de quartier", "la banque alimentaire"),
        ("un restaurant du centre-ville", "une brasserie", "un snack", "un traiteur"),
        (
            "préparer les repas",
            "faire la plonge",
            "servir en salle",
            "éplucher les légumes",
            "faire des gâteaux pour la vente",
            "garder la cuisine propre",
        ),
        ("un repas de quartier", "la fête de l'école", "un buffet pour l'association"),
        1.2,
    ),
    Sector(
        "soin",
        "dans l'aide à la personne",
        "un apprentissage d'aide-soignante",
        "aide-soignant",
        ("prendre-soin", "s-entendre-avec-les-autres"),
        (
            "soin",
            "patient",
            "personnes agees",
            "sante",
            "hygiene",
            "handicap",
            "accompagn",
            "enfant",
            "bien-etre",
        ),
        ("une résidence pour personnes âgées", "une crèche associative", "l'hôpital de jour"),
        ("une association d'aide à domicile", "un EHPAD", "une crèche"),
        (
            "animer des activités pour les résidents",
            "accompagner des personnes à leurs rendez-vous",
            "garder des enfants",
            "aider aux repas",
            "faire les courses pour une voisine âgée",
        ),
        ("un après-midi jeux à la résidence", "un goûter intergénérationnel"),
        1.0,
    ),
    Sector(
        "batiment",
        "dans le bâtiment",
        "un contrat en alternance dans le BTP",
        "maçon",
        ("travaux-manuels", "conduite-deplacements"),
        (
            "construction",
            "chantier",
            "batiment",
            "beton",
            "peinture",
            "outil",
            "demenag",
            "reparer",
            "mecanique",
            "plomberie",
            "electricite",
            "menuiserie",
        ),
        (
            "un chantier d'insertion",
            "l'atelier vélo du quartier",
            "un chantier de jeunes bénévoles",
        ),
        ("une entreprise de déménagement", "une entreprise de maçonnerie", "un garage"),
        (
            "porter des meubles",
            "monter des cloisons",
            "peindre des murs",
            "réparer des scooters",
            "préparer le chantier le matin",
            "charger le camion",
        ),
        ("le déménagement d'une voisine", "la rénovation du local du club"),
        1.0,
    ),
    Sector(
        "animation",
        "dans l'animation",
        "un poste d'animateur",
        "animateur",
        ("sport-animation", "s-entendre-avec-les-autres", "communiquer"),
        ("sport", "animation", "activites", "jeunes", "enfants", "loisirs", "groupe", "entrain"),
        (
            "mon club de futsal",
            "le centre de loisirs",
            "la maison de quartier",
            "un échange Erasmus+",
        ),
        ("un centre de loisirs", "un club de sport", "une colonie de vacances"),
        (
            "entraîner les moins de 10 ans",
            "arbitrer les matchs",
            "animer des ateliers pour enfants",
            "encadrer une sortie",
            "préparer les entraînements",
        ),
        ("le tournoi de fin de saison", "une kermesse", "une sortie au parc"),
        1.0,
    ),
    Sector(
        "coiffure",
        "dans la coiffure et les réseaux sociaux",
        "un apprentissage en coiffure",
        "coiffeur",
        ("creativite", "numerique", "vente-service-client"),
        (
            "coiff",
            "cheveux",
            "esthetique",
            "maquillage",
            "reseaux sociaux",
            "medias sociaux",
            "contenu",
            "photo",
            "marketing",
        ),
        ("mon compte Instagram", "le salon de ma cousine", "le stand de ma tante au marché"),
        ("un salon de coiffure", "une boutique de cosmétiques", "une agence de communication"),
        (
            "faire des tresses",
            "publier des vidéos",
            "répondre aux abonnés",
            "conseiller les clientes",
            "prendre des photos des produits",
        ),
        ("un défilé de quartier", "une journée beauté solidaire"),
        0.7,
    ),
    Sector(
        "numerique",
        "dans le son et l'informatique",
        "un stage en informatique",
        "technicien informatique",
        ("numerique", "creativite"),
        (
            "informatique",
            "ordinateur",
            "logiciel",
            "reseau",
            "son",
            "audio",
            "musique",
            "donnees",
            "numerique",
            "materiel",
        ),
        ("la MJC", "le local de répétition", "le centre social"),
        (
            "une boutique de réparation de téléphones",
            "une salle de concert",
            "un service informatique",
        ),
        (
            "réparer les ordinateurs du centre",
            "installer la sono",
            "régler le son des concerts",
            "monter des vidéos",
            "aider les gens avec leur téléphone",
        ),
        ("un concert à la MJC", "une fête de la musique"),
        0.8,
    ),
    Sector(
        "agriculture",
        "dans l'agriculture",
        "un apprentissage agricole",
        "ouvrier agricole",
        ("travaux-manuels", "vente-service-client"),
        (
            "animaux",
            "agricol",
            "elevage",
            "culture",
            "ferme",
            "recolte",
            "jardin",
            "plante",
            "machines",
            "tracteur",
        ),
        ("la ferme de mon oncle", "un jardin partagé", "le marché du samedi"),
        ("une exploitation laitière", "un maraîcher", "une coopérative agricole"),
        (
            "soigner les animaux",
            "conduire le tracteur",
            "récolter les légumes",
            "vendre au marché",
            "entretenir les machines",
        ),
        ("une journée portes ouvertes à la ferme", "la fête des récoltes"),
        0.6,
    ),
)

HEADLINES = (
    "Motivé·e et fiable, je cherche {job} près de {town}",
    "Je veux travailler {domain}, disponible rapidement",
    "Bénévole à {place}, je cherche un premier emploi {domain}",
    "Débrouillard·e et ponctuel·le, prêt·e à commencer {domain}",
    "À la recherche d'un stage {domain} autour de {town}",
    "J'ai déjà appris à {task}, je cherche {job}",
    "Future {trade} : je cherche une entreprise pour mon alternance",
    "Sérieux·se, souriant·e, j'aime le travail en équipe {domain}",
    "Je cherche {job}, même sans diplôme je suis là",
    "Passionné·e, j'aimerais faire de mon expérience un métier {domain}",
)
GOALS = (
    "Trouver {job} d'ici la rentrée et passer mon permis.",
    "Faire un apprentissage {domain} puis passer le CAP.",
    "Découvrir le métier de {trade} en immersion avant de me lancer.",
    "Travailler dans une équipe où on apprend sur le terrain. J'aime quand ça bouge.",
    "Reprendre une formation avec la Mission Locale et trouver un job {domain} à côté.",
    "Avoir un vrai contrat pour aider ma famille et gagner mon autonomie.",
    "Je voudrais {task} tous les jours et progresser pour devenir {trade}.",
    "Préparer le job dating du mois prochain et décrocher un contrat {domain}.",
)
ACHIEVEMENTS = (
    (
        "Bénévolat à {place}",
        "Deux soirs par semaine, j'aide à {task}. J'ai appris à {task2} "
        "et à être à l'heure, l'équipe compte sur moi.",
    ),
    (
        "Organisation de {event}",
        "J'ai organisé {event} pour {n} personnes : le planning, les "
        "courses, l'installation et le rangement. Tout s'est bien passé.",
    ),
    (
        "Stage de {weeks} semaines chez {employer}",
        "Pendant mon stage chez {employer} à {town}, "
        "j'ai pu {task} et on m'a laissé {task2} seul·e à la fin.",
    ),
    (
        "Job d'été",
        "L'été dernier j'ai travaillé {weeks} semaines chez {employer} : {task}, "
        "{task2}. Mon responsable m'a proposé de revenir.",
    ),
    ("Service civique", "Six mois de service civique à {place} : {task} et {task2}."),
    (
        "Coup de main en famille",
        "J'aide ma famille après l'école : {task}. Je dois être "
        "organisé·e et tenir mes engagements.",
    ),
    (
        "Projet avec la Mission Locale",
        "Avec ma conseillère, j'ai préparé un projet {domain} : "
        "deux immersions, un CV et une simulation d'entretien.",
    ),
    ("Premier contrat", "Mission d'intérim de {weeks} semaines chez {employer} pour {task}."),
)
RELATIONSHIPS = (
    "counsellor",
    "teacher",
    "coach",
    "employer",
    "association",
    "professional",
    "other",
)
CONTEXTS = (
    "Au club, pendant toute la saison",
    "Pendant son stage dans notre entreprise",
    "À la banque alimentaire, tous les mardis et jeudis",
    "Pendant son service civique à la résidence",
    "Lors de l'atelier « se présenter en ligne » à la Mission Locale",
    "Sur le chantier d'insertion, trois mois",
)
OBSERVED = (
    "Toujours à l'heure, il ou elle a pris en charge cette tâche sans qu'on le demande.",
    "A su s'adapter très vite et expliquer aux nouveaux comment faire.",
    "A tenu le rythme les jours de rush, sans perdre son calme avec le public.",
    "Travail soigné, consignes respectées, et une vraie envie d'apprendre.",
)
WEIGHT_REASONS = (
    (
        4.5,
        "Recommandé par : conseillère, Mission Locale (organisation vérifiée), "
        "qui le suit depuis 14 mois.",
    ),
    (
        3.2,
        "Recommandé par : éducateur, Maison de quartier (organisation pas encore "
        "vérifiée), qui le suit depuis 3 mois.",
    ),
    (2.0, "Recommandé par : tuteur en entreprise, avec un compte AcroJump."),
    (1.0, "Recommandé par e-mail, sans compte AcroJump : entraîneur ou responsable de club."),
)
LANGUAGES = (
    ("anglais", 0.45),
    ("arabe", 0.15),
    ("espagnol", 0.12),
    ("portugais", 0.04),
    ("turc", 0.03),
    ("wolof", 0.02),
    ("bambara", 0.02),
    ("italien", 0.03),
)
TRANSVERSAL_GROUPS = ("s-entendre-avec-les-autres", "s-organiser", "communiquer")


@contextlib.contextmanager
def explicit_timestamps(*models: Any) -> Iterator[None]:
    """``auto_now`` / ``auto_now_add`` off while seeding, so dates can be spread in time."""
    saved = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _zipf_weights(count: int, exponent: float = 0.9) -> list[float]:
    return [1.0 / (rank + 3) ** exponent for rank in range(count)]


def skill_pools(rng: random.Random) -> tuple[dict[str, tuple[list[int], list[float]]], list[int]]:
    """Concept ids to draw from, per sector and for the transversal skills, with weights."""
    from unidecode import unidecode

    from skills.models import ConceptType, SkillConcept
    from skills.starter_taxonomy import STARTER_SKILLS

    by_uri = dict(SkillConcept.objects.values_list("uri", "id"))
    starter_by_group: dict[str, list[int]] = {}
    for skill in STARTER_SKILLS:
        if skill.uri in by_uri:
            starter_by_group.setdefault(skill.group, []).append(by_uri[skill.uri])
    esco = list(
        SkillConcept.objects.exclude(concept_type=ConceptType.GROUP)
        .filter(uri__startswith="http://data.europa.eu/esco/")
        .values_list("id", "preferred_labels")
    )
    folded = [(pk, unidecode((labels or {}).get("fr", "")).casefold()) for pk, labels in esco]
    pools: dict[str, tuple[list[int], list[float]]] = {}
    for sector in SECTORS:
        starter = [pk for group in sector.groups for pk in starter_by_group.get(group, [])]
        matching = [pk for pk, label in folded if any(word in label for word in sector.keywords)]
        rng.shuffle(starter)
        rng.shuffle(matching)
        # Starter skills (what the suggestions offer first) weigh more than ESCO's long tail.
        ids = starter + matching
        weights = [w * 6 for w in _zipf_weights(len(starter))] + _zipf_weights(len(matching))
        pools[sector.name] = (ids, weights)
    transversal = [pk for group in TRANSVERSAL_GROUPS for pk in starter_by_group.get(group, [])]
    rng.shuffle(transversal)
    pools["transversal"] = (transversal, _zipf_weights(len(transversal), 0.7))
    return pools, [pk for pk, _label in esco]


def generate(count: int, seed: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from network import places
    from network.models import DisplayMode, Role, User, Visibility, YouthProfile
    from skills.models import Achievement, Endorsement, ProfileSkill

    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    started = time.perf_counter()
    towns = sorted(places._towns().values(), key=lambda place: place.name)
    town_names = rng.choices(
        [place.name for place in towns],
        weights=[max(place.population, 1) for place in towns],
        k=count,
    )
    pools, all_esco = skill_pools(rng)
    sector_of = rng.choices(SECTORS, weights=[s.weight for s in SECTORS], k=count)
    print(
        f"\ngenerating {count:,} youths: {len(towns):,} towns, skill pools "
        + ", ".join(f"{name} {len(ids)}" for name, (ids, _w) in pools.items())
        + f", ESCO skills and knowledge {len(all_esco):,}"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM network_user")
        first_id = cursor.fetchone()[0] + 1

    def ago(days_max: float, power: float = 2.0) -> datetime.datetime:
        # power > 1: most moments are recent, a few are old.
        return now - datetime.timedelta(
            days=days_max * rng.random() ** power, seconds=rng.random() * 86400
        )

    users = []
    for i in range(count):
        age_days = rng.randint(16 * 365 + 5, 26 * 365 - 5)
        joined = ago(700, 1.3)
        users.append(
            User(
                id=first_id + i,
                password="!",
                email=f"jeune{first_id + i}@bench.acrojump.example",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                role=Role.YOUTH,
                is_active=rng.random() >= 0.005,
                date_joined=joined,
                last_login=min(now, joined + (now - joined) * (1 - rng.random() ** 2)),
                date_of_birth=today - datetime.timedelta(days=age_days),
                town=town_names[i],
                language="fr",
            )
        )
    step = time.perf_counter()
    with transaction.atomic():
        User.objects.bulk_create(users, batch_size=5000)
    print(f"  users                {count:>9,} rows {time.perf_counter() - step:6.1f} s")

    step = time.perf_counter()
    profiles, skills, achievements, endorsements = [], [], [], []
    endorser = 0
    for i, user in enumerate(users):
        sector = sector_of[i]
        town = user.town
        words = {
            "domain": sector.domain,
            "job": sector.job,
            "trade": sector.trade,
            "town": town,
            "place": rng.choice(sector.places),
            "task": rng.choice(sector.tasks),
        }
        updated = ago(400)
        languages = ["français"] if rng.random() < 0.96 else []
        languages += [name for name, share in LANGUAGES if rng.random() < share]
        visibility_roll = rng.random()
        profiles.append(
            YouthProfile(
                user_id=user.pk,
                headline=rng.choice(HEADLINES).format(**words)[:140],
                goals=rng.choice(GOALS).format(**words),
                available_from=None
                if rng.random() < 0.25
                else today + datetime.timedelta(days=rng.randint(-120, 300)),
                mobility_km=rng.choice((None, 5, 10, 15, 20, 30, 50, 100)),
                languages=languages,
                driving_licence=rng.random()
                < (0.45 if user.date_of_birth.year < today.year - 19 else 0.08),
                visibility=Visibility.RECRUITERS
                if visibility_roll < 0.88
                else Visibility.PUBLIC
                if visibility_roll < 0.95
                else Visibility.MEMBERS
                if visibility_roll < 0.98
                else Visibility.MENTORS,
                discoverable=rng.random() < 0.95,
                display_mode=DisplayMode.NAMED if rng.random() < 0.5 else DisplayMode.ANONYMOUS,
                updated_at=updated,
            )
        )
        # Skills: a few transversal ones, the sector's starter skills and its ESCO concepts,
        # now and then anything from ESCO.
        wanted = rng.randint(3, 10)
        chosen: dict[int, None] = {}
        sector_ids, sector_weights = pools[sector.name]
        transversal_ids, transversal_weights = pools["transversal"]
        while len(chosen) < wanted:
            roll = rng.random()
            if roll < 0.30:
                pk = rng.choices(transversal_ids, weights=transversal_weights)[0]
            elif roll < 0.93:
                pk = rng.choices(sector_ids, weights=sector_weights)[0]
            else:
                pk = rng.choice(all_esco)
            chosen[pk] = None
        concept_ids = list(chosen)
        for pk in concept_ids:
            moment = ago(500)
            skills.append(
                ProfileSkill(
                    youth_id=user.pk,
                    concept_id=pk,
                    level=rng.choices((1, 2, 3, 4), weights=(20, 35, 30, 15))[0],
                    level_chosen_at=moment,
                    created_at=moment,
                    updated_at=moment,
                )
            )
        for _ in range(rng.choice((1, 1, 2, 2, 2, 3))):
            title, text = rng.choice(ACHIEVEMENTS)
            fill = {
                **words,
                "task": rng.choice(sector.tasks),
                "task2": rng.choice(sector.tasks),
                "event": rng.choice(sector.events),
                "employer": rng.choice(sector.employers),
                "n": rng.choice((20, 30, 40, 60, 80, 120)),
                "weeks": rng.randint(2, 10),
            }
            moment = ago(600, 1.5)
            achievements.append(
                Achievement(
                    youth_id=user.pk,
                    title=title.format(**fill)[:160],
                    what_i_did=text.format(**fill),
                    achieved_on=moment.date(),
                    visibility=Visibility.RECRUITERS if rng.random() < 0.85 else Visibility.MEMBERS,
                    created_at=moment,
                    updated_at=moment,
                )
            )
        if rng.random() < 0.40:
            for pk in rng.sample(concept_ids, k=min(len(concept_ids), rng.choice((1, 1, 2, 3)))):
                endorser += 1
                weight, reason = rng.choice(WEIGHT_REASONS)
                status_roll = rng.random()
                status = (
                    Endorsement.Status.ACCEPTED
                    if status_roll < 0.85
                    else Endorsement.Status.WAITING_FOR_YOUTH
                    if status_roll < 0.95
                    else Endorsement.Status.DECLINED
                )
                moment = ago(400)
                endorsements.append(
                    Endorsement(
                        youth_id=user.pk,
                        concept_id=pk,
                        endorser=None,
                        endorser_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                        endorser_email=f"adulte{endorser}@bench.acrojump.example",
                        relationship=rng.choice(RELATIONSHIPS),
                        context=rng.choice(CONTEXTS),
                        observed=rng.choice(OBSERVED),
                        level_seen=rng.choice((None, 2, 3, 4)),
                        status=status,
                        weight=weight,
                        weight_reason=reason,
                        created_at=moment - datetime.timedelta(days=3),
                        email_confirmed_at=moment - datetime.timedelta(days=2),
                        answered_at=moment
                        if status != Endorsement.Status.WAITING_FOR_YOUTH
                        else None,
                    )
                )
    print(f"  built in memory      {time.perf_counter() - step:18.1f} s")
    with explicit_timestamps(YouthProfile, ProfileSkill, Achievement, Endorsement):
        for model, rows in (
            (YouthProfile, profiles),
            (ProfileSkill, skills),
            (Achievement, achievements),
            (Endorsement, endorsements),
        ):
            step = time.perf_counter()
            with transaction.atomic():
                model.objects.bulk_create(rows, batch_size=5000)
            print(f"  {model.__name__:20} {len(rows):>9,} rows {time.perf_counter() - step:6.1f} s")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('network_user', 'id'), "
            "(SELECT max(id) FROM network_user))"
        )
        step = time.perf_counter()
        cursor.execute("ANALYZE")
    from search.documents import eligible_users

    eligible = eligible_users().count()
    minors = sum(1 for user in users if user.is_minor)
    accepted = sum(1 for e in endorsements if e.status == Endorsement.Status.ACCEPTED)
    print(
        f"generated in {time.perf_counter() - started:.1f} s: {count:,} youths "
        f"({minors:,} minors), {eligible:,} eligible for search, {len(skills):,} skills "
        f"({len(skills) / count:.1f} a youth), {len(achievements):,} achievements, "
        f"{len(endorsements):,} endorsements ({accepted:,} accepted)"
    )
    sectors = Counter(sector.name for sector in sector_of)
    print("  sectors: " + ", ".join(f"{name} {n:,}" for name, n in sectors.most_common()))


def analyze() -> None:
    from django.db import connection
    from modelsearch.conf import get_app_config

    entries_table = get_app_config().get_model("IndexEntry")._meta.db_table
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # VACUUM too: the rebuild rewrites every row, and the server may run without
        # autovacuum (this one does); a production server would have cleaned up since.
        cursor.execute("VACUUM ANALYZE")
        cursor.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database())), "
            "pg_size_pretty(pg_total_relation_size('search_profiledocument')), "
            "pg_size_pretty(pg_total_relation_size('search_documentskill')), "
            "(SELECT count(*) FROM search_documentskill), "
            f"pg_size_pretty(pg_total_relation_size('{entries_table}')), "
            f"(SELECT count(*) FROM {entries_table})"
        )
        size, documents, skills, skill_rows, entries, entry_rows = cursor.fetchone()
    print(
        f"VACUUM ANALYZE {time.perf_counter() - started:.1f} s; database {size}; ProfileDocument "
        f"{documents}, DocumentSkill {skill_rows:,} rows {skills}, text index "
        f"({entries_table}) {entry_rows:,} rows {entries}"
    )


# --- rebuild ---------------------------------------------------------------------------------


class Timers:
    """Wall time spent in the functions ``rebuild`` calls, wrapped in this process only."""

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self.longest: Counter[str] = Counter()
        self.order: list[str] = []
        self._undo: list[Callable[[], None]] = []

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)
        self.order.append(label)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                seconds = time.perf_counter() - started
                self.seconds[label] += seconds
                self.calls[label] += 1
                self.longest[label] = max(self.longest[label], seconds)

        setattr(owner, name, timed)
        self._undo.append(lambda: setattr(owner, name, original))

    def undo(self) -> None:
        for undo in reversed(self._undo):
            undo()
        self._undo.clear()


def timed_rebuild() -> None:
    from django.db import connection
    from modelsearch.backends.database.postgres.postgres import PostgresIndex

    from search import models as search_models
    from search import service
    from search.backends.database import DatabaseBackend
    from search.backends.elastic import ElasticsearchBackend

    timers = Timers()
    timers.wrap(service, "build_documents", "build_documents")
    timers.wrap(DatabaseBackend, "write", "database write (all)")
    timers.wrap(PostgresIndex, "add_items", "  of which Wagtail add_bulk")
    timers.wrap(PostgresIndex, "_refresh_title_norms", "    of which _refresh_title_norms")
    timers.wrap(ElasticsearchBackend, "write", "Elasticsearch write (bulk)")
    if hasattr(search_models, "index_text"):
        # What each ProfileDocument.stemmed_* search field calls (fold, split, stem).
        timers.wrap(search_models, "index_text", "ProfileDocument.stemmed_* (index_text)")
    elif hasattr(search_models, "fold"):
        timers.wrap(search_models, "fold", "ProfileDocument.folded_* (fold)")
    sql = SqlTimes()
    done = [0]
    started = time.perf_counter()
    marks = [started]

    def progress(n: int) -> None:
        done[0] += n
        if done[0] % 20_000 < n:
            now = time.perf_counter()
            print(
                f"  {done[0]:>9,} profiles  {now - started:7.1f} s  "
                f"(last stretch {20_000 / max(now - marks[-1], 1e-9):,.0f} profiles/s)",
                flush=True,
            )
            marks.append(now)

    try:
        with connection.execute_wrapper(sql):
            result = service.rebuild(progress=progress)
    finally:
        timers.undo()
    elapsed = time.perf_counter() - started
    print(
        f"rebuild: {result['indexed']:,} profiles indexed, {result['removed']} removed in "
        f"{elapsed:.1f} s: {result['indexed'] / elapsed:,.0f} profiles/s "
        f"(load average {load_average()})"
    )
    for label in timers.order:
        if label not in timers.calls:
            continue
        seconds = timers.seconds[label]
        print(
            f"  {label:40} {seconds:8.1f} s {100 * seconds / elapsed:5.1f} %  "
            f"({timers.calls[label]} calls, longest {timers.longest[label]:.2f} s)"
        )
    total_sql = sum(sql.seconds.values())
    print(
        f"  SQL (time in PostgreSQL and the driver, {sum(sql.calls.values()):,} statements): "
        f"{total_sql:.1f} s {100 * total_sql / elapsed:.1f} %; Python: the rest"
    )
    for kind, seconds in sql.seconds.most_common(8):
        print(
            f"    {kind:54} {seconds:7.1f} s {100 * seconds / elapsed:5.1f} %  "
            f"({sql.calls[kind]:,} statements)"
        )


class SqlTimes:
    """A ``connection.execute_wrapper``: time per kind of statement (verb and table)."""

    WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)', re.I)
    READ = re.compile(r'^\s*SELECT\b.*?\bFROM\s+"?(\w+)', re.I | re.S)

    def __init__(self) -> None:
        self.seconds: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()

    def kind(self, sql: str) -> str:
        if match := self.WRITE.match(sql):
            return f"{match[1].upper()} {match[2]}"
        if match := self.READ.match(sql):
            return f"SELECT {match[1]}"
        return sql.split(None, 1)[0].upper() if sql.strip() else "?"

    def __call__(self, execute: Callable, sql: str, params: Any, many: bool, context: Any) -> Any:
        kind = self.kind(sql)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds[kind] += time.perf_counter() - started
            self.calls[kind] += 1


def profile_rebuild(count: int) -> None:
    """cProfile of ``rebuild``'s loop (database backend) over ``count`` indexed profiles,
    ``build_documents`` and the database backend's ``write`` profiled apart."""
    from django.conf import settings
    from django.db import transaction

    from search.backends.database import DatabaseBackend
    from search.documents import build_documents, eligible_users

    settings.ELASTICSEARCH_URL = ""
    ids = list(eligible_users().order_by("pk").values_list("pk", flat=True))
    step = max(1, len(ids) // count)
    ids = ids[::step][:count]  # spread over the table
    database = DatabaseBackend()
    build, write = cProfile.Profile(), cProfile.Profile()
    seconds = Counter()
    started = time.perf_counter()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        mark = time.perf_counter()
        build.enable()
        documents = [d for d in build_documents(chunk).values() if d is not None]
        build.disable()
        seconds["build_documents"] += time.perf_counter() - mark
        mark = time.perf_counter()
        write.enable()
        with transaction.atomic():
            database.write(documents)
        write.disable()
        seconds["database write"] += time.perf_counter() - mark
    elapsed = time.perf_counter() - started
    print(
        f"\n== cProfile of the rebuild loop, database backend, {len(ids):,} profiles of the "
        f"full index: {elapsed:.1f} s under the profiler ({len(ids) / elapsed:,.0f} profiles/s): "
        f"build_documents {seconds['build_documents']:.1f} s, "
        f"database write {seconds['database write']:.1f} s =="
    )
    print(
        "  (cProfile counts one call per character in unidecode's loop, so it overstates "
        "unidecode; the wall-clock lines of the rebuild above are the real costs)"
    )
    for name, profiler, sort, lines in (
        ("build_documents", build, "cumulative", 22),
        ("build_documents", build, "tottime", 12),
        ("database write", write, "cumulative", 26),
        ("database write", write, "tottime", 12),
    ):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.strip_dirs().sort_stats(sort).print_stats(lines)
        text = out.getvalue().splitlines()
        first = next((i for i, line in enumerate(text) if "ncalls" in line), 0)
        print(f"-- {name}, by {sort} --")
        for line in text[first:]:
            if line.strip():
                print("  " + line[:150])


# --- searches --------------------------------------------------------------------------------


@dataclass
class Search:
    key: str
    description: str
    params: list[tuple[str, str]]


def recruiter_searches() -> list[Search]:
    """Five searches a recruiter makes, with concepts taken from the generated data."""
    from django.db import connection

    from search.taxonomy import get_tree
    from skills.models import SkillConcept
    from skills.starter_taxonomy import STARTER_SKILLS

    def uri(slug: str) -> str:
        return next(skill.uri for skill in STARTER_SKILLS if skill.slug == slug)

    def label(concept_uri: str) -> str:
        concept = SkillConcept.objects.filter(uri=concept_uri).first()
        return concept.label("fr") if concept else concept_uri

    starter = [skill.uri for skill in STARTER_SKILLS]
    # The broad group: among the top skill groups profiles are counted under, the one with
    # the most narrower concepts in the taxonomy.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT uri, count(*) FROM search_documentskill WHERE top_group GROUP BY uri "
            "ORDER BY count(*) DESC LIMIT 15"
        )
        groups = cursor.fetchall()
        # (c): a pair of everyday skills that recruiters ask for together and that some
        # profiles have, both endorsed at level 3 or more.
        cursor.execute(
            "SELECT a.uri, b.uri FROM search_documentskill a JOIN search_documentskill b "
            "ON a.document_id = b.document_id AND a.uri < b.uri "
            "WHERE a.direct AND b.direct AND a.endorsed AND b.endorsed AND a.level >= 3 "
            "AND b.level >= 3 AND a.uri = ANY(%s) AND b.uri = ANY(%s) "
            "GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1",
            [starter, starter],
        )
        pair = cursor.fetchone() or (uri("travailler-en-equipe"), uri("accueillir-les-gens"))
    tree = get_tree()
    by_uri = {value: key for key, value in tree.uri.items()}
    descendants: Counter[int] = Counter()
    for concept_id in tree.uri:
        for ancestor in tree.ancestors(concept_id):
            descendants[ancestor] += 1
    broad = max(groups, key=lambda row: descendants[by_uri.get(row[0], -1)])[0]
    before = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    searches = [
        Search(
            "a",
            f"must « {label(uri('preparer-des-commandes'))} », within 30 km of Lyon",
            [("must", uri("preparer-des-commandes")), ("town", "Lyon"), ("km", "30")],
        ),
        Search(
            "b",
            f"words « cuisine », available before {before}",
            [("q", "cuisine"), ("before", before)],
        ),
        Search(
            "c",
            f"must « {label(pair[0])} » and « {label(pair[1])} », level 3+, endorsed "
            "(the two starter skills most often both endorsed at level 3+)",
            [("must", pair[0]), ("must", pair[1]), ("level", "3"), ("endorsed", "1")],
        ),
        Search(
            "d",
            f"nice « {label(uri('conduire-une-voiture'))} », « {label(uri('livrer'))} », "
            f"« {label(uri('porter-des-charges-lourdes'))} », speaks anglais, driving licence",
            [
                ("nice", uri("conduire-une-voiture")),
                ("nice", uri("livrer")),
                ("nice", uri("porter-des-charges-lourdes")),
                ("lang", "anglais"),
                ("licence", "1"),
            ],
        ),
        Search(
            "e",
            f"group « {label(broad)} » ({descendants[by_uri.get(broad, -1)]:,} narrower concepts), "
            "département 59",
            [("group", broad), ("dep", "59")],
        ),
    ]
    for search in searches:
        print(f"  ({search.key}) {search.description}")
    return searches


def measure_searches(
    searches: list[Search], backend_name: str, runs: int, budget: float, *, show_plans: bool = True
) -> dict[str, int]:
    """Each search: warm-up, then ``runs`` timed runs, fewer when they would take longer
    than ``budget`` seconds (said in the ``runs`` column)."""
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext
    from django.utils.http import urlencode

    from search import service
    from search.backends.elastic import SearchUnavailable
    from search.query import parse

    backend = (
        service.database_backend() if backend_name == "database" else service.elastic_backend()
    )
    totals: dict[str, int] = {}
    rows = []
    slowest: dict[str, tuple[float, str]] = {}
    failed: dict[str, str] = {}
    for search in searches:
        query_string = urlencode(search.params)
        parse_started = time.perf_counter()
        query = parse(QueryDict(query_string))
        parse_ms = (time.perf_counter() - parse_started) * 1000
        try:
            started = time.perf_counter()
            page = backend.search(query)  # warm-up
            first = time.perf_counter() - started
            planned = runs
            if first * (runs + 2) > budget:
                # Slow: fewer runs; none when one run takes more than half the budget (the
                # first run is then the only figure, marked *).
                planned = max(0, int(budget / max(first, 1e-9)) - 1)
            else:
                for _ in range(2):  # more warm-up
                    page = backend.search(query)
            times, queries = [], []
            for _ in range(planned):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    page = backend.search(query)
                    times.append((time.perf_counter() - started) * 1000)
                queries.append(len(captured.captured_queries))
                for sql in captured.captured_queries:
                    if float(sql["time"]) * 1000 > slowest.get(search.key, (0.0, ""))[0]:
                        slowest[search.key] = (float(sql["time"]) * 1000, sql["sql"])
        except SearchUnavailable as error:
            failed[search.key] = f"{time.perf_counter() - started:.0f} s: {str(error)[:120]}"
            continue
        if not times:
            times, queries = [first * 1000], [-1]
        times.sort()
        totals[search.key] = page.total
        rows.append((search, times, queries, page, parse_ms, first * 1000))
    print(
        f"  {'search':6} {'total':>7} {'hits':>4} | {'runs':>4} {'p50':>9} {'p95':>9} "
        f"{'max':>9} | {'queries':>7} | first run | parse (once)"
    )
    for search, times, queries, page, parse_ms, first_ms in rows:
        query_count = (
            "-"
            if backend_name != "database" or queries == [-1]
            else "-".join(sorted({str(min(queries)), str(max(queries))}))
        )
        print(
            f"  ({search.key})    {page.total:7,} {len(page.hits):4} | "
            f"{str(len(times)) + ('*' if queries == [-1] else ''):>4} "
            f"{percentile(times, 50):6.1f} ms {percentile(times, 95):6.1f} ms "
            f"{times[-1]:6.1f} ms | {query_count:>7} | {first_ms:6.1f} ms | {parse_ms:.1f} ms"
        )
    for key, reason in failed.items():
        print(f"  ({key})    no answer after {reason}")
    if not rows:
        return totals
    all_times = sorted(t for _search, times, *_rest in rows for t in times)
    print(
        f"  all five: p50 {percentile(all_times, 50):.1f} ms, "
        f"p95 {percentile(all_times, 95):.1f} ms, max {all_times[-1]:.1f} ms "
        f"({len(all_times)} searches, load average {load_average()})"
    )
    if backend_name == "database":
        facets = rows[-1][3].facets
        print(
            f"  (e) facets: départements {facets.departements[:3]}, "
            f"languages {facets.languages[:4]}, groups {len(facets.skill_groups)}"
        )
        for search in searches if show_plans else ():
            if search.key in slowest:
                print(f"\n  slowest SQL of ({search.key}): {slowest[search.key][0]:.1f} ms")
                explain(slowest[search.key][1])
    return totals


def explain(sql: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        plan = [row[0] for row in cursor.fetchall()]
    print(f"    {sql[:300]}{'...' if len(sql) > 300 else ''}")
    for line in plan[:18]:
        print(f"    {line[:160]}")
    if len(plan) > 18:
        print(f"    ... ({len(plan) - 18} more lines)")
        for line in plan[-2:]:
            print(f"    {line[:160]}")


def compare_totals(database: dict[str, int], elastic: dict[str, int]) -> None:
    print(
        "\n  totals, database vs Elasticsearch: "
        + ", ".join(
            f"({key}) {database[key]:,} / {elastic.get(key, -1):,}"
            + ("" if database[key] == elastic.get(key) else " DIFFER")
            for key in database
        )
    )


def percentile(values: list[float], rank: float) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, max(0, round(rank / 100 * len(values) + 0.5) - 1))]


if __name__ == "__main__":
    main()
