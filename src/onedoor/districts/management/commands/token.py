"""`onedoor token create USERNAME [--name NAME]` — create a personal API token; the token is the last line."""

from django.core.management.base import BaseCommand, CommandError

from onedoor.districts.auth import token_create
from onedoor.districts.models import Staff


class Command(BaseCommand):
    help = "Create a staff member's personal access token for the API (printed once, as the last line)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token")
        create.add_argument("username")
        create.add_argument("--name", default="cli")

    def handle(self, *args, **options):
        staff = Staff.objects.filter(username=options["username"]).select_related("district").first()
        if staff is None:
            raise CommandError(f"no staff account named {options['username']!r}")
        if staff.district_id is None:
            raise CommandError("platform accounts without a district cannot hold API tokens")
        _token, secret = token_create(staff=staff, name=options["name"])
        self.stdout.write(f"Token for {staff.username} ({staff.district.name}); it is shown only once:")
        self.stdout.write(secret)
