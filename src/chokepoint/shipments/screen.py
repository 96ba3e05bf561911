"""Reading a shipment, running every rule on it, and the decision: the worst finding."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine

from chokepoint.errors import ChokepointError, describe_errors
from chokepoint.ownership import get_state
from chokepoint.screening import Snapshot, get_snapshot
from chokepoint.shipments.model import SEVERITY_ORDER, Finding, Severity, Shipment
from chokepoint.shipments.rules import RULES
from chokepoint.shipments.rules.base import Context
from chokepoint.text.json_input import JSONInputError, parse_json

MAX_FILE_BYTES = 10 * 1024 * 1024  # one shipment is kilobytes; a batch goes line by line
DECISIONS = {Severity.block: "BLOCK", Severity.review: "REVIEW", Severity.info: "CLEAR"}


class ShipmentError(ChokepointError):
    """A shipment that cannot be screened: malformed JSON or a field out of its rules."""


def parse_shipment(data: Any, where: str = "shipment") -> Shipment:
    try:
        return Shipment.model_validate(data)
    except ValidationError as exc:
        raise ShipmentError(f"{where}: {describe_errors(exc.errors())}") from None


def read_shipment(path: Path) -> Shipment:
    """One shipment from a JSON file, refused with a clear reason when it is not one."""
    if not path.is_file():
        raise ShipmentError(f"{path}: no such file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ShipmentError(f"{path}: larger than {MAX_FILE_BYTES:,} bytes, not a shipment")
    try:
        data = parse_json(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ShipmentError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except JSONInputError as exc:
        raise ShipmentError(f"{path}: {exc}") from None
    return parse_shipment(data, str(path))


@dataclass
class Decision:
    reference: str
    decision: str
    findings: list[Finding]
    lists: dict[str, int]
    screened_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "decision": self.decision,
            "findings": [f.to_dict() for f in self.findings],
            "lists": self.lists,
            "screened_at": self.screened_at,
        }


def decide(findings: list[Finding]) -> str:
    """The worst severity found decides: any block blocks, any review reviews."""
    worst = max(
        (f.severity for f in findings), key=SEVERITY_ORDER.__getitem__, default=Severity.info
    )
    return DECISIONS[worst]


def screen_shipment(
    engine: Engine, shipment: Shipment, snapshot: Snapshot | None = None
) -> Decision:
    """Run every rule; findings sorted worst first, then in rule order. ``snapshot`` is
    the index to screen parties with (default: that of the current versions)."""
    snapshot = snapshot or get_snapshot(engine)
    context = Context(shipment=shipment, matcher=snapshot.matcher, ownership=get_state(engine))
    findings = [f for rule in RULES for f in rule.check(context)]
    findings.sort(key=lambda f: -SEVERITY_ORDER[f.severity])
    return Decision(
        reference=shipment.reference,
        decision=decide(findings),
        findings=findings,
        lists=snapshot.lists,
        screened_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def screen_lines(engine: Engine, path: Path) -> Iterator[dict[str, Any]]:
    """Decisions for a JSON-lines file of shipments; a bad line gets an ``error``."""
    if not path.is_file():
        raise ShipmentError(f"{path}: no such file")
    with path.open(encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                data = parse_json(line)
                shipment = parse_shipment(data, f"line {number}")
            except JSONInputError as exc:
                yield {"line": number, "error": f"line {number}: {exc}"}
                continue
            except ShipmentError as exc:
                ref = data.get("reference") if isinstance(data, dict) else None
                yield {"line": number, "reference": ref, "error": exc.detail}
                continue
            yield screen_shipment(engine, shipment).to_dict()
