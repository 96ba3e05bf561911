"""A listed party: a followthemoney entity plus what the list says about it.

The FtM proxy carries every fact the publisher gives that FtM has a property for. Three
things FtM has no property for travel beside it:

- ``sublist``: for aggregated files (the CSL), the source list of the row;
- ``flags``: values kept as written because they are not valid (a date in year 3017);
- ``relations``: links the publisher states by name ("Linked To: ...").
"""

from __future__ import annotations

import builtins
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from chokepoint.schemata import SCHEMATA as SCHEMATA  # light: see schemata.py

FLAG_CHARS = 1000  # of a flagged value, kept: enough to recognise it, bounded
# A name is cut where FtM's name type ends (384 characters: no listed name is longer); any
# other value where its text type ends. Other types' own limits are for the cleaned value
# (a country's name becomes "cd"), and real addresses run past them.
MAX_VALUE_CHARS = 65_000


def entity_id(list_key: str, list_id: str, suffix: str | None = None) -> str:
    """The id of a list entry: the one place that says how ids are formed.

    Tests and code build ids through this function, never by hand, so that the id form can
    change in one place.

    >>> entity_id("us_ofac_sdn", "16868")
    'us_ofac_sdn-16868'
    >>> entity_id("us_trade_csl", "34616", "capta")
    'us_trade_csl-34616-capta'
    """
    return f"{list_key}-{list_id}" + (f"-{suffix}" if suffix else "")


@dataclass
class Flag:
    """A value the publisher wrote that is not valid for its property."""

    prop: str
    value: str
    problem: str

    def to_dict(self) -> dict[str, str]:
        return {"prop": self.prop, "value": self.value, "problem": self.problem}


@dataclass
class Relation:
    """A link stated in the list, e.g. OFAC's ``Linked To: NAME``."""

    relation: str
    name: str
    target: str | None = None
    # An ownership stake the publisher states (FtM ``Ownership``): percent, ISO dates.
    share: float | None = None
    start: str | None = None
    end: str | None = None

    def to_dict(self) -> dict[str, str | float | None]:
        data: dict[str, str | float | None] = {
            "relation": self.relation,
            "name": self.name,
            "target": self.target,
        }
        # Only when stated, so that entries without them keep their content hash.
        for key in ("share", "start", "end"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class ListedEntity:
    """One entry of one list. ``id`` is ``<list>-<list_id>``, stable across loads."""

    list: str
    list_id: str
    proxy: EntityProxy
    sublist: str | None = None
    # ``builtins.list``: the field ``list`` above shadows the type in this class body.
    flags: builtins.list[Flag] = field(default_factory=builtins.list)
    relations: builtins.list[Relation] = field(default_factory=builtins.list)

    @classmethod
    def make(
        cls, list_key: str, list_id: str, schema: str, *, id_suffix: str | None = None
    ) -> ListedEntity:
        """Start an empty entity. ``id_suffix`` tells apart rows a publisher gave one id.

        >>> ListedEntity.make("us_ofac_sdn", "16868", "Company").id
        'us_ofac_sdn-16868'
        >>> ListedEntity.make("us_trade_csl", "34616", "Company", id_suffix="capta").id
        'us_trade_csl-34616-capta'
        """
        proxy = model.make_entity(schema)
        proxy.id = entity_id(list_key, str(list_id), id_suffix)
        return cls(list=list_key, list_id=str(list_id), proxy=proxy)

    @property
    def id(self) -> str:
        return str(self.proxy.id)

    @property
    def schema(self) -> str:
        return str(self.proxy.schema.name)

    @property
    def caption(self) -> str:
        return str(self.proxy.caption)

    def has(self, prop: str) -> bool:
        return prop in self.proxy.schema.properties

    def add(self, prop: str, value: str | None, *, format: str | None = None) -> None:
        """Add a value, cleaned by FtM; keep one FtM rejects as a flag, never drop it.

        A property the schema lacks (a passport number on a company) is flagged too. A value
        longer than FtM allows a name (384 characters), or 65,000 for others, is cut and flagged:
        a hostile file's megabyte-long word must not reach the index whole.
        """
        if value is None:
            return
        value = value.strip()
        if not value:
            return
        if not self.has(prop):
            self.flags.append(
                Flag(prop, value[:FLAG_CHARS], f"no property {prop} on {self.schema}")
            )
            return
        ptype = self.proxy.schema.properties[prop].type
        limit = ptype.max_length if ptype == registry.name else MAX_VALUE_CHARS
        if len(value) > limit:
            problem = f"{len(value):,} characters, cut to {limit}"
            self.flags.append(Flag(prop, value[:FLAG_CHARS], problem))
            value = value[:limit].strip()
        before = len(self.proxy.get(prop))
        self.proxy.add(prop, value, format=format)
        if len(self.proxy.get(prop)) == before and value not in self.proxy.get(prop):
            ptype = self.proxy.schema.properties[prop].type
            if ptype.clean(value, format=format) is None:
                self.flags.append(Flag(prop, value, f"not a valid {ptype.name}"))

    def to_dict(self) -> dict[str, Any]:
        """FtM JSON, with ``datasets`` and the list's own keys beside the properties."""
        data: dict[str, Any] = self.proxy.to_dict()
        data["datasets"] = [self.list]
        data["caption"] = self.caption
        data["list"] = self.list
        data["list_id"] = self.list_id
        if self.sublist is not None:
            data["sublist"] = self.sublist
        if self.flags:
            data["flags"] = [f.to_dict() for f in self.flags]
        if self.relations:
            data["relations"] = [r.to_dict() for r in self.relations]
        return data

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON: equal hashes mean nothing changed."""
        blob = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()
