"""Online application (网上申报) and pre-review (材料预审): start, fill, upload, submit and withdraw for the
citizen; mark each material and return or accept for the window generalist. Every change is audited;
acceptance calls `case_accept`, the window's own service, with the channel recorded.

Rules (documented in docs/online-hall.md):
- depth 1–2 items are not taken online (guide and blank forms only); depth 3 and 4 are;
- items for natural persons by the person who logged in; items for enterprises by an agent acting for an
  enterprise the identity provider vouched for (法定代表人 or 授权经办人); the login's trust level must reach
  the item's minimum, otherwise the citizen is told how to raise it;
- one open application per person and item: starting again continues it;
- materials on file as a settled record (level A/B) need no upload; required and "may be supplied later"
  materials need one online (the window cannot take the rest later), optional ones may have one;
- submitting lists every missing or still-to-fix material at once (一次性告知);
- a pre-review with any "fix needed" returns the application with the comments; with all OK it accepts.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onedoor.applications.models import CHANNELS, EDITABLE_STATUSES, Application, AppStatus, Review, Upload
from onedoor.applications.uploads import check
from onedoor.cases.services import case_accept, settled_records
from onedoor.catalog import selectors as catalog_selectors
from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.core.errors import Conflict, DomainError, Forbidden, NotFound
from onedoor.delivery.services import delivery_choose
from onedoor.districts.models import Role
from onedoor.districts.selectors import access_staff_district
from onedoor.notifications.models import Topic
from onedoor.notifications.services import case_changed, notify

OPEN = (AppStatus.DRAFT, AppStatus.SUBMITTED, AppStatus.FIX_NEEDED)
EDITABLE = EDITABLE_STATUSES
PHONE = re.compile(r"^1[3-9]\d{9}$")
RAISE_LEVEL = {
    3: _("Log in again with the provincial app after matching your ID card to the population register."),
    4: _("Log in with the face check of the provincial app, or have your identity checked at any window."),
    5: _("Have your identity checked at any window with your ID card, or log in with a digital certificate."),
}


def _refuse_level(version, level: int) -> None:
    wanted = version.min_identity_level
    if level < wanted:
        raise Forbidden(
            "identity_level_too_low",
            _("This item needs identity level L%(wanted)s online; you logged in at L%(level)s. %(how)s")
            % {"wanted": wanted, "level": level, "how": RAISE_LEVEL.get(wanted, "")},
            wanted=wanted,
            level=level,
        )


def online_check(version, person, level: int, enterprise=None) -> None:
    """Why this person, logged in at `level` and acting for `enterprise` (or for themselves), may not apply
    for this item online (raises), or nothing."""
    if version.depth < 3:
        raise DomainError(
            "not_online",
            _("This item is not applied for online: read the guide, fill the forms and go to any window."),
        )
    if version.item.subject == "enterprise" and enterprise is None:
        raise DomainError(
            "act_for_enterprise",
            _("This item is for enterprises: on “My cases”, choose the enterprise you act for, then apply."),
        )
    _refuse_level(version, level)


def material_plan(application) -> list[dict]:
    """Each material of the application's item with what it needs online: `on_file` (a settled record
    waives it), `upload` (required or later), `optional`; and the upload given for it, if any."""
    if application.enterprise_id:
        records = settled_records(application.district, None, application.enterprise)
    else:
        records = settled_records(application.district, application.person)
    uploads = {u.code: u for u in application.uploads.all()}
    rows = []
    for m in application.version.materials.all():
        record = records.get(m.record_type) if m.source == "settled" and m.record_type else None
        if record is not None and record.trust_level in ("A", "B"):
            need = "on_file"
        elif m.necessity == "optional":
            need = "optional"
        else:
            need = "upload"
        rows.append({"material": m, "need": need, "record": record, "upload": uploads.get(m.code)})
    return rows


def application_start(
    *, person, level: int, item_code: str, channel: str = "online", enterprise=None
) -> Application:
    """`enterprise`: the one the person acts for (checked by the caller against what the provider vouched);
    it applies for enterprise items only — a person's item is applied for by the person themselves."""
    version = catalog_selectors.item_detail(person.district, item_code)
    online_check(version, person, level, enterprise)
    if version.item.subject == "person":
        enterprise = None
    with transaction.atomic():
        existing = (
            Application.objects.select_for_update(of=("self",))
            .filter(person=person, enterprise=enterprise, item=version.item, status__in=OPEN)
            .first()
        )
        if existing is not None:
            return existing
        application = Application.objects.create(
            district_id=person.district_id,
            person=person,
            item=version.item,
            version=version,
            channel=channel if channel in CHANNELS else "online",
            identity_level=level,
            enterprise=enterprise,
            form={
                "phone": person.phone,  # the agent's mobile gets the messages
                "address": (enterprise or person).address,
                "purpose": "",
            },
        )
        audit(
            district=person.district,
            actor=None,
            action="application.started",
            obj=application,
            data={"enterprise": enterprise.uscc if enterprise else None},
        )
    return application


def _mine(person, public_id) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .filter(person=person, public_id=public_id)
        .select_related("version", "item", "person", "enterprise")
        .first()
    )
    if application is None:
        raise NotFound("application_not_found", _("No such application of yours."))
    return application


def _editable(application) -> None:
    if application.status not in EDITABLE:
        raise Conflict(
            "application_locked",
            _("The application is %(status)s and cannot be changed now.")
            % {"status": application.get_status_display()},
        )


def application_fill(
    *, person, public_id, phone: str, address: str, purpose: str, delivery: str = "pickup"
) -> Application:
    """The contact details, and how the result should come (express only where the item offers it; the
    address above is where it goes)."""
    phone, address, purpose = phone.strip(), address.strip(), purpose.strip()
    problems = {}
    if delivery not in ("pickup", "express"):
        problems["delivery"] = _("Choose pickup at a window or express delivery.")
    elif delivery == "express" and len(address) < 5:
        problems["address"] = _("Give the full postal address (5 to 200 characters).")
    if not PHONE.match(phone):
        problems["phone"] = _("Give an 11-digit mobile number: the notifications go to it.")
    if not address or len(address) > 200:
        problems["address"] = _("Give the address (at most 200 characters).")
    if len(purpose) > 500:
        problems["purpose"] = _("Keep the purpose under 500 characters.")
    if problems:
        raise DomainError(
            "form_invalid", _("Some fields need attention."), fields={k: str(v) for k, v in problems.items()}
        )
    with transaction.atomic():
        application = _mine(person, public_id)
        _editable(application)
        if delivery == "express" and not application.version.express:
            raise DomainError(
                "express_not_offered",
                _("This item's result cannot be sent by express: pick it up at a window."),
            )
        application.form = {"phone": phone, "address": address, "purpose": purpose, "delivery": delivery}
        application.save(update_fields=["form"])
    return application


def application_upload(*, person, public_id, code: str, filename: str, content: bytes) -> Upload:
    checked = check(content, max_bytes=settings.ONEDOOR_UPLOAD_MAX_BYTES)
    if checked.problem is not None:
        raise DomainError(checked.code, checked.problem, material=code)
    with transaction.atomic():
        application = _mine(person, public_id)
        _editable(application)
        rows = {row["material"].code: row for row in material_plan(application)}
        row = rows.get(code)
        if row is None:
            raise NotFound("material_not_found", _("This item has no such material."), material=code)
        if row["need"] == "on_file":
            raise DomainError("material_on_file", _("This material is already on file: no upload is needed."))
        upload, _created = Upload.objects.update_or_create(
            application=application,
            code=code,
            defaults={
                "filename": (filename or "upload")[-200:],
                "content_type": checked.content_type,
                "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
                "content": content,
                "uploaded_at": clock.now(),
                "review": Review.PENDING,
                "comment": "",
                "criteria": {},
            },
        )
    return upload


def application_submit(*, person, public_id, level: int) -> Application:
    with transaction.atomic():
        application = _mine(person, public_id)
        if application.status == AppStatus.SUBMITTED:
            return application  # a retried submit: already waiting, nothing done twice
        _editable(application)
        _refuse_level(application.version, level)
        problems = []
        for row in material_plan(application):
            upload, m = row["upload"], row["material"]
            if row["need"] == "upload" and upload is None:
                problems.append({"code": "missing_required", "material": m.code, "name": m.name})
            elif upload is not None and upload.review == Review.FIX:
                problems.append({"code": "fix_not_done", "material": m.code, "name": m.name})
        if not PHONE.match(application.form.get("phone") or "") or not application.form.get("address"):
            problems.append({"code": "form_incomplete", "material": "", "name": str(_("Contact details"))})
        if problems:
            raise DomainError(
                "application_incomplete",
                _("Some materials or details are missing or still need fixing; everything is listed."),
                problems=problems,
            )
        application.status = AppStatus.SUBMITTED
        application.submitted_at = clock.now()
        application.identity_level = level
        application.save(update_fields=["status", "submitted_at", "identity_level"])
        audit(
            district=application.district,
            actor=None,
            action="application.submitted",
            obj=application,
            data={"round": application.rounds + 1, "level": level},
        )
    return application


def application_withdraw(*, person, public_id) -> Application:
    with transaction.atomic():
        application = _mine(person, public_id)
        if application.status not in OPEN:
            raise Conflict("application_locked", _("Only an open application can be withdrawn."))
        application.status = AppStatus.WITHDRAWN
        application.save(update_fields=["status"])
        audit(district=application.district, actor=None, action="application.withdrawn", obj=application)
    return application


# --- pre-review (staff) ------------------------------------------------------------------------------------


def _for_staff(staff, public_id, lock: bool = False) -> Application:
    district = access_staff_district(staff)
    if not staff.has_role(Role.WINDOW_GENERALIST):
        raise Forbidden("role_required", _("Only a window generalist pre-reviews online applications."))
    rows = Application.objects.filter(district=district, public_id=public_id)
    if lock:
        rows = rows.select_for_update(of=("self",))
    application = rows.select_related("version", "item", "person", "enterprise").first()
    if application is None:
        raise NotFound("application_not_found", _("No such application in your district."))
    return application


def prereview_queue(staff):
    district = access_staff_district(staff)
    return (
        Application.objects.filter(district=district, status=AppStatus.SUBMITTED)
        .select_related("version", "person", "enterprise")
        .order_by("submitted_at", "id")
    )


def prereview_get(staff, public_id) -> Application:
    return _for_staff(staff, public_id)


def upload_for_staff(staff, public_id, code: str) -> Upload:
    """One uploaded file, for a pre-reviewer to look at; every look is access-logged."""
    application = _for_staff(staff, public_id)
    upload = application.uploads.filter(code=code).first()
    if upload is None:
        raise NotFound("upload_not_found", _("No file was uploaded for this material."))
    audit(
        district=application.district,
        actor=staff,
        action="application.file_viewed",
        obj=application,
        data={"material": code},
    )
    return upload


def prereview_decide(*, staff, public_id, findings: dict) -> Application:
    """`findings`: {material code: {"ok": bool, "comment": str, "criteria": {id: bool}}} for every upload.
    Any "fix needed" returns the application to the citizen with the comments; all OK accepts it as a case."""
    with transaction.atomic():
        application = _for_staff(staff, public_id, lock=True)
        if application.status != AppStatus.SUBMITTED:
            raise Conflict("not_waiting", _("This application is not waiting for pre-review."))
        plan_rows = material_plan(application)
        problems, fixes = [], []
        for row in plan_rows:
            m, upload = row["material"], row["upload"]
            if upload is None:
                continue
            finding = findings.get(m.code) or {}
            ticked = {c["id"]: bool((finding.get("criteria") or {}).get(c["id"])) for c in m.criteria or []}
            comment = str(finding.get("comment") or "").strip()[:500]
            if finding.get("ok"):
                unmet = [
                    c["id"] for c in m.criteria or [] if c.get("mandatory", True) and not ticked[c["id"]]
                ]
                if unmet:
                    problems.append({"material": m.code, "name": m.name, "code": "criterion_not_met"})
                upload.review, upload.comment = Review.OK, comment
            else:
                if not comment:
                    problems.append({"material": m.code, "name": m.name, "code": "comment_required"})
                upload.review, upload.comment = Review.FIX, comment
                fixes.append(f"{m.name}：{comment}")
            upload.criteria = ticked
        if problems:
            raise DomainError(
                "findings_invalid",
                _(
                    "A material marked OK must meet its mandatory criteria; one needing a fix needs a comment."
                ),
                problems=problems,
            )
        for row in plan_rows:
            if row["upload"] is not None:
                row["upload"].save(update_fields=["review", "comment", "criteria"])
        now = clock.now()
        application.reviewed_at, application.reviewed_by = now, staff
        application.rounds += 1
        if fixes:
            application.status = AppStatus.FIX_NEEDED
            application.save(update_fields=["status", "reviewed_at", "reviewed_by", "rounds"])
            audit(
                district=application.district,
                actor=staff,
                action="application.returned",
                obj=application,
                reason="；".join(fixes),
            )
            notify(
                person=application.person,
                topic=Topic.PREREVIEW,
                body=f"【一门式】您网上申报的“{application.version.name}”需要补正：{'；'.join(fixes)}。"
                "请登录“我的办件”修改后重新提交。",
                application=application,
                to=application.form.get("phone") or None,
            )
            return application
        accepted = case_accept(
            staff=staff,
            item_code=application.item.code,
            applicant=application.enterprise.uscc
            if application.enterprise_id
            else application.person.id_number,
            materials=[
                {"code": row["material"].code, "received": True, "criteria": row["upload"].criteria}
                for row in plan_rows
                if row["upload"] is not None
            ],
            channel=application.channel,
            idempotency_key=f"application:{application.public_id}",
        )
        if application.form.get("delivery") == "express":  # chosen at application (物流交付)
            delivery_choose(
                case=accepted.case,
                method="express",
                recipient=application.person.name,
                phone=application.form.get("phone", ""),
                address=application.form.get("address", ""),
            )
        application.status, application.case = AppStatus.ACCEPTED, accepted.case
        application.save(update_fields=["status", "case", "reviewed_at", "reviewed_by", "rounds"])
        if (
            application.enterprise_id
        ):  # the trail told nobody (an enterprise has no phone of its own): the agent
            for entry in accepted.case.trail.order_by("seq"):
                case_changed(accepted.case, entry)
        audit(
            district=application.district,
            actor=staff,
            action="application.accepted",
            obj=application,
            data={"case": accepted.case.number},
        )
    return application
