"""Published content kept in the web process (training/content_cache.py): a
lesson page costs a handful of queries once the content is kept, and every
change shows on the next request, whoever or whatever made it."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests.training.factories import LearnerFactory
from training import content_cache
from training.models import CrisisSupportSettings

from .conftest import with_totp
from .factories import CoursePageFactory, LessonPageFactory, block, complete, enroll, reflection

pytestmark = pytest.mark.django_db

# A kept lesson page: the session (a query with the tests' database sessions;
# production reads it from Redis), the user, their roles (the menu), and whether
# they may study the course with what they have done in it (one query). The
# reader's reflections too when the lesson asks for one.
KEPT_LESSON_PAGE_QUERIES = 4


@pytest.fixture
def course(catalogue):
    return CoursePageFactory(parent=catalogue, title="Boundaries")


@pytest.fixture
def lesson(course):
    return LessonPageFactory(
        parent=course,
        title="Saying no kindly",
        body=[block("rich_text", "<p>The first version.</p>", block_id="para")],
    )


@pytest.fixture
def learner_client(client, course, lesson):
    learner = enroll(course).learner
    client.force_login(learner)
    client.learner = learner
    return client


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def test_a_kept_lesson_page_costs_four_queries(learner_client, lesson):
    first, cold = queries_for(learner_client, lesson.url)
    second, warm = queries_for(learner_client, lesson.url)
    assert first.status_code == second.status_code == 200
    assert warm == KEPT_LESSON_PAGE_QUERIES, warm
    assert cold > warm
    for response in (first, second):
        page = response.content.decode()
        assert "The first version." in page and "Saying no kindly" in page


def test_a_lesson_with_a_reflection_prompt_also_loads_the_readers_answers(learner_client, course):
    asking = LessonPageFactory(parent=course, body=[reflection(block_id="ask")])
    learner_client.get(asking.url)
    _, warm = queries_for(learner_client, asking.url)
    assert warm == KEPT_LESSON_PAGE_QUERIES + 1


def test_progress_is_each_learners_own(client, course, lesson):
    done_by = enroll(course).learner
    not_yet = enroll(course, learner=LearnerFactory()).learner
    complete(done_by, lesson)
    client.force_login(done_by)
    assert "You have completed this lesson" in client.get(lesson.url).content.decode()
    client.force_login(not_yet)
    page = client.get(lesson.url).content.decode()
    assert "Finished reading?" in page
    assert "You have completed this lesson" not in page


def test_a_published_change_shows_on_the_next_request(learner_client, lesson):
    assert "The first version." in learner_client.get(lesson.url).content.decode()
    lesson.title = "Saying no, kindly and clearly"
    lesson.body = [block("rich_text", "<p>The second version.</p>", block_id="para")]
    lesson.save_revision().publish()
    page = learner_client.get(lesson.url).content.decode()
    assert "The second version." in page
    assert "The first version." not in page
    assert "Saying no, kindly and clearly" in page


def test_a_draft_does_not_change_the_live_lesson(learner_client, lesson):
    learner_client.get(lesson.url)
    lesson.body = [block("rich_text", "<p>Not ready yet.</p>", block_id="para")]
    lesson.save_revision()
    page = learner_client.get(lesson.url).content.decode()
    assert "The first version." in page
    assert "Not ready yet." not in page


def test_an_unpublished_or_deleted_lesson_is_gone_on_the_next_request(
    learner_client, course, lesson
):
    other = LessonPageFactory(parent=course, title="Another lesson")
    assert learner_client.get(lesson.url).status_code == 200
    assert learner_client.get(other.url).status_code == 200
    lesson.unpublish()
    assert learner_client.get(lesson.url).status_code == 404
    url = other.url
    other.delete()
    assert learner_client.get(url).status_code == 404


def test_a_moved_lesson_answers_at_its_new_address(learner_client, catalogue, course, lesson):
    old_url = lesson.url
    assert learner_client.get(old_url).status_code == 200
    elsewhere = CoursePageFactory(parent=catalogue, title="Elsewhere")
    enroll(elsewhere, learner=learner_client.learner)
    lesson.move(elsewhere, pos="last-child")
    lesson.refresh_from_db()
    # Wagtail leaves a redirect at the old address.
    moved = learner_client.get(old_url)
    assert (moved.status_code, moved["Location"]) == (301, lesson.url)
    assert learner_client.get(lesson.url).status_code == 200


def test_page_privacy_set_later_applies_at_once(learner_client, course, lesson):
    assert learner_client.get(lesson.url).status_code == 200
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-word"
    )
    response = learner_client.get(lesson.url)
    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert "The first version." not in response.content.decode()


def test_a_new_helpline_shows_in_kept_crisis_callouts(learner_client, site, course):
    crisis = LessonPageFactory(
        parent=course, body=[block("callout", {"kind": "crisis", "text": ""}, block_id="c")]
    )
    assert "988" in learner_client.get(crisis.url).content.decode()
    helpline = CrisisSupportSettings.for_site(site)
    helpline.helpline_phone = "0800 555 0199"
    helpline.save()
    assert "0800 555 0199" in learner_client.get(crisis.url).content.decode()


def test_another_process_change_shows_once_it_bumps_the_version(learner_client, lesson):
    """Another web process, the task worker or the scheduler change content in
    their own memory; what reaches this process is the version in the shared
    cache. A change that sends no signal here (a queryset update) stays
    unseen until the version moves, then shows."""
    learner_client.get(lesson.url)
    Page.objects.filter(pk=lesson.pk).update(title="Changed elsewhere")
    assert "Changed elsewhere" not in learner_client.get(lesson.url).content.decode()
    cache.incr(content_cache.VERSION_KEY)  # what bump() in that process does
    assert "Changed elsewhere" in learner_client.get(lesson.url).content.decode()


def test_a_lost_version_starts_afresh(learner_client, lesson):
    learner_client.get(lesson.url)
    Page.objects.filter(pk=lesson.pk).update(title="Changed while Redis restarted")
    cache.clear()  # a Redis restart or eviction loses the version with the sessions
    learner_client.force_login(learner_client.learner)
    page = learner_client.get(lesson.url).content.decode()
    assert "Changed while Redis restarted" in page


def test_a_change_bumps_the_version_again_when_it_commits(
    lesson, django_capture_on_commit_callbacks
):
    """Between the save and the commit another process may read the old row
    under the new version; the second bump after the commit drops that."""
    content_cache._bump_now()
    before = cache.get(content_cache.VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
        during = cache.get(content_cache.VERSION_KEY)
    after = cache.get(content_cache.VERSION_KEY)
    assert before < during < after


def test_a_preview_shows_the_draft_not_the_kept_lesson(learner_client, lesson, site):
    from tests.training.factories import UserFactory

    learner_client.get(lesson.url)  # the live block is now kept
    staff = with_totp(UserFactory(is_superuser=True, is_staff=True))
    learner_client.force_login(staff)
    data = nested_form_data(
        {
            "title": lesson.title,
            "slug": lesson.slug,
            "estimated_minutes": 15,
            "body": streamfield([("rich_text", rich_text("<p>A draft sentence.</p>"))]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0},
        }
    )
    data["body-0-id"] = "para"  # the same block as the live one
    preview_url = f"/admin/pages/{lesson.pk}/edit/preview/"
    assert learner_client.post(preview_url, data).json()["is_valid"] is True
    page = learner_client.get(preview_url).content.decode()
    assert "A draft sentence." in page
    assert "The first version." not in page


def test_outside_a_request_nothing_is_kept(lesson):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert content_cache.remember(("test",), compute) == 1
    assert content_cache.remember(("test",), compute) == 2


def test_a_programs_new_course_and_hours_requirement_show_on_the_dashboard_at_once(client, course):
    """Programs' configuration is kept with the content too (required courses,
    hours requirements, certification settings): a change shows at once."""
    from decimal import Decimal

    from courses.models import ProgramCourse
    from programs.models import ProgramDomainRequirement
    from tests.programs.factories import domain

    enrollment = enroll(course)
    later = CoursePageFactory(parent=course.get_parent(), title="Relapse prevention")
    client.force_login(enrollment.learner)
    before = client.get("/dashboard/").content.decode()
    assert "Boundaries" in before and "Relapse prevention" not in before
    assert "Advocacy" not in before

    # No page changes from here: only the program's configuration.
    ProgramCourse.objects.create(program=enrollment.program, course=later, sort_order=9)
    ProgramDomainRequirement.objects.create(
        program=enrollment.program,
        domain=domain("advocacy"),
        training_hours_min=Decimal("0"),
        practice_hours_min=Decimal("6"),
    )
    after = client.get("/dashboard/").content.decode()
    assert "Relapse prevention" in after
    assert "Advocacy" in after


def test_what_a_request_reads_after_its_own_change_is_never_kept(lesson, rf):
    """A request that changes content may read rows its transaction has not
    committed, and the transaction may roll back: nothing read after the
    change is kept for other requests."""
    from django.db import transaction

    def title():
        return Page.objects.get(pk=lesson.pk).title

    def changes_then_fails(request):
        with transaction.atomic():
            Page.objects.filter(pk=lesson.pk).update(title="Never committed")
            content_cache.bump()  # what saving the page does
            assert content_cache.remember(("title", lesson.pk), title) == "Never committed"
            raise RuntimeError("the rest of the change failed")

    def reads(request):
        return content_cache.remember(("title", lesson.pk), title)

    with pytest.raises(RuntimeError):
        content_cache.ContentCacheMiddleware(changes_then_fails)(rf.post("/"))
    assert content_cache.ContentCacheMiddleware(reads)(rf.get("/")) == "Saying no kindly"


def test_the_admin_still_gets_wagtails_queryset_of_view_restrictions(
    staff_client, learner_client, lesson
):
    """Kept view restrictions are a queryset with its rows in it: the page
    privacy dialog orders it and copying a page asks `.exists()` (both failed
    on a plain kept list with an AttributeError, a 500)."""
    learner_client.get(lesson.url)  # the restrictions kept
    privacy = staff_client.get(f"/admin/pages/{lesson.pk}/privacy/")
    assert privacy.status_code == 200
    copy = staff_client.post(
        f"/admin/pages/{lesson.pk}/copy/",
        {
            "new_title": "Saying no kindly (copy)",
            "new_slug": "saying-no-copy",
            "new_parent_page": lesson.get_parent().pk,
        },
    )
    assert copy.status_code == 302
    assert Page.objects.filter(slug="saying-no-copy").exists()
