"""Known types of verified records (数据沉淀). The field is free text so departments can add their own
types; these are the ones the platform names and labels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

RECORD_TYPES = {
    "household_register": _("household register (户籍)"),
    "marriage": _("marriage (婚姻)"),
    "education": _("education (学历)"),
    "social_insurance": _("social insurance (社保)"),
    "residence_permit": _("residence permit (居住证)"),
    "property": _("real-estate certificate (不动产权证)"),
    "business_licence": _("business licence (营业执照)"),
    "permit": _("administrative permit (许可证)"),
    "certificate": _("certificate issued by a case (办件证照)"),
    "credit": _("credit rating (信用)"),
}


def record_type_label(record_type: str):
    """The localized label of a known type, or the type itself for a department's own."""
    return RECORD_TYPES.get(record_type, record_type)
