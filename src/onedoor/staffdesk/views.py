"""Staff pages: login with lockout, logout, and the home page of the caller's district."""

from __future__ import annotations

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from onedoor.districts import selectors
from onedoor.districts.models import Role
from onedoor.staffdesk import integration_views


class LockoutAwareLoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _(
            "This account is locked after repeated failed logins. Try again later or ask your administrator."
        ),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "onedoor_locked", False):
                raise forms.ValidationError(self.error_messages["locked"], code="locked") from None
            raise


class StaffLoginView(auth_views.LoginView):
    template_name = "staffdesk/login.html"
    authentication_form = LockoutAwareLoginForm
    redirect_authenticated_user = True


class StaffLogoutView(auth_views.LogoutView):
    pass


@login_required
def home(request):
    district = request.user.district
    labels = dict(Role.choices)
    roles = [labels.get(r, r) for r in sorted(request.user.role_set())] if district else []
    context = {"district": district, "roles": roles}
    if district is not None:
        context["centres"] = selectors.centres_of(district).count()
        context["departments"] = selectors.departments_of(district).count()
        if integration_views.may_watch(request.user):  # the alert: undelivered messages to department systems
            context["may_watch"] = True
            context["dead_letters"] = integration_views.dead_letters_of(district.pk).count()
    return render(request, "staffdesk/home.html", context)
