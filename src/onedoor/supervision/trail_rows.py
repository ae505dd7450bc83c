"""The trail as pages show it with corrections applied: the corrected value, the original struck through,
and the links both ways (correction → corrected entry, entry → its corrections). Shared by the trace page
and the staff case page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from onedoor.supervision.trace import CORRECTABLE, apply_corrections

FIELD_LABELS = {
    "actor": _("officer"),
    "at": _("time"),
    "reason": _("reason"),
    "centre": _("centre"),
    "window": _("window"),
}


def corrections_shown(steps) -> dict[int, dict]:
    """seq -> {"step": the entry as corrected, "original": {field: value as first written} (changed fields
    only), "corrected_by": [seqs of its corrections], "correction": the Correction an entry records or None,
    "fields": [(label, from, to)] for a correction entry}."""
    effective, originals, corrections = apply_corrections(list(steps))
    links: dict[int, list[int]] = {}
    for c in corrections:
        links.setdefault(c.corrects, []).append(c.seq)
    by_seq = {c.seq: c for c in corrections}
    shown = {}
    for step in effective:
        original = originals.get(step.seq)
        changed = {}
        if original is not None:
            changed = {
                n: getattr(original, n) for n in CORRECTABLE if getattr(original, n) != getattr(step, n)
            }
        correction = by_seq.get(step.seq)
        shown[step.seq] = {
            "step": step,
            "original": changed,
            "corrected_by": links.get(step.seq, []),
            "correction": correction,
            "fields": [
                (FIELD_LABELS.get(k, k), v.get("from"), v.get("to"))
                for k, v in (correction.fields.items() if correction else [])
            ],
        }
    return shown
