"""allauth's forms with their labels in sentence case, like every other form on
the site (ACCOUNT_FORMS). Kept apart from training.forms, which allauth imports
for the sign-up form while its own forms module is still loading."""

from allauth.account import forms
from django.utils.translation import gettext as _


def relabel(form, labels: dict[str, str]) -> None:
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label


class LoginForm(forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self, {"remember": _("Keep me signed in on this device")})


class ChangePasswordForm(forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(
            self,
            {
                "oldpassword": _("Current password"),
                "password1": _("New password"),
                "password2": _("New password (again)"),
            },
        )


class ResetPasswordKeyForm(forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        relabel(self, {"password1": _("New password"), "password2": _("New password (again)")})
