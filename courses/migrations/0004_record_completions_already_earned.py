"""Record a completion for every learner who has already finished a course, so
upgrading takes nobody's credit away (docs/architecture.md, "Credit is
recorded"), and let Lead trainers ask learners to redo a course.

The rule is eligibility's (certificates.eligibility._finished_now): every live
lesson done and, for a course with a live quiz, a passing attempt; a lesson
first published after that moment and not done is not asked."""

from collections import defaultdict

from django.db import migrations


def record_completions(apps, schema_editor):
    CoursePage = apps.get_model("courses", "CoursePage")
    LessonPage = apps.get_model("courses", "LessonPage")
    LessonCompletion = apps.get_model("courses", "LessonCompletion")
    CourseDomainCredit = apps.get_model("courses", "CourseDomainCredit")
    CourseCompletion = apps.get_model("courses", "CourseCompletion")
    QuizPage = apps.get_model("assessments", "QuizPage")
    Attempt = apps.get_model("assessments", "Attempt")

    rows = []
    for course in CoursePage.objects.filter(live=True):
        children = {"path__startswith": course.path, "depth": course.depth + 1, "live": True}
        lessons = list(LessonPage.objects.filter(**children).order_by("path"))
        if not lessons:
            continue
        quiz_ids = list(QuizPage.objects.filter(**children).values_list("pk", flat=True))
        hours = [
            {"domain": c.domain_id, "name": c.domain.name, "hours": f"{c.hours:.2f}"}
            for c in CourseDomainCredit.objects.filter(course=course)
            .select_related("domain")
            .order_by("sort_order", "pk")
        ]
        done = defaultdict(dict)
        for learner_id, lesson_id, completed_at in LessonCompletion.objects.filter(
            lesson__in=lessons
        ).values_list("learner_id", "lesson_id", "completed_at"):
            done[learner_id][lesson_id] = completed_at
        passes = {}
        for attempt in Attempt.objects.filter(
            quiz_id__in=quiz_ids, status="graded", passed=True, learner_id__in=list(done)
        ).order_by("submitted_at"):
            passes.setdefault(attempt.learner_id, attempt)
        standing = set(
            CourseCompletion.objects.filter(
                course=course, superseded_at__isnull=True
            ).values_list("learner_id", flat=True)
        )
        for learner_id, their_lessons in done.items():
            if learner_id in standing:
                continue
            passing = passes.get(learner_id)
            if quiz_ids and passing is None:
                continue
            last_done = max(their_lessons.values())
            moment = passing.submitted_at if passing else last_done
            required = [
                lesson
                for lesson in lessons
                if lesson.pk in their_lessons
                or lesson.first_published_at is None
                or lesson.first_published_at <= moment
            ]
            if not all(lesson.pk in their_lessons for lesson in required):
                continue
            rows.append(
                CourseCompletion(
                    learner_id=learner_id,
                    course_id=course.pk,
                    course_title=course.title[:255],
                    completed_at=max(last_done, passing.submitted_at) if passing else last_done,
                    lessons=[{"id": lesson.pk, "title": lesson.title} for lesson in required],
                    training_hours=hours,
                    quiz_attempt_id=passing.pk if passing else None,
                    quiz_title=passing.quiz_title if passing else "",
                    quiz_score=passing.score if passing else None,
                )
            )
    CourseCompletion.objects.bulk_create(rows, batch_size=500)


def grant_redo(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("courses")
    config.models_module = True
    create_permissions(config, verbosity=0, apps=apps)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="courses", codename="add_courseredorequest"
    )
    for group in Group.objects.filter(name="Lead trainer"):
        group.permissions.add(permission)


def revoke_redo(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Lead trainer"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="courses", codename="add_courseredorequest"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_course_completions_and_redo_requests"),
        ("assessments", "0004_enrollment_moved_to_programs"),
        ("training", "0003_roles"),
    ]

    operations = [
        migrations.RunPython(record_completions, migrations.RunPython.noop),
        migrations.RunPython(grant_redo, revoke_redo),
    ]
