"""``chokepoint cases ...``: list, show, decide, approve and assign cases."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from chokepoint.cases.model import Case, Disposition, Hit, Status
from chokepoint.cases.queries import get_case, list_cases
from chokepoint.cases.workflow import approve, assign, decide
from chokepoint.cli.options import (
    NUMBER,
    case_policy,
    db_option,
    echo_json,
    engine_for,
    json_option,
    user_option,
)


@click.group()
def cases() -> None:
    """Review the cases screening opened: decide, approve (four-eyes), assign."""


def hit_line(hit: Hit) -> str:
    """One hit as a line.

    >>> print(hit_line(Hit("k", "us-ofac-sdn-1", "us_ofac_sdn", None, "A B", 0.9, True, "h", 3)))
    0.90 MATCH us-ofac-sdn-1  A B (us_ofac_sdn)  suppressed by case 3
    """
    where = hit.list + (f"/{hit.sublist}" if hit.sublist else "")
    line = f"{hit.score:.2f} {'MATCH' if hit.match else 'review'} {hit.entity_id}  "
    line += f"{hit.caption} ({where})"
    if hit.party_entries:
        line += "  also " + ", ".join(m.id for m in hit.party_entries)
    return line + (f"  suppressed by case {hit.suppressed_by}" if hit.suppressed else "")


def state_line(case: Case) -> str:
    """Where a case stands after a decision, in one line."""
    line = f"case {case.id}: {case.status.value}"
    if case.disposition:
        line += f" ({case.disposition} by {case.decided_by}"
        line += f", approved by {case.approved_by})" if case.approved_by else ")"
    if case.status == Status.in_review:
        line += f"; a user other than {case.decided_by} must approve it"
    return line


@cases.command("list")
@click.option("--status", type=click.Choice([s.value for s in Status]), help="Only this status.")
@click.option("--assignee", help="Only cases assigned to this user.")
@click.option("--list", "list_key", help="Only cases with a hit on this list key.")
@click.option("--limit", type=click.IntRange(1, 1000), default=100, show_default=True)
@json_option
@db_option
def list_command(
    status: str | None,
    assignee: str | None,
    list_key: str | None,
    limit: int,
    as_json: bool,
    db: str,
) -> None:
    """List cases, newest first.

    Example: chokepoint cases list --status open --json
    """
    found = list_cases(
        engine_for(db),
        status=status,
        assignee=assignee,
        list_key=list_key,
        limit=limit,
        policy=case_policy(),
    )
    if as_json:
        echo_json([c.to_dict() for c in found])
        return
    if not found:
        click.echo("No cases.")
        return
    table = Table("id", "status", "kind", "subject", "hits", "assignee", "created")
    for c in found:
        suppressed = len(c.hits) - len(c.active_hits)
        hits = str(len(c.active_hits)) + (f" (+{suppressed} suppressed)" if suppressed else "")
        table.add_row(
            str(c.id), c.status.value, c.kind, c.subject, hits, c.assignee or "-", c.created_at[:16]
        )
    Console(width=140).print(table)


@cases.command("show")
@click.argument("case_id", type=NUMBER)
@json_option
@db_option
def show(case_id: int, as_json: bool, db: str) -> None:
    """Show one case: its hits, the lists it was screened on, and its audit trail.

    Example: chokepoint cases show 12 --json
    """
    detail = get_case(engine_for(db), case_id, policy=case_policy())
    if as_json:
        echo_json(detail.to_dict())
        return
    case = detail.case
    click.echo(f"case {case.id} [{case.kind}] {case.subject}: {case.status.value}")
    lists = ", ".join(f"{k} v{v}" for k, v in sorted(case.lists.items()))
    click.echo(f"  screened on: {lists}")
    click.echo(
        f"  assignee: {case.assignee or '-'}; four-eyes: {'yes' if case.four_eyes else 'no'}"
    )
    if case.disposition:
        click.echo(f"  decision: {case.disposition} by {case.decided_by}: {case.reason}")
    for hit in case.hits:
        click.echo(f"  {hit_line(hit)}")
    for event in detail.events:
        click.echo(f"  {event.time} {event.actor} {event.action}")


@cases.command("decide")
@click.argument("case_id", type=NUMBER)
@click.option("--disposition", required=True, type=click.Choice([d.value for d in Disposition]))
@click.option("--reason", required=True, help="Why: kept with the decision for the auditor.")
@user_option(required=True)
@db_option
def decide_command(case_id: int, disposition: str, reason: str, user: str, db: str) -> None:
    """Decide a case. true_match and false_positive close it, or, with a hit on a
    four-eyes list, put it in review until a second user approves; escalate and
    needs_info keep it open for more work.

    Example: chokepoint cases decide 12 --disposition false_positive --reason "DOB 1961" --user ann
    """
    case = decide(
        engine_for(db),
        case_id,
        disposition=disposition,
        reason=reason,
        user=user,
        policy=case_policy(),
    )
    click.echo(state_line(case))


@cases.command("approve")
@click.argument("case_id", type=NUMBER)
@user_option(required=True)
@db_option
def approve_command(case_id: int, user: str, db: str) -> None:
    """Approve the decision of a case in review (four-eyes): closes it. The user who
    decided cannot approve.

    Example: chokepoint cases approve 12 --user bob
    """
    click.echo(state_line(approve(engine_for(db), case_id, user=user, policy=case_policy())))


@cases.command("assign")
@click.argument("case_id", type=NUMBER)
@click.option("--to", "assignee", required=True, help="The analyst who takes the case.")
@user_option(required=True)
@db_option
def assign_command(case_id: int, assignee: str, user: str, db: str) -> None:
    """Assign a case to an analyst.

    Example: chokepoint cases assign 12 --to carol --user alice
    """
    case = assign(engine_for(db), case_id, assignee=assignee, user=user, policy=case_policy())
    click.echo(f"case {case.id}: assigned to {case.assignee}")
