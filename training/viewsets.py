"""What every app's Wagtail admin screens share: the permission-checked base
views, the listing with a bounded search, and the record viewset that keeps
records out of Wagtail's reference index.

Each view checks Wagtail's permission policy for its model (Django model
permissions granted to the roles by migrations), so the menu, the buttons and
the URLs agree on who may do what. Writes go through each app's services; the
views only validate input and report the outcome.
"""

from __future__ import annotations

from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import re_path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet

# --- Shared building blocks -----------------------------------------------------------


def person_label(user) -> str:
    if user is None:
        return ""
    name = user.get_full_name()
    return f"{name} ({user.email})" if name else user.email


class TrainingAdminView(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """Base of our custom admin pages: a model for the permission policy, the
    viewset's index in the breadcrumbs."""

    model = None
    index_url_name = None
    edit_url_name = None
    header_icon = ""
    page_title = ""

    def get_breadcrumbs_items(self):
        items = []
        if self.index_url_name:
            items.append(
                {
                    "url": reverse(self.index_url_name),
                    "label": self.model._meta.verbose_name_plural.capitalize(),
                }
            )
        items.append({"url": "", "label": self.get_page_title()})
        return self.breadcrumbs_items + items


class TrainingAdminFormView(TrainingAdminView, FormView):
    """A form in the admin's look (wagtailadmin/generic/form.html)."""

    template_name = "training/admin/form.html"
    submit_button_label = gettext_lazy("Save")
    intro = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=self.submit_button_label,
            submit_button_active_label=self.submit_button_label,
            media=form.media,
            intro=self.intro,
        )
        return context

    def form_valid(self, form):
        """Do what the form asks (`save`, which calls one write service); a
        refusal from the service shows at the top of the form, with what the
        person typed kept, and nothing has changed."""
        try:
            return self.save(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)

    def save(self, form):
        raise NotImplementedError


class ObjectMixin:
    """Loads the object named by the URL (a 404 for one that doesn't exist)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])

    def get_queryset(self):
        return self.model._default_manager.all()

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        if self.edit_url_name:
            items.insert(
                -1,
                {
                    "url": reverse(self.edit_url_name, args=[quote(self.object.pk)]),
                    "label": str(self.object),
                },
            )
        return items


class RegisterAllPermissionsMixin:
    """Offer every permission of the model (view included) in Wagtail's group editor,
    so editing a role there never drops a permission the roles migration granted."""

    def get_permissions_to_register(self):
        return Permission.objects.filter(content_type=ContentType.objects.get_for_model(self.model))


class RecordViewSet(ModelViewSet):
    """A viewset for records (enrollments, hours, attempts, certificates), not
    content. Wagtail indexes the references of every model a viewset registers,
    for its "Usage" counts; nobody reads that for a record, and keeping it
    cost eight queries on every save (logging an hour, approving one)."""

    add_to_reference_index = False


class NotAvailableView(TemplateView):
    """Stands in for a generic view a model doesn't offer (no link leads here)."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


# Longer than anyone types; SQLite refuses LIKE patterns over 50,000 bytes.
SEARCH_MAX_LENGTH = 200


class IndexView(generic.IndexView):
    """Wagtail's listing, with a search term of sensible length: a longer one
    is ignored (the listing shows unfiltered) instead of failing the page.

    `column_labels` (field name -> label) names the listed fields whose label
    would otherwise be their model field's name, which is English only: giving
    those fields a translated verbose_name would need a migration per field."""

    column_labels: dict[str, str] = {}

    @cached_property
    def columns(self):
        columns = super().columns
        for column in columns:
            if column.name in self.column_labels:
                column.label = self.column_labels[column.name]
        return columns

    def get_search_form(self):
        form = super().get_search_form()
        if form is not None:
            field = form.fields[self.search_kwarg]
            field.validators.append(MaxLengthValidator(SEARCH_MAX_LENGTH))
        return form


def old_admin_paths_redirect(moved: dict[str, str]) -> list:
    """URL patterns (for a `register_admin_urls` hook) that send each old admin
    path prefix to its new one, keeping the rest of the path and the query:
    staff bookmarks and links in emails already sent keep working."""

    def redirect_to(new_prefix: str):
        def view(request, rest: str):
            query = request.META.get("QUERY_STRING", "")
            target = reverse("wagtailadmin_home") + f"{new_prefix}/{rest}"
            return HttpResponsePermanentRedirect(target + (f"?{query}" if query else ""))

        return view

    return [
        re_path(
            rf"^{old_prefix}/(?P<rest>.*)$",
            redirect_to(new_prefix),
            name="old_admin_" + old_prefix.replace("-", "_").replace("/", "_"),
        )
        for old_prefix, new_prefix in moved.items()
    ]
