"""Known types of verified records (数据沉淀). The field is free text so departments can add their own
types; these are the ones the platform names and labels."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

RECORD_TYPES = {
    "id_card": _("resident ID card (居民身份证)"),
    "household_register": _("household register (户籍)"),
    "birth_certificate": _("birth certificate (出生医学证明)"),
    "marriage": _("marriage (婚姻)"),
    "education": _("education (学历)"),
    "professional_qualification": _("professional qualification (职业资格)"),
    "skill_certificate": _("vocational skill certificate (职业技能等级证书)"),
    "social_insurance": _("social insurance (社保)"),
    "social_security_card": _("social security card (社会保障卡)"),
    "residence_permit": _("residence permit (居住证)"),
    "property_certificate": _("real-estate certificate (不动产权证)"),
    "disability_certificate": _("disability certificate (残疾人证)"),
    "veteran_certificate": _("veteran certificate (退役军人证)"),
    "driving_licence": _("driving licence (机动车驾驶证)"),
    "business_licence": _("business licence (营业执照)"),
    "permit": _("administrative permit (许可证)"),
    "certificate": _("certificate issued by a case (办件证照)"),
    "credit": _("credit rating (信用)"),
}


def record_type_label(record_type: str):
    """The localized label of a known type, or the type itself for a department's own."""
    return RECORD_TYPES.get(record_type, record_type)
