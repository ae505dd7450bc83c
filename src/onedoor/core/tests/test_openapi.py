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
