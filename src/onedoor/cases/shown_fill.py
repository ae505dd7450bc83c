"""Storing the answer (shown.py) of cases written before `Case.shown` existed: once after the upgrade, in
batches of 500, each batch read in three statements and written in one, in its own transaction. Cases the
services change meanwhile store their own answer."""

from __future__ import annotations

from django.db import transaction

from onedoor.cases import selectors
from onedoor.cases.models import Case

BATCH = 500


def shown_fill(*, district=None, batch: int = BATCH, progress=None) -> int:
    """Store the answer of every case of `district` (default: all) that has none yet; returns how many."""
    cases = Case.objects.filter(shown="")
    if district is not None:
        cases = cases.filter(district=district)
    done, last = 0, 0
    while True:
        ids = list(cases.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch])
        if not ids:
            return done
        with transaction.atomic():
            # Locked, and only while still empty: an action meanwhile has stored the newer answer itself.
            empty = list(
                Case.objects.select_for_update().filter(pk__in=ids, shown="").values_list("pk", flat=True)
            )
            texts = selectors.stored_answers(empty)
            Case.objects.bulk_update([Case(pk=pk, shown=texts[pk]) for pk in empty], ["shown"])
            done += len(empty)
        last = ids[-1]
        if progress:
            progress(done)
