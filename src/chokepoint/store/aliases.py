"""Entity ids of an earlier form, still accepted wherever an id comes in.

Until migration ``0009_yente_ids`` ids were the list key and the publisher's id as written
(``us_ofac_sdn-16692``); followthemoney refuses the ``_``, so ids are now formed by
``model.entity_id`` (``us-ofac-sdn-16692``). Users' files, scripts, bookmarks and cases
name the old ids: this is the one resolver the store's lookups (and through them the CLI,
the API's redirects, the UI, ownership files and case records) ask. It reads the table the
migration filled with every id the database held, then, for entries first loaded later,
applies the rule that turns an old id into a new one: list and sublist keys wrote ``_``
where they now write ``-``, and the publishers' ids of the lists have no ``_`` (an FtM file's
id with one was stored before the change, so the table has it, or never had an old form).
Audit rows keep the ids they were written with.
"""

from __future__ import annotations

from collections.abc import Iterable

from followthemoney.types import registry
from sqlalchemy import Connection, Engine, select

from chokepoint.store.schema import entity_aliases

BATCH = 2000


def old_form(text: str) -> str | None:
    """The id an id of the earlier form stands for by the rule, if it is of that form.

    >>> from chokepoint.model import entity_id
    >>> old_form("us_trade_csl-17016-ns_mbs") == entity_id("us_trade_csl", "17016", "ns_mbs")
    True
    >>> old_form(entity_id("us_ofac_sdn", "16692")) is None
    True
    """
    if "_" not in text:
        return None
    new = text.replace("_", "-")
    return new if registry.entity.validate(new) else None


def canonical_ids(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    """Given id -> the id it stands for now, for those of the given ids that are an alias
    (the others are left out: they are current ids, or no id at all)."""
    wanted = sorted(set(ids))
    found: dict[str, str] = {}
    for start in range(0, len(wanted), BATCH):
        query = select(entity_aliases.c.alias, entity_aliases.c.entity_id).where(
            entity_aliases.c.alias.in_(wanted[start : start + BATCH])
        )
        found.update({str(alias): str(now) for alias, now in conn.execute(query)})
    for text in wanted:
        if text not in found and (new := old_form(text)) is not None:
            found[text] = new
    return found


def canonical_id(engine: Engine, text: str) -> str | None:
    """The id ``text`` stands for now, if it is an alias (an id of an earlier form)."""
    with engine.connect() as conn:
        return canonical_ids(conn, [text]).get(text)
