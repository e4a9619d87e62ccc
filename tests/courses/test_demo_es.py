"""The Spanish demo course and its quiz (issue 21): the English, mirrored exactly, in Spanish words.

The Spanish pages are made as wagtail-localize translations of the English ones,
which pairs the two segment by segment (each text field of a block, each
paragraph or list item of rich text, with its inline tags). So the Spanish data
must have the English shape to the letter, with every text written in Spanish.
"""

import html
import re
from pathlib import Path

import pytest

from assessments import demo_content as quiz_en
from assessments import demo_content_es as quiz_es
from assessments.demo import questions_value
from courses import demo_content as en
from courses import demo_content_es as es
from courses.blocks import LessonBodyBlock
from courses.demo import ensure_media, resolve
from courses.demo_content import Media, callout, text
from courses.models import LessonPage
from tests.language import stigmatising_words

MEDIA_DIR = Path(__file__).resolve().parents[2] / "courses" / "demo_media"
ENGLISH_COURSES = {course.slug: course for course in en.COURSES}
ENGLISH_QUIZZES = {quiz.key: quiz for quiz in quiz_en.QUIZZES}

# Keys whose values a program reads (block type, heading level, callout kind,
# scoring rule): the same in both languages.
CODES = {"type", "level", "kind", "scoring"}
# Texts that are rightly the same in both languages: people's names.
SAME_IN_BOTH = {"Priya"}

TAG = re.compile(r"<[^>]+>")
# The elements wagtail-localize makes one segment each.
SEGMENT = re.compile(r"<(p|li|h[2-6]|blockquote)\b[^>]*>(.*?)</\1>", re.S)


def plain_text(markup: str, between_tags: str = " ") -> str:
    return " ".join(html.unescape(TAG.sub(between_tags, markup)).split())


def mirror(english, spanish, where: str) -> list[tuple[str, str, str]]:
    """Walks two values in step, asserting the same shape and the same non-text
    values (codes, media, flags, numbers), and the same tags in the same order
    in rich text. Returns the (where, English, Spanish) pairs of text a person
    reads: one per plain string, one per rich-text segment."""
    assert type(english) is type(spanish), where
    if isinstance(english, dict):
        assert english.keys() == spanish.keys(), where
        pairs = []
        for key in english:
            if key in CODES:
                assert english[key] == spanish[key], f"{where}/{key}"
            else:
                pairs += mirror(english[key], spanish[key], f"{where}/{key}")
        return pairs
    if isinstance(english, list | tuple):
        assert len(english) == len(spanish), where
        return [
            pair
            for index, (one, other) in enumerate(zip(english, spanish, strict=True))
            for pair in mirror(one, other, f"{where}[{index}]")
        ]
    if isinstance(english, str) and english.startswith("<"):
        assert TAG.findall(english) == TAG.findall(spanish), where
        segments = zip(SEGMENT.findall(english), SEGMENT.findall(spanish), strict=True)
        return [
            (f"{where} <{one[0]}> {index}", plain_text(one[1], ""), plain_text(other[1], ""))
            for index, (one, other) in enumerate(segments)
        ]
    if isinstance(english, str):
        return [(where, english, spanish)]
    assert english == spanish, where  # a Media reference, a flag or a number
    return []


def course_pairs(spanish: en.Course) -> list[tuple[str, str, str]]:
    english = ENGLISH_COURSES[spanish.slug]
    assert (spanish.lessons_in_order, spanish.credits) == (
        english.lessons_in_order,
        english.credits,
    )
    pairs = [
        ("course title", english.title, spanish.title),
        ("course summary", english.summary, spanish.summary),
        *mirror(english.objectives, spanish.objectives, "objectives"),
    ]
    assert [(lesson.slug, lesson.minutes) for lesson in spanish.lessons] == [
        (lesson.slug, lesson.minutes) for lesson in english.lessons
    ]
    for one, other in zip(english.lessons, spanish.lessons, strict=True):
        pairs.append((f"{one.slug} title", one.title, other.title))
        pairs += mirror(one.body, other.body, one.slug)
    return pairs


def quiz_pairs(spanish: quiz_en.Quiz) -> list[tuple[str, str, str]]:
    english = ENGLISH_QUIZZES[spanish.key]
    settings = (
        "pass_mark",
        "max_attempts",
        "wait_minutes",
        "time_limit_minutes",
        "questions_per_attempt",
        "review_policy",
    )
    assert [getattr(spanish, name) for name in settings] == [
        getattr(english, name) for name in settings
    ]
    # The quiz belongs to the Spanish of its course, and names the Spanish of
    # each English lesson it names.
    spanish_course = next(c for c in es.COURSES if c.title == spanish.course_title)
    english_course = ENGLISH_COURSES[spanish_course.slug]
    assert english.course_title == english_course.title
    slug_of = {lesson.title: lesson.slug for lesson in english_course.lessons}
    title_of = {lesson.slug: lesson.title for lesson in spanish_course.lessons}
    assert spanish.lessons == tuple(title_of[slug_of[title]] for title in english.lessons)
    return [
        *mirror(english.intro, spanish.intro, f"{english.key} intro"),
        *mirror(english.questions, spanish.questions, f"{english.key} questions"),
    ]


def untranslated(pairs) -> list[tuple[str, str]]:
    return [
        (where, english)
        for where, english, spanish in pairs
        if english == spanish and english not in SAME_IN_BOTH and not english.isdigit()
    ]


def all_spanish_pairs():
    return [
        ("quiz title", quiz_en.QUIZ_TITLE, quiz_es.QUIZ_TITLE),
        *(pair for course in es.COURSES for pair in course_pairs(course)),
        *(pair for quiz in quiz_es.QUIZZES for pair in quiz_pairs(quiz)),
    ]


# --- The mirror ----------------------------------------------------------------


def test_the_spanish_course_uses_every_block_type_and_mirrors_the_english():
    assert [course.slug for course in es.COURSES] == ["recognising-relapse-warning-signs"]
    for course in es.COURSES:
        used = {block["type"] for lesson in course.lessons for block in lesson.body}
        assert used == set(LessonBodyBlock().child_blocks)
        pairs = course_pairs(course)
        assert len(pairs) > 120  # the walk reached every text
        assert untranslated(pairs) == []


def test_the_spanish_quiz_mirrors_the_english_one():
    assert quiz_es.QUIZ_SLUG == quiz_en.QUIZ_SLUG
    assert quiz_es.QUIZ_TITLE != quiz_en.QUIZ_TITLE
    assert [quiz.key for quiz in quiz_es.QUIZZES] == ["warning-signs"]
    for quiz in quiz_es.QUIZZES:
        english = ENGLISH_QUIZZES[quiz.key]
        pairs = quiz_pairs(quiz)
        # Every question, choice and feedback: same count, same right answers.
        assert [question["type"] for question in quiz.questions] == [
            question["type"] for question in english.questions
        ]
        assert len(pairs) > 80
        assert untranslated(pairs) == []


def test_the_mirror_check_fails_on_a_changed_shape():
    # So the tests above can fail: each of these differs from the English in
    # something other than its words.
    one = [callout("tip", "<p>Say <b>this</b>.</p>"), text("<ul><li>One</li><li>Two</li></ul>")]
    changed = [
        [callout("caution", "<p>Di <b>esto</b>.</p>"), text("<ul><li>Uno</li><li>Dos</li></ul>")],
        [callout("tip", "<p>Di esto.</p>"), text("<ul><li>Uno</li><li>Dos</li></ul>")],
        [callout("tip", "<p>Di <b>esto</b>.</p>"), text("<ul><li>Uno y dos</li></ul>")],
        [callout("tip", "<p>Di <b>esto</b>.</p>")],
    ]
    for other in changed:
        with pytest.raises(AssertionError):
            mirror(one, other, "example")
    with pytest.raises(AssertionError):
        mirror({"image": Media("trigger_map")}, {"image": Media("stages_of_change")}, "example")
    same = [callout("tip", "<p>Say <b>this</b>.</p>"), text("<ul><li>Uno</li><li>Dos</li></ul>")]
    assert untranslated(mirror(one, same, "example")) == [
        ("example[0]/value/text <p> 0", "Say this.")
    ]


def test_the_spanish_passes_the_checks_the_admin_runs(db):
    # Spanish runs longer than English: every text must still fit its field.
    media = ensure_media(owner=None, log=lambda *_: None)
    stream_block = LessonPage._meta.get_field("body").stream_block
    for course in es.COURSES:
        for lesson in course.lessons:
            raw = [{**block, "value": resolve(block["value"], media)} for block in lesson.body]
            stream_block.clean(stream_block.to_python(raw))  # raises on a field too long
    for quiz in quiz_es.QUIZZES:
        assert len(questions_value(quiz)) == len(quiz.questions)


# --- The video's Spanish captions ------------------------------------------------


def cues(path: Path) -> list[tuple[str, list[str]]]:
    """(timing, lines) for each cue of a WebVTT file."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    assert blocks[0] == "WEBVTT", path.name
    return [
        (lines[0], lines[1:])
        for block in blocks[1:]
        if (lines := [line for line in block.strip().splitlines() if line.strip()])
    ]


def test_the_video_has_spanish_captions_with_the_english_timings():
    videos = [
        block["value"]
        for course in es.COURSES
        for lesson in course.lessons
        for block in lesson.body
        if block["type"] == "video"
    ]
    assert videos
    for value in videos:
        english_key = value["captions"].key
        spanish = es.MEDIA[es.CAPTIONS[english_key]]
        english = en.MEDIA[english_key]
        assert spanish.kind == "document"
        assert spanish.filename == english.filename.removesuffix(".vtt") + ".es.vtt"
        assert spanish.title not in {media.title for media in en.MEDIA.values()}
        english_cues = cues(MEDIA_DIR / english.filename)
        spanish_cues = cues(MEDIA_DIR / spanish.filename)
        assert [timing for timing, _ in spanish_cues] == [timing for timing, _ in english_cues]
        assert all("-->" in timing for timing, _ in spanish_cues)
        transcript = plain_text(value["transcript"])
        for (_, english_lines), (_, spanish_lines) in zip(english_cues, spanish_cues, strict=True):
            assert len(spanish_lines) == len(english_lines)
            for english_line, spanish_line in zip(english_lines, spanish_lines, strict=True):
                assert spanish_line != english_line
                assert spanish_line in transcript, f"caption {spanish_line!r} not in transcript"


# --- Words -----------------------------------------------------------------------


def test_the_spanish_word_check_catches_what_it_should():
    # So the language test below can fail: it would pass vacuously on a broken pattern.
    assert stigmatising_words(
        "Un adicto, una Drogadicta, la adicción, un toxicómano, abuso de sustancias, "
        "una prueba limpia, está limpio, sucia, recayó, ha recaído, puede recaer, está "
        "recaída, es vicioso, un alcohólico, yonqui",
        "es",
    ) == [
        "adict",
        "adicción",
        "Drogadic",
        "toxicóman",
        "yonqui",
        "abuso de sustancias",
        "limpi",
        "limpi",
        "sucia",
        "recayó",
        "recaído",
        "recaer",
        "está recaída",
        "vicioso",
        "alcohólico",
    ]
    # Harmless uses that are clearly another word are let through; "limpio" is
    # never used at all, as English never uses "clean".
    assert (
        stigmatising_words(
            "información adicional, la suciedad, prevención de recaídas, un círculo vicioso, "
            "bebidas alcohólicas, Alcohólicos Anónimos, abuso o negligencia, un recado, "
            "recaudar, una persona en recuperación volvió a consumir",
            "es",
        )
        == []
    )
    assert stigmatising_words("un espacio limpio", "es") == ["limpi"]


def test_the_spanish_demo_never_uses_stigmatising_words():
    texts = {where: spanish for where, _, spanish in all_spanish_pairs()}
    for spec in es.MEDIA.values():
        texts[spec.filename] = (MEDIA_DIR / spec.filename).read_text(encoding="utf-8")

    found = {
        where: words
        for where, text in texts.items()
        if (words := stigmatising_words(text, "es") + stigmatising_words(text))
    }
    assert len(texts) > 200
    assert found == {}
