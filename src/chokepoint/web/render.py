"""Server-rendered pages: one Jinja2 environment, autoescaped, with the few helpers the
templates share (the signed-in user, the CSRF field, highlighting, feature bars)."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from chokepoint.errors import ChokepointError
from chokepoint.server.status import status_for
from chokepoint.web.highlight import mark_words
from chokepoint.web.session import CSRF_FIELD, csrf_token, current_user

TEMPLATES = Jinja2Templates(directory=str(resources.files("chokepoint.web") / "templates"))


def highlight(name: str, tokens: Iterable[str]) -> Markup:
    """A name with the words that matched wrapped in ``<mark>``, everything escaped.

    >>> str(highlight("<b>Molot</b> Trade", ["molot"]))
    '<mark>&lt;b&gt;Molot&lt;/b&gt;</mark> Trade'
    """
    wanted = set(tokens)
    return Markup("").join(
        Markup("<mark>{}</mark>").format(s.text) if s.marked else escape(s.text)
        for s in mark_words(name, wanted)
    )


def bars(contributions: dict[str, float]) -> list[tuple[str, float, int]]:
    """(feature, contribution, width in % of the largest) for each feature, largest first.

    >>> bars({"a": 2.0, "b": -1.0})
    [('a', 2.0, 100), ('b', -1.0, 50)]
    """
    top = max((abs(v) for v in contributions.values()), default=0.0) or 1.0
    ordered = sorted(contributions.items(), key=lambda kv: -abs(kv[1]))
    return [(k, v, round(100 * abs(v) / top)) for k, v in ordered]


def status_of(error: ChokepointError) -> int:
    """The HTTP status of a library error: the API's table, so both answer alike."""
    return status_for(error)


def csrf_field(request: Request) -> Markup:
    return Markup('<input type="hidden" name="{}" value="{}">').format(
        CSRF_FIELD, csrf_token(request)
    )


TEMPLATES.env.globals.update(highlight=highlight, bars=bars, csrf_field=csrf_field)


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with the request, the signed-in user and ``context``."""
    context.setdefault("error", None)
    return TEMPLATES.TemplateResponse(
        request,
        template,
        {"user": current_user(request), **context},
        status_code=status_code,
    )
