from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.models import Group
from django.db import transaction

from . import roles


class AccountAdapter(DefaultAccountAdapter):
    """Our single customisation point for allauth."""

    @transaction.atomic
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.first_name = data.get("first_name", "").strip()
        user.last_name = data.get("last_name", "").strip()
        if commit:
            user.save()
            # Everyone who signs up on the public site starts as a learner.
            user.groups.add(Group.objects.get(name=roles.LEARNER))
        return user
