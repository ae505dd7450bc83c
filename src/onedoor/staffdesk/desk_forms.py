"""The acceptance form of the front desk (受理单), assembled from `acceptance_preview` and read back from a
POST into the arguments of `case_accept`.

Per material the window sees: on file (a settled record of level A/B waives it), to bring, may be supplied
later (容缺, when the item allows it) or optional; and a checkbox per standardized criterion. The modes open
to this applicant are offered, with the reason when trust first is refused. For trust first the commitment
the applicant signs names exactly the materials it replaces, and the page refuses a signature given for an
older list."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from onedoor.cases.materials import WAIVED
from onedoor.cases.models import Mode
from onedoor.cases.services import commitment_names
from onedoor.catalog.models import Necessity
from onedoor.core.numbers import ascii_int
from onedoor.people.record_types import RECORD_TYPES, record_type_label

ON_FILE, TO_BRING, LATER, OPTIONAL = "on_file", "to_bring", "later", "optional"
MISSING = "missing"  # the preview's status for a material neither on file nor received


@dataclass
class MaterialRow:
    code: str
    name: str
    state: str
    form: str
    notes: str
    record: object = None  # the VerifiedRecord that waives it
    record_label: str = ""
    criteria: list[dict] = field(default_factory=list)  # {id, text, mandatory, checked}
    received: bool = False
    problem: str = ""


@dataclass
class ModeChoice:
    value: str
    label: object
    enabled: bool
    refusal: object = None


@dataclass
class Submission:
    """What the window ticked: material codes received, criterion ids met, mode, commitment."""

    received: set[str] = field(default_factory=set)
    criteria: set[str] = field(default_factory=set)
    mode: str = Mode.NORMAL
    signed: bool = False
    commitment_shown: str = ""
    window: str = ""
    pad_signature: int | None = None  # the commitment shown on the window's pad for signing (signatures.py)


def submission_from(post) -> Submission:
    return Submission(
        received=set(post.getlist("received")),
        criteria=set(post.getlist("criteria")),
        mode=post.get("mode") or Mode.NORMAL,
        signed=post.get("commitment_signed") == "on",
        commitment_shown=post.get("commitment_waived", ""),
        window=post.get("window", ""),
        pad_signature=ascii_int(post.get("pad_signature")),
    )


def material_rows(preview, records_by_id: dict, submission: Submission | None = None) -> list[MaterialRow]:
    """One row per material of the item, in the catalog's order."""
    submission = submission or Submission()
    lines = {line.code: line for line in preview.lines}
    rows = []
    for material in preview.version.materials.all():
        line = lines[material.code]
        row = MaterialRow(
            code=material.code,
            name=material.name,
            state=_state(material, line, preview.version),
            form=material.get_form_display(),
            notes=material.notes,
        )
        if row.state == ON_FILE:
            row.record = records_by_id.get(line.record_id)
            row.record_label = _record_label(row.record, line)
        else:
            row.received = material.code in submission.received
            row.criteria = [
                {
                    "id": c["id"],
                    "text": c.get("text", c["id"]),
                    "mandatory": c.get("mandatory", True),
                    "checked": c["id"] in submission.criteria,
                }
                for c in material.criteria or []
            ]
        rows.append(row)
    return rows


def _state(material, line, version) -> str:
    if line.status == WAIVED and line.waived_reason == "settled_record":
        return ON_FILE
    if material.necessity == Necessity.OPTIONAL:
        return OPTIONAL
    if material.necessity == Necessity.LATER and version.accept_with_gaps:
        return LATER
    return TO_BRING


def _record_label(record, line) -> str:
    if record is None:
        return line.record_label
    source = record.source_ref or str(record.get_source_kind_display())
    if record.record_type not in RECORD_TYPES:  # a department's own type: its source names it better
        return source
    return f"{record_type_label(record.record_type)} · {source}"


def mode_choices(preview) -> list[ModeChoice]:
    version, refusal = preview.version, preview.trust_first_refusal
    choices = [ModeChoice(Mode.NORMAL, Mode.NORMAL.label, True)]
    if version.trust_first:
        choices.append(ModeChoice(Mode.TRUST_FIRST, Mode.TRUST_FIRST.label, refusal is None, refusal))
    if version.accept_with_gaps:
        choices.append(ModeChoice(Mode.WITH_GAPS, Mode.WITH_GAPS.label, refusal is None, refusal))
    return choices


def commitment_waived(preview, submission: Submission) -> str:
    """The materials a trust-first commitment replaces: neither on file nor received nor optional, joined as
    the commitment names them ("无" when nothing is left to replace)."""
    return "、".join(commitment_names(preview, submission.received)) or "无"


def materials_payload(version, submission: Submission) -> list[dict]:
    """The `materials` argument of `case_accept`: every material of the item, received or not, with each
    criterion met or not. Built from the item and the POST alone (not from the records on file), so a double
    submit sends the very same request and gets the same case back."""
    return [
        {
            "code": material.code,
            "received": material.code in submission.received,
            "criteria": {c["id"]: c["id"] in submission.criteria for c in material.criteria or []},
        }
        for material in version.materials.all()
    ]


PROBLEM_MESSAGES = {
    "missing_required": _("%(name)s: not received, and it is required."),
    "criterion_not_met": _("%(name)s: these mandatory criteria are not ticked: %(criteria)s"),
}


def problem_messages(problems: list[dict], rows: list[MaterialRow]) -> list[str]:
    """One sentence per problem, naming the material and the criteria; marks each row's problem too."""
    by_code = {row.code: row for row in rows}
    messages = []
    for problem in problems:
        row = by_code.get(problem.get("material"))
        texts = {c["id"]: c["text"] for c in row.criteria} if row else {}
        criteria = "；".join(texts.get(cid, cid) for cid in problem.get("criteria") or [])
        template = PROBLEM_MESSAGES.get(problem.get("code"), _("%(name)s: %(code)s"))
        message = str(template) % {
            "name": problem.get("name", ""),
            "criteria": criteria,
            "code": problem.get("code", ""),
        }
        if row is not None:
            row.problem = message
        messages.append(message)
    return messages
