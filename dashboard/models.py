from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AccountClosure(models.Model):
    """A person asked to close their account. Their sign-in stops at once; their
    personal details are erased only when a coordinator confirms, so closing
    can't be used to remove evidence while something about them is still open."""

    # SET_NULL with an email snapshot: the record of the request outlives
    # any later removal of the user row.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="account_closures",
    )
    user_email = models.EmailField(_("email when asked"))
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["confirmed_at", "-requested_at"]
        verbose_name = _("account closure")
        verbose_name_plural = _("account closures")
        constraints = [
            # One open request a person: asking twice is the same request.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(confirmed_at__isnull=True),
                name="one_pending_closure_per_user",
            )
        ]

    def __str__(self):
        return gettext("Closure asked by %(email)s on %(date)s") % {
            "email": self.user_email,
            "date": f"{self.requested_at:%Y-%m-%d}",
        }

    @property
    def is_erased(self) -> bool:
        return self.confirmed_at is not None

    def status(self) -> str:
        return gettext("Erased") if self.is_erased else gettext("Waiting for a coordinator")

    status.short_description = _("Status")
