"""OpenSanctions' own SDK (``yente-client`` 0.2.0) against a live ``chokepoint serve``:
every call it makes to a yente server succeeds and parses with the SDK's own models.
(``programs()`` reads OpenSanctions' published catalog and ``statements()`` exists on the
hosted API only: neither is a call to the server.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from yente_client import Client, Company, Person

from chokepoint.model import entity_id
from tests.api.conftest import KEY
from tests.live_server import live_server

ROTENBERG = entity_id("us_ofac_sdn", "16669")


@pytest.fixture(scope="module")
def sdk(api_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    log = tmp_path_factory.mktemp("sdk") / "server.log"
    env = {"CHOKEPOINT_API_KEYS": f"tester:{KEY}"}
    with live_server(api_db, Path(log), env) as base, Client(api_key=KEY, base_url=base) as c:
        yield c


def test_system_calls(sdk: Client) -> None:
    assert sdk.healthz().status == "ok"
    assert sdk.readyz().status == "ok"
    names = {d.name for d in sdk.datasets().datasets}
    assert {"default", "sanctions", "us_ofac_sdn", "un_sc_sanctions"} <= names
    assert sdk.algorithms().default == "chokepoint-logistic-v1"


def test_match_and_match_iter(sdk: Client) -> None:
    found = sdk.match(Person(name=["Arkady Rotenberg"], birthDate=["1951"]))
    top = found.results[0]
    assert (top.id, top.match, top.target) == (ROTENBERG, True, True)
    assert top.explanations
    scoped = sdk.match(
        Company(name=["Stroygazmontazh"]), datasets=["sanctions"], topics=["sanction"]
    )
    assert scoped.results and scoped.total.value >= 1
    pairs = [("a", Person(name=["Arkady Rotenberg"])), ("b", Company(name=["Stroygazmontazh"]))]
    results = dict(sdk.match_iter(pairs, workers=2))
    assert set(results) == {"a", "b"}


def test_search_with_filters_facets_and_browsing(sdk: Client) -> None:
    hits = sdk.search("Rotenberg", datasets=["sanctions"])
    assert ROTENBERG in {r.id for r in hits.results}
    two = sdk.search("Rotenberg", countries=["ru", "ua"])
    assert two.results and len(two.results) <= len(hits.results)
    faceted = sdk.search("Rotenberg", facets=["countries", "topics"])
    assert "topics" in faceted.facets
    browsed = sdk.search("", limit=5)
    assert len(browsed.results) == 5 and browsed.total.value > 5


def test_fetch_and_adjacent(sdk: Client) -> None:
    nested = sdk.fetch(ROTENBERG)
    assert nested.id == ROTENBERG and nested.target
    assert sdk.fetch(ROTENBERG, nested=False).id == ROTENBERG
    adjacent = sdk.adjacent(ROTENBERG)
    assert "sanctions" in adjacent.adjacent
    page = sdk.adjacent(ROTENBERG, prop="sanctions")
    assert page.total.value == 1
