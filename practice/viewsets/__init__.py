"""The admin for supervised practice hours: review queue, every entry, the report."""

from django.utils.translation import gettext_lazy
from wagtail.admin.viewsets.base import ViewSetGroup

from .entries import HoursEntryViewSet
from .reports import HoursReportViewSet
from .review import HoursReviewViewSet


class PracticeHoursViewSetGroup(ViewSetGroup):
    menu_label = gettext_lazy("Practice hours")
    menu_icon = "time"
    menu_order = 260
    items = (
        HoursReviewViewSet(),
        HoursEntryViewSet(),
        HoursReportViewSet(),
    )
