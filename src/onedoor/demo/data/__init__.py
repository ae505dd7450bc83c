"""Demo catalog content: the departments and standardized items of the two demo districts.

`chancheng_departments()` / `hetang_departments()` return one dict per department::

    {"code", "name", "short_name", "phone", "system": {"code", "name", "description"}}

(create the department with `code`, `name`, `short_name`, `phone`, then register its back-end system).

`chancheng_items()` / `hetang_items()` return items in the canonical item dict format the catalog importer
and services take: the national implementation-list fields, `materials` with their review criteria (审查要点)
and `stages` with role and share of the time limit. Materials whose source is "settled" carry the verified
record type that can stand in for them: id_card, household_register, marriage, birth_certificate,
business_licence, property_certificate, disability_certificate, social_security_card, veteran_certificate,
education, residence_permit, driving_licence, professional_qualification, skill_certificate.

Every call returns fresh copies, so callers may change what they get.
"""

from __future__ import annotations

import copy
from functools import cache

from onedoor.demo.data import (
    items_civil_affairs,
    items_enterprise_market,
    items_enterprise_projects,
    items_family_services,
    items_housing,
    items_public_security,
    items_social_security,
    items_tax_transport,
)
from onedoor.demo.data._build import Catalog
from onedoor.demo.data.departments import CHANCHENG, CHANCHENG_PLACE, HETANG, as_dicts, lookup
from onedoor.demo.data.hetang import localize

CHANCHENG_MODULES = (
    items_public_security,
    items_civil_affairs,
    items_social_security,
    items_family_services,
    items_housing,
    items_tax_transport,
    items_enterprise_market,
    items_enterprise_projects,
)


@cache
def _chancheng() -> tuple[dict, ...]:
    catalog = Catalog(CHANCHENG_PLACE, lookup(CHANCHENG))
    for module in CHANCHENG_MODULES:
        module.add(catalog)
    return tuple(catalog.items)


def chancheng_departments() -> list[dict]:
    return as_dicts(CHANCHENG)


def chancheng_items() -> list[dict]:
    return copy.deepcopy(list(_chancheng()))


def hetang_departments() -> list[dict]:
    return as_dicts(HETANG)


def hetang_items() -> list[dict]:
    return localize(list(_chancheng()))
