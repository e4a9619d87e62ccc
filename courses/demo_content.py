"""The demo curriculum for the "Certified Peer Recovery Mentor" program.

Written for Peerpath, in our own words. This module is plain data (no Django
imports) so the content can be read, reviewed and checked for language on its
own; `courses/demo.py` turns it into pages. Lesson bodies are StreamField values
in the shape of `courses.blocks.LessonBodyBlock`; media are referenced by a key
of `MEDIA` and resolved to Wagtail images and documents when the demo is seeded.

Voice: calm, person-first, non-judgmental. We say "person in recovery" and
"return to use", and never use words that attach moral worth to a person or a
test result (tests/courses/test_demo.py scans for them).
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class MediaFile:
    title: str  # how the file is found again when the demo is seeded a second time
    filename: str  # in courses/demo_media/
    kind: str  # "image" or "document"


@dataclass(frozen=True)
class Media:
    """A reference to a MEDIA entry inside a block value."""

    key: str


MEDIA = {
    "stages_of_change": MediaFile(
        "Illustration: stages of change", "stages-of-change.png", "image"
    ),
    "trigger_map": MediaFile("Illustration: a personal trigger map", "trigger-map.png", "image"),
    "ask_share_ask_video": MediaFile(
        "Video: ask, share briefly, ask again", "ask-share-ask.mp4", "document"
    ),
    "ask_share_ask_captions": MediaFile(
        "Captions: ask, share briefly, ask again", "ask-share-ask.vtt", "document"
    ),
    "warm_handoff_video": MediaFile("Video: a warm handoff", "warm-handoff.mp4", "document"),
    "warm_handoff_captions": MediaFile("Captions: a warm handoff", "warm-handoff.vtt", "document"),
    "trigger_map_worksheet": MediaFile(
        "Worksheet: my trigger map", "my-trigger-map.pdf", "document"
    ),
    "self_care_worksheet": MediaFile(
        "Worksheet: my self-care plan for peer work", "self-care-plan.pdf", "document"
    ),
}


@dataclass(frozen=True)
class Lesson:
    title: str
    slug: str
    minutes: int
    body: list[dict]


@dataclass(frozen=True)
class Course:
    title: str
    slug: str
    summary: str
    objectives: str
    lessons_in_order: bool
    credits: dict[str, str]  # domain slug -> training hours
    lessons: list[Lesson]

    @property
    def minutes(self) -> int:
        return sum(lesson.minutes for lesson in self.lessons)


# --- Block helpers: each returns one {"type": ..., "value": ...} item ----------


def html(markup: str) -> str:
    """Rich text as Wagtail stores it: one line, no whitespace between tags."""
    return re.sub(r">\s+<", "><", " ".join(markup.split()))


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def text(markup: str) -> dict:
    return {"type": "rich_text", "value": html(markup)}


def image(key: str, alt_text: str, caption: str = "") -> dict:
    return {
        "type": "image",
        "value": {"image": Media(key), "alt_text": alt_text, "caption": caption},
    }


def video(title: str, video_key: str, captions_key: str, transcript: str) -> dict:
    return {
        "type": "video",
        "value": {
            "title": title,
            "video": Media(video_key),
            "captions": Media(captions_key),
            "transcript": html(transcript),
        },
    }


def story(storyteller: str, content_note: str, markup: str) -> dict:
    return {
        "type": "story",
        "value": {"storyteller": storyteller, "content_note": content_note, "story": html(markup)},
    }


def reflection(question: str, guidance: str = "") -> dict:
    return {"type": "reflection", "value": {"question": question, "guidance": guidance}}


def warning_signs(title: str, signs: list[tuple[str, str, str]]) -> dict:
    return {
        "type": "warning_signs",
        "value": {
            "title": title,
            "signs": [
                {"sign": sign, "looks_like": looks_like, "what_to_do": what_to_do}
                for sign, looks_like, what_to_do in signs
            ],
        },
    }


def callout(kind: str, markup: str = "") -> dict:
    return {"type": "callout", "value": {"kind": kind, "text": html(markup) if markup else ""}}


def takeaways(*items: str) -> dict:
    return {"type": "key_takeaways", "value": {"takeaways": list(items)}}


def download(key: str, title: str, description: str = "") -> dict:
    return {
        "type": "download",
        "value": {"document": Media(key), "title": title, "description": description},
    }


# Guidance under most reflection prompts. (The prompt itself already tells the
# learner that only they can read the answer.)
PRIVATE = "There are no right or wrong answers. A few honest sentences are enough."


# --- Course 1 --------------------------------------------------------------------

SHARING = Course(
    title="Sharing Lived Experience with Purpose",
    slug="sharing-lived-experience-with-purpose",
    summary=(
        "Your experience of recovery is at the heart of peer support. Learn when and how to "
        "share it so that it serves the person in front of you: briefly, with purpose, and "
        "with care for your own boundaries."
    ),
    objectives=html(
        """
        <ul>
        <li>Explain how purposeful self-disclosure differs from telling your whole story.</li>
        <li>Use “ask, share briefly, ask again” to keep the focus on the peer.</li>
        <li>Tell a recovery story that offers hope, rather than an illness story that
        centres the past.</li>
        <li>Decide what you keep private, and decline a question without closing the
        conversation.</li>
        </ul>
        """
    ),
    lessons_in_order=True,
    credits={"mentoring-education": "4", "advocacy": "4", "ethical-responsibility": "2"},
    lessons=[
        Lesson(
            title="Why lived experience matters",
            slug="why-lived-experience-matters",
            minutes=25,
            body=[
                text(
                    """
                    <p>Peer support rests on a simple idea: someone who has found a way
                    through something hard can help another person find their own way.
                    As a peer recovery mentor you are not there as an expert on someone
                    else’s life. You are there as a person in recovery who knows, from the
                    inside, that change is possible.</p>
                    <p>That knowledge is powerful. Many people who are early in recovery,
                    or thinking about it, feel that nobody understands what they are going
                    through. Professionals may understand it from training; you understand
                    it from having lived something like it. When a peer hears “I have been
                    somewhere like this,” the sense of being alone with a problem can ease
                    a little. Hope stops being an abstract promise and becomes a person
                    sitting across the table.</p>
                    """
                ),
                heading("What your experience offers"),
                text(
                    """
                    <ul>
                    <li><b>Hope you can see.</b> You are living evidence that recovery
                    happens, in many different ways.</li>
                    <li><b>Practical know-how.</b> You may know how it feels to wait for a
                    first appointment, fill in a housing form, or walk into a meeting for
                    the first time, and what made those things easier.</li>
                    <li><b>A relationship between equals.</b> Peer support is mutual. You
                    are not above the person you support; you are a little further along a
                    similar road, and you keep learning too.</li>
                    <li><b>Credibility.</b> People are often more willing to try something
                    when they hear that it helped someone like them.</li>
                    </ul>
                    """
                ),
                story(
                    "Tomás",
                    "Mentions feeling out of place at a first support group and a period of "
                    "loneliness in early recovery. No details of use.",
                    """
                    <p>The first time I went to a support group I sat in the chair closest
                    to the door so I could leave without anyone noticing. A woman who worked
                    there as a peer mentor sat down next to me during the break. She did not
                    tell me her story. She asked what had brought me in, and she listened
                    while I talked for longer than I meant to.</p>
                    <p>Right at the end she said one thing about herself: that she had
                    nearly not come back after her own first week, and that coming back a
                    second time was the hardest and best thing she did that year. That was
                    all. I remember it because it was about me, not her. It made coming
                    back feel like something a person could do.</p>
                    <p>Now that I do this work, I think about that conversation a lot.
                    She had a whole story she could have told me. She chose one sentence,
                    and she chose it for my sake.</p>
                    """,
                ),
                heading("Experience is one tool among several"),
                text(
                    """
                    <p>Your experience is a tool you use on purpose, not a performance and
                    not something you owe anyone. The other tools of the role matter just as
                    much: listening well, asking good questions, knowing local resources,
                    and working within the ethics and boundaries of peer support. Training
                    and supervision help you use all of them together.</p>
                    <p>It also helps to remember that your story belongs to you. You decide
                    which parts to share, with whom and when. Your story will also change
                    over time: what felt important to say in your first year of recovery may
                    not be what helps others most in your fifth. That is normal, and it is
                    one reason to keep reflecting on why you share what you share.</p>
                    """
                ),
                reflection(
                    "Think of a time someone’s experience helped you. What did they share, and "
                    "what did they leave out?",
                    PRIVATE,
                ),
                takeaways(
                    "Lived experience offers hope, practical know-how and a relationship "
                    "between equals.",
                    "Your experience is a tool you use on purpose, for the peer’s benefit.",
                    "Your story belongs to you: you choose what, when and with whom to share.",
                ),
            ],
        ),
        Lesson(
            title="Ask, share briefly, ask again",
            slug="ask-share-briefly-ask-again",
            minutes=25,
            body=[
                text(
                    """
                    <p>Purposeful self-disclosure means sharing a part of your own
                    experience because it is likely to help the person you are supporting,
                    right now. Before you share, it helps to ask yourself three quick
                    questions:</p>
                    <ol>
                    <li><b>Whose needs will this meet?</b> If the honest answer is “mine”
                    (to feel understood, to be seen as credible, to fill a silence), wait.</li>
                    <li><b>Why now?</b> Is the person ready to hear it, or are they in the
                    middle of telling you something important?</li>
                    <li><b>What do I hope they take from it?</b> Hope, an idea, the sense
                    that they are not alone? If you can’t name it, you may not need to share
                    yet.</li>
                    </ol>
                    """
                ),
                video(
                    "Ask, share briefly, ask again (12 seconds, no sound)",
                    "ask_share_ask_video",
                    "ask_share_ask_captions",
                    """
                    <p><i>The video shows four title cards, three seconds each, on a calm
                    green background. There is no speech or music. The captions repeat the
                    words on each card, which are:</i></p>
                    <p><b>Ask, share briefly, ask again.</b> Three steps for sharing your
                    story with purpose.</p>
                    <p><b>1. Ask.</b> “Would it help to hear a little about how this went for
                    me?”</p>
                    <p><b>2. Share briefly.</b> A minute or two about what helped, not every
                    detail.</p>
                    <p><b>3. Ask again.</b> “How does that sit with you?” Then hand the
                    conversation back.</p>
                    """,
                ),
                heading("The three steps"),
                text(
                    """
                    <p><b>Ask.</b> Invite rather than announce. “Would it help to hear a
                    little about how this went for me?” gives the person a real choice.
                    Some people will say no, and that is useful information too.</p>
                    <p><b>Share briefly.</b> Keep it to a minute or two. Focus on what you
                    did, what helped and what you learned, rather than on what happened to
                    you at your lowest. Leave out details that might shock or that the
                    person would have to look after you about.</p>
                    <p><b>Ask again.</b> Hand the conversation straight back: “How does that
                    sit with you?” or “Does any of that fit for you?” The point of sharing
                    is what it opens up for them, so find out.</p>
                    """
                ),
                callout(
                    "tip",
                    """
                    <p>If you can’t say in one sentence why sharing would help this person
                    right now, wait. You can always share later; you can’t take something
                    back once it has been said.</p>
                    """,
                ),
                heading("What it can sound like"),
                text(
                    """
                    <blockquote>Peer: Everyone at home expects me to be fine already. It’s
                    been a month.</blockquote>
                    <blockquote>Mentor: That sounds like a lot of pressure. Would it help to
                    hear a little about how the first months went for me?</blockquote>
                    <blockquote>Peer: Yeah, go on.</blockquote>
                    <blockquote>Mentor: I felt like I had to prove myself every single day.
                    What helped was agreeing with my sister on one proper check-in a week,
                    instead of questions every evening. How does that sit with you?</blockquote>
                    <p>Notice what the mentor did not say: nothing about what they used,
                    nothing about how bad things got, and no advice dressed up as a story
                    (“you should do what I did”). The share is short, it is about something
                    that helped, and the last word goes back to the peer.</p>
                    """
                ),
                reflection(
                    "Write down one part of your experience you might share with a peer. How "
                    "could you say it in two or three sentences?",
                    "Try starting with “What helped me was…”.",
                ),
                takeaways(
                    "Check whose needs a share will meet, why now, and what you hope the peer "
                    "takes from it.",
                    "Ask first, keep the share to a minute or two, then hand the conversation "
                    "back.",
                    "Share what helped and what you learned, not the hardest details.",
                ),
            ],
        ),
        Lesson(
            title="A recovery story, not an illness story",
            slug="a-recovery-story-not-an-illness-story",
            minutes=30,
            body=[
                text(
                    """
                    <p>There are two ways to tell the same life. An <b>illness story</b>
                    centres the past: what happened, how bad it got, what was lost. A
                    <b>recovery story</b> centres change: what helped, what you learned,
                    what your life is like now, and what you are still working on. Both are
                    true. But it is the recovery story that gives a peer hope and ideas they
                    can use.</p>
                    <p>Illness stories can be tempting to tell. They are dramatic, people
                    listen closely, and telling them can feel like proof that you have
                    earned your place. In peer work they tend to backfire: they put the
                    spotlight on you, they can stir up cravings or painful memories in the
                    listener, and they can turn into a contest about who had it worst.</p>
                    """
                ),
                heading("Hearing the difference"),
                text(
                    """
                    <ul>
                    <li>Illness story: “I lost my job, my flat, everything.” Recovery story:
                    “Getting work again took a long time. A supported employment programme
                    made the difference.”</li>
                    <li>Illness story: “Nobody wanted anything to do with me.” Recovery
                    story: “I rebuilt things with my family slowly, one honest conversation
                    at a time.”</li>
                    <li>Illness story: “I was in a terrible state for years.” Recovery
                    story: “For a long time I didn’t believe change was possible. What
                    shifted that was meeting people who had done it.”</li>
                    </ul>
                    """
                ),
                callout(
                    "caution",
                    """
                    <p><b>Leave out graphic detail.</b> Descriptions of using, amounts,
                    methods or dangerous moments can be distressing or triggering for the
                    person listening, and they rarely help. If a detail would make a
                    listener wince or feel a pull toward using, leave it out.</p>
                    """,
                ),
                story(
                    "Anonymous",
                    "Mentions a return to use after a period of recovery, feelings of shame, "
                    "and reconnecting with family. No graphic detail.",
                    """
                    <p>For the first couple of years I told my story the way I had heard
                    others tell theirs: a long list of everything that went wrong. People
                    listened. Some thanked me. But one day a young man came up afterwards and
                    said, “I’m not as bad as you were, so I’m probably fine.” I went home and
                    thought about that for a long time.</p>
                    <p>I started telling it differently. I still say that things got very
                    hard, and that I went back to using after my first year. Then I talk
                    about what I did with that: how I called my mentor the next morning even
                    though I was ashamed, how we looked at what had been building up for
                    weeks, and how my family and I learned to talk about it. I talk about
                    what my days look like now.</p>
                    <p>People ask different questions now. They ask how I made that call,
                    and what I said to my family. Those are questions I can actually help
                    with.</p>
                    """,
                ),
                heading("Shaping your own recovery story"),
                text(
                    """
                    <p>A simple shape helps. Try saying each part in a sentence or two:</p>
                    <ol>
                    <li><b>Where I was</b>, in general terms, without detail.</li>
                    <li><b>What changed</b>: a moment, a person, a decision.</li>
                    <li><b>What helped</b>: people, services, practices, your own
                    strengths.</li>
                    <li><b>Where I am now</b>: what life is like, honestly.</li>
                    <li><b>What I am still working on</b>: recovery is ongoing, and saying so
                    makes you more relatable, not less.</li>
                    </ol>
                    <p>Use person-first language about yourself as well as others. “I was
                    using every day” describes what happened; a label describes who you are,
                    and you are more than what you went through.</p>
                    """
                ),
                reflection(
                    "Draft the five parts of your recovery story, one sentence each. Which part "
                    "was hardest to write, and why?",
                    PRIVATE,
                ),
                takeaways(
                    "An illness story centres the past; a recovery story centres change and "
                    "what helped.",
                    "Leave out graphic detail: it can harm the listener and rarely helps.",
                    "Where I was, what changed, what helped, where I am now, what I am still "
                    "working on.",
                ),
            ],
        ),
        Lesson(
            title="Boundaries in self-disclosure",
            slug="boundaries-in-self-disclosure",
            minutes=25,
            body=[
                text(
                    """
                    <p>You decide what you share. Being a peer mentor does not mean your
                    whole history is available to anyone who asks. Most mentors find it
                    useful to decide in advance, ideally with their supervisor, which parts
                    of their experience they are comfortable sharing at work and which stay
                    private.</p>
                    <p>Some things are usually best kept for your own supports: details that
                    involve other people who have not agreed to be part of your story, legal
                    matters, experiences you have not yet worked through, and anything you
                    are struggling with right now. Your own recovery needs a space where you
                    are the one being supported, and that space is not your work with
                    peers.</p>
                    """
                ),
                heading("When not to share"),
                text(
                    """
                    <ul>
                    <li>When the person is in crisis and needs you to listen and act, not to
                    hear about you.</li>
                    <li>When you are feeling raw yourself, for example near a difficult
                    anniversary.</li>
                    <li>When it would turn into a comparison (“that’s nothing, when I…”).</li>
                    <li>When it is really advice in disguise (“what worked for me will work
                    for you”). Recovery has many pathways.</li>
                    <li>When the person has not asked and does not have space to take it
                    in.</li>
                    </ul>
                    """
                ),
                heading("Answering a question you would rather not"),
                text(
                    """
                    <p>Peers sometimes ask direct questions: what you used, whether you have
                    ever gone back to using, how long you have been in recovery. Curiosity
                    like this is natural and often a sign of trust. You can decline without
                    shutting the conversation down:</p>
                    <blockquote>“I keep the details of that for my own supports, but I’m
                    happy to talk about what helped me through the hard months.”</blockquote>
                    <p>It can also help to gently turn towards what is behind the question:
                    “What makes you ask?” Often the person is really asking whether someone
                    like them can recover, and that is a question you can answer.</p>
                    """
                ),
                callout(
                    "tip",
                    """
                    <p>Agree your personal sharing boundaries with your supervisor before
                    you need them. Decisions made on a calm day are easier to keep in the
                    moment.</p>
                    """,
                ),
                reflection(
                    "Which parts of your experience will you keep for your own supports? How "
                    "will you say so if a peer asks?",
                    PRIVATE,
                ),
                takeaways(
                    "You choose what to share; decide your boundaries in advance.",
                    "Don’t share when it would compare, advise, or pull focus from a person in "
                    "crisis.",
                    "You can decline a question warmly and turn to what is behind it.",
                ),
            ],
        ),
    ],
)


# --- Course 2 --------------------------------------------------------------------

ACCOUNTABILITY = Course(
    title="Accountability Without Judgment",
    slug="accountability-without-judgment",
    summary=(
        "Support people to follow through on goals they choose, using motivational "
        "interviewing skills, the stages of change and strengths-based language, and stay "
        "alongside them after a setback without shame."
    ),
    objectives=html(
        """
        <ul>
        <li>Use open questions, affirmations, reflective listening and summaries.</li>
        <li>Recognise where someone is in the stages of change and match your support to
        it.</li>
        <li>Use strengths-based, person-first language.</li>
        <li>Support a recovery plan that the peer leads.</li>
        <li>Follow up after a setback in a way that keeps the door open.</li>
        </ul>
        """
    ),
    lessons_in_order=False,
    credits={"mentoring-education": "6", "recovery-wellness-support": "4", "advocacy": "2"},
    lessons=[
        Lesson(
            title="What accountability means in peer support",
            slug="what-accountability-means",
            minutes=20,
            body=[
                text(
                    """
                    <p>For many people in recovery, the word “accountability” brings back
                    memories of being checked up on, caught out or punished. In peer support
                    it means something different. The person holds themselves to goals they
                    chose; your job is to help them notice their progress and the obstacles
                    in the way, and to keep showing up alongside them.</p>
                    <p>That is a partnership, not supervision. Judgment closes
                    conversations: people stop telling you the truth when they expect
                    disappointment. Curiosity keeps conversations open: people tell you
                    what is really going on when they expect to be understood.</p>
                    """
                ),
                heading("Language that builds on strengths"),
                text(
                    """
                    <p>The words we use shape how people see themselves and how others treat
                    them. Person-first, strengths-based language describes what someone is
                    doing or facing, not who they are.</p>
                    <ul>
                    <li>Say “a person in recovery” or “a person who uses drugs”, not a
                    label that turns a person into their condition.</li>
                    <li>Say “returned to use”, not “slipped up” or “failed”.</li>
                    <li>Say “hasn’t found the right support yet”, not “resistant” or
                    “non-compliant”.</li>
                    <li>Say “chose not to attend”, not “refused”.</li>
                    <li>Describe test results as positive or negative, never with words
                    that suggest a person is good or bad.</li>
                    </ul>
                    """
                ),
                callout(
                    "tip",
                    """
                    <p>Listen for the words a person uses about themselves and follow their
                    lead. Some people find strength in a particular way of describing their
                    recovery; that choice is theirs to make, not ours.</p>
                    """,
                ),
                text(
                    """
                    <p>Strengths-based support also means starting conversations with what
                    is going well. Every person you support has skills, values, relationships
                    and experiences that have helped them get through hard times. Naming
                    those strengths is not flattery; it gives the person something solid to
                    build on.</p>
                    """
                ),
                reflection(
                    "Think of a time someone held you accountable in a way that helped. What "
                    "did they do that felt like support rather than judgment?",
                    PRIVATE,
                ),
                takeaways(
                    "In peer support, accountability is a partnership around goals the person "
                    "chose.",
                    "Judgment closes conversations; curiosity keeps them open.",
                    "Describe what a person is doing or facing, not who they are.",
                ),
            ],
        ),
        Lesson(
            title="Open questions, affirmations, reflections and summaries",
            slug="open-questions-affirmations-reflections-summaries",
            minutes=35,
            body=[
                text(
                    """
                    <p>Motivational interviewing is a way of talking with people about
                    change that draws out their own reasons for it, rather than pushing
                    ours. You don’t need to be a trained practitioner to use its four basic
                    skills, and they will improve almost every conversation you have as a
                    peer mentor.</p>
                    """
                ),
                heading("Open questions"),
                text(
                    """
                    <p>Closed questions invite a yes or a no. Open questions invite the
                    person to tell you what matters to them.</p>
                    <ul>
                    <li>Instead of “Did you go to your group?”, try “How has this week been
                    for you?”</li>
                    <li>Instead of “Are you going to call the housing office?”, try “What
                    feels like the next step with housing?”</li>
                    <li>Instead of “Is everything okay?”, try “What would make this week a
                    good one?”</li>
                    </ul>
                    """
                ),
                heading("Affirmations"),
                text(
                    """
                    <p>An affirmation recognises a real effort or strength. Good affirmations
                    are specific and are about the person, not about how well they followed
                    your suggestions. “Good job” is praise. “You came today even though it
                    was a rough week; that took determination” is an affirmation.</p>
                    """
                ),
                heading("Reflective listening"),
                text(
                    """
                    <p>A reflection says back what you heard, so the person knows you
                    understood and can hear their own words from the outside. A simple
                    reflection repeats or rephrases; a complex reflection adds a guess at
                    the meaning or feeling underneath.</p>
                    <blockquote>Peer: I don’t know why I even bother with these
                    appointments.</blockquote>
                    <blockquote>Simple reflection: You’re wondering whether they’re worth
                    it.</blockquote>
                    <blockquote>Complex reflection: Part of you is tired of appointments,
                    and part of you keeps turning up anyway.</blockquote>
                    <p>Reflections are statements, not questions; let your voice go down at
                    the end. A useful habit is to offer two reflections for every question
                    you ask.</p>
                    """
                ),
                heading("Summaries"),
                text(
                    """
                    <p>A summary gathers several things the person has said, checks that
                    you have understood, and helps the conversation move on. For example:
                    “So, work has been stressful, you’ve been sleeping badly, and you miss
                    the group you used to go to. You also said you want to feel more like
                    yourself by the summer. Have I got that right?” Summaries are
                    especially useful at the end of a meeting, before agreeing a next
                    step.</p>
                    """
                ),
                callout(
                    "caution",
                    """
                    <p>Watch for the urge to fix, advise or argue for change. When we argue
                    for change, people tend to argue back for staying the same. Ask, listen
                    and reflect, and let the person make the case for change in their own
                    words.</p>
                    """,
                ),
                reflection(
                    "Turn these closed questions into open ones: “Did you call your "
                    "sponsor?” and “Are you going to the group?” Then write one reflection "
                    "for someone who says “Nothing ever changes for me.”",
                    "There is more than one good answer. Try a simple and a complex reflection.",
                ),
                takeaways(
                    "Open questions invite the person to tell you what matters to them.",
                    "Affirmations are specific and about the person’s effort or strengths.",
                    "Reflections are statements; aim for two for every question.",
                    "Summaries check understanding and lead to a next step.",
                ),
            ],
        ),
        Lesson(
            title="Stages of change and recovery plans the peer leads",
            slug="stages-of-change-and-recovery-plans",
            minutes=35,
            body=[
                text(
                    """
                    <p>People are not simply “ready” or “not ready” to change. It helps to
                    think of readiness in stages. Someone may not be thinking about change
                    at all, may be weighing it up, getting ready, actively making changes,
                    or working to keep changes going. People move between stages in both
                    directions, sometimes many times, and that is part of how change
                    usually happens.</p>
                    """
                ),
                image(
                    "stages_of_change",
                    "A ring of five circles joined by arrows: Not yet, Thinking about it, "
                    "Getting ready, Making changes, Keeping it going, then back to Not yet. "
                    "The centre reads: a return to use can happen at any stage; it is a "
                    "chance to learn, not a restart.",
                    "The stages of change form a cycle; people may go round it more than once.",
                ),
                heading("Matching your support to the stage"),
                text(
                    """
                    <ul>
                    <li><b>Not yet</b> (sometimes called precontemplation): build the
                    relationship, offer information only if the person wants it, and don’t
                    push. Being a steady, non-judgmental presence matters most here.</li>
                    <li><b>Thinking about it</b> (contemplation): explore both sides. “What
                    do you like about how things are? What worries you?” Feeling two ways
                    about change is normal, not a problem to solve.</li>
                    <li><b>Getting ready</b> (preparation): help turn intentions into small,
                    specific steps, and think through what might get in the way.</li>
                    <li><b>Making changes</b> (action): problem-solve together, connect the
                    person to resources, and notice and affirm progress.</li>
                    <li><b>Keeping it going</b> (maintenance): strengthen supports, plan for
                    high-risk times, and celebrate what has been built.</li>
                    </ul>
                    """
                ),
                heading("A recovery plan the peer leads"),
                text(
                    """
                    <p>A recovery plan belongs to the person whose recovery it is. Your role
                    is to ask good questions, help break big goals into steps, connect the
                    person to resources and check in as you both agreed. Goals are written
                    in their words and can cover any part of life: health, housing, work or
                    study, relationships, meaning and purpose.</p>
                    <p>A simple plan might cover:</p>
                    <ol>
                    <li>What matters most to me right now.</li>
                    <li>One next step I will take, and when.</li>
                    <li>Who and what can help.</li>
                    <li>What might get in the way, and what I will do then.</li>
                    <li>How we will know it is working, and when we will look at it
                    again.</li>
                    </ol>
                    <p>There are many pathways to recovery: mutual-aid groups,
                    faith communities, medication for substance use, harm reduction,
                    counselling, or none of these. The person chooses their path. Your
                    respect for that choice, including for people whose recovery includes
                    prescribed medication, is part of what makes peer support safe.</p>
                    """
                ),
                callout(
                    "tip",
                    """
                    <p>Write goals in the person’s own words, even if you would phrase them
                    differently. “Be someone my kids can count on” is a better goal for that
                    person than anything you could write for them.</p>
                    """,
                ),
                reflection(
                    "Pick one area of your own life where you are “thinking about it”. What "
                    "would help you take one step, and what would not?",
                    PRIVATE,
                ),
                takeaways(
                    "Readiness comes in stages, and people move between them in both directions.",
                    "Match your support to the stage instead of pushing for action.",
                    "The recovery plan belongs to the peer: their goals, their words, their "
                    "pathway.",
                ),
            ],
        ),
        Lesson(
            title="Following up after a setback",
            slug="following-up-after-a-setback",
            minutes=30,
            body=[
                text(
                    """
                    <p>Setbacks are common in recovery, and a return to use is part of many
                    people’s journeys. What happens next matters a great deal. Shame pushes
                    people away from the very supports that could help; a warm, steady
                    response makes it easier to come back. Often the most useful thing a
                    peer mentor does all year is to stay in touch after a setback.</p>
                    """
                ),
                heading("The first conversation"),
                text(
                    """
                    <ol>
                    <li><b>Lead with the relationship.</b> “I’m really glad you called” or
                    “I’m glad you’re here” tells the person they have not lost you.</li>
                    <li><b>Check on safety first.</b> Ask how they are physically and
                    whether they are safe now. After a period without use, tolerance drops,
                    so the risk of overdose is higher.</li>
                    <li><b>Be curious, not corrective.</b> “What was going on in the days
                    before?” helps the person see the process that led up to it, without
                    blame.</li>
                    <li><b>Reconnect with strengths and goals.</b> What was working before?
                    What did they learn? Their earlier progress still counts.</li>
                    <li><b>Agree one small next step</b>, and follow up when you said you
                    would.</li>
                    </ol>
                    """
                ),
                callout(
                    "crisis",
                    """
                    <p>If someone may be at risk of overdose, or is thinking about harming
                    themselves, help them get support now rather than waiting for your next
                    meeting.</p>
                    """,
                ),
                story(
                    "Marcus",
                    "Mentions a return to use after eighteen months of recovery, shame, and a "
                    "phone call with a peer mentor. No description of use.",
                    """
                    <p>After eighteen months I went back to using for a few days. I stopped
                    answering my phone because I couldn’t face telling anyone. I was sure
                    my peer mentor would be disappointed, or that I would have to start the
                    whole programme again.</p>
                    <p>On the fourth day she left a message: “Haven’t heard from you, just
                    checking you’re okay. No pressure, I’m around.” That was it. No
                    questions, no lecture. I called her back that evening.</p>
                    <p>The first thing she asked was whether I was safe. Then she asked what
                    the weeks before had been like, and I realised a lot had been building
                    up: a new job, not sleeping, skipping my group. We wrote down two
                    things I could do that week. She called on Friday like she said she
                    would. I still think about how easy it would have been to stay away if
                    that first message had sounded any different.</p>
                    """,
                ),
                heading("What to avoid"),
                text(
                    """
                    <ul>
                    <li>“I told you so”, or any version of it.</li>
                    <li>Treating a count of days as a measure of the person’s worth.</li>
                    <li>Making your support depend on the person not using.</li>
                    <li>Telling others about the setback without the person’s consent,
                    unless there is a safety concern you have explained in advance.</li>
                    <li>Taking it personally. A setback is not a verdict on your work or on
                    the person.</li>
                    </ul>
                    """
                ),
                reflection(
                    "What would you want a peer mentor to say to you on the day after a "
                    "setback? What would you not want to hear?",
                    PRIVATE,
                ),
                takeaways(
                    "Lead with the relationship, then check on safety.",
                    "Tolerance drops after time without use, so overdose risk rises.",
                    "Be curious about what led up to it, and agree one small next step.",
                    "Follow up when you said you would.",
                ),
            ],
        ),
    ],
)


# --- Course 3 --------------------------------------------------------------------

WARNING_SIGNS = Course(
    title="Recognising Relapse Warning Signs",
    slug="recognising-relapse-warning-signs",
    summary=(
        "A return to use usually begins well before any use. Learn to notice the early signs, "
        "support a peer to map their own triggers, understand post-acute withdrawal, and know "
        "when and how to connect someone to crisis services."
    ),
    objectives=html(
        """
        <ul>
        <li>Describe relapse as a process with recognisable stages.</li>
        <li>Use HALT (hungry, angry, lonely, tired) as a quick check-in.</li>
        <li>Explain post-acute withdrawal in plain language.</li>
        <li>Help a peer build a personal trigger map.</li>
        <li>Recognise a crisis and connect a peer to crisis services.</li>
        </ul>
        """
    ),
    lessons_in_order=True,
    credits={"recovery-wellness-support": "6", "advocacy": "2", "ethical-responsibility": "2"},
    lessons=[
        Lesson(
            title="A process, not an event",
            slug="a-process-not-an-event",
            minutes=30,
            body=[
                text(
                    """
                    <p>A return to use can look sudden from the outside. People in recovery
                    often describe something different: a gradual drift that began in
                    their thoughts, feelings and routines days or weeks before any use.
                    Seeing relapse as a process is hopeful, because every stage of the
                    process is a point where things can turn around. The earlier a change is
                    noticed, the more choices a person has.</p>
                    <p>The stages below are one common way of describing that drift. Not
                    everyone goes through all of them, or in this order. Use them as a
                    shared language with the person you support, not as a checklist to
                    assess them against.</p>
                    """
                ),
                callout(
                    "tip",
                    """
                    <p>Warning signs are not predictions. Everyone has hard weeks. Notice
                    patterns, share what you see with kindness, and let the person decide
                    what it means for them.</p>
                    """,
                ),
                warning_signs(
                    "How a return to use can build",
                    [
                        (
                            "Internal change",
                            "Feeling more stressed or on edge than usual. Old ways of thinking "
                            "come back, such as “I can handle this on my own”. Sleep or "
                            "appetite shifts.",
                            "Name what you notice gently and ask how things are: “You’ve "
                            "mentioned sleeping badly a few times. How are you doing, "
                            "really?”",
                        ),
                        (
                            "Denial",
                            "Saying everything is fine when it clearly isn’t. Brushing off "
                            "concerns, or getting irritated when asked.",
                            "Don’t argue or try to prove it. Reflect what you hear and leave "
                            "the door open: “It sounds like you’d rather not get into it "
                            "today. I’m here when you want to.”",
                        ),
                        (
                            "Avoidance and defensiveness",
                            "Missing meetings or appointments, pulling away from supports, "
                            "spending more time alone or with people and places linked to "
                            "past use.",
                            "Reach out rather than wait. Ask what is getting in the way of "
                            "staying connected, and whether a different time or way of "
                            "meeting would help.",
                        ),
                        (
                            "Crisis building",
                            "Small problems piling up: trouble at work or at home, money "
                            "worries, plans falling through, a sense of being overwhelmed.",
                            "Help break the problems down and choose one next step. Ask which "
                            "supports the person could lean on this week.",
                        ),
                        (
                            "Feeling stuck",
                            "Going round in circles, daydreaming or wishful thinking instead "
                            "of acting, saying “what’s the point?”",
                            "Focus on something small and doable today, and affirm any step "
                            "the person takes.",
                        ),
                        (
                            "Confusion and overreacting",
                            "Trouble thinking clearly, mood swings, irritability, strong "
                            "reactions to small things.",
                            "Keep conversations short and calm. Check basic needs (see HALT "
                            "in the next lesson) and safety.",
                        ),
                        (
                            "Losing control",
                            "Thoughts of using start to feel convincing (“just once won’t "
                            "matter”). Getting back in touch with old routines or contacts.",
                            "Talk openly about the risk, without shame. Revisit the plan the "
                            "person made for this moment, share harm reduction information, "
                            "and help them not be alone. If safety is at risk, connect them "
                            "to crisis support.",
                        ),
                    ],
                ),
                text(
                    """
                    <p>Many people find it useful to work out their own early signs when
                    things are calm, and to agree how they would like you to raise them.
                    Some people want you to say plainly what you notice; others would rather
                    you ask an open question and let them get there. Asking in advance is a
                    way of respecting their choice.</p>
                    """
                ),
                reflection(
                    "Looking back on a hard time in your own life, what were the earliest "
                    "signs that something was changing? Who noticed them first?",
                    PRIVATE,
                ),
                takeaways(
                    "A return to use is usually a process that starts before any use.",
                    "Every stage is a point where things can turn around.",
                    "Use the stages as a shared language, not a checklist.",
                    "Agree in advance how the person would like you to raise what you notice.",
                ),
            ],
        ),
        Lesson(
            title="HALT and post-acute withdrawal",
            slug="halt-and-post-acute-withdrawal",
            minutes=30,
            body=[
                text(
                    """
                    <p>HALT is a quick self-check: am I <b>hungry</b>, <b>angry</b>,
                    <b>lonely</b> or <b>tired</b>? These basic needs are easy to overlook,
                    and when they go unmet, cravings and old ways of thinking tend to get
                    louder. HALT is simple enough to use in the middle of a hard day, which
                    is exactly when it is needed. It is worth teaching to the people you
                    support, and worth using yourself.</p>
                    """
                ),
                warning_signs(
                    "HALT: four quick checks",
                    [
                        (
                            "Hungry",
                            "Skipping meals, living on coffee, feeling shaky or irritable in "
                            "a way that can be mistaken for anxiety.",
                            "Ask when they last ate. Know where free or low-cost meals are "
                            "available nearby, and keep simple snacks to hand if your "
                            "setting allows.",
                        ),
                        (
                            "Angry",
                            "Resentment that lingers, replaying an argument, frustration with "
                            "services or with themselves.",
                            "Make room for the feeling without judging it. Help the person "
                            "find a safe outlet: a walk, writing it down, talking it "
                            "through.",
                        ),
                        (
                            "Lonely",
                            "Isolating, even when around people. Fewer calls or messages. "
                            "Feeling that nobody understands.",
                            "Make connection practical: a call, a group, an activity this "
                            "week. Loneliness is one of the strongest pulls back toward old "
                            "patterns.",
                        ),
                        (
                            "Tired",
                            "Poor sleep, long shifts, caring for others without rest.",
                            "Explore what would make rest possible. Tiredness lowers every "
                            "other defence.",
                        ),
                    ],
                ),
                heading("Post-acute withdrawal"),
                text(
                    """
                    <p>After the first, acute phase of withdrawal is over, many people go on
                    to have symptoms that come and go for weeks or months while the brain
                    and body readjust. This is often called post-acute withdrawal. It can
                    include:</p>
                    <ul>
                    <li>trouble sleeping, or sleeping much more than usual;</li>
                    <li>low mood, anxiety or irritability;</li>
                    <li>difficulty concentrating or remembering things;</li>
                    <li>low energy and strong reactions to stress;</li>
                    <li>cravings that seem to come from nowhere.</li>
                    </ul>
                    <p>Symptoms often arrive in waves, and they can be worse under stress.
                    Knowing this is a common part of recovery can ease the fear that “I’m
                    broken” or “recovery isn’t working for me”. It also helps to plan: short
                    tasks, written reminders, regular meals and sleep, and extra support at
                    stressful times.</p>
                    """
                ),
                callout(
                    "caution",
                    """
                    <p>Peer mentors don’t diagnose or give medical advice. If symptoms are
                    severe, getting worse, or you are not sure what is going on, encourage
                    the person to talk with a doctor or their treatment team, and offer to
                    help them make the call.</p>
                    """,
                ),
                story(
                    "Priya",
                    "Mentions sleep problems, low mood and memory lapses in early recovery. "
                    "No description of use.",
                    """
                    <p>About two months in, I started forgetting things all the time:
                    appointments, where I had put my keys, what I had walked into a room
                    for. I wasn’t sleeping, and I felt flat most days. I thought it meant
                    I was doing recovery wrong, or that this was just how I would be from
                    now on.</p>
                    <p>My peer mentor told me that a lot of people go through something
                    like this for a while, and that for her it had eased over a few months.
                    She helped me set up reminders on my phone and encouraged me to tell my
                    doctor about the sleep. Just knowing it had a name, and that it was not
                    a sign of failure, took a lot of the fear out of it.</p>
                    """,
                ),
                reflection(
                    "Which of the four HALT needs is easiest for you to overlook? What is one "
                    "small thing that helps you meet it?",
                    PRIVATE,
                ),
                takeaways(
                    "HALT: check for hungry, angry, lonely and tired.",
                    "Post-acute withdrawal is common and often comes in waves.",
                    "Naming it reduces fear; a health professional can help with severe symptoms.",
                ),
            ],
        ),
        Lesson(
            title="Personal trigger maps",
            slug="personal-trigger-maps",
            minutes=35,
            body=[
                text(
                    """
                    <p>A trigger is anything that sets off cravings or old patterns. Triggers
                    are personal: the same street, song or time of year can be neutral for
                    one person and powerful for another. Some are surprising. Celebrations,
                    payday or a good piece of news can be just as strong a pull as stress or
                    grief.</p>
                    <p>A trigger map makes these visible. It puts the person at the centre,
                    shows what can pull at them, and, just as importantly, shows what
                    steadies them.</p>
                    """
                ),
                image(
                    "trigger_map",
                    "A trigger map: “Me, this week” in the centre, linked to five circles: "
                    "People, Places, Feelings, Body (HALT), and Times and dates. A box below "
                    "reads: what steadies me, people, places, routines.",
                    "A trigger map: the person at the centre, what can pull at them around "
                    "the edge, and what steadies them underneath.",
                ),
                heading("Building a map together"),
                text(
                    """
                    <ol>
                    <li><b>Explain the purpose and ask.</b> The map belongs to the person.
                    They decide what goes on it and who sees it.</li>
                    <li><b>Start with what steadies them.</b> Beginning with strengths and
                    supports makes the rest easier to talk about.</li>
                    <li><b>Go round each area</b> with open questions: “When have cravings
                    felt strongest? Where were you? Who was around? What time of day was
                    it?”</li>
                    <li><b>Pair each trigger with a response.</b> Some triggers can be
                    avoided, such as a particular route home. Others, like feelings, can’t,
                    so the plan is about coping: who to call, what to do, where to go.</li>
                    <li><b>Agree when to look at it again.</b> Triggers change as life
                    does.</li>
                    </ol>
                    """
                ),
                download(
                    "trigger_map_worksheet",
                    "My trigger map (worksheet)",
                    "A one-page printable worksheet a peer can fill in alone or with you.",
                ),
                callout(
                    "tip",
                    """
                    <p>Revisit the map after big changes: a new job, a move, a loss, or the
                    approach of a difficult anniversary.</p>
                    """,
                ),
                reflection(
                    "Fill in one area of a trigger map for yourself. What did you notice that "
                    "you had not put into words before?",
                    PRIVATE,
                ),
                takeaways(
                    "Triggers are personal and can include good events as well as hard ones.",
                    "Start a trigger map with what steadies the person.",
                    "Pair each trigger with a way to avoid it or cope with it.",
                    "The map belongs to the person; review it when life changes.",
                ),
            ],
        ),
        Lesson(
            title="Connecting a peer to crisis services",
            slug="connecting-a-peer-to-crisis-services",
            minutes=30,
            body=[
                callout(
                    "crisis",
                    """
                    <p>If you are thinking about suicide, feel unsafe, or are worried about
                    someone right now, you don’t need to finish this lesson first. Reach out
                    now.</p>
                    """,
                ),
                text(
                    """
                    <p>Peer mentors are not crisis counsellors, but you are often the person
                    who notices first. Knowing when and how to connect someone to crisis
                    support, and staying with them while you do, can save a life. This lesson
                    covers what to look out for and what to do; your organisation’s crisis
                    protocol tells you the local details.</p>
                    """
                ),
                heading("Signs that someone needs crisis support now"),
                text(
                    """
                    <ul>
                    <li>Talking about wanting to die, having no reason to live, or being a
                    burden to others.</li>
                    <li>Having a plan, or access to the means, to harm themselves.</li>
                    <li>Signs of a possible overdose: the person cannot be woken, breathing
                    is very slow or has stopped, lips or fingertips look blue or grey. Call
                    emergency services straight away and use naloxone if you are trained and
                    have it.</li>
                    <li>Severe confusion, or seeing or hearing things others don’t, with
                    great distress.</li>
                    <li>Threats to harm someone else.</li>
                    <li>Saying goodbye to people or giving belongings away.</li>
                    </ul>
                    """
                ),
                heading("How to connect someone"),
                text(
                    """
                    <ol>
                    <li><b>Stay calm and stay with them</b>, in person or on the phone.</li>
                    <li><b>Ask directly</b>: “Are you thinking about suicide?” Asking does
                    not put the idea in someone’s head, and it often brings relief.</li>
                    <li><b>Listen without judging</b>, and take what they say
                    seriously.</li>
                    <li><b>Follow your organisation’s crisis protocol</b> and let your
                    supervisor know.</li>
                    <li><b>Offer to make the call together.</b> A warm handoff, where you
                    stay on the line or in the room while the person talks to the crisis
                    service, is far more likely to work than handing over a number.</li>
                    <li><b>If anyone is in immediate danger</b>, call emergency services.</li>
                    <li><b>Follow up afterwards</b>, and look after yourself too.</li>
                    </ol>
                    """
                ),
                heading("What a warm handoff looks like", "h3"),
                video(
                    "A warm handoff (12 seconds, no sound)",
                    "warm_handoff_video",
                    "warm_handoff_captions",
                    """
                    <p><i>The video shows four title cards, three seconds each, on a calm
                    green background. There is no speech or music. The captions repeat the
                    words on each card, which are:</i></p>
                    <p><b>A warm handoff.</b> Connecting someone to crisis support, and
                    staying with them while you do.</p>
                    <p><b>1. Stay with them.</b> Stay calm, beside them or on the line.</p>
                    <p><b>2. Make the call together.</b> “Shall we call them now? I’ll stay
                    right here with you.”</p>
                    <p><b>3. Follow up.</b> Check in the next day, and look after yourself
                    too.</p>
                    """,
                ),
                callout(
                    "caution",
                    """
                    <p>Never promise to keep thoughts of suicide or harm secret. Explain at
                    the start of your work together when you would need to involve others,
                    so it never comes as a surprise.</p>
                    """,
                ),
                story(
                    "Anonymous",
                    "Mentions thoughts of suicide and a call to a crisis line. No details of "
                    "methods.",
                    """
                    <p>I had been telling my peer mentor for weeks that I was “just tired”.
                    One afternoon she asked me straight out whether I was thinking about
                    ending my life. Nobody had ever asked me that. I said yes, and I cried,
                    and she didn’t flinch.</p>
                    <p>She asked if I would be willing to call the crisis line with her
                    there. She dialled, said who she was and that she was with me, and then
                    passed me the phone and stayed. Afterwards she walked me to the bus and
                    called me the next morning. I am still here, and I still remember how
                    calm her voice was.</p>
                    """,
                ),
                heading("Before a crisis happens"),
                text(
                    """
                    <p>Know your local crisis numbers and services, your organisation’s
                    protocol, and whether you carry naloxone. Encourage the people you
                    support to put crisis contacts in their recovery plan while things are
                    calm, and to decide who they would want contacted. A few minutes of
                    preparation makes a hard moment much easier to handle well.</p>
                    """
                ),
                reflection(
                    "If a peer you support were in crisis tonight, who would you contact "
                    "first? Write down the numbers and the steps of your organisation’s "
                    "protocol.",
                    "Check them with your supervisor, then keep them somewhere you can find "
                    "quickly.",
                ),
                takeaways(
                    "Ask directly about suicide; asking does not put the idea in someone’s head.",
                    "Offer a warm handoff: make the call together and stay with the person.",
                    "Call emergency services when anyone is in immediate danger.",
                    "Never promise to keep a risk of harm secret.",
                ),
            ],
        ),
    ],
)


# --- Course 4 --------------------------------------------------------------------

ETHICS = Course(
    title="Ethics and Boundaries for Peer Mentors",
    slug="ethics-and-boundaries-for-peer-mentors",
    summary=(
        "The trust that makes peer support work depends on clear boundaries. Learn the scope "
        "of the peer role, how to handle dual relationships and confidentiality, what "
        "trauma-informed support looks like, and how to look after yourself in this work."
    ),
    objectives=html(
        """
        <ul>
        <li>Describe what is, and is not, within the scope of the peer role.</li>
        <li>Recognise dual relationships and manage the ones you can’t avoid.</li>
        <li>Explain confidentiality and its limits to a peer in plain language.</li>
        <li>Apply the six principles of trauma-informed support.</li>
        <li>Make a self-care plan that protects your own recovery.</li>
        </ul>
        """
    ),
    lessons_in_order=False,
    credits={"ethical-responsibility": "12", "advocacy": "2"},
    lessons=[
        Lesson(
            title="The scope of the peer role",
            slug="scope-of-the-peer-role",
            minutes=30,
            body=[
                text(
                    """
                    <p>Peer support works because it is different from clinical care. That
                    difference is also a boundary. Knowing what is, and is not, part of your
                    role protects the people you support, protects you, and protects the
                    trust that services and communities place in peer work.</p>
                    """
                ),
                heading("What peer mentors do"),
                text(
                    """
                    <ul>
                    <li>Share lived experience with purpose, and offer hope.</li>
                    <li>Listen, encourage and support recovery plans the person leads.</li>
                    <li>Help people find their way through services and systems.</li>
                    <li>Connect people to resources and communities of recovery.</li>
                    <li>Advocate with and for people, and against stigma.</li>
                    </ul>
                    """
                ),
                heading("What sits outside the role"),
                text(
                    """
                    <ul>
                    <li>Diagnosing, or offering therapy or clinical treatment.</li>
                    <li>Giving medical advice, including about starting, changing or stopping
                    medication.</li>
                    <li>Giving legal or financial advice.</li>
                    <li>Making decisions for the person.</li>
                    </ul>
                    <p>Stepping outside the role is rarely a dramatic decision. More often it
                    is a small, kind impulse: suggesting a dose, drafting a letter to a
                    court, lending money “just this once”. Noticing those moments is part
                    of the skill.</p>
                    """
                ),
                heading("Staying within your role without stepping away"),
                text(
                    """
                    <p>When someone needs something outside your role, “that’s not my job”
                    is not the end of the conversation. You can help them find the right
                    person, go with them to the first appointment if they want you to, and
                    follow up afterwards. Connecting someone well is part of peer work.</p>
                    <p>Advocacy, too, has a shape. Advocate with the person’s consent, and
                    help them speak for themselves wherever they can, rather than speaking
                    over them.</p>
                    """
                ),
                callout(
                    "tip",
                    """
                    <p>Not sure whether something is within your role? Ask yourself:
                    “Is this something a peer with my training does, or something a
                    clinician, lawyer or doctor does?” Then check with your supervisor.</p>
                    """,
                ),
                reflection(
                    "Think of a request a peer might make that sits outside your role. How "
                    "would you respond in a way that still helps?",
                    PRIVATE,
                ),
                takeaways(
                    "Peer support is different from clinical care, and that difference is a "
                    "boundary.",
                    "No diagnosis, therapy, medical, legal or financial advice, and no "
                    "decisions for the person.",
                    "When a need is outside your role, connect the person to the right help "
                    "and follow up.",
                ),
            ],
        ),
        Lesson(
            title="Dual relationships",
            slug="dual-relationships",
            minutes=35,
            body=[
                text(
                    """
                    <p>A dual relationship exists when you relate to someone you support in
                    more than one way: as a friend, a neighbour, a relative, a fellow member
                    of a mutual-aid group, a customer, an employer or a partner. Recovery
                    communities are often small and close, so some overlap is common and not
                    always avoidable. The ethical task is to notice overlaps, be open about
                    them, and manage them with your supervisor.</p>
                    """
                ),
                heading("Relationships to avoid"),
                text(
                    """
                    <ul>
                    <li>Any romantic or sexual relationship with a person you support.</li>
                    <li>Lending or borrowing money, buying from or selling to the person,
                    or going into business with them.</li>
                    <li>Employing the person for private work, such as childcare or
                    repairs.</li>
                    <li>Accepting gifts beyond small tokens your organisation’s policy
                    allows.</li>
                    <li>Connecting on personal social media, unless your organisation’s
                    policy says otherwise.</li>
                    </ul>
                    """
                ),
                heading("Overlaps you can manage"),
                text(
                    """
                    <p>If you attend the same mutual-aid meeting as someone you support,
                    talk about it early. Agree how you will greet each other, that what is
                    said in the meeting stays there, and that you will not be their sponsor
                    as well as their peer mentor. If you live in the same neighbourhood or
                    share friends, agree how you will handle meeting by chance. Let the
                    person lead: some people are happy to say hello, others would rather not
                    be seen with a worker.</p>
                    """
                ),
                story(
                    "Jess",
                    "Mentions attending the same mutual-aid meeting as someone she supports. "
                    "No description of use.",
                    """
                    <p>Our town has two evening meetings, and one week a woman I had just
                    started supporting walked into mine. We both froze a little. Afterwards
                    I asked if she would like to talk about it at our next session.</p>
                    <p>We agreed that in the meeting we were just two members, that neither
                    of us would bring up anything said there in our sessions unless she
                    chose to, and that if it ever felt uncomfortable, one of us would try
                    the other meeting. I told my supervisor the same day. It has worked
                    fine, and I think talking about it openly made her trust me more.</p>
                    """,
                ),
                callout(
                    "caution",
                    """
                    <p>If you find yourself thinking about someone you support outside work
                    more than usual, feeling that they are “special”, or wanting to keep
                    something about the relationship from your supervisor, talk to your
                    supervisor now. These feelings are human; hiding them is what causes
                    harm.</p>
                    """,
                ),
                reflection(
                    "Which overlaps are most likely in your community? How would you raise one "
                    "with a peer before it becomes awkward?",
                    PRIVATE,
                ),
                takeaways(
                    "A dual relationship means relating to someone you support in more than "
                    "one way.",
                    "Some relationships are never acceptable; some overlaps can be managed openly.",
                    "Talk about overlaps early, let the person lead, and tell your supervisor.",
                ),
            ],
        ),
        Lesson(
            title="Confidentiality and its limits",
            slug="confidentiality-and-its-limits",
            minutes=35,
            body=[
                text(
                    """
                    <p>For people in recovery, having their substance use history disclosed
                    without their consent can cost them work, housing, relationships or
                    custody of their children. Confidentiality is what makes it safe to be
                    honest with you. In the United States, records of many substance use
                    programmes are protected by a federal rule, 42 CFR Part 2, as well as by
                    HIPAA; your organisation’s policies tell you how these apply where you
                    work.</p>
                    """
                ),
                heading("What confidentiality looks like day to day"),
                text(
                    """
                    <ul>
                    <li>Share information only with people who need it for the person’s
                    support, and with the person’s consent.</li>
                    <li>Don’t talk about the people you support with friends or family, or
                    in your own mutual-aid meetings, even without names.</li>
                    <li>In public, don’t show that you know someone unless they greet you
                    first.</li>
                    <li>Keep notes brief, factual and secure. Never put identifying details
                    about the people you support into your practice log; even initials or a
                    date can identify someone.</li>
                    </ul>
                    """
                ),
                heading("The limits"),
                text(
                    """
                    <p>Confidentiality has limits, and the person needs to know them before
                    they tell you anything. The usual limits are a serious risk of harm to
                    themselves or others, suspected abuse or neglect of a child or an adult
                    at risk, and a court order. You will also talk about your work with your
                    supervisor; that is part of doing it safely.</p>
                    <p>When a limit applies, tell the person what you need to share, with
                    whom and why, whenever it is safe to do so. Share only what is
                    needed.</p>
                    """
                ),
                callout(
                    "tip",
                    """
                    <p>One way to say it at a first meeting: “What you tell me stays between
                    us and my supervisor. The only exceptions are if I’m worried someone is
                    in serious danger, or if a court orders it. If that ever happens, I’ll
                    talk with you about it first whenever I can.”</p>
                    """,
                ),
                reflection(
                    "How would you explain confidentiality and its limits to a peer in your own "
                    "words, in under a minute?",
                    "Try saying it out loud, then write down the version that felt most natural.",
                ),
                takeaways(
                    "Confidentiality is what makes honesty safe, and disclosure can cause "
                    "real harm.",
                    "Share on a need-to-know basis, with consent.",
                    "Explain the limits at the start: serious risk of harm, safeguarding, and "
                    "court orders.",
                    "Keep identifying details out of notes and practice logs.",
                ),
            ],
        ),
        Lesson(
            title="Trauma-informed peer support",
            slug="trauma-informed-peer-support",
            minutes=30,
            body=[
                text(
                    """
                    <p>Many people in recovery have lived through trauma, and many have had
                    experiences with services that felt controlling or unsafe. Working in a
                    trauma-informed way means assuming that trauma may be part of someone’s
                    story, and shaping your support so that it does not add to the harm.
                    The shift is often summed up as moving from “What’s wrong with you?” to
                    “What happened to you, and what helps?”</p>
                    """
                ),
                heading("Six principles in practice"),
                text(
                    """
                    <ul>
                    <li><b>Safety.</b> Physical and emotional. Predictable meeting times, a
                    choice of where to meet, and no surprises.</li>
                    <li><b>Trustworthiness and transparency.</b> Do what you say you will
                    do. Explain what you are doing and why, including what you write
                    down.</li>
                    <li><b>Peer support.</b> Mutual support between people with lived
                    experience builds safety and hope in its own right.</li>
                    <li><b>Collaboration and mutuality.</b> Share power. Make decisions
                    together, and recognise that everyone has something to teach.</li>
                    <li><b>Empowerment, voice and choice.</b> Offer options rather than
                    instructions, and build on the person’s strengths.</li>
                    <li><b>Cultural humility.</b> Be curious about the person’s culture,
                    identity and history, and about how racism, discrimination or past
                    harms shape their experience. Ask rather than assume.</li>
                    </ul>
                    """
                ),
                heading("When a conversation touches on trauma"),
                text(
                    """
                    <p>You don’t need to know what happened in order to help. Let the person
                    set the pace and decide how much to say. Notice signs of distress, such
                    as going quiet, looking away or breathing fast, and offer to pause or
                    change the subject. Simple grounding can help: noticing feet on the
                    floor, naming things in the room, slowing the breath together. If the
                    person wants it, help them connect with a trauma-specialist service.</p>
                    """
                ),
                callout(
                    "caution",
                    """
                    <p>Don’t ask for details of traumatic experiences. You don’t need them to
                    help, and retelling can be distressing. Follow the person’s lead.</p>
                    """,
                ),
                reflection(
                    "Which of the six principles comes most naturally to you, and which would "
                    "you like to practise more?",
                    PRIVATE,
                ),
                takeaways(
                    "Assume trauma may be part of someone’s story, and avoid adding to the harm.",
                    "Safety, trust, peer support, collaboration, choice and cultural humility.",
                    "You don’t need the details to help; let the person set the pace.",
                ),
            ],
        ),
        Lesson(
            title="Self-care that sustains the work",
            slug="self-care-that-sustains-the-work",
            minutes=30,
            body=[
                text(
                    """
                    <p>Peer work asks you to bring your own history into the room, day after
                    day. It can be deeply rewarding, and it can also stir up old memories,
                    leave you carrying other people’s pain, or wear you down. Looking after
                    yourself is not a luxury or an afterthought. It is an ethical
                    responsibility: you can’t offer steady support when you are running on
                    empty, and your own recovery always comes first.</p>
                    """
                ),
                warning_signs(
                    "Signs you may need to slow down",
                    [
                        (
                            "Tiredness that rest doesn’t fix",
                            "Dreading the start of the week, feeling drained after every "
                            "conversation, getting ill more often.",
                            "Talk with your supervisor about your workload, and take the time "
                            "off you are entitled to.",
                        ),
                        (
                            "Taking work home",
                            "Lying awake thinking about people you support, checking "
                            "messages late at night, feeling responsible for every outcome.",
                            "Set working hours and tell people what they are. Debrief after "
                            "hard conversations, then put work down.",
                        ),
                        (
                            "Feeling numb or cynical",
                            "Thinking “nothing I do makes a difference”, losing patience, "
                            "caring less than you used to.",
                            "Bring it to supervision. Reconnect with why you started this "
                            "work, and with the small changes you have seen.",
                        ),
                        (
                            "Your own recovery slipping down the list",
                            "Missing your own meetings or supports because of work, or "
                            "feeling you should be past needing them.",
                            "Put your own supports back in your diary first, and tell "
                            "someone you trust what you have noticed.",
                        ),
                    ],
                ),
                heading("Building a practice you can sustain"),
                text(
                    """
                    <ul>
                    <li><b>Supervision</b> is a place to talk about how the work affects
                    you, not only about the people you support.</li>
                    <li><b>Boundaries on time</b>: clear working hours and a plan for
                    messages that arrive outside them.</li>
                    <li><b>Your own supports</b>, separate from work: people who know you
                    as yourself, not as a mentor.</li>
                    <li><b>Things that fill you up</b>: rest, movement, creativity, time
                    outdoors, faith or community, whatever works for you.</li>
                    <li><b>Debriefing</b> after difficult sessions, with your supervisor or
                    a colleague, without identifying the person.</li>
                    </ul>
                    """
                ),
                download(
                    "self_care_worksheet",
                    "My self-care plan for peer work (worksheet)",
                    "A one-page printable plan to fill in and review with your supervisor.",
                ),
                callout(
                    "tip",
                    """
                    <p>Make self-care a standing item in supervision, not something you only
                    raise when things have gone wrong.</p>
                    """,
                ),
                reflection(
                    "What are your early signs of being stretched too thin, and who will you "
                    "tell when you notice them?",
                    PRIVATE,
                ),
                takeaways(
                    "Self-care is an ethical responsibility, not an extra.",
                    "Know your own early signs of being stretched too thin.",
                    "Supervision, time boundaries and your own supports keep the work sustainable.",
                ),
            ],
        ),
    ],
)


COURSES = [SHARING, ACCOUNTABILITY, WARNING_SIGNS, ETHICS]
