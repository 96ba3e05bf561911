"""Loading list folders: find each folder's source, parse it whole, check it, stage it,
then make a whole folder's versions current at once.

A folder is parsed completely before anything is written, so a file that turns out to be
malformed half-way leaves the stored current version untouched; a version is made current
only once the index that screens with it is stored.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from chokepoint.audit import append, lock_chain
from chokepoint.audit.key import AuditConfig
from chokepoint.errors import ChokepointError, ListFormatError, ShrinkError
from chokepoint.model import ListedEntity
from chokepoint.screening import build_index, prune_indexes
from chokepoint.settings import DEFAULTS, Settings
from chokepoint.sources import BY_KEY, SOURCES
from chokepoint.sources.base import Source, require_file
from chokepoint.store.transactions import SWITCH, hold_lists, write_transaction
from chokepoint.store.versions import VersionInfo, current_versions, stage_version, switch_current

Progress = Callable[[str, int], None]  # (list key, entities parsed so far)
# An FtM folder's name becomes a list key: in ids, URLs, page links and the database.
FTM_KEY = re.compile(r"ftm_[a-z0-9_]{1,60}")


@dataclass
class LoadOutcome:
    """One folder's result: a stored version, or the error that refused it."""

    list: str
    version: VersionInfo | None = None
    error: str | None = None


def source_for_folder(name: str) -> Source | None:
    """The source a folder name selects: its key, or ``ftm_<anything>`` for FtM files.

    >>> source_for_folder("us_ofac_sdn").key, source_for_folder("ftm_opensanctions").key
    ('us_ofac_sdn', 'ftm')
    >>> source_for_folder("notes") is None
    True
    """
    if name in BY_KEY:
        return BY_KEY[name]
    if name.startswith("ftm_"):
        if not FTM_KEY.fullmatch(name):
            raise ChokepointError(
                f"folder {name[:80]!r}: not a list key (ftm_ then up to 60 lower-case "
                "letters, digits or _)"
            )
        return BY_KEY["ftm"]
    return None


def list_files(source: Source, folder: Path, max_bytes: int) -> list[Path]:
    """The files of ``folder`` this source reads, each of at most ``max_bytes``; a required
    one missing is an error."""
    if source.glob:
        found = sorted(p for p in folder.glob(source.glob) if p.is_file())
        if not found:
            raise ListFormatError(folder, f"no files matching {source.glob}")
        return [require_file(path, max_bytes) for path in found]
    paths = []
    for name in source.files:
        path = folder / name
        if name in source.optional and not path.exists():
            continue
        paths.append(require_file(path, max_bytes))
    return paths


def file_hashes(paths: Iterable[Path]) -> dict[str, str]:
    """SHA-256 of each file, by file name: equal hashes mean the publisher sent the same."""
    hashes = {}
    for path in paths:
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        hashes[path.name] = digest.hexdigest()
    return hashes


def parse_folder(
    source: Source, folder: Path, progress: Progress | None = None
) -> list[ListedEntity]:
    """Parse a whole folder, refusing duplicate ids (two entries can't share one id)."""
    seen: set[str] = set()
    entities = []
    for entity in source.parse(folder):
        if entity.id in seen:
            raise ListFormatError(folder, f"two entries share the id {entity.id}")
        seen.add(entity.id)
        entities.append(entity)
        if progress and len(entities) % 500 == 0:
            progress(folder.name, len(entities))
    if not entities:
        raise ListFormatError(folder, "no entries found")
    if progress:
        progress(folder.name, len(entities))
    return entities


def check_shrink(
    key: str, entities: list[ListedEntity], current: VersionInfo | None, max_shrink: float
) -> None:
    """Refuse a version that loses more than ``max_shrink`` of the current one's entities
    or holds an entity with no name: a truncated file must not silently stop the screening
    of the parties it lost.

    >>> old = VersionInfo("l", 3, 100, None, "", "", {}, 0, 1, True)
    >>> try:
    ...     check_shrink("l", [], old, 0.1)
    ... except ShrinkError as exc:
    ...     print(exc.detail.split(": not loaded")[0])
    l: 0 entities where the current version 3 has 100 (a drop of 100%, more than 10%)
    """
    before = f"the current version {current.version} has {current.entities:,}" if current else ""
    advice = "not loaded (check the files, or load them with --allow-shrink)"
    nameless = [e.id for e in entities if not e.proxy.names]
    if nameless:
        raise ShrinkError(
            f"{key}: {len(nameless):,} of {len(entities):,} entities have no name (first: "
            f"{nameless[0]}){'; ' + before if before else ''}: {advice}"
        )
    if current and len(entities) < current.entities * (1 - max_shrink):
        drop = 1 - len(entities) / current.entities
        raise ShrinkError(
            f"{key}: {len(entities):,} entities where {before} (a drop of {drop:.0%}, more "
            f"than {max_shrink:.0%}): {advice}"
        )


@dataclass(frozen=True)
class Folder:
    """A list folder to load: its source, and where its files came from (a URL)."""

    path: Path
    source: Source
    label: str | None = None

    @property
    def key(self) -> str:
        return self.path.name


def stage_folder(
    engine: Engine,
    folder: Folder,
    current: VersionInfo | None,
    settings: Settings,
    *,
    allow_shrink: bool,
    progress: Progress | None,
) -> VersionInfo:
    """Parse and check one folder and stage it as a new version, not yet current."""
    files = file_hashes(list_files(folder.source, folder.path, settings.max_file_bytes))
    entities = parse_folder(folder.source, folder.path, progress)
    if not allow_shrink:
        check_shrink(folder.key, entities, current, settings.max_shrink)
    with write_transaction(engine) as conn:
        return stage_version(
            conn,
            list_key=folder.key,
            entities=entities,
            files=files,
            source=folder.label or str(folder.path.resolve()),
            published=folder.source.published(folder.path),
        )


def load_folders(
    engine: Engine,
    folders: list[Folder],
    *,
    settings: Settings = DEFAULTS,
    progress: Progress | None = None,
    allow_shrink: bool = False,
    user: str | None = None,
    action: str = "list.load",
) -> list[LoadOutcome]:
    """Load list folders as new versions that become current together, or not at all.

    Each folder is parsed, checked (``check_shrink`` unless ``allow_shrink``) and staged
    in turn; one refused folder does not stop the others, and keeps its current version.
    Then the index of the new current set is built and stored, and only then one short
    transaction makes every staged version current and appends one audit row per list.
    The lists are held (``hold_lists``) throughout: a second load of them waits its turn.
    ``settings``: the limits (``max_file_mb``, ``max_shrink``, ``load_wait_seconds``), the
    ``index_cache``, the audit key and the default ``user``, as the entry point read them.
    """
    user = user or settings.user or "unknown"
    wait = settings.load_wait_seconds
    outcomes: list[LoadOutcome] = []
    with hold_lists(engine, [f.key for f in folders], wait=wait):
        before = {v.list: v for v in current_versions(engine)}
        staged: list[VersionInfo] = []
        for folder in folders:
            try:
                staged.append(
                    stage_folder(
                        engine,
                        folder,
                        before.get(folder.key),
                        settings,
                        allow_shrink=allow_shrink,
                        progress=progress,
                    )
                )
            except ChokepointError as exc:
                outcomes.append(LoadOutcome(folder.key, error=exc.detail))
        if not staged:
            return outcomes
        with hold_lists(engine, [SWITCH], wait=wait):
            # Read again under the switch lock: another load may have switched other lists.
            after = {v.list: v for v in current_versions(engine)} | {v.list: v for v in staged}
            key, _ = build_index(engine, list(after.values()), cache=settings.index_cache)
            with write_transaction(engine) as conn:
                lock_chain(conn)  # first, as every writer that appends to the audit log
                for info in switch_current(conn, staged):
                    outcomes.append(LoadOutcome(info.list, version=info))
                    previous = before.get(info.list)
                    payload = {
                        "version": info.version,
                        "entities": info.entities,
                        "previous": previous and previous.version,
                        "previous_entities": previous and previous.entities,
                        "files": info.files,
                        "source": info.source,
                        "allow_shrink": allow_shrink,
                    }
                    append(
                        conn,
                        actor=user,
                        action=action,
                        object=f"list:{info.list}",
                        payload=payload,
                        config=AuditConfig.of(settings),
                    )
                prune_indexes(conn, keep=key)
    order = {f.key: n for n, f in enumerate(folders)}
    return sorted(outcomes, key=lambda o: order[o.list])


def find_folders(root: Path, only: set[str] | None = None) -> list[tuple[Path, Source]]:
    """The list folders under ``root`` (or ``root`` itself, if it is one), by name."""
    if not root.is_dir():
        raise ChokepointError(f"{root}: not a directory")
    candidates = [root] if source_for_folder(root.name) else sorted(root.iterdir())
    found = []
    for folder in candidates:
        source = source_for_folder(folder.name) if folder.is_dir() else None
        if source is None or (only and folder.name not in only):
            continue
        found.append((folder, source))
    if only:
        missing = only - {f.name for f, _ in found}
        if missing:
            raise ChokepointError(f"{root}: no folder for {', '.join(sorted(missing))}")
    if not found:
        known = ", ".join(s.key for s in SOURCES)
        raise ChokepointError(
            f"{root}: no list folders found (folder names must be one of {known})"
        )
    return found


def load_lists(
    engine: Engine,
    root: Path,
    only: set[str] | None = None,
    progress: Progress | None = None,
    *,
    settings: Settings = DEFAULTS,
    allow_shrink: bool = False,
    user: str | None = None,
) -> list[LoadOutcome]:
    """Load every list folder under ``root`` (``load_folders``)."""
    folders = [Folder(path, source) for path, source in find_folders(root, only)]
    return load_folders(
        engine,
        folders,
        settings=settings,
        progress=progress,
        allow_shrink=allow_shrink,
        user=user,
    )
