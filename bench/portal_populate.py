"""Fills the portal benchmark's database through the demo generator (`onedoor seed`: the organisation, the
catalog through the importer, persons through the register import, cases through the case services) and prints
one JSON line: the published item codes and (case number, applicant tail) pairs to look up.

    python bench/portal_populate.py PERSONS CASES
"""

from __future__ import annotations

import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onedoor.settings")
django.setup()

from django.core.management import call_command  # noqa: E402

from onedoor.cases.models import Case  # noqa: E402
from onedoor.catalog.models import Item  # noqa: E402


def main() -> None:
    persons, cases = int(sys.argv[1]), int(sys.argv[2])
    with open(os.devnull, "w") as quiet:
        call_command(
            "seed",
            "--persons",
            str(persons),
            "--enterprises",
            str(max(30, persons // 20)),
            "--cases",
            str(cases),
            "--queue-days",  # the queue's history is the queue benchmark's; these pages do not read it
            "0",
            stdout=quiet,
        )
    codes = list(
        Item.objects.filter(district__code="440604", current__isnull=False).values_list("code", flat=True)
    )
    found = Case.objects.filter(district__code="440604").values_list("number", "applicant_number")[:2000]
    print(json.dumps({"items": codes, "cases": [[n, a[-4:]] for n, a in found]}))


if __name__ == "__main__":
    main()
