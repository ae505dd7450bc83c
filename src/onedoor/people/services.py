"""Writes of people data: registering persons and enterprises (one by one or a whole register at once),
adding and revoking verified records, and logging each use of a record. Atomic, audited, one district."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from onedoor.core import clock, writebehind
from onedoor.core.audit import audit, audit_record
from onedoor.core.errors import Conflict, DomainError
from onedoor.people.idnumbers import lazy_format, today_in_china
from onedoor.people.models import (
    AccessKind,
    DataAccess,
    Enterprise,
    Person,
    SourceKind,
    TrustLevel,
    VerifiedRecord,
)
from onedoor.people.validation import Problem, clean_enterprise, clean_person

IMPORT_BATCH = 1000
LOOKUP_CHUNK = 500
MAX_LISTED_PROBLEMS = 500


def _cross_district() -> DomainError:
    return DomainError("cross_district", _("Everything involved must belong to the same district."))


def _same_district(district, *objects) -> None:
    """Refuse any staff member, department or holder from another district (None means not involved)."""
    for obj in objects:
        if obj is not None and getattr(obj, "district_id", None) != district.id:
            raise _cross_district()


def _refuse(problems: list[Problem]) -> None:
    if problems:
        first = problems[0]
        raise DomainError(
            first.code, first.message, field=first.field, problems=[p.as_dict() for p in problems]
        )


# --- persons and enterprises ----------------------------------------------------------------------


@transaction.atomic
def person_register(
    *, district, id_number: str, name: str, phone: str = "", address: str = "", identity_level: int = 2, actor
) -> Person:
    """Register one natural person under their resident ID number (birth date, sex, region derived)."""
    _same_district(district, actor)
    values = {"id_number": id_number, "name": name, "phone": phone, "address": address}
    cleaned, problems = clean_person({**values, "identity_level": identity_level})
    _refuse(problems)
    exists = _("A person with this ID number is already registered.")
    if Person.objects.filter(district=district, id_number=cleaned["id_number"]).exists():
        raise Conflict("person_exists", exists, field="id_number")
    try:
        with transaction.atomic():
            person = Person.objects.create(district=district, **cleaned)
    except IntegrityError:  # registered by someone else a moment ago
        raise Conflict("person_exists", exists, field="id_number") from None
    audit(district=district, actor=actor, action="person.registered", obj=person)
    return person


@transaction.atomic
def enterprise_register(
    *,
    district,
    uscc: str,
    name: str,
    legal_representative: str = "",
    representative_id_number: str = "",
    phone: str = "",
    address: str = "",
    industry: str = "",
    actor,
) -> Enterprise:
    """Register one legal person under its unified social credit code."""
    _same_district(district, actor)
    cleaned, problems = clean_enterprise(
        {
            "uscc": uscc,
            "name": name,
            "legal_representative": legal_representative,
            "representative_id_number": representative_id_number,
            "phone": phone,
            "address": address,
            "industry": industry,
        }
    )
    _refuse(problems)
    exists = _("An enterprise with this unified social credit code is already registered.")
    if Enterprise.objects.filter(district=district, uscc=cleaned["uscc"]).exists():
        raise Conflict("enterprise_exists", exists, field="uscc")
    try:
        with transaction.atomic():
            enterprise = Enterprise.objects.create(district=district, **cleaned)
    except IntegrityError:
        raise Conflict("enterprise_exists", exists, field="uscc") from None
    audit(district=district, actor=actor, action="enterprise.registered", obj=enterprise)
    return enterprise


def _existing(model, district, field: str, numbers: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(numbers), LOOKUP_CHUNK):
        chunk = numbers[start : start + LOOKUP_CHUNK]
        found.update(
            model.objects.filter(district=district, **{f"{field}__in": chunk}).values_list(field, flat=True)
        )
    return found


def _import(*, model, district, rows, actor, clean, field: str, first_row: int, action: str, today):
    """Validate every row, then write all of them or none. Rows are numbered from `first_row`."""
    _same_district(district, actor)
    today = today or today_in_china()  # once for the whole register, not once a row
    problems: list[dict[str, Any]] = []
    cleaned_rows: list[tuple[int, dict]] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=first_row):
        cleaned, row_problems = clean(row, today=today)
        key = cleaned[field]
        if not row_problems and key in seen:
            message = lazy_format(_("The same number is already on row %(row)s."), {"row": seen[key]})
            row_problems.append(Problem(field, "duplicate_in_file", message))
        seen.setdefault(key, number)
        problems.extend(p.as_dict(number) for p in row_problems)
        cleaned_rows.append((number, cleaned))
    already = _existing(model, district, field, [c[field] for _n, c in cleaned_rows])
    for number, cleaned in cleaned_rows:
        if cleaned[field] in already:
            message = _("This number is already registered.")
            problems.append(Problem(field, "already_registered", message).as_dict(number))
    if problems:
        problems.sort(key=lambda p: p["row"])
        rows_with_problems = len({p["row"] for p in problems})
        raise DomainError(
            "import_invalid",
            lazy_format(
                _("Nothing was imported: %(count)s rows have problems."), {"count": rows_with_problems}
            ),
            problems=problems[:MAX_LISTED_PROBLEMS],
            problem_count=len(problems),
        )
    created = model.objects.bulk_create(
        (model(district=district, **cleaned) for _n, cleaned in cleaned_rows), batch_size=IMPORT_BATCH
    )
    audit(
        district=district,
        actor=actor,
        action=action,
        object_type=model._meta.label_lower,
        data={"count": len(created)},
    )
    return created


@transaction.atomic
def persons_import(
    *, district, rows: Iterable[Mapping[str, Any]], actor, first_row: int = 1, today: date | None = None
) -> list[Person]:
    """Import a population register: rows of id_number, name and optionally phone, address, identity_level.

    Every row is checked first; if any is wrong, DomainError `import_invalid` lists each row's problems and
    nothing is written. Rows are held in memory: feed a very large register in chunks of ~10,000 rows.
    """
    return _import(
        model=Person,
        district=district,
        rows=rows,
        actor=actor,
        clean=clean_person,
        field="id_number",
        first_row=first_row,
        action="persons.imported",
        today=today,
    )


@transaction.atomic
def enterprises_import(
    *, district, rows: Iterable[Mapping[str, Any]], actor, first_row: int = 1, today: date | None = None
) -> list[Enterprise]:
    """Import a register of legal persons: rows of uscc, name and optionally the other Enterprise fields."""
    return _import(
        model=Enterprise,
        district=district,
        rows=rows,
        actor=actor,
        clean=clean_enterprise,
        field="uscc",
        first_row=first_row,
        action="enterprises.imported",
        today=today,
    )


# --- verified records -----------------------------------------------------------------------------


def _check_record(*, person, enterprise, record_type, payload, source_kind, trust_level, verified_by, valid):
    if (person is None) == (enterprise is None):
        raise DomainError("record_holder", _("A record belongs to exactly one person or one enterprise."))
    if not record_type or len(record_type) > 40:
        raise DomainError("record_type", _("Give the record type (at most 40 characters)."))
    if not isinstance(payload, dict):
        raise DomainError("record_payload", _("A record's payload is a set of named values."))
    if source_kind not in SourceKind.values:
        raise DomainError("record_source", _("The source is a case, a department or a document."))
    if trust_level not in TrustLevel.values:
        raise DomainError("trust_level", _("The trust level is A, B, C or D."))
    if trust_level == TrustLevel.B and verified_by is None:
        raise DomainError(
            "verifier_required", _("A level-B record names the staff member who checked the original.")
        )
    valid_from, valid_until = valid
    if valid_from and valid_until and valid_until < valid_from:
        raise DomainError("record_validity", _("A record cannot expire before it becomes valid."))


def record_add(
    *,
    district,
    person: Person | None = None,
    enterprise: Enterprise | None = None,
    record_type: str,
    payload: dict,
    source_kind: str,
    source_ref: str = "",
    source_department=None,
    trust_level: str,
    valid_from: date | None = None,
    valid_until: date | None = None,
    verified_by=None,
    actor,
) -> VerifiedRecord:
    """Keep something a person or enterprise proved once, with its source and trust level (数据沉淀)."""
    record = {
        "person": person,
        "enterprise": enterprise,
        "record_type": record_type,
        "payload": payload,
        "source_kind": source_kind,
        "source_ref": source_ref,
        "source_department": source_department,
        "trust_level": trust_level,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "verified_by": verified_by,
    }
    return records_add(district=district, records=[record], actor=actor)[0]


def records_add(*, district, records: list[dict], actor) -> list[VerifiedRecord]:
    """`record_add` for several records at once (an acceptance's originals checked at the window): the same
    checks and one audit record each, written in two statements. Each dict has record_add's arguments."""
    rows = []
    for spec in records:
        record_type = (spec.get("record_type") or "").strip()
        valid = (spec.get("valid_from"), spec.get("valid_until"))
        _check_record(
            person=spec.get("person"),
            enterprise=spec.get("enterprise"),
            record_type=record_type,
            payload=spec.get("payload"),
            source_kind=spec.get("source_kind"),
            trust_level=spec.get("trust_level"),
            verified_by=spec.get("verified_by"),
            valid=valid,
        )
        _same_district(
            district,
            spec.get("person"),
            spec.get("enterprise"),
            spec.get("source_department"),
            spec.get("verified_by"),
            actor,
        )
        rows.append(
            VerifiedRecord(
                district=district,
                person=spec.get("person"),
                enterprise=spec.get("enterprise"),
                record_type=record_type,
                payload=spec["payload"],
                source_kind=spec["source_kind"],
                source_ref=(spec.get("source_ref") or "")[:120],
                source_department=spec.get("source_department"),
                trust_level=spec["trust_level"],
                valid_from=valid[0],
                valid_until=valid[1],
                verified_by=spec.get("verified_by"),
            )
        )
    if not rows:
        return []
    # Checked before writing, so no savepoint is needed: inside a caller's transaction the records and their
    # audit roll back with it; alone, they are one transaction.
    with transaction.atomic(savepoint=False):
        writebehind.insert_now(*rows)
        writebehind.insert(
            *[
                audit_record(
                    district=district,
                    actor=actor,
                    action="record.added",
                    obj=record,
                    data={
                        "type": record.record_type,
                        "trust_level": record.trust_level,
                        "source": record.source_kind,
                        "ref": record.source_ref,
                    },
                )
                for record in rows
            ]
        )
    return rows


@transaction.atomic
def record_revoke(*, record: VerifiedRecord, reason: str, actor) -> VerifiedRecord:
    """Withdraw a record (e.g. a licence cancelled, a promise found false). It stays, marked revoked."""
    record = VerifiedRecord.objects.select_for_update().get(pk=record.pk)
    _same_district(record.district, actor)
    if not (reason or "").strip():
        raise DomainError("reason_required", _("Say why the record is revoked."))
    if record.revoked_at is not None:
        raise Conflict("record_revoked", _("This record has already been revoked."))
    record.revoked_at = timezone.now()
    record.save(update_fields=["revoked_at"])
    audit(district=record.district, actor=actor, action="record.revoked", obj=record, reason=reason.strip())
    return record


def record_is_current(record: VerifiedRecord, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    if record.revoked_at is not None:
        return False
    if record.valid_from and record.valid_from > today:
        return False
    return not (record.valid_until and record.valid_until < today)


def record_use(
    *, staff, department, record: VerifiedRecord, purpose: str, channel: str = "service"
) -> DataAccess:
    """A department uses a record instead of asking for the paper again; logged so the person can see it (one
    row: no transaction of its own is needed)."""
    purpose = (purpose or "").strip()
    if not purpose:
        raise DomainError("purpose_required", _("Say why the data is needed."))
    if len(purpose) > 200:
        raise DomainError("purpose_too_long", _("Keep the purpose under 200 characters."))
    if any(o is not None and o.district_id != record.district_id for o in (staff, department)):
        raise _cross_district()
    if not record_is_current(record, clock.localdate()):  # the services' clock: a generated past, too
        raise DomainError(
            "record_not_current", _("This record is revoked or not valid today and cannot be used.")
        )
    access = DataAccess(
        district_id=record.district_id,
        kind=AccessKind.USE,
        staff=staff,
        department=department,
        person_id=record.person_id,
        enterprise_id=record.enterprise_id,
        record=record,
        purpose=purpose,
        channel=channel[:20],
    )
    writebehind.insert(access)
    return access
