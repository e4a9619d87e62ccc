from django import template
from django.utils import translation
from django.utils.translation import ngettext, pgettext

from training.content_cache import remember

register = template.Library()

# Blocks that show something of the reader's own: rendered for every request.
PERSONAL_BLOCK_TYPES = {"reflection"}


@register.simple_tag(takes_context=True)
def lesson_block(context, page, block):
    """A lesson block's HTML, as `{% include_block block %}` renders it, kept
    with the published content (training/content_cache.py): the same for every
    learner, so it is rendered once per content version. A reflection prompt
    carries the reader's own answer and a preview shows a draft: both are
    rendered each time."""
    request = context.get("request")
    if (
        block.block_type in PERSONAL_BLOCK_TYPES
        or not block.id
        or getattr(request, "is_preview", True)
    ):
        return block.render_as_block(context=context.flatten())
    # Per language: a block's own words come from its page, but the labels
    # around them (a content note's heading, say) are the interface's.
    return remember(
        ("lesson-block", page.pk, block.id, translation.get_language()),
        lambda: block.render_as_block(context=context.flatten()),
    )


@register.filter
def duration(minutes) -> str:
    """75 -> "1 hour 15 minutes"; for estimated study times, in the page's language."""
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(minutes, 60)
    hours_text = ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    minutes_text = ngettext("%(count)s minute", "%(count)s minutes", rest) % {"count": rest}
    if not hours:
        return minutes_text
    if not rest:
        return hours_text
    # One pattern for both, so a language can put a word between them.
    return pgettext("duration: hours and minutes", "%(hours)s %(minutes)s") % {
        "hours": hours_text,
        "minutes": minutes_text,
    }
