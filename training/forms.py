from django import forms
from django.utils.translation import gettext_lazy as _


class SiteForm(forms.Form):
    """Base for the public site's forms: renders with templates/forms/."""

    template_name = "forms/form.html"


class SiteModelForm(forms.ModelForm):
    template_name = "forms/form.html"


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth calls `signup`)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user):
        # The adapter has already stored the names; nothing else to save yet.
        pass
