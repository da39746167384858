"""Template syntax in pages that the generator replaces before the Markdown is rendered.

- Hugo shortcodes with a ``src`` (``{{< figure src="…" alt="…" >}}``, ``{{% img src=… %}}``, over
  one line or several) are image references, located at the shortcode, with the alt from
  ``alt=``; a commented-out shortcode (``{{</* … */>}}``), one in a code block or code span, and
  one whose ``src`` is itself a template expression are not.
- An image path built with a template expression is resolved when it uses a well-known form
  (Jekyll ``{{ site.baseurl }}/x``, ``{{ '/x' | relative_url }}``, ``{{ "/x" | prepend:
  site.baseurl }}``; Hugo ``{{ "x" | relURL }}``, ``absURL``), and otherwise left unchecked:
  yeplint does not evaluate templates, so it never calls such a path missing.
- Whether template syntax can bring headings the file does not show (:func:`may_add_headings`):
  an include or a shortcode can, a ``{{ variable }}`` inside a paragraph or a link cannot.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from functools import cache

from yeplint.diagnostics import Span
from yeplint.document.markdown import Body, ImageRef, LinkRef, template_tags
from yeplint.document.source import LineStarts

# The patterns are compiled on first use (``cache``): most pages have no template syntax, and
# a pattern compiled at import costs every run its start-up.


@cache
def _shortcode() -> re.Pattern[str]:
    return re.compile(r"\{\{(<|%)\s*(?!/)([\w-]+)\b(.*?)(?:>|%)\}\}", re.S)


@cache
def _attribute() -> re.Pattern[str]:
    return re.compile(r"([\w-]+)\s*=\s*(\"(?:[^\"\\]|\\.)*\"|`[^`]*`|[^\s\"`>%]+)")


_IMAGE_SHORTCODES = frozenset(("figure", "img", "image", "picture", "imgproc", "gallery-image"))

_QUOTED = r"""(?:'([^']*)'|"([^"]*)")"""


@cache
def _forms() -> tuple[re.Pattern[str], ...]:
    return (
        # {{ site.baseurl }}/x, {{ site.url }}{{ site.baseurl }}/x
        re.compile(r"^(?:\{\{-?\s*site\.url\s*-?\}\})?\{\{-?\s*site\.baseurl\s*-?\}\}(/.*)$"),
        # {{ '/x' | relative_url }}, absolute_url, prepend: site.baseurl, Hugo relURL / absURL
        re.compile(
            r"^\{\{-?\s*" + _QUOTED + r"\s*\|\s*(?:relative_url|absolute_url|relURL|absURL|"
            r"prepend:\s*site\.baseurl)\s*-?\}\}$"
        ),
    )


def expand_path(target: str) -> str | None:
    """``target`` with a well-known template form resolved (to a ``/``-rooted path);
    ``target`` itself when it has no template syntax; ``None`` when it is a template yeplint
    does not evaluate."""
    if "{{" not in target and "{%" not in target:
        return target
    stripped = target.strip()
    for form in _forms():
        match = form.match(stripped)
        if match is None:
            continue
        path = next(g for g in match.groups() if g is not None)
        if "{{" in path or "{%" in path:
            return None
        return path if path.startswith("/") else "/" + path
    return None


@cache
def _link_tag() -> re.Pattern[str]:
    return re.compile(r"^\{%-?\s*(link|post_url)\s+([^\s%]+)\s*-?%\}(.*)$")


def expand_link(target: str) -> tuple[str, str] | None:
    """A link target written with template syntax, as what it names: ``("url", "/x/")`` for a
    well-known URL form (:func:`expand_path`: ``{{ site.baseurl }}/x/``, ``{{ "/x/" |
    relative_url }}``), ``("source", "x.md#a")`` for Jekyll's ``{% link x.md %}`` (a file of the
    site's source, from its root), ``("post", "2024-01-05-hello#a")`` for ``{% post_url
    2024-01-05-hello %}``; ``None`` for a template yeplint does not evaluate."""
    stripped = target.strip()
    tag = _link_tag().match(stripped)
    if tag is not None:
        rest = tag.group(3)
        if "{{" in rest or "{%" in rest or (rest and not rest.startswith(("#", "?"))):
            return None
        kind = "source" if tag.group(1) == "link" else "post"
        return kind, tag.group(2).strip("'\"") + rest
    path = expand_path(stripped)
    return ("url", path) if path is not None and path != stripped else None


def _unquote(value: str) -> str:
    if value[:1] in '"`' and value[-1:] == value[:1] and len(value) >= 2:
        return value[1:-1]
    return value


@cache
def _templated_image() -> re.Pattern[str]:
    return re.compile(r"!\[([^\]\n]*)\]\(\s*((?:[^()\n]|\([^()\n]*\))*?\{[{%].*?)\)")


def templated_images(
    text: str, line_offset: int, skip_lines: Container[int]
) -> list[tuple[str, str, Span]]:
    """``(target, alt, span)`` of each Markdown image whose destination holds a template
    expression with spaces (``![Logo]({{ site.baseurl }}/logo.png)``): the generator fills the
    template in before the Markdown is read, so CommonMark alone never sees an image there."""
    return [
        (target, match.group(1), span)
        for match, target, span in _templated(_templated_image(), text, line_offset, skip_lines)
    ]


@cache
def _templated_link() -> re.Pattern[str]:
    return re.compile(r"(?<![!\\])\[([^\[\]\n]*)\]\(\s*((?:[^()\n]|\([^()\n]*\))*?\{[{%].*?)\)")


def templated_links(
    text: str, line_offset: int, skip_lines: Container[int]
) -> list[tuple[str, Span]]:
    """``(target, span)`` of each Markdown link whose destination holds a template expression
    or tag with spaces (``[x]({{ site.baseurl }}/x/)``, ``[x]({% link x.md %})``), which
    CommonMark alone never sees as a link."""
    return [
        (target, span)
        for _, target, span in _templated(_templated_link(), text, line_offset, skip_lines)
    ]


def _templated(
    pattern: re.Pattern[str], text: str, line_offset: int, skip_lines: Container[int]
) -> Iterator[tuple[re.Match[str], str, Span]]:
    """Each match of ``pattern`` whose destination (group 2) holds white space, which
    CommonMark alone does not read as one (one without is read already), outside code."""
    lines = LineStarts(text)
    for match in pattern.finditer(text):
        target = match.group(2).strip()
        if not any(c.isspace() for c in target):
            continue
        index, column = lines.position(match.start())
        line = index + 1 + line_offset
        if line in skip_lines or _in_code_span(text, lines.starts[index], match.start()):
            continue
        yield match, target, Span(line, column + 1, line, column + 1 + len(match.group()))


def shortcode_images(
    text: str, line_offset: int, skip_lines: Container[int]
) -> list[tuple[str, str | None, Span]]:
    """``(src, alt, span)`` of each image shortcode in ``text`` (the body, ``line_offset``
    lines into the file); ``skip_lines`` are the 1-based lines of code blocks."""
    if "{{<" not in text and "{{%" not in text:
        return []
    found = []
    lines = LineStarts(text)
    for match in _shortcode().finditer(text):
        name, arguments = match.group(2), match.group(3)
        attributes = {k.lower(): _unquote(v) for k, v in _attribute().findall(arguments)}
        src = attributes.get("src")
        if src is None or name.lower() not in _IMAGE_SHORTCODES:
            continue
        index, column = lines.position(match.start())
        if index + 1 + line_offset in skip_lines:
            continue
        if _in_code_span(text, lines.starts[index], match.start()):
            continue
        end_index, end_column = lines.position(match.end())
        span = Span(
            index + 1 + line_offset, column + 1, end_index + 1 + line_offset, end_column + 1
        )
        found.append((src, attributes.get("alt"), span))
    return found


def _in_code_span(text: str, line_start: int, offset: int) -> bool:
    """Whether an odd number of backticks precede ``offset`` on its line."""
    return text.count("`", line_start, offset) % 2 == 1


def add_template_images(body: Body, lines: list[str], line_offset: int) -> None:
    """Add the images and links that template syntax makes (shortcodes, templated Markdown
    images and links) to ``body``, the CommonMark parse of ``lines``; code blocks and template
    code are skipped."""
    text = "\n".join(lines)
    if "{{" not in text and "{%" not in text:
        return
    skip = body.code_lines | body.template_lines
    for src, alt, span in shortcode_images(text, line_offset, skip):
        body.images.append(ImageRef(src, alt, span, "shortcode"))
    for target, alt, span in templated_images(text, line_offset, skip):
        body.images.append(ImageRef(target, alt or "", span, "markdown"))
    links = templated_links(text, line_offset, skip)
    for target, span in links:
        body.links.append(LinkRef(target, span, "markdown"))
    if links:
        body.links.sort(key=lambda link: (link.span.line, link.span.column))


_QUIET_TAGS = frozenset(
    (
        # one branch of what the file shows renders, or a loop's `else`
        "if", "elif", "elsif", "elseif", "else", "ifversion", "unless", "case", "when",
        # no output: assignments, a macro's definition, comments
        "set", "assign", "capture", "macro", "comment",
        # code, and text output inside a line: a URL, a date
        "highlight", "link", "post_url",
    )
)  # fmt: skip
"""Liquid/Nunjucks tags (and their ``end`` tags) that never bring a heading: an include, a loop,
a macro call or a site's own tag (an Eleventy shortcode) may."""
_QUIET_SHORTCODES = frozenset(("ref", "relref", "highlight"))
"""Hugo shortcodes that make a URL or a code block, never a heading."""


@cache
def _output_and_line_start() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """An expression (``{{``), and what may stand before one that starts a block: indentation,
    a block quote's `>`, a list marker."""
    return re.compile(r"\{\{(?![<%])"), re.compile(r"^(?:[ \t]*(?:>|[-+*]|\d{1,9}[.)]))*[ \t]*$")


def may_add_headings(lines: list[str], body: Body, line_offset: int) -> bool:
    """Whether template syntax in the body ``lines`` (``line_offset`` lines into the file) may
    bring headings or anchors the file does not show, so its anchors are unknown: a tag that
    is not known to be quiet (an include, a loop, a shortcode), an expression (``{{ x }}``) that
    starts a block or stands in a heading or an HTML ``id``. An expression inside a paragraph,
    a link or a code block, control flow and assignments do not; tags inside ``{% raw %}`` are
    text. ``body`` is the parse of ``lines``."""
    for tag in template_tags(lines):
        quiet = _QUIET_SHORTCODES if tag.shortcode else _QUIET_TAGS
        if tag.name not in quiet:
            return True
    if not any("{{" in line for line in lines):
        return False
    heading_lines = {n for h in body.headings for n in range(h.span.line, h.span.end_line + 1)}
    output, line_start = _output_and_line_start()
    for index, line in enumerate(lines):
        if "{{" not in line:
            continue
        number = index + line_offset + 1
        if number in body.code_lines or number in body.template_lines:
            continue
        if number in heading_lines or "id=" in line or "name=" in line:
            return True
        if any(line_start.match(line, 0, m.start()) for m in output.finditer(line)):
            return True
    return False
