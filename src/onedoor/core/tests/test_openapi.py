"""The API schema is committed (docs/openapi.json) so clients and reviewers see every change to it.
Regenerate with: .venv/bin/onedoor export_openapi_schema --api onedoor.api.api --sorted --indent 2 --output docs/openapi.json
"""

import json
from pathlib import Path

from onedoor.api import api

COMMITTED = Path(__file__).resolve().parents[4] / "docs" / "openapi.json"


def test_the_committed_openapi_schema_matches_the_api():
    live = json.loads(json.dumps(api.get_openapi_schema(), default=str))
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert live == committed, (
        "the API changed: regenerate docs/openapi.json (command in this file's docstring)"
    )


def test_the_schema_is_served_and_names_the_documented_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/v1/items", "/api/v1/items/{code}", "/api/v1/identity/validate", "/api/v1/people"} <= paths


def _schemas_of_the_api():
    """Every ninja Schema class defined in one of the API modules (onedoor.<app>.api)."""
    from ninja import Schema

    api.get_openapi_schema()  # imports every router
    seen, stack = [], [Schema]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("onedoor.") and sub.__module__.endswith(".api"):
                seen.append(sub)
    return seen


def test_no_two_api_schemas_share_a_name():
    """The schema's components are keyed by class name: two classes of one name silently document one of them
    for both (a trace's stages were once documented as the catalog's)."""
    by_name: dict[str, set[str]] = {}
    for cls in _schemas_of_the_api():
        by_name.setdefault(cls.__name__, set()).add(cls.__module__)
    clashes = {name: sorted(mods) for name, mods in by_name.items() if len(mods) > 1}
    assert not clashes, f"rename one of each: {clashes}"
