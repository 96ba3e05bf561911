"""The app factory: settings in, a FastAPI app out, its routers mounted behind API keys.

To add an endpoint: a router module in ``routers/`` calling one library function through
``limits.bounded``, its bodies in ``models.py``, one line in ``ROUTERS``; errors are
library errors, mapped to statuses in ``errors.py``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI

from chokepoint import __version__
from chokepoint.api.auth import current_user, load_keys
from chokepoint.api.deps import single_valued
from chokepoint.api.errors import ERROR_RESPONSES, install_error_handlers
from chokepoint.api.limits import BodyLimit
from chokepoint.api.routers import (
    cases,
    entities,
    health,
    lists,
    match,
    ownership,
    search,
    shipments,
)
from chokepoint.api.service import Service
from chokepoint.settings import Settings, get_settings
from chokepoint.web import mount_web

log = logging.getLogger("chokepoint.api")

ROUTERS = (
    match.router,
    search.router,
    entities.router,
    ownership.router,
    lists.router,
    shipments.router,
    cases.router,
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API over ``settings.db`` (default: the ``CHOKEPOINT_*`` environment); uvicorn
    calls it with no argument in each worker."""
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
    install_error_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=settings.api_max_body_bytes)
    app.include_router(health.router)
    for router in ROUTERS:
        app.include_router(
            router,
            dependencies=[Depends(current_user), Depends(single_valued)],
            responses=ERROR_RESPONSES,
        )
    mount_web(app, settings, keys)
    return app
