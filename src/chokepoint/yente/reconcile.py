"""The W3C / OpenRefine reconciliation service API, version 0.2, as yente serves it: a
manifest, queries (one or a batch) answered by the same matcher as ``/match``, entity /
type / property suggestions, a preview, and data extension.

Shapes follow yente's ``yente.data.freebase`` models; queries become ``/match`` examples
(the query text a ``name``, each ``pid`` a property), so scores are the one scale.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from followthemoney import model
from followthemoney.schema import Schema
from followthemoney.types import registry
from sqlalchemy import Engine

from chokepoint.errors import QueryError
from chokepoint.model import SCHEMATA
from chokepoint.screening import Snapshot
from chokepoint.yente.by_example import Options, Scope, match_examples

BATCH_SIZE = 3  # yente's manifest
MAX_BATCH = 100  # yente's MAX_BATCH
SUGGESTIONS = 5  # yente's MATCH_PAGE for type and property suggestions
SPACE = "https://www.opensanctions.org/reference/#schema"  # yente's identifier space


def schemata() -> list[Schema]:
    return [model.schemata[name] for name in SCHEMATA]


def schema_type(schema: Schema) -> dict[str, Any]:
    return {
        "id": schema.name,
        "name": schema.plural,
        "description": schema.description or schema.label,
    }


def manifest(base_url: str, title: str, query_string: str) -> dict[str, Any]:
    """The service manifest; ``query_string`` (an API key in the URL) is passed on to the
    service paths, as OpenRefine cannot send headers."""
    qs = f"?{query_string}" if query_string else ""

    def service(path: str) -> dict[str, str]:
        return {"service_url": base_url, "service_path": f"{path}{qs}"}

    return {
        "versions": ["0.2"],
        "name": f"{title} (Chokepoint)",
        "identifierSpace": SPACE,
        "schemaSpace": SPACE,
        "documentation": "https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/",
        "batchSize": BATCH_SIZE,
        "view": {"url": f"{base_url}/preview?id={{{{id}}}}{qs.replace('?', '&')}"},
        "preview": {
            "url": f"{base_url}/preview?id={{{{id}}}}{qs.replace('?', '&')}",
            "width": 430,
            "height": 300,
        },
        "suggest": {
            "entity": service("/suggest/entity"),
            "type": service("/suggest/type"),
            "property": service("/suggest/property"),
        },
        "extend": {
            "propose_properties": service("/extend/property"),
            "propose_settings": [
                {
                    "name": "limit",
                    "label": "Limit",
                    "type": "number",
                    "default": 0,
                    "help_text": "Maximum number of values to return per row (0 for no limit).",
                    "choices": [],
                },
                {
                    "name": "render",
                    "label": "Value rendering",
                    "type": "select",
                    "default": "caption",
                    "choices": [
                        {"id": "caption", "name": "User-readable value"},
                        {"id": "raw", "name": "Machine-readable value"},
                    ],
                    "help_text": "Return readable value (e.g. 'Russia') instead of raw ('ru').",
                },
            ],
        },
        "defaultTypes": [schema_type(s) for s in schemata()],
    }


def as_example(query: Mapping[str, Any]) -> dict[str, Any]:
    """A reconciliation query as a ``/match`` example.

    >>> as_example({"query": "Acme", "type": ["Company"],
    ...     "properties": [{"pid": "Thing:country", "v": "ru"}]})["properties"]
    {'name': ['Acme'], 'country': ['ru']}
    """
    kind = query.get("type") or "Thing"
    schema = kind if isinstance(kind, str) else (kind[0] if kind else "Thing")
    properties: dict[str, list[str]] = {}
    if query.get("query"):
        properties["name"] = [str(query["query"])]
    for item in query.get("properties") or []:
        pid = str(item.get("pid", ""))
        known = model.get(schema)
        prop = model.get_qname(pid) or (known.get(pid) if known else None)
        if prop is None:
            continue
        values = item.get("v")
        values = values if isinstance(values, list) else [values]
        properties.setdefault(prop.name, []).extend(str(v) for v in values if v is not None)
    return {"id": None, "schema": schema, "properties": properties}


def reconcile(
    engine: Engine, snapshot: Snapshot, scope: Scope, queries: Mapping[str, Any]
) -> dict[str, Any]:
    """``{key: {"result": [scored candidates]}}`` for a batch of queries."""
    if not isinstance(queries, Mapping) or len(queries) > MAX_BATCH:
        raise QueryError(f"Too many queries in one batch (limit: {MAX_BATCH})")
    out: dict[str, Any] = {}
    for key, query in queries.items():
        if not isinstance(query, Mapping):
            raise QueryError(f"query {key!r} is not an object")
        if model.get(as_example(query)["schema"]) is None:
            raise QueryError(f"Invalid type: {query.get('type')}")
        limit = int(query.get("limit") or 5)
        answers = match_examples(
            engine, snapshot, {key: as_example(query)}, scope, Options(limit, None, 0.0)
        )
        out[key] = {"result": [candidate(r) for r in answers[key]["results"]]}
    return out


def candidate(result: Mapping[str, Any]) -> dict[str, Any]:
    schema = model.schemata[result["schema"]]
    return {
        "id": result["id"],
        "name": result["caption"],
        "description": schema.label,
        "type": [schema_type(schema)],
        "score": result["score"],
        "match": result["match"],
    }


def matches_prefix(prefix: str, *texts: str) -> bool:
    prefix = prefix.strip().lower()
    return not prefix or any(t.lower().startswith(prefix) for t in texts)


def suggest_types(prefix: str) -> dict[str, Any]:
    found = [schema_type(s) for s in schemata() if matches_prefix(prefix, s.name, s.label)]
    return {"code": "/api/status/ok", "status": "200 OK", "prefix": prefix, "result": found}


def suggest_properties(prefix: str) -> dict[str, Any]:
    found = []
    for schema in schemata():
        for prop in schema.properties.values():
            if prop.hidden or prop.type == registry.entity or prop.schema != schema:
                continue
            if matches_prefix(prefix, prop.name, prop.label):
                found.append({"id": prop.qname, "name": prop.label, "description": None})
    result = found[:SUGGESTIONS]
    return {"code": "/api/status/ok", "status": "200 OK", "prefix": prefix, "result": result}


def suggest_entities(results: list[dict[str, Any]], prefix: str) -> dict[str, Any]:
    found = [
        {k: v for k, v in candidate(r).items() if k not in ("score", "match")} for r in results
    ]
    return {"code": "/api/status/ok", "status": "200 OK", "prefix": prefix, "result": found}


def extend_properties(type_: str, limit: int) -> dict[str, Any]:
    schema = model.get(type_)
    if schema is None:
        raise QueryError(f"Invalid type: {type_}")
    featured = [schema.get(name) for name in schema.featured]
    rest = [p for p in schema.properties.values() if p.name not in schema.featured]
    props = [
        {"id": p.name, "name": p.label}
        for p in [*featured, *rest]
        if p is not None and not p.hidden and p.type != registry.entity
    ]
    return {"limit": limit, "type": type_, "properties": props[:limit] if limit > 0 else props}


def extend(entities: Mapping[str, Mapping[str, Any]], query: Mapping[str, Any]) -> dict[str, Any]:
    """The values of the asked properties of each entity (``entities`` by id)."""
    ids = [str(i) for i in query.get("ids") or []]
    if len(ids) > MAX_BATCH:
        raise QueryError(f"Too many queries in one batch (limit: {MAX_BATCH})")
    metas: dict[str, dict[str, str]] = {}
    rows: dict[str, dict[str, list[dict[str, str]]]] = {i: {} for i in ids}
    for entity_id in ids:
        data = entities.get(entity_id)
        schema = model.get(data["schema"]) if data else None
        if data is None or schema is None:
            continue
        for asked in query.get("properties") or []:
            prop = schema.get(str(asked.get("id")))
            if prop is None:
                continue
            metas.setdefault(prop.name, {"id": prop.name, "name": prop.label})
            settings = asked.get("settings") or {}
            values = [v for v in data["properties"].get(prop.name, []) if isinstance(v, str)]
            if int(settings.get("limit") or 0) > 0:
                values = values[: int(settings["limit"])]
            if settings.get("render", "caption") == "caption":
                values = [prop.type.caption(v) or v for v in values]
            rows[entity_id][prop.name] = [{"str": str(v)} for v in values]
    return {"meta": list(metas.values()), "rows": rows}


def preview(data: Mapping[str, Any]) -> str:
    """A small HTML card of an entity for OpenRefine's preview pane."""
    rows = "".join(
        f"<tr><th>{html.escape(prop)}</th><td>{html.escape('; '.join(map(str, values)))}</td></tr>"
        for prop, values in sorted(data.get("properties", {}).items())
        if values and all(isinstance(v, str) for v in values)
    )
    title = html.escape(str(data.get("caption", data["id"])))
    head = f"{html.escape(data['schema'])} on {html.escape(data.get('list', ''))}"
    return f"<html><body><h3>{title}</h3><p>{head}</p><table>{rows}</table></body></html>"
