"""Reporters: plain functions that print a :class:`~yeplint.engine.result.Result`; they decide
nothing.

Machine formats never import rich; the text reporter does, lazily.

May import: ``engine`` (the result it prints) and everything below it. Never ``server`` or
``cli``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, NamedTuple, TextIO

if TYPE_CHECKING:
    from yeplint.engine.result import Result


class ReportOptions(NamedTuple):
    show_source: bool = True
    color: bool | None = None
    """``None``: colour when writing to a terminal and NO_COLOR is not set."""
    quiet: bool = False
    statistics: bool = False
    lang: str = "en"
    """The language of the summary and the words around the problems (the problems
    themselves arrive already in it: :meth:`~yeplint.diagnostics.Diagnostic.localized`)."""


Reporter = Callable[["Result", TextIO, ReportOptions], None]

FORMATS = {
    "text": "yeplint.report.text",
    "concise": "yeplint.report.concise",
    "json": "yeplint.report.json",
    "github": "yeplint.report.github",
    "sarif": "yeplint.report.sarif",
    "junit": "yeplint.report.junit",
    "gitlab": "yeplint.report.gitlab",
}


def reporter(name: str) -> Reporter:
    module = import_module(FORMATS[name])
    report: Reporter = module.report
    return report
