"""What the pages take from the application: its database engine and API keys."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import Engine

from chokepoint.server.keys import KeyRing
from chokepoint.server.service import Service


def engine_of(request: Request) -> Engine:
    service: Service = request.app.state.service
    return service.engine


def keys_of(request: Request) -> KeyRing:
    keys: KeyRing = request.app.state.keys
    return keys
