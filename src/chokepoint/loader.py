"""Loading list folders: find each folder's source, parse it whole, store it atomically.

A folder is parsed completely before anything is written, so a file that turns out to be
malformed half-way leaves the stored current version untouched.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from chokepoint.errors import ChokepointError, ListFormatError
from chokepoint.model import ListedEntity
from chokepoint.screening import build_index
from chokepoint.sources import BY_KEY, SOURCES
from chokepoint.sources.base import Source, require_file
from chokepoint.store.versions import VersionInfo, write_version

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


def list_files(source: Source, folder: Path) -> list[Path]:
    """The files of ``folder`` this source reads; a required one missing is an error."""
    if source.glob:
        found = sorted(p for p in folder.glob(source.glob) if p.is_file())
        if not found:
            raise ListFormatError(folder, f"no files matching {source.glob}")
        return found
    paths = []
    for name in source.files:
        path = folder / name
        if name in source.optional and not path.exists():
            continue
        paths.append(require_file(path))
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


def load_folder(
    engine: Engine,
    folder: Path,
    source: Source,
    progress: Progress | None = None,
    label: str | None = None,
) -> VersionInfo:
    """Parse ``folder`` with ``source`` and store it as the list's next current version.

    ``label`` says where the files came from (a URL); the folder's path by default.
    """
    files = file_hashes(list_files(source, folder))
    entities = parse_folder(source, folder, progress)
    return write_version(
        engine,
        list_key=entities[0].list,
        entities=entities,
        files=files,
        source=label or str(folder.resolve()),
        published=source.published(folder),
    )


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
    engine: Engine, root: Path, only: set[str] | None = None, progress: Progress | None = None
) -> list[LoadOutcome]:
    """Load every list folder under ``root``; one failing folder does not stop the others."""
    outcomes = []
    for folder, source in find_folders(root, only):
        try:
            outcomes.append(
                LoadOutcome(folder.name, version=load_folder(engine, folder, source, progress))
            )
        except ChokepointError as exc:
            outcomes.append(LoadOutcome(folder.name, error=exc.detail))
    if any(o.version for o in outcomes):
        build_index(engine)
    return outcomes
