"""How the staff listings write values a person reads (issue #19): dates as
"6 Dec 2026" and times as "6 Dec 2026, 04:49" in the site's time zone (the
format the certificate and renewal screens already use), never Django's
"Dec. 6, 2026, 4:49 a.m." nor Wagtail's "2 hours ago" for a date; "Yes"/"No"
instead of True/False (or an icon whose only name is "True"); numbers without
trailing zeros ("1.5", not "1.50"); scores as "85%".

The columns are Wagtail table columns for `list_display`; `ReadableExportMixin`
gives an index view the same values in its CSV, and keeps dates and numbers
as dates and numbers in XLSX (in the site's time zone)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.mixins import list_to_str

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"


def format_when(value) -> str:
    """A date as "6 Dec 2026", a date and time as "6 Dec 2026, 04:49" (local)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, DATETIME_FORMAT)
    return date_format(value, DATE_FORMAT)


def yes_no(value) -> str:
    if value is None:
        return ""
    return gettext("Yes") if value else gettext("No")


def plain_number(value) -> str:
    """1 → "1", 1.50 → "1.5", 100.00 → "100" (no trailing zeros)."""
    if value is None:
        return ""
    text = f"{Decimal(value):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def percent(value) -> str:
    return f"{plain_number(value)}%" if value is not None else ""


class _FormattedColumn(Column):
    """A column whose value is written by `formatter`; empty shows as "—"."""

    formatter = staticmethod(str)
    empty_value_display = "—"

    def get_value(self, instance):
        value = super().get_value(instance)
        return self.formatter(value) if value is not None else ""


class WhenColumn(_FormattedColumn):
    """A date, or a date and time, written out (`format_when`), on one line
    (static/css/admin.css)."""

    formatter = staticmethod(format_when)

    def __init__(self, name, **kwargs):
        kwargs.setdefault("classname", "staff-when")
        super().__init__(name, **kwargs)


class YesNoColumn(_FormattedColumn):
    formatter = staticmethod(yes_no)


class NumberColumn(_FormattedColumn):
    formatter = staticmethod(plain_number)


class PercentColumn(_FormattedColumn):
    formatter = staticmethod(percent)


def _local_naive(value: datetime.datetime) -> datetime.datetime:
    return timezone.make_naive(value) if timezone.is_aware(value) else value


def _csv_when(value) -> str:
    """Sortable in a spreadsheet, in the site's time zone, to the minute."""
    if isinstance(value, datetime.datetime):
        return _local_naive(value).strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


READABLE_EXPORT_VALUES = {
    bool: {"csv": yes_no, "xlsx": yes_no},
    datetime.datetime: {"csv": _csv_when, "xlsx": _local_naive},
    datetime.date: {"csv": _csv_when, "xlsx": None},
    Decimal: {"csv": plain_number, "xlsx": float},
}


class ReadableExportMixin:
    """For an index view with a spreadsheet export: booleans as Yes/No, times
    in the site's time zone, numbers without trailing zeros in CSV."""

    custom_value_preprocess = {
        # bool before int-like values, datetime before date (its subclass).
        **READABLE_EXPORT_VALUES,
        list: {"csv": list_to_str, "xlsx": list_to_str},
    }


class ReadableInspectMixin:
    """For an inspect view: the same written-out dates, Yes/No and numbers.
    `field_labels` (field name -> label) names fields whose model field has no
    translated verbose name (as `IndexView.column_labels` in training/viewsets.py)."""

    field_labels: dict[str, str] = {}

    def get_field_label(self, field_name, field):
        if field_name in self.field_labels:
            return self.field_labels[field_name]
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None:
            return "—"
        if isinstance(value, bool):
            return yes_no(value)
        if isinstance(value, (datetime.date, datetime.datetime)):
            return format_when(value)
        if isinstance(value, Decimal):
            return plain_number(value)
        return value
