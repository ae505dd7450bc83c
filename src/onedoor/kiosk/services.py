"""The self-service kiosk (自助终端) of a centre: who stands at it (the ID card on the reader), what they may do
by themselves, and the kiosk's own account. Everything goes through the services a window uses: a ticket is
`ticket_take`, a check-in `appointment_check_in`, a self-service item `case_accept` — taken by the kiosk's
account, a window generalist of the centre that acts only through the kiosk (its password is unusable).

A self-service item is a kiosk-enabled instant item for natural persons whose every required material is on
file as a settled record (trust level A or B) for the person: nothing is handed over, so nothing needs a
person to look at it, and the result is issued at once as an electronic certificate to print."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onedoor.cases.materials import plan
from onedoor.cases.services import case_accept, settled_records
from onedoor.catalog import selectors as catalog_selectors
from onedoor.core.audit import audit
from onedoor.core.errors import DomainError, NotFound
from onedoor.districts.models import Role, Staff
from onedoor.districts.services import staff_create
from onedoor.people import idnumbers
from onedoor.people.models import Person


def kiosk_account(centre) -> Staff:
    """The centre's kiosk account, made on first use: accepts self-service cases on the kiosk's behalf."""
    username = f"kiosk-{centre.district.code}-{centre.code}"
    staff = Staff.objects.filter(username=username).first()
    if staff is not None:
        return staff
    with transaction.atomic():
        staff = staff_create(
            district=centre.district,
            username=username,
            password=secrets.token_urlsafe(32),
            display_name=f"{centre.name} 自助终端",
            centre=centre,
            roles=[(Role.WINDOW_GENERALIST, None)],
        )
        staff.set_unusable_password()  # nobody logs in as the kiosk
        staff.save(update_fields=["password"])
    return staff


def kiosk_identify(*, centre, number: str) -> Person:
    """The person whose ID card was read (the reader types the number and Enter)."""
    result = idnumbers.identify((number or "").strip())
    if not result.valid or result.kind != "resident":
        raise DomainError("invalid_number", _("The card could not be read: place it on the reader again."))
    person = Person.objects.filter(district=centre.district, id_number=result.number).first()
    if person is None:
        raise NotFound(
            "not_registered",
            _("You are not registered in this district yet: take a ticket and a window will register you."),
        )
    audit(
        district=centre.district,
        actor=None,
        action="kiosk.identified",
        obj=person,
        data={"centre": centre.code},
    )
    return person


def self_service_items(person) -> list[dict]:
    """Every kiosk-enabled instant item for persons, with whether this person can finish it here and, if not,
    which materials are not on file."""
    records = settled_records(person.district, person)
    versions = catalog_selectors.with_content(
        catalog_selectors.published_versions(person.district).filter(
            kiosk=True, kind="instant", item__subject="person"
        )
    ).order_by("item__code")
    rows = []
    for version in versions:
        lines, problems = plan(
            materials=list(version.materials.all()), records_by_type=records, submitted={}, mode="normal"
        )
        rows.append({"version": version, "ready": not problems, "missing": [p.name for p in problems]})
    return rows


def self_service(*, centre, person, item_code: str, key: str):
    """Finish a self-service item for the person at the kiosk: the case, completed, with its certificate."""
    version = catalog_selectors.item_detail(person.district, item_code)
    if not (version.kiosk and version.is_instant):
        raise DomainError("not_self_service", _("This item is not handled at the kiosk: take a ticket."))
    return case_accept(
        staff=kiosk_account(centre),
        item_code=item_code,
        applicant=person.id_number,
        materials=[],
        channel="kiosk",
        centre=centre.code,
        idempotency_key=key,
    )
