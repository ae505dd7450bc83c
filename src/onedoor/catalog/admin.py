"""The catalog in the admin, for the district's catalog staff. Every write goes through the catalog
services: items are created with `item_create`, drafts edited with `version_update` (materials and stages
included), published with the "publish" action (which runs the lint). A published or retired version is
read-only here: it is never edited, a change makes a new draft ("start a new draft" on the item)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from onedoor.catalog import services
from onedoor.catalog.canonical import (
    CRITERION_FIELDS,
    ITEM_FIELDS,
    MATERIAL_FIELDS,
    STAGE_FIELDS,
    VERSION_KEYS,
)
from onedoor.catalog.models import CaseKind, Item, ItemType, ItemVersion, Material, Stage, VersionStatus
from onedoor.catalog.shape import check_object, check_value
from onedoor.core.admin import DistrictScopedAdmin, TenantInline
from onedoor.core.errors import DomainError


def _report(request, error: DomainError, intro) -> None:
    messages.error(request, intro)
    problems = error.details.get("problems") or []
    for problem in problems:
        messages.error(request, f"{problem['field']}: {problem['message']}")
    if not problems:
        messages.error(request, error.message)


# --- items -----------------------------------------------------------------------------------------
class ItemAddForm(forms.ModelForm):
    """An item and the first facts of its version 1 draft; the rest is filled in on the draft."""

    name = forms.CharField(label=_("name"), max_length=200)
    item_type = forms.ChoiceField(label=_("item type"), choices=ItemType.choices)
    kind = forms.ChoiceField(label=_("case kind"), choices=CaseKind.choices)

    class Meta:
        model = Item
        fields = ["code", "basic_code", "department", "subject"]

    def clean(self):
        data = super().clean()
        district = data["district"].pk if data.get("district") else self.instance.district_id
        department = data.get("department")
        if department and district and department.district_id != district:
            raise forms.ValidationError(_("The department belongs to another district."))
        return data


class VersionInline(TenantInline, admin.TabularInline):
    model = ItemVersion
    fields = readonly_fields = ("number", "status", "name", "valid_from", "valid_to", "published_at")
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Item)
class ItemAdmin(DistrictScopedAdmin):
    list_display = ("code", "current_name", "department", "subject", "current_number")
    list_filter = ("subject",)
    search_fields = ("code", "basic_code", "current__name")
    list_select_related = ("department", "current")
    inlines = [VersionInline]
    actions = ["start_draft", "retire"]
    show_full_result_count = False

    @admin.display(description=_("name"), ordering="current__name")
    def current_name(self, obj):
        return obj.current.name if obj.current_id else "—"

    @admin.display(description=_("published version"))
    def current_number(self, obj):
        return obj.current.number if obj.current_id else "—"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ItemAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        district = [] if not request.user.is_superuser else ["district"]
        if obj is None:
            return [*district, "code", "basic_code", "department", "subject", "name", "item_type", "kind"]
        return ["code", "basic_code", "department", "subject", "current"]

    def get_readonly_fields(self, request, obj=None):
        return ["code", "current"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            changes = {k: data[k] for k in ("basic_code", "subject") if k in form.changed_data}
            if "department" in form.changed_data:
                changes["department"] = data["department"].code
            if changes:
                services.item_update(item=obj, actor=request.user, changes=changes)
            return
        district = data["district"] if request.user.is_superuser else request.user.district
        item = services.item_create(
            district=district,
            actor=request.user,
            data={
                "code": data["code"],
                "basic_code": data["basic_code"],
                "department": data["department"].code,
                "subject": data["subject"],
                "name": data["name"],
                "item_type": data["item_type"],
                "kind": data["kind"],
            },
        )
        obj.pk, obj.district_id = item.pk, item.district_id
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        pass  # versions are listed, never written, from the item page

    def construct_change_message(self, request, form, formsets, add=False):
        return super().construct_change_message(request, form, [], add)

    @admin.action(description=_("Start a new draft from the published version"))
    def start_draft(self, request, queryset):
        for item in queryset:
            try:
                version = services.version_draft(item=item, actor=request.user, changes={})
            except DomainError as error:
                messages.error(request, f"{item.code}: {error.message}")
            else:
                messages.success(
                    request,
                    _("%(code)s: draft version %(n)d created.") % {"code": item.code, "n": version.number},
                )

    @admin.action(description=_("Retire (withdraw from the published catalog)"))
    def retire(self, request, queryset):
        for item in queryset:
            try:
                services.item_retire(item=item, actor=request.user, reason="admin")
            except DomainError as error:
                messages.error(request, f"{item.code}: {error.message}")
            else:
                messages.success(request, _("%(code)s is retired.") % {"code": item.code})


# --- versions --------------------------------------------------------------------------------------
def _shape_errors(form, values: dict, fields: dict) -> None:
    for key, value in values.items():
        for problem in check_value(key, value, fields[key], key):
            form.add_error(key if key in form.fields else None, problem.message)


class VersionForm(forms.ModelForm):
    class Meta:
        model = ItemVersion
        fields = list(VERSION_KEYS)

    def clean(self):
        data = super().clean()
        _shape_errors(
            self, {k: data[k] for k in VERSION_KEYS if k in data and k != "valid_from"}, ITEM_FIELDS
        )
        return data


class MaterialForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = ["order", *MATERIAL_FIELDS, "criteria"]

    def clean_criteria(self):
        criteria = self.cleaned_data.get("criteria") or []
        if not isinstance(criteria, list):
            raise forms.ValidationError(_("Review criteria are a list of {id, text, kind, mandatory}."))
        for i, criterion in enumerate(criteria):
            problems = check_object(criterion, CRITERION_FIELDS, f"criteria[{i}]")
            if problems:
                raise forms.ValidationError([p.message for p in problems])
        return criteria


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["order", *STAGE_FIELDS]

    def clean(self):
        data = super().clean()
        if "role" in data:
            _shape_errors(self, {"role": data["role"]}, STAGE_FIELDS)
        return data


class DraftOnlyInline(TenantInline):
    """Inline rows of a version can only change while the version is a draft."""

    def _draft(self, obj) -> bool:
        return obj is None or obj.status == VersionStatus.DRAFT

    def has_add_permission(self, request, obj=None):
        return self._draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._draft(obj) and super().has_delete_permission(request, obj)


class MaterialInline(DraftOnlyInline, admin.StackedInline):
    model = Material
    form = MaterialForm


class StageInline(DraftOnlyInline, admin.TabularInline):
    model = Stage
    form = StageForm


def _rows(formset, fields) -> list[dict]:
    kept = [
        f
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and (f.instance.pk or f.has_changed())
    ]
    kept.sort(key=lambda f: f.cleaned_data.get("order") or 0)
    return [{k: f.cleaned_data[k] for k in fields} for f in kept]


@admin.register(ItemVersion)
class ItemVersionAdmin(DistrictScopedAdmin):
    district_field = "item__district"
    form = VersionForm
    list_display = ("item", "number", "name", "status", "valid_from", "valid_to")
    list_filter = ("status", "kind", "item_type")
    search_fields = ("item__code", "name")
    list_select_related = ("item", "item__current")
    readonly_fields = ("item", "number", "status", "valid_from", "valid_to", "published_at")
    inlines = [MaterialInline, StageInline]
    actions = ["publish"]
    show_full_result_count = False

    def get_fields(self, request, obj=None):
        return [
            "item",
            "number",
            "status",
            "valid_from",
            "valid_to",
            "published_at",
            *[k for k in VERSION_KEYS if k != "valid_from"],
        ]

    def has_add_permission(self, request):
        return False  # drafts come from an item ("start a new draft") or an import

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status != VersionStatus.DRAFT:
            return False  # published and retired versions are never edited
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        pass  # written with the inlines, through version_update, in save_related

    def construct_change_message(self, request, form, formsets, add=False):
        return super().construct_change_message(request, form, [], add)

    def save_related(self, request, form, formsets, change):
        changes = {k: form.cleaned_data[k] for k in VERSION_KEYS if k in form.cleaned_data}
        for formset in formsets:
            if formset.model is Material:
                changes["materials"] = _rows(formset, [*MATERIAL_FIELDS, "criteria"])
            elif formset.model is Stage:
                changes["stages"] = _rows(formset, list(STAGE_FIELDS))
        try:
            services.version_update(version=form.instance, actor=request.user, changes=changes)
        except DomainError as error:
            transaction.set_rollback(True)
            _report(request, error, _("The draft was not saved."))

    @admin.action(description=_("Publish (runs the catalog lint)"))
    def publish(self, request, queryset):
        for version in queryset.select_related("item"):
            try:
                services.version_publish(version=version, actor=request.user)
            except DomainError as error:
                _report(
                    request,
                    error,
                    _("%(code)s v%(n)d was not published.")
                    % {"code": version.item.code, "n": version.number},
                )
            else:
                messages.success(
                    request,
                    _("%(code)s v%(n)d is published.") % {"code": version.item.code, "n": version.number},
                )
