"""`python -m onedoor.idp <django command>` — e.g. `migrate`, `idp_seed …`, `runserver 127.0.0.1:8300`."""

import os
import sys

from django.core.management import execute_from_command_line


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "onedoor.idp.settings"
    execute_from_command_line([sys.argv[0], *sys.argv[1:]])


if __name__ == "__main__":
    main()
