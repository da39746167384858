"""Nothing outside the project is opened or listed, and nothing is fetched: the real tool
(``yeplint check``, ``--fix``, ``init``, a short language-server session) run on sites built to
lead it out (:mod:`tests.hostile`: ``../`` links and images, absolute paths, ``file://``,
``//host/x``, ``%2e%2e/``, backslashes, symlinked files and folders out, symlink loops, a page
that is a symlink out, generator configurations whose folders lie outside: Hugo's
``contentDir``, ``themesDir``, ``assetDir``, ``staticDir``, module mounts and imports and a
``config/_default`` symlinked out, MkDocs' ``docs_dir`` and ``INHERIT``, Jekyll's ``source``
and ``layouts_dir``, Eleventy's ``dir.input``, Docusaurus' preset ``path``s, VitePress'
``srcDir``, Astro's ``srcDir`` and tsconfig ``extends``/``paths``, Zola's ``theme``).

Two views: in the process, Python's audit events (every ``open``, ``os.scandir`` and
``os.listdir``), which run everywhere; and under ``strace -f`` (skipped when it is absent), every
``openat`` and ``connect`` the kernel saw, with the allow-list of :mod:`tests.strace_probe`, and
on the sites in :data:`NO_STAT_OUTSIDE` every ``stat``, ``lstat`` and ``readlink`` too."""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests import hostile, strace_probe
from yeplint.cli import main
from yeplint.config.generators import GENERATORS

_WATCHED: list[str] = []
"""The folders the audit hook reports touches of (empty: it reports nothing)."""
_TOUCHED: list[str] = []
_LOCK = threading.Lock()


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _WATCHED or event not in ("open", "os.scandir", "os.listdir") or not args:
        return
    path = args[0]
    if not isinstance(path, str | bytes | os.PathLike):
        return
    try:
        landing = os.path.realpath(os.fsdecode(path))
    except (ValueError, OSError):
        return
    if any(landing == w or landing.startswith(w + os.sep) for w in _WATCHED):
        with _LOCK:
            _TOUCHED.append(f"{event} {os.fsdecode(path)}")


sys.addaudithook(_audit)  # hooks cannot be removed: it does nothing while _WATCHED is empty


@pytest.fixture
def watching() -> Iterator[list[str]]:
    """What was opened or listed under a folder named ``outside`` beside the site."""
    _TOUCHED.clear()
    yield _TOUCHED
    _WATCHED.clear()
    _TOUCHED.clear()


@pytest.mark.parametrize("kind", sorted(hostile.SITES))
def test_nothing_outside_is_opened_or_listed(
    tmp_path: Path, kind: str, watching: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = hostile.build(tmp_path, kind)
    monkeypatch.chdir(site)
    _WATCHED.append(os.path.realpath(tmp_path / "outside"))
    result = CliRunner().invoke(main, ["check", ".", "--no-cache"])
    fixed = CliRunner().invoke(main, ["check", ".", "--no-cache", "--fix", "--unsafe-fixes"])
    _WATCHED.clear()
    assert watching == []
    for run in (result, fixed):
        assert run.exit_code in (1, 2), run.output
        assert hostile.SECRET not in run.output and "Traceback" not in run.output


def test_a_hugo_configuration_folder_symlinked_out_is_not_read(
    tmp_path: Path, watching: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from yeplint.config import hugo

    site = hostile.build(tmp_path, "hugo")
    _WATCHED.append(os.path.realpath(tmp_path / "outside"))
    assert hugo.config_files(site) == [site / "hugo.toml"]
    config = hugo.read(site)
    _WATCHED.clear()
    assert watching == []
    assert "../outside/themes/t" in config.unread  # outside: as good as not in the checkout


def test_a_served_folder_outside_is_said_once_and_its_links_not_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = hostile.build(tmp_path, "mkdocs")
    (site / "docs" / "rooted.md").write_text("# R\n\n[x](/secret.md)\n")
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["check", "docs/rooted.md", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.output.count("`../outside/docs`, served by the site's configuration") == 1


def test_jekyll_layouts_outside_are_not_checked_and_said_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = hostile.build(tmp_path, "jekyll")
    (tmp_path / "outside" / "post.html").write_text("x")
    for name in ("a.md", "b.md"):
        (site / name).write_text("---\ntitle: x\nlayout: page\n---\n# x\n")
    monkeypatch.chdir(site)
    result = CliRunner().invoke(main, ["check", "a.md", "b.md", "--no-cache", "--select", "YEP606"])
    assert result.exit_code == 0, result.output
    assert result.output.count("outside the project: `layout` is not checked") == 1


# --- the real tool under strace ---------------------------------------------------------------

needs_strace = pytest.mark.skipif(
    shutil.which("strace") is None and not Path(strace_probe.STRACE).exists(),
    reason="strace is not installed",
)

_ANCESTOR_NAMES = frozenset(
    {
        "yeplint.toml",
        "pyproject.toml",
        ".git",
        "blog",
        "content/blog",
        "docs",
        "website",
        *(
            f"{w}docusaurus.config.{e}"
            for w in ("", "website/")
            for e in ("js", "cjs", "mjs", "ts")
        ),
        *(m for g in GENERATORS for m in g.markers),
    }
)
"""What finding the project's root looks for in the folders above it (the configuration, a git
work tree, a preset's signature, a generator's marker files): stat'ed there, read only when it
exists (and then it is the project)."""


NO_STAT_OUTSIDE = frozenset(
    {"plain", "mkdocs", "mkdocs-inherit-absolute", "docusaurus", "astro", "zola", "yeplint-toml"}
)
"""The sites on which nothing outside is even stat'ed. Still stat'ed (never opened) elsewhere:
a Hugo ``config/_default`` symlinked out (YEP504's layout guess asks ``is_dir``), a symlinked
image found by the orphan check's listing (Jekyll), Eleventy's and VitePress' input folders
(``Path.resolve``), and every ``os.walk`` (``init``'s, Astro's pages) asks each symlink it
meets whether it leads to a folder."""


def _traced(
    tmp_path: Path, kind: str, argv: list[str], stdin: bytes | None = None, *, stats: bool = True
) -> list[str]:
    site = tmp_path / "site"
    if not site.exists():
        hostile.build(tmp_path, kind)
    log = tmp_path / f"strace-{len(list(tmp_path.glob('strace-*')))}.log"
    done, calls = strace_probe.trace(
        [sys.executable, "-m", "yeplint", *argv], site, log, stdin=stdin
    )
    output = done.stdout + done.stderr
    assert hostile.SECRET.encode() not in output and b"Traceback" not in output, output
    opened = [
        c
        for c in calls
        if (stats and kind in NO_STAT_OUTSIDE) or c.name in ("openat", "open", "connect")
    ]
    return strace_probe.outside_calls(
        opened, site, forbidden=tmp_path / "outside", ancestors_may=_ANCESTOR_NAMES
    )


@needs_strace
@pytest.mark.parametrize("kind", sorted(hostile.SITES))
def test_check_and_fix_open_nothing_outside_and_connect_nowhere(tmp_path: Path, kind: str) -> None:
    assert _traced(tmp_path, kind, ["check", ".", "--no-cache"]) == []
    assert _traced(tmp_path, kind, ["check", ".", "--no-cache", "--format", "github"]) == []
    # stats not asserted: the fixer resolves each page with realpath before writing it
    assert _traced(tmp_path, kind, ["check", ".", "--fix", "--unsafe-fixes"], stats=False) == []


@needs_strace
@pytest.mark.parametrize("kind", ["hugo", "mkdocs", "docusaurus", "plain"])
def test_init_opens_nothing_outside(tmp_path: Path, kind: str) -> None:
    # stats not asserted: `init`'s os.walk asks each symlink met whether it leads to a folder
    assert _traced(tmp_path, kind, ["init", "--output-dir", "."], stats=False) == []


def _frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _session(site: Path) -> bytes:
    """An editor's short visit: open the hostile page, hover over a link out, shut down."""
    page = next(site.glob("**/hostile.md"))
    uri = page.as_uri()
    item = {"uri": uri, "languageId": "markdown", "version": 1, "text": page.read_text()}
    hover = {"textDocument": {"uri": uri}, "position": {"line": 10, "character": 8}}
    start: dict[str, Any] = {"processId": None, "rootUri": site.as_uri(), "capabilities": {}}
    messages: list[dict[str, Any]] = [
        {"id": 1, "method": "initialize", "params": start},
        {"method": "initialized", "params": {}},
        {"method": "textDocument/didOpen", "params": {"textDocument": item}},
        {"id": 2, "method": "textDocument/hover", "params": hover},
        {"id": 3, "method": "shutdown"},
        {"method": "exit"},
    ]
    return b"".join(_frame({"jsonrpc": "2.0", **m}) for m in messages)


@needs_strace
@pytest.mark.parametrize("kind", ["hugo", "jekyll", "yeplint-toml"])
def test_a_server_session_opens_nothing_outside(tmp_path: Path, kind: str) -> None:
    pytest.importorskip("pygls")
    site = hostile.build(tmp_path, kind)
    assert _traced(tmp_path, kind, ["server"], stdin=_session(site)) == []
