"""Who may open a document (/documents/<id>/<file>).

No document is public unless an editor puts it in the "Public documents"
collection. A document that course content uses (a lesson's worksheet, video,
captions) opens for the people who may study that course (`can_study`) and for
staff; anyone else is asked to sign in or told why not, and gets no bytes.
Videos answer `Range:` requests with 206, as phones need to play them.
"""

import pytest
from django.urls import reverse
from wagtail.models import Collection

from courses.site_setup import PUBLIC_DOCUMENTS_COLLECTION
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    block,
    enroll,
    every_block_body,
    make_document,
)
from tests.training.factories import LearnerFactory, SupervisorFactory, TrainerFactory

VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 4
WORKSHEET = b"%PDF-1.4 a worksheet about trigger maps"
CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n"


@pytest.fixture(autouse=True)
def _files_on_disk(files_on_disk):
    pass


@pytest.fixture
def lesson_files(catalogue):
    """A published lesson with a video, its captions and a worksheet, in a
    course that an active, a withdrawn and a completed learner are enrolled in."""
    files = {
        "video": make_document("talk.mp4", VIDEO),
        "captions": make_document("talk.vtt", CAPTIONS),
        "worksheet": make_document("worksheet.pdf", WORKSHEET),
    }
    course = CoursePageFactory(parent=catalogue, title="Sharing lived experience")
    LessonPageFactory(
        parent=course,
        body=every_block_body(
            video=files["video"], captions=files["captions"], download=files["worksheet"]
        ),
    )
    return course, files


def content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def assert_served(response, expected: bytes):
    assert response.status_code == 200
    assert content(response) == expected


def assert_sign_in_asked(response, document):
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={document.url}"


@pytest.mark.parametrize("key", ["video", "captions", "worksheet"])
def test_a_lesson_file_opens_for_a_learner_who_may_study_the_course(client, lesson_files, key):
    course, files = lesson_files
    client.force_login(enroll(course).learner)
    expected = {"video": VIDEO, "captions": CAPTIONS, "worksheet": WORKSHEET}[key]
    assert_served(client.get(files[key].url), expected)


@pytest.mark.parametrize("key", ["video", "captions", "worksheet"])
def test_a_lesson_file_asks_an_anonymous_visitor_to_sign_in(client, lesson_files, key):
    _course, files = lesson_files
    response = client.get(files[key].url)
    assert_sign_in_asked(response, files[key])


@pytest.mark.parametrize(
    "status, why",
    [
        (None, "You are not enrolled in one yet"),
        ("withdrawn", "Your place in the program that includes this course is not active"),
        ("completed", "You have completed the program this course belongs to, so its files"),
    ],
)
def test_a_lesson_file_is_refused_to_a_learner_who_may_not_study_the_course(
    client, lesson_files, status, why
):
    course, files = lesson_files
    learner = LearnerFactory() if status is None else enroll(course, status=status).learner
    client.force_login(learner)
    response = client.get(files["worksheet"].url)
    assert response.status_code == 403
    body = response.content.decode()
    assert WORKSHEET.decode() not in body
    assert "This file is part of a course" in body
    assert "Sharing lived experience" in body  # which course, with its overview
    assert why in body


def test_a_learner_of_another_course_is_refused(client, lesson_files, catalogue):
    _course, files = lesson_files
    other = CoursePageFactory(parent=catalogue, title="Ethics and boundaries")
    client.force_login(enroll(other).learner)
    assert client.get(files["video"].url).status_code == 403


@pytest.mark.parametrize("factory", [TrainerFactory, SupervisorFactory])
def test_staff_open_every_document(client, lesson_files, factory):
    _course, files = lesson_files
    unused = make_document("draft-handout.pdf", b"%PDF-1.4 draft")
    client.force_login(factory())
    assert_served(client.get(files["worksheet"].url), WORKSHEET)
    assert_served(client.get(unused.url), b"%PDF-1.4 draft")


def test_a_document_no_content_uses_is_not_public(client, lesson_files):
    course, _files = lesson_files
    unused = make_document("notes.pdf", b"%PDF-1.4 notes")
    assert_sign_in_asked(client.get(unused.url), unused)
    client.force_login(enroll(course).learner)
    assert client.get(unused.url).status_code == 403


def test_a_file_only_an_unpublished_lesson_uses_stays_closed(client, lesson_files):
    course, _files = lesson_files
    handout = make_document("next-week.pdf", b"%PDF-1.4 next week")
    LessonPageFactory(
        parent=course,
        live=False,
        body=[block("download", {"document": handout.pk, "title": "Next week", "description": ""})],
    )
    client.force_login(enroll(course).learner)
    assert client.get(handout.url).status_code == 403


def test_a_document_in_the_public_collection_opens_for_everyone(client, lesson_files):
    _course, files = lesson_files
    public = Collection.objects.get(name=PUBLIC_DOCUMENTS_COLLECTION)
    files["worksheet"].collection = public
    files["worksheet"].save()
    assert_served(client.get(files["worksheet"].url), WORKSHEET)


def test_setup_site_makes_the_public_collection_once(site, catalogue):
    from django.core.management import call_command

    call_command("setup_site", verbosity=0)
    assert Collection.objects.filter(name=PUBLIC_DOCUMENTS_COLLECTION).count() == 1


# --- Videos on phones: byte ranges ------------------------------------------------------


@pytest.fixture
def video_client(client, lesson_files):
    course, files = lesson_files
    client.force_login(enroll(course).learner)
    return client, files["video"].url


def test_the_full_video_says_it_accepts_ranges(video_client):
    client, url = video_client
    response = client.get(url)
    assert_served(response, VIDEO)
    assert response["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize(
    "asked, first, last",
    [
        ("bytes=0-1", 0, 1),  # what Safari asks first
        ("bytes=100-", 100, len(VIDEO) - 1),
        ("bytes=-10", len(VIDEO) - 10, len(VIDEO) - 1),
        ("bytes=1000-99999", 1000, len(VIDEO) - 1),
    ],
)
def test_a_range_request_answers_206_with_those_bytes(video_client, asked, first, last):
    client, url = video_client
    response = client.get(url, headers={"range": asked})
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {first}-{last}/{len(VIDEO)}"
    assert response["Content-Length"] == str(last - first + 1)
    assert response["Content-Type"] == "video/mp4"
    assert content(response) == VIDEO[first : last + 1]


def test_a_range_past_the_end_answers_416(video_client):
    client, url = video_client
    response = client.get(url, headers={"range": f"bytes={len(VIDEO)}-"})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(VIDEO)}"


@pytest.mark.parametrize("asked", ["bytes=0-1,5-6", "items=0-1", "bytes=5-2", "nonsense"])
def test_a_range_it_does_not_serve_gets_the_whole_file(video_client, asked):
    client, url = video_client
    assert_served(client.get(url, headers={"range": asked}), VIDEO)


def test_a_refused_range_request_gets_no_bytes(client, lesson_files):
    _course, files = lesson_files
    client.force_login(LearnerFactory())
    response = client.get(files["video"].url, headers={"range": "bytes=0-1"})
    assert response.status_code == 403


# --- In a bucket: a signed URL that expires, after the same check ------------------------


def test_from_a_bucket_the_file_comes_through_a_signed_url_after_the_check(
    client, settings, catalogue
):
    from wagtail.documents import get_document_model

    from training.settings.storage import document_serve_method

    bucket = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "peerpath-media",
            "access_key": "AKIAEXAMPLEEXAMPLE",
            "secret_key": "secret-example-secret-example",
            "endpoint_url": "https://objects.example.net",
            "region_name": "eu-west-1",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 3600,
            "signature_version": "s3v4",
        },
    }
    settings.STORAGES = {**settings.STORAGES, "default": bucket}
    settings.WAGTAILDOCS_SERVE_METHOD = document_serve_method(bucket)
    # The object is in the bucket already: nothing here touches the network.
    worksheet = get_document_model().objects.create(
        title="Worksheet", file="documents/worksheet.pdf"
    )
    course = CoursePageFactory(parent=catalogue)
    LessonPageFactory(
        parent=course,
        body=[block("download", {"document": worksheet.pk, "title": "Worksheet"})],
    )

    assert_sign_in_asked(client.get(worksheet.url), worksheet)
    client.force_login(LearnerFactory())
    assert client.get(worksheet.url).status_code == 403

    client.force_login(enroll(course).learner)
    response = client.get(worksheet.url)
    assert response.status_code == 302
    assert response.url.startswith("https://objects.example.net/peerpath-media/documents/")
    assert "X-Amz-Signature=" in response.url and "X-Amz-Expires=3600" in response.url


@pytest.mark.parametrize(
    "storage, method",
    [
        ({"BACKEND": "django.core.files.storage.FileSystemStorage"}, "serve_view"),
        (
            {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {"querystring_auth": True, "custom_domain": None},
            },
            "redirect",
        ),
        # URLs through a custom domain are not signed: the view sends the file.
        (
            {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {"querystring_auth": True, "custom_domain": "media.example.org"},
            },
            "serve_view",
        ),
    ],
)
def test_documents_are_never_linked_straight_to_the_file(storage, method):
    from training.settings.storage import document_serve_method

    assert document_serve_method(storage) == method


def test_opening_a_document_costs_the_same_queries_however_many_pages_use_it(client, catalogue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_to_open(courses: int) -> int:
        worksheet = make_document(f"worksheet-{courses}.pdf", WORKSHEET)
        download = block("download", {"document": worksheet.pk, "title": "Worksheet"})
        made = [CoursePageFactory(parent=catalogue) for _ in range(courses)]
        for course in made:
            LessonPageFactory(parent=course, body=[download])
            LessonPageFactory(parent=course, body=[download])
        client.force_login(enroll(made[-1]).learner)
        client.get(worksheet.url)  # the session is read once, as on any first request
        with CaptureQueriesContext(connection) as queries:
            assert_served(client.get(worksheet.url), WORKSHEET)
        return len(queries)

    assert queries_to_open(1) == queries_to_open(4)


def test_a_range_for_a_file_that_changed_since_gets_the_whole_new_file(video_client):
    client, url = video_client
    etag = client.get(url)["ETag"]
    same = client.get(url, headers={"range": "bytes=0-1", "if-range": etag})
    assert same.status_code == 206
    changed = client.get(url, headers={"range": "bytes=0-1", "if-range": '"an-older-file"'})
    assert_served(changed, VIDEO)
