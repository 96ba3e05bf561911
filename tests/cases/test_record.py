"""Recording: a screened party becomes a subject; a case opens when there is work in it."""

from __future__ import annotations

import json

from sqlalchemy import Engine, func, select

from chokepoint.cases.model import Kind, Status
from chokepoint.cases.queries import get_case
from chokepoint.cases.record import record_shipment
from chokepoint.shipments.screen import parse_shipment, screen_shipment
from chokepoint.store.schema import subjects
from tests.cases.conftest import CHANGED, record


def subject_count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(subjects)).scalar_one())


def test_a_hit_opens_a_case_that_keeps_the_screening_as_it_was(engine: Engine) -> None:
    recorded = record(engine, "Eric Badege", subject_id="cust-17")
    assert recorded.case is not None
    assert recorded.note == "case 1 opened with 1 new hit(s)"
    detail = get_case(engine, recorded.case.id)
    case = detail.case
    assert (case.kind, case.status, case.subject, case.subject_key) == (
        Kind.screening,
        Status.open,
        "Eric Badege",
        "cust-17",
    )
    assert case.lists == {"un_sc_sanctions": 1}
    assert [(h.entity_id, h.match, h.suppressed) for h in case.hits] == [(CHANGED, True, False)]
    assert detail.query["names"] == ["Eric Badege"]
    assert detail.results["matches"][0]["id"] == CHANGED
    assert [(e.action, json.loads(e.payload)["hits"][0][0]) for e in detail.events] == [
        ("case.open", CHANGED)
    ]


def test_no_hit_keeps_the_subject_and_opens_no_case(engine: Engine) -> None:
    recorded = record(engine, "Maria Lopez Garcia")
    assert recorded.case is None
    assert recorded.note == "no case: no result at or above the review threshold"
    assert subject_count(engine) == 1


def test_the_same_hit_again_is_not_a_second_case_while_the_first_is_open(engine: Engine) -> None:
    first = record(engine, "Eric Badege")
    again = record(engine, "ERIC  BADEGE")  # the same subject, written otherwise
    assert first.case is not None and again.case is None
    assert again.note == f"no case: every hit is already in open case {first.case.id}"
    assert subject_count(engine) == 1


SHIPMENT = {
    "reference": "SO-77",
    "parties": [
        {"role": "exporter", "name": "Elektronik Vertrieb GmbH", "country": "DE"},
        {"role": "consignee", "name": "Eric Badege", "country": "RW"},
    ],
    "items": [{"description": "Radios", "hs_code": "8527.92"}],
    "route": ["DE", "RW"],
}


def test_a_shipment_case_keeps_the_shipment_and_its_decision(engine: Engine) -> None:
    shipment = parse_shipment(SHIPMENT)
    decision = screen_shipment(engine, shipment)
    recorded = record_shipment(engine, shipment, decision, user="alice")
    assert recorded.case is not None
    detail = get_case(engine, recorded.case.id)
    assert (detail.case.kind, detail.case.subject) == (Kind.shipment, "shipment SO-77")
    assert detail.query == shipment.model_dump(mode="json")
    assert detail.results == decision.to_dict() and decision.decision == "BLOCK"
    assert [h.entity_id for h in detail.case.hits] == [CHANGED]
    assert detail.case.four_eyes
    assert subject_count(engine) == 2  # each party kept for rescreening
