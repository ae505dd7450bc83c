"""Catalog API: public item list and detail."""

from ninja import Router

router = Router(tags=["catalog"])
