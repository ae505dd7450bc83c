"""People in the admin: read-only and masked, scoped to the admin's district.

Read-only on purpose: an admin form would show unmasked numbers and phones without the purpose and access
log a full view requires, and would bypass the checks and audit of the people services. Persons are
registered at the staff desk (or imported); records come from cases and departments.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from onedoor.core.admin import ReadOnlyDistrictAdmin
from onedoor.core.pagination import EstimatedCountAdminMixin
from onedoor.people import idnumbers
from onedoor.people.masking import mask_name, mask_number, mask_phone
from onedoor.people.models import ACCESS_CHANNELS, DataAccess, Enterprise, Person, VerifiedRecord
from onedoor.people.record_types import record_type_label


def _holder(obj) -> str:
    if obj.person_id:
        return f"{mask_name(obj.person.name)} {mask_number(obj.person.id_number)}"
    if obj.enterprise_id:
        return f"{obj.enterprise.name} {mask_number(obj.enterprise.uscc)}"
    return ""


class NumberSearchMixin:
    """Admin search by an exact number, normalised first (lowercase x, spaces), or by name prefix."""

    @admin.display(description=_("registered at"), ordering="created_at")
    def registered_at(self, obj):
        return obj.created_at

    def get_search_results(self, request, queryset, search_term):
        term = idnumbers.normalise(search_term)
        if len(term) == 18:
            search_term = term
        return super().get_search_results(request, queryset, search_term)


@admin.register(Person)
class PersonAdmin(EstimatedCountAdminMixin, NumberSearchMixin, ReadOnlyDistrictAdmin):
    list_display = ("masked_number", "masked_name", "sex", "birth_year", "identity_level", "registered_at")
    fields = readonly_fields = (
        "masked_number",
        "masked_name",
        "sex",
        "birth_year",
        "region_code",
        "masked_phone",
        "identity_level",
        "registered_at",
    )
    list_filter = ("identity_level", "sex")
    search_fields = ("=id_number", "^name")

    @admin.display(description=_("resident ID number"), ordering="id_number")
    def masked_number(self, obj):
        return mask_number(obj.id_number)

    @admin.display(description=_("name"))
    def masked_name(self, obj):
        return mask_name(obj.name)

    @admin.display(description=_("phone"))
    def masked_phone(self, obj):
        return mask_phone(obj.phone)

    @admin.display(description=_("birth year"))
    def birth_year(self, obj):
        return obj.birth_date.year


@admin.register(Enterprise)
class EnterpriseAdmin(EstimatedCountAdminMixin, NumberSearchMixin, ReadOnlyDistrictAdmin):
    list_display = ("masked_uscc", "name", "industry", "registered_at")
    fields = readonly_fields = (
        "masked_uscc",
        "name",
        "masked_representative",
        "masked_phone",
        "industry",
        "registered_at",
    )
    search_fields = ("=uscc", "^name")

    @admin.display(description=_("unified social credit code"), ordering="uscc")
    def masked_uscc(self, obj):
        return mask_number(obj.uscc)

    @admin.display(description=_("legal representative"))
    def masked_representative(self, obj):
        return mask_name(obj.legal_representative)

    @admin.display(description=_("phone"))
    def masked_phone(self, obj):
        return mask_phone(obj.phone)


@admin.register(VerifiedRecord)
class VerifiedRecordAdmin(EstimatedCountAdminMixin, ReadOnlyDistrictAdmin):
    list_display = (
        "holder",
        "type_label",
        "trust_level",
        "source_kind",
        "source_department",
        "valid_until",
        "revoked_at",
    )
    fields = readonly_fields = (
        "holder",
        "type_label",
        "trust_level",
        "source_kind",
        "source_ref",
        "source_department",
        "valid_from",
        "valid_until",
        "verified_by",
        "verified_at",
        "revoked_at",
    )
    list_filter = ("trust_level", "source_kind", "record_type")
    list_select_related = ("person", "enterprise", "source_department", "verified_by")

    @admin.display(description=_("holder"))
    def holder(self, obj):
        return _holder(obj)

    @admin.display(description=_("record type"), ordering="record_type")
    def type_label(self, obj):
        return record_type_label(obj.record_type)


@admin.register(DataAccess)
class DataAccessAdmin(EstimatedCountAdminMixin, ReadOnlyDistrictAdmin):
    list_display = ("at", "kind", "staff", "department", "holder", "purpose", "channel_label")
    fields = readonly_fields = (
        "at",
        "kind",
        "staff",
        "department",
        "holder",
        "record_label",
        "purpose",
        "channel_label",
    )
    list_filter = ("kind", "channel")
    list_select_related = ("staff", "department", "person", "enterprise")
    search_fields = ("purpose", "staff__username")
    date_hierarchy = "at"

    @admin.display(description=_("whose data"))
    def holder(self, obj):
        return _holder(obj)

    @admin.display(description=_("verified record"))
    def record_label(self, obj):
        return record_type_label(obj.record.record_type) if obj.record_id else "—"

    @admin.display(description=_("channel"), ordering="channel")
    def channel_label(self, obj):
        return ACCESS_CHANNELS.get(obj.channel, obj.channel)
