"""Search snippets that say where they were cut: Postgres's headline gives fragments of the
text, which may start or stop mid-sentence."""

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

register = template.Library()

# How a fragment may end or start that is not a cut: a sentence's end, a capital, a quote.
SENTENCE_ENDS = tuple('.!?:;”")')
FRAGMENT_DELIMITER = " ... "  # ts_headline's between two fragments


@register.filter(is_safe=True)
def ellipsised(snippet: str) -> str:
    """The snippet with "…" where it starts or stops mid-sentence, and between fragments."""
    text = strip_tags(snippet).strip()
    if not text:
        return snippet
    start = "" if text[0].isupper() or text[0].isdigit() or text[0] in '“"(' else "… "
    end = "" if text.endswith(SENTENCE_ENDS) else " …"
    return mark_safe(f"{start}{snippet.replace(FRAGMENT_DELIMITER, ' … ')}{end}")  # noqa: S308 (the snippet is escaped already)
