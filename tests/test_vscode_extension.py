"""The VS Code extension in editors/vscode: where it looks for `yeplint server` (its own
`node --test` suite, run from here), what its manifest offers, and a `vsce package` that
warns about nothing and ships only the bundle.

The node tests need no `npm install` (the resolution logic imports only node's own modules);
packaging does, and runs in a copy so that the checkout gets no node_modules or .vsix.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "editors" / "vscode"
MANIFEST: dict[str, Any] = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
NETWORK_ERRORS = ("ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNREFUSED", "ENETUNREACH")


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    return node


def test_the_server_resolution_order_node_suite() -> None:
    """setting, workspace .venv/venv (bin/ and Scripts/), interpreter, PATH; untitled names."""
    tests = sorted(str(p) for p in (EXTENSION / "test").glob("*.test.js"))
    assert len(tests) >= 2
    done = subprocess.run(
        [_node(), "--test", *tests], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# fail 0" in done.stdout and "# pass 0" not in done.stdout


def test_the_manifest_offers_the_commands_and_settings() -> None:
    contributes = MANIFEST["contributes"]
    commands = {c["command"]: c["title"] for c in contributes["commands"]}
    assert commands == {"yeplint.restart": "Restart server", "yeplint.showOutput": "Show output"}
    settings = contributes["configuration"]["properties"]
    assert settings["yeplint.path"]["type"] == "array"
    assert settings["yeplint.trace.server"]["enum"] == ["off", "messages", "verbose"]
    source = (EXTENSION / "src" / "extension.js").read_text(encoding="utf-8")
    for command in commands:
        assert f'registerCommand("{command}"' in source
    assert 'scheme: "untitled"' in source  # untitled buffers are linted


def test_the_package_is_clean() -> None:
    """A bundle as `main`, the language client bundled (a dev dependency), a LICENSE, and an
    ignore file that keeps sources and node_modules out of the .vsix."""
    assert MANIFEST["main"] == "./dist/extension.js"
    assert "dependencies" not in MANIFEST
    assert {"vscode-languageclient", "esbuild", "@vscode/vsce"} <= set(MANIFEST["devDependencies"])
    assert MANIFEST["scripts"]["vscode:prepublish"] == "npm run bundle"
    assert "--external:vscode" in MANIFEST["scripts"]["bundle"]
    assert (EXTENSION / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert (EXTENSION / "package-lock.json").is_file()
    ignored = (EXTENSION / ".vscodeignore").read_text(encoding="utf-8").splitlines()
    assert "**" in ignored and "!dist/extension.js" in ignored
    # @types/vscode newer than engines.vscode is an error in vsce
    assert MANIFEST["devDependencies"]["@types/vscode"] == MANIFEST["engines"]["vscode"][1:]


@pytest.mark.slow
def test_vsce_package_warns_about_nothing(tmp_path: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed")
    work = tmp_path / "vscode"
    skipped = shutil.ignore_patterns("node_modules", "dist", "*.vsix")
    shutil.copytree(EXTENSION, work, ignore=skipped)
    installed = _npm(npm, work, "ci", "--prefer-offline", "--no-audit", "--no-fund")
    if installed.returncode != 0 and any(e in installed.stderr for e in NETWORK_ERRORS):
        pytest.skip(f"the npm registry cannot be reached: {installed.stderr[-300:]}")
    assert installed.returncode == 0, installed.stderr
    checked = _npm(npm, work, "run", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    vsix = tmp_path / "yeplint.vsix"
    packaged = _npm(npm, work, "run", "package", "--", "--out", str(vsix))
    output = packaged.stdout + packaged.stderr
    assert packaged.returncode == 0, output
    assert "WARNING" not in output and "DONE" in output, output
    with zipfile.ZipFile(vsix) as package:
        shipped = sorted(n for n in package.namelist() if n.startswith("extension/"))
    assert shipped == [
        "extension/LICENSE.txt",
        "extension/dist/extension.js",
        "extension/package.json",
        "extension/readme.md",
    ]


def _npm(npm: str, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [npm, *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False
    )
