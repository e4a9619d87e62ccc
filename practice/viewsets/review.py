"""Supervisors review the hours of the people they currently supervise (the
queue); coordinators may reopen an approved entry. Who may see an entry's notes
is decided by the relationship (the enrollment's current supervisor), not by a
permission.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.defaults import permission_denied
from django.views.generic import TemplateView, View
from django_filters import ChoiceFilter, ModelChoiceFilter
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import BaseListingView, WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from practice import selectors, services
from practice.forms import HoursCommentForm, HoursReopenForm
from practice.models import HoursEntry
from programs import selectors as program_selectors
from programs.hours import format_hours
from training.errors import message_of

# --- Supervised practice hours ---------------------------------------------------------
# Supervisors review the hours of the people they currently supervise (the
# queue); coordinators see every entry and the cohort report, never the notes,
# and may reopen an approved entry. Who may see an entry's notes is decided by
# the relationship (the enrollment's current supervisor), not by a permission.

REVIEW_PERMISSION = services.REVIEW_PERMISSION
VIEW_HOURS_PERMISSION = "practice.view_hoursentry"
HOURS_PER_PAGE = 50


def may_review(user) -> bool:
    return user.has_perm(REVIEW_PERMISSION)


def may_view_all_hours(user) -> bool:
    return user.has_perm(VIEW_HOURS_PERMISSION)


class PermissionMenuMixin:
    """A plain ViewSet whose menu item shows only to people with `permission`."""

    permission = None

    @cached_property
    def menu_item_class(self):

        permission = self.permission
        return type(
            f"{type(self).__name__}MenuItem",
            (MenuItem,),
            {"is_shown": lambda _self, request: request.user.has_perm(permission)},
        )


class RequirePermissionMixin:
    permission = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    # A path on this site only: redirect() would read "5" or "index" as a view name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# Review queue (supervisors) ---------------------------------------------------------------

QUEUE_STATUSES = [
    ("", gettext_lazy("Waiting for review")),
    (HoursEntry.Status.RETURNED, gettext_lazy("Returned")),
    (HoursEntry.Status.APPROVED, gettext_lazy("Approved")),
    ("all", gettext_lazy("All submitted, returned and approved")),
]


class HoursQueueFilterSet(WagtailFilterSet):
    status = ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=QUEUE_STATUSES[1:],
        empty_label=QUEUE_STATUSES[0][1],
        method="by_status",
    )
    enrollment = ModelChoiceFilter(
        label=gettext_lazy("Person"),
        queryset=lambda request: program_selectors.mentees_of(request.user),
        empty_label=gettext_lazy("Everyone you supervise"),
    )

    class Meta:
        model = HoursEntry
        fields = ["status", "enrollment"]

    def by_status(self, queryset, name, value):
        return queryset  # applied in the view, where "empty" means waiting for review


class HoursQueueView(RequirePermissionMixin, BaseListingView):
    """The supervisor's own mentees' entries: by default those waiting for review,
    the longest-waiting first, with approve and return for many at once."""

    permission = REVIEW_PERMISSION
    page_title = gettext_lazy("Hours to review")
    header_icon = "time"
    template_name = "practice/admin/hours_queue.html"
    results_template_name = "practice/admin/hours_queue_results.html"
    filterset_class = HoursQueueFilterSet
    paginate_by = HOURS_PER_PAGE
    index_url_name = "practice_review:index"
    index_results_url_name = "practice_review:results"
    verbose_name_plural = gettext_lazy("entries")

    @cached_property
    def status(self) -> str:
        value = self.request.GET.get("status", "")
        return value if value in dict(QUEUE_STATUSES) else ""

    def get_base_queryset(self):
        entries = selectors.mentee_hours(self.request.user).exclude(
            status=HoursEntry.Status.DRAFT  # drafts are the learner's own
        )
        if self.status == "":
            return entries.filter(status=HoursEntry.Status.SUBMITTED).order_by(
                "submitted_at", "date", "pk"
            )
        if self.status != "all":
            entries = entries.filter(status=self.status)
        return entries.order_by("-date", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            comment_form=HoursCommentForm(),
            approve_url=reverse("practice_review:approve"),
            return_url=reverse("practice_review:return"),
            next_url=self.request.get_full_path().replace("/results/", "/"),
            waiting=self.status == "",
        )
        return context


class HoursDecisionView(RequirePermissionMixin, View):
    """Approve or return the chosen entries (from the queue or an entry's page)."""

    permission = REVIEW_PERMISSION
    decision = None  # "approve" or "return"
    http_method_names = ["post"]

    def post(self, request):
        ids = [value for value in request.POST.getlist("entries") if value.isdigit()]
        back = _safe_next(request, reverse("practice_review:index"))
        try:
            if self.decision == "approve":
                entries = services.hours_entries_approve(entry_ids=ids, supervisor=request.user)
            else:
                entries = services.hours_entries_return(
                    entry_ids=ids, supervisor=request.user, comment=request.POST.get("comment", "")
                )
        except services.ReviewNotAllowed as error:
            # Returned, not raised: Wagtail turns a raised PermissionDenied
            # into a redirect to the admin home.
            return permission_denied(request, PermissionDenied(message_of(error)))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(back)
        messages.success(request, self.done_message(entries))
        return redirect(back)

    def done_message(self, entries) -> str:
        """Whole sentences: approved or returned, one learner or several, and the
        count in each language's plural forms."""
        count = len(entries)
        several = len({entry.enrollment_id for entry in entries}) > 1
        if self.decision == "approve":
            if several:
                text = ngettext(
                    "Approved %(count)s entry; the learners have been emailed.",
                    "Approved %(count)s entries; the learners have been emailed.",
                    count,
                )
            else:
                text = ngettext(
                    "Approved %(count)s entry; the learner has been emailed.",
                    "Approved %(count)s entries; the learner has been emailed.",
                    count,
                )
        elif several:
            text = ngettext(
                "Returned %(count)s entry; the learners have been emailed.",
                "Returned %(count)s entries; the learners have been emailed.",
                count,
            )
        else:
            text = ngettext(
                "Returned %(count)s entry; the learner has been emailed.",
                "Returned %(count)s entries; the learner has been emailed.",
                count,
            )
        return text % {"count": count}


# One entry (supervisors of the person, coordinators) ------------------------------------------


class HoursEntryDetailView(WagtailAdminTemplateMixin, TemplateView):
    """An entry, its state and its whole history. The current supervisor sees the
    notes and may approve or return; a coordinator sees everything but the notes
    and may reopen an approved entry."""

    template_name = "practice/admin/hours_entry_detail.html"
    header_icon = "time"
    reopen_form = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.entry = get_object_or_404(
            HoursEntry.objects.select_related(
                "enrollment__learner",
                "enrollment__program",
                "enrollment__cohort",
                "enrollment__supervisor",
                "domain",
                "activity_type",
                "reviewed_by",
            ),
            pk=kwargs["pk"],
        )
        user = request.user
        enrollment = self.entry.enrollment
        self.is_supervisor = (
            may_review(user)
            and enrollment.supervisor_id == user.pk
            and enrollment.is_active
            and enrollment.learner_id != user.pk
        )
        self.is_coordinator = may_view_all_hours(user)

    def dispatch(self, request, *args, **kwargs):
        # Drafts stay private to the learner; otherwise the person's current
        # supervisor or a coordinator.
        if not (self.is_supervisor or self.is_coordinator):
            raise PermissionDenied
        if self.entry.status == HoursEntry.Status.DRAFT and not self.is_coordinator:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        entry = self.entry
        return _("%(person)s: %(hours)s h on %(date)s") % {
            "person": entry.enrollment.learner,
            "hours": format_hours(entry.hours),
            "date": date_format(entry.date, _("j F Y")),
        }

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("wagtailadmin_home"), "label": _("Home")}]
        if self.is_supervisor:
            items.append({"url": reverse("practice_review:index"), "label": _("Hours to review")})
        elif self.is_coordinator:
            items.append({"url": reverse("practice_entry:index"), "label": _("Hours entries")})
        return items + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = self.entry
        user = self.request.user
        context.update(
            entry=entry,
            enrollment=entry.enrollment,
            history=selectors.hours_entry_history(entry),
            show_notes=self.is_supervisor,
            can_decide=self.is_supervisor and entry.status == HoursEntry.Status.SUBMITTED,
            can_reopen=user.has_perm(services.REOPEN_PERMISSION)
            and entry.status == HoursEntry.Status.APPROVED,
            comment_form=HoursCommentForm(),
            reopen_form=self.reopen_form or HoursReopenForm(),
            approve_url=reverse("practice_review:approve"),
            return_url=reverse("practice_review:return"),
            reopen_url=reverse("practice_review:reopen", args=[entry.pk]),
            next_url=self.request.path,
        )
        return context


class HoursEntryReopenView(HoursEntryDetailView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = HoursReopenForm(request.POST)
        if form.is_valid():
            try:
                services.hours_entry_reopen(
                    entry=self.entry, coordinator=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The entry is reopened and back with the learner; they have been emailed."),
                )
                return redirect("practice_review:entry", self.entry.pk)
        self.reopen_form = form
        return self.render_to_response(self.get_context_data(), status=400)


class HoursReviewViewSet(PermissionMenuMixin, ViewSet):
    name = "practice_review"
    url_prefix = "practice/review"
    icon = "time"
    menu_label = gettext_lazy("Hours to review")
    permission = REVIEW_PERMISSION

    def get_urlpatterns(self):
        return [
            path("", HoursQueueView.as_view(), name="index"),
            path("results/", HoursQueueView.as_view(results_only=True), name="results"),
            path("approve/", HoursDecisionView.as_view(decision="approve"), name="approve"),
            path("return/", HoursDecisionView.as_view(decision="return"), name="return"),
            path("entry/<int:pk>/", HoursEntryDetailView.as_view(), name="entry"),
            path("entry/<int:pk>/reopen/", HoursEntryReopenView.as_view(), name="reopen"),
        ]
