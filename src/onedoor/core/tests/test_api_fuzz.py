"""Generated input against the whole API (schemathesis, loaded from the app's own OpenAPI schema).

Every operation, with schema-valid and schema-violating data, must answer without a 5xx, with a status its
schema declares, and with a body and content type that match the declaration; staff operations must refuse a
request without a token. Staff operations are called with a valid bearer token of a Chancheng window
generalist, against a published demo catalog, a registered person with a verified record and an enterprise.

Two of schemathesis's default checks are off, on purpose:
- positive_data_acceptance: the API rightly refuses schema-valid input the schema cannot judge (a resident ID
  number with a wrong check digit, an opaque cursor that was never issued) with a 400 and a localized reason;
- negative_data_rejection: unknown query parameters are ignored, as HTTP APIs usually do.

Random numbers almost never hit a registered person, so each foundation operation is also called once with
data that exists, and that answer must be a 200 that matches the schema.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from onedoor.people.services import enterprise_register, person_register, record_add
from onedoor.wsgi import application

MAX_EXAMPLES = 30
# Casework operations are fuzzed like the rest; their calls with existing cases live in cases/tests/test_api.py,
# signed back-end callbacks in integrations/tests/test_callbacks.py, queue tickets in
# tickets/tests/test_queue_api.py, appointments in appointments/tests/test_appointments.py, a citizen's online
# applications (their session, not a staff token) in applications/tests/test_online_application.py,
# result delivery in delivery/tests/test_delivery.py, ledger proofs in ledger/tests/test_log.py, ratings in
# ratings/tests/, complaints in complaints/tests/test_complaints_api.py, traces and accountability in supervision/tests/,
# scores in scores/tests/.
CASEWORK = (
    "/api/v1/cases",
    "/api/v1/public/cases/",
    "/api/v1/certificates/",
    "/api/v1/integrations/",
    "/api/v1/queue/",
    "/api/v1/appointments",
    "/api/v1/portal/",
    "/api/v1/delivery/",
    "/api/v1/ledger/",
    "/api/v1/ratings/",
    "/api/v1/complaints",
    "/api/v1/supervision/",
    "/api/v1/scores/",
)
PERSON = "44060419900101123X"
ENTERPRISE = "91350100M000100Y43"
PURPOSE = {"purpose": "核验申请人身份"}

CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True},
        "checks": {
            "positive_data_acceptance": {"enabled": False},
            "negative_data_rejection": {"enabled": False},
        },
    }
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)


@pytest.fixture
def in_test_transaction():
    """Serve the requests inside the test's transaction, as Django's test client does: the handler must
    not close the connection the test holds open between requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_headers(request, chancheng, alice, bearer, in_test_transaction):
    if "/api/v1/items" in request.node.name:  # publishing the demo catalog takes a second: only where read
        request.getfixturevalue("demo_catalog")
    person = person_register(
        district=chancheng, id_number=PERSON, name="张三丰", phone="13812345678", actor=None
    )
    record_add(
        district=chancheng,
        person=person,
        record_type="household_register",
        payload={"household": "禅城区祖庙街道"},
        source_kind="department",
        trust_level="A",
        actor=None,
    )
    enterprise_register(district=chancheng, uscc=ENTERPRISE, name="佛山市一门科技有限公司", actor=None)
    return {"Authorization": bearer(alice)["HTTP_AUTHORIZATION"]}


@schema.parametrize()
@settings(deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_without_a_server_error_and_as_its_schema_says(case, staff_headers):
    case.call_and_validate(headers=staff_headers)


def _existing_data(demo_catalog) -> dict[str, dict]:
    return {
        "/api/v1/health": {},
        "/api/v1/items": {"query": {"q": "生孩子", "limit": 3}},
        "/api/v1/items/{code}": {"path_parameters": {"code": demo_catalog[0]["code"]}},
        "/api/v1/identity/validate": {"body": {"number": "11010519491231002x"}},
        "/api/v1/people": {"query": {"q": "4406"}},
        "/api/v1/people/{number}": {"path_parameters": {"number": PERSON}, "query": PURPOSE},
        "/api/v1/people/{number}/records": {"path_parameters": {"number": PERSON}},
        "/api/v1/people/{number}/accesses": {"path_parameters": {"number": PERSON}},
        "/api/v1/people/enterprises/{uscc}": {"path_parameters": {"uscc": ENTERPRISE}, "query": PURPOSE},
        "/api/v1/org/district": {},
        "/api/v1/org/centres": {},
        "/api/v1/org/departments": {},
        "/api/v1/keys/{district_code}": {"path_parameters": {"district_code": "440604"}},
    }


def test_every_operation_answers_existing_data_with_a_200_that_matches_its_schema(
    staff_headers, demo_catalog
):
    existing = _existing_data(demo_catalog)
    operations = [
        op
        for op in (result.ok() for result in schema.get_all_operations())
        if not op.path.startswith(CASEWORK)
    ]
    assert {op.path for op in operations} == set(existing), "give each new operation its existing data here"
    for operation in operations:
        case = operation.Case(**existing[operation.path])
        response = case.call_and_validate(headers=staff_headers)
        assert response.status_code == 200, (operation.label, response.text[:300])
        body = response.json()
        rows = body.get("items") if isinstance(body, dict) else body
        assert rows is None or rows, f"{operation.label} found nothing in the existing data"
