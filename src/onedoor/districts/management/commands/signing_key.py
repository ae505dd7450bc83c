"""`onedoor signing_key list|rotate DISTRICT_CODE` — show a district's certificate signing keys, or retire the
active one and start a new one (the retired key keeps verifying what it signed)."""

from django.core.management.base import BaseCommand, CommandError

from onedoor.districts import signing
from onedoor.districts.models import District


class Command(BaseCommand):
    help = "List or rotate a district's Ed25519 signing keys for electronic certificates."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["list", "rotate"])
        parser.add_argument("district", help="the district's region code, e.g. 440604")

    def handle(self, *args, **options):
        district = District.objects.filter(code=options["district"]).first()
        if district is None:
            raise CommandError(f"no district with region code {options['district']!r}")
        if options["action"] == "rotate":
            key = signing.signing_key_rotate(district=district)
            self.stdout.write(f"{district.name}: new signing key {key.key_id}")
        for key in signing.public_keys(district):
            state = f"retired {key.retired_at:%Y-%m-%d %H:%M}" if key.retired_at else "active"
            self.stdout.write(
                f"{key.key_id}  {key.public_key}  created {key.created_at:%Y-%m-%d %H:%M}  {state}"
            )
