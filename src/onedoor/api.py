"""The JSON API under /api/v1: one NinjaAPI, a router per domain app."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

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


@api.get("/health", tags=["health"], auth=None)
def health(request):
    """Liveness for load balancers (and the benchmarks' trivial baseline): no database work."""
    return {"status": "ok"}


api.add_router("/items", catalog_router)
api.add_router("/identity", identity_router)
api.add_router("/people", people_router)
api.add_router("/org", districts_router)
api.add_router("/keys", keys_router)
