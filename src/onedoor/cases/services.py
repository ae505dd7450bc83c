"""Accepting a case at any window or channel (受理). Every write of the case spine goes through this module
or `actions.py`: atomic, validated, with a trail entry in the same transaction, and leaving the case's stored
API answer (`shown.py`) current in that transaction."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onedoor.cases import deadlines, ledger_events, shown, signatures, workflow
from onedoor.cases.certificates import certificate_issue
from onedoor.cases.materials import (
    LATER,
    RECEIVED,
    WAIVED,
    plan,
    refuse_unknown_criteria,
    refuse_unknown_materials,
)
from onedoor.cases.models import Case, CaseMaterial, Channel, IdempotencyKey, Mode, StageResult, Status
from onedoor.cases.originals import settle_originals
from onedoor.cases.trail import FIRST, trail_append
from onedoor.catalog import selectors as catalog_selectors
from onedoor.core import clock, config_cache, rawrows, writebehind
from onedoor.core.errors import Conflict, DomainError, Forbidden, NotFound
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import Centre, Role
from onedoor.districts.selectors import access_staff_district, staff_centre
from onedoor.integrations import outbox
from onedoor.integrations.models import Event
from onedoor.people import idnumbers
from onedoor.people import services as people_services
from onedoor.people.credit import trust_refusal
from onedoor.people.models import Enterprise, Person, VerifiedRecord
from onedoor.tickets.services import ticket_link_case

COMMITMENT = (
    "本人承诺所填写的信息及所提交的材料真实、准确、完整，已知晓告知承诺的内容：以下材料以承诺替代提交：{waived}。"
    "如有虚假承诺，行政机关将依法撤销办理结果，并记入本人信用记录，由本人承担相应法律责任。"
)


@dataclass
class Acceptance:
    case: Case
    replayed: bool = False
    problems: list = field(default_factory=list)
    certificate: object = None  # the result issued at the window (instant, trust first)


def request_digest(data) -> str:
    """What an Idempotency-Key remembers of its request: the same key with another digest is a conflict."""
    return hashlib.sha256(
        json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()
    ).hexdigest()


# PostgreSQL and SQLite (3.35+) both take this upsert; the table is CaseCounter's.
_NEXT_NUMBER_SQL = (
    "INSERT INTO cases_casecounter (district_id, day, last) VALUES (%s, %s, 1) "
    "ON CONFLICT (district_id, day) DO UPDATE SET last = cases_casecounter.last + 1 RETURNING last"
)


def case_number(*, district, at) -> str:
    """`<region code>-<YYYYMMDD>-<5-digit sequence of the day>`, e.g. 440604-20261126-00042 (local date).

    One statement takes the next number of the day: an upsert on the day's counter row, which also holds
    the row's lock until the transaction ends, so two windows never get the same number."""
    day = timezone.localdate(at)
    with connection.cursor() as cursor:
        cursor.execute(_NEXT_NUMBER_SQL, [district.pk, connection.ops.adapt_datefield_value(day)])
        last = cursor.fetchone()[0]
    return f"{district.code}-{day:%Y%m%d}-{last:05d}"


def _opening_read(staff, district, key: str | None, number) -> tuple:
    """(configuration generation, whether `key` was used, the applicant's row or None): what every acceptance
    reads first, in one statement (written out: three ORM queries cost more than the database's work)."""
    used = 'EXISTS (SELECT 1 FROM cases_idempotencykey WHERE staff_id = %s AND "key" = %s)' if key else "0"
    params = [staff.pk, key] if key else []
    sql = f"SELECT ({config_cache.GENERATION_SQL}), {used}"
    model = None
    if number.valid:
        model, column = (Person, "id_number") if number.kind == "resident" else (Enterprise, "uscc")
        sql += (
            f", {rawrows.columns(model, 't')} FROM (SELECT 1 AS one) o "
            f"LEFT JOIN {model._meta.db_table} t ON t.district_id = %s AND t.{column} = %s"
        )
        params += [district.pk, number.number]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    holder = rawrows.instance(model, row, 2)[0] if model is not None and row[2] is not None else None
    return row[0], bool(row[1]), holder


def _applicant(*, staff, district, number, given: str, name: str, found):
    """(person, enterprise) for the checked ID number or credit code; `found`: its row, if the district has it.
    A person new to the district is registered here, with the window's check of their ID card."""
    if not number.valid:
        raise DomainError("invalid_number", number.message, number=given)
    if number.kind == "resident":
        person = found
        if person is None:
            if not name.strip():
                raise NotFound(
                    "applicant_unknown",
                    _("No person with this ID number is registered yet: give the name to register them."),
                )
            person = people_services.person_register(
                district=district, id_number=number.number, name=name.strip(), identity_level=5, actor=staff
            )
            people_services.record_add(
                district=district,
                person=person,
                record_type="id_card",
                payload={"checked": "counter"},
                source_kind="document",
                source_ref="居民身份证（窗口核验）",
                trust_level="B",
                verified_by=staff,
                actor=staff,
            )
        return person, None
    if found is None:
        raise NotFound(
            "applicant_unknown", _("No enterprise with this credit code is registered in the district.")
        )
    return None, found


# What deciding a material needs of a record (not its payload).
_RECORD_FIELDS = (
    *("id", "district_id", "person_id", "enterprise_id", "record_type", "source_kind", "source_ref"),
    *("source_department_id", "trust_level", "valid_from", "valid_until", "verified_by_id", "verified_at"),
    "revoked_at",
)


def _records_by_type(district, person, enterprise, types=None) -> dict:
    """{record type: the holder's best current record}, level A before B, newest first. `types` limits the
    read to the record types that can waive something (an item's settled materials): none, no query.

    Written out (without the payload): the ORM took longer to build this query than the database to run it.
    The conditions are `people.services.record_is_current`'s, on the services' clock."""
    if (types is not None and not types) or (person is None and enterprise is None):
        return {}
    holder = ("person_id", person.pk) if person is not None else ("enterprise_id", enterprise.pk)
    today = connection.ops.adapt_datefield_value(clock.localdate())
    sql = (
        f"SELECT {rawrows.columns(VerifiedRecord, 'r', _RECORD_FIELDS)} FROM people_verifiedrecord r "  # noqa: S608 (fixed names; the values are parameters)
        f"WHERE r.district_id = %s AND r.{holder[0]} = %s AND r.revoked_at IS NULL "
        "AND (r.valid_from IS NULL OR r.valid_from <= %s) AND (r.valid_until IS NULL OR r.valid_until >= %s)"
    )
    params = [district.pk, holder[1], today, today]
    if types is not None:
        sql += f" AND r.record_type IN ({', '.join(['%s'] * len(types))})"
        params += sorted(types)
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY r.trust_level, r.verified_at DESC", params)
        rows = cursor.fetchall()
    found: dict = {}
    for row in rows:
        record = rawrows.instance(VerifiedRecord, row, 0, _RECORD_FIELDS)[0]
        found.setdefault(record.record_type, record)
    return found


def settled_records(district, person, enterprise=None) -> dict:
    """{record type: the holder's best current verified record}: what waives a settled material (数据沉淀)."""
    return _records_by_type(district, person, enterprise)


def _waiving_types(materials) -> set:
    """The record types that can stand in for one of these materials (`materials.plan` looks no further)."""
    return {m.record_type for m in materials if m.source == "settled" and m.record_type}


def _centre(staff, district, centre_code: str | None, snapshot) -> Centre:
    if centre_code:
        centre = snapshot.get(
            ("centre", district.pk, centre_code),
            lambda: Centre.objects.filter(district=district, code=centre_code).first(),
        )
        if centre is None:
            raise NotFound("centre_not_found", _("No such centre in this district."), centre=centre_code)
        if staff.centre_id is not None and centre.pk != staff.centre_id:
            # staff take applications where they are posted: naming another centre would borrow its level
            raise Forbidden(
                "not_your_centre",
                _("You accept applications only at the centre you are posted at."),
                centre=centre_code,
            )
        return centre
    if staff.centre_id is None:
        raise DomainError("centre_required", _("Say at which centre the application is taken."))
    return staff_centre(staff, snapshot)


def _check_item(version, centre, subject_kind: str, mode: str, refusal) -> None:
    """`refusal` is called only when the mode needs it (trust first, gaps): a normal case reads no credit."""
    if version.levels and centre.level not in version.levels:
        raise DomainError(
            "level_not_allowed", _("This item is not handled at this centre's level."), level=centre.level
        )
    wanted = "resident" if version.item.subject == "person" else "uscc"
    if subject_kind != wanted:
        raise DomainError(
            "wrong_subject", _("This item is for the other kind of applicant (person / enterprise).")
        )
    if mode == Mode.TRUST_FIRST and not version.trust_first:
        raise DomainError("trust_first_not_allowed", _("This item does not allow trust first (告知承诺)."))
    if mode == Mode.WITH_GAPS and not version.accept_with_gaps:
        raise DomainError("gaps_not_allowed", _("This item does not allow accepting with gaps (容缺受理)."))
    if mode in (Mode.TRUST_FIRST, Mode.WITH_GAPS):
        reason = refusal()
        if reason:
            raise DomainError("trust_refused", reason)


def case_accept(
    *,
    staff,
    item_code: str,
    applicant: str,
    materials: list[dict] | None = None,
    mode: str = Mode.NORMAL,
    channel: str = "window",
    centre: str | None = None,
    window=None,
    applicant_name: str = "",
    commitment_signed: bool = False,
    commitment_signature: int | None = None,
    idempotency_key: str | None = None,
) -> Acceptance:
    """Accept one application. With an idempotency key the same request returns the same case.

    Trust first needs the applicant's signed commitment: signed by hand on the window's pad
    (`commitment_signature`, the id of a `signatures.signature_request` the applicant signed), or on paper,
    which the window confirms (`commitment_signed`)."""
    district = access_staff_district(staff)
    if not staff.has_role(Role.WINDOW_GENERALIST):
        raise Forbidden("role_required", _("Only a window generalist accepts applications."))
    if mode not in Mode.values:
        raise DomainError("bad_mode", _("Unknown mode."), mode=mode)
    if channel not in Channel.values:
        raise DomainError(
            "bad_channel", _("Unknown channel: window, online, mobile, kiosk or api."), channel=channel
        )
    request = {
        "item": item_code,
        "applicant": applicant,
        "materials": materials or [],
        "mode": mode,
        "channel": channel,
        "centre": centre,
        "name": applicant_name,
        "commitment": commitment_signed,
        "signature": commitment_signature,
    }
    try:
        with transaction.atomic(), writebehind.deferred():
            return _accept(staff, district, request, window, idempotency_key)
    except IntegrityError:
        if not idempotency_key:
            raise
        return _replay(staff, idempotency_key, request_digest(request))
    except Conflict as error:
        # The same request sent twice at once: the first took the pad's signature and committed while this
        # one waited for it, so the answer is the first one's case.
        if error.code != "signature_used" or not idempotency_key:
            raise
        if not IdempotencyKey.objects.filter(staff=staff, key=idempotency_key).exists():
            raise
        return _replay(staff, idempotency_key, request_digest(request))


def _replay(staff, key: str, request_hash: str) -> Acceptance:
    used = IdempotencyKey.objects.filter(staff=staff, key=key).select_related("case").first()
    if used is None:
        raise Conflict("idempotency_race", _("The same request is being processed; retry in a moment."))
    if used.request_hash != request_hash:
        raise Conflict("idempotency_key_reused", _("This Idempotency-Key was used for a different request."))
    return Acceptance(case=used.case, replayed=True)


def _accept(staff, district, request: dict, window, key: str | None) -> Acceptance:
    request_hash = request_digest(request)
    number = idnumbers.identify(request["applicant"])
    generation, used, found = _opening_read(staff, district, key, number)
    if used:
        return _replay(staff, key, request_hash)
    # item, centre, calendar, routes and key: read once per change of them
    snapshot = config_cache.Snapshot(generation)
    version = catalog_selectors.item_detail(district, request["item"], snapshot)
    centre = _centre(staff, district, request["centre"], snapshot)
    person, enterprise = _applicant(
        staff=staff,
        district=district,
        number=number,
        given=request["applicant"],
        name=request["name"],
        found=found,
    )
    mode = request["mode"]
    _check_item(
        version,
        centre,
        number.kind,
        mode,
        lambda: trust_refusal(district=district, person=person, enterprise=enterprise),
    )
    submitted = {m.get("code"): m for m in request["materials"] if isinstance(m, dict)}
    materials = list(version.materials.all())
    _check_submitted(materials, submitted)
    records = _records_by_type(district, person, enterprise, _waiving_types(materials))
    lines, problems = plan(
        materials=materials,
        records_by_type=records,
        submitted=submitted,
        mode=mode,
    )
    if request["channel"] != Channel.WINDOW:  # only a window's generalist holds the originals in hand
        for line in lines:
            line.checked_original = False
    if problems:
        raise DomainError(
            "materials_incomplete",
            _("Some materials are missing or do not meet their criteria; everything missing is listed."),
            problems=[p.__dict__ for p in problems],
        )
    if mode == Mode.TRUST_FIRST and not (request["commitment"] or request["signature"]):
        raise DomainError("commitment_required", _("Trust first needs the applicant's signed commitment."))
    now = clock.now()
    stages = [[s.code, s.share] for s in version.stages.all()]
    calendar = calendar_for(district, snapshot)
    instant = version.is_instant
    at_window = instant or mode == Mode.TRUST_FIRST  # finished at the window: the result is issued at once
    first = workflow.first_status([c for c, _s in stages])
    case = Case(
        district=district,
        number=case_number(district=district, at=now),
        item=version.item,
        version=version,
        department=version.item.department,
        person=person,
        enterprise=enterprise,
        applicant_number=number.number,
        applicant_name=(person or enterprise).name,
        mode=mode,
        instant=instant,
        channel=request["channel"],
        centre=centre,
        window=window,
        accepted_by=staff,
        accepted_at=now,
        status=Status.COMPLETED if at_window else first,
        closed_at=now if at_window else None,
        stages=stages,
        promised_days=version.promised_limit,
        legal_days=version.legal_limit,
        deadline=deadlines.case_deadline(calendar, now, version.promised_limit),
    )
    if not at_window:  # the first stage's own time limit, from its share of the promised days
        case.stage_deadline = deadlines.current_stage_deadline(
            calendar, now, version.promised_limit, stages, first
        )
    if any(line.status == LATER for line in lines):
        case.gaps_deadline = deadlines.gaps_deadline(
            calendar, now, version.promised_limit, version.promised_limit
        )
    signature = None
    if mode == Mode.TRUST_FIRST:
        waived = [line.name for line in lines if line.waived_reason == "commitment"]
        case.commitment_text, case.commitment_signed_at = commitment_words(waived), now
        case.post_review_deadline = calendar.add_working_days(now, max(version.legal_limit, 20))
        if request["signature"]:  # signed by hand on the window's pad: that signature, at its time
            signature = signatures.signature_take(
                district=district,
                signature_id=request["signature"],
                window=window,
                applicant_number=number.number,
                version=version,
                text=case.commitment_text,
            )
            case.commitment_signed_at = signature.signed_at
    # A result issued at the window gets its id now, so the stored answer is written with the row (shown.py).
    certificate_id = uuid.uuid4() if at_window else None
    case.shown = shown.text_of(case, materials=lines, certificate_id=certificate_id)
    writebehind.insert_now(case)
    if signature is not None:
        signature.case = case
        writebehind.update(signature, ["case"])
    _save_materials(case, lines, staff, version)
    result = Acceptance(case=case)
    _log_reuse(case, lines, records, staff)
    accepted = trail_append(
        case=case,
        actor=staff,
        role=Role.WINDOW_GENERALIST,
        action="accept",
        from_status="",
        to_status=first,
        centre=centre,
        window=window,
        reason="",
        payload={
            "mode": mode,
            "materials": {line.code: line.status for line in lines},
            "waived": {line.code: line.record_id for line in lines if line.status == WAIVED},
            **({"signature": signature.digest} if signature is not None else {}),
        },
        at=now,
        after=FIRST,
        snapshot=snapshot,
    )
    outbox.emit(
        case,
        Event.ACCEPTED,
        {
            "materials": {line.code: line.status for line in lines},
            "criteria": {cid: met for line in lines for cid, met in line.criteria.items()},
        },
        snapshot,
    )
    if window is not None:  # the visitor the window called: their ticket now names the case
        ticket_link_case(window=window, case=case)
    if mode == Mode.TRUST_FIRST:  # late in the transaction: the log's head stays locked until commit
        ledger_events.commitment_signed(case)
    if at_window:
        result.certificate = _finish_at_window(
            case, staff, lines, centre, window, first, accepted, snapshot, certificate_id
        )
        outbox.emit(
            case,
            Event.DECIDED,
            {"outcome": "completed", "at_window": True, "certificate": str(result.certificate.public_id)},
            snapshot,
        )
    if key:
        # Last, with the case: a concurrent twin of this request fails here on the unique key, rolls back
        # everything it wrote, and answers with this case (see case_accept).
        writebehind.insert(
            IdempotencyKey(district=district, staff=staff, key=key, request_hash=request_hash, case=case)
        )
    return result


def _check_submitted(materials, submitted: dict) -> None:
    """Every material code and criterion id sent must be the item's: a typo would otherwise be dropped silently
    and the material counted as not brought."""
    known = {m.code: {c["id"] for c in m.criteria or []} for m in materials}
    refuse_unknown_materials([code for code in submitted if code not in known])
    refuse_unknown_criteria(
        [
            f"{code}:{cid}"
            for code, given in submitted.items()
            for cid in (given.get("criteria") or {})
            if cid not in known[code]
        ]
    )


def _save_materials(case, lines, staff, version) -> None:
    by_code = {m.code: m for m in version.materials.all()}
    writebehind.insert(
        *[
            CaseMaterial(
                case=case,
                code=line.code,
                name=line.name,
                status=line.status,
                record_id=line.record_id,
                waived_reason=line.waived_reason,
                criteria=line.criteria,
                checked_original=line.checked_original,
            )
            for line in lines
        ]
    )
    # Each material checked against its original becomes a level-B record of the holder, all in one go.
    settle_originals(
        case,
        [
            (by_code[line.code], line.criteria, line.checked_original)
            for line in lines
            if line.status == RECEIVED
        ],
        staff,
    )


def _log_reuse(case, lines, records: dict, staff) -> None:
    """Each material waived on a settled record is a use of that record by the case's department, logged so
    the holder can see who used what and why (数据沉淀复用留痕)."""
    by_id = {record.pk: record for record in records.values()}
    for line in lines:
        if line.status == WAIVED and line.record_id in by_id:
            people_services.record_use(
                staff=staff,
                department=case.department,
                record=by_id[line.record_id],
                purpose=f"办件 {case.number}：{line.name}免于提交（复用已核验记录）",
                channel=case.channel,
            )


def _finish_at_window(case, staff, lines, centre, window, before: str, accepted, snapshot, certificate_id):
    """即办 / 告知承诺: every stage is done at the window under delegated authority; the result is issued.
    The case row was written completed; this records the stages, the trail entry and the certificate."""
    criteria = {cid: met for line in lines for cid, met in line.criteria.items()}
    now = case.closed_at
    opinion = str(_("Done at the window under delegated authority."))
    writebehind.insert(
        *[
            StageResult(
                case=case,
                stage=code,
                officer=staff,
                officer_label=staff.username,
                role=Role.WINDOW_GENERALIST,
                at=now,
                opinion=opinion,
                criteria=criteria,
                decision="pass",
            )
            for code, _share in case.stages
            if code != "accept"
        ]
    )
    trail_append(
        case=case,
        actor=staff,
        role=Role.WINDOW_GENERALIST,
        action="complete",
        from_status=before,
        to_status=case.status,
        centre=centre,
        window=window,
        reason="即办件：窗口授权办结" if case.instant else "告知承诺：签署承诺后当场出证",
        at=now,
        after=accepted,
        snapshot=snapshot,
    )
    return certificate_issue(case=case, actor=staff, snapshot=snapshot, public_id=certificate_id)


def commitment_words(waived_names: list[str]) -> str:
    """The commitment the applicant signs, naming exactly the materials it replaces (告知承诺书)."""
    return COMMITMENT.format(waived="、".join(waived_names) or "无")


def commitment_names(preview, received: set[str]) -> list[str]:
    """The materials a trust-first commitment replaces, from the window's preview and the materials received:
    neither on file, nor received, nor optional (what `plan` waives by commitment)."""
    return [line.name for line in preview.lines if line.status == "missing" and line.code not in received]


def commitment_for(preview, received: set[str]) -> str:
    """The commitment an acceptance in trust first will record for these materials received."""
    return commitment_words(commitment_names(preview, received))


@dataclass
class Preview:
    """What the window shows before accepting: the item, and per material whether it is on file (waived),
    to bring, or may come later; plus whether trust first / gaps are open to this applicant and why not."""

    version: object
    lines: list
    trust_first_refusal: object = None
    level_allowed: bool = True


def acceptance_preview(
    *, staff, item_code: str, person=None, enterprise=None, mode: str = Mode.NORMAL
) -> Preview:
    """Read-only: nothing is written. The same rules as `case_accept` decide each line."""
    district = access_staff_district(staff)
    version = catalog_selectors.item_detail(district, item_code)
    materials = list(version.materials.all())
    lines, _problems = plan(
        materials=materials,
        records_by_type=_records_by_type(district, person, enterprise, _waiving_types(materials)),
        submitted={},
        mode=mode,
    )
    centre = staff.centre
    return Preview(
        version=version,
        lines=lines,
        trust_first_refusal=trust_refusal(district=district, person=person, enterprise=enterprise),
        level_allowed=not version.levels or (centre is not None and centre.level in version.levels),
    )
