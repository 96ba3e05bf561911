"""The API's routers, mounted behind API keys on the server's app (``chokepoint.app``).

To add an endpoint: a router module in ``routers/`` calling one library function through
``limits.bounded``, its bodies in ``models.py``, one line in ``ROUTERS``; errors are
library errors, mapped to statuses in ``server/status.py``.
"""

from __future__ import annotations

from fastapi import Depends, FastAPI

from chokepoint.api.auth import current_user
from chokepoint.api.deps import single_valued
from chokepoint.api.errors import ERROR_RESPONSES, install_error_handlers
from chokepoint.api.routers import (
    cases,
    catalog,
    entities,
    health,
    lists,
    match,
    ownership,
    reconcile,
    search,
    shipments,
)

ROUTERS = (
    match.router,
    catalog.router,
    reconcile.router,
    search.router,
    entities.router,
    ownership.router,
    lists.router,
    shipments.router,
    cases.router,
)


def mount_api(app: FastAPI) -> None:
    """Add the API's routes to ``app``: health open, every other behind ``current_user``,
    and its one shape of errors. ``app.state`` holds the service and the keys
    (``chokepoint.app.create_app``)."""
    install_error_handlers(app)
    app.include_router(health.router)
    for router in ROUTERS:
        app.include_router(
            router,
            dependencies=[Depends(current_user), Depends(single_valued)],
            responses=ERROR_RESPONSES,
        )
