"""ARCHITECTURE.md's "Where to add", checked: a new list, shipment rule, matching feature,
endpoint or page that misses one of the places it must touch fails here, naming the place.

(The list's severity row is checked by ``tests/sources/test_registry.py``, a feature's
description by ``tests/matching/test_explain_registry.py``, a command's example by
``tests/cli/test_help.py``, ``docs/cli.md`` by ``tests/cli/test_reference.py``.)
"""

from __future__ import annotations

import ast
import pkgutil
import re
from dataclasses import fields
from pathlib import Path

from fastapi.routing import APIRoute

import chokepoint
from chokepoint.api import routers as api_routers
from chokepoint.api.app import ROUTERS as API_ROUTERS
from chokepoint.matching.features import NameFeatures
from chokepoint.matching.scorer import CAPS, load_weights
from chokepoint.shipments import rules as rule_package
from chokepoint.shipments.rules import RULES
from chokepoint.sources import SOURCES
from chokepoint.web import ROUTERS as WEB_ROUTERS
from chokepoint.web.pages import __path__ as pages_path

PACKAGE = Path(chokepoint.__file__).parent
TESTS = Path(__file__).parent
OPEN_ROUTERS = {"health"}  # mounted without an API key, by mount_api itself


def modules(path: list[str] | tuple[str, ...], package: str) -> dict[str, object]:
    found = {}
    for info in pkgutil.iter_modules(path):
        found[info.name] = __import__(f"{package}.{info.name}", fromlist=["_"])
    return found


def static_prefix(path: str) -> str:
    """``/entities/{entity_id}/adjacent`` -> ``/entities/``: what a test's URL starts with."""
    return path.split("{", 1)[0]


def text_of(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.py")))


def test_every_api_router_is_registered_and_each_route_is_called_by_a_test() -> None:
    found = modules(api_routers.__path__, "chokepoint.api.routers")
    registered = {id(r) for r in API_ROUTERS}
    unregistered = [
        name
        for name, module in found.items()
        if name not in OPEN_ROUTERS and id(module.router) not in registered  # type: ignore[attr-defined]
    ]
    assert not unregistered, f"add to ROUTERS of api/app.py: {unregistered}"
    tests = text_of(TESTS)  # tests/api/, or the tests of the feature (tests/ownership/)
    untested = [
        f"{route.path} ({name})"
        for name, module in found.items()
        for route in module.router.routes  # type: ignore[attr-defined]
        if isinstance(route, APIRoute) and static_prefix(route.path) not in tests
    ]
    assert not untested, f"no test calls: {untested}"


def test_every_page_is_registered_renders_templates_that_exist_and_is_browsed_by_a_test() -> None:
    found = modules(list(pages_path), "chokepoint.web.pages")
    registered = {id(r) for r in WEB_ROUTERS}
    unregistered = [n for n, m in found.items() if id(m.router) not in registered]  # type: ignore[attr-defined]
    assert not unregistered, f"add to ROUTERS of web/__init__.py: {unregistered}"
    templates = PACKAGE / "web" / "templates"
    for name in found:
        source = (PACKAGE / "web" / "pages" / f"{name}.py").read_text(encoding="utf-8")
        for template in re.findall(r'"([a-z_]+\.html)"', source):
            path = templates / template
            assert path.is_file(), f"web/pages/{name}.py renders {template}: no such template"
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == '{% extends "base.html" %}', f"{template} must extend base.html"
    tests = text_of(TESTS / "web")
    untested = [
        f"{route.path} ({name})"
        for name, module in found.items()
        for route in module.router.routes  # type: ignore[attr-defined]
        if isinstance(route, APIRoute)
        and "GET" in route.methods
        and static_prefix(route.path).rstrip("/") not in tests
    ]
    assert not untested, f"no browser test in tests/web/ opens: {untested}"


def test_every_rule_module_is_registered_and_has_its_unit_tests() -> None:
    found = {
        n: m
        for n, m in modules(rule_package.__path__, "chokepoint.shipments.rules").items()
        if hasattr(m, "RULE")
    }
    registered = {r.id for r in RULES}
    unregistered = [n for n, m in found.items() if m.RULE.id not in registered]  # type: ignore[attr-defined]
    assert not unregistered, f"add to RULES of shipments/rules/__init__.py: {unregistered}"
    missing = [n for n in found if not (TESTS / "shipments" / "rules" / f"test_{n}.py").is_file()]
    assert not missing, f"unit tests missing: tests/shipments/rules/test_<rule>.py for {missing}"


def test_every_source_module_is_registered_and_has_its_tests() -> None:
    ignored = {"base", "facts", "id_types", "xml_common", "ofac_legacy", "ofac_remarks"}
    found = {info.name for info in pkgutil.iter_modules([str(PACKAGE / "sources")])} - ignored
    keys = {s.key for s in SOURCES}
    assert found - keys == set(), f"add to SOURCES of sources/__init__.py: {found - keys}"
    missing = sorted(k for k in keys if not (TESTS / "sources" / f"test_{k}.py").is_file())
    assert not missing, f"tests missing: tests/sources/test_<key>.py for {missing}"


def test_every_source_module_defines_its_source() -> None:
    for key in {s.key for s in SOURCES}:
        tree = ast.parse((PACKAGE / "sources" / f"{key}.py").read_text(encoding="utf-8"))
        names = {
            t.id
            for n in tree.body
            if isinstance(n, ast.Assign)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        assert "SOURCE" in names, f"sources/{key}.py must define SOURCE"


def test_every_name_feature_is_fitted_or_a_cap() -> None:
    # A field added to NameFeatures without a refit would be computed and never weighed.
    weights = load_weights()
    unweighed = {f.name for f in fields(NameFeatures)} - set(weights.features) - set(CAPS)
    assert not unweighed, f"refit the weights (benchmarks/fit_weights.py) for: {sorted(unweighed)}"
