"""The gazetteer: real French towns by name, whatever the case or accents, and distances."""

from __future__ import annotations

import pytest

from network.places import distance_km, find_place, normalise


def test_towns_are_found_whatever_the_spelling() -> None:
    for spelling in ["Saint-Quentin", "saint quentin", "SAINT-QUENTIN", " Saint Quentin "]:
        place = find_place(spelling)
        assert place is not None and place.name == "Saint-Quentin"
    assert find_place("Vaulx-en-Velin").name == "Vaulx-en-Velin"
    assert normalise("Évry-Courcouronnes") == "evry courcouronnes"


def test_a_small_town_is_known_and_nonsense_is_not() -> None:
    lesquin = find_place("Lesquin")  # about 6,000 people
    assert lesquin is not None
    assert find_place("Xyzzyville") is None
    assert find_place("") is None


def test_the_most_populated_town_wins_a_shared_name() -> None:
    # Several French towns are called Montreuil; the one by Paris is the biggest.
    montreuil = find_place("Montreuil")
    assert montreuil is not None and montreuil.population > 100_000


def test_distances_are_great_circle_kilometres() -> None:
    roubaix, lesquin, dijon = (find_place(t) for t in ["Roubaix", "Lesquin", "Dijon"])
    near = distance_km((roubaix.latitude, roubaix.longitude), (lesquin.latitude, lesquin.longitude))
    far = distance_km((roubaix.latitude, roubaix.longitude), (dijon.latitude, dijon.longitude))
    assert near == pytest.approx(13, abs=2)
    assert far == pytest.approx(390, abs=30)
