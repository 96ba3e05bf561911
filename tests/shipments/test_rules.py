"""Each shipment rule on real list entries (SDN and the CSL from shared/lists)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from chokepoint.model import entity_id
from tests.cli.helpers import run
from tests.conftest import shared_lists

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("shipments") / "lists.db")
    result = run(
        "lists", "load", str(shared_lists()), "--only", "us_ofac_sdn,us_trade_csl", "--db", path
    )
    assert result.exit_code == 0, result.output
    return path


def screen(db: str, tmp_path: Path, shipment: dict[str, Any]) -> dict[str, Any]:
    path = tmp_path / "shipment.json"
    path.write_text(json.dumps(shipment, ensure_ascii=False), encoding="utf-8")
    result = run("shipment", "screen", str(path), "--json", "--db", db)
    assert result.exit_code == 0, result.output
    decision: dict[str, Any] = json.loads(result.stdout)
    return decision


def shipment(
    *parties: dict[str, Any],
    items: list[dict[str, Any]] | None = None,
    route: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "reference": "T-1",
        "parties": list(parties),
        "items": items if items is not None else [],
        "route": route if route is not None else [],
    }


EXPORTER = {"role": "exporter", "name": "Elektronik Vertrieb GmbH", "country": "DE"}
GNSS = {"description": "GNSS receiver modules", "hs_code": "8526.91.00", "quantity": 200}
COFFEE = {"description": "Roasted coffee", "hs_code": "090121"}


def rules(decision: dict[str, Any], severity: str) -> set[str]:
    return {f["rule"] for f in decision["findings"] if f["severity"] == severity}


def test_listed_consignee_blocks_citing_the_sdn_entry(db: str) -> None:
    result = run(
        "shipment", "screen", str(EXAMPLES / "shipment-blocked.json"), "--json", "--db", db
    )
    decision = json.loads(result.stdout)
    assert decision["decision"] == "BLOCK"
    hit = next(f for f in decision["findings"] if f.get("list") == "us_ofac_sdn")
    assert (hit["rule"], hit["severity"], hit["list_id"], hit["entity_id"]) == (
        "restricted_parties",
        "block",
        "16868",
        entity_id("us_ofac_sdn", "16868"),
    )
    assert hit["score"] >= 0.9
    assert decision["lists"] == {"us_ofac_sdn": 1, "us_trade_csl": 1}
    assert set(decision) == {"reference", "decision", "findings", "lists", "screened_at"}


def test_coffee_to_astana_is_clear_and_says_what_was_checked(db: str) -> None:
    result = run("shipment", "screen", str(EXAMPLES / "shipment-clear.json"), "--json", "--db", db)
    decision = json.loads(result.stdout)
    assert decision["decision"] == "CLEAR"
    assert {f["severity"] for f in decision["findings"]} == {"info"}
    assert {f["rule"] for f in decision["findings"]} == {
        "restricted_parties",
        "ownership",
        "embargoes",
        "russia_belarus",
        "diversion",
        "red_flags",
    }


def test_gnss_receivers_to_an_unlisted_firm_in_bishkek_need_review(db: str, tmp_path: Path) -> None:
    decision = screen(
        db,
        tmp_path,
        shipment(
            EXPORTER,
            {
                "role": "consignee",
                "name": "Ala-Too Navigatsiya OsOO",
                "country": "KG",
                "address": "Chui Ave 100, Bishkek",
            },
            {"role": "end_user", "name": "Ala-Too Navigatsiya OsOO", "country": "KG"},
            items=[GNSS],
            route=["DE", "KG"],
        ),
    )
    assert decision["decision"] == "REVIEW"
    (finding,) = [f for f in decision["findings"] if f["rule"] == "diversion"]
    assert finding["severity"] == "review" and "CHPL tier 2" in finding["message"]
    assert "Kyrgyzstan" in finding["message"]


def test_military_end_user_list_match_needs_review(db: str, tmp_path: Path) -> None:
    decision = screen(
        db,
        tmp_path,
        shipment(
            EXPORTER,
            {"role": "end_user", "name": "AECC Aviation Power Co., Ltd", "country": "CN"},
            items=[COFFEE],
            route=["DE", "CN"],
        ),
    )
    meu = [
        f
        for f in decision["findings"]
        if f.get("list") == "us_trade_csl"
        and f["severity"] == "review"
        and f["rule"] == "restricted_parties"
    ]
    assert meu and "us_trade_csl/meu" in meu[0]["message"]
    assert decision["decision"] == "REVIEW"


def test_a_vessel_is_found_by_its_imo_number(db: str, tmp_path: Path) -> None:
    decision = screen(
        db,
        tmp_path,
        shipment(
            EXPORTER,
            {"role": "carrier", "name": "MT Northern Light", "imo": "IMO 9187629"},
            items=[COFFEE],
            route=["DE", "NL"],
        ),
    )
    assert decision["decision"] == "BLOCK"
    assert any(
        f.get("entity_id") == entity_id("us_ofac_sdn", "15036") for f in decision["findings"]
    )


@pytest.mark.parametrize(
    ("party", "words"),
    [
        ({"role": "consignee", "name": "Pars Trading Co", "country": "IR"}, "party in Iran"),
        (
            {
                "role": "consignee",
                "name": "Krym Supply LLC",
                "country": "RU",
                "address": "ul. Kirova 5, Симферополь",
            },
            "address in Crimea",
        ),
        (
            {
                "role": "consignee",
                "name": "Port Services",
                "country": "UA",
                "address": "Primorsky Blvd 1, Sevastopol",
            },
            "address in Sevastopol",
        ),
        ({"role": "end_user", "name": "Azov Metal", "address": "Mariupol, DNR"}, "so-called DNR"),
    ],
)
def test_embargoed_countries_and_occupied_regions_block(
    db: str, tmp_path: Path, party: dict[str, Any], words: str
) -> None:
    decision = screen(db, tmp_path, shipment(EXPORTER, party, items=[COFFEE]))
    assert decision["decision"] == "BLOCK"
    assert any(f["rule"] == "embargoes" and words in f["message"] for f in decision["findings"])


def test_chpl_item_to_russia_blocks_other_goods_need_review(db: str, tmp_path: Path) -> None:
    buyer = {"role": "consignee", "name": "Volga Instruments LLC", "country": "RU"}
    chpl = screen(db, tmp_path, shipment(EXPORTER, buyer, items=[GNSS], route=["DE", "RU"]))
    assert "russia_belarus" in rules(chpl, "block") and chpl["decision"] == "BLOCK"
    coffee = screen(db, tmp_path, shipment(EXPORTER, buyer, items=[COFFEE], route=["DE", "RU"]))
    assert coffee["decision"] == "REVIEW" and "russia_belarus" in rules(coffee, "review")
    via_belarus = screen(
        db,
        tmp_path,
        shipment(
            EXPORTER,
            {"role": "consignee", "name": "Minsk Optics", "country": "AM"},
            items=[GNSS],
            route=["DE", "BY", "AM"],
        ),
    )
    assert "russia_belarus" in rules(via_belarus, "block")


def test_red_flags_need_review(db: str, tmp_path: Path) -> None:
    decision = screen(
        db,
        tmp_path,
        shipment(
            EXPORTER,
            {"role": "consignee", "name": "Silk Road Freight Forwarding LLC", "country": "GE"},
            items=[GNSS],
            route=["DE", "GE", "DE", "GE"],
        ),
    )
    messages = {f["message"] for f in decision["findings"] if f["rule"] == "red_flags"}
    assert messages == {
        "CHPL item with no end user named",
        "a freight forwarder is the final consignee",
        "the route leaves DE and comes back to it",
    }
    assert decision["decision"] == "REVIEW"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"reference": "X", "parties": []}', "parties: List should have at least 1 item"),
        ('{"reference": "X", "parties": [{"role": "buyer", "name": "A"}]}', "parties.0.role:"),
        (
            '{"reference": "X", "parties": [{"role": "exporter", "name": "A"}],'
            ' "items": [{"hs_code": "85AB31"}]}',
            "items.0.hs_code: Value error, an HS code has 6 to 10 digits",
        ),
        (
            '{"reference": "X", "parties": [{"role": "exporter", "name": "A", '
            '"country": "Germany"}]}',
            "parties.0.country: Value error, not an ISO 3166",
        ),
        ('{"reference": "X", "parties": [', "malformed JSON at line 1 column"),
        (
            '{"reference": "X", "parties": [{"role": "bank", "name": "-.-"}]}',
            "parties.0.name: Value error, a party name needs a letter or a digit",
        ),
    ],
)
def test_bad_shipments_are_refused_naming_the_field(
    db: str, tmp_path: Path, content: str, words: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = run("shipment", "screen", str(path), "--db", db)
    assert result.exit_code == 2
    assert words in result.stderr and "Traceback" not in result.output


def test_a_file_of_megabytes_is_refused(db: str, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_text('{"reference": "' + "x" * (11 * 1024 * 1024) + '"}', encoding="utf-8")
    result = run("shipment", "screen", str(path), "--db", db)
    assert result.exit_code == 2 and "larger than 10,485,760 bytes" in result.stderr


def test_batch_goes_on_past_a_bad_line(db: str, tmp_path: Path) -> None:
    good = json.loads((EXAMPLES / "shipment-clear.json").read_text())
    lines = [json.dumps(good), "{not json", json.dumps({"reference": "B", "parties": []})]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "decisions.jsonl"
    result = run("shipment", "screen-file", str(path), "-o", str(out), "--db", db)
    assert result.exit_code == 0
    first, second, third = (json.loads(line) for line in out.read_text().splitlines())
    assert first["decision"] == "CLEAR"
    assert second["error"].startswith("line 2: malformed JSON")
    assert third["reference"] == "B" and "parties" in third["error"]


def test_reports_in_html_and_csv(db: str, tmp_path: Path) -> None:
    for fmt in ("html", "csv"):
        out = tmp_path / f"report.{fmt}"
        result = run(
            "shipment",
            "screen",
            str(EXAMPLES / "shipment-blocked.json"),
            "--format",
            fmt,
            "-o",
            str(out),
            "--db",
            db,
        )
        assert result.exit_code == 0 and "SO-1003: BLOCK" in result.stdout
        text = out.read_text(encoding="utf-8")
        assert entity_id("us_ofac_sdn", "16868") in text
    assert out.read_text().splitlines()[0].startswith("reference,decision,rule,severity")
