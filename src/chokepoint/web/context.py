"""What the pages take from the application: its database engine and settings."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import Engine

from chokepoint.api.auth import KeyRing
from chokepoint.settings import Settings


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def keys_of(request: Request) -> KeyRing:
    keys: KeyRing = request.app.state.keys
    return keys
