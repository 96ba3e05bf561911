"""Occupied regions of Ukraine recognised from the place an address names."""

from __future__ import annotations

import pytest

from chokepoint.shipments.rules.embargoes import embargoed_region


@pytest.mark.parametrize(
    ("address", "region"),
    [
        ("ul. Lenina 5, Severodonetsk", "Luhansk (so-called LNR)"),
        ("пр. Мира 3, Алчевск", "Luhansk (so-called LNR)"),
        ("Tokmak, Zaporizhzhia oblast", "Occupied Zaporizhzhia"),
        ("вул. Шевченка 2, Мелітополь", "Occupied Zaporizhzhia"),
        ("Nova Kakhovka, Kherson oblast", "Occupied Kherson"),
        ("Yenakiieve, Donetsk oblast", "Donetsk (so-called DNR)"),
        ("Sudak, Republic of Crimea", "Crimea"),
    ],
)
def test_towns_of_the_occupied_regions_are_recognised(address: str, region: str) -> None:
    found = embargoed_region(address)
    assert found is not None and found[0] == region


@pytest.mark.parametrize(
    "address",
    [
        "Zaporizhzhia, Ukraine",  # the city itself is not occupied
        "Kherson, Ukraine",  # retaken in November 2022
        "Primorsk, Leningrad Oblast, Russia",  # namesake of occupied Prymorsk
        "Yekaterinburg, Sverdlovsk Oblast",  # namesake of occupied Sverdlovsk (Dovzhansk)
        "Simferopolskaya ul. 3, Moscow",  # a street named after a city is not the city
        "Kyiv, Ukraine",
    ],
)
def test_other_places_are_not(address: str) -> None:
    assert embargoed_region(address) is None
