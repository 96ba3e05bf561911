"""What changed between two versions of a list: the input of rescreening."""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field

from sqlalchemy import Engine

from chokepoint.store.versions import VersionInfo, get_version, list_history, version_hashes


@dataclass
class ListDiff:
    list: str
    from_version: int | None
    to_version: int
    # ``builtins.list``: the field ``list`` above shadows the type in this class body.
    added: builtins.list[tuple[str, str]] = field(default_factory=builtins.list)  # (id, caption)
    removed: builtins.list[tuple[str, str]] = field(default_factory=builtins.list)
    changed: builtins.list[tuple[str, str]] = field(default_factory=builtins.list)

    def to_dict(self) -> dict[str, object]:
        def rows(items: list[tuple[str, str]]) -> list[dict[str, str]]:
            return [{"id": i, "caption": c} for i, c in items]

        return {
            "list": self.list,
            "from": self.from_version,
            "to": self.to_version,
            "added": rows(self.added),
            "removed": rows(self.removed),
            "changed": rows(self.changed),
        }


def diff_versions(
    engine: Engine, list_key: str, from_version: int | None, to_version: int | None
) -> ListDiff:
    """Compare two versions; by default the current one against the one before it."""
    new = get_version(engine, list_key, to_version)
    old: VersionInfo | None
    if from_version is None:
        older = [v for v in list_history(engine, list_key) if v.version < new.version]
        old = older[-1] if older else None
    else:
        old = get_version(engine, list_key, from_version)
    before = version_hashes(engine, old.id) if old else {}
    after = version_hashes(engine, new.id)
    diff = ListDiff(list_key, old.version if old else None, new.version)
    for eid in sorted(after.keys() - before.keys()):
        diff.added.append((eid, after[eid][1]))
    for eid in sorted(before.keys() - after.keys()):
        diff.removed.append((eid, before[eid][1]))
    for eid in sorted(after.keys() & before.keys()):
        if after[eid][0] != before[eid][0]:
            diff.changed.append((eid, after[eid][1]))
    return diff
