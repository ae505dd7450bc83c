"""The JSON API under /api/v1: one NinjaAPI, a router per domain app."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from onedoor.applications.api import router as portal_router
from onedoor.appointments.api import router as appointments_router
from onedoor.appointments.api import slots_router
from onedoor.cases.api import certificates_router, public_router
from onedoor.cases.api import router as cases_router
from onedoor.catalog.api import router as catalog_router
from onedoor.citizens.credit_api import router as credit_router
from onedoor.complaints.api import router as complaints_router
from onedoor.core.api_schemas import NO_NUL_PATTERN
from onedoor.core.errors import DomainError
from onedoor.delivery.api import router as delivery_router
from onedoor.districts.api import router as districts_router
from onedoor.districts.keys_api import router as keys_router
from onedoor.integrations.api import router as integrations_router
from onedoor.ledger.api import router as ledger_router
from onedoor.people.api import identity_router, people_router
from onedoor.ratings.api import router as ratings_router
from onedoor.scores.api import router as scores_router
from onedoor.supervision.api import router as supervision_trace_router
from onedoor.tickets.api import board_router
from onedoor.tickets.api import router as tickets_router

api = NinjaAPI(
    title="OneDoor API",
    version="1",
    description="一门式政务服务平台 API — OneDoor",
    urls_namespace="api-v1",
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    body = {"code": exc.code, "message": str(exc.message), "details": exc.details}
    return api.create_response(request, body, status=exc.status)


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc: AuthenticationError):
    """A missing, revoked or expired token: the same {code, message, details} body, in the caller's language."""
    message = _("This needs a valid API token: send the header Authorization: Bearer <token>.")
    body = {"code": "not_authenticated", "message": str(message), "details": {}}
    return api.create_response(request, body, status=401)


def _error_kind(error: dict) -> str:
    if (
        error.get("type") == "string_pattern_mismatch"
        and error.get("ctx", {}).get("pattern") == NO_NUL_PATTERN
    ):
        return "nul_character"
    return error.get("type", "")


# Problems whose wording pydantic cannot give in the caller's language; the rest keep pydantic's English.
INPUT_PROBLEMS = {
    "nul_character": _(
        "Text cannot contain the NUL character (\\u0000): remove it and send the request again."
    ),
    "object_expected": _(
        'The request body must be a JSON object with named fields, such as {"number": "…"}; '
        "an array, a single value or null cannot be read."
    ),
}


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    """Input that does not fit the operation's schema (a missing field, a number out of range): 422 with the
    same {code, message, details} body as every other error; details.errors locates each problem. A NUL
    character or a body that is not a JSON object is said plainly, in the request's language."""
    errors = [dict(error) for error in exc.errors]
    problems = []  # in the order met; a NUL inside a union (Text | int) also fails the other branches
    for error in errors:
        kind = _error_kind(error)
        if kind in INPUT_PROBLEMS:
            error["msg"] = str(INPUT_PROBLEMS[kind])
            problems.append(kind)
    if problems:
        message = INPUT_PROBLEMS[problems[0]]
    else:
        message = _("Some of the input is missing or not valid: details.errors says where.")
    body = {"code": "invalid_input", "message": str(message), "details": {"errors": errors}}
    return api.create_response(request, body, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """A body that cannot be read as JSON (ninja raises HttpError 400): the same error body, localized."""
    if exc.status_code == 400:
        code, message = "unreadable_request", _("The request could not be read: send a valid JSON body.")
    elif exc.status_code == 429:  # a throttle: the Retry-After header says how long
        code, message = (
            "too_many_requests",
            _("Too many requests from this address: wait a minute and try again."),
        )
    else:
        code, message = (
            "http_error",
            _("The request was refused (HTTP %(status)d).") % {"status": exc.status_code},
        )
    body = {"code": code, "message": str(message), "details": {"reason": str(exc)}}
    return api.create_response(request, body, status=exc.status_code)


@api.get("/health", tags=["health"], auth=None)
def health(request):
    """Liveness for load balancers (and the benchmarks' trivial baseline): no database work."""
    return {"status": "ok"}


api.add_router("/items", catalog_router)
api.add_router("/identity", identity_router)
api.add_router("/people", people_router)
api.add_router("/org", districts_router)
api.add_router("/keys", keys_router)
api.add_router("/cases", cases_router)
api.add_router("/public", public_router)
api.add_router("/certificates", certificates_router)
api.add_router("/integrations", integrations_router)
api.add_router("/queue", tickets_router)
api.add_router("/queue/boards", board_router)
api.add_router("/appointments/slots", slots_router)
api.add_router("/appointments", appointments_router)
api.add_router("/portal", portal_router)
api.add_router("/portal/credit", credit_router)
api.add_router("/delivery", delivery_router)
api.add_router("/ledger", ledger_router)
api.add_router("/ratings", ratings_router)
api.add_router("/supervision/trace", supervision_trace_router)
api.add_router("/complaints", complaints_router)
api.add_router("/scores", scores_router)
