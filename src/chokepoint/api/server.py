"""Running the app under uvicorn, with one or more worker processes."""

from __future__ import annotations

import copy
import os
from typing import Any

import uvicorn
from uvicorn.config import LOGGING_CONFIG

from chokepoint.api.auth import load_keys
from chokepoint.settings import get_settings
from chokepoint.store import open_db


def log_config() -> dict[str, Any]:
    """uvicorn's logging, with Chokepoint's own messages (start-up, list swaps) beside its
    own. Access lines name method, path and status: never a header, so never a key."""
    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["chokepoint"] = {"handlers": ["default"], "level": "INFO"}
    return config


def serve(*, db: str, host: str, port: int, workers: int) -> None:
    """Serve until stopped. Settings and keys are checked here, before any worker starts,
    so that a mistake is one clear error rather than a worker crash loop."""
    os.environ["CHOKEPOINT_DB"] = db  # workers read their settings from the environment
    get_settings.cache_clear()
    load_keys(get_settings())
    open_db(db).dispose()
    uvicorn.run(
        "chokepoint.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=log_config(),
        server_header=False,
    )
