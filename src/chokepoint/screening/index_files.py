"""The match index as files: packed into the database, mapped from a cache directory.

The database keeps the source of truth: the index's arrays (``matching/arrays.py``) as one
uncompressed zip of ``.npy`` files and a ``manifest.json``, with its SHA-256 (``digest``)
and the ``format`` of the code that wrote it. A process opens an index from a cache
directory of those files, one directory per digest, each array memory-mapped
(``allow_pickle=False``): opening costs milliseconds, and every process on the machine
shares the same pages. A directory that is missing, half-written or damaged is extracted
again from the database; a blob whose digest does not match, or of another format, makes
the caller rebuild the index from the stored entities. A Spark executor, or any process,
can map the directory from a path with ``open_dir``.

This module imports neither SQLAlchemy nor the settings, so a Spark executor maps the
files without the database.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from chokepoint.matching.arrays import ArrayFormatError, Arrays, from_arrays, layout, to_arrays
from chokepoint.matching.index import Index
from chokepoint.store.quick import sqlite_path

MANIFEST = "manifest.json"
MEMBER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.]{0,200}\.npy")
DIGEST = re.compile(r"[0-9a-f]{64}")
PRUNE_SECONDS = 3600  # other indexes' directories unused this long are removed
# What the tokens of a name depend on, besides the layout of ``Index``: a change to any of
# these makes stored indexes of another format, rebuilt on first use.
CODE = ("chokepoint.matching", "chokepoint.data")
LIBRARIES = ("rigour", "normality", "rapidfuzz", "numpy")


@lru_cache(maxsize=1)
def index_format() -> str:
    """The format of the indexes this code writes: a digest of ``Index``'s layout, of the
    matching code and data, and of the versions of the libraries that make tokens. Derived,
    never bumped by hand, so a stored index is never read by code that would build it
    otherwise."""
    digest = hashlib.sha256(layout(Index).encode())
    for package in CODE:
        for path in sorted(_files(resources.files(package)), key=lambda p: p[0]):
            digest.update(path[0].encode() + b"\0" + path[1])
    for name in LIBRARIES:
        digest.update(f"{name}={_installed(name)}".encode())
    return digest.hexdigest()[:32]


def _installed(name: str) -> str:
    """The installed distribution of an imported package, e.g. ``rigour-2.6.1.dist-info``:
    read from its directory name, as ``importlib.metadata`` costs a cold screening 30 ms."""
    module = importlib.import_module(name)
    site = Path(module.__file__ or ".").parents[1]
    found = sorted(p.name for p in site.glob(f"{name}-*.dist-info"))
    return found[-1] if found else str(getattr(module, "__version__", "?"))


def _files(root: Any, prefix: str = "") -> list[tuple[str, bytes]]:
    found = []
    for item in root.iterdir():
        if item.is_dir() and item.name != "__pycache__":
            found += _files(item, f"{prefix}{item.name}/")
        elif item.name.endswith((".py", ".csv")):
            found.append((prefix + item.name, item.read_bytes()))
    return found


@dataclass(frozen=True)
class Packed:
    """An index as the database stores it."""

    blob: bytes
    digest: str
    format: str


def pack(index: Index) -> Packed:
    """The index as one zip of ``.npy`` arrays and a manifest (stored, not compressed, so
    that extracting is a copy)."""
    arrays, scalars = to_arrays(index)
    manifest = {
        "format": index_format(),
        "scalars": scalars,
        "arrays": {name: [a.dtype.str, list(a.shape)] for name, a in arrays.items()},
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(MANIFEST, json.dumps(manifest, sort_keys=True))
        for name, array in arrays.items():
            with zf.open(f"{name}.npy", "w", force_zip64=True) as fh:
                np.save(fh, array, allow_pickle=False)
    blob = out.getvalue()
    return Packed(blob, hashlib.sha256(blob).hexdigest(), index_format())


class UnusableIndex(Exception):
    """Files or a blob that cannot be read as an index of this code's format."""


def open_dir(path: Path) -> Index:
    """The index in the directory ``path``, every array mapped read-only.

    Checked cheaply: the manifest's format, each array's type and shape as the manifest
    says, offsets and table sizes that fit (no pass over the data). ``UnusableIndex`` else.
    """
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        arrays = {name: _mapped(path / f"{name}.npy", spec) for name, spec in _members(manifest)}
        return _index(manifest, arrays)
    except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
        raise UnusableIndex(f"{path}: {exc}") from None


def _members(manifest: dict[str, Any]) -> list[tuple[str, Any]]:
    if manifest.get("format") != index_format():
        raise ValueError("an index of another format")
    members = list(manifest["arrays"].items())
    if not all(MEMBER.fullmatch(f"{name}.npy") for name, _ in members):
        raise ValueError("an array with a bad name")
    return members


def _mapped(file: Path, spec: Any) -> np.ndarray[Any, Any]:
    array: np.ndarray[Any, Any] = np.load(file, mmap_mode="r", allow_pickle=False)
    if [array.dtype.str, list(array.shape)] != spec:
        raise ValueError(f"{file.name} is not what the manifest says")
    return array


def _index(manifest: dict[str, Any], arrays: Arrays) -> Index:
    try:
        index: Index = from_arrays(Index, arrays, manifest["scalars"])
    except ArrayFormatError as exc:
        raise ValueError(str(exc)) from None
    return index


def open_blob(blob: bytes) -> Index:
    """The index in a packed blob, read into memory: where no cache directory can be written."""
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            manifest = json.loads(zf.read(MANIFEST))
            arrays = {}
            for name, spec in _members(manifest):
                with zf.open(f"{name}.npy") as fh:
                    array = np.load(io.BytesIO(fh.read()), allow_pickle=False)
                if [array.dtype.str, list(array.shape)] != spec:
                    raise ValueError(f"{name}.npy is not what the manifest says")
                arrays[name] = array
        return _index(manifest, arrays)
    except (OSError, ValueError, KeyError, TypeError, EOFError, zipfile.BadZipFile) as exc:
        raise UnusableIndex(f"stored index: {exc}") from None


def extract(blob: bytes, digest: str, root: Path) -> Path:
    """Write the blob's files to ``root/<digest>``: into a directory of their own first,
    renamed into place whole, so that a reader never sees a half-written one."""
    final = root / digest
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f"tmp-{digest[:12]}-", dir=root))
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            for info in zf.infolist():
                # Our own names only, never a path: the blob is read from a shared database.
                if info.filename != MANIFEST and not MEMBER.fullmatch(info.filename):
                    raise UnusableIndex(f"stored index: unexpected member {info.filename!r}")
                if info.compress_type != zipfile.ZIP_STORED:
                    raise UnusableIndex("stored index: a compressed member")
                with zf.open(info) as src, (tmp / info.filename).open("wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
                    dst.flush()
                    os.fsync(dst.fileno())
        if final.exists():
            try:
                open_dir(final)  # another process has just written it whole: keep theirs
                return final
            except UnusableIndex:  # damaged: moved aside (a reader may still map it), removed
                aside = Path(tempfile.mkdtemp(prefix=f"tmp-{digest[:12]}-", dir=root))
                os.rename(final, aside / "damaged")
                shutil.rmtree(aside, ignore_errors=True)
        os.rename(tmp, final)
    except zipfile.BadZipFile as exc:
        raise UnusableIndex(f"stored index: {exc}") from None
    except OSError:
        if not final.is_dir():
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # gone already when renamed
    prune(root, keep=digest)
    return final


def prune(root: Path, keep: str) -> None:
    """Remove other indexes' directories not used for an hour (and abandoned temporary
    ones). A process that has one mapped keeps reading it: unlinked files live on."""
    limit = time.time() - PRUNE_SECONDS
    for entry in root.iterdir():
        if entry.name == keep or not (
            DIGEST.fullmatch(entry.name) or entry.name.startswith("tmp-")
        ):
            continue
        try:
            if entry.stat().st_mtime < limit:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            pass


def open_cached(digest: str, fetch: Callable[[], bytes | None], root: Path | None) -> Index:
    """The index of ``digest``: mapped from ``root`` when its files are there and sound,
    else extracted from the blob ``fetch`` reads from the database; read into memory when
    no directory can be written. ``UnusableIndex`` when the database's blob is missing,
    of another format or not what its digest says: the caller rebuilds it."""
    if root is not None and DIGEST.fullmatch(digest):
        try:
            index = open_dir(root / digest)
            _touch(root / digest)
            return index
        except UnusableIndex:
            pass
    blob = fetch()
    if blob is None or hashlib.sha256(blob).hexdigest() != digest:
        raise UnusableIndex("stored index missing or not what its digest says")
    if root is not None:
        try:
            return open_dir(extract(blob, digest, root))
        except (OSError, UnusableIndex):
            pass  # a read-only or full disk, a race lost: read it into memory instead
    return open_blob(blob)


def _touch(path: Path) -> None:
    try:
        os.utime(path)  # in use: not pruned
    except OSError:
        pass


def cache_root(db_url: str, configured: str | None = None) -> Path:
    """Where the index files of the database ``db_url`` go: ``configured``
    (``CHOKEPOINT_INDEX_CACHE``), else beside a SQLite file (``lists.db-index/``), else the
    user's cache directory (PostgreSQL; one directory per database URL).

    >>> cache_root("sqlite:///data/lists.db").as_posix()
    'data/lists.db-index'
    >>> cache_root("sqlite:///file%3A/data/ro.db?mode=ro&uri=true").as_posix()
    '/data/ro.db-index'
    >>> cache_root("sqlite:///lists.db", "/var/cache/cp").as_posix()
    '/var/cache/cp'
    """
    if configured:
        return Path(configured)
    file = sqlite_path(db_url)
    if file is not None:
        return Path(f"{file}-index")
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    # The URL's password never names a directory.
    name = hashlib.sha256(re.sub(r"://[^@/]*@", "://", db_url).encode()).hexdigest()[:16]
    return Path(base) / "chokepoint" / "index" / name
