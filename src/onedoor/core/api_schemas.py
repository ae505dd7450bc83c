"""The API's one error body, and the response declarations that go with it, so every operation documents
the error statuses it can answer with (clients and schemathesis read them from the OpenAPI schema)."""

from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    """Every error: a stable `code`, a `message` in the request's language, and `details`."""

    code: str
    message: str
    details: dict


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """`response={200: ItemPage, **errors(400, 404, 422)}`."""
    return dict.fromkeys(statuses, ErrorOut)
