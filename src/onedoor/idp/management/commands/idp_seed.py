"""`python -m onedoor.idp idp_seed --client-id onedoor --client-secret S --redirect-uri URL [--accounts FILE]
[--account NUMBER:NAME:LEVEL …] [--agent NUMBER:USCC:ROLE …] [--password P]`

Registers OneDoor as a confidential OIDC client (authorization code, PKCE, RS256, no consent screen: the
province's own platforms are trusted) and creates or updates the accounts — from a JSON list of
{"id_number", "name", "level", "enterprises"} (`onedoor citizens export-accounts` writes the demo persons, with
the enterprises they represent) and/or `--account` arguments; `--agent` lets an account act for an enterprise
(role `legal_rep` or `agent`)."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from oauth2_provider.models import Application

from onedoor.idp.models import Identity


class Command(BaseCommand):
    help = "Register OneDoor as a client and create the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--client-id", required=True)
        parser.add_argument("--client-secret", required=True)
        parser.add_argument("--redirect-uri", action="append", required=True)
        parser.add_argument("--accounts", help="JSON file: [{id_number, name, level}]")
        parser.add_argument("--account", action="append", default=[], help="NUMBER:NAME:LEVEL")
        parser.add_argument("--agent", action="append", default=[], help="NUMBER:USCC:ROLE")
        parser.add_argument("--password", default="onedoor-demo")

    @transaction.atomic
    def handle(self, *args, **o):
        app = Application.objects.filter(client_id=o["client_id"]).first() or Application(
            client_id=o["client_id"]
        )
        app.name = "OneDoor"
        app.client_type = Application.CLIENT_CONFIDENTIAL
        app.authorization_grant_type = Application.GRANT_AUTHORIZATION_CODE
        app.client_secret = o["client_secret"]
        app.redirect_uris = " ".join(o["redirect_uri"])
        app.algorithm = Application.RS256_ALGORITHM
        app.skip_authorization = True
        app.save()
        rows = json.loads(Path(o["accounts"]).read_text(encoding="utf-8")) if o["accounts"] else []
        for spec in o["account"]:
            number, name, level = spec.split(":")
            rows.append({"id_number": number, "name": name, "level": int(level)})
        for spec in o["agent"]:
            number, uscc, role = spec.split(":")
            row = next(r for r in rows if r["id_number"] == number)
            row.setdefault("enterprises", []).append({"uscc": uscc, "role": role})
        # One hash for the one demo password, given to every account: hashing it 2,000 times would take minutes.
        hashed = make_password(o["password"])
        users = {u.username: u for u in User.objects.filter(username__in=[r["id_number"] for r in rows])}
        new = [User(username=r["id_number"], password=hashed) for r in rows if r["id_number"] not in users]
        User.objects.bulk_create(new)
        User.objects.filter(username__in=list(users)).update(password=hashed)
        users = {u.username: u for u in User.objects.filter(username__in=[r["id_number"] for r in rows])}
        known = {i.user_id: i for i in Identity.objects.filter(user__in=users.values())}
        for row in rows:
            user = users[row["id_number"]]
            identity = known.get(user.pk) or Identity(user=user)
            identity.id_number, identity.name, identity.level = row["id_number"], row["name"], row["level"]
            identity.enterprises = row.get("enterprises", [])
            identity.save()
        self.stdout.write(f"client {o['client_id']} registered; {len(rows)} account(s)")
