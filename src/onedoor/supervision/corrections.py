"""Corrections of trail errors (差错可纠): a new trail entry of action `correct`, linked to the entry it
corrects, never an edit (the trail's rows are append-only and hash-chained, so `trail_verify` still holds).

Who may correct
    A supervisor of the case's district; the approver or chief representative of the case's department (the
    department answers for its own records). Nobody corrects an entry they made themselves, nor names
    themselves as the one who really acted: a correction that shifts responsibility needs a second person.

What may be corrected
    The officer recorded (`actor`: a staff member of the district), the time (`at`: between the entries
    before and after it, not in the future), the reason written (`reason`), the centre (`centre`: a centre
    code of the district) and the window (`window`: its number at that centre). A correction names every
    changed field with its value before and after; a later correction of the same field supersedes an
    earlier one, and both stay on the trail. Each correction is audited.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onedoor.cases.models import Case, TrailEntry
from onedoor.cases.trail import trail_append
from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.districts.models import Centre, Staff, Window
from onedoor.supervision import access
from onedoor.supervision.trace import CORRECT, CORRECTABLE, Step, apply_corrections

REASON_MAX = 1000


def trail_correct(*, case: Case, entry_seq: int, staff, reason: str, corrected_fields: dict) -> TrailEntry:
    """Append a `correct` entry for entry `entry_seq` of `case`; returns the new entry."""
    role = access.access_correct(staff, case)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("reason_required", _("Say why the entry is corrected; it is recorded."))
    if len(reason) > REASON_MAX:
        raise DomainError("reason_too_long", _("Keep the reason under 1000 characters."))
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)  # one append at a time per case
        entries = list(
            TrailEntry.objects.filter(case=case).select_related("centre", "window").order_by("seq")
        )
        target = next((e for e in entries if e.seq == entry_seq), None)
        if target is None:
            raise NotFound("entry_not_found", _("This case has no trail entry with that number."))
        if target.action == CORRECT:
            raise DomainError(
                "correction_of_correction",
                _("A correction is not corrected: correct the original entry again."),
            )
        if target.actor_id is not None and target.actor_id == staff.pk:
            raise Forbidden("own_entry", _("Nobody corrects an entry they made themselves."))
        current = _effective(entries)[entry_seq]
        fields, extra = _changes(case, entries, target, current, staff, corrected_fields or {})
        entry = trail_append(
            case=case,
            actor=staff,
            role=role,
            action=CORRECT,
            from_status=case.status,
            to_status=case.status,
            reason=reason,
            payload={"corrects": entry_seq, "fields": fields, **extra},
            centre=staff.centre,
            after=entries[-1],
        )
        from onedoor.supervision.models import TrailCorrection  # noqa: PLC0415 (models after the app loads)

        TrailCorrection.objects.create(
            district_id=case.district_id,
            case=case,
            corrected_seq=entry_seq,
            entry_seq=entry.seq,
            at=entry.at,
            corrected_by=staff,
            department_id=case.department_id,
            fields=fields,
            reason=reason,
        )
        audit(
            district=case.district,
            actor=staff,
            action="trail.correct",
            obj=case,
            reason=reason,
            data={"corrects": entry_seq, "entry": entry.seq, "fields": fields},
        )
        return entry


def as_step(entry: TrailEntry) -> Step:
    """A trail row as the trace reads it (centre and window by their labels)."""
    return Step(
        seq=entry.seq,
        at=entry.at,
        action=entry.action,
        from_status=entry.from_status,
        to_status=entry.to_status,
        actor=entry.actor_label,
        actor_id=entry.actor_id,
        role=entry.role,
        centre=entry.centre.name if entry.centre_id else "",
        window=entry.window.number if entry.window_id else "",
        reason=entry.reason,
        payload=entry.payload or {},
        centre_id=entry.centre_id,
    )


def _effective(entries) -> dict[int, Step]:
    steps, _originals, _corrections = apply_corrections([as_step(e) for e in entries])
    return {s.seq: s for s in steps}


def _changes(case, entries, target, current: Step, staff, wanted: dict) -> tuple[dict, dict]:
    unknown = sorted(set(wanted) - set(CORRECTABLE))
    if unknown:
        raise DomainError(
            "not_correctable",
            _("Only the officer, time, reason, centre and window of an entry can be corrected."),
            fields=unknown,
        )
    fields, extra = {}, {}
    for name in CORRECTABLE:
        if name not in wanted or wanted[name] in (None, ""):
            continue
        before, after, more = _CHECKS[name](case, entries, target, current, staff, wanted[name])
        if after != before:
            fields[name] = {"from": before, "to": after}
            extra.update(more)
    if not fields:
        raise DomainError(
            "nothing_changed", _("The correction changes nothing: give at least one new value.")
        )
    return fields, extra


def _actor(case, entries, target, current, staff, value):
    officer = Staff.objects.filter(district_id=case.district_id, username=str(value).strip()).first()
    if officer is None:
        raise DomainError("unknown_officer", _("No staff member with this username in the district."))
    if officer.pk == staff.pk:
        raise Forbidden("own_entry", _("Nobody names themselves as the one who acted: ask a colleague."))
    return current.actor, officer.username, {"actor_id": officer.pk}


def _at(case, entries, target, current, staff, value):
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).strip())
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise DomainError("bad_time", _("Give the time as a date and time with its zone."))
    effective = _effective(entries)
    ordinary = [e.seq for e in entries if e.action != CORRECT]
    position = ordinary.index(target.seq)
    before = effective[ordinary[position - 1]].at if position else None
    after = effective[ordinary[position + 1]].at if position + 1 < len(ordinary) else clock.now()
    if (before is not None and moment < before) or moment > after:
        raise DomainError(
            "time_out_of_order",
            _("The corrected time must lie between the entries before and after it, and not in the future."),
        )
    return current.at.isoformat(), moment.isoformat(), {}


def _reason(case, entries, target, current, staff, value):
    text = str(value).strip()
    if len(text) > REASON_MAX:
        raise DomainError("reason_too_long", _("Keep the reason under 1000 characters."))
    return current.reason, text, {}


def _centre(case, entries, target, current, staff, value):
    centre = Centre.objects.filter(district_id=case.district_id, code=str(value).strip()).first()
    if centre is None:
        raise DomainError("unknown_centre", _("No centre with this code in the district."))
    return current.centre, centre.name, {"centre_id": centre.pk}


def _window(case, entries, target, current, staff, value):
    centre_id = current.centre_id or case.centre_id
    window = Window.objects.filter(centre_id=centre_id, number=str(value).strip()).first()
    if window is None:
        raise DomainError("unknown_window", _("No window with this number at the entry's centre."))
    return current.window, window.number, {"window_id": window.pk}


_CHECKS = {"actor": _actor, "at": _at, "reason": _reason, "centre": _centre, "window": _window}
