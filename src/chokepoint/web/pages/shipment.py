"""Screen a shipment: a form or a JSON upload in, the decision as a banner, the findings
grouped by party and by item, each citing its rule and list entry."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile

from chokepoint.cases.record import Recorded, record_shipment
from chokepoint.errors import ChokepointError, InputError
from chokepoint.shipments.model import Finding, Role
from chokepoint.shipments.rules import RULES
from chokepoint.shipments.screen import MAX_FILE_BYTES, Decision, parse_shipment, screen_shipment
from chokepoint.text.json_input import JSONInputError, parse_json
from chokepoint.web.context import engine_of, policy_of
from chokepoint.web.render import page, status_of
from chokepoint.web.session import check_csrf, require_user

# Every page here needs a signed-in user; those that act also take the user's name.
router = APIRouter(dependencies=[Depends(require_user)])
PARTY_ROWS = 4
ITEM_ROWS = 3
RULE_INFO = {r.id: r for r in RULES}


def shipment_from_form(form: dict[str, str]) -> dict[str, Any]:
    """The shipment JSON the form's fields describe; empty rows are left out.

    >>> shipment_from_form({"reference": "SO-1", "route": "de, kz",
    ...     "party-0-role": "consignee", "party-0-name": "Acme", "party-0-country": "kz",
    ...     "item-0-hs_code": "8526.91", "item-0-description": "GNSS"})["route"]
    ['DE', 'KZ']
    """
    parties = []
    for i in range(PARTY_ROWS):
        name = form.get(f"party-{i}-name", "").strip()
        if not name:
            continue
        party = {"role": form.get(f"party-{i}-role", ""), "name": name}
        for key in ("country", "address"):
            if value := form.get(f"party-{i}-{key}", "").strip():
                party[key] = value.upper() if key == "country" else value
        parties.append(party)
    items = []
    for i in range(ITEM_ROWS):
        item = {
            k: v.strip()
            for k in ("description", "hs_code", "quantity")
            if (v := form.get(f"item-{i}-{k}", "")).strip()
        }
        if item:
            items.append(item)
    route = [c.strip().upper() for c in form.get("route", "").replace(";", ",").split(",")]
    return {
        "reference": form.get("reference", "").strip(),
        "parties": parties,
        "items": items,
        "route": [c for c in route if c],
    }


async def shipment_data(request: Request) -> tuple[dict[str, Any], dict[str, str]]:
    """The posted shipment: an uploaded JSON file, pasted JSON, or the form's fields."""
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    check_csrf(request, fields.get("csrf_token"))
    upload = form.get("file")
    text = fields.get("json", "").strip()
    if isinstance(upload, UploadFile) and upload.filename:
        raw = await upload.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise InputError(f"{upload.filename}: larger than {MAX_FILE_BYTES:,} bytes")
        text = raw.decode("utf-8", errors="replace")
    if text:
        try:
            data = parse_json(text)
        except JSONInputError as exc:
            raise InputError(str(exc)) from None
        return data, fields
    return shipment_from_form(fields), fields


def grouped(decision: Decision) -> list[tuple[str, list[Finding]]]:
    """Findings under their party, their item, or the shipment as a whole, in order."""
    groups: dict[str, list[Finding]] = {}
    for f in decision.findings:
        groups.setdefault(f.party or f.item or "Shipment", []).append(f)
    return list(groups.items())


def render(
    request: Request,
    fields: dict[str, str],
    decision: Decision | None = None,
    error: ChokepointError | None = None,
    recorded: Recorded | None = None,
) -> HTMLResponse:
    return page(
        request,
        "shipment.html",
        status_code=status_of(error) if error else 200,
        fields=fields,
        roles=[r.value for r in Role],
        party_rows=range(PARTY_ROWS),
        item_rows=range(ITEM_ROWS),
        decision=decision,
        groups=grouped(decision) if decision else [],
        rules=RULE_INFO,
        recorded=recorded,
        error=error.detail if error else None,
    )


@router.get("/ui/shipment", response_class=HTMLResponse)
def shipment_form(request: Request) -> HTMLResponse:
    return render(request, {})


@router.post("/ui/shipment", response_class=HTMLResponse)
async def shipment_screen(
    request: Request, user: Annotated[str, Depends(require_user)]
) -> HTMLResponse:
    fields: dict[str, str] = {}
    recorded = None
    try:
        data, fields = await shipment_data(request)
        engine = engine_of(request)
        shipment = parse_shipment(data, "shipment")
        decision = screen_shipment(engine, shipment)
        if fields.get("record"):
            recorded = record_shipment(
                engine, shipment, decision, user=user, policy=policy_of(request)
            )
    except ChokepointError as exc:
        return render(request, fields, error=exc)
    return render(request, fields, decision, recorded=recorded)
