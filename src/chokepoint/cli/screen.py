"""``chokepoint screen`` and ``chokepoint screen-file``: names against the current lists."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from chokepoint.batch import Options, read_rows, screen_rows
from chokepoint.cases.model import Hit
from chokepoint.cases.record import record_screening
from chokepoint.cli.options import (
    db_option,
    echo_json,
    engine_for,
    is_interactive,
    json_option,
    user_option,
    workers_option,
)
from chokepoint.matching import Match, Query
from chokepoint.model import SCHEMATA
from chokepoint.screening import screen as screen_query

threshold_option = click.option(
    "--threshold",
    type=click.FloatRange(0, 1),
    help="Score at or above which a result is a match (default: 0.70, where the fitted "
    "threshold sits on the calibrated scale).",
)


def explain(match: Match) -> str:
    """One line saying why: which names met, which tokens paired, what counted most."""
    ex = match.explanation
    if "identifier" in ex:
        return f"identifier {ex['identifier']['query']} equals a listed identifier"
    pairs = ", ".join(
        f"{q}={c}" + ("" if s == 1 else f" ({s:.2f})") for q, c, s in ex.get("token_pairs", [])
    )
    parts = sorted(ex.get("contributions", {}).items(), key=lambda kv: -abs(kv[1]))[:3]
    top = ", ".join(f"{k} {v:+.1f}" for k, v in parts)
    return f"'{ex.get('query_name')}' ~ '{ex.get('listed_name')}': {pairs}; {top}"


def suppressed_by(hits: list[Hit]) -> dict[str, int]:
    """Entity id -> the case suppressing that hit, for the hits a recording found suppressed."""
    return {h.entity_id: h.suppressed_by for h in hits if h.suppressed_by is not None}


def mark_suppressed(
    matches: list[dict[str, Any]], suppressed: dict[str, int]
) -> list[dict[str, Any]]:
    """Results as JSON, a suppressed hit marked with the case that suppresses it."""
    return [
        {**m, "suppressed": True, "suppressed_by": suppressed[m["id"]]}
        if m["id"] in suppressed
        else m
        for m in matches
    ]


def print_table(
    name: str, matches: list[Match], lists: dict[str, int], suppressed: dict[str, int] | None = None
) -> None:
    """Results as a table; a suppressed hit says so, and by which case."""
    console = Console(width=160)
    if not matches:
        console.print(f"No candidates for {name!r}.")
        return
    suppressed = suppressed or {}
    table = Table("score", "match", "id", "schema", "listed as", "why", show_lines=False)
    for m in matches:
        flag = "MATCH" if m.match else ""
        if m.id in suppressed:
            flag += f" suppressed (case {suppressed[m.id]})"
        table.add_row(f"{m.score:.2f}", flag.strip(), m.id, m.schema, m.caption, explain(m))
    console.print(table)
    console.print("lists: " + ", ".join(f"{k} v{v}" for k, v in sorted(lists.items())))


@click.command("screen")
@click.argument("name")
@click.option("--schema", type=click.Choice(SCHEMATA), help="What the party is.")
@click.option("--birth-date", help="Date or year of birth (YYYY, YYYY-MM-DD).")
@click.option("--country", help="Country code of nationality or residence (e.g. ru).")
@click.option("--id", "ids", multiple=True, help="An identifier: IMO, passport, registration...")
@threshold_option
@click.option(
    "--limit",
    type=click.IntRange(1, 500),
    default=5,
    show_default=True,
    help="How many results to show.",
)
@click.option(
    "--record",
    is_flag=True,
    help="Keep the party as a subject and open a case for its hits (results at or above "
    "the review threshold, not suppressed, not already in an open case).",
)
@click.option("--subject-id", help="With --record: the subject's key (e.g. a customer id).")
@user_option(required=False)
@json_option
@db_option
def screen(
    name: str,
    schema: str | None,
    birth_date: str | None,
    country: str | None,
    ids: tuple[str, ...],
    threshold: float | None,
    limit: int,
    record: bool,
    subject_id: str | None,
    user: str,
    as_json: bool,
    db: str,
) -> None:
    """Screen one NAME against every current list, with an explanation of each result.

    Example: chokepoint screen "ООО Молот-Оружие" --schema Company --record --user alice
    """
    if subject_id and not record:
        raise click.UsageError("--subject-id goes with --record")
    engine = engine_for(db)
    query = Query.of(name, schema, birth_date, country, ids)
    result = screen_query(engine, query, limit=limit, threshold=threshold)
    recorded = (
        record_screening(engine, result, user=user, subject_id=subject_id) if record else None
    )
    data = {"query": name, **result.to_dict()}
    suppressed = suppressed_by(recorded.hits) if recorded else {}
    if recorded:
        data["matches"] = mark_suppressed(data["matches"], suppressed)
        data |= {"case": recorded.to_dict()["case"], "note": recorded.note}
    if as_json:
        echo_json(data)
        return
    print_table(name, result.matches, result.lists, suppressed)
    if recorded:
        click.echo(recorded.note)


@click.command("screen-file")
@click.argument("queries", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    required=True,
    help="Results as JSON lines, one per query, in input order.",
)
@threshold_option
@click.option(
    "--limit",
    type=click.IntRange(1, 500),
    default=10,
    show_default=True,
    help="Results kept per query.",
)
@click.option(
    "--cutoff",
    type=click.FloatRange(0, 1),
    help="Leave out results scoring below this (default: 0.50, the review threshold).",
)
@workers_option
@db_option
def screen_file(
    queries: Path,
    output: Any,
    threshold: float | None,
    limit: int,
    cutoff: float | None,
    workers: int,
    db: str,
) -> None:
    """Screen every row of QUERIES (CSV with a header, or JSON lines).

    Columns: query_id, name, and optional schema, birth_date, country, id.

    Example: chokepoint screen-file customers.csv -o results.jsonl --workers 2
    """
    engine_for(db)  # a clear error now if the database cannot be opened
    rows = read_rows(queries)
    count = errors = 0
    with Progress(
        console=Console(stderr=True), transient=True, disable=not is_interactive()
    ) as bar:
        task = bar.add_task("screening", total=None)
        options = Options(threshold=threshold, cutoff=cutoff, limit=limit)
        for line in screen_rows(rows, db=db, options=options, workers=workers):
            output.write(line + "\n")
            count += 1
            errors += '"error":' in line[:200]
            bar.update(task, completed=count)
    msg = f"{count:,} queries screened" + (f", {errors} with errors" if errors else "")
    click.echo(msg, err=True)
    if output is not sys.stdout:
        output.flush()
