"""The server's state: its database, and the index it screens with, kept fresh by a
watcher thread.

Requests take ``Service.current()``, a reference held in memory: they never wait for the
database to say which versions are current, nor for an index to load. The watcher looks
every ``api_refresh_seconds``; a new snapshot replaces the old one in one assignment, so a
request screens with the old index or the new one, whole, and none fails during a swap.
"""

from __future__ import annotations

import gc
import logging
import threading
import time

from chokepoint.cases.policy import CasePolicy
from chokepoint.errors import ChokepointError
from chokepoint.ownership import get_state
from chokepoint.screening import Snapshot, get_snapshot, index_key
from chokepoint.settings import Settings
from chokepoint.store import open_db
from chokepoint.store.versions import current_versions

log = logging.getLogger("chokepoint.server")

# A loader writes its versions, then stores their index: give it this long before the
# server builds the index itself (the loader may have died in between).
BUILD_GRACE_SECONDS = 60.0


class NotReadyError(ChokepointError):
    """No index loaded yet: the server is starting, or the database holds no lists."""


class Service:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.policy = CasePolicy.of(settings)  # what cases obey: these settings, not the env
        self.engine = open_db(settings.db)
        self.snapshot: Snapshot | None = None
        self.problem = "the lists are being loaded"
        self.ready = threading.Event()
        self.starting = True  # until the first look at the database is over
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pending: tuple[str, float] = ("", 0.0)  # versions seen without an index, since

    def current(self) -> Snapshot:
        snapshot = self.snapshot
        if snapshot is None:
            raise NotReadyError(self.problem)
        return snapshot

    def refresh(self) -> None:
        """Load the index of the current versions when they changed since the last look,
        then the ownership statuses when the lists or the ownership data changed (two small
        queries when nothing did): after the index, so that they never delay readiness,
        and here rather than inside a request."""
        self._refresh_index()
        get_state(self.engine)

    def _refresh_index(self) -> None:
        versions = current_versions(self.engine)
        key = index_key(versions)
        old = self.snapshot
        if old is not None and old.key == key:
            return
        if self._pending[0] != key:
            self._pending = (key, time.monotonic())
        waited = time.monotonic() - self._pending[1]
        build = old is None or waited > BUILD_GRACE_SECONDS
        new = get_snapshot(self.engine, build=build, cache=self.settings.index_cache)
        if new is not old:
            self.snapshot = new
            self.ready.set()
            # The index is some 400,000 objects that live until the next swap: frozen, the
            # collector stops walking them (a full collection took 180 ms, a p99 spike).
            gc.freeze()
            log.info("screening with %s", ", ".join(f"{k} v{v}" for k, v in new.lists.items()))

    def _watch(self) -> None:
        while True:
            try:
                self.refresh()
            except ChokepointError as exc:
                self.problem = exc.detail
            except Exception:  # the watcher must outlive a database hiccup
                log.exception("looking for new list versions failed; trying again")
            self.starting = False
            if self._stop.wait(self.settings.api_refresh_seconds):
                return

    def start(self) -> None:
        self._thread = threading.Thread(target=self._watch, name="chokepoint-lists", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.engine.dispose()
