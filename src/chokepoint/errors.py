"""One error family for everything a user can get wrong.

The CLI turns a ``ChokepointError`` into a one-line message and exit status 2; the API
(later) maps each subclass to an HTTP status. Nothing else should reach a user as a
traceback.
"""


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


class NotFoundError(ChokepointError):
    """An entity, list or version that does not exist."""


class DownloadError(ChokepointError):
    """A publisher's file could not be fetched."""
