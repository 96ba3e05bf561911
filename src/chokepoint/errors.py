"""One error family for everything a user can get wrong.

The CLI turns a ``ChokepointError`` into a one-line message and exit status 2; the API
maps each subclass to an HTTP status in one table. Nothing else should reach a user as a
traceback.
"""

from collections.abc import Iterable, Mapping
from typing import Any


class ChokepointError(Exception):
    """Base class: ``detail`` is the message shown to the user."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class ListFormatError(ChokepointError):
    """A list file is missing, malformed, too large or not what its source expects."""

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


class ShrinkError(ChokepointError):
    """A new version that loses too many of the current one's entities, or holds an
    entity with no name: refused unless the operator allows it (``--allow-shrink``)."""


class NotFoundError(ChokepointError):
    """An entity, list or version that does not exist."""


class DownloadError(ChokepointError):
    """A publisher's file could not be fetched."""


class InputError(ChokepointError):
    """A request or a file that is not what the command or endpoint takes."""


class ConflictError(ChokepointError):
    """An action that lost a race or no longer fits the object's state (a case decided
    by someone else meanwhile)."""


class PreconditionRequiredError(ChokepointError):
    """A change sent without the version it was based on: it could overwrite unseen work."""


class UnavailableError(ChokepointError):
    """The database cannot be reached or written now; trying again later may work."""


class ForbiddenError(ChokepointError):
    """An action the user may not take (approving one's own decision)."""


def describe_errors(errors: Iterable[Mapping[str, Any]]) -> str:
    """Pydantic's validation errors as ``path: message`` parts, for a one-line ``detail``.

    >>> describe_errors([{"loc": ("items", 0, "hs_code"), "msg": "too short"}])
    'items.0.hs_code: too short'
    """
    parts = []
    for e in errors:
        path = ".".join(str(p) for p in e["loc"]) or "(document)"
        parts.append(f"{path}: {e['msg']}")
    return "; ".join(parts)
