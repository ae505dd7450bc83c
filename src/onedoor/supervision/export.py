"""The accountability report as an XLSX workbook (openpyxl): one sheet per table of the page."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from onedoor.core.xlsx import saved_without_formulas
from onedoor.supervision.accountability import Report
from onedoor.supervision.headings import HEADINGS


def report_xlsx(report: Report, stage_label) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Departments")[:31]
    sheet.append([_("Period"), f"{report.start:%Y-%m-%d} – {report.end:%Y-%m-%d}"])
    sheet.append([_("As of"), report.refreshed_at.strftime("%Y-%m-%d %H:%M")])
    sheet.append([])
    columns = ("closed", "delayed", "delay_days", "spans", "overruns", "overrun_days", "corrections")
    sheet.append([_("Department"), *[str(HEADINGS[c]) for c in columns]])
    for row in report.departments:
        sheet.append([row["department"], *[row[c] for c in columns]])
    sheet.append([_("Total"), *[report.totals[c] for c in columns]])

    officers = book.create_sheet(_("Officers")[:31])
    officers.append([_("Officer"), _("Department"), _("Stages held"), _("Overruns"), _("Overrun days")])
    for row in report.officers:
        label = row["officer_label"] or _("not taken yet")
        officers.append([label, row["department"], row["spans"], row["overruns"], row["overrun_days"] or 0])

    stages = book.create_sheet(_("Stages")[:31])
    stages.append([_("Stage"), _("Stages held"), _("Average working days"), _("Overruns"), _("Overrun days")])
    for row in report.stages:
        average = round(row["avg_days"] or 0, 2)
        stages.append(
            [str(stage_label(row["stage"])), row["spans"], average, row["overruns"], row["overrun_days"]]
        )

    delayed = book.create_sheet(_("Delayed cases")[:31])
    delayed.append(
        [
            _("Case"),
            _("Department"),
            _("Closed"),
            _("Working days used"),
            _("Allowed"),
            _("Delay"),
            _("Attributed"),
        ]
    )
    for row in report.delayed:
        attributed = "; ".join(
            f"{stage_label(o['stage'])} {o['officer_label'] or '—'} +{o['overrun_days']}"
            for o in row["overruns"]
        )
        delayed.append(
            [
                row["case__number"],
                row["department"],
                row["closed_at"].strftime("%Y-%m-%d"),
                row["used_days"],
                row["allowed_days"],
                row["delay_days"],
                attributed,
            ]
        )

    corrections = book.create_sheet(_("Corrections")[:31])
    corrections.append([_("Case"), _("Entry"), _("Corrected by"), _("At"), _("Fields"), _("Reason")])
    for row in report.corrections:
        fields = "; ".join(f"{k}: {v.get('from')} → {v.get('to')}" for k, v in row["fields"].items())
        corrections.append(
            [
                row["case__number"],
                row["corrected_seq"],
                row["corrected_by__username"],
                row["at"].strftime("%Y-%m-%d %H:%M"),
                fields,
                row["reason"],
            ]
        )
    return saved_without_formulas(book)
