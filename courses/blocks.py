"""Lesson body blocks. Import paths are stable on purpose: StreamField
migrations reference these classes by path."""

from django.forms.utils import ErrorList
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

BLOCK_TEMPLATES = "components/streamfield/blocks"
# Block previews in the admin's block picker: a small page with the site's styles.
PREVIEW_TEMPLATE = "components/streamfield/block_preview.html"
# The image sizes lesson images are rendered at (a srcset); LessonPage fetches
# these renditions for every image of a lesson in one query.
IMAGE_RENDITIONS = ("width-480", "width-960")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, label=_("Text"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        label = _("Heading")
        icon = "title"
        template = f"{BLOCK_TEMPLATES}/heading.html"
        description = _("A section heading inside the lesson.")
        preview_value = {"text": "What this lesson covers", "level": "h2"}
        preview_template = PREVIEW_TEMPLATE


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text=_("Describe the image for people who can't see it. Required."),
        label=_("Alt text"),
    )
    caption = blocks.CharBlock(max_length=250, required=False, label=_("Caption"))

    class Meta:
        label = _("Image")
        icon = "image"
        template = f"{BLOCK_TEMPLATES}/image.html"
        description = _("An image with required alt text.")


class VideoBlock(blocks.StructBlock):
    """A video file from our own storage: no third-party player or host."""

    title = blocks.CharBlock(max_length=150, label=_("Title"))
    video = DocumentChooserBlock(
        help_text=_("An MP4 or WebM file uploaded to Documents."), label=_("Video")
    )
    captions = DocumentChooserBlock(
        help_text=_("A WebVTT (.vtt) captions file."), label=_("Captions")
    )
    transcript = blocks.RichTextBlock(
        features=["bold", "italic", "ol", "ul"],
        help_text=_("The full transcript. Required."),
        label=_("Transcript"),
    )

    class Meta:
        label = _("Video")
        icon = "media"
        template = f"{BLOCK_TEMPLATES}/video.html"
        description = _("A video hosted on this site, with captions and a transcript.")

    def clean(self, value):
        cleaned = super().clean(value)
        errors = {}
        video = cleaned.get("video")
        captions = cleaned.get("captions")
        if video and video.file_extension.lower() not in {"mp4", "webm"}:
            errors["video"] = ErrorList([gettext("Upload the video as an MP4 or WebM file.")])
        if captions and captions.file_extension.lower() != "vtt":
            errors["captions"] = ErrorList([gettext("Captions must be a WebVTT (.vtt) file.")])
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return cleaned


class StoryBlock(blocks.StructBlock):
    """A lived-experience story, folded behind its content note until the reader opens it."""

    storyteller = blocks.CharBlock(
        max_length=60,
        default="Anonymous",
        help_text=_('First name only, or "Anonymous".'),
        label=_("Storyteller"),
    )
    content_note = blocks.CharBlock(
        max_length=250,
        help_text=_("What the story touches on, so a reader can choose whether to open it now."),
        label=_("Content note"),
    )
    story = blocks.RichTextBlock(features=["bold", "italic", "ol", "ul"], label=_("Story"))

    class Meta:
        label = _("Story")
        icon = "openquote"
        template = f"{BLOCK_TEMPLATES}/story.html"
        description = _("A lived-experience story with a content note.")
        preview_value = {
            "storyteller": "Anonymous",
            "content_note": "Mentions a return to use and a hospital stay.",
            "story": "<p>An example story.</p>",
        }
        preview_template = PREVIEW_TEMPLATE


# The id of the lesson page's form that the reflection boxes belong to.
LESSON_FORM_ID = "lesson-form"


class ReflectionPromptBlock(blocks.StructBlock):
    """A question the learner answers privately; the block's id identifies it."""

    question = blocks.CharBlock(max_length=300, label=_("Question"))
    guidance = blocks.CharBlock(
        max_length=300,
        required=False,
        help_text=_("Optional: a sentence that helps people start."),
        label=_("Guidance"),
    )

    class Meta:
        label = _("Reflection")
        icon = "edit"
        template = f"{BLOCK_TEMPLATES}/reflection_prompt.html"
        description = _(
            "A question learners answer privately. Only the learner can read the answer."
        )
        preview_value = {
            "question": "When did someone's story help you feel less alone?",
            "guidance": "A few sentences are enough.",
        }
        preview_template = PREVIEW_TEMPLATE

    def get_context(self, value, parent_context=None):
        """Adds the reader's own saved answer and the form to change it.

        The block's id (put in the context by the stream) is the prompt id.
        The page puts the reader's own answers in `reflections`; previews and
        anyone who may not study see the question only, never an answer."""
        # Deferred for Django's app registry: courses.models imports this module
        # while models are loading, and the form's module (through training.forms,
        # whose forms build querysets when defined) can't be imported until then.
        from .forms import ReflectionForm

        context = super().get_context(value, parent_context=parent_context)
        prompt_id = context.get("id") or ""
        saved = (context.get("reflections") or {}).get(prompt_id)
        form = (context.get("reflection_forms") or {}).get(prompt_id)
        if form is None:
            form = ReflectionForm(
                prefix=ReflectionForm.prefix_for(prompt_id),
                initial={"text": saved.text if saved else ""},
                question=value["question"],
                guidance=value["guidance"],
            )
        else:
            form.set_prompt(question=value["question"], guidance=value["guidance"])
        # The box belongs to the lesson's one form (templates/courses/lesson_page.html):
        # "Mark lesson complete" sends what is typed in it, saved or not, and
        # "Save my answer" sends the same form to the reflection's own address.
        form.fields["text"].widget.attrs["form"] = LESSON_FORM_ID
        context.update(
            lesson_form_id=LESSON_FORM_ID,
            prompt_id=prompt_id,
            reflection=saved,
            reflection_form=form,
            can_write=bool(context.get("can_write_reflections")) and bool(prompt_id),
        )
        return context


class WarningSignBlock(blocks.StructBlock):
    sign = blocks.CharBlock(max_length=120, label=_("Sign"))
    looks_like = blocks.TextBlock(label=_("What it can look like"))
    what_to_do = blocks.TextBlock(label=_("What to do"))


class WarningSignsBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, default="Warning signs to notice", label=_("Title"))
    signs = blocks.ListBlock(WarningSignBlock(), min_num=1, label=_("Signs"))

    class Meta:
        label = _("Warning signs")
        icon = "warning"
        template = f"{BLOCK_TEMPLATES}/warning_signs.html"
        description = _("A list of warning signs, each with what it can look like and what to do.")
        preview_value = {
            "title": "Warning signs to notice",
            "signs": [
                {
                    "sign": "Pulling away",
                    "looks_like": "Missing meetings, not answering messages.",
                    "what_to_do": "Reach out kindly and ask how they are doing.",
                }
            ],
        }
        preview_template = PREVIEW_TEMPLATE


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[
            ("tip", _("Tip")),
            ("caution", _("Caution")),
            ("crisis", _("If you are in crisis")),
        ],
        default="tip",
        label=_("Kind"),
    )
    text = blocks.RichTextBlock(
        features=["bold", "italic", "link"],
        required=False,
        help_text=_("For “If you are in crisis”, the helpline from Settings is shown as well."),
        label=_("Text"),
    )

    class Meta:
        label = _("Callout")
        icon = "help"
        template = f"{BLOCK_TEMPLATES}/callout.html"
        description = _("A tip, a caution, or crisis information with the configured helpline.")
        preview_value = {"kind": "crisis", "text": ""}
        preview_template = PREVIEW_TEMPLATE

    def clean(self, value):
        cleaned = super().clean(value)
        if cleaned.get("kind") != "crisis" and not cleaned.get("text"):
            raise blocks.StructBlockValidationError(
                block_errors={"text": ErrorList([gettext("Write the tip or caution.")])}
            )
        return cleaned


class KeyTakeawaysBlock(blocks.StructBlock):
    takeaways = blocks.ListBlock(blocks.CharBlock(max_length=250), min_num=1, label=_("Takeaways"))

    class Meta:
        label = _("Key takeaways")
        icon = "tick"
        template = f"{BLOCK_TEMPLATES}/key_takeaways.html"
        description = _("The few points to remember from this lesson.")
        preview_value = {
            "takeaways": [
                "Share your story only when it serves the person you support.",
                "Ask before you share, and ask again after.",
            ]
        }
        preview_template = PREVIEW_TEMPLATE


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(max_length=150, label=_("Title"))
    description = blocks.CharBlock(max_length=250, required=False, label=_("Description"))

    class Meta:
        label = _("Download")
        icon = "doc-full"
        template = f"{BLOCK_TEMPLATES}/download.html"
        description = _("A document learners can download (worksheet, handout).")


class LessonBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    rich_text = blocks.RichTextBlock(
        features=["h3", "bold", "italic", "link", "ol", "ul", "blockquote"],
        template=f"{BLOCK_TEMPLATES}/rich_text.html",
        icon="pilcrow",
        description=_("Paragraphs, lists and links."),
        label=_("Rich text"),
    )
    image = ImageBlock()
    video = VideoBlock()
    story = StoryBlock()
    reflection = ReflectionPromptBlock()
    warning_signs = WarningSignsBlock()
    callout = CalloutBlock()
    key_takeaways = KeyTakeawaysBlock()
    download = DownloadBlock()
