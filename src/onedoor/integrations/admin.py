"""Connectors are configured in the admin by the district's administrators: the shared secret is typed (or
generated) once and stored sealed; it is never shown again. Outbox messages and the message log are read-only
here; dead letters can be replayed from the outbox list."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from onedoor.core.admin import DistrictScopedAdmin, ReadOnlyDistrictAdmin, TenantInline
from onedoor.integrations import delivery, services
from onedoor.integrations.models import (
    Connector,
    ConnectorKind,
    LogEntry,
    MessageStatus,
    OutboxMessage,
    Route,
)


class ConnectorForm(forms.ModelForm):
    new_secret = forms.CharField(
        label=_("New shared secret"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "Leave empty to keep the current secret (a new connector gets a generated one, shown once)."
        ),
    )

    class Meta:
        model = Connector
        fields = (
            "system",
            "kind",
            "base_url",
            "jump_url",
            "timeout_seconds",
            "max_concurrency",
            "rate_per_minute",
            "enabled",
        )

    def clean_new_secret(self):
        secret = self.cleaned_data.get("new_secret") or ""
        if secret and len(secret) < 16:
            raise ValidationError(_("A shared secret needs at least 16 characters."))
        return secret

    def clean(self):
        data = super().clean()
        province = data.get("kind") == ConnectorKind.PROVINCE
        if province and data.get("system"):
            self.add_error("system", _("The provincial online hall has no back-end system: leave it empty."))
        if not province and "system" in data and not data.get("system"):
            self.add_error("system", _("Choose the back-end system this connector talks to."))
        return data

    def clean_timeout_seconds(self):
        timeout = self.cleaned_data["timeout_seconds"]
        if not 1 <= timeout <= 120:
            raise ValidationError(_("The timeout must be between 1 and 120 seconds."))
        return timeout


class RouteInline(TenantInline, admin.TabularInline):
    model = Route
    extra = 0
    fields = ("item", "decides")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "item" and not request.user.is_superuser:
            field.queryset = field.queryset.filter(district_id=request.user.district_id)
        return field


@admin.register(Connector)
class ConnectorAdmin(DistrictScopedAdmin):
    form = ConnectorForm
    inlines = [RouteInline]
    list_display = ("name", "kind", "base_url", "enabled", "consecutive_failures", "open_until")
    list_select_related = ("system",)

    @admin.display(description=_("system"), ordering="system__code")
    def name(self, obj):
        return obj.label

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        connector, shown = services.connector_configure(
            system=data.get("system"),
            district=obj.district if obj.district_id else None,
            base_url=data["base_url"],
            secret=data.get("new_secret") or None,
            kind=data["kind"],
            jump_url=data.get("jump_url") or "",
            timeout_seconds=data["timeout_seconds"],
            actor=request.user,
        )
        Connector.objects.filter(pk=connector.pk).update(
            max_concurrency=data["max_concurrency"],
            rate_per_minute=data["rate_per_minute"],
            enabled=data["enabled"],
        )
        # The inline routes were bound to `obj` before this ran: make it the saved connector.
        obj.pk, obj.district_id, obj.secret_encrypted = (
            connector.pk,
            connector.district_id,
            connector.secret_encrypted,
        )
        obj._state.adding = False
        if shown and not data.get("new_secret"):
            messages.warning(
                request,
                _(
                    "The generated shared secret is %(secret)s — give it to the back-end's operators now; it is not shown again."
                )
                % {"secret": shown},
            )

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if inline_form.has_changed() and not inline_form.cleaned_data.get("DELETE"):
                inline_form.instance.district_id = formset.instance.district_id
        super().save_formset(request, form, formset, change)


@admin.action(description=_("Replay the selected dead letters"))
def replay_dead(modeladmin, request, queryset):
    count = delivery.replay(list(queryset.filter(status=MessageStatus.DEAD)))
    modeladmin.message_user(request, _("%(count)d dead letter(s) queued again.") % {"count": count})


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyDistrictAdmin):
    list_display = (
        "id",
        "connector",
        "case",
        "sequence",
        "event",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
    )
    list_filter = ("status", "event")
    list_select_related = ("connector__system", "case")
    search_fields = ("case__number",)
    actions = [replay_dead]

    def has_change_permission(
        self, request, obj=None
    ):  # the replay action needs it; the form stays read-only
        return obj is None and self._tenant_admin(request)


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyDistrictAdmin):
    list_display = (
        "connector",
        "seq",
        "at",
        "direction",
        "case_number",
        "kind",
        "status",
        "http_status",
        "attempt",
    )
    list_filter = ("direction", "status")
    search_fields = ("case_number", "message_key")
