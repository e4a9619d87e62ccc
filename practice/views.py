"""The learner's practice log: list, add, edit, submit, withdraw, export."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from practice import selectors, services
from practice.forms import HoursEntryForm
from practice.models import HoursEntry
from programs import selectors as program_selectors
from programs.hours import (
    format_hours,
)
from programs.models import (
    Enrollment,
)
from training.errors import message_of
from training.ids import plain_id
from training.languages import in_language

# --- Supervised practice hours (the learner's log) ---------------------------------------
# Every view finds the enrollment through the signed-in person, so another
# person's log or entry is simply not found (404).

HOURS_PER_PAGE = 50


def _own_enrollment(request, slug) -> Enrollment:
    enrollment = program_selectors.learner_enrollment(learner=request.user, program_slug=slug)
    if enrollment is None:
        raise Http404(_("No enrollment of yours in this program."))
    return enrollment


def _own_entry(enrollment, pk) -> HoursEntry:
    return get_object_or_404(
        HoursEntry.objects.filter(enrollment=enrollment).select_related(
            "domain", "activity_type", "reviewed_by"
        ),
        pk=pk,
    )


def _log_url(enrollment) -> str:
    return reverse("practice:hours_log", args=[enrollment.program.slug])


@login_required
def hours_log(request, slug):
    """The learner's log: totals, entries with their state, and "submit selected"."""
    enrollment = _own_enrollment(request, slug)
    status = request.GET.get("status", "")
    if status not in HoursEntry.Status.values:
        status = ""
    domains = program_selectors.program_domain_list(enrollment.program)
    domain_id = plain_id(request.GET.get("domain", ""))
    entries = selectors.hours_log(enrollment, status=status, domain_id=domain_id)
    page = Paginator(entries, HOURS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "practice/log.html",
        {
            "enrollment": enrollment,
            "summary": selectors.hours_summary(enrollment),
            "page": page,
            "entries": page.object_list,
            "statuses": HoursEntry.Status.choices,
            "status": status,
            "domains": domains,
            "domain_id": domain_id,
            "can_log": enrollment.is_active,
        },
    )


def _entry_form_view(request, enrollment, entry=None):
    if not enrollment.is_active:
        messages.error(
            request,
            _("Your enrollment in %(program)s isn't active, so hours can't be logged.")
            % {"program": enrollment.program},
        )
        return redirect(_log_url(enrollment))
    if entry is not None and not entry.is_editable:
        messages.error(
            request,
            _(
                "This entry is approved and locked. If something in it is wrong, ask your "
                "coordinator to reopen it."
            )
            if entry.status == HoursEntry.Status.APPROVED
            else _("This entry is waiting for review. Withdraw it first to edit it."),
        )
        return redirect("practice:hours_detail", enrollment.program.slug, entry.pk)
    flagged = request.method == "POST" and "confirm_no_client_info" in request.POST
    initial = {"date": timezone.localdate()}
    if entry is not None:
        initial = {name: getattr(entry, name) for name in services.ENTRY_FIELDS}
    form = HoursEntryForm(
        request.POST or None,
        enrollment=enrollment,
        entry=entry,
        ask_confirmation=flagged,
        initial=initial,
    )
    findings = []
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.ENTRY_FIELDS}
        try:
            if entry is None:
                entry = services.hours_entry_create(
                    enrollment=enrollment,
                    learner=request.user,
                    confirm_no_client_info=form.confirmed,
                    **values,
                )
                messages.success(
                    request, _("Saved as a draft. Submit it for review when you're ready.")
                )
            else:
                services.hours_entry_update(
                    entry=entry,
                    learner=request.user,
                    confirm_no_client_info=form.confirmed,
                    **values,
                )
                if entry.status == HoursEntry.Status.RETURNED:
                    # Saving is not sending: the entry's page offers "Submit again".
                    messages.success(
                        request,
                        _(
                            "Your changes are saved. The entry still needs to be submitted "
                            "again for your supervisor to review it."
                        ),
                    )
                    return redirect("practice:hours_detail", enrollment.program.slug, entry.pk)
                messages.success(request, _("Your changes are saved."))
            return redirect(_log_url(enrollment))
        except services.IdentifiersFound as found:
            findings = found.findings
            # Ask again with the confirmation box; what they typed stays.
            form = HoursEntryForm(
                request.POST, enrollment=enrollment, entry=entry, ask_confirmation=True
            )
            form.is_valid()
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "practice/entry_form.html",
        {"enrollment": enrollment, "entry": entry, "form": form, "findings": findings},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def hours_add(request, slug):
    return _entry_form_view(request, _own_enrollment(request, slug))


@login_required
def hours_edit(request, slug, pk):
    enrollment = _own_enrollment(request, slug)
    return _entry_form_view(request, enrollment, _own_entry(enrollment, pk))


@login_required
def hours_detail(request, slug, pk):
    enrollment = _own_enrollment(request, slug)
    entry = _own_entry(enrollment, pk)
    return render(
        request,
        "practice/entry_detail.html",
        {
            "enrollment": enrollment,
            "entry": entry,
            "history": selectors.hours_entry_history(entry),
        },
    )


def _act(request, enrollment, action, success: str):
    try:
        action()
    except ValidationError as error:
        messages.error(request, message_of(error))
    else:
        messages.success(request, success)
    return redirect(_log_url(enrollment))


@login_required
@require_POST
def hours_submit(request, slug):
    enrollment = _own_enrollment(request, slug)
    ids = [value for value in request.POST.getlist("entries") if value.isdigit()]
    count = len(set(ids))
    return _act(
        request,
        enrollment,
        lambda: services.hours_entries_submit(entry_ids=ids, learner=request.user),
        ngettext(
            "Submitted %(count)s entry for review. Your supervisor will look at them soon.",
            "Submitted %(count)s entries for review. Your supervisor will look at them soon.",
            count,
        )
        % {"count": count},
    )


@login_required
@require_POST
def hours_withdraw(request, slug, pk):
    enrollment = _own_enrollment(request, slug)
    entry = _own_entry(enrollment, pk)
    return _act(
        request,
        enrollment,
        lambda: services.hours_entry_withdraw(entry=entry, learner=request.user),
        _("Withdrawn. The entry is a draft again: edit it and submit it when it's ready."),
    )


@login_required
@require_POST
def hours_delete(request, slug, pk):
    enrollment = _own_enrollment(request, slug)
    entry = _own_entry(enrollment, pk)
    return _act(
        request,
        enrollment,
        lambda: services.hours_entry_delete(entry=entry, learner=request.user),
        _("The draft is deleted."),
    )


def _spreadsheet_safe(value) -> str:
    """Keep a spreadsheet from running text that starts like a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@login_required
def hours_csv(request, slug):
    """The learner's whole log as CSV: their own record, notes included."""
    enrollment = _own_enrollment(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"practice-hours-{enrollment.program.slug}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(
        [
            # The headings and names in the reader's language: the file is for them.
            _("Date"),
            _("Hours"),
            _("Domain"),
            _("Activity"),
            _("Counts as"),
            _("Setting"),
            _("Notes"),
            _("Status"),
            _("Submitted"),
            _("Reviewed by"),
            _("Reviewed"),
            _("Comment"),
        ]
    )
    for entry in selectors.hours_log(enrollment).order_by("date", "pk"):
        writer.writerow(
            [
                entry.date.isoformat(),
                format_hours(entry.hours),
                in_language(entry.domain, "name"),
                in_language(entry.activity_type, "name"),
                entry.activity_type.get_counts_as_display(),
                _spreadsheet_safe(entry.setting),
                _spreadsheet_safe(entry.notes),
                entry.get_status_display(),
                timezone.localtime(entry.submitted_at).strftime("%Y-%m-%d %H:%M")
                if entry.submitted_at
                else "",
                str(entry.reviewed_by) if entry.reviewed_by else "",
                timezone.localtime(entry.reviewed_at).strftime("%Y-%m-%d %H:%M")
                if entry.reviewed_at
                else "",
                _spreadsheet_safe(entry.review_comment),
            ]
        )
    return response


@login_required
def hours_print(request, slug):
    """A printable summary for an audit: totals against requirements and every
    approved entry with who approved it. Notes only when the learner asks."""
    enrollment = _own_enrollment(request, slug)
    include_notes = request.GET.get("notes") == "1"
    approved = selectors.hours_log(enrollment, status=HoursEntry.Status.APPROVED).order_by(
        "date", "pk"
    )
    return render(
        request,
        "practice/print.html",
        {
            "enrollment": enrollment,
            "summary": selectors.hours_summary(enrollment),
            "entries": approved,
            "include_notes": include_notes,
            "supervisors": program_selectors.supervisor_history(enrollment),
            "printed_on": timezone.localdate(),
        },
    )
