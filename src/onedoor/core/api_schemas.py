"""The API's one error body, and the response declarations that go with it, so every operation documents
the error statuses it can answer with (clients and schemathesis read them from the OpenAPI schema)."""

from __future__ import annotations

from typing import Annotated

from ninja import Schema
from pydantic import StringConstraints


class ErrorOut(Schema):
    """Every error: a stable `code`, a `message` in the request's language, and `details`."""

    code: str
    message: str
    details: dict


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """`response={200: ItemPage, **errors(400, 404, 422)}`."""
    return dict.fromkeys(statuses, ErrorOut)


# Text from the caller that reaches a query. PostgreSQL cannot hold or compare a NUL character (the driver
# raises DataError, a 500) while SQLite can: refusing it at the schema gives a 422 on both, and says so in
# the OpenAPI schema.
Text = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$")]
