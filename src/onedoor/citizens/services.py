"""A citizen's login: who they are in the district's register (registered on first login), the recorded
login with its trust level, and the audit record."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onedoor.citizens.models import CitizenLogin
from onedoor.core import clock
from onedoor.core.audit import audit
from onedoor.core.errors import DomainError
from onedoor.people import idnumbers
from onedoor.people import services as people_services
from onedoor.people.models import Person


@transaction.atomic
def citizen_login(
    *, district, issuer: str, subject: str, id_number: str, name: str, level: int
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
    login = CitizenLogin.objects.create(
        district=district, person=person, at=clock.now(), issuer=issuer, subject=subject, level=level
    )
    audit(
        district=district,
        actor=None,
        action="citizen.logged_in",
        obj=login,
        data={"person": person.pk, "level": level, "issuer": issuer},
    )
    return login
