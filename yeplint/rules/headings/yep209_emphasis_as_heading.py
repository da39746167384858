"""YEP209 emphasis-as-heading: A short paragraph that is entirely bold or italic, used instead of a
heading (markdownlint MD036).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yeplint import LazyPattern, record
from yeplint.diagnostics import Severity, Span, Violation
from yeplint.document.post import Post
from yeplint.locale.messages import msg
from yeplint.rules.context import Context
from yeplint.rules.headings._common import _source_column
from yeplint.rules.rule import rule

PUNCTUATION = ".,;:!?。，；：！？…"
"""markdownlint MD036's default endings of emphasised text that is no heading, and an ellipsis:
an interview's `**Q: …?**` is followed by its answer, not by a section."""


@record
class EmphasisOptions:
    max_length: int = 100
    """Bold or italic paragraphs longer than this are emphasised intros, not headings."""
    punctuation: str = PUNCTUATION
    """A paragraph ending in one of these characters is emphasised text, not a heading."""


_QUOTES = ('"', "'", "“", "”", "„", "‘", "’", "«", "»")
"""A bold or italic quotation is a quote, not a heading."""

_MONTHS = (
    "jan(?:uary|uari)?|feb(?:ruary|ruari)?|mar(?:ch)?|maart|apr(?:il)?|may|mei|june?|juni"
    "|july?|juli|aug(?:ust|ustus)?|sep(?:t|tember)?|o[ck]t(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = LazyPattern(
    rf"\b(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}"
    rf"|(?:\d{{1,2}}\.?\s+)?(?:{_MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?\d{{4}})\b",
    re.IGNORECASE,
)
"""A date as a byline writes it: `12 March 2024`, `March 12, 2024`, `12 maart 2024`,
`2024-03-12`, `12-03-2024`."""
_BYLINE = LazyPattern(
    r"(?:by|door|written by|geschreven door|posted by|auteur|author):?\s+(\w)", re.IGNORECASE
)
"""A byline's first words and the name's initial: `door Anna`, `by Anna Jansen`, `Written by
…` (`*By the numbers*` names no one)."""
_BYLINE_WORDS = 8
"""An italic date or byline is short: more words than this make a line a heading again."""


_TEMPLATE_OPENER = LazyPattern(r"\s*\{%-?\s*(?:raw|highlight)\b[^%]*-?%\}\s*$")
"""A Liquid/Nunjucks `{% raw %}` or `{% highlight %}` line alone, which a code sample opens with."""
_HTML_CODE = LazyPattern(
    r"\s*<(?:pre|code)\b|\s*<div\b[^>]*\bclass=[\"'][^\"']*\bhighlight\b", re.I
)
"""A code sample written in HTML: `<pre>`, or the `<div class="highlight">` of a rendered one."""


def captions_code(post: Post, end_line: int) -> bool:
    """Whether the block after line ``end_line`` is a code sample, so that the emphasised
    paragraph above it names the sample (`**_config.yml**`, `**Result**`) as a caption does:
    a heading there would put one entry per sample in the table of contents."""
    body = post.body
    for number in range(end_line + 1, len(post.lines) + 1):
        line = post.lines[number - 1]
        if not line.strip() or _TEMPLATE_OPENER.match(line):
            continue
        return (
            number in body.code_lines
            or number in body.template_lines
            or bool(_HTML_CODE.match(line))
        )
    return False


def date_or_byline(line: str, text: str) -> bool:
    """Whether an emphasised paragraph is an italic date or byline under a title
    (`*12 March 2024*`, `_door Anna_`), which no one means as a heading."""
    italic = line[:1] in "*_" and line[1:2] not in "*_"
    if not italic or len(text.split()) > _BYLINE_WORDS:
        return False
    byline = _BYLINE.match(text)
    return bool(byline and byline[1].isupper()) or bool(_DATE.search(text))


@rule("YEP209", "emphasis-as-heading", Severity.WARNING, options=EmphasisOptions)
def emphasis_as_heading(post: Post, ctx: Context) -> Iterator[Violation]:
    """A short paragraph that is entirely bold or italic, used instead of a heading
    (markdownlint MD036).

    ## Why is this bad?
    It looks like a heading but is not one: it is missing from the outline, the table of
    contents and the page's structure for screen readers.

    ## Example
    ```markdown
    **Drie stappen**

    We beschrijven drie stappen …
    ```

    ## How to fix
    Make it a heading: `## Drie stappen`. Like MD036, a paragraph that ends in punctuation
    (`.`, `,`, `;`, `:`, `!`, `?`, and unlike MD036 also an ellipsis `…`) is taken to be
    emphasised text, not a heading (an interview's `**Q: …?**` is followed by its answer);
    the `yep-trainingen` preset reports a question (`?`) too, because its headings are often
    questions. A quotation (starting with a quote mark), an aside in parentheses
    (`_(This number counts the core only.)_`), an italic date or byline under a title
    (`*12 March 2024*`, `_door Anna_`), the caption of a code sample right below it
    (`**_config.yml**` above a fenced block, `{% highlight %}` or `<pre>`), emphasis holding a
    template tag (`_Work in progress: {% include "edit.njk" %}_`, whose text only the build
    knows) and paragraphs over `max-length` characters or spanning several lines are not
    reported. An HTML comment beside the emphasis (`**Drie stappen** <!-- … -->`) does not hide
    it. Emphasis in a block quote or a list item is not reported: a heading there would break
    the quote or the list.

    ## Options
    `max-length` (default 100) and `punctuation` (the endings of emphasised text that is no
    heading, default `.,;:!?。，；：！？…`), in `[rule-options.emphasis-as-heading]`.
    """
    options = ctx.options("YEP209", EmphasisOptions)
    max_length, endings = options.max_length, tuple(options.punctuation)
    for paragraph in post.body.paragraphs:
        if not paragraph.emphasis_only:
            continue  # most paragraphs: their lines are never built
        text = paragraph.text.strip()
        if (
            not paragraph.tight
            and not paragraph.containers
            and len(paragraph.lines) == 1
            and text
            and len(text) <= max_length
            and not text.startswith(_QUOTES)
            and not (text.startswith(("(", "（")) and text.endswith((")", "）")))
            and text.rstrip("".join(_QUOTES))[-1:] not in endings
            and not date_or_byline(paragraph.lines[0].strip(), text)
            and not captions_code(post, paragraph.span.end_line)
            and not ("{%" in text or "{{" in text)
        ):
            yield Violation(
                Span(
                    paragraph.span.line,
                    _source_column(post, paragraph.span.line, paragraph.lines[0].strip()),
                    paragraph.span.end_line,
                    paragraph.span.end_column,
                ),
                msg("bold or italic text `{text}` used as a heading", text=text),
                msg("make it a heading: `{new}`", new=f"## {text}"),
            )
