"""JSON bodies encoded with orjson: several times faster than the standard library on the
nested results of a batch, and NaN-safe."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from fastapi import Response


def json_response(
    data: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(orjson.dumps(data), status, headers=headers, media_type="application/json")
