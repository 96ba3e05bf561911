"""A listed party: a followthemoney entity plus what the list says about it.

The FtM proxy carries every fact the publisher gives that FtM has a property for. Three
things FtM has no property for travel beside it:

- ``sublist``: for aggregated files (the CSL), the source list of the row;
- ``flags``: values kept as written because they are not valid (a date in year 3017);
- ``relations``: links the publisher states by name ("Linked To: ...");
- ``adjacent``: the FtM entities of an FtM file that point at this one (a Sanction, an
  Ownership), kept whole.
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
from followthemoney.util import make_entity_id
from normality import slugify

from chokepoint.schemata import SCHEMATA as SCHEMATA  # light: see schemata.py

FLAG_CHARS = 1000  # of a flagged value, kept: enough to recognise it, bounded
# A name is cut where FtM's name type ends (384 characters: no listed name is longer); any
# other value where its text type ends. Other types' own limits are for the cleaned value
# (a country's name becomes "cd"), and real addresses run past them.
MAX_VALUE_CHARS = 65_000


def _id_part(text: str, *, own: bool) -> str:
    """One part of an id, as followthemoney's id rule allows (letters, digits, ``.`` and ``-``
    inside). Chokepoint's own keys (list and sublist keys) write ``_`` as ``-``; a
    publisher's id FtM refuses as it stands becomes a slug and a digest of what was written,
    so two ids that slug alike stay apart."""
    if own:
        text = text.replace("_", "-")
    if registry.entity.validate(text):
        return text
    digest = str(make_entity_id(text))[:12]
    slug = slugify(text, sep="-")
    return f"{slug}-{digest}" if slug else digest


def entity_id(list_key: str, list_id: str, suffix: str | None = None) -> str:
    """The id of a list entry: the one place that says how ids are formed.

    The list key with ``-`` for ``_``, then the publisher's id, then (for rows a publisher
    gave one id) a suffix, joined by ``-``: an id followthemoney accepts, so a peer that
    loads the export keeps every link that points at it. Tests and code build ids through
    this function, never by hand. Ids of the form before (``us_ofac_sdn-16868``) are still
    accepted as input: ``store/aliases.py``.

    >>> entity_id("us_ofac_sdn", "16868")
    'us-ofac-sdn-16868'
    >>> entity_id("us_trade_csl", "34616", "ns_mbs")
    'us-trade-csl-34616-ns-mbs'
    >>> entity_id("ftm", "a b_c")
    'ftm-a-b-c-3f5d544dac64'
    """
    parts = [_id_part(list_key, own=True), _id_part(list_id, own=False)]
    if suffix:
        parts.append(_id_part(suffix, own=True))
    made = "-".join(parts)
    if len(made) > registry.entity.max_length:  # FtM's bound (200): a long id as a digest
        made = f"{parts[0]}-{make_entity_id(list_id, suffix)}"
    return made


def content_digest(data: dict[str, Any]) -> tuple[str, str]:
    """An entity's JSON as stored, and its SHA-256: canonical, and without the ``id``.

    The id lives in its own column beside the content. Leaving it out of the hash means
    that equal hashes mean equal content whatever the id's form: a change of how ids are
    written changes no hash, so no suppression lapses and no rescreen sees every entry as
    changed (``store/migrations/versions/0009_yente_ids.py`` moved the ids of stored
    databases to the form of ``entity_id`` without changing any content)."""
    blob = json.dumps(
        {k: v for k, v in data.items() if k != "id"}, sort_keys=True, ensure_ascii=False
    )
    return hashlib.sha256(blob.encode("utf-8")).hexdigest(), blob


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
    """One entry of one list. ``id`` is ``entity_id(list, list_id)``, stable across loads."""

    list: str
    list_id: str
    proxy: EntityProxy
    sublist: str | None = None
    # ``builtins.list``: the field ``list`` above shadows the type in this class body.
    flags: builtins.list[Flag] = field(default_factory=builtins.list)
    relations: builtins.list[Relation] = field(default_factory=builtins.list)
    # FtM entities of an ``ftm_*`` file that point at this one (its Sanction, Ownership...)
    adjacent: builtins.list[dict[str, Any]] = field(default_factory=builtins.list)

    @classmethod
    def make(
        cls, list_key: str, list_id: str, schema: str, *, id_suffix: str | None = None
    ) -> ListedEntity:
        """Start an empty entity. ``id_suffix`` tells apart rows a publisher gave one id.

        >>> ListedEntity.make("us_ofac_sdn", "16868", "Company").id
        'us-ofac-sdn-16868'
        >>> ListedEntity.make("us_trade_csl", "34616", "Company", id_suffix="capta").id
        'us-trade-csl-34616-capta'
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
        if self.adjacent:
            data["adjacent"] = self.adjacent
        return data

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON less the id: equal hashes mean nothing changed."""
        return content_digest(self.to_dict())[0]
