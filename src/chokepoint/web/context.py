"""What the pages take from the application: its database engine, the case policy of its
settings, and its API keys."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy import Engine

from chokepoint.cases.policy import CasePolicy
from chokepoint.server.keys import KeyRing
from chokepoint.server.service import Service


def engine_of(request: Request) -> Engine:
    service: Service = request.app.state.service
    return service.engine


def policy_of(request: Request) -> CasePolicy:
    service: Service = request.app.state.service
    return service.policy


def keys_of(request: Request) -> KeyRing:
    keys: KeyRing = request.app.state.keys
    return keys
