"""Staff screens for quizzes: attempts (read-only, filter, export), accommodations."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.forms import modelform_factory
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from programs.models import Cohort
from training.columns import (
    NumberColumn,
    PercentColumn,
    ReadableExportMixin,
    ReadableInspectMixin,
    WhenColumn,
    YesNoColumn,
    percent,
    plain_number,
)
from training.ids import PlainIdModelChoiceField, plain_id
from training.permission_policies import ViewOnlyPermissionPolicy
from training.viewsets import IndexView, RecordViewSet

from .models import Accommodation, Attempt, QuizPage

register_permission_policy(Attempt, ViewOnlyPermissionPolicy(Attempt))


class PageChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = PlainIdModelChoiceField


class AttemptFilterSet(WagtailFilterSet):
    quiz = PageChoiceFilter(
        queryset=QuizPage.objects.all().order_by("title"), label=gettext_lazy("Quiz")
    )
    cohort = django_filters.ModelChoiceFilter(
        field_name="enrollment__cohort",
        queryset=Cohort.objects.select_related("program"),
        label=gettext_lazy("Cohort"),
    )
    passed = django_filters.BooleanFilter(label=gettext_lazy("Passed"))
    started_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Started between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Attempt
        fields = ["quiz", "cohort", "passed", "started_at"]


def quiz_with_course(attempt) -> str:
    """ "Check your understanding — Ethics and boundaries": every course's quiz
    may have the same title. The course title comes from the listing's query
    (`course_title`); a quiz already named after its course is named once."""
    course = getattr(attempt, "course_title", None) or ""
    if not course or course.casefold() in attempt.quiz_title.casefold():
        return attempt.quiz_title
    return f"{attempt.quiz_title} — {course}"


class AttemptIndexView(ReadableExportMixin, IndexView):
    # The model's plural is English only (a translated one would need a migration).
    page_title = gettext_lazy("Attempts")

    def get_base_queryset(self):
        # Wagtail's index view reads this, not the viewset's get_queryset. The
        # course's title by a join, not a page per row; the snapshot (every
        # question drawn) is read only on the inspect page.
        return (
            Attempt.objects.select_related("learner", "enrollment__cohort")
            .annotate(course_title=F("course__title"))
            .defer("snapshot", "responses")
        )


class AttemptInspectView(ReadableInspectMixin, InspectView):
    field_labels = {
        "learner": gettext_lazy("Learner"),
        "quiz_title": gettext_lazy("Quiz"),
        "number": gettext_lazy("Number"),
        "is_practice": gettext_lazy("Is practice"),
        "status": gettext_lazy("Status"),
        "started_at": gettext_lazy("Started at"),
        "deadline": gettext_lazy("Deadline"),
        "submitted_at": gettext_lazy("Submitted at"),
        "closed_by_deadline": gettext_lazy("Closed by deadline"),
        "score": gettext_lazy("Score"),
        "passed": gettext_lazy("Passed"),
    }

    def get_score_display_value(self):
        return percent(self.object.score) or _("Not graded yet")

    def get_quiz_title_display_value(self):
        attempt = self.object
        if not hasattr(attempt, "course_title"):
            attempt.course_title = attempt.course.title if attempt.course_id else ""
        return quiz_with_course(attempt)


class AttemptViewSet(RecordViewSet):
    model = Attempt
    icon = "list-ul"
    menu_label = gettext_lazy("Quiz attempts")
    url_prefix = "quiz-attempts"
    index_view_class = AttemptIndexView
    inspect_view_enabled = True
    inspect_view_class = AttemptInspectView
    copy_view_enabled = False
    # Never shown (the permission policy refuses add and change), but the
    # viewset builds a form class regardless.
    form_fields = ["passed"]
    filterset_class = AttemptFilterSet
    ordering = ["-started_at"]
    list_display = [
        "learner_name",
        Column(
            "quiz", label=gettext_lazy("Quiz"), accessor=quiz_with_course, sort_key="quiz_title"
        ),
        NumberColumn("number", label=gettext_lazy("Attempt"), sort_key="number"),
        PercentColumn("score", label=gettext_lazy("Score"), sort_key="score"),
        YesNoColumn("passed", label=gettext_lazy("Passed"), sort_key="passed"),
        "cohort_name",
        WhenColumn("started_at", label=gettext_lazy("Started"), sort_key="started_at"),
        WhenColumn("submitted_at", label=gettext_lazy("Submitted"), sort_key="submitted_at"),
    ]
    list_export = [
        "learner_name",
        "learner_email",
        "course_title",
        "quiz_title",
        "number",
        "is_practice",
        "score",
        "passed",
        "cohort_name",
        "started_at",
        "submitted_at",
        "closed_by_deadline",
    ]
    export_headings = {
        "course_title": gettext_lazy("Course"),
        "quiz_title": gettext_lazy("Quiz"),
        "number": gettext_lazy("Attempt"),
        "is_practice": gettext_lazy("Practice attempt"),
        "score": gettext_lazy("Score (%)"),
        "passed": gettext_lazy("Passed"),
        "started_at": gettext_lazy("Started"),
        "submitted_at": gettext_lazy("Submitted"),
        "closed_by_deadline": gettext_lazy("Closed by the time limit"),
    }
    export_filename = "quiz-attempts"
    inspect_view_fields = [
        "learner",
        "quiz_title",
        "number",
        "is_practice",
        "status",
        "started_at",
        "deadline",
        "submitted_at",
        "closed_by_deadline",
        "score",
        "passed",
    ]
    search_fields = ["quiz_title", "learner__email", "learner__first_name", "learner__last_name"]


class QuizChoiceField(forms.ModelChoiceField):
    """Refuses an id that isn't one before asking the database: a quiz's id is
    its page's, and Django sends an id past 64 bits on to the database there."""

    def to_python(self, value):
        if value not in self.empty_values and plain_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class AccommodationIndexView(IndexView):
    page_title = gettext_lazy("Accommodations")
    column_labels = {
        "learner": gettext_lazy("Learner"),
        "quiz": gettext_lazy("Quiz"),
        "granted_by": gettext_lazy("Granted by"),
    }

    def get_base_queryset(self):
        return Accommodation.objects.select_related("learner", "quiz", "granted_by")


def times_longer(accommodation) -> str:
    """1.50 → "1.5 × the time limit"; 1 → "No extra time"."""
    if accommodation.time_multiplier == 1:
        return _("No extra time")
    return _("%(multiplier)s × the time limit") % {
        "multiplier": plain_number(accommodation.time_multiplier)
    }


class AccommodationViewSet(RecordViewSet):
    model = Accommodation
    icon = "time"
    menu_label = gettext_lazy("Accommodations")
    url_prefix = "quiz-accommodations"
    index_view_class = AccommodationIndexView
    form_fields = ["learner", "quiz", "time_multiplier", "extra_attempts", "reason"]
    list_display = [
        "learner",
        "quiz",
        Column(
            "time", label=gettext_lazy("Time"), accessor=times_longer, sort_key="time_multiplier"
        ),
        NumberColumn(
            "extra_attempts", label=gettext_lazy("Extra attempts"), sort_key="extra_attempts"
        ),
        "granted_by",
        WhenColumn("granted_at", label=gettext_lazy("Granted"), sort_key="granted_at"),
    ]
    copy_view_enabled = False
    search_fields = ["learner__email", "learner__first_name", "learner__last_name", "reason"]

    def formfield_for_dbfield(self, db_field, **kwargs):
        if db_field.name == "quiz":
            kwargs["form_class"] = QuizChoiceField
        return super().formfield_for_dbfield(db_field, **kwargs)

    def get_form_class(self, for_update=False):
        # Built on Wagtail's admin form: the add and edit views hand only those
        # the person saving (for_user); a plain ModelForm had none and saving failed.
        form_class = modelform_factory(
            Accommodation,
            form=WagtailAdminModelForm,
            fields=self.form_fields,
            formfield_callback=self.formfield_for_dbfield,
            # The fields whose model gives no translated label (time_multiplier does).
            labels={
                "learner": gettext_lazy("Learner"),
                "quiz": gettext_lazy("Quiz"),
                "extra_attempts": gettext_lazy("Extra attempts"),
                "reason": gettext_lazy("Reason"),
            },
        )

        class AccommodationForm(form_class):
            def save(self, commit=True):
                # Record who granted it: the person saving the form.
                self.instance.granted_by = self.for_user
                return super().save(commit=commit)

        return AccommodationForm


class QuizViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Quizzes")
    menu_icon = "list-ul"
    items = (AttemptViewSet("quiz_attempts"), AccommodationViewSet("quiz_accommodations"))
