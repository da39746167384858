"""Read a file once into a :class:`Post`: text, lines, front matter and body, all with positions.

:func:`load_post` never raises for anything in the file's content; problems are recorded on the
post and reported by the rules named after their ``kind``.
"""

from __future__ import annotations

import re
from dataclasses import field
from functools import cached_property
from pathlib import Path
from typing import Any

from yeplint import LazyPattern, record
from yeplint.diagnostics import Span
from yeplint.document.front_matter.located import FrontMatter
from yeplint.document.front_matter.yaml import parse_yaml
from yeplint.document.markdown import Body, parse_body
from yeplint.document.source import Problem, decode, line_endings, split_lines
from yeplint.document.templates import add_template_images
from yeplint.locale.messages import msg

_YAML_FENCE = "---"
_TOML_FENCE = "+++"
_LOOKS_LIKE_KEY = LazyPattern(r"[\w\"'-][^:]*:(\s|$)")


@record(frozen=False)
class Split:
    """Where the front matter is: 0-based indexes of the fence lines."""

    open_index: int
    close_index: int | None
    toml: bool = False

    def __init__(self, open_index: int, close_index: int | None, toml: bool = False) -> None:
        self.open_index = open_index
        self.close_index = close_index
        self.toml = toml


def find_front_matter(lines: list[str]) -> Split | None:
    """Locate a fenced front matter block at the top of the file (after blank lines only)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    head = lines[first].rstrip()
    if head not in (_YAML_FENCE, _TOML_FENCE):
        return None
    close = next(
        (j for j in range(first + 1, len(lines)) if lines[j].rstrip() == head),
        None,
    )
    if first > 0 and (close is None or not _opens_with_key(lines, first + 1, close)):
        return None  # a thematic break after blank lines, not misplaced front matter
    return Split(first, close, toml=head == _TOML_FENCE)


def _opens_with_key(lines: list[str], start: int, stop: int) -> bool:
    content = next((line for line in lines[start:stop] if line.strip()), "")
    return bool(_LOOKS_LIKE_KEY.match(content.strip()))


@record(frozen=False)
class Post:
    """One Markdown file, read and split once; the body is parsed on first use."""

    path: Path
    display_path: str
    text: str = ""
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    front_matter: FrontMatter | None = None
    front_matter_broken: bool = False
    """True when a front matter block exists but could not be read into data."""
    body_start_line: int = 1
    """1-based line where the Markdown body starts."""
    binary: bool = False
    line_endings: frozenset[str] = frozenset()
    body_failure: tuple[str, str] | None = None
    """When the Markdown parser crashed: the error and its traceback (the rules then see an
    empty body, and the engine reports the crash once)."""
    admonitions: bool = False
    """An MkDocs page: admonitions and content tabs hold Markdown, not indented code."""

    def __init__(
        self,
        path: Path,
        display_path: str,
        text: str = "",
        lines: list[str] | None = None,
        problems: list[Problem] | None = None,
        front_matter: FrontMatter | None = None,
        front_matter_broken: bool = False,
        body_start_line: int = 1,
        binary: bool = False,
        line_endings: frozenset[str] = frozenset(),
        body_failure: tuple[str, str] | None = None,
        admonitions: bool = False,
    ) -> None:
        self.path = path
        self.display_path = display_path
        self.text = text
        self.lines = [] if lines is None else lines
        self.problems = [] if problems is None else problems
        self.front_matter = front_matter
        self.front_matter_broken = front_matter_broken
        self.body_start_line = body_start_line
        self.binary = binary
        self.line_endings = line_endings
        self.body_failure = body_failure
        self.admonitions = admonitions

    @property
    def data(self) -> dict[str, Any] | None:
        """The front matter mapping, or ``None`` when there is none or it is not usable."""
        fm = self.front_matter
        if fm is not None and fm.ok and isinstance(fm.data, dict):
            return fm.data
        return None

    @cached_property
    def body(self) -> Body:
        """Parsed on first use: a run of front matter rules alone never parses Markdown."""
        if self.binary:
            return Body()
        start = self.body_start_line - 1
        try:
            mdx = self.path.suffix.lower() == ".mdx"
            lines = self.lines[start:]
            body = parse_body(lines, line_offset=start, mdx=mdx, admonitions=self.admonitions)
            add_template_images(body, lines, start)
            return body
        except Exception as exc:  # a parser bug must not crash every rule that asks
            import traceback

            self.body_failure = (f"{type(exc).__name__}: {exc}", traceback.format_exc())
            return Body()


def load_text(
    path: Path,
    display_path: str,
    data: bytes,
    formats: tuple[str, ...] = ("yaml",),
    *,
    admonitions: bool = False,
) -> Post:
    """Build a post from a file's bytes; ``formats`` are the front matter formats the site
    reads (another one is reported as unsupported); ``admonitions``: an MkDocs site's page."""
    post = Post(path=path, display_path=display_path, admonitions=admonitions)
    decoded = decode(data)
    post.problems.extend(decoded.problems)
    if decoded.binary:
        post.binary = True
        return post
    post.line_endings = frozenset(line_endings(decoded.text))
    if len(post.line_endings) > 1:
        post.problems.append(_mixed_endings(decoded.text))
    post.lines = split_lines(decoded.text)
    post.text = "\n".join(post.lines)
    _split(post, formats)
    return post


def _mixed_endings(text: str) -> Problem:
    """Point at the first line whose ending differs from the first line's."""
    found = list(re.finditer(r"\r\n|\r|\n", text))
    first = found[0].group()
    index = next(i for i, m in enumerate(found) if m.group() != first)
    names = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}
    return Problem(
        "mixed-line-endings",
        Span.point(index + 1, found[index].start() - (found[index - 1].end() if index else 0) + 1),
        msg(
            "line ends with {ending} while the file starts with {first}",
            ending=names[found[index].group()],
            first=names[first],
        ),
        msg("save the file with one kind of line ending (LF)"),
    )


def _json_front_matter(post: Post, formats: tuple[str, ...]) -> bool:
    """A JSON object as the page's first block (Hugo reads that as front matter): reported,
    and the body starts after it. A ``{`` that does not start a JSON object (a Liquid or
    Hugo template tag) is not one."""
    text = post.text
    start = len(text) - len(text.lstrip())
    if not text.startswith("{", start) or text.startswith(("{%", "{{"), start):
        return False
    import json

    try:
        data, end = json.JSONDecoder().raw_decode(text, start)
    except json.JSONDecodeError as exc:
        if "json" not in formats:
            return False
        _broken_json(post, start, exc.msg, exc.pos)
        return True
    except (ValueError, RecursionError):
        return False
    if not isinstance(data, dict):
        return False
    first = text.count("\n", 0, start)
    last = text.count("\n", 0, end)
    fence = Span.on_line(first + 1, 1, len(post.lines[first].rstrip()))
    post.body_start_line = last + 2
    if "json" in formats:
        from yeplint.document.front_matter.json import parse_json

        post.front_matter, problems = parse_json(text, start, end, fence, 0)
        post.problems.extend(problems)
        return True
    post.front_matter_broken = True
    post.problems.append(
        Problem(
            "unsupported-front-matter",
            fence,
            msg("JSON front matter (`{{ … }}`) is not read with this site's configuration"),
            msg("write the front matter as YAML between `---` lines"),
        )
    )
    return True


def _broken_json(post: Post, start: int, problem: str, at: int) -> None:
    """A ``{`` that starts the page of a site reading JSON front matter (Hugo: any ``{`` does)
    but no JSON object: reported where the JSON goes wrong, and the body starts after the
    ``}`` that closes the first one, as Hugo finds it (strings skipped)."""
    from bisect import bisect_right

    from yeplint.document.source import line_starts

    text = post.text
    depth, position, quoted = 0, start, False
    while position < len(text):
        char = text[position]
        if quoted:
            if char == "\\":
                position += 1
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                break
        position += 1
    starts = line_starts(text)
    post.body_start_line = bisect_right(starts, position) + 1
    line = bisect_right(starts, min(at, len(text))) - 1
    post.front_matter_broken = True
    post.problems.append(
        Problem(
            "front-matter-syntax-error",
            Span.point(line + 1, min(at, len(text)) - starts[line] + 1),
            msg("invalid JSON: {problem}", problem=problem[:1].lower() + problem[1:]),
            msg("a page that starts with `{{` has JSON front matter: fix the JSON"),
        )
    )


def _split(post: Post, formats: tuple[str, ...]) -> None:
    lines = post.lines
    split = find_front_matter(lines)
    if split is None:
        _json_front_matter(post, formats)
        return
    fence = Span.on_line(split.open_index + 1, 1, len(lines[split.open_index].rstrip()))
    if split.open_index > 0:
        post.problems.append(
            Problem(
                "misplaced-front-matter",
                fence,
                msg(
                    "front matter must start on line 1, not line {line}",
                    line=split.open_index + 1,
                ),
                msg("remove the blank lines above the opening `---`"),
            )
        )
    if split.close_index is None:
        post.front_matter_broken = True
        post.problems.append(
            Problem(
                "unterminated-front-matter",
                fence,
                msg(
                    "front matter opened with `{fence}` is never closed",
                    fence=lines[split.open_index].rstrip(),
                ),
                msg("add a closing fence line after the last key"),
            )
        )
        return
    post.body_start_line = split.close_index + 2
    kind = "toml" if split.toml else "yaml"
    if kind not in formats:
        post.front_matter_broken = True
        name, fence_text = ("TOML", "+++") if split.toml else ("YAML", "---")
        other = msg("YAML between `---` lines") if "yaml" in formats else formats[0].upper()
        post.problems.append(
            Problem(
                "unsupported-front-matter",
                fence,
                msg(
                    "{format} front matter (`{fence}`) is not read with this site's configuration",
                    format=name,
                    fence=fence_text,
                ),
                msg(
                    "write the front matter as {other}, or add `{kind}` to `front-matter`",
                    other=other,
                    kind=kind,
                ),
            )
        )
        return
    source = "\n".join(lines[split.open_index + 1 : split.close_index]) + "\n"
    if split.toml:
        from yeplint.document.front_matter.toml import parse_toml

        fm, problems = parse_toml(
            source, fence, close_line=split.close_index + 1, line_offset=split.open_index + 1
        )
    else:
        fm, problems = parse_yaml(
            source, fence, close_line=split.close_index + 1, line_offset=split.open_index + 1
        )
    post.front_matter = fm
    post.problems.extend(problems)
    post.front_matter_broken = post.data is None
