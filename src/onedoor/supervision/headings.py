"""Column headings of the accountability report, shared by the page and the XLSX export."""

from django.utils.translation import gettext_lazy as _

HEADINGS = {
    "closed": _("Cases closed"),
    "delayed": _("Delayed cases"),
    "delay_days": _("Delay (working days)"),
    "spans": _("Stages held"),
    "overruns": _("Stage overruns"),
    "overrun_days": _("Overrun days"),
    "corrections": _("Corrections"),
}
