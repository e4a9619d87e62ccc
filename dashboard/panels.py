"""The coordinator's cockpit: panels on the Wagtail admin home (mounted by
wagtail_hooks.py). The numbers come from `dashboard.cockpit`, the pictures
from `dashboard.charts`; every chart has a table of the same numbers."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from wagtail.admin.ui.components import Component

from programs.hours import format_hours
from training.roles import COORDINATOR, user_has_role

from . import charts
from .cockpit import STAGES, Cockpit, ProgramCockpit


def sees_cockpit(user) -> bool:
    """Coordinators (and administrators, who may do everything they do)."""
    return user.is_superuser or user_has_role(user, COORDINATOR)


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


class WaitingPanel(Component):
    """What waits for a coordinator, each a number and a link to the queue."""

    name = "cockpit_waiting"
    order = 40
    template_name = "dashboard/admin/cockpit_waiting.html"

    def __init__(self, cockpit: Cockpit):
        self.cockpit = cockpit

    def get_context_data(self, parent_context):
        waiting = self.cockpit.waiting
        items = [
            (
                "join requests",
                gettext("Join requests waiting for an answer"),
                waiting.join_requests,
                reverse("programs_joinrequest:index") + "?status=pending",
            ),
            (
                "invitations",
                gettext("Invitations not accepted yet"),
                waiting.invitations,
                reverse("programs_invitation:index"),
            ),
            (
                "verification",
                gettext("Ready for the verification queue"),
                waiting.verification,
                reverse("certificates_admin_queue"),
            ),
            (
                "renewals",
                gettext("Renewals waiting for a decision"),
                waiting.renewals,
                reverse("renewals_admin_queue"),
            ),
        ]
        return {
            "items": [
                {"key": key, "label": label, "count": count, "url": url}
                for key, label, count, url in items
            ]
        }


class ProgramPanel(Component):
    """One program: its funnel, its cohorts, its practice hours by domain and
    the time from enrolling to a certificate."""

    order = 50
    template_name = "dashboard/admin/cockpit_program.html"

    def __init__(self, program: ProgramCockpit, counted_at=None):
        self.program = program
        self.counted_at = counted_at
        self.name = f"cockpit_program_{program.program_id}"

    def get_context_data(self, parent_context):
        program = self.program
        prefix = f"cockpit-{program.program_id}"
        funnel = program.funnel
        stages = funnel.stages()
        funnel_chart = charts.bar_chart(
            chart_id=f"{prefix}-funnel",
            title=gettext("%(program)s: learners at each stage") % {"program": program.title},
            items=[(label, count) for _, label, count in stages],
            centred=True,
        )
        funnel_rows = [
            {"label": label, "count": count, "percent": _percent(count, funnel.enrolled)}
            for _, label, count in stages
        ]
        cohort_chart = charts.stacked_chart(
            chart_id=f"{prefix}-cohorts",
            title=gettext("%(program)s: furthest stage reached, by cohort")
            % {"program": program.title},
            parts=[label for _, label in STAGES],
            rows=[
                (cohort.name, [count for _, _, count in cohort.funnel.furthest()])
                for cohort in program.cohorts
            ],
        )
        cohort_rows = [
            {
                "name": cohort.name,
                "enrolled": cohort.funnel.enrolled,
                "stages": [
                    {"count": count, "percent": _percent(count, cohort.funnel.enrolled)}
                    for _, _, count in cohort.funnel.stages()[1:]
                ],
            }
            for cohort in program.cohorts
        ]
        hours_chart = charts.bar_chart(
            chart_id=f"{prefix}-hours",
            title=gettext("%(program)s: approved practice hours by domain")
            % {"program": program.title},
            items=program.hours_by_domain,
            unit=gettext("hours"),
            number=format_hours,
        )
        median = program.median_days_to_certificate
        return {
            "program": program,
            "prefix": prefix,
            "funnel_chart": charts.render(funnel_chart),
            "funnel_rows": funnel_rows,
            "cohort_chart": charts.render(cohort_chart),
            "cohort_rows": cohort_rows,
            "later_stages": [label for _, label in STAGES[1:]],
            "legend": [
                {"label": label, "fill": fill}
                for (_, label), fill in zip(STAGES, charts.STAGE_FILLS, strict=True)
            ],
            "hours_chart": charts.render(hours_chart),
            "hours_rows": [
                {"domain": name, "hours": format_hours(hours)}
                for name, hours in program.hours_by_domain
            ],
            "median_days": None if median is None else f"{median:g}",
            "certified_count": program.certified_count,
            "counted_at": self.counted_at and timezone.localtime(self.counted_at),
            "figures_seconds": settings.COCKPIT_FIGURES_SECONDS,
            "figures_minutes": max(1, round(settings.COCKPIT_FIGURES_SECONDS / 60)),
        }


class ExpiringPanel(Component):
    """Certificates whose validity ends in the next 90 days."""

    name = "cockpit_expiring"
    order = 45
    template_name = "dashboard/admin/cockpit_expiring.html"

    def __init__(self, cockpit: Cockpit):
        self.cockpit = cockpit

    def get_context_data(self, parent_context):
        cockpit = self.cockpit
        return {
            "heading": ngettext(
                "Certificates expiring in the next %(days)s day",
                "Certificates expiring in the next %(days)s days",
                cockpit.expiry_days,
            )
            % {"days": cockpit.expiry_days},
            "total": cockpit.expiring_total,
            "days": cockpit.expiry_days,
            "by_program": [p for p in cockpit.programs if p.expiring],
            "soonest": [
                {
                    "item": item,
                    "url": reverse("issued_certificates:inspect", args=[item.certificate_id]),
                }
                for item in cockpit.expiring_soonest
            ],
            "index_url": reverse("issued_certificates:index"),
        }


def cockpit_panels(cockpit: Cockpit) -> list[Component]:
    return [
        WaitingPanel(cockpit),
        ExpiringPanel(cockpit),
        *(ProgramPanel(program, cockpit.counted_at) for program in cockpit.programs),
    ]
