"""Files the configuration names, and the files their ``$ref``s name, stay inside the project.

yeplint never fetches anything, reads a schema or a ``$ref``'d file only when it is a regular
file inside the project (the configuration file's folder, or the git work tree it sits in,
symlinks resolved), and reads at
most ``READ_CAP`` bytes of it. Every refusal is a configuration error (exit 2) naming the file,
or for a key of the configuration its line.
"""

from __future__ import annotations

import os
import select
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main
from yeplint.config.files import READ_CAP
from yeplint.config.load import load_settings
from yeplint.config.page_schemas import load_schema
from yeplint.config.settings import Collection, ConfigError

SECRET = "SECRET-VALUE-FROM-OUTSIDE"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder beside an ``outside/`` folder holding a schema with a secret enum."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "o.json").write_text(f'{{"$defs": {{"t": {{"enum": ["{SECRET}"]}}}}}}')
    root = tmp_path / "site"
    (root / "schemas").mkdir(parents=True)
    (root / "a.md").write_text("---\ntitle: x\n---\n")
    return root


def _collection(root: Path, schema: str = "schemas/s.json") -> Collection:
    return Collection("pages", ("*.md",), schema, root.resolve())


def _schema_error(root: Path, schema: str) -> str:
    (root / "schemas" / "s.json").write_text(schema)
    with pytest.raises(ConfigError) as info:
        load_schema(_collection(root)).validator  # noqa: B018 (compiling is what may fetch)
    return str(info.value)


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A listening local port. jsonschema-rs fetches in Rust, past Python's ``socket`` module
    (and holding the GIL, so no Python thread could answer): only the kernel sees that, by
    queueing the connection for the port, where ``select`` finds it."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield server


def _no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network use: {args}")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.parametrize(
    ("schema", "linked"),
    [
        ('{"$schema": "URL/meta.json", "type": "object"}', None),
        ('{"properties": {"title": {"$ref": "URL/x.json"}}}', None),
        ('{"properties": {"title": {"$ref": "d.json"}}}', '{"$schema": "URL/meta.json"}'),
        ('{"$id": "URL/s.json", "properties": {"title": {"$ref": "x.json"}}}', None),
    ],
    ids=["$schema", "$ref", "$schema-of-a-ref", "$id-base"],
)
def test_nothing_is_ever_fetched(
    project: Path,
    listener: socket.socket,
    monkeypatch: pytest.MonkeyPatch,
    schema: str,
    linked: str | None,
) -> None:
    """Fails at once when Python code opens a socket; when jsonschema-rs fetches (the code as
    it was: ``$schema``), after its 30-second HTTP timeout, with the connection queued."""
    url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    if linked is not None:
        (project / "schemas" / "d.json").write_text(linked.replace("URL", url))
    _no_sockets(monkeypatch)
    _schema_error(project, schema.replace("URL", url))
    connected, _, _ = select.select([listener], [], [], 0)
    assert connected == [], "a schema made yeplint connect"


def test_an_unknown_schema_dialect_is_a_clear_configuration_error(project: Path) -> None:
    message = _schema_error(project, '{"$schema": "https://example.invalid/meta"}')
    assert "unknown `$schema` `https://example.invalid/meta`" in message
    assert "never fetches" in message


@pytest.mark.parametrize(
    "dialect",
    [
        "http://json-schema.org/draft-04/schema#",
        "http://json-schema.org/draft-07/schema",
        "https://json-schema.org/draft/2019-09/schema",
        "https://json-schema.org/draft/2020-12/schema",
    ],
)
def test_the_drafts_yeplint_knows_load(project: Path, dialect: str) -> None:
    (project / "schemas" / "s.json").write_text(f'{{"$schema": "{dialect}", "type": "object"}}')
    assert load_schema(_collection(project)).validator.is_valid({})


def _ref_to(target: str) -> str:
    return f'{{"type": "object", "properties": {{"title": {{"$ref": "{target}"}}}}}}'


@pytest.mark.parametrize(
    "target",
    ["../../outside/o.json#/$defs/t", "ABSOLUTE#/$defs/t", "link.json#/$defs/t"],
    ids=["dot-dot", "absolute", "symlink-out"],
)
def test_a_ref_outside_the_project_is_never_read(project: Path, target: str) -> None:
    outside = project.parent / "outside" / "o.json"
    (project / "schemas" / "link.json").symlink_to(outside)
    target = target.replace("ABSOLUTE", outside.as_posix())
    message = _schema_error(project, _ref_to(target))
    assert "is outside the project" in message
    assert SECRET not in message
    config = project / "yeplint.toml"
    config.write_text('[[collections]]\nglob = "*.md"\nschema = "schemas/s.json"\n')
    result = CliRunner().invoke(main, ["check", str(project), "--config", str(config)])
    assert result.exit_code == 2
    assert SECRET not in result.output and "Traceback" not in result.output


def test_a_ref_inside_the_project_but_above_the_schema_is_read(project: Path) -> None:
    (project / "common").mkdir()
    (project / "common" / "d.json").write_text('{"$defs": {"t": {"type": "string"}}}')
    (project / "schemas" / "s.json").write_text(_ref_to("../common/d.json#/$defs/t"))
    validator = load_schema(_collection(project)).validator
    assert validator.is_valid({"title": "x"}) and not validator.is_valid({"title": 5})


@pytest.fixture
def fifo(project: Path) -> Iterator[Path]:
    """A FIFO in the project whose writer gives a valid schema to whoever opens it: code that
    opens it reads ``{}`` instead of hanging, so only refusing it passes."""
    path = project / "schemas" / "f.json"
    os.mkfifo(path)

    def feed() -> None:
        with path.open("w") as handle:
            handle.write('{"type": "object"}')

    thread = threading.Thread(target=feed, daemon=True)
    thread.start()
    yield path
    reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # lets a still waiting writer finish
    thread.join()
    os.close(reader)


def test_a_ref_to_a_fifo_is_refused(project: Path, fifo: Path) -> None:
    message = _schema_error(project, _ref_to(fifo.name))
    assert "f.json" in message and "is not a regular file" in message


def _config_error(root: Path, toml: str) -> str:
    config = root / "yeplint.toml"
    config.write_text(toml)
    with pytest.raises(ConfigError) as info:
        load_settings(config=config)
    assert str(info.value).startswith(f"{config}:")
    return str(info.value).removeprefix(f"{config}:")


def _relative(path: Path, root: Path) -> str:
    return os.path.relpath(path, root).replace(os.sep, "/")


def test_a_schema_outside_the_project_is_an_error_at_its_line(project: Path) -> None:
    toml = '[[collections]]\nglob = "*.md"\nschema = "{}"\n'
    outside = _relative(project.parent / "outside" / "o.json", project)
    message = _config_error(project, toml.format(outside))
    assert message.startswith(f"3:1: `collections[0].schema`: `{outside}` is outside the project")
    null = _relative(Path(os.devnull), project)  # the shape of ../../../../dev/zero, harmless
    assert _config_error(project, toml.format(null)).startswith("3:1: `collections[0].schema`")
    assert "is outside the project" in _config_error(project, toml.format(os.devnull))


def test_a_configuration_in_a_git_work_tree_may_name_its_files(project: Path) -> None:
    """The project of a ``docs/yeplint.toml`` is the repository it sits in: the repository's
    ``schemas/`` is its own, a folder beside the repository still is not."""
    (project / ".git").mkdir()
    (project / "schemas" / "s.json").write_text('{"type": "object"}')
    docs = project / "docs"
    docs.mkdir()
    config = docs / "yeplint.toml"
    config.write_text('[[collections]]\nglob = "*.md"\nschema = "../schemas/s.json"\n')
    settings = load_settings(config=config)
    assert load_schema(settings.collections[0]).validator is not None
    outside = _relative(project.parent / "outside" / "o.json", docs)
    config.write_text(f'[[collections]]\nglob = "*.md"\nschema = "{outside}"\n')
    with pytest.raises(ConfigError, match="is outside the project"):
        load_settings(config=config)


def test_a_schema_that_is_no_regular_file_is_an_error_at_its_line(
    project: Path, fifo: Path
) -> None:
    toml = f'select = ["ALL"]\n\n[[collections]]\nglob = "*.md"\nschema = "schemas/{fifo.name}"\n'
    message = _config_error(project, toml)
    assert message == f"5:1: `collections[0].schema`: `schemas/{fifo.name}` is not a regular file"


def test_a_schema_over_the_size_cap_is_an_error_and_never_read(project: Path) -> None:
    (project / "schemas" / "big.json").write_text("{}" + " " * READ_CAP)
    toml = '[[collections]]\nglob = "*.md"\nschema = "schemas/big.json"\n'
    message = _config_error(project, toml)
    assert (
        message
        == f"3:1: `collections[0].schema`: `schemas/big.json` is larger than {READ_CAP:,} bytes"
    )


def test_a_schema_that_grows_past_the_cap_after_the_check_is_refused(project: Path) -> None:
    config = project / "yeplint.toml"
    config.write_text('[[collections]]\nglob = "*.md"\nschema = "schemas/s.json"\n')
    (project / "schemas" / "s.json").write_text("{}")
    settings = load_settings(config=config)
    (project / "schemas" / "s.json").write_text("{}" + " " * READ_CAP)
    with pytest.raises(ConfigError, match="is larger than"):
        load_schema(settings.collections[0])


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('static-roots = ["static", "../outside"]\n', "1:1: `static-roots`: `../outside`"),
        ('\npath-aliases = { "~/" = "/" }\n', "2:1: `path-aliases.~/`: `/`"),
    ],
)
def test_folders_outside_the_project_are_errors_at_their_line(
    project: Path, toml: str, message: str
) -> None:
    assert _config_error(project, toml).startswith(f"{message} is outside the project")


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('static-roots = ["static\\u0000"]\n', "static-roots"),
        ('[[collections]]\nglob = "*.md"\nschema = "s\\u0000.json"\n', "collections[0].schema"),
    ],
)
def test_a_path_with_a_nul_character_is_an_error_not_a_crash(
    project: Path, toml: str, key: str
) -> None:
    """``os.path.realpath`` raises ValueError for it."""
    message = _config_error(project, toml)
    assert f"`{key}`: " in message and message.endswith("is not a valid path (a NUL character)")


def test_folders_inside_the_project_load(project: Path) -> None:
    (project / "static").mkdir()
    (project / "yeplint.toml").write_text(
        'static-roots = ["static", "public", "."]\npath-aliases = { "@site/" = "." }\n'
    )
    assert load_settings(config=project / "yeplint.toml").static_roots == ("static", "public", ".")


def test_a_config_file_over_the_cap_is_an_error(tmp_path: Path) -> None:
    config = tmp_path / "yeplint.toml"
    config.write_text("# " + "x" * READ_CAP + "\n")
    with pytest.raises(ConfigError, match="is larger than"):
        load_settings(config=config)


def test_inside_resolves_symlinks_without_looking_outside(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``inside`` follows a symlink only while it stays in the project, and never stats a name
    outside it (``os.path.realpath`` lstats every folder of a link's target)."""
    from yeplint.config import files

    root = project.resolve()
    (root / "in.md").symlink_to(root / "a.md")
    (root / "out.md").symlink_to(root.parent / "outside" / "o.json")
    (root / "outdir").symlink_to(root.parent / "outside")
    (root / "loop").symlink_to("loop2")
    (root / "loop2").symlink_to("loop")
    looked: list[str] = []
    lstat = Path.lstat

    def watched(path: Path) -> os.stat_result:
        looked.append(str(path))
        return lstat(path)

    monkeypatch.setattr(Path, "lstat", watched)
    assert files.inside("in.md", root) == root / "a.md"
    assert files.inside("schemas/../a.md", root) == root / "a.md"
    assert files.inside("new/x.md", root) == root / "new" / "x.md"
    for path in ("out.md", "outdir/o.json", "loop/x", "../outside/o.json", "/etc/hostname"):
        assert files.inside(path, root) is None, path
    assert files.confine("loop/x", root) == files.LOOP
    assert files.confine("outdir/o.json", root) == files.OUTSIDE
    assert all(p == str(root) or p.startswith(f"{root}{os.sep}") for p in looked), looked
