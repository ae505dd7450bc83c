"""Configuring connectors by import (`onedoor integrations import FILE`), with the same services as the admin.

The file (JSON, `onedoor-connectors/1`):

    {"format": "onedoor-connectors/1", "district": "440604", "connectors": [
      {"system": "CL-RK", "kind": "push", "base_url": "https://…/events", "jump_url": "",
       "timeout_seconds": 10, "max_concurrency": 4, "rate_per_minute": 600, "enabled": true,
       "secret_env": "ONEDOOR_SECRET_CL_RK",
       "routes": [{"item": null, "decides": ["undertake", "review", "approve", "complete"]}]}]}

The provincial online hall is one more entry with `"kind": "province"`, no `system` and no routes.
Secrets never sit in the file: `secret_env` names an environment variable holding it; without one, a new
connector gets a generated secret (returned once, to hand to the system's operators) and an existing one keeps
its own. Every problem is listed at once and nothing is changed unless the whole file is right."""

from __future__ import annotations

import json
import os

from django.db import transaction
from django.utils.translation import gettext as _

from onedoor.catalog.models import Item
from onedoor.core.errors import DomainError
from onedoor.districts.models import BackendSystem
from onedoor.integrations.models import Connector, ConnectorKind
from onedoor.integrations.services import connector_configure, route_set

FORMAT = "onedoor-connectors/1"


def connectors_import(*, district, payload: bytes, actor=None) -> dict[str, str | None]:
    """Apply the file; returns {system code: generated secret or None}. DomainError lists every problem."""
    try:
        data = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        raise DomainError("bad_file", _("The file is not valid JSON.")) from None
    problems: list[str] = []
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or not isinstance(data.get("connectors"), list)
    ):
        raise DomainError(
            "bad_file",
            _("The file must be a %(format)s object with a list of connectors.") % {"format": FORMAT},
        )
    if data.get("district") != district.code:
        problems.append(_("The file is for district %(code)s.") % {"code": data.get("district")})
    plans = []
    for n, entry in enumerate(data["connectors"], start=1):
        plan, entry_problems = _plan(district, n, entry)
        problems += entry_problems
        plans.append(plan)
    if problems:
        raise DomainError(
            "import_refused", _("Nothing was imported: ") + " ".join(problems), problems=problems
        )
    shown = {}
    with transaction.atomic():
        for plan in plans:
            connector, secret = connector_configure(actor=actor, **plan["connector"])
            for route in plan["routes"]:
                route_set(connector=connector, actor=actor, **route)
            shown[connector.code] = secret if plan["generated"] else None
    return shown


def _plan(district, n: int, entry) -> tuple[dict, list[str]]:
    where = _("connector %(n)d") % {"n": n}
    if not isinstance(entry, dict):
        return {}, [f"{where}: " + _("not an object.")]
    problems = []
    province = entry.get("kind") == ConnectorKind.PROVINCE
    system = BackendSystem.objects.filter(district=district, code=entry.get("system")).first()
    if province:
        if entry.get("system") or entry.get("routes"):
            problems.append(f"{where}: " + _("the provincial online hall takes no system and no routes."))
        system = None
    elif system is None:
        problems.append(
            f"{where}: " + _("no back-end system %(code)s in this district.") % {"code": entry.get("system")}
        )
    secret = None
    if entry.get("secret_env"):
        secret = os.environ.get(str(entry["secret_env"]))
        if not secret:
            problems.append(
                f"{where}: "
                + _("the environment variable %(name)s is not set.") % {"name": entry["secret_env"]}
            )
    if "secret" in entry:
        problems.append(
            f"{where}: " + _("put the secret in an environment variable (secret_env), not in the file.")
        )
    routes = []
    for r in entry.get("routes") or []:
        item = None
        if isinstance(r, dict) and r.get("item"):
            item = Item.objects.filter(district=district, code=r["item"]).first()
            if item is None:
                problems.append(f"{where}: " + _("no item %(code)s.") % {"code": r["item"]})
        decides = r.get("decides", []) if isinstance(r, dict) else None
        if not isinstance(decides, list) or not all(isinstance(d, str) for d in decides):
            problems.append(f"{where}: " + _("decides must be a list of stage codes."))
        routes.append({"item": item, "decides": decides or []})
    plan = {
        "connector": {
            "system": system,
            "district": district,
            "base_url": entry.get("base_url", ""),
            "secret": secret,
            "kind": entry.get("kind", "push"),
            "jump_url": entry.get("jump_url", ""),
            "timeout_seconds": entry.get("timeout_seconds", 10),
            "max_concurrency": entry.get("max_concurrency"),
            "rate_per_minute": entry.get("rate_per_minute"),
            "enabled": entry.get("enabled"),
        },
        "routes": routes,
        "generated": secret is None and not _connected(district, system),
    }
    if system is not None or province:
        try:  # the services' own checks (URLs, limits), without writing
            with transaction.atomic():
                connector_configure(**plan["connector"])
                transaction.set_rollback(True)
        except DomainError as error:
            problems.append(f"{where}: {error.message}")
    return plan, problems


def _connected(district, system) -> bool:
    if system is None:
        return Connector.objects.filter(district=district, kind=ConnectorKind.PROVINCE).exists()
    return hasattr(system, "connector")
