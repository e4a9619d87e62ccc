"""Every practice-hours entry, for coordinators (never the notes)."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import View
from django_filters import ChoiceFilter, DateFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, UserColumn
from wagtail.admin.widgets import AdminDateInput

from practice import selectors
from practice.models import HoursEntry
from programs.hours import (
    format_hours,
)
from programs.models import (
    Cohort,
    Domain,
    Program,
)
from training.columns import WhenColumn
from training.viewsets import (
    IndexView,
    NotAvailableView,
    RecordViewSet,
    RegisterAllPermissionsMixin,
)

from .reports import export_row
from .review import HOURS_PER_PAGE

# Every entry (coordinators) ---------------------------------------------------------------


class HoursEntryFilterSet(WagtailFilterSet):
    status = ChoiceFilter(label=gettext_lazy("Status"), choices=HoursEntry.Status.choices)
    program = ModelChoiceFilter(
        label=gettext_lazy("Program"),
        field_name="enrollment__program",
        queryset=Program.objects.all(),
    )
    cohort = ModelChoiceFilter(
        label=gettext_lazy("Cohort"),
        field_name="enrollment__cohort",
        queryset=Cohort.objects.select_related("program"),
    )
    domain = ModelChoiceFilter(label=gettext_lazy("Domain"), queryset=Domain.objects.all())
    date_from = DateFilter(
        field_name="date",
        lookup_expr="gte",
        label=gettext_lazy("Dated from"),
        widget=AdminDateInput,
    )
    date_to = DateFilter(
        field_name="date",
        lookup_expr="lte",
        label=gettext_lazy("Dated until"),
        widget=AdminDateInput,
    )

    class Meta:
        model = HoursEntry
        fields = ["status", "program", "cohort", "domain"]


class HoursEntryIndexView(IndexView):
    def get_base_queryset(self):
        return selectors.hours_entries_for_staff()

    def get_edit_url(self, instance):
        return reverse("practice_review:entry", args=[instance.pk])

    def to_row_dict(self, item):
        return export_row(item)


class HoursEntryRedirectView(View):
    def get(self, request, pk):
        return redirect("practice_review:entry", pk)


class HoursEntryViewSet(RegisterAllPermissionsMixin, RecordViewSet):
    """Every entry, for coordinators: filters, spreadsheet export, no notes."""

    model = HoursEntry
    name = "practice_entry"
    url_prefix = "practice/entries"
    icon = "list-ul"
    menu_label = gettext_lazy("All entries")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = HoursEntryIndexView
    add_view_class = NotAvailableView
    edit_view_class = HoursEntryRedirectView
    delete_view_class = NotAvailableView
    filterset_class = HoursEntryFilterSet
    search_fields = [
        "enrollment__learner__email",
        "enrollment__learner__first_name",
        "enrollment__learner__last_name",
    ]
    ordering = ["-date", "-pk"]
    list_per_page = HOURS_PER_PAGE
    list_display = [
        Column("learner", label=gettext_lazy("Learner"), accessor="enrollment.learner"),
        WhenColumn("date", label=gettext_lazy("Date"), sort_key="date"),
        Column(
            "hours",
            label=gettext_lazy("Hours"),
            accessor=lambda e: format_hours(e.hours),
            sort_key="hours",
        ),
        # str(): the name in the reader's language.
        Column("domain", label=gettext_lazy("Domain"), accessor=lambda e: str(e.domain)),
        Column("activity", label=gettext_lazy("Activity"), accessor=lambda e: str(e.activity_type)),
        Column(
            "cohort", label=gettext_lazy("Cohort"), accessor=lambda e: e.enrollment.cohort or "—"
        ),
        Column(
            "status",
            label=gettext_lazy("Status"),
            accessor="get_status_display",
            sort_key="status",
        ),
        UserColumn("reviewed_by", label=gettext_lazy("Reviewed by"), blank_display_name="—"),
    ]
    # Notes are never exported: coordinators see totals and entries only.
    list_export = [
        "learner_name",
        "learner_email",
        "program_title",
        "cohort_name",
        "date",
        "hours_value",
        "domain_name",
        "activity_name",
        "counts_as",
        "setting",
        "status_label",
        "submitted_at",
        "reviewer",
        "reviewed_at",
    ]
    export_headings = {
        "learner_name": gettext_lazy("Learner"),
        "learner_email": gettext_lazy("Email"),
        "program_title": gettext_lazy("Program"),
        "cohort_name": gettext_lazy("Cohort"),
        "date": gettext_lazy("Date"),
        "hours_value": gettext_lazy("Hours"),
        "domain_name": gettext_lazy("Domain"),
        "activity_name": gettext_lazy("Activity"),
        "counts_as": gettext_lazy("Counts as"),
        "setting": gettext_lazy("Setting"),
        "status_label": gettext_lazy("Status"),
        "submitted_at": gettext_lazy("Submitted"),
        "reviewer": gettext_lazy("Reviewed by"),
        "reviewed_at": gettext_lazy("Reviewed"),
    }
    export_filename = "practice-hours-entries"

    def get_add_view_kwargs(self, **kwargs):
        return kwargs

    def get_edit_view_kwargs(self, **kwargs):
        return kwargs

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(add_url_name=None, **kwargs)
