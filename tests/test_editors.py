"""The editor setups in docs/editors.md and editors/ parse, and start `yeplint server`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, re.S)


def test_the_neovim_snippet_is_lua_that_starts_the_server() -> None:
    luaparser = pytest.importorskip("luaparser.ast")
    (snippet,) = _blocks("lua")
    luaparser.parse(snippet)  # raises on a syntax error
    assert '{ "yeplint", "server" }' in snippet and 'vim.lsp.enable("yeplint")' in snippet


def test_the_helix_snippet_is_toml_that_starts_the_server() -> None:
    (snippet,) = _blocks("toml")
    table = tomllib.loads(snippet)
    server = table["language-server"]["yeplint"]
    assert (server["command"], server["args"]) == ("yeplint", ["server"])
    assert "yeplint" in table["language"][0]["language-servers"]


def test_the_json_snippets_parse() -> None:
    vscode, zed = (json.loads(block) for block in _blocks("json"))
    assert vscode["[markdown]"]["editor.codeActionsOnSave"] == {"source.fixAll.yeplint": "explicit"}
    assert "yeplint" in zed["languages"]["Markdown"]["language_servers"]


def test_the_vscode_extension_starts_the_server() -> None:
    """The rest of the extension is tested in test_vscode_extension.py."""
    folder = ROOT / "editors" / "vscode"
    source = folder / "src" / "extension.js"
    assert (
        "vscode-languageclient"
        in json.loads((folder / "package.json").read_text())["devDependencies"]
    )
    assert 'args: ["server"]' in source.read_text(encoding="utf-8")
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    subprocess.run(["node", "--check", str(source)], check=True)


def test_the_zed_extension_manifests_parse() -> None:
    folder = ROOT / "editors" / "zed"
    extension = tomllib.loads((folder / "extension.toml").read_text(encoding="utf-8"))
    assert "yeplint" in extension["language_servers"]
    assert "example.invalid" not in extension.get("repository", "")  # no placeholder address
    cargo = tomllib.loads((folder / "Cargo.toml").read_text(encoding="utf-8"))
    assert cargo["lib"]["crate-type"] == ["cdylib"]
    assert '"server"' in (folder / "src" / "lib.rs").read_text(encoding="utf-8")
