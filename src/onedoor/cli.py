"""`onedoor …` — the project's command line; wraps Django's management commands."""

import os
import sys

# Spelled as the docs spell them; Django's command modules need identifiers.
ALIASES = {"simulate-backends": "simulate_backends"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onedoor.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ALIASES:
        args[0] = ALIASES[args[0]]
    execute_from_command_line(["onedoor", *args])


if __name__ == "__main__":
    main()
