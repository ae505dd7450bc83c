"""Staff page: the district's catalog (事项目录) — drafts with their lint problems and a publish button, the
import form with its problem report, and export downloads. Anyone of the district may look; only the
district's administrators publish and import. Every read and write goes through the catalog app."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from onedoor.catalog import selectors, services
from onedoor.catalog.canonical import version_to_dict
from onedoor.catalog.importexport import catalog_export_json, catalog_export_xlsx, catalog_import, dump_json
from onedoor.catalog.lint import lint_item
from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.districts import selectors as district_selectors

DRAFTS_SHOWN = 100
MAX_UPLOAD = 20 * 1024 * 1024
FORMATS = {".xlsx": "xlsx", ".json": "json"}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Catalog file (XLSX or JSON)"))
    publish = forms.BooleanField(label=_("Publish the imported items"), required=False, initial=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_UPLOAD // 2**20})
        suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix not in FORMATS:
            raise forms.ValidationError(_("Upload an .xlsx workbook or a .json catalog text."))
        upload.catalog_format = FORMATS[suffix]
        return upload


def _district(request):
    try:
        return district_selectors.access_staff_district(request.user)
    except Forbidden as error:
        raise PermissionDenied(str(error.message)) from None


def _admin_district(request):
    district = _district(request)
    if not district_selectors.is_district_admin(request.user):
        raise PermissionDenied(_("Only the district's administrators publish and import catalog items."))
    return district


def _drafts(district) -> tuple[list[dict], bool]:
    versions = list(selectors.drafts_of(district)[: DRAFTS_SHOWN + 1])
    rows = []
    for version in versions[:DRAFTS_SHOWN]:
        problems = lint_item(version_to_dict(version))
        rows.append(
            {
                "version": version,
                "problems": [p for p in problems if p.blocking],
                "warnings": [p for p in problems if not p.blocking],
            }
        )
    return rows, len(versions) > DRAFTS_SHOWN


def _render(request, district, *, form=None, report=None, status=200):
    drafts, more = _drafts(district)
    context = {
        "district": district,
        "drafts": drafts,
        "more_drafts": more,
        "can_write": district_selectors.is_district_admin(request.user),
        "form": form or ImportForm(),
        "report": report,
    }
    return render(request, "staffdesk/catalog.html", context, status=status)


@login_required
@require_GET
def catalog_page(request):
    return _render(request, _district(request))


@login_required
@require_POST
def catalog_publish(request, version_id: int):
    district = _admin_district(request)
    try:
        version = selectors.version_of(district, version_id)
    except NotFound:
        raise Http404(_("No such draft in your district.")) from None
    try:
        services.version_publish(version=version, actor=request.user)
    except DomainError as error:
        messages.error(
            request,
            _("%(code)s v%(n)d was not published.") % {"code": version.item.code, "n": version.number},
        )
        for problem in error.details.get("problems", []):
            messages.error(request, f"{problem['field']}: {problem['message']}")
        if not error.details.get("problems"):
            messages.error(request, error.message)
    else:
        messages.success(
            request, _("%(code)s v%(n)d is published.") % {"code": version.item.code, "n": version.number}
        )
    return redirect("staff-catalog")


@login_required
@require_POST
def catalog_upload(request):
    district = _admin_district(request)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render(request, district, form=form, status=400)
    upload = form.cleaned_data["file"]
    report = catalog_import(
        district=district,
        payload=upload.read(),
        fmt=upload.catalog_format,
        actor=request.user,
        publish=form.cleaned_data["publish"],
    )
    return _render(request, district, form=ImportForm(), report=report, status=200 if report.ok else 422)


@login_required
@require_GET
def catalog_download(request, fmt: str):
    district = _district(request)
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "xlsx":
        body, content_type = (
            catalog_export_xlsx(district),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        )
    elif fmt == "json":
        body, content_type = dump_json(catalog_export_json(district)), "application/json; charset=utf-8"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="catalog-{district.code}-{stamp}.{fmt}"'
    return response
