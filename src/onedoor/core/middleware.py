"""Refuse a NUL character in a page's address before any view or query sees it.

PostgreSQL cannot hold or compare text containing NUL (the driver raises DataError: a 500) while SQLite can,
so `/guide/?department=%00` or an admin search for `%00` failed on one database only. No address of ours
ever needs a NUL: a NUL in the path is a page that does not exist (404), in the query a bad request (400).
The JSON API refuses it in its schemas instead (`core.api_schemas.Text`), where the refusal is documented.
"""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import Http404

NUL = "\x00"


def _query_has_nul(request) -> bool:
    return any(NUL in name or any(NUL in value for value in values) for name, values in request.GET.lists())


class RefuseNulCharacters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            if NUL in request.path_info:
                raise Http404
            if _query_has_nul(request):
                raise BadRequest
        return self.get_response(request)
