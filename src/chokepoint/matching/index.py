"""The candidate index: every listed name as tokens, with the keys that find them.

Built once per set of current list versions and stored with them as arrays
(``matching/arrays.py``, ``screening/index_files.py``), so a query only looks up keys: it touches
the names sharing a token, a sound or a one-edit neighbour with it, never the whole list.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from chokepoint.matching.context import MAX_YEARS_APART, date_parts
from chokepoint.matching.keys import consonants, deletions, phonetic, skeleton, syllable
from chokepoint.matching.normalize import (
    FORM_FRAGMENTS,
    GENERIC_FORMS,
    PARTICLE_WORDS,
    PERSON,
    acronym_of,
    name_key,
    name_tokens,
    normalize_id,
    raw_tokens,
    split_bracket,
    words,
)

STRONG_NAME_PROPS = ("name", "alias", "previousName", "abbreviation")
WEAK_NAME_PROPS = ("weakAlias",)
ID_PROPS = (
    "passportNumber",
    "idNumber",
    "registrationNumber",
    "taxNumber",
    "innCode",
    "ogrnCode",
    "imoNumber",
    "mmsi",
    "swiftBic",
    "leiCode",
    "vatCode",
    "dunsCode",
    "socialSecurityNumber",
    "okpoCode",
    "bikCode",
)
LINK_WORDS = frozenset({"al", "bin"})  # as ``name_tokens`` writes them
DATED_SCHEMATA = frozenset({PERSON, "LegalEntity"})  # the DPL's rows are LegalEntity
MIN_ID_LEN = 5  # shorter numbers ("123") are too often shared by chance
FORM_WEIGHT = 0.5  # a company form says little about which company it is


def name_variants(texts: Iterable[str], schema: str) -> Iterator[str]:
    """Each listed name, and when it ends in a bracketed part the name without it and, for
    an acronym, the acronym alone: "National University of Defense Technology (NUDT)" is
    also found as written without its acronym, and by "NUDT"."""
    for text in texts:
        yield text
        if (split := split_bracket(text)) is not None:
            yield split[0]
            if schema != PERSON and (acronym := acronym_of(text)) is not None:
                yield acronym


@dataclass(frozen=True)
class Listed:
    """What a result needs of a listed entity, without the full FtM document."""

    id: str
    list: str
    list_id: str
    caption: str
    schema: str
    birth_dates: tuple[str, ...]
    countries: tuple[str, ...]
    sublist: str | None = None
    # When the entry gives no birth date: those of the listed persons of exactly its name,
    # when they agree (``same_name_dates``), and whose entries they are.
    name_birth_dates: tuple[str, ...] = ()
    name_birth_dates_of: tuple[str, ...] = ()


@dataclass
class Index:
    """Every field is stored (``matching/arrays.py`` maps each by its type): a new one needs
    no format work; one needed only while building is marked ``transient``."""

    entities: list[Listed] = field(default_factory=list)
    # Parallel lists, one item per listed name.
    name_entity: list[int] = field(default_factory=list)
    name_tokens: list[tuple[str, ...]] = field(default_factory=list)
    name_text: list[str] = field(default_factory=list)
    name_weak: list[bool] = field(default_factory=list)
    name_form: list[int] = field(default_factory=list)
    # A form is one distinct (tokens, surname key) pair: the CSL repeats most SDN names, so
    # each form is compared once and its score shared by the names that have it.
    form_tokens: list[tuple[str, ...]] = field(default_factory=list)
    form_keys: list[tuple[str, ...]] = field(default_factory=list)
    form_names: list[list[int]] = field(default_factory=list)
    form_ids: dict[tuple[tuple[str, ...], tuple[str, ...]], int] = field(
        default_factory=dict, metadata={"transient": True}
    )
    # Generic company forms folding produced ("llc", "jsc"), and the written words folding
    # consumed ("joint", "stock", "obshchestvo"): learnt from the lists, not listed by hand.
    forms: set[str] = field(default_factory=set)
    form_words: set[str] = field(default_factory=set)
    vocab: dict[str, int] = field(default_factory=dict)
    tokens: list[str] = field(default_factory=list)
    idf: list[float] = field(default_factory=list)
    postings: list[npt.NDArray[np.int32]] = field(default_factory=list)  # token -> forms
    fuzzy_keys: dict[str, list[int]] = field(default_factory=dict)
    sound_keys: dict[str, list[int]] = field(default_factory=dict)
    identifiers: dict[str, list[int]] = field(default_factory=dict)
    by_id: dict[str, int] = field(default_factory=dict)
    max_idf: float = 1.0
    name_weight: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros(0, np.float32))

    @classmethod
    def build(cls, entities: Iterable[dict[str, Any]], reference: Index | None = None) -> Index:
        """Index FtM entity dicts (``ListedEntity.to_dict()`` form).

        With ``reference`` (the index of all current lists), a small index of some of its
        entities weighs tokens by their rarity over all lists, so that it scores a query
        as the full index would: rescreening uses it for the entities that changed.
        """
        index = cls(forms=set(GENERIC_FORMS))
        token_names: dict[str, list[int]] = defaultdict(list)
        written: dict[str, int] = defaultdict(int)
        for data in entities:
            index._add_entity(data, token_names, written)
        if reference is not None:
            # Which words are forms is learnt from every list, as their weights are.
            index.forms = set(reference.forms)
            index.form_words = set(reference.form_words)
        index._finish(token_names, written, reference)
        index._borrow_dates(reference)
        return index

    def _borrow_dates(self, reference: Index | None) -> None:
        """An entry with no birth date takes those of the listed persons of exactly its
        name (two words or more), when they agree within ``MAX_YEARS_APART``: the DPL and
        the CSL's other lists copy a person without the date the SDN gives, and a query
        born decades apart is not that person there either. Namesakes whose dates
        disagree lend nothing."""
        dated: dict[frozenset[str], dict[str, tuple[str, ...]]] = defaultdict(dict)
        for ix in (reference, self) if reference is not None else (self,):
            for name, number in enumerate(ix.name_entity):
                listed = ix.entities[number]
                tokens = frozenset(ix.name_tokens[name])
                if listed.schema == PERSON and listed.birth_dates and len(tokens) >= 2:
                    if not ix.name_weak[name]:
                        dated[tokens][listed.id] = listed.birth_dates
        for name, number in enumerate(self.name_entity):
            listed = self.entities[number]
            if listed.birth_dates or self.name_weak[name] or listed.schema not in DATED_SCHEMATA:
                continue
            found = dated.get(frozenset(self.name_tokens[name]))
            if not found or listed.name_birth_dates:
                continue
            dates = tuple(sorted({d for ds in found.values() for d in ds}))
            years = [p[0] for d in dates if (p := date_parts(d))]
            if years and max(years) - min(years) <= MAX_YEARS_APART:
                self.entities[number] = replace(
                    listed, name_birth_dates=dates, name_birth_dates_of=tuple(sorted(found))
                )

    def _add_entity(
        self, data: dict[str, Any], token_names: dict[str, list[int]], written: dict[str, int]
    ) -> None:
        props: dict[str, list[str]] = data.get("properties", {})
        schema = data["schema"]
        number = len(self.entities)
        self.entities.append(
            Listed(
                id=data["id"],
                list=data.get("list", ""),
                list_id=str(data.get("list_id", "")),
                caption=data.get("caption") or (props.get("name") or [data["id"]])[0],
                schema=schema,
                birth_dates=tuple(props.get("birthDate", [])),
                countries=tuple(
                    sorted(
                        set(
                            props.get("country", [])
                            + props.get("nationality", [])
                            + props.get("citizenship", [])
                            + props.get("flag", [])
                        )
                    )
                ),
                sublist=data.get("sublist"),
            )
        )
        self.by_id[data["id"]] = number
        seen: set[tuple[str, ...]] = set()
        for weak, prop_names in ((False, STRONG_NAME_PROPS), (True, WEAK_NAME_PROPS)):
            for prop in prop_names:
                for text in name_variants(props.get(prop, []), schema):
                    tokens = name_tokens(text, schema)
                    if not tokens or tokens in seen:
                        continue
                    seen.add(tokens)
                    name_id = len(self.name_tokens)
                    self.name_entity.append(number)
                    self.name_tokens.append(tokens)
                    self.name_text.append(text)
                    self.name_weak.append(weak)
                    key = name_key(text, schema)
                    form = self.form_ids.get((tokens, key))
                    if form is None:
                        form = self.form_ids[tokens, key] = len(self.form_tokens)
                        self.form_tokens.append(tokens)
                        self.form_keys.append(key)
                        self.form_names.append([])
                        # In the order written, not a set's: token ids (and the ties
                        # they break) must not depend on the process's hash seed.
                        for token in dict.fromkeys(tokens):
                            token_names[token].append(form)
                    self.form_names[form].append(name_id)
                    self.name_form.append(form)
                    # Words folding consumed, as written ("co") and written out ("company").
                    raw = set(raw_tokens(text, schema))
                    consumed = (raw | set(words(text, schema))) - set(tokens)
                    for token in consumed:
                        written[token] += 1
                    if schema != PERSON:
                        # A person's name has no company form, and the article, "bin" and
                        # "abdul" that folding writes one way are name words, not forms.
                        self.form_words.update(consumed - PARTICLE_WORDS)
                        self.forms.update(set(tokens) - raw - PARTICLE_WORDS)
        for prop in ID_PROPS:
            for value in props.get(prop, []):
                id_key = normalize_id(value)
                if len(id_key) >= MIN_ID_LEN:
                    self.identifiers.setdefault(id_key, []).append(number)

    def _finish(
        self, token_names: dict[str, list[int]], written: dict[str, int], reference: Index | None
    ) -> None:
        """Weights count a token wherever it is written, also inside a company form that
        folding removed ("joint stock company" -> "jsc"), so a query that spells the form
        out, or in another script, finds those words common, as they are."""
        total = max(len(self.form_tokens), 1)
        fuzzy: dict[str, list[int]] = defaultdict(list)
        sound: dict[str, list[int]] = defaultdict(list)
        for token in sorted(written.keys() - token_names.keys()):
            token_names[token] = []
        for token, names in token_names.items():
            tid = len(self.idf)
            self.vocab[token] = tid
            self.tokens.append(token)
            if reference is not None:
                self.idf.append(reference.token_idf(token))
            else:
                weight = math.log(1 + total / (len(set(names)) + written.get(token, 0)))
                # The article and "bin" link name words: they weigh as little as a form.
                minor = token in self.forms or token in FORM_FRAGMENTS or token in LINK_WORDS
                self.idf.append(min(weight, FORM_WEIGHT) if minor else weight)
            self.postings.append(np.array(sorted(set(names)), dtype=np.int32))
            for key in deletions(token):
                fuzzy[key].append(tid)
            if (code := phonetic(token)) is not None:
                sound[code].append(tid)
            sound["s:" + skeleton(token)].append(tid)
            if (syl := syllable(token)) is not None:
                sound["y:" + syl].append(tid)
            if (cons := consonants(token)) is not None:  # found by Arabic-script words
                sound["c:" + cons].append(tid)
        self.fuzzy_keys, self.sound_keys = dict(fuzzy), dict(sound)
        self.max_idf = reference.max_idf if reference else math.log(1 + total)
        self.name_weight = np.array(
            [
                sum(self.idf[self.vocab[t]] for t in dict.fromkeys(tokens))
                for tokens in self.form_tokens
            ],
            dtype=np.float32,
        )

    def token_idf(self, token: str) -> float:
        """How rare a token is among listed names; unseen tokens count as rarest."""
        tid = self.vocab.get(token)
        return self.idf[tid] if tid is not None else self.max_idf
