"""The demo quizzes: one "Check your understanding" quiz for each demo course.

Written for Peerpath, in our own words, to match the lessons in
`courses/demo_content.py`. This module is plain data (no Django imports) so the
questions can be read and reviewed on their own; `assessments/demo.py` turns
them into pages. Questions are StreamField values in the shape of
`assessments.blocks.QuestionStreamBlock`.

Voice: calm, person-first and non-judgmental, as in the lessons. Every choice
has feedback that explains why it is or isn't the best response; a choice that
is not the best one is usually kindly meant, so the feedback says what it gets
right before what would help more. We say "person in recovery" and "return to
use", and never use words that attach moral worth to a person
(tests/assessments/test_demo.py scans for them). Multiple-response prompts
don't add "choose every one that applies": the quiz page says so under them.
"""

from dataclasses import dataclass

QUIZ_TITLE = "Check your understanding"
QUIZ_SLUG = "quiz"


@dataclass(frozen=True)
class Quiz:
    key: str  # names the quiz in its stable question ids; never change it
    course_title: str  # the demo course the quiz belongs to, found by title
    intro: str  # rich text; the page itself states the question count and limits
    questions: list[dict]
    # One lesson title per question, in order: the lesson of the same course that
    # teaches it (the result page links a missed question to it).
    lessons: tuple[str, ...] = ()
    pass_mark: int = 80
    max_attempts: int = 0  # unlimited
    wait_minutes: int = 0
    time_limit_minutes: int | None = None
    # Answers shown after a fail with unlimited attempts: each attempt draws fewer
    # questions than the pool holds, or the answers show only after passing, so no
    # quiz can be passed by copying (assessments.rules.answers_can_be_copied).
    questions_per_attempt: int = 0  # all
    review_policy: str = "after_passing"


# --- Question helpers: each returns one {"type": ..., "value": ...} item -------


def best(text: str, feedback: str) -> dict:
    """The right answer (or, in a multiple-response question, one of them)."""
    return {"text": text, "correct": True, "feedback": feedback}


def other(text: str, feedback: str) -> dict:
    """A choice that is not the best response."""
    return {"text": text, "correct": False, "feedback": feedback}


def single(prompt: str, *choices: dict) -> dict:
    return {"type": "single_choice", "value": {"prompt": prompt, "choices": list(choices)}}


def multiple(prompt: str, *choices: dict, scoring: str = "all_or_nothing") -> dict:
    return {
        "type": "multiple_response",
        "value": {"prompt": prompt, "choices": list(choices), "scoring": scoring},
    }


def true_false(statement: str, is_true: bool, *, if_true: str, if_false: str) -> dict:
    """`if_true` is the feedback for a learner who answers "True"."""
    return {
        "type": "true_false",
        "value": {
            "statement": statement,
            "is_true": is_true,
            "feedback_true": if_true,
            "feedback_false": if_false,
        },
    }


def scenario(case: str, prompt: str, *choices: dict) -> dict:
    return {
        "type": "scenario",
        "value": {"scenario": case, "prompt": prompt, "choices": list(choices)},
    }


# --- Course 1: Sharing Lived Experience with Purpose ------------------------------

SHARING = Quiz(
    key="sharing",
    course_title="Sharing Lived Experience with Purpose",
    intro=(
        "<p>Questions on purposeful self-disclosure (ask, share briefly, ask again), "
        "recovery stories rather than illness stories, and your own sharing boundaries. "
        "There are no trick questions. Each attempt asks 5 questions drawn from a set of "
        "10, and after each one you can see which answers fit best, and why.</p>"
    ),
    questions_per_attempt=5,
    review_policy="after_each",
    lessons=(
        "Ask, share briefly, ask again",
        "A recovery story, not an illness story",
        "A recovery story, not an illness story",
        "Ask, share briefly, ask again",
        "Ask, share briefly, ask again",
        "Boundaries in self-disclosure",
        "Boundaries in self-disclosure",
        "Why lived experience matters",
        "Why lived experience matters",
        "Boundaries in self-disclosure",
    ),
    questions=[
        single(
            "Before you share part of your own experience with a peer, which question is the "
            "most useful one to ask yourself first?",
            best(
                "Whose needs will this share meet?",
                "Yes. Purposeful sharing is for the peer’s benefit. If the honest answer is "
                "that it would mostly meet your own needs, such as wanting to feel understood "
                "or to fill a silence, that is a sign to wait.",
            ),
            other(
                "Will this show that I have been through something harder?",
                "Comparing experiences tends to pull the focus onto you, and it can leave the "
                "peer feeling that their struggles count for less. The more helpful check is "
                "whose needs the share would meet.",
            ),
            other(
                "Have I told this part of my story before?",
                "Practice can make a share smoother, but it doesn’t tell you whether sharing "
                "will help this person right now. Start by asking whose needs it would meet.",
            ),
            other(
                "Is there enough time to tell my whole story?",
                "A purposeful share is usually a minute or two, not the whole story, so time "
                "is rarely the deciding question. Ask first whose needs it would meet.",
            ),
        ),
        multiple(
            "Which of these belong in a recovery story, rather than an illness story?",
            best(
                "What helped you make a change",
                "Yes. What helped (people, services, practices, your own strengths) gives a "
                "peer ideas they can use.",
            ),
            best(
                "What your life is like now, honestly",
                "Yes. Where you are now shows that change is possible, which is the heart of "
                "the hope a recovery story offers.",
            ),
            best(
                "What you are still working on",
                "Yes. Saying that recovery is ongoing makes you more relatable, not less.",
            ),
            other(
                "A detailed account of your hardest moments",
                "It is understandable to want to show how hard things were, but detail like "
                "this centres the past and can distress the listener. You can say that "
                "things got very hard in a sentence, then move on to what changed.",
            ),
            other(
                "Exactly what you used, and how much",
                "Details like these rarely help and can stir up cravings or painful memories "
                "for the person listening. A recovery story focuses on change rather than on "
                "the specifics of use.",
            ),
            scoring="partial",
        ),
        true_false(
            "Leaving graphic details out of your story makes it less honest.",
            False,
            if_true=(
                "It can feel that way, but honesty doesn’t depend on detail. You can say "
                "plainly that things were very hard without describing them; graphic detail "
                "can distress or trigger the listener and rarely helps."
            ),
            if_false=(
                "That’s right. You can be fully honest that things were hard while leaving "
                "out details that might distress or trigger the person listening."
            ),
        ),
        scenario(
            "A peer you have met twice says: “Everyone keeps telling me it gets easier. I "
            "don’t see how.” You remember feeling exactly the same in your first months of "
            "recovery.",
            "What is the most helpful next step?",
            best(
                "Ask whether it would help to hear a little about how those months went for you.",
                "Yes. Asking first gives the peer a real choice about hearing your experience. "
                "It is the first step of “ask, share briefly, ask again”, and a “no” is "
                "useful to know too.",
            ),
            other(
                "Tell them your whole story so they can see how far you have come.",
                "Your story may well give hope, but all of it at once can be a lot to take in "
                "and moves the focus onto you. Asking first, then sharing briefly, keeps the "
                "conversation about them.",
            ),
            other(
                "Reassure them that it definitely gets easier for everyone.",
                "This is kindly meant, but it repeats what they have just said isn’t helping, "
                "and recovery is different for each person. Offering a little of your own "
                "experience, if they want it, can land differently.",
            ),
            other(
                "Move the conversation on to something more hopeful.",
                "Wanting to lift the mood is natural, but changing the subject can leave the "
                "peer feeling unheard. Their doubt is worth staying with.",
            ),
        ),
        scenario(
            "A peer has asked how you coped with pressure from family. You say, briefly, that "
            "agreeing on one proper check-in a week with your sister helped more than "
            "questions every evening. The peer goes quiet.",
            "Which response best fits the “ask again” step?",
            best(
                "“How does that sit with you?”",
                "Yes. Handing the conversation straight back lets the peer say what, if "
                "anything, fits for them. The point of sharing is what it opens up for them.",
            ),
            other(
                "“You should try the same thing with your family.”",
                "It is tempting to turn what worked for you into a suggestion, but this is "
                "advice dressed up as a story. Recovery has many pathways; asking lets the "
                "peer find their own.",
            ),
            other(
                "Fill the silence with more detail about your own family.",
                "Silence can feel uncomfortable, but the peer may be thinking. More about you "
                "keeps the spotlight on your story; a short question gives it back to them.",
            ),
            other(
                "“I can tell you don’t agree with me.”",
                "This guesses at what the quiet means, and the guess may not be right. An "
                "open question lets the peer tell you.",
            ),
        ),
        single(
            "A peer asks you directly what you used to use. You decided with your supervisor "
            "to keep that private. Which response fits best?",
            best(
                "“I keep the details of that for my own supports, but I’m happy to talk about "
                "what helped me through the hard months.”",
                "Yes. This keeps your boundary warmly and keeps the conversation open. You "
                "might also ask what makes them curious: often the real question is whether "
                "someone like them can recover.",
            ),
            other(
                "“That’s not something you should be asking me.”",
                "Your boundary is yours to keep, but this wording can close the conversation. "
                "A question like this is often a sign of trust, so a warm way of declining "
                "helps more.",
            ),
            other(
                "Answer in full anyway, so the peer feels you trust them.",
                "Wanting to build trust is a good instinct, but you don’t owe anyone your "
                "whole history. Going past the boundaries you set can leave you feeling "
                "exposed; trust also grows when you are honest about your limits.",
            ),
            other(
                "Act as if you didn’t hear the question.",
                "Avoiding an awkward moment is understandable, but the peer may feel "
                "brushed off or unsure whether they did something out of place. Declining "
                "openly and kindly is clearer for both of you.",
            ),
        ),
        multiple(
            "In which of these situations is it usually best not to share your own experience?",
            best(
                "The peer is in crisis and needs you to listen and act.",
                "Yes. In a crisis your attention belongs entirely to the peer and to what "
                "needs doing now.",
            ),
            best(
                "You are feeling raw yourself, close to a difficult anniversary.",
                "Yes. Your own recovery needs a space where you are the one being supported, "
                "and a hard week is a good time to lean on your own supports instead.",
            ),
            best(
                "Your story would turn into a comparison of who had it harder.",
                "Yes. Comparisons pull focus onto you and can make the peer’s experience feel "
                "smaller.",
            ),
            other(
                "The peer has asked how you got through something similar, and there is time "
                "to talk.",
                "This is often a good moment to share: they have asked, and they have room to "
                "take it in. Keep it brief and hand the conversation back afterwards.",
            ),
        ),
        true_false(
            "Your story belongs to you: you decide what to share, with whom and when.",
            True,
            if_true=(
                "That’s right. Being a peer mentor doesn’t make your whole history available "
                "to anyone who asks. Your choices about sharing can also change over time."
            ),
            if_false=(
                "It can feel as if the role asks you to share everything, but it doesn’t. "
                "Your story belongs to you, and you choose what to share, with whom and when."
            ),
        ),
        single(
            "What is the main thing your lived experience offers a person early in recovery?",
            best(
                "Hope they can see: someone who has been somewhere similar and found a way through",
                "Yes. Many people early in recovery feel nobody understands. Meeting someone "
                "who has lived something like it turns hope into something real.",
            ),
            other(
                "Expert advice on what they should do next",
                "Your experience is valuable, but it makes you an expert on your own life, "
                "not theirs. You offer hope and ideas; the person decides what fits.",
            ),
            other(
                "A replacement for professional treatment",
                "Peer support is different from clinical care and works alongside it. It "
                "doesn’t replace treatment for people who want or need it.",
            ),
            other(
                "Proof that there is one right way to recover",
                "Your way through is one of many. Recovery has many pathways, and part of "
                "sharing well is leaving room for the person to find theirs.",
            ),
        ),
        true_false(
            "It helps to agree your personal sharing boundaries with your supervisor before "
            "you need them.",
            True,
            if_true=(
                "That’s right. Decisions made on a calm day are much easier to keep in the "
                "moment, when a peer asks something unexpected."
            ),
            if_false=(
                "It may seem simpler to decide in the moment, but that is when it is hardest. "
                "Agreeing your boundaries in advance, with your supervisor, makes them easier "
                "to keep."
            ),
        ),
    ],
)


# --- Course 2: Accountability Without Judgment ---------------------------------------

ACCOUNTABILITY = Quiz(
    key="accountability",
    course_title="Accountability Without Judgment",
    intro=(
        "<p>Questions on open questions, affirmations, reflections and summaries, the "
        "stages of change, recovery plans the peer leads, and following up after a setback. "
        "Each attempt asks 6 questions drawn from a set of 11, and after each one you can "
        "see which answers fit best. There is a short pause before the next attempt: a "
        "moment to look back at the lessons.</p>"
    ),
    wait_minutes=1,
    questions_per_attempt=6,
    review_policy="after_each",
    lessons=(
        "Open questions, affirmations, reflections and summaries",
        "Open questions, affirmations, reflections and summaries",
        "Open questions, affirmations, reflections and summaries",
        "Open questions, affirmations, reflections and summaries",
        "What accountability means in peer support",
        "Stages of change and recovery plans the peer leads",
        "Stages of change and recovery plans the peer leads",
        "Following up after a setback",
        "Following up after a setback",
        "Following up after a setback",
        "Open questions, affirmations, reflections and summaries",
    ),
    questions=[
        single(
            "Which of these is an open question?",
            best(
                "“What has this week been like for you?”",
                "Yes. It invites the person to tell you what matters to them, in their own words.",
            ),
            other(
                "“Did you go to your group this week?”",
                "A fair thing to wonder about, but it invites a yes or a no and can feel like "
                "checking up. “How has this week been?” opens more room.",
            ),
            other(
                "“Are you okay?”",
                "Caring, but closed: it is easy to answer “fine” and move on. An open "
                "question such as “What would make this week a good one?” invites more.",
            ),
            other(
                "“You called the housing office, right?”",
                "This suggests the answer you hope for, which can make it harder to say "
                "“not yet”. Try “What feels like the next step with housing?”",
            ),
        ),
        multiple(
            "Which of these are affirmations?",
            best(
                "“You came today even though it was a rough week; that took determination.”",
                "Yes. It names a specific effort and a strength that belongs to the person.",
            ),
            best(
                "“You kept asking until you found a doctor who listened. That shows real "
                "persistence.”",
                "Yes. Specific, genuine and about the person’s own effort.",
            ),
            other(
                "“Good job.”",
                "Warm, but general. That is praise rather than an affirmation, which names a "
                "particular effort or strength.",
            ),
            other(
                "“You did exactly what I suggested. Well done.”",
                "Kindly meant, but it centres your suggestions. Affirmations are about the "
                "person’s own effort and strengths, not how well they followed advice.",
            ),
            scoring="partial",
        ),
        scenario(
            "At your third meeting, a peer sighs and says: “I don’t know why I even bother "
            "with these appointments.”",
            "Which response is a complex reflection?",
            best(
                "“Part of you is tired of appointments, and part of you keeps turning up anyway.”",
                "Yes. It says back what you heard and adds a guess at the meaning underneath, "
                "including the part of them that keeps coming.",
            ),
            other(
                "“You’re wondering whether they’re worth it.”",
                "This is good listening: a simple reflection that rephrases what they said. "
                "A complex reflection goes a step further and guesses at the feeling or "
                "meaning underneath.",
            ),
            other(
                "“Why don’t you think they’re worth it?”",
                "A question rather than a reflection, and “why” can sound like a challenge. "
                "Reflections are statements that show you understood.",
            ),
            other(
                "“You should keep going. They’ll help eventually.”",
                "Encouraging, but it argues for change, and people often respond by arguing "
                "back for staying the same. A reflection lets them make the case in their "
                "own words.",
            ),
        ),
        true_false(
            "When a mentor argues for change, the person they support often argues back for "
            "staying the same.",
            True,
            if_true=(
                "That’s right. Pushing tends to bring pushback. Asking, listening and "
                "reflecting lets the person voice their own reasons for change."
            ),
            if_false=(
                "It seems as if making a strong case should help, but people tend to defend "
                "the other side when they feel pushed. Drawing out their own reasons works "
                "better."
            ),
        ),
        single(
            "Which description is person-first and strengths-based?",
            best(
                "“She returned to use last week and has asked for help getting back to her plan.”",
                "Yes. It describes what happened without blame and notices the step she is taking.",
            ),
            other(
                "“He slipped up again.”",
                "A common phrase, but “slipped up”, especially with “again”, suggests blame. "
                "“Returned to use” describes the same thing neutrally.",
            ),
            other(
                "“She’s non-compliant with her plan.”",
                "Clinical words like this turn a person into a problem. “Hasn’t found the "
                "right support yet” leaves room for what could help.",
            ),
            other(
                "“They refused to attend the group.”",
                "“Refused” frames a choice as defiance. “Chose not to attend” describes the "
                "same thing and respects that the choice was theirs.",
            ),
        ),
        scenario(
            "A peer tells you they enjoy evenings out with old friends and aren’t sure they "
            "want to change anything. In the same breath, they say they are worried about how "
            "often they have been missing work.",
            "Which stage of change might they be in, and what support fits?",
            best(
                "Thinking about it (contemplation): explore both sides with them, what they "
                "like about how things are and what worries them.",
                "Yes. Feeling two ways about change is normal at this stage, not a problem to "
                "solve. Exploring both sides helps the person hear their own reasons.",
            ),
            other(
                "Not yet (precontemplation): avoid the subject completely.",
                "They have raised a worry themselves, which suggests they are weighing things "
                "up. Even at the “not yet” stage, a steady, open presence helps more than "
                "avoiding the topic.",
            ),
            other(
                "Making changes (action): help them set a date to stop seeing those friends.",
                "Wanting to help them act is understandable, but this jumps ahead of where "
                "they are, and pushing for action tends to bring pushback.",
            ),
            other(
                "Not ready, so there is little point meeting until they are.",
                "Readiness changes, often back and forth. Staying alongside people at every "
                "stage is part of the role, and it is what makes coming back easy.",
            ),
        ),
        multiple(
            "Which of these belong in a recovery plan that the peer leads?",
            best(
                "Goals written in the peer’s own words",
                "Yes. “Be someone my kids can count on” is a better goal for that person than "
                "anything you could write for them.",
            ),
            best(
                "One next step the peer will take, and when",
                "Yes. A small, specific step makes a big goal feel possible.",
            ),
            best(
                "What might get in the way, and what the peer will do then",
                "Yes. Planning for obstacles in advance makes them easier to handle.",
            ),
            other(
                "The recovery pathway the mentor found most helpful",
                "Sharing what helped you can be useful, but the plan belongs to the peer, and "
                "there are many pathways to recovery. The person chooses theirs.",
            ),
        ),
        scenario(
            "A peer you support hasn’t replied to your messages for four days. Today they "
            "call and tell you that they returned to use at the weekend, after several "
            "months.",
            "What is the best thing to say first?",
            best(
                "“I’m really glad you called. How are you doing right now, and are you safe?”",
                "Yes. Leading with the relationship tells them they haven’t lost you, and "
                "checking on safety comes next: after time without use, the risk of overdose "
                "is higher.",
            ),
            other(
                "“Why didn’t you call me before it happened?”",
                "It may come from caring, but it can sound like blame, and shame pushes people "
                "away from support. Later, being curious about the days before can help.",
            ),
            other(
                "“That means we’ll need to start your plan again from the beginning.”",
                "Their earlier progress still counts. Reconnecting with what was working "
                "helps more than starting over.",
            ),
            other(
                "“Let’s go through exactly what happened, step by step.”",
                "Understanding what led up to it can help, but not first, and not in detail. "
                "Start with the relationship and their safety.",
            ),
        ),
        true_false(
            "After a period without use, a person’s tolerance drops, so the risk of overdose "
            "is higher if they use again.",
            True,
            if_true=(
                "That’s right. This is why checking on safety is one of the first things to "
                "do after a setback, and why harm reduction information matters."
            ),
            if_false=(
                "It’s an easy thing to miss, but tolerance does drop after time without use, "
                "which makes overdose more likely. That is why safety comes early in a "
                "follow-up conversation."
            ),
        ),
        true_false(
            "A return to use means that the progress made before it no longer counts.",
            False,
            if_true=(
                "Many people feel this way after a setback, but earlier progress still "
                "counts. Skills, supports and insight don’t disappear, and a return to use "
                "is part of many people’s recovery."
            ),
            if_false=(
                "That’s right. Earlier progress still counts, and reconnecting with what was "
                "working is one of the most useful things you can do together."
            ),
        ),
        single(
            "When is a summary most useful in a conversation with a peer?",
            best(
                "Near the end, to gather what they said, check you understood, and lead to a "
                "next step",
                "Yes. A good summary shows you listened and helps the conversation move on, "
                "for example to agreeing one small next step.",
            ),
            other(
                "At the start, to tell them what you think the problem is",
                "A summary gathers what the person has said, so it comes after listening, not "
                "before.",
            ),
            other(
                "Whenever you want to move them towards your own suggestion",
                "A summary reflects the person’s words back faithfully. Using it to steer "
                "them can feel like pressure and can close the conversation.",
            ),
            other(
                "Only when you are writing up your notes afterwards",
                "Notes matter, but a summary is most useful out loud, with the person, so "
                "they can correct anything you got wrong.",
            ),
        ),
    ],
)


# --- Course 3: Recognising Relapse Warning Signs ----------------------------------------

WARNING_SIGNS = Quiz(
    key="warning-signs",
    course_title="Recognising Relapse Warning Signs",
    intro=(
        "<p>Questions on relapse as a process, HALT, post-acute withdrawal, trigger maps "
        "and connecting a peer to crisis services. This quiz is timed, with enough time to "
        "read each scenario carefully. Each answer is saved as you choose it, so nothing "
        "is lost if the time runs out. After each attempt you see feedback on the answers "
        "you chose; which answers were right is shown once you have passed.</p>"
    ),
    time_limit_minutes=20,
    lessons=(
        "A process, not an event",
        "HALT and post-acute withdrawal",
        "A process, not an event",
        "HALT and post-acute withdrawal",
        "HALT and post-acute withdrawal",
        "Personal trigger maps",
        "Personal trigger maps",
        "Connecting a peer to crisis services",
        "Connecting a peer to crisis services",
        "Connecting a peer to crisis services",
    ),
    questions=[
        true_false(
            "A return to use usually begins with changes in thoughts, feelings and routines, "
            "often days or weeks before any use.",
            True,
            if_true=(
                "That’s right. Seeing it as a process is hopeful: every stage is a point "
                "where things can turn around."
            ),
            if_false=(
                "From the outside it can look sudden, but people in recovery often describe "
                "a gradual drift that started well before any use. Every stage of it is a "
                "chance to turn things around."
            ),
        ),
        multiple(
            "HALT is a quick self-check. Which four needs does it ask about?",
            best("Hungry", "Yes. Skipped meals can feel like anxiety or irritability."),
            best("Angry", "Yes. Lingering resentment or frustration is worth noticing."),
            best("Lonely", "Yes. Loneliness is one of the strongest pulls back to old patterns."),
            best("Tired", "Yes. Tiredness lowers every other defence."),
            other(
                "Hopeless",
                "Hopelessness is important and worth asking about, but it isn’t one of the "
                "four HALT checks, which keep to basic needs: hungry, angry, lonely, tired.",
            ),
            other(
                "Anxious",
                "Anxiety matters too, but it isn’t one of the HALT letters. Hunger or "
                "tiredness can sometimes feel like anxiety, which is one reason HALT helps.",
            ),
            scoring="partial",
        ),
        scenario(
            "For two weeks a peer has told you that “everything’s fine”. In that time they "
            "have missed two groups, and they seem irritated when you ask how things are "
            "going.",
            "What fits best right now?",
            best(
                "Reflect what you hear and leave the door open: “It sounds like you’d rather "
                "not get into it today. I’m here when you want to.”",
                "Yes. Arguing rarely helps when someone isn’t ready to talk. A calm "
                "reflection and an open door keep the relationship steady.",
            ),
            other(
                "List the warning signs you’ve noticed, to show them where this is heading.",
                "Your concern is real, but warning signs are not predictions, and laying them "
                "out as evidence can feel like an accusation. Share what you notice with "
                "kindness and let them decide what it means.",
            ),
            other(
                "Stop reaching out until they are ready to be honest with you.",
                "Giving space can feel respectful, but when someone is pulling away, reaching "
                "out matters more, not less.",
            ),
            other(
                "Ask their family to keep an eye on them.",
                "Wanting more support around them is caring, but sharing your concerns "
                "without their consent breaks confidentiality and can damage their trust.",
            ),
        ),
        single(
            "Which is the best description of post-acute withdrawal?",
            best(
                "Symptoms such as poor sleep, low mood and trouble concentrating that can come "
                "and go for weeks or months after the first phase of withdrawal",
                "Yes. It often arrives in waves and can be worse under stress. Knowing it is "
                "common can ease a lot of fear.",
            ),
            other(
                "A sign that recovery isn’t working for the person",
                "Many people fear this, but post-acute withdrawal is a common part of "
                "recovery while the brain and body readjust, not a sign that something is "
                "going wrong.",
            ),
            other(
                "The first few days after someone stops using",
                "That is the acute phase. Post-acute withdrawal is what can follow it, for "
                "weeks or months.",
            ),
            other(
                "Something a peer mentor should diagnose and treat",
                "Peer mentors don’t diagnose or give medical advice. You can help the person "
                "talk with a doctor or their treatment team.",
            ),
        ),
        scenario(
            "Two months into recovery, a peer tells you they keep forgetting appointments, "
            "are sleeping badly and feel flat most days. They ask whether this means they are "
            "doing recovery wrong.",
            "What is the most helpful response?",
            best(
                "Explain that many people have symptoms like these for a while, help set up "
                "reminders, and encourage them to mention the sleep problems to their doctor.",
                "Yes. Naming it eases the fear, practical supports help day to day, and a "
                "doctor can help with symptoms that are severe or getting worse.",
            ),
            other(
                "Suggest a sleep aid that worked for you.",
                "It comes from wanting to help, but advice about medicines is outside the "
                "peer role. Encourage them to talk with their doctor, and offer to help make "
                "the call.",
            ),
            other(
                "Tell them it will definitely pass within a week.",
                "Reassurance is kind, but these symptoms often last weeks or months, and a "
                "promise that doesn’t come true can add to their worry.",
            ),
            other(
                "Tell them it is probably a sign that they will return to use soon.",
                "Warning signs are not predictions, and this would add to their fear. What "
                "they describe is a common part of recovery.",
            ),
        ),
        multiple(
            "You are helping a peer build a personal trigger map. Which of these steps fit?",
            best(
                "Start with what steadies them: people, places and routines that help",
                "Yes. Beginning with strengths and supports makes the rest easier to talk about.",
            ),
            best(
                "Pair each trigger with a way to avoid it or cope with it",
                "Yes. Some triggers can be avoided; others, like feelings, can’t, so the plan "
                "is about coping.",
            ),
            best(
                "Agree when to look at the map again",
                "Yes. Triggers change as life does, so a map needs revisiting.",
            ),
            other(
                "Decide for them which triggers belong on the map",
                "Your ideas may help if they ask for them, but the map belongs to the person. "
                "They decide what goes on it.",
            ),
            other(
                "Share the finished map with their family so everyone knows the triggers",
                "Involving family can help some people, but only if they choose it. The "
                "person decides who sees their map.",
            ),
        ),
        true_false(
            "Only stressful or sad events act as triggers; good news is not a risk.",
            False,
            if_true=(
                "It’s a common assumption, but celebrations, payday or a piece of good news "
                "can pull just as strongly as stress or grief. Triggers are personal."
            ),
            if_false=(
                "That’s right. Good events can be triggers too, which is why a trigger map "
                "asks about times, dates and celebrations as well as hard moments."
            ),
        ),
        scenario(
            "During a meeting, a peer who has seemed low for several weeks says quietly that "
            "they don’t see the point in anything any more, and that their family would be "
            "better off without them.",
            "What should you do first?",
            best(
                "Stay calm, stay with them, and ask directly: “Are you thinking about suicide?”",
                "Yes. Asking directly does not put the idea in someone’s head, and it often "
                "brings relief. Then listen, follow your organisation’s crisis protocol and "
                "offer to make the call together.",
            ),
            other(
                "Avoid mentioning suicide, in case it puts the idea in their head.",
                "This worry is very common, but asking directly does not put the idea in "
                "someone’s head. Not asking can leave the person alone with it.",
            ),
            other(
                "Promise to keep it between the two of you, so they keep talking.",
                "You want them to keep talking, which matters. But never promise to keep a "
                "risk of harm secret; explain when you would involve others, so it is never "
                "a surprise.",
            ),
            other(
                "Give them a crisis line number and end the meeting so they can call.",
                "A number is a start, but people are far more likely to get help when you "
                "stay with them and make the call together.",
            ),
        ),
        single(
            "What is a warm handoff to a crisis service?",
            best(
                "Staying with the person, in the room or on the line, while they talk to the "
                "crisis service",
                "Yes. Being there while they connect makes it far more likely the help "
                "actually reaches them.",
            ),
            other(
                "Giving the person a printed list of crisis numbers",
                "A list is useful to have, especially in a recovery plan, but on its own it "
                "leaves the person to make a hard call alone.",
            ),
            other(
                "Passing the person’s details to a service without telling them",
                "This may be meant to protect them, but it takes the choice away and can "
                "damage trust. Explain what you are doing and why, whenever it is safe to.",
            ),
            other(
                "Calling the person the next day to check whether they called",
                "Following up afterwards matters, but a warm handoff happens in the moment, "
                "with you there.",
            ),
        ),
        true_false(
            "If a person cannot be woken and their breathing is very slow, you should call "
            "emergency services straight away.",
            True,
            if_true=(
                "That’s right. These can be signs of an overdose. Call straight away, and use "
                "naloxone if you are trained and have it."
            ),
            if_false=(
                "It can be hard to know what is happening, but these can be signs of an "
                "overdose, so it is always right to call emergency services straight away."
            ),
        ),
    ],
)


# --- Course 4: Ethics and Boundaries for Peer Mentors -----------------------------------

ETHICS = Quiz(
    key="ethics",
    course_title="Ethics and Boundaries for Peer Mentors",
    intro=(
        "<p>Questions on the scope of the peer role, dual relationships, confidentiality, "
        "trauma-informed support and self-care. After each attempt you see feedback on the "
        "answers you chose; which answers were right is shown once you have passed.</p>"
    ),
    lessons=(
        "The scope of the peer role",
        "Dual relationships",
        "Dual relationships",
        "Dual relationships",
        "Confidentiality and its limits",
        "Confidentiality and its limits",
        "Confidentiality and its limits",
        "Trauma-informed peer support",
        "Self-care that sustains the work",
        "Self-care that sustains the work",
        "Dual relationships",
    ),
    questions=[
        multiple(
            "Which of these are within the scope of the peer role?",
            best(
                "Connecting a person to resources and recovery communities",
                "Yes. Helping people find their way to services and communities is central "
                "to peer work.",
            ),
            best(
                "Supporting a recovery plan the person leads",
                "Yes. Listening, encouraging and helping with the steps the person chose is "
                "the heart of the role.",
            ),
            best(
                "Going with someone to a first appointment, if they want you to",
                "Yes. Connecting someone well, and following up, is part of peer work.",
            ),
            other(
                "Advising someone to change the dose of their medication",
                "It may come from wanting to help, but medical advice, including about "
                "medication, sits outside the role. Help the person talk to their prescriber.",
            ),
            other(
                "Drafting a letter to a court on the person’s behalf",
                "A kind impulse, but legal matters need someone qualified. You can help the "
                "person find legal advice and support them to speak for themselves.",
            ),
            scoring="partial",
        ),
        scenario(
            "A peer you support is short of money this week and asks whether you could lend "
            "them some until payday, just this once.",
            "What is the best response?",
            best(
                "Kindly say no, explain that it is a boundary that protects your work "
                "together, and offer to help them find emergency support or advice.",
                "Yes. The boundary protects the relationship, and helping them find the "
                "right support means you are not stepping away from their need.",
            ),
            other(
                "Lend it, as long as it really is only once.",
                "Wanting to help is natural, but lending money creates a second relationship "
                "that can put pressure on both of you and change how you work together.",
            ),
            other(
                "Say no, and move on to another topic.",
                "The boundary is right, but their need is still real. Helping them find "
                "support for it is part of the role.",
            ),
            other(
                "Lend it, and keep it between the two of you.",
                "Keeping something from your supervisor is a sign that a boundary is under "
                "strain. Talk it through with them instead.",
            ),
        ),
        scenario(
            "A person you have just started supporting walks into the mutual-aid meeting you "
            "go to every week. You both notice each other.",
            "What is the best way to handle this?",
            best(
                "Afterwards, ask whether they would like to talk about it at your next "
                "session, agree together how you will handle the meeting, and tell your "
                "supervisor.",
                "Yes. Overlaps like this are common in recovery communities. Talking about it "
                "early, letting the person lead and being open with your supervisor keeps "
                "it manageable.",
            ),
            other(
                "Stop going to your meeting straight away, without saying anything.",
                "Stepping back can feel considerate, but your own recovery matters too, and "
                "a silent change can leave both of you unsure. Agree together what works.",
            ),
            other(
                "Offer to be their sponsor as well, since you will see each other anyway.",
                "A generous thought, but being both their sponsor and their peer mentor "
                "mixes two roles that are best kept apart.",
            ),
            other(
                "Bring up something they said in the meeting at your next session.",
                "It might seem helpful, but what is said in the meeting stays there unless "
                "they choose to raise it.",
            ),
        ),
        true_false(
            "In small recovery communities, some overlap between a peer mentor’s life and "
            "the lives of people they support is common, and can often be managed openly.",
            True,
            if_true=(
                "That’s right. Noticing overlaps, being open about them and managing them "
                "with your supervisor is the ethical task."
            ),
            if_false=(
                "It might seem that any overlap is off limits, but in close communities some "
                "are hard to avoid. Some relationships are never acceptable; many overlaps "
                "can be managed openly."
            ),
        ),
        single(
            "Which of these is one of the usual limits of confidentiality that you explain "
            "at the start?",
            best(
                "A serious risk of harm to the person or to someone else",
                "Yes. Along with safeguarding concerns and court orders, this is a usual "
                "limit. Explaining it early means it is never a surprise.",
            ),
            other(
                "A family member asking how the person is doing",
                "Family often ask out of care, but what the person shares with you is theirs. "
                "You share only with their consent.",
            ),
            other(
                "The person returning to use",
                "On its own, a return to use is not a reason to share; that would make honesty "
                "unsafe. Only a safety concern you explained in advance changes that.",
            ),
            other(
                "Another service finding the information useful",
                "Information is shared on a need-to-know basis, and with the person’s consent.",
            ),
        ),
        true_false(
            "Using only a person’s initials in your practice log keeps them anonymous.",
            False,
            if_true=(
                "It seems safe, but even initials or a date can identify someone. Keep every "
                "identifying detail out of your practice log."
            ),
            if_false=(
                "That’s right. Initials, dates and other small details can identify a person, "
                "so leave them out of your practice log altogether."
            ),
        ),
        scenario(
            "While you are filling in a housing form together, a peer mentions a past "
            "landlord. They go quiet, look away, and their breathing speeds up.",
            "What fits best?",
            best(
                "Notice it gently, offer to pause or change the subject, and let them set "
                "the pace.",
                "Yes. You don’t need to know what happened in order to help. Offering choice "
                "and a pause supports safety.",
            ),
            other(
                "Ask them to tell you what happened with the landlord, so you can understand.",
                "Wanting to understand is caring, but you don’t need the details to help, and "
                "retelling can be distressing. Follow their lead.",
            ),
            other(
                "Carry on with the form, so you finish in the time you have.",
                "Finishing the task matters, but pressing on can leave the person feeling "
                "unsafe. The form can wait a few minutes.",
            ),
            other(
                "Tell them firmly that they are safe now and there is nothing to worry about.",
                "Reassurance is well meant, but telling someone how to feel can take away "
                "their voice. Offering a pause and a choice helps them feel safe.",
            ),
        ),
        multiple(
            "Which of these are among the principles of trauma-informed support?",
            best(
                "Safety",
                "Yes. Physical and emotional safety: predictability, choice, no surprises.",
            ),
            best(
                "Trustworthiness and transparency",
                "Yes. Do what you say you will do, and explain what you are doing and why.",
            ),
            best(
                "Empowerment, voice and choice",
                "Yes. Offer options rather than instructions, and build on strengths.",
            ),
            best(
                "Cultural humility",
                "Yes. Be curious about the person’s culture, identity and history, and ask "
                "rather than assume.",
            ),
            other(
                "Following the plan the mentor sets",
                "Structure can help, but trauma-informed support shares power. Plans are made "
                "together, led by the person.",
            ),
            other(
                "Asking for a full account of past events",
                "It can seem that knowing more would help, but you don’t need the details, "
                "and retelling can be distressing.",
            ),
        ),
        scenario(
            "For a month you have been checking messages late at night, lying awake thinking "
            "about the people you support, and missing your own meetings because of work.",
            "What is the most helpful next step?",
            best(
                "Bring it to supervision, set clear working hours, and put your own supports "
                "back in your diary first.",
                "Yes. Noticing these signs is a strength. Supervision, time boundaries and "
                "your own supports are what keep the work sustainable.",
            ),
            other(
                "Push through: the people you support need you more than you need a break.",
                "Your commitment is clear, but you can’t offer steady support when you are "
                "running on empty. Your own recovery comes first.",
            ),
            other(
                "Keep it to yourself, so your supervisor doesn’t doubt your commitment.",
                "It is understandable to worry about how it looks, but supervision is exactly "
                "the place to talk about how the work affects you.",
            ),
            other(
                "Decide that you are past needing your own supports now that you help others.",
                "Helping others doesn’t replace being supported yourself. Your own supports "
                "matter just as much now.",
            ),
        ),
        true_false(
            "Looking after yourself is an ethical responsibility of the peer role, not an "
            "optional extra.",
            True,
            if_true=(
                "That’s right. Self-care protects your own recovery and the quality of the "
                "support you offer."
            ),
            if_false=(
                "It can feel like a luxury, but self-care is part of doing the work "
                "ethically: steady support depends on it."
            ),
        ),
        single(
            "A person you support sends you a friend request on your personal social media. "
            "What is usually the best response?",
            best(
                "Decline it, follow your organisation’s policy, and kindly explain why at "
                "your next session.",
                "Yes. Explaining the boundary openly keeps the relationship warm while "
                "keeping it a working one.",
            ),
            other(
                "Accept it, to show that you trust them.",
                "A warm instinct, but connecting personally creates a second relationship and "
                "blurs the boundaries that keep peer support safe.",
            ),
            other(
                "Ignore it and never mention it.",
                "Saying nothing avoids an awkward moment, but the person may feel rejected "
                "and not know why. A short, kind explanation helps.",
            ),
            other(
                "Accept it, but avoid posting anything personal.",
                "A thoughtful compromise, but it still creates a personal connection, and it "
                "goes around your organisation’s policy rather than through it.",
            ),
        ),
    ],
)


QUIZZES = [SHARING, ACCOUNTABILITY, WARNING_SIGNS, ETHICS]
