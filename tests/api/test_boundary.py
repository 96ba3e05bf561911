"""Only ``api/``, the pages of ``web/`` and ``app/`` (which joins the two) know the web stack,
and only ``cli/`` knows click: matching, rules, storage and sources are called from any of
them without knowing it (STYLE lesson 1). What ``api/`` and ``web/`` share lives in
``server/``, which knows no web framework either."""

from __future__ import annotations

import ast
from pathlib import Path

import chokepoint

PACKAGE = Path(chokepoint.__file__).parent
WEB = frozenset({"api", "web", "app"})
OWNERS = {  # module -> the parts of the package that may import it
    "fastapi": WEB,
    "starlette": WEB,
    "uvicorn": frozenset({"app"}),
    "anyio": WEB,
    "jinja2": frozenset({"web"}),
    "markupsafe": frozenset({"web"}),
    "chokepoint.api": frozenset({"api", "app"}),  # the app factory mounts the routers
    "chokepoint.web": frozenset({"web", "app"}),  # and the pages
    "chokepoint.app": frozenset({"app"}),
    "chokepoint.server": WEB | {"server"},
    "click": frozenset({"cli"}),
    "rich": frozenset({"cli"}),
    "chokepoint.cli": frozenset({"cli"}),
}
EXCEPTIONS = {("cli", "chokepoint.app.run")}  # `chokepoint serve` starts the server


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it (functions too), by its full name."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def owners(name: str) -> frozenset[str] | None:
    return next((o for m, o in OWNERS.items() if name == m or name.startswith(m + ".")), None)


def test_the_web_stack_only_in_api_and_click_only_in_cli() -> None:
    crossings = []
    for path in sorted(PACKAGE.rglob("*.py")):
        part = path.relative_to(PACKAGE).parts[0]
        for name in sorted(imported(path)):
            who = owners(name)
            if who is not None and part not in who and (part, name) not in EXCEPTIONS:
                crossings.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert crossings == []
