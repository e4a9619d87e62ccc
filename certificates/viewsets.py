from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from training.columns import ReadableExportMixin, ReadableInspectMixin, WhenColumn
from training.permission_policies import ViewOnlyPermissionPolicy
from training.viewsets import IndexView, RecordViewSet

from . import admin_views
from .models import Certificate, ProgramCertification

register_permission_policy(Certificate, ViewOnlyPermissionPolicy(Certificate))


def revoke_link(certificate):
    if certificate.is_revoked:
        return "—"
    url = reverse("certificates_admin_revoke", args=[certificate.pk])
    return format_html('<a href="{}">{}</a>', url, _("Revoke…"))


def suspension_link(certificate):
    """Suspend… for a certificate in force, Reinstate… for a suspended one."""
    if certificate.is_revoked or certificate.is_superseded:
        return "—"
    if certificate.is_suspended:
        url = reverse("certificates_admin_reinstate", args=[certificate.pk])
        return format_html('<a href="{}">{}</a>', url, _("Reinstate…"))
    url = reverse("certificates_admin_suspend", args=[certificate.pk])
    return format_html('<a href="{}">{}</a>', url, _("Suspend…"))


def status_with_actions(certificate):
    """The status as the public sees it, with since when, and the actions it allows."""
    text = certificate.status()
    if certificate.is_suspended:
        text = _("%(status)s since %(day)s") % {
            "status": text,
            "day": date_format(certificate.suspended_since, _("j M Y")),
        }
    return format_html("{} · {} · {}", text, suspension_link(certificate), revoke_link(certificate))


def pdf_state(certificate) -> str:
    """The PDF as a coordinator sees it: a download link once the task worker
    has made it, until then that it is being prepared."""
    if certificate.pdf_ready:
        stamp = certificate.stamp
        if stamp == "REVOKED":
            label = _("Download the PDF marked REVOKED")
        elif stamp == "SUSPENDED":
            label = _("Download the PDF marked SUSPENDED")
        else:
            label = _("Download the PDF")
        url = reverse("certificates:download", args=[certificate.code])
        return format_html('<a href="{}">{}</a>', url, label)
    state = _("Being prepared by the task worker; it is usually ready within a minute.")
    failures = certificate.render_failures
    if failures:
        state += " " + ngettext(
            "Making it has failed once so far; the daily render_pending_certificates job "
            "tries again.",
            "Making it has failed %(count)s times so far; the daily "
            "render_pending_certificates job tries again.",
            failures,
        ) % {"count": failures}
    return state


class CertificateIndexView(ReadableExportMixin, IndexView):
    def get_base_queryset(self):
        # Wagtail's index view reads this, not the viewset's get_queryset: the
        # open suspension as an annotation, not a query per certificate.
        return Certificate.objects.with_suspension().select_related(
            "enrollment__learner", "issued_by"
        )


class CertificateInspectView(ReadableInspectMixin, InspectView):
    LABELS = {"pdf": gettext_lazy("PDF"), "pdf_sha256": gettext_lazy("PDF fingerprint (SHA-256)")}

    def get_field_label(self, field_name, field):
        return self.LABELS.get(field_name) or super().get_field_label(field_name, field)

    def get_pdf_display_value(self):
        return pdf_state(self.object)

    def get_status_display_value(self):
        return status_with_actions(self.object)


class CertificateViewSet(RecordViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = gettext_lazy("Certificates")
    url_prefix = "issued-certificates"
    form_fields = ["revocation_reason"]  # never shown: add and change are refused
    index_view_class = CertificateIndexView
    inspect_view_enabled = True
    inspect_view_class = CertificateInspectView
    copy_view_enabled = False
    list_display = [
        "code",
        "holder",
        "program_title",
        WhenColumn(
            "issued_on",
            label=pgettext_lazy("certificate date", "Issued"),
            sort_key="issued_on",
        ),
        WhenColumn("expires_on", label=gettext_lazy("Valid until"), sort_key="expires_on"),
        "status",
        Column("suspension", label=gettext_lazy("Suspend"), accessor=lambda c: suspension_link(c)),
        Column("revoke", label=gettext_lazy("Revoke"), accessor=lambda c: revoke_link(c)),
    ]
    list_filter = ["issued_on", "expires_on"]
    search_fields = ["code", "enrollment__learner__email", "enrollment__learner__last_name"]
    list_export = ["code", "holder", "program_title", "issued_on", "expires_on", "status"]
    export_filename = "certificates"
    inspect_view_fields = [
        "code",
        "holder",
        "program_title",
        "issued_on",
        "expires_on",
        "status",
        "issued_by",
        "revoked_at",
        "revocation_reason",
        "pdf",
        "pdf_sha256",
    ]


class ProgramCertificationViewSet(ModelViewSet):
    model = ProgramCertification
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Certification rules")
    url_prefix = "certification-rules"
    form_fields = [
        "program",
        "issuer_name",
        "validity_months",
        "code_of_ethics",
        "code_of_ethics_es",
        "bilingual_certificates",
        "logo",
        "seal",
    ]
    list_display = [
        "program",
        "issuer_name",
        "validity_months",
        WhenColumn("updated_at", label=gettext_lazy("Updated"), sort_key="updated_at"),
    ]
    copy_view_enabled = False


class CoordinatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.REVOKE)


class SignatureViewSet(ViewSet):
    """The signed-in coordinator's own signature image (admin_views.signature)."""

    icon = "edit"
    menu_label = gettext_lazy("Your signature image")
    url_prefix = "certification/signature"
    menu_item_class = CoordinatorsMenuItem

    def get_urlpatterns(self):
        return [path("", admin_views.signature, name="edit")]


class NameChangeViewSet(ViewSet):
    """The name changes holders asked for: a listing of those waiting, and
    the approve and decline pages (certificates.admin_views)."""

    icon = "user"
    menu_label = gettext_lazy("Name changes")
    url_prefix = "certification/name-changes"
    menu_item_class = CoordinatorsMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.name_changes, name="index"),
            path("<int:request_id>/approve/", admin_views.name_change_approve_view, name="approve"),
            path("<int:request_id>/decline/", admin_views.name_change_decline_view, name="decline"),
        ]


class CertificationViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Certification")
    menu_icon = "doc-full"
    menu_order = 400
    items = (
        CertificateViewSet("issued_certificates"),
        NameChangeViewSet("name_changes"),
        ProgramCertificationViewSet("certification_rules"),
        SignatureViewSet("certificate_signature"),
    )
