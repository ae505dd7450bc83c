"""Staff page: the district's working-day calendar (工作日历) — a year view with holidays and make-up working
days labelled, a deadline calculator, and for district admins the forms that change single days and enter
the State Council's yearly arrangement. Every read and write goes through districts.calendar."""

from __future__ import annotations

import calendar as stdlib_calendar
import re
from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET, require_POST

from onedoor.core.calendar import DayInfo, DayKind, WorkCalendar, official, years_without_official_data
from onedoor.core.errors import DomainError, Forbidden
from onedoor.districts import calendar as district_calendar
from onedoor.districts import selectors

YEAR_MIN, YEAR_MAX = 1990, 2100
LIMIT_MAX = 1000  # working days; the longest statutory limits are far shorter

FESTIVALS = {  # chinesecalendar's names → our msgids
    "New Year's Day": _("New Year's Day"),
    "Spring Festival": _("Spring Festival"),
    "Tomb-sweeping Day": _("Tomb-sweeping Day"),
    "Labour Day": _("Labour Day"),
    "Dragon Boat Festival": _("Dragon Boat Festival"),
    "Mid-autumn Festival": _("Mid-autumn Festival"),
    "National Day": _("National Day"),
    "Anti-Fascist 70th Day": _("70th anniversary of the victory over fascism"),
}
KIND_LABELS = {
    DayKind.WORKDAY: _("working day"),
    DayKind.REST: _("rest day"),
    DayKind.HOLIDAY: _("public holiday"),
    DayKind.MAKEUP_WORKDAY: _("make-up working day"),
    DayKind.DISTRICT_WORKDAY: _("working day set by the district"),
    DayKind.DISTRICT_REST: _("rest day set by the district"),
}
# A mark in every day cell that is not an ordinary working day, so colour is never the only signal.
KIND_MARKS = {
    DayKind.WORKDAY: "",
    DayKind.REST: "–",
    DayKind.HOLIDAY: pgettext_lazy("calendar mark for a public holiday", "H"),
    DayKind.MAKEUP_WORKDAY: pgettext_lazy("calendar mark for a make-up working day", "W"),
    DayKind.DISTRICT_WORKDAY: pgettext_lazy("calendar mark for a working day set by the district", "W*"),
    DayKind.DISTRICT_REST: pgettext_lazy("calendar mark for a rest day set by the district", "H*"),
}
WEEKDAY_COLUMNS = [
    pgettext_lazy("weekday column", "Mo"),
    pgettext_lazy("weekday column", "Tu"),
    pgettext_lazy("weekday column", "We"),
    pgettext_lazy("weekday column", "Th"),
    pgettext_lazy("weekday column", "Fr"),
    pgettext_lazy("weekday column", "Sa"),
    pgettext_lazy("weekday column", "Su"),
]
SPECIAL = {DayKind.HOLIDAY, DayKind.MAKEUP_WORKDAY, DayKind.DISTRICT_WORKDAY, DayKind.DISTRICT_REST}


# --- forms ---------------------------------------------------------------------------------------------


def _check_year(day: date) -> date:
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise forms.ValidationError(
            _("Choose a date between %(a)d and %(b)d.") % {"a": YEAR_MIN, "b": YEAR_MAX}
        )
    return day


class DeadlineForm(forms.Form):
    start = forms.DateField(
        label=_("Starting date (the day of acceptance)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    days = forms.IntegerField(label=_("Working days"), min_value=0, max_value=LIMIT_MAX)

    def clean_start(self):
        return _check_year(self.cleaned_data["start"])


class BetweenForm(forms.Form):
    first = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    last = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean_first(self):
        return _check_year(self.cleaned_data["first"])

    def clean_last(self):
        return _check_year(self.cleaned_data["last"])


class OverrideForm(forms.Form):
    ACTIONS = [
        ("rest", _("make it a rest day")),
        ("workday", _("make it a working day")),
        ("remove", _("remove the district's override")),
    ]
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    action = forms.ChoiceField(label=_("Change"), choices=ACTIONS, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Reason"), max_length=district_calendar.NOTE_MAX)

    def clean_date(self):
        return _check_year(self.cleaned_data["date"])


ISO_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def _dates_in(text: str) -> list[date]:
    return [
        date.fromisoformat("-".join(f"{int(p):02d}" for p in m.split("-"))) for m in ISO_DATE.findall(text)
    ]


class ArrangementForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    holidays = forms.CharField(
        label=_("Holidays"),
        help_text=_("One break per line: its first and last day, e.g. “春节 2027-02-05 至 2027-02-13”."),
        widget=forms.Textarea(attrs={"rows": 7}),
    )
    workdays = forms.CharField(
        label=_("Make-up working days"),
        required=False,
        help_text=_("Every date listed here is a working day, e.g. “2027-02-20”."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note = forms.CharField(
        label=_("Notice"), max_length=district_calendar.NOTE_MAX, help_text=_("The notice's title or number.")
    )

    def clean_holidays(self):
        ranges = []
        for number, line in enumerate(self.cleaned_data["holidays"].splitlines(), start=1):
            try:
                found = _dates_in(line)
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(n)d has a date that does not exist.") % {"n": number}
                ) from None
            if len(found) > 2:
                raise forms.ValidationError(
                    _("Line %(n)d names more than a first and a last day.") % {"n": number}
                )
            if found:
                ranges.append((found[0], found[-1]))
        return ranges

    def clean_workdays(self):
        try:
            return _dates_in(self.cleaned_data["workdays"])
        except ValueError:
            raise forms.ValidationError(_("A make-up working day does not exist.")) from None


# --- the year view -----------------------------------------------------------------------------------


@dataclass
class Cell:
    info: DayInfo | None  # None: a day of the neighbouring month
    label: str = ""
    mark: str = ""
    note: str = ""


@dataclass
class Month:
    first: date
    weeks: list[list[Cell]] = field(default_factory=list)
    special: list[dict] = field(default_factory=list)


def _label(info: DayInfo, note: str) -> str:
    text = str(KIND_LABELS[info.kind])
    if info.festival:
        text += f" · {FESTIVALS.get(info.festival, info.festival)}"
    if note:
        text += f" · {note}"
    return text


def _months(calendar: WorkCalendar, year: int, notes: dict[date, str]) -> list[Month]:
    grid = stdlib_calendar.Calendar(firstweekday=0)
    months = []
    for number in range(1, 13):
        month = Month(first=date(year, number, 1))
        for week in grid.monthdatescalendar(year, number):
            row = []
            for day in week:
                if day.month != number:
                    row.append(Cell(None))
                    continue
                info = calendar.describe(day)
                note = notes.get(day, "")
                row.append(Cell(info, _label(info, note), str(KIND_MARKS[info.kind]), note))
                if info.kind in SPECIAL:
                    _add_special(month.special, info, row[-1].label)
            month.weeks.append(row)
        months.append(month)
    return months


def _add_special(special: list[dict], info: DayInfo, label: str) -> None:
    """Consecutive days with the same label make one line: '1 Oct – 8 Oct: public holiday · National Day'."""
    last = special[-1] if special else None
    if last and last["label"] == label and (info.day - last["last"]).days == 1:
        last["last"] = info.day
    else:
        special.append({"first": info.day, "last": info.day, "label": label})


def _year_param(value: str | None) -> int:
    try:
        year = int(value or "")
    except ValueError:
        return timezone.localdate().year
    return min(max(year, YEAR_MIN), YEAR_MAX)


def _staff_district(request):
    try:
        return selectors.access_staff_district(request.user)
    except Forbidden as error:
        raise PermissionDenied(str(error.message)) from None


def _render(request, district, year: int, *, override_form=None, arrangement_form=None, status=200):
    calendar = district_calendar.calendar_for(district)
    overrides = list(district_calendar.overrides_of(district, year=year))
    can_change = district_calendar.can_change_calendar(request.user, district)
    deadline_form = DeadlineForm(request.GET if "days" in request.GET else None)
    between_form = BetweenForm(request.GET if "last" in request.GET else None)
    context = {
        "district": district,
        "year": year,
        "official": official(year),
        "months": _months(calendar, year, {o.date: o.note for o in overrides}),
        "weekdays": list(zip(WEEKDAY_COLUMNS, WEEKDAYS.values(), strict=True)),
        "overrides": overrides,
        "legend": [(KIND_MARKS[k] or "", KIND_LABELS[k]) for k in DayKind],
        "deadline_form": deadline_form,
        "between_form": between_form,
        "can_change": can_change,
    }
    if deadline_form.is_bound and deadline_form.is_valid():
        start, days = deadline_form.cleaned_data["start"], deadline_form.cleaned_data["days"]
        due = calendar.add_working_days(start, days)
        context["deadline"] = {
            "start": start,
            "days": days,
            "due": due,
            "unofficial": years_without_official_data(start, due),
        }
    if between_form.is_bound and between_form.is_valid():
        first, last = between_form.cleaned_data["first"], between_form.cleaned_data["last"]
        count = calendar.working_days_between(first, last)
        context["between"] = {
            "first": first,
            "last": last,
            "count": count,
            "unofficial": years_without_official_data(first, last),
        }
    if can_change:
        context["override_form"] = override_form or OverrideForm(initial={"action": "rest"})
        context["arrangement_form"] = arrangement_form or ArrangementForm(initial={"year": year})
    return render(request, "staffdesk/calendar.html", context, status=status)


@login_required
@require_GET
def calendar_year(request):
    district = _staff_district(request)
    return _render(request, district, _year_param(request.GET.get("year")))


def _admin_district(request):
    district = _staff_district(request)
    if not district_calendar.can_change_calendar(request.user, district):
        raise PermissionDenied(_("Only the district's administrators change its calendar."))
    return district


def _back_to(year: int):
    return redirect(f"{reverse('staff-calendar')}?year={year}")


@login_required
@require_POST
def calendar_override(request):
    district = _admin_district(request)
    form = OverrideForm(request.POST)
    year = _year_param(request.POST.get("year"))
    if not form.is_valid():
        return _render(request, district, year, override_form=form, status=400)
    day, action, reason = form.cleaned_data["date"], form.cleaned_data["action"], form.cleaned_data["reason"]
    try:
        if action == "remove":
            district_calendar.override_remove(district=district, date=day, reason=reason, actor=request.user)
        else:
            district_calendar.override_set(
                district=district, date=day, is_workday=action == "workday", note=reason, actor=request.user
            )
    except DomainError as error:
        form.add_error(None, error.message)
        return _render(request, district, day.year, override_form=form, status=error.status)
    messages.success(request, _("The calendar of %(date)s is changed.") % {"date": day.isoformat()})
    return _back_to(day.year)


@login_required
@require_POST
def calendar_arrangement(request):
    district = _admin_district(request)
    form = ArrangementForm(request.POST)
    if not form.is_valid():
        return _render(
            request, district, _year_param(request.POST.get("year")), arrangement_form=form, status=400
        )
    data = form.cleaned_data
    try:
        result = district_calendar.arrangement_import(
            district=district,
            year=data["year"],
            holidays=data["holidays"],
            workdays=data["workdays"],
            note=data["note"],
            actor=request.user,
        )
    except DomainError as error:
        message = error.message
        if error.details.get("dates"):
            message = f"{message} ({', '.join(error.details['dates'])})"
        form.add_error(None, message)
        return _render(request, district, data["year"], arrangement_form=form, status=error.status)
    messages.success(
        request,
        _(
            "The %(year)d arrangement is entered: %(created)d days added, %(changed)d changed, %(unchanged)d already so."
        )
        % {
            "year": result.year,
            "created": result.created,
            "changed": result.changed,
            "unchanged": result.unchanged,
        },
    )
    return _back_to(result.year)
