"""jsonschema-rs (what yeplint validates with) against the jsonschema package (the oracle).

For every shipped schema, the front matter of every fixture and of the shared site, and
generated front matter, both must report the same set of (instance path, keyword) errors;
yeplint's adapter must also find the subschema each keyword sits in.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, SHARED_SITE
from yeplint.config.page_schemas import CompiledSchema, _load, builtin_names
from yeplint.document.post import load_text
from yeplint.rules.schema_check import _adapt

Errors = set[tuple[tuple[Any, ...], str]]


@cache
def _schemas() -> list[CompiledSchema]:
    return [_load(name, None) for name in builtin_names()]


def _oracle(compiled: CompiledSchema, data: Any) -> Errors:
    cls = jsonschema.validators.validator_for(compiled.schema)
    validator = cls(compiled.schema, format_checker=cls.FORMAT_CHECKER)
    return {(tuple(e.absolute_path), str(e.validator)) for e in validator.iter_errors(data)}


def _ours(compiled: CompiledSchema, data: Any) -> Errors:
    documents = compiled.documents()
    found: Errors = set()
    for raw in compiled.validator.iter_errors(data):
        error = _adapt(raw, documents)
        assert isinstance(error.schema, dict) and error.keyword in error.schema, (
            error.keyword,
            error.schema,
        )
        found.add((error.path, error.keyword))
    return found


def _front_matter(folder: Path | None) -> list[dict[str, Any]]:
    if folder is None or not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.rglob("*.md")):
        post = load_text(path, path.name, path.read_bytes())
        if post.data is not None:
            found.append(post.data)
    return found


@pytest.mark.parametrize("compiled", _schemas(), ids=lambda c: c.name)
def test_fixtures_and_the_site_give_the_same_errors(compiled: CompiledSchema) -> None:
    documents = _front_matter(FIXTURES) + _front_matter(SHARED_SITE)
    assert documents
    for data in documents:
        assert _ours(compiled, data) == _oracle(compiled, data), json.dumps(data, default=str)


def _keys() -> list[str]:
    keys: set[str] = {"Titel", "volgnummer ", "onbekend", "Volgnummer"}
    for compiled in _schemas():
        keys.update(compiled.schema.get("properties", {}))
    return sorted(keys)


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", " ", "2018-03-26", "2018-3-26", "2024-02-30", "2024-02-29", "blog"]),
    st.text(max_size=12),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["src", "alt", "url", "x", "title"]), inner, max_size=3),
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(data=st.dictionaries(st.sampled_from(_keys()), _values, max_size=10))
def test_generated_front_matter_gives_the_same_errors(data: dict[str, Any]) -> None:
    for compiled in _schemas():
        assert _ours(compiled, data) == _oracle(compiled, data), compiled.name


def _check(tmp_path: Path, schemas: dict[str, str], front_matter: str) -> list[tuple[str, int]]:
    from tests.conftest import lint_paths
    from yeplint.config.load import load_settings

    for name, text in schemas.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "yeplint.toml").write_text('[[collections]]\nglob = "*.md"\nschema = "s.json"\n')
    page = tmp_path / "a.md"
    page.write_text(f"---\n{front_matter}---\n")
    settings = load_settings(start=tmp_path)
    return [(d.code, d.line) for d in lint_paths([page], tmp_path, ["YEP1", "YEP3"], settings)]


def test_an_annotation_is_found_across_ref_into_another_file(tmp_path: Path) -> None:
    schemas = {
        "s.json": '{"type": "object", "properties": {"img": {"$ref": "defs/img.json"}}}',
        "defs/img.json": '{"type": "object", "required": ["alt"], "properties": {"alt":'
        ' {"$ref": "#/$defs/alt"}}, "$defs": {"alt": {"type": "string", "minLength": 1,'
        ' "x-yeplint-rule": "missing-alt-text"}}}',
    }
    assert _check(tmp_path, schemas, "img:\n  alt: ''\n") == [("YEP302", 3)]
    assert _check(tmp_path, schemas, "img:\n  src: a.png\n") == [("YEP302", 3)]


def test_an_annotation_beside_a_ref_applies_to_that_value(tmp_path: Path) -> None:
    schemas = {
        "s.json": '{"type": "object", "properties": {"alt": {"$ref": "#/$defs/text",'
        ' "x-yeplint-rule": "missing-alt-text"}, "title": {"$ref": "#/$defs/text"}},'
        ' "$defs": {"text": {"type": "string", "minLength": 1}}}',
    }
    assert _check(tmp_path, schemas, "alt: ''\ntitle: ''\n") == [("YEP302", 2), ("YEP106", 3)]


def test_values_json_has_no_form_of_get_their_own_finding(tmp_path: Path) -> None:
    schemas = {"s.json": '{"type": "object", "properties": {"n": {"type": "number"}}}'}
    assert _check(tmp_path, schemas, "n: .nan\nm: .inf\n") == [("YEP101", 2), ("YEP101", 3)]


def test_huge_numbers_are_validated_not_crashed_on(tmp_path: Path) -> None:
    schemas = {
        "s.json": '{"type": "object", "properties": {"n": {"type": "integer", "maximum": 9}}}'
    }
    assert _check(tmp_path, schemas, f"n: {10**40}\n") == [("YEP101", 2)]
    assert _check(tmp_path, schemas, "n: 9\n") == []
