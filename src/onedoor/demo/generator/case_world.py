"""What the case generator works with, loaded once: the district's published items (what a window may take
where), its centres with their windows and generalists, each department's officers, and the applicants.

Staff the demo organisation lacks are created here through the districts services: a generalist for each
community centre without one, and an undertaker/reviewer and an approver for each department without them.
They exist to act in the generated history and have no password (log in with the documented accounts)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from onedoor.catalog.models import CaseKind
from onedoor.catalog.selectors import published_versions, with_content
from onedoor.districts import services as district_services
from onedoor.districts.calendar import calendar_for
from onedoor.districts.models import Centre, District, Role, RoleAssignment, Staff, Window

# Share of the district's applications taken at each level of centre (the district hall takes most).
LEVEL_WEIGHT = {"district": 0.5, "street": 0.3, "community": 0.2}
OFFICER_ROLES = (Role.UNDERTAKER, Role.REVIEWER, Role.APPROVER)


@dataclass
class ItemInfo:
    """What the generator needs of one published item version."""

    code: str
    name: str
    subject: str
    instant: bool
    trust_first: bool
    with_gaps: bool
    levels: list[str]
    department_id: int
    promised: int
    legal: int
    materials: list  # catalog Material rows
    weight: float = 1.0

    @property
    def later_codes(self) -> list[str]:
        return [m.code for m in self.materials if m.necessity == "later"]

    @property
    def later_originals(self) -> list[str]:
        """The later materials that are originals: the window checks them in hand when they arrive."""
        return [m.code for m in self.materials if m.necessity == "later" and m.form == "original"]

    def later_findings(self) -> dict[str, bool]:
        """Every criterion of the materials that may be supplied later as met (the window's check when they
        arrive)."""
        return {c["id"]: True for m in self.materials if m.necessity == "later" for c in m.criteria or []}

    def findings(self, *, unmet: str | None = None) -> dict[str, bool]:
        """Every criterion of the item as met (an officer's findings), except those of material `unmet`."""
        return {c["id"]: m.code != unmet for m in self.materials for c in m.criteria or []}


@dataclass
class Desk:
    centre: Centre
    staff: list[Staff]
    windows: list[Window]


@dataclass
class World:
    district: District
    calendar: object
    items: list[ItemInfo]
    desks: dict[str, list[Desk]]  # by centre level
    officers: dict[int, dict[str, Staff]]  # department id → {role: staff}
    chiefs: dict[int, Staff]  # department id → chief representative, where there is one
    persons: list[str]
    enterprises: list[str]
    known: set[str] = field(default_factory=set)  # every resident ID number registered so far


def _item_info(version) -> ItemInfo:
    return ItemInfo(
        code=version.item.code,
        name=version.name,
        subject=version.item.subject,
        instant=version.kind == CaseKind.INSTANT,
        trust_first=version.trust_first,
        with_gaps=version.accept_with_gaps and any(m.necessity == "later" for m in version.materials.all()),
        levels=list(version.levels or []),
        department_id=version.item.department_id,
        promised=version.promised_limit,
        legal=version.legal_limit,
        materials=list(version.materials.all()),
    )


def _weigh(items: list[ItemInfo], rng: random.Random, instant_share: float) -> None:
    """Popularity: a long tail (a few items take most applications), scaled so that instant items take
    `instant_share` of all applications (the seed: more than six in ten finished on the spot)."""
    for rank, item in enumerate(rng.sample(items, len(items)), start=1):
        item.weight = 1.0 / rank**0.8
    instant = sum(i.weight for i in items if i.instant)
    promised = sum(i.weight for i in items if not i.instant)
    for item in items:
        share = instant_share if item.instant else 1 - instant_share
        item.weight *= share / (instant if item.instant else promised)


def ensure_staff(district: District) -> None:
    """Create the generalists and departmental officers the generated history needs (see module doc)."""
    held = set(
        RoleAssignment.objects.filter(district=district).values_list(
            "role", "department_id", "staff__centre_id"
        )
    )
    by_role_dept = {(role, dept) for role, dept, _centre in held}
    desks_at = {centre for role, _dept, centre in held if role == Role.WINDOW_GENERALIST}
    for centre in Centre.objects.filter(district=district).order_by("id"):
        if centre.id not in desks_at:
            district_services.staff_create(
                district=district,
                username=f"desk-{centre.code.lower()}",
                password=None,
                display_name=f"{centre.name}综合窗口",
                centre=centre,
                roles=[(Role.WINDOW_GENERALIST, None)],
            )
    for dept in district.department_set.order_by("id"):
        slug = dept.code.lower()
        if not {(Role.UNDERTAKER, dept.id), (Role.REVIEWER, dept.id)} <= by_role_dept:
            district_services.staff_create(
                district=district,
                username=f"officer-{slug}",
                password=None,
                display_name=f"{dept.name}承办审核人",
                roles=[(Role.UNDERTAKER, dept), (Role.REVIEWER, dept)],
            )
        if (Role.APPROVER, dept.id) not in by_role_dept:
            district_services.staff_create(
                district=district,
                username=f"approver-{slug}",
                password=None,
                display_name=f"{dept.name}审批人",
                roles=[(Role.APPROVER, dept)],
            )


def load(district: District, *, rng: random.Random, instant_share: float) -> World:
    versions = with_content(published_versions(district)).order_by("item__code")
    items = [_item_info(v) for v in versions]
    if not items:
        raise RuntimeError(f"{district.name} has no published items to apply for")
    staff = {s.pk: s for s in Staff.objects.filter(district=district).order_by("id")}
    assignments = RoleAssignment.objects.filter(district=district).order_by("staff_id", "id")
    officers: dict[int, dict[str, Staff]] = {}
    chiefs: dict[int, Staff] = {}
    generalists: dict[int, list[Staff]] = {}
    for a in assignments:
        person = staff[a.staff_id]
        if a.role == Role.WINDOW_GENERALIST and person.centre_id:
            generalists.setdefault(person.centre_id, []).append(person)
        elif a.role in OFFICER_ROLES:
            officers.setdefault(a.department_id, {}).setdefault(a.role, person)
        elif a.role == Role.CHIEF_REPRESENTATIVE:
            chiefs.setdefault(a.department_id, person)
    windows: dict[int, list[Window]] = {}
    for window in Window.objects.filter(district=district, active=True).order_by("centre_id", "number"):
        windows.setdefault(window.centre_id, []).append(window)
    desks: dict[str, list[Desk]] = {}
    for centre in Centre.objects.filter(district=district).order_by("id"):
        if centre.id in generalists:
            desk = Desk(centre, generalists[centre.id], windows.get(centre.id, []))
            desks.setdefault(centre.level, []).append(desk)
    persons = list(district.person_set.order_by("id").values_list("id_number", flat=True))
    enterprises = list(district.enterprise_set.order_by("id").values_list("uscc", flat=True))
    items = [
        i
        for i in items
        if any(not i.levels or level in i.levels for level in desks)
        and (i.subject == "person" or enterprises)
    ]
    if not items:
        raise RuntimeError(f"no centre of {district.name} with a generalist may take any published item")
    _weigh(items, rng, instant_share)
    return World(
        district=district,
        calendar=calendar_for(district),
        items=items,
        desks=desks,
        officers=officers,
        chiefs=chiefs,
        persons=persons,
        enterprises=enterprises,
        known=set(persons),
    )


def pick_desk(world: World, item: ItemInfo, rng: random.Random) -> Desk:
    """A generalist's desk at a centre whose level may take the item, the district hall most often."""
    levels = [lvl for lvl in LEVEL_WEIGHT if lvl in world.desks and (not item.levels or lvl in item.levels)]
    level = rng.choices(levels, weights=[LEVEL_WEIGHT[lvl] for lvl in levels])[0]
    return rng.choice(world.desks[level])
