"""A decision as people read it: text for the terminal, HTML and CSV for files."""

from __future__ import annotations

import csv
import html
import io

from chokepoint.shipments.screen import Decision

FIELDS = ("rule", "severity", "message", "party", "item", "list", "list_id", "entity_id", "score")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets take as a formula


def csv_cell(value: object) -> object:
    """A text cell a spreadsheet shows as text: one that would start a formula (a party
    named ``=HYPERLINK(...)``) gets a leading apostrophe, as OWASP advises.

    >>> csv_cell("=1+2"), csv_cell("Acme"), csv_cell(0.93)
    ("'=1+2", 'Acme', 0.93)
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_text(decision: Decision) -> str:
    lines = [f"{decision.reference}: {decision.decision}", ""]
    for f in decision.findings:
        about = f.party or f.item or "shipment"
        lines.append(f"  [{f.severity.value.upper():6}] {f.rule:<18} {about}: {f.message}")
    lines.append("")
    lines.append("lists: " + ", ".join(f"{k} v{v}" for k, v in sorted(decision.lists.items())))
    lines.append(f"screened at {decision.screened_at}")
    return "\n".join(lines)


def to_csv(decision: Decision) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=("reference", "decision", *FIELDS))
    writer.writeheader()
    for f in decision.findings:
        row = {"reference": decision.reference, "decision": decision.decision}
        row |= {k: v for k, v in f.to_dict().items() if k in FIELDS}
        writer.writerow({k: csv_cell(v) for k, v in row.items()})
    return out.getvalue()


def to_html(decision: Decision) -> str:
    esc = html.escape
    rows = "\n".join(
        f"<tr class='{esc(f.severity.value)}'><td>{esc(f.severity.value)}</td>"
        f"<td>{esc(f.rule)}</td><td>{esc(f.party or f.item or '')}</td>"
        f"<td>{esc(f.message)}</td><td>{esc(f.entity_id or '')}</td></tr>"
        for f in decision.findings
    )
    lists = ", ".join(f"{esc(k)} v{v}" for k, v in sorted(decision.lists.items()))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Shipment {esc(decision.reference)}: {esc(decision.decision)}</title>
<style>body{{font-family:sans-serif;margin:2em}} .block td:first-child{{color:#b00}}
.review td:first-child{{color:#a60}} td,th{{padding:4px 8px;text-align:left}}</style></head>
<body><h1>Shipment {esc(decision.reference)}: {esc(decision.decision)}</h1>
<table><tr><th>severity</th><th>rule</th><th>about</th><th>finding</th><th>entry</th></tr>
{rows}</table>
<p>Lists: {lists}. Screened at {esc(decision.screened_at)}.</p></body></html>
"""
