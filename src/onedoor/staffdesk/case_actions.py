"""The action forms of the case page: which fields each workflow action asks for, and reading a POST back
into the arguments of `case_act`.

Stage actions record each standardized criterion as met or not (prefilled with the latest findings, so an
officer confirms or changes them); a rejection and a revocation need reason and legal basis; a decision that
deviates from the criteria needs a written reason and a second approver; a correction lists every missing
material at once; an extension asks for working days within the legal limit."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from onedoor.cases import queues
from onedoor.cases.models import HELD_MATERIALS, MaterialStatus, Procedure
from onedoor.districts.models import Role

CRITERIA_ACTIONS = {"undertake", "review", "approve", "reject", "other"}
FIELDS: dict[str, tuple[str, ...]] = {
    "undertake": ("opinion", "criteria"),
    "review": ("opinion", "criteria"),
    "approve": ("opinion", "criteria", "deviation"),
    "complete": ("opinion",),
    "deliver": ("opinion",),
    "other": ("opinion", "criteria"),
    "reject": ("opinion", "criteria", "reason", "basis", "second_approver"),
    "confirm": ("opinion",),
    "overrule": ("reason",),
    "request_correction": ("reason", "missing"),
    "supply": ("opinion",),
    "suspend": ("procedure", "reason"),
    "resume": ("opinion",),
    "extend": ("days", "reason"),
    "withdraw": ("reason",),
    "supply_gap": ("later",),
    "stop_for_gaps": ("reason",),
    "post_review_pass": ("opinion",),
    "revoke": ("reason", "basis"),
}
BUTTONS = {
    "undertake": _("Undertake: pass to the next stage"),
    "review": _("Review: pass to the next stage"),
    "approve": _("Approve"),
    "complete": _("Complete and issue the result"),
    "deliver": _("Record delivery"),
    "other": _("Finish this stage"),
    "reject": _("Reject"),
    "confirm": _("Confirm the decision (second approver)"),
    "overrule": _("Do not confirm: return to approval"),
    "request_correction": _("Request correction (stops the clock)"),
    "supply": _("Missing materials supplied: restart the clock"),
    "suspend": _("Suspend for a special procedure"),
    "resume": _("Resume"),
    "extend": _("Extend the time limit"),
    "withdraw": _("Withdraw at the applicant's request"),
    "supply_gap": _("Record later materials supplied"),
    "stop_for_gaps": _("Stop: later materials did not arrive"),
    "post_review_pass": _("Post-review passed"),
    "revoke": _("Revoke the result"),
}
# The stage action is what the case waits for; it opens first.
STAGE_ACTIONS = ("undertake", "review", "approve", "complete", "deliver", "other", "confirm")
SECOND_ONLY = ("confirm", "overrule")


@dataclass
class ActionForm:
    action: str
    button: object
    fields: tuple[str, ...]
    open: bool = False
    criteria: list[tuple[str, list[dict]]] = field(default_factory=list)  # (material, [criterion])
    missing_choices: list = field(default_factory=list)
    later_choices: list = field(default_factory=list)
    checks_originals: bool = False  # a window generalist may say they checked an original in hand
    approvers: list = field(default_factory=list)
    days_available: int = 0
    procedures: list = field(default_factory=list)  # (value, label) of the special procedures
    values: dict = field(default_factory=dict)  # what was posted, to refill after an error

    def has(self, name: str) -> bool:
        return name in self.fields


def latest_findings(case) -> dict[str, bool]:
    """The most recent officer's findings, or the window's when no stage has run yet."""
    last = case.stage_results.order_by("-at", "-id").first()
    if last is not None and last.criteria:
        return dict(last.criteria)
    found: dict[str, bool] = {}
    for line in case.materials.all():
        found.update(line.criteria or {})
    return found


def criteria_groups(case, checked: dict[str, bool] | None = None) -> list[tuple[str, list[dict]]]:
    """The criteria of the materials the case actually holds: received at the window or supplied later.
    Waived ones are not judged again; optional ones not provided and later ones not yet here cannot be."""
    held = set(case.materials.filter(status__in=HELD_MATERIALS).values_list("code", flat=True))
    checked = latest_findings(case) if checked is None else checked
    groups = []
    for material in case.version.materials.all():
        if material.code not in held or not material.criteria:
            continue
        criteria = [
            {
                "id": c["id"],
                "text": c.get("text", c["id"]),
                "mandatory": c.get("mandatory", True),
                "checked": bool(checked.get(c["id"])),
            }
            for c in material.criteria
        ]
        groups.append((material.name, criteria))
    return groups


def later_choices(case) -> list[tuple]:
    """(case material line, [criterion]) of each material still awaited: the window ticks what it supplies and
    checks each criterion of it, as at acceptance."""
    awaited = {m.code: m for m in case.materials.filter(status=MaterialStatus.LATER).order_by("id")}
    for m in case.version.materials.all():
        if m.code in awaited:  # the form offers "checked the original" only where there is one to check
            awaited[m.code].original_form = m.form == "original"
    return [
        (
            awaited[m.code],
            [
                {"id": c["id"], "text": c.get("text", c["id"]), "mandatory": c.get("mandatory", True)}
                for c in m.criteria or []
            ],
        )
        for m in case.version.materials.all()
        if m.code in awaited
    ]


def action_forms(staff, case, allowed: list[str], *, open_action: str = "", posted=None) -> list[ActionForm]:
    forms = []
    first_stage = next((a for a in allowed if a in STAGE_ACTIONS), "")
    for action in allowed:
        if action in SECOND_ONLY and case.pending_decision.get("second") != staff.pk:
            continue  # only the second approver the deciding one named may confirm or overrule
        mine = posted is not None and action == open_action
        form = ActionForm(
            action=action,
            button=BUTTONS.get(action, action),
            fields=FIELDS.get(action, ("opinion",)),
            open=action == (open_action or first_stage),
            values=posted.dict() if mine else {},
        )
        if form.has("criteria"):
            checked = {cid: True for cid in posted.getlist("criteria")} if mine else None
            form.criteria = criteria_groups(case, checked)
        if form.has("missing"):
            form.missing_choices = list(case.materials.exclude(status=MaterialStatus.WAIVED).order_by("id"))
        if form.has("later"):
            form.later_choices = later_choices(case)
            form.checks_originals = staff.has_role(Role.WINDOW_GENERALIST)
        if form.has("deviation") or form.has("second_approver"):
            form.approvers = queues.second_approvers(staff=staff, case=case)
        if form.has("procedure"):
            form.procedures = list(Procedure.choices)
        if form.has("days"):
            form.days_available = max(0, case.legal_days - case.promised_days - case.extension_days)
        forms.append(form)
    return forms


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def read_action(case, post) -> dict:
    """The keyword arguments of `case_act` from an action form's POST."""
    action = post.get("action", "")
    arguments = {
        "action": action,
        "opinion": post.get("opinion", "").strip(),
        "reason": post.get("reason", "").strip(),
        "basis": post.get("basis", "").strip(),
        "days": max(0, _int(post.get("days"), 0)),
        "materials": post.getlist("materials"),
        "second_approver": post.get("second_approver", "").strip(),
        "procedure": post.get("procedure", "").strip(),
        "expected_revision": _int(post.get("revision")),
    }
    if action in CRITERIA_ACTIONS:
        ticked = set(post.getlist("criteria"))
        ids = [c["id"] for _name, group in criteria_groups(case, {}) for c in group]
        arguments["criteria"] = {cid: cid in ticked for cid in ids}
    elif action == "supply_gap":  # the criteria of the materials ticked as arrived
        ticked, chosen = set(post.getlist("criteria")), set(arguments["materials"])
        arguments["originals"] = [code for code in post.getlist("originals") if code in chosen]
        arguments["criteria"] = {
            c["id"]: c["id"] in ticked
            for line, group in later_choices(case)
            if line.code in chosen
            for c in group
        }
    return arguments
