"""Identity validation (public) and people lookup (staff)."""

from ninja import Router

identity_router = Router(tags=["identity"])
people_router = Router(tags=["people"])
