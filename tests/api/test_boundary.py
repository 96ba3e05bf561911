"""Only ``api/`` knows the web and only ``cli/`` knows click: matching, rules, storage and
sources are called from either without knowing it (STYLE lesson 1)."""

from __future__ import annotations

import ast
from pathlib import Path

import chokepoint

PACKAGE = Path(chokepoint.__file__).parent
OWNERS = {  # module -> the one part of the package that may import it
    "fastapi": "api",
    "starlette": "api",
    "uvicorn": "api",
    "anyio": "api",
    "chokepoint.api": "api",
    "click": "cli",
    "rich": "cli",
    "chokepoint.cli": "cli",
}
EXCEPTIONS = {("cli", "chokepoint.api.server")}  # `chokepoint serve` starts the server


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it (functions too), by its full name."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def owner(name: str) -> str | None:
    return next((o for m, o in OWNERS.items() if name == m or name.startswith(m + ".")), None)


def test_the_web_stack_only_in_api_and_click_only_in_cli() -> None:
    crossings = []
    for path in sorted(PACKAGE.rglob("*.py")):
        part = path.relative_to(PACKAGE).parts[0]
        for name in sorted(imported(path)):
            who = owner(name)
            if who is not None and who != part and (part, name) not in EXCEPTIONS:
                crossings.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert crossings == []
