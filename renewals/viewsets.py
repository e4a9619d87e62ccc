"""The coordinators' admin for renewal rules and CE categories (Wagtail
ModelViewSets). Every view checks Wagtail's permission policy for its model."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from training.columns import NumberColumn, ReadableExportMixin, WhenColumn
from training.inline_forms import CheckedInlinesMixin
from training.permission_policies import ViewOnlyPermissionPolicy
from training.viewsets import IndexView, RecordViewSet

from .models import CECategory, CEEntry, RenewalRules

# Holders keep their own log (renewals.views); coordinators look, never edit.
register_permission_policy(CEEntry, ViewOnlyPermissionPolicy(CEEntry))


class RenewalRulesForm(CheckedInlinesMixin, WagtailAdminModelForm):
    """Refuses, in plain words, a category minimum above the total and two rows
    for one category (the formset catches two rows for one domain)."""

    def clean(self):
        cleaned = super().clean()
        total = cleaned.get("ce_hours_total")
        requirements = self.formsets.get("category_requirements")
        if requirements is not None and requirements.is_valid():
            seen = set()
            deleted = requirements.deleted_forms
            for form in requirements.forms:
                if form in deleted or not getattr(form, "cleaned_data", None):
                    continue
                category, hours = form.cleaned_data.get("category"), form.cleaned_data.get("hours")
                if category is not None and category.pk in seen:
                    form.add_error("category", _("Two minimums name this category."))
                if category is not None:
                    seen.add(category.pk)
                if total is not None and hours is not None and hours > total:
                    form.add_error("hours", _("A category's minimum can't exceed the total."))
        if cleaned.get("after_grace") == RenewalRules.LONGER_CE and not cleaned.get(
            "after_grace_extra_hours"
        ):
            self.add_error(
                "after_grace_extra_hours", _("Enter how many extra CE hours are asked for.")
            )
        if cleaned.get("after_grace") == RenewalRules.REAPPLY and cleaned.get(
            "after_grace_extra_hours"
        ):
            raise ValidationError(
                _(
                    "Extra hours only apply with “Complete a longer CE requirement”: set them "
                    "to 0 or choose that option."
                )
            )
        return cleaned


class RenewalRulesViewSet(ModelViewSet):
    model = RenewalRules
    icon = "date"
    menu_label = gettext_lazy("Renewal rules")
    url_prefix = "renewal-rules"
    copy_view_enabled = False
    list_display = [
        "certification",
        "cycle_months",
        NumberColumn("ce_hours_total", label=gettext_lazy("CE hours"), sort_key="ce_hours_total"),
        "grace_days",
        WhenColumn("updated_at", label=gettext_lazy("Updated"), sort_key="updated_at"),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("certification", heading=gettext_lazy("Certification")),
            MultiFieldPanel(
                [
                    FieldPanel("cycle_months"),
                    FieldPanel("ce_hours_total"),
                    FieldPanel("window_opens_days"),
                    FieldPanel("audit_percent"),
                ],
                heading=gettext_lazy("Cycle and continuing education"),
            ),
            InlinePanel(
                "category_requirements",
                heading=gettext_lazy("Minimum hours by CE category"),
                label=gettext_lazy("Category minimum"),
                help_text=gettext_lazy("For example at least 6 of the hours in Ethics."),
            ),
            InlinePanel(
                "domain_categories",
                heading=gettext_lazy("Peerpath courses that count toward a category"),
                label=gettext_lazy("Course domain"),
                help_text=gettext_lazy(
                    "Courses a holder completes during the cycle count with their training "
                    "hours. Hours in a domain listed here count toward its category; other "
                    "domains count toward the total only."
                ),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("grace_days"),
                    FieldPanel("after_grace"),
                    FieldPanel("after_grace_extra_hours"),
                ],
                heading=gettext_lazy("After the certificate expires"),
            ),
        ],
        base_form_class=RenewalRulesForm,
    )


class CECategoryIndexView(IndexView):
    column_labels = {"name": gettext_lazy("Name")}


class CECategoryViewSet(ModelViewSet):
    model = CECategory
    icon = "tag"
    menu_label = gettext_lazy("CE categories")
    url_prefix = "ce-categories"
    copy_view_enabled = False
    # Panels and a column of our own: their labels are translated (the
    # fields' own names, "name" and "description", are not).
    panels = [
        FieldPanel("name", heading=gettext_lazy("Name")),
        FieldPanel("name_es"),
        FieldPanel("description", heading=gettext_lazy("Description")),
        FieldPanel("description_es"),
    ]
    list_display = [
        "name",
        Column("name_es", label=gettext_lazy("Name (Spanish)"), sort_key="name_es"),
    ]
    index_view_class = CECategoryIndexView


def proof_link(entry: CEEntry):
    if not entry.proof:
        return "—"
    url = reverse("renewals:proof", args=[entry.public_id])
    return format_html(
        '<a href="{}">{}</a>', url, _("Download %(name)s") % {"name": entry.proof_name}
    )


def holder_of(entry: CEEntry) -> str:
    learner = entry.certificate.enrollment.learner
    return f"{learner.get_full_name() or learner.email} ({entry.certificate.code})"


class CEEntryIndexView(ReadableExportMixin, IndexView):
    def get_base_queryset(self):
        # Wagtail's index view reads this, not the viewset's get_queryset.
        return CEEntry.objects.select_related("certificate__enrollment__learner", "category")


class CEEntryViewSet(RecordViewSet):
    model = CEEntry
    icon = "list-ul"
    menu_label = gettext_lazy("CE activities")
    url_prefix = "ce-activities"
    form_fields = ["notes"]  # never shown: add and change are refused
    index_view_class = CEEntryIndexView
    copy_view_enabled = False
    list_display = [
        Column("holder", label=gettext_lazy("Holder"), accessor=holder_of),
        "activity",
        "provider",
        WhenColumn("date", label=gettext_lazy("Date"), sort_key="date"),
        NumberColumn("hours", label=gettext_lazy("Hours"), sort_key="hours"),
        "category",
        Column("proof", label=gettext_lazy("Proof"), accessor=proof_link),
    ]
    list_filter = ["date", "category"]
    search_fields = [
        "activity",
        "provider",
        "certificate__code",
        "certificate__enrollment__learner__email",
        "certificate__enrollment__learner__last_name",
    ]


class RenewalsViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Renewals")
    menu_icon = "date"
    menu_order = 410
    items = (
        RenewalRulesViewSet("renewal_rules"),
        CECategoryViewSet("ce_categories"),
        CEEntryViewSet("ce_activities"),
    )
