"""The API's one error body, and the response declarations that go with it, so every operation documents
the error statuses it can answer with (clients and schemathesis read them from the OpenAPI schema)."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Schema
from ninja.schema import DjangoGetter
from pydantic import StringConstraints, model_validator
from pydantic_core import PydanticCustomError


class ErrorOut(Schema):
    """Every error: a stable `code`, a `message` in the request's language, and `details`."""

    code: str
    message: str
    details: dict


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """`response={200: ItemPage, **errors(400, 404, 422)}`."""
    return dict.fromkeys(statuses, ErrorOut)


# Text from the caller that reaches a query or a row. PostgreSQL cannot hold or compare a NUL character (the
# driver raises DataError, a 500) while SQLite can: refusing it at the schema gives a 422 on both, and says
# so in the OpenAPI schema. Use it for every free-text string of every input schema and parameter; the API's
# validation handler (onedoor.api) words the refusal in the caller's language.
NO_NUL_PATTERN = r"^[^\x00]*$"
Text = Annotated[str, StringConstraints(pattern=NO_NUL_PATTERN)]


class ObjectIn(Schema):
    """Base of request bodies: the body must be a JSON object. ninja hands a body schema whatever JSON value
    came (an array, a string, a number, null) wrapped so that reading a field finds nothing, so without this
    `[]` read as `{}` and a schema whose fields all have defaults answered as if nothing had been sent."""

    @model_validator(mode="before")
    @classmethod
    def _refuse_anything_but_an_object(cls, data: Any) -> Any:
        raw = data._obj if isinstance(data, DjangoGetter) else data
        if not isinstance(raw, dict):
            raise PydanticCustomError("object_expected", "The request body must be a JSON object.")
        return data
