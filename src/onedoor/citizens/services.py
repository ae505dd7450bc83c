"""A citizen's login: who they are in the district's register (registered on first login), the recorded
login with its trust level, and the audit record."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onedoor.citizens.models import CitizenLogin
from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.core.errors import DomainError
from onedoor.ledger.services import ledger_record
from onedoor.people import idnumbers
from onedoor.people import services as people_services
from onedoor.people.models import Enterprise, Person

IDENTITY_EVENT_LEVEL = 4  # logins at L4 (bank card / face) and L5 (in person, certificate) are logged


@transaction.atomic
def citizen_login(
    *, district, issuer: str, subject: str, id_number: str, name: str, level: int, enterprises=()
) -> CitizenLogin:
    result = idnumbers.identify(id_number or "")
    if not result.valid or result.kind != "resident":
        raise DomainError(
            "identity_without_number", _("The identity provider did not give a valid resident ID number.")
        )
    person = Person.objects.filter(district=district, id_number=result.number).first()
    if person is None:
        person = people_services.person_register(
            district=district,
            id_number=result.number,
            name=name or result.number,
            identity_level=level,
            actor=None,
        )
    at, ledger_index = clock.now(), None
    if level >= IDENTITY_EVENT_LEVEL:
        # 身份共识: a strong login is an identity event on the district's log (who: by digest only).
        ledger_index = ledger_record(
            district=district,
            kind="identity.login",
            public={"level": level, "issuer": issuer},
            private={"holder": person.id_number, "subject": subject, "at": at.isoformat()},
        )
    login = CitizenLogin.objects.create(
        district=district,
        person=person,
        at=at,
        ledger_index=ledger_index,
        issuer=issuer,
        subject=subject,
        level=level,
        enterprises=list(enterprises),
    )
    audit(
        district=district,
        actor=None,
        action="citizen.logged_in",
        obj=login,
        data={"person": person.pk, "level": level, "issuer": issuer, "enterprises": list(enterprises)},
    )
    return login


def acting_choices(login_or_session_entries, district) -> list[dict]:
    """The vouched enterprises that the district knows: [{"id", "uscc", "name", "role"}]."""
    roles = {e["uscc"]: e["role"] for e in login_or_session_entries}
    return [
        {"id": e.pk, "uscc": e.uscc, "name": e.name, "role": roles[e.uscc]}
        for e in Enterprise.objects.filter(district=district, uscc__in=list(roles)).order_by("name")
    ]


def act_for(*, person, choices: list[dict], enterprise_id) -> dict | None:
    """Start acting for one of `choices` (or for oneself with None); audited."""
    chosen = None
    if enterprise_id:
        chosen = next((c for c in choices if str(c["id"]) == str(enterprise_id)), None)
        if chosen is None:
            raise DomainError(
                "not_your_enterprise", _("The identity provider did not say you may act for it.")
            )
    audit(
        district=person.district,
        actor=None,
        action="citizen.acting_for",
        obj=person,
        data={"enterprise": chosen["uscc"] if chosen else None, "role": chosen["role"] if chosen else None},
    )
    return chosen
