"""Staff pages for people (一号): look up a person or enterprise by number (typed, or scanned by an ID-card
reader that types the number and presses Enter), see a masked summary with verified records, open the full
details for a stated purpose (logged), and register a person who is not known yet.

Numbers travel in POST bodies, never in URLs, so they stay out of browser history and access logs; the
summary and full pages address people by database id. The full page is only ever the answer to a POST that
logged the view, so reloading it logs again and a link to it cannot skip the log.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from onedoor.core.errors import DomainError, Forbidden, NotFound
from onedoor.people import idnumbers, selectors, services
from onedoor.people.masking import mask_name, mask_number, mask_phone
from onedoor.people.models import ACCESS_CHANNELS, Enterprise, Person
from onedoor.people.record_types import record_type_label

SEARCH_LIMIT = 20
PURPOSE_SUGGESTIONS = [
    _("Handling an application at the window"),
    _("Checking the applicant's identity for a case"),
    _("The person asked to see their own data"),
    _("Correcting the person's registered details"),
]


class LookupForm(forms.Form):
    number = forms.CharField(label=_("ID number, credit code or name"), max_length=200, required=False)


class PurposeForm(forms.Form):
    purpose = forms.CharField(
        label=_("Why do you need the full details?"),
        max_length=200,
        error_messages={"required": _("Say why you need the full details; it is recorded.")},
    )


class RegisterForm(forms.Form):
    number = forms.CharField(widget=forms.HiddenInput, max_length=200)
    name = forms.CharField(label=_("Name"), max_length=60)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)


def _translate_errors(call):
    """Run a selector; turn 'not here' into 404 and 'not allowed' into 403, as every page does."""
    try:
        return call()
    except NotFound:
        raise Http404 from None
    except Forbidden as exc:
        raise PermissionDenied(str(exc.message)) from None


def _is_whole_number(value: str) -> bool:
    """Long enough and only letters and digits: meant as a whole ID number or credit code, not a search."""
    return len(value) >= 15 and value.isascii() and value.isalnum()


@login_required
@require_http_methods(["GET", "POST"])
def people_lookup(request):
    """The lookup page. POST a number: a known one opens its summary, an invalid one says why, an unknown
    valid ID number offers registration; anything shorter is a name or number-prefix search."""
    _translate_errors(lambda: selectors.access_staff_district(request.user))
    form = LookupForm(request.POST or None)
    context = {"form": form, "limit": SEARCH_LIMIT}
    if request.method == "POST" and form.is_valid():
        value = idnumbers.normalise(form.cleaned_data["number"])
        if not value:
            context["problem"] = idnumbers.identify(value).message
        elif _is_whole_number(value):
            response = _lookup_whole_number(request, value, context)
            if response is not None:
                return response
        else:
            query = form.cleaned_data["number"]
            context["rows"] = selectors.people_search(staff=request.user, q=query, limit=SEARCH_LIMIT)
            context["searched"] = query.strip()
    return render(request, "staffdesk/people.html", context)


def _lookup_whole_number(request, value: str, context: dict):
    result = idnumbers.identify(value)
    if not result.valid:
        context["problem"] = result.message
        return None
    if result.kind == idnumbers.RESIDENT:
        person = selectors.person_find(staff=request.user, number=result.number)
        if person is not None:
            return redirect("staff-person", pk=person.pk)
        context["not_found"] = mask_number(result.number)
        context["register_form"] = RegisterForm(initial={"number": result.number})
        return None
    enterprise = selectors.enterprise_find(staff=request.user, uscc=result.number)
    if enterprise is not None:
        return redirect("staff-enterprise", pk=enterprise.pk)
    context["not_found"] = mask_number(result.number)
    return None


@login_required
@require_POST
def people_register(request):
    """Register the person the lookup did not find, then show their summary."""
    _translate_errors(lambda: selectors.access_staff_district(request.user))
    form = RegisterForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_register(
                district=request.user.district,
                id_number=data["number"],
                name=data["name"],
                phone=data["phone"],
                address=data["address"],
                actor=request.user,
            )
        except DomainError as exc:
            problems = exc.details.get("problems") or [
                {"field": exc.details.get("field"), "message": exc.message}
            ]
            for problem in problems:
                field = problem.get("field")
                form.add_error(
                    field if field in ("name", "phone", "address") else None, str(problem["message"])
                )
        else:
            messages.success(request, _("The person is registered."))
            return redirect("staff-person", pk=person.pk)
    number = idnumbers.normalise(form.data.get("number"))
    context = {"form": LookupForm(), "register_form": form, "not_found": mask_number(number)}
    return render(request, "staffdesk/people.html", context, status=400)


# --- summary and full view ------------------------------------------------------------------------


def _record_rows(records, *, payload: bool = False) -> list[dict]:
    return [
        {
            "type": record_type_label(r.record_type),
            "trust_level": r.trust_level,
            "trust_label": r.get_trust_level_display(),
            "source": r.get_source_kind_display(),
            "department": r.source_department.name if r.source_department_id else "",
            "ref": r.source_ref,
            "valid_from": r.valid_from,
            "valid_until": r.valid_until,
            "payload": r.payload if payload else None,
        }
        for r in records
    ]


def _person_card(request, person: Person, purpose_form: PurposeForm, status: int = 200):
    context = {
        "kind": "person",
        "holder": person,
        "summary": [
            (_("Resident ID number"), mask_number(person.id_number)),
            (_("Name"), mask_name(person.name)),
            (_("Sex"), person.get_sex_display()),
            (_("Year of birth"), person.birth_date.year),
            (_("Phone"), mask_phone(person.phone) or "—"),
            (_("Identity level"), person.get_identity_level_display()),
        ],
        "records": _record_rows(selectors.records_of(staff=request.user, person=person)),
        "may_view_full": selectors.may_view_full(request.user, person),
        "purpose_form": purpose_form,
        "purposes": PURPOSE_SUGGESTIONS,
    }
    return render(request, "staffdesk/people_card.html", context, status=status)


def _enterprise_card(request, enterprise: Enterprise, purpose_form: PurposeForm, status: int = 200):
    context = {
        "kind": "enterprise",
        "holder": enterprise,
        "summary": [
            (_("Unified social credit code"), mask_number(enterprise.uscc)),
            (_("Enterprise name"), enterprise.name),
            (_("Legal representative"), mask_name(enterprise.legal_representative) or "—"),
            (_("Industry"), enterprise.industry or "—"),
        ],
        "records": _record_rows(selectors.records_of(staff=request.user, enterprise=enterprise)),
        "may_view_full": selectors.may_view_full(request.user, enterprise),
        "purpose_form": purpose_form,
        "purposes": PURPOSE_SUGGESTIONS,
    }
    return render(request, "staffdesk/people_card.html", context, status=status)


@login_required
def person_card(request, pk: int):
    person = _translate_errors(lambda: selectors.person_get(staff=request.user, pk=pk))
    return _person_card(request, person, PurposeForm())


@login_required
def enterprise_card(request, pk: int):
    enterprise = _translate_errors(lambda: selectors.enterprise_get(staff=request.user, pk=pk))
    return _enterprise_card(request, enterprise, PurposeForm())


@login_required
@require_http_methods(["GET", "POST"])
def person_full(request, pk: int):
    """The full details, for a stated purpose; the view is logged before anything is shown."""
    person = _translate_errors(lambda: selectors.person_get(staff=request.user, pk=pk))
    if request.method == "GET":
        return redirect("staff-person", pk=pk)
    form = PurposeForm(request.POST)
    if not form.is_valid():
        return _person_card(request, person, form, status=400)
    view = _translate_errors(
        lambda: selectors.person_full_view(
            staff=request.user, person=person, purpose=form.cleaned_data["purpose"], channel="page"
        )
    )
    details = [
        (_("Resident ID number"), person.id_number),
        (_("Name"), person.name),
        (_("Sex"), person.get_sex_display()),
        (_("Date of birth"), person.birth_date),
        (_("Region code"), person.region_code),
        (_("Phone"), person.phone or "—"),
        (_("Address"), person.address or "—"),
        (_("Identity level"), person.get_identity_level_display()),
    ]
    accesses = selectors.data_accesses_of(staff=request.user, person=person)
    return _full_page(request, "person", person, details, view, accesses)


@login_required
@require_http_methods(["GET", "POST"])
def enterprise_full(request, pk: int):
    enterprise = _translate_errors(lambda: selectors.enterprise_get(staff=request.user, pk=pk))
    if request.method == "GET":
        return redirect("staff-enterprise", pk=pk)
    form = PurposeForm(request.POST)
    if not form.is_valid():
        return _enterprise_card(request, enterprise, form, status=400)
    view = _translate_errors(
        lambda: selectors.enterprise_full_view(
            staff=request.user, enterprise=enterprise, purpose=form.cleaned_data["purpose"], channel="page"
        )
    )
    details = [
        (_("Unified social credit code"), enterprise.uscc),
        (_("Enterprise name"), enterprise.name),
        (_("Legal representative"), enterprise.legal_representative or "—"),
        (_("Representative's ID number"), enterprise.representative_id_number or "—"),
        (_("Phone"), enterprise.phone or "—"),
        (_("Address"), enterprise.address or "—"),
        (_("Industry"), enterprise.industry or "—"),
    ]
    accesses = selectors.data_accesses_of(staff=request.user, enterprise=enterprise)
    return _full_page(request, "enterprise", enterprise, details, view, accesses)


def _access_rows(accesses) -> list[dict]:
    return [
        {
            "at": a.at,
            "staff": a.staff,
            "department": a.department.name if a.department_id else "",
            "record_type": record_type_label(a.record.record_type) if a.record_id else None,
            "purpose": a.purpose,
            "channel": ACCESS_CHANNELS.get(a.channel, a.channel),
        }
        for a in accesses
    ]


def _full_page(request, kind, holder, details, view, accesses):
    context = {
        "kind": kind,
        "holder": holder,
        "details": details,
        "records": _record_rows(view.records, payload=True),
        "access": view.access,
        "accesses": _access_rows(accesses),
    }
    response = render(request, "staffdesk/people_full.html", context)
    response["Cache-Control"] = "no-store"  # personal data: never kept in a browser or proxy cache
    return response
