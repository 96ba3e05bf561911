"""Fetching the lists from their publishers: timeouts, retries, a size limit, and no load
when the files are those of the current version."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import Engine
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from chokepoint.errors import ChokepointError, DownloadError
from chokepoint.lists.loader import Folder, LoadOutcome, file_hashes, load_folders
from chokepoint.settings import DEFAULTS, Settings
from chokepoint.sources import SOURCES
from chokepoint.sources.base import Source
from chokepoint.store.versions import current_versions

RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass
class UpdateOutcome:
    list: str
    skipped: int | None = None  # the current version, when the files had not changed
    load: LoadOutcome | None = None


def file_url(source: Source, name: str, base_url: str | None) -> str:
    """Where to fetch one file: the publisher's URL, or ``<base>/<list>/<file>``.

    >>> from chokepoint.sources import BY_KEY
    >>> file_url(BY_KEY["us_bis_denied"], "dpl.txt", "http://127.0.0.1:8765/lists/")
    'http://127.0.0.1:8765/lists/us_bis_denied/dpl.txt'
    """
    if base_url:
        return f"{base_url.rstrip('/')}/{source.key}/{name}"
    return source.files[name]


class RetryableStatus(Exception):
    """A status worth asking again for (a busy or failing server)."""


def fetch(client: httpx.Client, url: str, dest: Path, settings: Settings) -> bool:
    """Stream ``url`` to ``dest``; False on 404 (for optional files), else raise on failure.

    Busy servers and broken connections are retried with exponential back-off (tenacity),
    ``settings.http_retries`` attempts in all; a file over ``max_file_bytes`` is refused.
    """
    retrying = Retrying(
        stop=stop_after_attempt(settings.http_retries),
        wait=wait_exponential(multiplier=2, max=30),
        retry=retry_if_exception_type((httpx.HTTPError, RetryableStatus)),
        reraise=True,
    )
    try:
        return retrying(fetch_once, client, url, dest, settings.max_file_bytes)
    except (httpx.HTTPError, RetryableStatus) as exc:
        last_error = f"{type(exc).__name__}: {exc}" if isinstance(exc, httpx.HTTPError) else exc
        raise DownloadError(
            f"{url}: failed after {settings.http_retries} attempts ({last_error})"
        ) from None


def fetch_once(client: httpx.Client, url: str, dest: Path, limit: int) -> bool:
    with client.stream("GET", url) as resp:
        if resp.status_code == 404:
            return False
        if resp.status_code in RETRY_STATUS:
            raise RetryableStatus(f"HTTP {resp.status_code}")
        if resp.status_code != 200:
            raise DownloadError(f"{url}: HTTP {resp.status_code}")
        size = 0
        with dest.open("wb") as fh:
            for chunk in resp.iter_bytes(1 << 20):
                size += len(chunk)
                if size > limit:
                    raise DownloadError(
                        f"{url}: larger than {limit:,} bytes (CHOKEPOINT_MAX_FILE_MB)"
                    )
                fh.write(chunk)
        return True


def download_source(
    client: httpx.Client, source: Source, root: Path, base_url: str | None, settings: Settings
) -> Path:
    """Download one list's files into ``root/<key>``."""
    folder = root / source.key
    folder.mkdir()
    for name in source.files:
        url = file_url(source, name, base_url)
        if not fetch(client, url, folder / name, settings) and name not in source.optional:
            raise DownloadError(f"{url}: HTTP 404")
    return folder


def update_official(
    engine: Engine,
    *,
    settings: Settings = DEFAULTS,
    only: set[str] | None = None,
    base_url: str | None = None,
    allow_shrink: bool = False,
    user: str | None = None,
) -> list[UpdateOutcome]:
    """Update every list that has official URLs (or those in ``only``): download them all,
    then load those whose files changed as one folder (``load_folders``: checked against
    shrinking, made current together). ``settings``: the download's timeout, retries and
    size limit, and the load's (``load_folders``)."""
    sources = [s for s in SOURCES if s.files and (not only or s.key in only)]
    if only and (unknown := only - {s.key for s in sources}):
        raise ChokepointError(f"no official URLs for {', '.join(sorted(unknown))}")
    current = {v.list: v for v in current_versions(engine)}
    outcomes: dict[str, UpdateOutcome] = {}
    changed: list[Folder] = []
    with tempfile.TemporaryDirectory(prefix="chokepoint-") as tmp:
        with httpx.Client(timeout=settings.http_timeout, follow_redirects=True) as client:
            for source in sources:
                try:
                    folder = download_source(client, source, Path(tmp), base_url, settings)
                except ChokepointError as exc:
                    error = LoadOutcome(source.key, error=exc.detail)
                    outcomes[source.key] = UpdateOutcome(source.key, load=error)
                    continue
                old = current.get(source.key)
                if old and file_hashes(sorted(folder.iterdir())) == old.files:
                    outcomes[source.key] = UpdateOutcome(source.key, skipped=old.version)
                    continue
                label = base_url or next(iter(source.files.values()))
                changed.append(Folder(folder, source, label))
        if changed:
            loaded = load_folders(
                engine,
                changed,
                settings=settings,
                allow_shrink=allow_shrink,
                user=user,
                action="list.update",
            )
            for load in loaded:
                outcomes[load.list] = UpdateOutcome(load.list, load=load)
    return [outcomes[s.key] for s in sources]
