"""Materials a window checked against their originals become level-B settled records of the holder (数据沉淀):
at acceptance (`services`) and when a material accepted as "supplied later" arrives (`actions`, 容缺补齐).

Only an original the window's generalist held in hand counts, and only when every criterion of its checklist
was met: a scan sent online, or an original whose checks failed, proves nothing to the next department."""

from __future__ import annotations

from onedoor.people import services as people_services


def proves(material, criteria: dict, checked_original: bool) -> bool:
    """Whether this material, as checked, can stand as a level-B record."""
    return bool(checked_original and material.record_type and all(criteria.values()))


def settle_originals(case, checked, staff) -> None:
    """`checked`: (catalog material, {criterion id: met}, checked against the original) per material received.
    Adds one level-B record per material that `proves`, all in one go (people_services.records_add)."""
    people_services.records_add(
        district=case.district,
        records=[
            {
                "person": case.person,
                "enterprise": case.enterprise,
                "record_type": material.record_type,
                "payload": {"material": material.name, "case": case.number},
                "source_kind": "case",
                "source_ref": case.number,
                "trust_level": "B",
                "verified_by": staff,
            }
            for material, criteria, checked_original in checked
            if proves(material, criteria, checked_original)
        ],
        actor=staff,
    )
