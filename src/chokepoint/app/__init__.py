"""The server's one ASGI app: settings in, the API and the web UI out, over one service.

``create_app`` is where the two meet: ``api/`` and ``web/`` never import each other, and
share only what ``server/`` holds (the service, the keys, the error statuses, the request
models). ``run.py`` serves it under uvicorn.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from chokepoint import __version__
from chokepoint.api.app import mount_api
from chokepoint.api.limits import BodyLimit
from chokepoint.server.keys import load_keys
from chokepoint.server.service import Service
from chokepoint.settings import Settings, get_settings
from chokepoint.web import mount_web

log = logging.getLogger("chokepoint.app")


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API and the UI over ``settings.db`` (default: the ``CHOKEPOINT_*`` environment);
    uvicorn calls it with no argument in each worker."""
    settings = settings or get_settings()
    keys = load_keys(settings)
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if keys:
            log.info("API keys required; users: %s", ", ".join(sorted(set(keys.users))))
        else:
            log.warning("no API keys configured (CHOKEPOINT_API_KEYS): the API is open")
        service.start()
        yield
        service.stop()

    app = FastAPI(
        title="Chokepoint",
        version=__version__,
        summary="Screening against the official restricted-party lists, yente-compatible.",
        lifespan=lifespan,
    )
    app.state.service = service
    app.state.keys = keys
    # Every body is bounded, the UI's forms and uploads as much as the API's requests.
    app.add_middleware(BodyLimit, max_bytes=settings.api_max_body_bytes)
    mount_api(app)
    mount_web(app, settings, keys)
    return app
