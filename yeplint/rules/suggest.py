"""A "did you mean" as data: the replacement a hint suggests, as a display-only fix on the
violation (:attr:`yeplint.diagnostics.Violation.suggestion`). An editor offers it as a quick
fix; ``--fix`` never applies it (a guess at what the writer meant is not certain), and the
machine reports leave it out."""

from __future__ import annotations

from yeplint.diagnostics import Edit, Fix, Span, Violation
from yeplint.document.post import Post
from yeplint.locale.messages import Message, msg


def suggestion(post: Post, span: Span, written: str, wanted: str, hint: Message) -> Fix | None:
    """``written`` replaced by ``wanted`` where ``written`` stands once inside ``span`` (on one
    line); ``None`` when it does not (then only the hint says it)."""
    if not written or written == wanted or span.line != span.end_line:
        return None
    text = post.lines[span.line - 1] if 0 < span.line <= len(post.lines) else ""
    start, end = span.column - 1, span.end_column - 1
    inside = text[start:end] if end > start else text[start:]
    if inside.count(written) != 1:
        return None
    at = start + inside.index(written) + 1
    edit = Edit(Span(span.line, at, span.line, at + len(written)), wanted)
    return Fix(hint, (edit,), "display")


def did_you_mean(
    post: Post,
    span: Span,
    message: Message,
    written: str,
    close: str | None,
    otherwise: Message | None = None,
) -> Violation:
    """A problem whose hint names the closest thing that exists (``close``), with that as a
    suggestion; with none, the ``otherwise`` hint."""
    if not close:
        return Violation(span, message, otherwise)
    hint = msg("did you mean `{close}`?", close=close)
    return Violation(span, message, hint, suggestion=suggestion(post, span, written, close, hint))
