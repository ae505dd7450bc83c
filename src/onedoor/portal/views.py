"""Public service-guide pages (办事指南): search in citizens' own words, one printable page per item."""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe

from onedoor.catalog import selectors
from onedoor.catalog.models import CaseKind, Subject
from onedoor.core.errors import NotFound
from onedoor.districts import selectors as district_selectors

PAGE_SIZE = 20  # search hits shown
BROWSE_PAGE = 100  # items per page when browsing without a search phrase


def home(request):
    return redirect("guide-search")


def _district(request):
    try:
        return district_selectors.district_by_code(request.GET.get("district"))
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc


def guide_search(request):
    district = _district(request)
    q = (request.GET.get("q") or "").strip()[:100]
    subject = request.GET.get("subject") if request.GET.get("subject") in Subject.values else None
    department = (request.GET.get("department") or "").strip() or None
    theme = (request.GET.get("theme") or "").strip() or None
    event = (request.GET.get("event") or "").strip()[:40] or None
    more = None
    if q:
        from onedoor.catalog.search import search  # noqa: PLC0415 (the index loads on first search)

        hits = search(district, q, subject=subject, department=department, theme=theme, limit=PAGE_SIZE)
        versions = selectors.published_versions(district)
        by_id = {v.pk: v for v in versions.filter(pk__in=[h.version_id for h in hits])}
        results = [by_id[h.version_id] for h in hits if h.version_id in by_id]
        if event:  # a life event narrows the hits (the search index does not hold events)
            results = [v for v in results if event in (v.life_events or [])]
    else:
        results, more = _browse(
            request, district, subject=subject, department=department, theme=theme, event=event
        )
    context = {
        "more": more,
        "district": district,
        "q": q,
        "subject": subject or "",
        "department": department or "",
        "theme": theme or "",
        "event": event or "",
        "events": _listed(district, "life_events"),
        "results": results,
        "subjects": Subject.choices,
        "departments": district_selectors.departments_of(district),
        "themes": _listed(district, "themes"),
        "instant": CaseKind.INSTANT,
    }
    template = (
        "portal/guide_results.html" if request.headers.get("HX-Request") else "portal/guide_search.html"
    )
    return render(request, template, context)


def _browse(request, district, **filters) -> tuple[list, str | None]:
    """A page of the filtered catalog by item code (the same filters as the API), and the query string of
    the next page when there is one: every item can be reached by browsing."""
    versions = selectors.published_filtered(district, **filters).order_by("item__code")
    after = (request.GET.get("after") or "").strip()
    if after:
        versions = versions.filter(item__code__gt=after)
    page = list(versions[: BROWSE_PAGE + 1])
    if len(page) <= BROWSE_PAGE:
        return page, None
    page = page[:BROWSE_PAGE]
    query = request.GET.copy()
    query["after"] = page[-1].item.code
    return page, query.urlencode()


_list_cache: dict[tuple[int, str], tuple[int, list[str]]] = {}


def _listed(district, field: str) -> list[str]:
    """The themes or life events of the published catalog, recomputed only when the district's catalog
    revision changes."""
    cached = _list_cache.get((district.pk, field))
    if cached is None or cached[0] != district.catalog_revision:
        seen: dict[str, None] = {}
        for values in selectors.published_versions(district).values_list(field, flat=True):
            for value in values or []:
                seen.setdefault(value, None)
        cached = (district.catalog_revision, sorted(seen))
        _list_cache[(district.pk, field)] = cached
    return cached[1]


def guide_item(request, district_code: str, code: str):
    """A published version never changes, so its guide is rendered once per language and catalog revision and
    kept in the cache (`guide_parts`); only the apply section, which depends on who is looking, is rendered
    on each request."""
    try:
        district = district_selectors.district_by_code(district_code)
        parts = guide_parts(request, district, code)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc
    # The parts are our own templates' output, escaped when they were rendered.
    head, rest = mark_safe(parts["head"]), mark_safe(parts["rest"])  # noqa: S308
    return render(
        request,
        "portal/guide_item.html",
        {"district": district, "head": head, "rest": rest, **parts["facts"]},
    )


def guide_parts(request, district, code: str) -> dict:
    key = f"guide:{district.pk}:{district.catalog_revision}:{translation.get_language()}:{code}"
    parts = cache.get(key)
    if parts is None:
        version = selectors.item_detail(district, code)
        context = {
            "district": district,
            "v": version,
            "item": version.item,
            "stages": list(version.stages.all()),
        }
        parts = {
            "head": render_to_string("portal/guide_head.html", context, request),
            "rest": render_to_string("portal/guide_rest.html", context, request),
            "facts": {
                "v": {
                    "name": version.name,
                    "depth": version.depth,
                    "appointment": version.appointment,
                    "min_identity_level": version.min_identity_level,
                },
                "item": {"code": version.item.code, "subject": version.item.subject},
            },
        }
        cache.set(key, parts, timeout=24 * 3600)
    return parts


def guide_form(request, district_code: str, code: str):
    """The item's application form to print (可下载表格): blank, or — for a logged-in citizen — filled in with
    what the district knows (the register and the settled records that spare a material)."""
    from onedoor.cases.services import settled_records  # noqa: PLC0415 (the case services load their world)
    from onedoor.people.models import Person  # noqa: PLC0415

    try:
        district = district_selectors.district_by_code(district_code)
        version = selectors.item_detail(district, code)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc
    citizen = request.session.get("citizen") or {}
    person = Person.objects.filter(pk=citizen.get("person"), district=district).first() if citizen else None
    records = settled_records(district, person) if person else {}
    materials = [
        {
            "m": m,
            "on_file": bool(
                m.source == "settled"
                and m.record_type in records
                and records[m.record_type].trust_level in ("A", "B")
            ),
        }
        for m in version.materials.all()
    ]
    response = render(
        request,
        "portal/guide_form.html",
        {"district": district, "v": version, "item": version.item, "person": person, "materials": materials},
    )
    response["Cache-Control"] = "private, no-store"
    return response
