"""The ownership graph around one party as an SVG picture, drawn on the server.

Hand-written because the picture is simple and must need no JavaScript and no system
binary (Graphviz): the party's holders in rows above it (up to ``UP`` steps), what it holds
in the row below; each edge labelled with its share, the edges of the deciding paths
drawn thick, blocked parties and review ones coloured, each party a link to its own page.
"""

from __future__ import annotations

from html import escape

from chokepoint.ownership.derive import BLOCKED, CLEAR, REVIEW
from chokepoint.ownership.explain import Explanation
from chokepoint.ownership.state import OwnershipState

UP, DOWN = 3, 1  # steps drawn above (holders) and below (holdings)
PER_ROW = 8  # parties shown per row; the rest are counted
BOX_W, BOX_H, GAP_X, GAP_Y = 200, 46, 60, 70
FILL = {BLOCKED: "#f8d7da", REVIEW: "#fff3cd", CLEAR: "#ffffff"}
STROKE = {BLOCKED: "#b02a37", REVIEW: "#997404", CLEAR: "#6c757d"}


def _worst(state: OwnershipState, node: int) -> str:
    found = {d.status(node) for d in state.derived.values()}
    return BLOCKED if BLOCKED in found else REVIEW if REVIEW in found else CLEAR


def _rows(state: OwnershipState, node: int) -> dict[int, list[int]]:
    """Parties by row: negative rows hold the party, row 1 is what it holds."""
    graph, day = state.graph, state.on.isoformat()
    row_of = {node: 0}
    frontier = [node]
    for level in range(1, UP + 1):
        nxt = []
        for n in frontier:
            for e in graph.in_edges[n]:
                owner = graph.owners[e]
                if owner not in row_of and graph.active(e, day):
                    row_of[owner] = -level
                    nxt.append(owner)
        frontier = nxt[: PER_ROW * 2]
    # A holder of a holder goes above it (VOLKOV owns GAMMA and both own DELTA: VOLKOV's row
    # is above GAMMA's); a few passes settle it, and a cycle stops at the top row.
    for _ in range(UP):
        for n in [n for n in row_of if n != node]:  # the party itself stays in its row
            for e in graph.out_edges[n]:
                owned = graph.owned[e]
                if owned in row_of and owned != node and row_of[n] >= row_of[owned] > -UP - 1:
                    if row_of[owned] <= 0 and graph.active(e, day):
                        row_of[n] = row_of[owned] - 1
    for e in graph.out_edges[node][:PER_ROW]:
        if graph.owned[e] not in row_of and graph.active(e, day):
            row_of[graph.owned[e]] = DOWN
    rows: dict[int, list[int]] = {}
    for n, r in row_of.items():
        rows.setdefault(r, []).append(n)
    return {r: sorted(ns, key=lambda n: graph.names[n])[:PER_ROW] for r, ns in sorted(rows.items())}


def _label(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def draw(state: OwnershipState, node: int, explanation: Explanation) -> str:
    """The SVG markup (a complete ``<svg>`` element, safe to embed as it is)."""
    graph, day = state.graph, state.on.isoformat()
    rows = _rows(state, node)
    base = max(len(ns) for ns in rows.values()) * (BOX_W + GAP_X) + GAP_X
    width = base + BOX_W / 2 + GAP_X  # room on the right for edges that bend past a row
    top = min(rows)
    pos: dict[int, tuple[float, float]] = {}
    for r, ns in rows.items():
        span = len(ns) * (BOX_W + GAP_X) - GAP_X
        x0 = (base - span) / 2
        for i, n in enumerate(ns):
            pos[n] = (x0 + i * (BOX_W + GAP_X), 20 + (r - top) * (BOX_H + GAP_Y))
    height = 20 + (max(rows) - top + 1) * (BOX_H + GAP_Y) - GAP_Y + 20
    deciding = {
        (p.owners[i], p.owners[i + 1]) for p in explanation.paths for i in range(len(p.owners) - 1)
    }
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" role="img" class="ownership-graph" '
        f'aria-label="Ownership graph around {escape(graph.names[node])}">',
        "<defs>"
        + "".join(
            f'<marker id="{mid}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{fill}"/>'
            "</marker>"
            for mid, fill in (("arrow", "#495057"), ("arrow-deciding", "#b02a37"))
        )
        + "</defs>",
    ]
    for owner in pos:
        for e in graph.out_edges[owner]:
            owned = graph.owned[e]
            if owned not in pos or not graph.active(e, day):
                continue
            (x1, y1), (x2, y2) = pos[owner], pos[owned]
            if y1 == y2:  # a stake within one row (a cycle): side to side
                right = x2 > x1
                ax, ay = x1 + (BOX_W if right else 0), y1 + BOX_H / 2
                bx, by = x2 + (0 if right else BOX_W), y2 + BOX_H / 2
            else:
                down = y2 > y1
                shift = 0 if down else BOX_W / 4  # a stake back up (a cycle) runs beside
                ax, ay = x1 + BOX_W / 2 + shift, y1 + (BOX_H if down else 0)
                bx, by = x2 + BOX_W / 2 + shift, y2 + (0 if down else BOX_H)
            # An edge past a row bends to the right of the boxes between, not through them.
            skips = abs(y2 - y1) > BOX_H + GAP_Y
            cx = max(ax, bx) + BOX_W + GAP_X if skips else (ax + bx) / 2
            cy = (ay + by) / 2
            key = (graph.ids[owner], graph.ids[owned])
            share = graph.share(e)
            text = {"control": "control", "linked": "linked", "operator": "operator"}.get(
                graph.kind(e)
            ) or ("?%" if share is None else f"{share:g}%")
            cls = "edge deciding" if key in deciding else "edge"
            colour, stroke = ("#b02a37", 3) if key in deciding else ("#495057", 1.2)
            marker = "arrow-deciding" if key in deciding else "arrow"
            # The label sits where the (quadratic) curve passes its middle.
            lx, ly = (ax + bx) / 4 + cx / 2, (ay + by) / 4 + cy / 2
            out.append(
                f'<g class="{cls}" data-owner="{escape(key[0])}" data-owned="{escape(key[1])}">'
                f'<path d="M{ax:.0f},{ay:.0f} Q{cx:.0f},{cy:.0f} {bx:.0f},{by:.0f}" fill="none" '
                f'stroke="{colour}" stroke-width="{stroke}" marker-end="url(#{marker})"/>'
                f'<text x="{lx + 5:.0f}" y="{ly:.0f}" font-size="12" '
                f'fill="{colour}">{escape(text)}</text></g>'
            )
    for n, (x, y) in pos.items():
        status = _worst(state, n)
        listed = n in graph.listed
        name = graph.names[n]
        sub = (
            "listed"
            if listed
            else {BLOCKED: "blocked by ownership", REVIEW: "review"}.get(status, "")
        )
        width_px = 3 if n == node else 1.5
        out.append(
            f'<a href="/ui/ownership?entity={escape(graph.ids[n])}">'
            f'<g class="party {status}{" listed" if listed else ""}" '
            f'data-id="{escape(graph.ids[n])}"><title>{escape(name)} ({escape(graph.ids[n])})'
            f"</title>"
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="6" '
            f'fill="{FILL[status]}" stroke="{STROKE[status]}" stroke-width="{width_px}"/>'
            f'<text x="{x + 8:.0f}" y="{y + 19:.0f}" font-size="13" '
            f'font-weight="{"bold" if listed else "normal"}">{escape(_label(name))}</text>'
            f'<text x="{x + 8:.0f}" y="{y + 36:.0f}" font-size="11" fill="#495057">'
            f"{escape(sub)}</text></g></a>"
        )
    out.append("</svg>")
    return "".join(out)
