"""The configuration's JSON Schema: fresh files, agreement with the loader, positioned errors."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import jsonschema
import pytest

from yeplint.config.load import _ALL_KEYS, load_settings
from yeplint.config.page_schemas import builtin_names
from yeplint.config.schema import _keys, locate, nesting_start, reference_markdown, schema
from yeplint.config.settings import ConfigError
from yeplint.engine.selection import resolve_selection
from yeplint.rules.docs import config_schema

ROOT = Path(__file__).resolve().parents[1]


def test_the_schema_file_and_the_reference_are_fresh() -> None:
    hint = "run: python -m yeplint.rules.docs config [--markdown] > FILE"
    written = json.loads((ROOT / "schemas" / "yeplint-config.schema.json").read_text("utf-8"))
    assert written == config_schema(), hint
    assert (ROOT / "docs" / "configuration.md").read_text("utf-8") == reference_markdown(), hint


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.Draft202012Validator.check_schema(config_schema())


def test_the_schema_names_exactly_the_keys_the_loader_reads() -> None:
    assert set(schema()["properties"]) == _ALL_KEYS


def test_the_config_schema_is_not_a_collection_schema() -> None:
    assert "yeplint-config" not in builtin_names()


@pytest.mark.parametrize("key", [k.name for k in _keys()])
def test_every_example_validates_and_loads(tmp_path: Path, key: str) -> None:
    (example,) = [k.example for k in _keys() if k.name == key]
    config = tmp_path / "yeplint.toml"
    config.write_text(example + "\n", encoding="utf-8")
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "posts.schema.json").write_text('{"type": "object"}')
    jsonschema.Draft202012Validator(schema()).validate(tomllib.loads(example))
    load_settings(config=config)


@pytest.mark.parametrize(
    ("toml", "position", "message"),
    [
        ("select = 3\n", "1:1", "`select` must be a list of strings, not 3"),
        (
            'select = ["ALL"]\nselct = []\n',
            "2:1",
            "unknown key `selct`; did you mean `select`?",
        ),
        (
            '[[collections]]\nglob = "a/*.md"\n\n[[collections]]\nname = "b"\nglob = 3\n',
            "6:1",
            "`collections[1].glob` must be a list of strings, not 3",
        ),
        (
            '[[collections]]\nglob = "a/*.md"\n[[collections]]\nschema = "x"\n',
            "3:1",
            "`collections[1].glob` is required",
        ),
        (
            '[[collections]]\nglob = "a/*.md"\n  shema = "x"\n',
            "3:3",
            "unknown key `collections[0].shema`; did you mean `schema`?",
        ),
        ("[severity]\nYEP210 = 'fatal'\n", "2:1", "`severity.YEP210` must be `error` or `warning`"),
        (
            "[rule-options.emphasis-as-heading]\nmax-lenght = 3\n",
            "2:1",
            "unknown option `rule-options.emphasis-as-heading.max-lenght`",
        ),
        ('per-file-ignores = { "a/**" = 3 }\n', "1:1", "`per-file-ignores.a/**` must be"),
        ("respect-gitignore = 'yes'\n", "1:1", "`respect-gitignore` must be true or false"),
        ('preset = "hugo"\n', "1:1", "`preset` must be one of: yep-trainingen, not 'hugo'"),
    ],
)
def test_errors_name_line_and_column(
    tmp_path: Path, toml: str, position: str, message: str
) -> None:
    config = tmp_path / "yeplint.toml"
    config.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        resolve_selection(load_settings(config=config))
    assert str(info.value).startswith(f"{config}:{position}: "), str(info.value)
    assert message in str(info.value)


def test_errors_in_pyproject_point_into_the_tool_table(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[project]\nname = "x"\nselect = 1\n\n[tool.yeplint]\nignore = []\nselect = 1\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"pyproject\.toml:7:1: `select` must be"):
        load_settings(config=config)


def test_locate_falls_back_to_the_nearest_enclosing_key() -> None:
    text = '[[collections]]\nglob = "a"\n[[collections]]\nglob = "b"\n'
    assert locate(text, ["collections", 1, "schema"]) == (3, 1)
    assert locate(text, ["nothing"]) == (1, 1)
    assert locate('x = { "y" = 1 }\n', ["x", "y"]) == (1, 1)


WRONG_VALUES: list[object] = [3, "x", True, [1], {"a": 1}, [{"glob": "a"}], -1, 0, "", [], 10**20]


@pytest.mark.parametrize("key", sorted(_ALL_KEYS))
@pytest.mark.parametrize("value", WRONG_VALUES, ids=repr)
def test_the_loader_and_the_schema_agree(tmp_path: Path, key: str, value: object) -> None:
    """What the schema rejects never loads, and what loads the schema accepts."""
    table = {key: value}
    config = tmp_path / "yeplint.toml"
    config.write_text(f"# {key}\n", encoding="utf-8")
    valid = jsonschema.Draft202012Validator(schema()).is_valid(table)
    from yeplint.config.load import settings_from

    try:
        settings_from(table, config)
    except ConfigError as exc:
        loaded, message = False, str(exc)
    else:
        loaded, message = True, ""
    if not valid:
        assert not loaded, f"{table} loads but breaks the schema"
        assert message.startswith(f"{config}:"), message
    if loaded:
        assert valid, f"{table} loads but the schema rejects it"


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            "max-file-size = 99999999999999999999\n",
            "`max-file-size` must be a positive integer up to 100,000,000,"
            " not 99999999999999999999",
        ),
        (
            "max-image-width = 100001\n",
            "`max-image-width` must be a positive integer up to 100,000, not 100001",
        ),
        (
            "[rule-options.emphasis-as-heading]\nmax-length = 99999999999999999999\n",
            "`rule-options.emphasis-as-heading.max-length` must be an integer from 0 to 1,000,000,"
            " not 99999999999999999999",
        ),
    ],
)
def test_integers_are_bounded_at_their_line(tmp_path: Path, toml: str, message: str) -> None:
    """A number past what a file read takes was accepted, then failed every file with an
    OverflowError."""
    config = tmp_path / "yeplint.toml"
    config.write_text('select = ["ALL"]\n' + toml, encoding="utf-8")
    line = toml.count("\n") + 1
    with pytest.raises(ConfigError) as info:
        resolve_selection(load_settings(config=config))
    assert str(info.value) == f"{config}:{line}:1: {message}"


@pytest.mark.parametrize("depth", [300, 5000], ids=["past-the-validator", "past-tomllib"])
@pytest.mark.parametrize("name", ["yeplint.toml", "pyproject.toml"])
def test_deep_nesting_is_an_error_where_it_starts(tmp_path: Path, depth: int, name: str) -> None:
    """5,000 nested arrays were a RecursionError in tomllib, 300 a ValueError in
    jsonschema-rs; both tracebacks."""
    table = "[tool.yeplint]\n" if name == "pyproject.toml" else ""
    config = tmp_path / name
    config.write_text(
        f'{table}select = ["ALL"]\n# [ in a comment\nignore = {"[" * depth}{"]" * depth}\n',
        encoding="utf-8",
    )
    line = 3 + bool(table)
    with pytest.raises(ConfigError) as info:
        load_settings(config=config)
    assert str(info.value) == f"{config}:{line}:1: `ignore` is nested too deeply"


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("", (1, 1)),
        ("a = 1\nb = [1, [2]]\nc = [[[3]]]\n", (3, 5)),
        ('a = "[[[[" # [[[[\nb = [[2]]\n', (2, 5)),
        ('{"a": 1,\n "b":\n  [[[]]]}', (3, 3)),
        ('{"a": "\\"[[[", "b": [[]]}', (1, 21)),
    ],
    ids=["empty", "toml", "strings-and-comments", "json-document", "escaped-quote"],
)
def test_nesting_start_finds_the_outermost_bracket_of_the_deepest_nesting(
    text: str, position: tuple[int, int]
) -> None:
    assert nesting_start(text) == position
