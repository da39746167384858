"""YEP312 space-in-image-path: an image written with a space in its path, which Markdown does
not read as an image."""

from __future__ import annotations

from collections.abc import Iterator

from yeplint import LazyPattern
from yeplint.diagnostics import Span, Violation
from yeplint.document.post import Post
from yeplint.locale.messages import msg
from yeplint.rules.context import Context
from yeplint.rules.rule import rule

_WRITTEN = LazyPattern(r"!\[[^\]\n]*\]\(([^()<>\n]*)\)")
"""`![alt](inside)` on one line, the inside without brackets or parentheses."""
_TITLED = LazyPattern(r"\S+\s+(?:\"[^\"]*\"|'[^']*')")
"""A destination and a title: `foto.jpg "Titel"`, which is an image."""


@rule("YEP312", "space-in-image-path")
def space_in_image_path(post: Post, ctx: Context) -> Iterator[Violation]:
    """An image whose path holds a space: Markdown shows the text `![…](…)`, not the image.

    ## Why is this bad?
    CommonMark ends a link destination at a space, so `![Lachende groep](./groep foto.jpg)` is
    no image at all: the page shows the brackets and the path as text. It happens when a photo
    keeps the name a camera or an export gave it.

    ## Example
    ```markdown
    ![Lachende groep](./groep foto.jpg)
    ```

    ## How to fix
    Rename the file without spaces (`groep-foto.jpg`), or write the space as `%20`
    (`./groep%20foto.jpg`), or put the path in angle brackets (`<./groep foto.jpg>`). Text in
    code is not checked, nor a path followed by a quoted title (`foto.jpg "Titel"`).

    ## Options
    None.
    """
    starts = {(i.span.line, i.span.column) for i in post.body.images}
    starts |= {(link.span.line, link.span.column) for link in post.body.links}
    code = post.body.code_lines
    for paragraph in post.body.paragraphs:
        for number in range(paragraph.span.line, paragraph.span.end_line + 1):
            if number in code or number > len(post.lines):
                continue
            line = post.lines[number - 1]
            for found in _WRITTEN.finditer(line):
                inside = found.group(1).strip()
                if " " not in inside and "\t" not in inside:
                    continue
                if _TITLED.fullmatch(inside) or (number, found.start() + 1) in starts:
                    continue
                if line.count("`", 0, found.start()) % 2:
                    continue  # inside a code span
                yield Violation(
                    Span.on_line(number, found.start() + 1, found.end() - found.start()),
                    msg("image path `{path}` has a space: Markdown shows it as text", path=inside),
                    msg(
                        "rename the file without spaces, or write `{encoded}`",
                        encoded=inside.replace(" ", "%20"),
                    ),
                )
