"""The cohort hours report, with spreadsheet export."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import ChoiceFilter, DateFilter, ModelChoiceFilter
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import AdminDateInput

from practice import selectors
from programs.hours import (
    format_hours,
)
from programs.models import (
    Cohort,
    Domain,
    Enrollment,
    Program,
)
from training.languages import in_language

from .review import (
    HOURS_PER_PAGE,
    VIEW_HOURS_PERMISSION,
    PermissionMenuMixin,
    RequirePermissionMixin,
)


def export_row(entry) -> dict:
    """One exported entry. Built by hand so that nothing (the notes above all)
    leaves unless it is named here."""
    enrollment = entry.enrollment
    return {
        "learner_name": enrollment.learner.get_full_name(),
        "learner_email": enrollment.learner.email,
        "program_title": in_language(enrollment.program, "title"),
        "cohort_name": enrollment.cohort.name if enrollment.cohort else "",
        "date": entry.date,
        "hours_value": entry.hours,
        "domain_name": in_language(entry.domain, "name"),
        "activity_name": in_language(entry.activity_type, "name"),
        "counts_as": entry.activity_type.get_counts_as_display(),
        "setting": entry.setting,
        "status_label": entry.get_status_display(),
        "submitted_at": entry.submitted_at,
        "reviewer": str(entry.reviewed_by) if entry.reviewed_by else "",
        "reviewed_at": entry.reviewed_at,
    }


# The cohort report (coordinators) ----------------------------------------------------------


class HoursReportFilterSet(WagtailFilterSet):
    cohort = ModelChoiceFilter(
        label=gettext_lazy("Cohort"), queryset=Cohort.objects.select_related("program")
    )
    program = ModelChoiceFilter(label=gettext_lazy("Program"), queryset=Program.objects.all())
    status = ChoiceFilter(label=gettext_lazy("Enrollment"), choices=Enrollment.Status.choices)
    date_from = DateFilter(
        label=gettext_lazy("Entries dated from"), method="keep", widget=AdminDateInput
    )
    date_to = DateFilter(
        label=gettext_lazy("Entries dated until"), method="keep", widget=AdminDateInput
    )

    class Meta:
        model = Enrollment
        fields = ["cohort", "program", "status"]

    def keep(self, queryset, name, value):
        return queryset  # the view counts only entries dated in the range


@dataclass(frozen=True)
class Figure:
    """One figure of the report as the screen shows it: credited of required,
    met or not yet, and what waits for review and recorded hours over the limits."""

    label: str
    credited: str
    required: str
    met: bool
    waiting: str  # "" when nothing waits
    recorded: str  # "" unless the limits leave some approved hours uncredited

    @classmethod
    def of(cls, label, *, credited, required, approved, pending) -> Figure:
        return cls(
            label=label,
            credited=format_hours(credited),
            required=format_hours(required),
            met=credited >= required,
            waiting=format_hours(pending) if pending else "",
            recorded=format_hours(approved) if approved != credited else "",
        )


@dataclass
class ReportRow:
    enrollment: Enrollment
    summary: selectors.HoursSummary

    @property
    def email_local(self) -> str:
        """The email's two halves, so a narrow column breaks it at the @ only."""
        return self.enrollment.learner.email.partition("@")[0]

    @property
    def email_domain(self) -> str:
        return self.enrollment.learner.email.partition("@")[2]

    @cached_property
    def domains(self) -> list[Figure]:
        """The program's domains and any other with practice logged, in order."""
        return [
            Figure.of(
                str(hours.domain),  # in the reader's language
                credited=hours.creditable,
                required=hours.required,
                approved=hours.approved,
                pending=hours.pending,
            )
            for hours in self.summary.domains
        ]

    @cached_property
    def practice(self) -> Figure:
        summary = self.summary
        return Figure.of(
            _("All practice"),
            credited=summary.practice_creditable,
            required=summary.practice_required,
            approved=summary.practice_approved,
            pending=summary.practice_pending,
        )

    @cached_property
    def supervision(self) -> Figure:
        summary = self.summary
        return Figure.of(
            _("Supervision"),
            credited=summary.supervision_creditable,
            required=summary.supervision_required,
            approved=summary.supervision_approved,
            pending=summary.supervision_pending,
        )


class HoursReportView(RequirePermissionMixin, ReportView):
    """Learners × domains: approved, waiting and creditable practice hours, with
    supervision, per cohort. Nothing from the notes."""

    permission = VIEW_HOURS_PERMISSION
    page_title = gettext_lazy("Practice hours by cohort")
    header_icon = "table"
    filterset_class = HoursReportFilterSet
    template_name = "wagtailadmin/reports/base_report.html"
    results_template_name = "practice/admin/hours_report_results.html"
    index_url_name = "practice_report:index"
    index_results_url_name = "practice_report:results"
    paginate_by = HOURS_PER_PAGE
    export_filename = "practice-hours-by-cohort"
    custom_value_preprocess = {
        **ReportView.custom_value_preprocess,
        Decimal: {"csv": format_hours, "xlsx": float},
    }

    def get_base_queryset(self):
        return Enrollment.objects.select_related(
            "learner", "program", "cohort", "supervisor"
        ).order_by("cohort__name", "learner__last_name", "learner__first_name", "pk")

    @cached_property
    def domains(self):
        return list(Domain.objects.all())

    def _date_filter(self, name):
        if self.filters is not None and self.filters.is_valid():
            return self.filters.form.cleaned_data.get(name)
        return None

    def decorate_paginated_queryset(self, object_list):
        enrollments = list(object_list)
        summaries = selectors.hours_summaries(
            enrollments,
            date_from=self._date_filter("date_from"),
            date_to=self._date_filter("date_to"),
        )
        return [ReportRow(enrollment, summaries[enrollment.pk]) for enrollment in enrollments]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["domains"] = self.domains
        return context

    # Spreadsheet export: one row per learner, three numbers per domain.
    @cached_property
    def list_export(self):
        fields = ["learner", "email", "program", "cohort", "supervisor", "enrollment_status"]
        for domain in self.domains:
            fields += [f"{domain.slug}:{part}" for part in ("approved", "pending", "creditable")]
        return fields + [
            "practice_approved",
            "practice_pending",
            "practice_creditable",
            "practice_required",
            "supervision_approved",
            "supervision_pending",
            "supervision_creditable",
            "supervision_required",
            "requirements_met",
        ]

    @cached_property
    def export_headings(self):
        headings = {
            "learner": _("Learner"),
            "email": _("Email"),
            "program": _("Program"),
            "cohort": _("Cohort"),
            "supervisor": _("Supervisor"),
            "enrollment_status": _("Enrollment"),
            "practice_approved": _("Practice approved"),
            "practice_pending": _("Practice waiting"),
            "practice_creditable": _("Practice creditable"),
            "practice_required": _("Practice required"),
            "supervision_approved": _("Supervision approved"),
            "supervision_pending": _("Supervision waiting"),
            "supervision_creditable": _("Supervision creditable"),
            "supervision_required": _("Supervision required"),
            "requirements_met": _("Practice and supervision met"),
        }
        for domain in self.domains:
            name = {"domain": domain}  # str(): in the reader's language
            headings[f"{domain.slug}:approved"] = _("%(domain)s: approved") % name
            headings[f"{domain.slug}:pending"] = _("%(domain)s: waiting") % name
            headings[f"{domain.slug}:creditable"] = _("%(domain)s: creditable") % name
        return headings

    def to_row_dict(self, item: ReportRow):
        enrollment, summary = item.enrollment, item.summary
        row = {
            "learner": enrollment.learner.get_full_name() or enrollment.learner.email,
            "email": enrollment.learner.email,
            "program": in_language(enrollment.program, "title"),
            "cohort": enrollment.cohort.name if enrollment.cohort else "",
            "supervisor": str(enrollment.supervisor) if enrollment.supervisor else "",
            "enrollment_status": enrollment.get_status_display(),
        }
        for domain in self.domains:
            hours = summary.domain(domain.slug)
            row[f"{domain.slug}:approved"] = hours.approved if hours else Decimal("0")
            row[f"{domain.slug}:pending"] = hours.pending if hours else Decimal("0")
            row[f"{domain.slug}:creditable"] = hours.creditable if hours else Decimal("0")
        row.update(
            practice_approved=summary.practice_approved,
            practice_pending=summary.practice_pending,
            practice_creditable=summary.practice_creditable,
            practice_required=summary.practice_required,
            supervision_approved=summary.supervision_approved,
            supervision_pending=summary.supervision_pending,
            supervision_creditable=summary.supervision_creditable,
            supervision_required=summary.supervision_required,
            requirements_met=_("Yes") if summary.requirements_met else _("Not yet"),
        )
        return row


class HoursReportViewSet(PermissionMenuMixin, ViewSet):
    name = "practice_report"
    url_prefix = "practice/report"
    icon = "table"
    menu_label = gettext_lazy("Cohort report")
    permission = VIEW_HOURS_PERMISSION

    def get_urlpatterns(self):
        return [
            path("", HoursReportView.as_view(), name="index"),
            path("results/", HoursReportView.as_view(results_only=True), name="results"),
        ]
