"""Native names the publishers give (EU nameAlias in Korean, UK NameNonLatinScript in
Persian) are kept and found script to script, on the source fixtures."""

from __future__ import annotations

from pathlib import Path

from chokepoint.matching import Matcher, Query
from chokepoint.matching.index import Index
from chokepoint.sources.eu_fsf import SOURCE as EU
from chokepoint.sources.gb_fcdo import SOURCE as UK

FIXTURES = Path(__file__).parents[2] / "fixtures"


def matcher() -> Matcher:
    entities = [*EU.parse(FIXTURES / "eu_fsf"), *UK.parse(FIXTURES / "gb_fcdo")]
    return Matcher(Index.build(e.to_dict() for e in entities))


def test_native_names_are_kept_and_meet_themselves() -> None:
    m = matcher()
    for name, schema, caption in (
        ("김철", "Person", "Kim Chol"),  # EU nameAlias, nameLanguage="KO"
        ("عبد الرحيم نوری", "Person", "ABDUL RAHIM NOORI"),  # UK NameNonLatinScript
    ):
        (top, *_) = m.match(Query.of(name, schema))
        assert top.match and top.caption.casefold() == caption.casefold(), (name, top.caption)
        assert name in m.index.name_text  # kept as the publisher wrote it
