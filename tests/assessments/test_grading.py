from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from assessments.grading import ALL_OR_NOTHING, PARTIAL, SINGLE, grade


def question(qid, scoring, correct_ids, all_ids):
    return {
        "id": qid,
        "type": "multiple_response" if scoring != SINGLE else "single_choice",
        "scoring": scoring,
        "prompt": f"Question {qid}",
        "scenario": "",
        "choices": [
            {"id": c, "text": c, "correct": c in correct_ids, "feedback": "because"}
            for c in all_ids
        ],
    }


def snapshot(*questions, pass_mark=80):
    return {"pass_mark": pass_mark, "review_policy": "after_each", "questions": list(questions)}


SINGLE_Q = question("q1", SINGLE, {"a"}, ["a", "b", "c"])
ALL_Q = question("q2", ALL_OR_NOTHING, {"a", "b"}, ["a", "b", "c", "d"])
PARTIAL_Q = question("q3", PARTIAL, {"a", "b"}, ["a", "b", "c", "d"])


def test_single_choice_right_and_wrong():
    assert grade(snapshot(SINGLE_Q), {"q1": ["a"]}).score == Decimal("100.00")
    assert grade(snapshot(SINGLE_Q), {"q1": ["b"]}).score == Decimal("0.00")
    assert grade(snapshot(SINGLE_Q), {}).score == Decimal("0.00")


def test_all_or_nothing_needs_exactly_the_right_set():
    assert grade(snapshot(ALL_Q), {"q2": ["a", "b"]}).score == 100
    assert grade(snapshot(ALL_Q), {"q2": ["a"]}).score == 0
    assert grade(snapshot(ALL_Q), {"q2": ["a", "b", "c"]}).score == 0


def test_partial_credit_subtracts_wrong_picks_and_never_goes_below_zero():
    assert grade(snapshot(PARTIAL_Q), {"q3": ["a"]}).score == Decimal("50.00")
    assert grade(snapshot(PARTIAL_Q), {"q3": ["a", "b", "c"]}).score == Decimal("50.00")
    assert grade(snapshot(PARTIAL_Q), {"q3": ["a", "c", "d"]}).score == Decimal("0.00")
    assert grade(snapshot(PARTIAL_Q), {"q3": ["c", "d"]}).score == Decimal("0.00")


def test_score_averages_questions_and_pass_uses_the_exact_value():
    quiz = snapshot(SINGLE_Q, ALL_Q, PARTIAL_Q, pass_mark=50)
    result = grade(quiz, {"q1": ["a"], "q3": ["a"]})  # 1 + 0 + 0.5 of 3
    assert result.score == Decimal("50.00")
    assert result.passed
    # 2 of 3 is 66.666...%: rounds to 66.67 for display, passes a 66% mark,
    # but never a 67% mark by rounding up.
    two_of_three = {"q1": ["a"], "q2": ["a", "b"]}
    assert grade(snapshot(SINGLE_Q, ALL_Q, PARTIAL_Q, pass_mark=67), two_of_three).passed is False
    assert grade(snapshot(SINGLE_Q, ALL_Q, PARTIAL_Q, pass_mark=66), two_of_three).passed is True


def test_unknown_question_and_choice_ids_earn_nothing():
    result = grade(snapshot(SINGLE_Q), {"q1": ["zzz"], "other": ["a"]})
    assert result.score == 0
    assert [q.question_id for q in result.questions] == ["q1"]


# --- Properties ------------------------------------------------------------------

choice_ids = st.lists(st.sampled_from("abcdef"), min_size=2, max_size=6, unique=True)


@st.composite
def quizzes(draw):
    questions = []
    for index in range(draw(st.integers(min_value=1, max_value=8))):
        ids = draw(choice_ids)
        scoring = draw(st.sampled_from([SINGLE, ALL_OR_NOTHING, PARTIAL]))
        if scoring == SINGLE:
            correct = {draw(st.sampled_from(ids))}
        else:
            correct = set(draw(st.lists(st.sampled_from(ids), min_size=1, unique=True)))
        questions.append(question(f"q{index}", scoring, correct, ids))
    return snapshot(*questions, pass_mark=draw(st.integers(min_value=1, max_value=100)))


@st.composite
def quiz_and_responses(draw):
    quiz = draw(quizzes())
    responses = {}
    for q in quiz["questions"]:
        ids = [c["id"] for c in q["choices"]]
        picked = draw(st.lists(st.sampled_from(ids + ["unknown"]), unique=True, max_size=7))
        if draw(st.booleans()):
            responses[q["id"]] = picked
    return quiz, responses


@given(quiz_and_responses())
def test_score_stays_within_0_and_100(data):
    quiz, responses = data
    result = grade(quiz, responses)
    assert Decimal("0") <= result.score <= Decimal("100")
    if result.score > quiz["pass_mark"]:
        assert result.passed
    if result.score < quiz["pass_mark"]:
        assert not result.passed


@given(quiz_and_responses(), st.randoms())
def test_order_of_responses_does_not_matter(data, rnd):
    quiz, responses = data
    items = list(responses.items())
    rnd.shuffle(items)
    shuffled = {qid: rnd.sample(ids, len(ids)) for qid, ids in items}
    assert grade(quiz, shuffled) == grade(quiz, responses)


@given(quizzes())
def test_all_correct_scores_100_and_passes(quiz):
    responses = {
        q["id"]: [c["id"] for c in q["choices"] if c["correct"]] for q in quiz["questions"]
    }
    result = grade(quiz, responses)
    assert result.score == Decimal("100.00")
    assert result.passed
