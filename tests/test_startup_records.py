"""The records written out or made by ``yeplint.record`` instead of ``@dataclass`` (whose
generated methods are compiled on every start) behave as the dataclasses they replace."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError, field, fields, replace

import pytest

from yeplint import record
from yeplint.config.settings import Collection, Settings
from yeplint.diagnostics import Diagnostic, Edit, Fix, Severity, Span


@record
class _Frozen:
    name: str
    count: int = 0
    tags: list[str] = field(default_factory=list)
    note: str = field(default="", compare=False)


@record(frozen=False)
class _Open:
    name: str
    seen: int = 0


@record(frozen=False)
class _Written:
    name: str
    size: int = 1

    def __init__(self, name: str, size: int = 1) -> None:
        self.name = name.upper()
        self.size = size


def test_a_record_is_a_dataclass_for_replace_and_fields() -> None:
    made = _Frozen("a", 2)
    assert [f.name for f in fields(made)] == ["name", "count", "tags", "note"]
    changed = replace(made, count=3)
    assert (changed.name, changed.count) == ("a", 3)
    assert made.count == 2


def test_a_record_takes_its_fields_in_order_or_by_name_with_their_defaults() -> None:
    assert _Frozen("a", 2) == _Frozen(count=2, name="a")
    first, second = _Frozen("a"), _Frozen("a")
    assert first.tags == [] and first.tags is not second.tags  # a factory per instance
    with pytest.raises(TypeError, match="missing 1 required argument: 'name'"):
        _Frozen()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'size'"):
        _Frozen("a", size=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="multiple values for argument 'name'"):
        _Frozen("a", name="b")  # type: ignore[misc]
    with pytest.raises(TypeError, match="takes 5 positional arguments but 6 were given"):
        _Frozen("a", 1, [], "", 5)  # type: ignore[call-arg]


def test_equality_and_hash_leave_out_the_fields_not_compared() -> None:
    assert _Frozen("a", note="x") == _Frozen("a", note="y")
    assert _Frozen("a") != _Frozen("b")
    assert _Frozen("a").__eq__(("a", 0, [], "")) is NotImplemented
    assert hash(Collection("blog", ("*.md",), None)) == hash(Collection("blog", ("*.md",), None))
    assert _Open("a") == _Open("a")
    with pytest.raises(TypeError):
        hash(_Open("a"))  # as a dataclass with eq and not frozen


def test_a_frozen_record_refuses_changes_and_an_open_one_takes_them() -> None:
    made = _Frozen("a")
    with pytest.raises(FrozenInstanceError):
        made.count = 1  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del made.count
    opened = _Open("a")
    opened.seen += 1
    assert opened.seen == 1


def test_repr_and_pickle_are_a_dataclass_s() -> None:
    assert repr(_Frozen("a", 1, ["t"], "n")) == "_Frozen(name='a', count=1, tags=['t'], note='n')"
    settings = replace(Settings(), preset="yep-trainingen", max_image_width=800)
    again = pickle.loads(pickle.dumps(settings))
    assert again == settings and again.max_image_width == 800


def test_an_init_the_class_writes_is_kept() -> None:
    made = _Written("a")
    assert (made.name, made.size) == ("A", 1)
    assert replace(made, size=2) == _Written("A", 2)


def _diagnostic(**changes: object) -> Diagnostic:
    fix = Fix("insert a space", (Edit(Span(1, 3, 1, 3), " "),))
    values: dict[str, object] = {
        "path": "a.md",
        "line": 1,
        "column": 3,
        "end_line": 1,
        "end_column": 4,
        "code": "YEP201",
        "rule": "no-space-after-hash",
        "severity": Severity.ERROR,
        "message": "no space after `#`",
        "fix": fix,
        **changes,
    }
    return Diagnostic(**values)  # type: ignore[arg-type]


def test_spans_compare_hash_and_order_as_tuples() -> None:
    assert Span(1, 2, 3, 4) == Span(1, 2, 3, 4) and hash(Span(1, 2, 3, 4)) == hash((1, 2, 3, 4))
    assert sorted([Span(2, 1, 2, 1), Span(1, 5, 1, 6), Span(1, 2, 1, 9)]) == [
        Span(1, 2, 1, 9),
        Span(1, 5, 1, 6),
        Span(2, 1, 2, 1),
    ]
    assert Span(1, 1, 1, 1).__eq__((1, 1, 1, 1)) is NotImplemented
    assert repr(Span(1, 2, 3, 4)) == "Span(line=1, column=2, end_line=3, end_column=4)"
    assert pickle.loads(pickle.dumps(Span(1, 2, 3, 4))) == Span(1, 2, 3, 4)


def test_diagnostics_compare_without_snippet_english_and_suggestion() -> None:
    first = _diagnostic(snippet="##Kop", english="no space after `#`")
    assert first == _diagnostic() and hash(first) == hash(_diagnostic())
    assert first != _diagnostic(line=2)
    with pytest.raises(FrozenInstanceError):
        first.line = 2
    again = pickle.loads(pickle.dumps(first))
    assert again == first and (again.snippet, again.fix) == ("##Kop", first.fix)
    assert repr(first).startswith("Diagnostic(path='a.md', line=1, column=3, end_line=1,")


def test_a_localized_diagnostic_keeps_every_field_but_its_words() -> None:
    english = _diagnostic(snippet="##Kop", hint="write `## Kop`")
    dutch = english.localized("nl")
    assert (dutch.path, dutch.line, dutch.code, dutch.snippet) == ("a.md", 1, "YEP201", "##Kop")
    assert dutch.english == "no space after `#`"
    assert dutch.fix is not None and dutch.fix.edits == english.fix.edits  # type: ignore[union-attr]
    assert english.localized("en") == english


def test_a_record_without_a_docstring_gets_one_without_inspect() -> None:
    """``@dataclass`` writes a missing docstring from ``inspect.signature`` (~0.3 ms a
    class, ~2 ms for the first): a record writes it from its field names."""
    assert _Frozen.__doc__ == "_Frozen(name, count, tags, note)"


@record(eq=False)
class _Identity:
    name: str


def test_a_record_without_eq_is_equal_only_to_itself() -> None:
    """As a dataclass with ``eq=False``: what keys a cache by identity (a generator's table)."""
    first, second = _Identity("hugo"), _Identity("hugo")
    assert first == first and first != second
    assert hash(first) != hash(second) or first is second
    with pytest.raises(FrozenInstanceError):
        first.name = "zola"  # type: ignore[misc]
