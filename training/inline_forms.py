"""Inline rows (Wagtail InlinePanels) that a hand-edited post can't break.

For each inline formset the page writes management fields (TOTAL_FORMS,
INITIAL_FORMS) and, per row, hidden fields: the row's id, its ORDER, DELETE, and
the id of the chosen record. A browser posts them back as written. Edited by
hand, or posted from a page left open while someone changed the rows, they
used to crash code we can't change (answering 500):

- django-modelcluster turns each saved row's posted id into a number without
  catching the error, and reads the id of a row that wasn't posted. An id that
  isn't one of the parent's rows (another program's, say) makes the row a new
  one while the saved row stays: two rows for one course, which the database
  refuses (for a page, a draft is saved that can never be published).
- Wagtail's InlinePanel, drawing the form again after an error, sorts the rows
  by their cleaned ORDER, which a row lacks when its ORDER is missing or not a
  number on a deleted row, or when the row wasn't posted at all.
- Wagtail's page chooser, drawing the form again, looks up the posted page id,
  which fails for anything but a number the database can hold.

`CheckedInlinesMixin` checks and tidies the posted data before the formsets
read it: rows that don't match the saved ones make the form invalid, with a
message; a missing or odd ORDER becomes the row's place on the page. A
TOTAL_FORMS above ROWS_AT_MOST is refused too: Django would build (and the page
draw again) up to 2,000 empty rows, ~15 s and 20 MB an inline.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import (
    INITIAL_FORM_COUNT,
    ORDERING_FIELD_NAME,
    TOTAL_FORM_COUNT,
    ManagementForm,
)
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.comments import CommentFormSet

from .ids import plain_id

ROWS_DONT_MATCH = gettext_lazy(
    "The rows in this form don't match the saved ones (someone may have changed them since "
    "you opened the page). Nothing was saved: reload the page and make your changes again."
)
# Far more rows than any list in our forms needs.
ROWS_AT_MOST = 100
# %(count)s: ROWS_AT_MOST, filled in when the message is given (in the page's language).
TOO_MANY_ROWS = gettext_lazy(
    "A list in this form has more than %(count)s rows, more than it can take. "
    "Nothing was saved: reload the page and make your changes again."
)


class CheckedInlinesMixin:
    """For a Wagtail admin form with inline panels (a modelcluster ClusterForm):
    put it before WagtailAdminModelForm or WagtailAdminPageForm in the bases."""

    def __init__(self, data=None, *args, **kwargs):
        self.inline_errors: set[str] = set()
        if data is not None:
            data = data.copy()  # request.POST can't be changed
            instance, prefix = kwargs.get("instance"), kwargs.get("prefix")
            for name, formset_class in type(self).formsets.items():
                if issubclass(formset_class, CommentFormSet):
                    continue  # a page's comments: Wagtail's own, showing only some rows
                saved = getattr(instance, name).all() if instance is not None else []
                formset_prefix = f"{prefix}-{name}" if prefix else name
                error = tidy_rows(data, formset_prefix, formset_class, saved)
                if error:
                    self.inline_errors.add(error)
        super().__init__(data, *args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        for error in sorted(self.inline_errors):
            self.add_error(None, error)
        return cleaned


def tidy_rows(data, prefix: str, formset_class, saved) -> str | None:
    """Make one formset's posted rows safe to read and to draw again, in `data`.
    The message to refuse the form with if they don't match the `saved` rows or
    are too many; None if they are fine."""
    # The row counts as the formset reads them: one it can't read counts as 0
    # (and Django reports the management form as tampered with).
    management = ManagementForm(data, prefix=prefix)
    management.full_clean()
    initial = management.cleaned_data[INITIAL_FORM_COUNT]
    posted_total = management.cleaned_data[TOTAL_FORM_COUNT]
    total = min(posted_total, formset_class.absolute_max, ROWS_AT_MOST)
    if posted_total > total:
        data[f"{prefix}-{TOTAL_FORM_COUNT}"] = str(total)  # the rows read and drawn again
    rows = [f"{prefix}-{index}-" for index in range(max(total, 0))]
    id_name = formset_class.model._meta.pk.name

    # The page writes the saved rows first, each with its id (blank for a row
    # that so far exists only in a page's draft), then the new rows, without.
    posted_ids = [data.get(row + id_name) for row in rows[: max(initial, 0)]]
    written_ids = sorted("" if row.pk is None else str(row.pk) for row in saved)
    matches = (
        management.is_valid()
        and 0 <= initial <= total
        and None not in posted_ids
        and sorted(posted_ids) == written_ids
        and not any(data.get(row + id_name) for row in rows[initial:])
    )
    if not matches:
        # Read every row as a new one, so no posted id is looked up: the form
        # is refused (see clean), and drawn again with the rows as posted.
        data[f"{prefix}-{INITIAL_FORM_COUNT}"] = "0"
        for row in rows:
            data[row + id_name] = ""

    for place, row in enumerate(rows, start=1):
        if formset_class.can_order and not is_whole_number(data.get(row + ORDERING_FIELD_NAME)):
            data[row + ORDERING_FIELD_NAME] = str(place)  # what the page writes there
        for name, field in formset_class.form.base_fields.items():
            value = data.get(row + name)
            if isinstance(field, forms.ModelChoiceField) and value and plain_id(value) is None:
                data[row + name] = ""  # the row then says the field is required
    if posted_total > ROWS_AT_MOST:
        return TOO_MANY_ROWS % {"count": ROWS_AT_MOST}
    return None if matches else str(ROWS_DONT_MATCH)


def is_whole_number(value) -> bool:
    try:
        forms.IntegerField().clean(value)
    except ValidationError:
        return False
    return True


class CheckedInlinesPageForm(CheckedInlinesMixin, WagtailAdminPageForm):
    """The page editor's form, with its inline rows checked: a page model's
    `base_form_class` (this module loads no models, so models.py may import it)."""
