"""The demo's department systems: every department's back-end system except the real-estate registration
centre's (不动产登记, which works in OneDoor's own back office) gets a push connector to the simulated systems
(`onedoor simulate-backends`), deciding every stage of its department's promised items, and the district is
joined to the simulated provincial online hall — through the same configuration services an administrator's
admin form calls."""

from __future__ import annotations

from onedoor.districts.models import BackendSystem
from onedoor.integrations.models import Connector, ConnectorKind
from onedoor.integrations.services import connector_configure, route_set

OWN_BACK_OFFICE = {"BDC"}  # departments that decide in OneDoor itself
DECIDES = ["undertake", "review", "approve", "complete", "other"]


def connect_simulated_systems(*, district, base_url: str, actor=None) -> int:
    """Connect each system not connected yet, and the provincial hall; returns how many were connected."""
    connected = 0
    if not Connector.objects.filter(district=district, kind=ConnectorKind.PROVINCE).exists():
        connector_configure(
            district=district,
            kind=ConnectorKind.PROVINCE,
            base_url=f"{base_url.rstrip('/')}/province/{district.code}/cases",
            actor=actor,
        )
        connected += 1
    systems = BackendSystem.objects.filter(district=district).select_related("department").order_by("code")
    for system in systems:
        if system.department.code in OWN_BACK_OFFICE or Connector.objects.filter(system=system).exists():
            continue
        connector, _secret = connector_configure(
            system=system,
            base_url=f"{base_url.rstrip('/')}/systems/{system.code}/events",
            jump_url=f"{base_url.rstrip('/')}/systems/{system.code}/open",
            actor=actor,
        )
        route_set(connector=connector, decides=DECIDES, actor=actor)
        connected += 1
    return connected
