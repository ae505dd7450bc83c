"""The JSON API under /api/v1: one NinjaAPI, a router per domain app."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from onedoor.cases.api import certificates_router, public_router
from onedoor.cases.api import router as cases_router
from onedoor.catalog.api import router as catalog_router
from onedoor.core.errors import DomainError
from onedoor.districts.api import router as districts_router
from onedoor.districts.keys_api import router as keys_router
from onedoor.people.api import identity_router, people_router

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


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    """Input that does not fit the operation's schema (a missing field, a number out of range): 422 with the
    same {code, message, details} body as every other error; details.errors locates each problem."""
    message = _("Some of the input is missing or not valid: details.errors says where.")
    body = {"code": "invalid_input", "message": str(message), "details": {"errors": exc.errors}}
    return api.create_response(request, body, status=422)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    """A body that cannot be read as JSON (ninja raises HttpError 400): the same error body, localized."""
    if exc.status_code == 400:
        code, message = "unreadable_request", _("The request could not be read: send a valid JSON body.")
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
