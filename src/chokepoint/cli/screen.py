"""``chokepoint screen`` and ``chokepoint screen-file``: names against the current lists.

A plain ``screen`` is the command run from a cold shell: it imports what screening needs
and no more (rich for its table; cases, SQLAlchemy and the batch code only when asked).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from chokepoint.cli.options import (
    case_policy,
    db_option,
    echo_json,
    engine_for,
    index_cache_option,
    is_interactive,
    json_option,
    user_option,
    workers_option,
)
from chokepoint.matching import Match, Query
from chokepoint.parties.results import PartyMatch
from chokepoint.schemata import SCHEMATA
from chokepoint.screening import screen as screen_query
from chokepoint.screening import screen_db

if TYPE_CHECKING:
    from chokepoint.cases.model import Hit

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
    if script := ex.get("script"):  # a name in its own script: the path, each word's source
        sources = "; ".join(f"{w['written']} {w['latin']}: {w['source']}" for w in script["words"])
        return f"{script['path']} [{sources}]: {pairs}; {top}"
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
    name: str,
    parties: list[PartyMatch],
    lists: dict[str, int],
    suppressed: dict[str, int] | None = None,
) -> None:
    """Results as a table, one row per party: the entry that scored best, then its other
    entries and why they are one party; a suppressed hit says so, and by which case."""
    from rich.console import Console
    from rich.table import Table

    console = Console(width=160)
    if not parties:
        console.print(f"No candidates for {name!r}.")
        return
    suppressed = suppressed or {}
    table = Table("score", "match", "id", "schema", "listed as", "why", show_lines=False)
    for party in parties:
        m = party.match
        flag = "MATCH" if m.match else ""
        if m.id in suppressed:
            flag += f" suppressed (case {suppressed[m.id]})"
        ids = "\n".join([m.id] + [f"+ {o.id}" for o in party.others])
        why = explain(m)
        if party.others:
            why += f"\none party on {', '.join(party.lists)}: " + "; ".join(party.evidence)
        table.add_row(f"{m.score:.2f}", flag.strip(), ids, m.schema, m.caption, why)
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
@index_cache_option
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
    index_cache: str | None,
) -> None:
    """Screen one NAME against every current list, with an explanation of each result.

    Example: chokepoint screen "ООО Молот-Оружие" --schema Company --record --user alice
    """
    if subject_id and not record:
        raise click.UsageError("--subject-id goes with --record")
    query = Query.of(name, schema, birth_date, country, ids)
    recorded = None
    if record:
        from chokepoint.cases.record import record_screening

        engine = engine_for(db)
        result = screen_query(engine, query, limit=limit, threshold=threshold)
        recorded = record_screening(
            engine, result, user=user, subject_id=subject_id, policy=case_policy()
        )
    else:
        result = screen_db(db, query, limit=limit, threshold=threshold, cache=index_cache)
    data = {"query": name, **result.to_dict()}
    suppressed = suppressed_by(recorded.hits) if recorded else {}
    if recorded:
        data["matches"] = mark_suppressed(data["matches"], suppressed)
        data |= {"case": recorded.to_dict()["case"], "note": recorded.note}
    if as_json:
        echo_json(data)
        return
    print_table(name, result.by_party(), result.lists, suppressed)
    for hit in result.ownership:
        click.echo(f"ownership: {hit.message()}")
    if recorded:
        click.echo(recorded.note)


@click.command("screen-file")
@click.argument("queries", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    help="Results file: JSON lines, one per query (.jsonl), or CSV (.csv) or Parquet "
    "(.parquet), one row per match; - for standard output.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "csv", "parquet"]),
    help="Format of the results (default: by the output's suffix, else JSON lines).",
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
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; spark: Apache Spark (pip install "
    "'chokepoint[spark]'), the output a directory of Parquet or JSON lines files.",
)
@click.option(
    "--master",
    help="With --engine spark: the Spark master (local[2], spark://HOST:7077, yarn; "
    "sc://HOST for Spark Connect; default: what spark-submit or SPARK_REMOTE says). The "
    "index files go to --index-cache, which every executor must be able to read.",
)
@db_option
@index_cache_option
def screen_file(
    queries: Path,
    output: str,
    output_format: str | None,
    threshold: float | None,
    limit: int,
    cutoff: float | None,
    workers: int,
    engine: str,
    master: str | None,
    db: str,
    index_cache: str | None,
) -> None:
    """Screen every row of QUERIES: CSV with a header, JSON lines, Parquet or Excel (.xlsx,
    first sheet, first row the header). A bad row is reported in its result and the file
    goes on; results keep the input order.

    Columns: query_id, name, and optional schema, birth_date, country, id.

    Example: chokepoint screen-file customers.xlsx -o results.parquet
    """
    if master and engine != "spark":
        raise click.UsageError("--master goes with --engine spark")
    if engine == "spark":
        from chokepoint.screening.batch_write import output_format as format_of

        fmt = format_of(output, output_format)
        _screen_on_spark(queries, output, fmt, master, db, index_cache, threshold, cutoff, limit)
        return
    from chokepoint.screening.batch import Options, count_rows, read_rows, screen_rows
    from chokepoint.screening.batch_write import Writer
    from chokepoint.screening.batch_write import output_format as format_of

    name = format_of(output, output_format)
    options = Options(threshold=threshold, cutoff=cutoff, limit=limit, output=name)
    writer = Writer(output, name)
    count = errors = 0
    with progress_bar(count_rows(queries) if is_interactive() else None) as advance:
        results = screen_rows(
            read_rows(queries), db=db, options=options, workers=workers, cache=index_cache
        )
        for item in results:
            writer.write(item)
            count += 1
            errors += _has_error(item)
            advance()
    writer.close()
    msg = f"{count:,} queries screened" + (f", {errors} with errors" if errors else "")
    click.echo(msg, err=True)


def _screen_on_spark(
    queries: Path,
    output: str,
    fmt: str,
    master: str | None,
    db: str,
    index_cache: str | None,
    threshold: float | None,
    cutoff: float | None,
    limit: int,
) -> None:
    """``screen-file --engine spark``: publish the index, screen on Spark, write there."""
    from chokepoint import spark as engine

    if not engine.installed():
        raise click.UsageError("--engine spark needs pip install 'chokepoint[spark]'")
    if output == "-":
        raise click.UsageError("--engine spark writes a directory: give -o a path")
    index_dir = engine.publish(db, index_cache)
    spark = engine.session(master)
    click.echo(engine.describe(spark), err=True)
    # Paths as the JVM sees them: a Spark Connect server does not run in this directory.
    target = output if "://" in output else str(Path(output).resolve())
    results = engine.screen(
        engine.read_queries(spark, queries.resolve()),
        index_dir,
        threshold=threshold,
        cutoff=cutoff,
        limit=limit,
        partitions=engine.default_partitions(spark),
    )
    engine.write_results(results, target, fmt)
    count, errors = engine.count_written(spark, target, fmt)
    msg = f"{count:,} queries screened" + (f", {errors} with errors" if errors else "")
    click.echo(f"{msg}; results in {output}/", err=True)


def _has_error(item: Any) -> bool:
    if isinstance(item, str):  # a JSON line: its error, if any, comes right after its id
        return '"error":' in item[:300]
    return item[0][1] is not None  # rows of (query_id, error, ...)


@contextmanager
def progress_bar(total: int | None) -> Iterator[Callable[[], None]]:
    """A progress bar with rate and time left on a terminal; nothing elsewhere."""
    if not is_interactive():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed:,.0f} queries/s" if task.speed else "")

    columns = (
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("screening", total=total)
        yield lambda: bar.advance(task)
