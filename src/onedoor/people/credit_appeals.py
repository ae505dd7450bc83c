"""Appeals against credit records (信用异议): the holder files one with reasons, a supervisor of the district
upholds or rejects it with a reason. Each step appends its own ledger entry (who and why committed by digest)
and an audit record; the credit record itself is never edited — an upheld appeal takes it out of the level's
computation (people/credit_rule.py).

One live appeal per record: a second while one is open (a double submission) is refused, and so is any after
one was upheld; after a rejection the holder may appeal again with new reasons. A decision is taken once."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.core.errors import Conflict, DomainError, Forbidden, NotFound
from onedoor.districts.models import Role
from onedoor.districts.selectors import access_staff_district
from onedoor.ledger.services import ledger_record
from onedoor.people import credit_rule
from onedoor.people.credit import holder_private
from onedoor.people.models import AppealStatus, CreditAppeal, CreditRecord

REASONS_MAX = 2000


def _reasons(text: str, code: str, message) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(code, message)
    if len(text) > REASONS_MAX:
        raise DomainError("too_long", _("Please keep it under %(max)d characters.") % {"max": REASONS_MAX})
    return text


@transaction.atomic
def credit_appeal_file(*, person, record_id, reasons: str, enterprise=None) -> CreditAppeal:
    """`person` appeals a record of their own, or of `enterprise` when they act for it (the caller checked
    that they may)."""
    district = person.district
    holder = (
        {"enterprise": enterprise, "person": None} if enterprise else {"person": person, "enterprise": None}
    )
    record = (
        CreditRecord.objects.select_for_update(of=("self",))
        .select_related("person", "enterprise")
        .filter(district=district, pk=record_id, **holder)
        .first()
    )
    if record is None:
        raise NotFound("credit_record_not_found", _("You have no such credit record."))
    reasons = _reasons(reasons, "reasons_required", _("Say why the record is wrong."))
    live = record.appeals.filter(status__in=[AppealStatus.OPEN, AppealStatus.UPHELD]).first()
    if live is not None:
        raise _already(live)
    now = clock.now()
    index = ledger_record(
        district=district,
        kind="credit.appeal",
        public={"record_entry": record.ledger_index, "rule": credit_rule.RULE},
        private={
            **holder_private(person=record.person, enterprise=record.enterprise),
            "record": record.pk,
            "filed_by": person.id_number,
            "reasons": reasons,
        },
    )
    try:
        with transaction.atomic():
            appeal = CreditAppeal.objects.create(
                district=district,
                record=record,
                filed_by=person,
                reasons=reasons,
                filed_at=now,
                ledger_index=index,
            )
    except IntegrityError:  # the same appeal submitted twice at once: the other one got there first
        raise Conflict("appeal_exists", _("This record already has an open appeal.")) from None
    audit(
        district=district,
        actor=None,
        action="credit.appeal_filed",
        obj=appeal,
        reason=reasons,
        data={"record": record.pk, "person": person.pk, "ledger_index": index},
    )
    return appeal


def _already(appeal: CreditAppeal) -> Conflict:
    if appeal.status == AppealStatus.OPEN:
        return Conflict("appeal_exists", _("This record already has an open appeal."))
    return Conflict("appeal_upheld", _("An appeal against this record was already upheld."))


def access_appeals(staff):
    """The caller's district, when they may decide appeals (supervisors only)."""
    district = access_staff_district(staff)
    if not staff.has_role(Role.SUPERVISOR):
        raise Forbidden("supervisor_required", _("Only supervisors decide credit appeals."))
    return district


def open_appeals(*, staff, limit: int = 200) -> list[CreditAppeal]:
    district = access_appeals(staff)
    return list(
        CreditAppeal.objects.filter(district=district, status=AppealStatus.OPEN)
        .select_related("record__person", "record__enterprise", "filed_by")
        .order_by("filed_at", "id")[:limit]
    )


def decided_appeals(*, staff, limit: int = 20) -> list[CreditAppeal]:
    district = access_appeals(staff)
    return list(
        CreditAppeal.objects.filter(district=district)
        .exclude(status=AppealStatus.OPEN)
        .select_related("record__person", "record__enterprise", "decided_by")
        .order_by("-decided_at", "-id")[:limit]
    )


@transaction.atomic
def credit_appeal_decide(*, staff, appeal_id, upheld: bool, reason: str) -> CreditAppeal:
    district = access_appeals(staff)
    appeal = (
        CreditAppeal.objects.select_for_update(of=("self",))
        .select_related("record__person", "record__enterprise")
        .filter(district=district, pk=appeal_id)
        .first()
    )
    if appeal is None:
        raise NotFound("appeal_not_found", _("There is no such appeal in your district."))
    if appeal.record.recorded_by_id == staff.pk:
        raise Forbidden(
            "own_record", _("The record under appeal was made by you: another supervisor decides the appeal.")
        )
    reason = _reasons(reason, "decision_reason_required", _("Give the reason for the decision."))
    if appeal.status != AppealStatus.OPEN:
        raise Conflict(
            "appeal_decided",
            _("This appeal was already decided (%(status)s); a decision is not taken twice.")
            % {"status": appeal.get_status_display()},
        )
    status = AppealStatus.UPHELD if upheld else AppealStatus.REJECTED
    now = clock.now()
    index = ledger_record(
        district=district,
        kind="credit.appeal_decided",
        public={"appeal_entry": appeal.ledger_index, "outcome": str(status), "rule": credit_rule.RULE},
        private={
            **holder_private(person=appeal.record.person, enterprise=appeal.record.enterprise),
            "record": appeal.record_id,
            "decided_by": staff.username,
            "reason": reason,
        },
    )
    # A conditional update: of two supervisors deciding at once, only one changes the open appeal.
    changed = CreditAppeal.objects.filter(pk=appeal.pk, status=AppealStatus.OPEN).update(
        status=status, decided_by=staff, decided_at=now, decision_reason=reason, decision_ledger_index=index
    )
    if changed != 1:
        raise Conflict("appeal_decided", _("Another supervisor decided this appeal first."))
    appeal.refresh_from_db()
    audit(
        district=district,
        actor=staff,
        action=f"credit.appeal_{status}",
        obj=appeal,
        reason=reason,
        data={"record": appeal.record_id, "ledger_index": index},
    )
    return appeal
