"""The HTTP status of each library error: one table, so that the API's answers and the web
UI's pages give a failure the same status.
"""

from __future__ import annotations

from chokepoint.errors import (
    ChokepointError,
    ConflictError,
    DownloadError,
    ForbiddenError,
    InputError,
    NotFoundError,
    PreconditionRequiredError,
    UnavailableError,
)
from chokepoint.server.service import NotReadyError

# The one table: a ChokepointError subclass not named here (nor its parents) is a 400.
STATUS: dict[type[ChokepointError], int] = {
    NotFoundError: 404,
    InputError: 422,
    ConflictError: 409,
    ForbiddenError: 403,
    DownloadError: 502,
    NotReadyError: 503,
    UnavailableError: 503,
    PreconditionRequiredError: 428,
}
DEFAULT_STATUS = 400


def status_for(exc: ChokepointError) -> int:
    """The status of a library error: that of its nearest class in ``STATUS``.

    >>> status_for(NotFoundError("x")), status_for(ChokepointError("x"))
    (404, 400)
    """
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return DEFAULT_STATUS
