"""The language server, driven over stdio by a real LSP client (pytest-lsp on pygls): open,
change, diagnostics with exact ranges, code actions applied, hover, completion, configuration
changes, a crashing rule and hostile buffers."""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

PAGE = """---
title: Over grenzen
img: groep.jpg
alt: Een groep
date: 2024-01-05
intro: Waar ligt jouw grens?
categories:
  - Effectiviteit
english_title: About boundaries
---

##Waarom grenzen?

![Een foto](weg.jpg)
"""

CRASH = """
from dataclasses import replace

import yeplint.rules
from yeplint.rules.catalogue import RULES

def _crash(post, ctx):
    raise RuntimeError("boom")
    yield

RULES["YEP201"] = replace(RULES["YEP201"], check=_crash)
"""


def _site(root: Path) -> Path:
    blog = root / "content" / "blog"
    for name in ("blog", "trainingen", "coaching"):
        (root / "content" / name).mkdir(parents=True, exist_ok=True)
    (root / "yeplint.toml").write_text('preset = "yep-trainingen"\n')
    (blog / "groep.jpg").write_bytes(_jpeg())
    return blog


def _jpeg() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG")
    return out.getvalue()


def _config(env: dict[str, str] | None = None) -> ClientServerConfig:
    return ClientServerConfig(
        server_command=[sys.executable, "-m", "yeplint", "server"], server_env=env
    )


async def _start(
    client: LanguageClient,
    root: Path,
    debounce: int = 0,
    capabilities: lsp.ClientCapabilities | None = None,
) -> None:
    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)  # type: ignore[untyped-decorator]
    def register(params: lsp.RegistrationParams) -> None:
        client.registered = [r.method for r in params.registrations]  # type: ignore[attr-defined]

    await client.initialize_session(
        lsp.InitializeParams(
            capabilities=capabilities or client_capabilities("visual-studio-code"),
            root_uri=root.as_uri(),
            workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="site")],
            initialization_options={"debounce": debounce},
        )
    )


@pytest_lsp.fixture(config=_config())  # type: ignore[untyped-decorator]
async def client(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    _site(tmp_path)
    await _start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, path: Path, text: str) -> list[lsp.Diagnostic]:
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=path.as_uri(), language_id="markdown", version=1, text=text)
        )
    )
    return await _diagnostics(client, path)


async def _diagnostics(client: LanguageClient, path: Path) -> list[lsp.Diagnostic]:
    """The next diagnostics published for ``path`` (each is taken once)."""
    return await _published(client, path.as_uri())


async def _published(client: LanguageClient, uri: str) -> list[lsp.Diagnostic]:
    """The next diagnostics published for ``uri``, within 30 s.

    The client's table is polled: waiting for "the next notification" misses one that
    arrives before the waiting task first runs, and then waits for one that never comes.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 30
    while uri not in client.diagnostics:
        if loop.time() > deadline:
            raise TimeoutError(f"no diagnostics published for {uri} in 30 s")
        await asyncio.sleep(0.005)
    return list(client.diagnostics.pop(uri))


async def _change(client: LanguageClient, path: Path, text: str, version: int) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def _all_actions(
    client: LanguageClient, page: Path, found: list[lsp.Diagnostic]
) -> Sequence[lsp.Command | lsp.CodeAction]:
    """The code actions for every line of the page."""
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(page.as_uri()),
            range=lsp.Range(lsp.Position(0, 0), lsp.Position(20, 0)),
            context=lsp.CodeActionContext(diagnostics=found),
        )
    )
    assert actions is not None
    return actions


def _codes(found: list[lsp.Diagnostic]) -> list[tuple[object, int, int, int, int]]:
    return [
        (
            d.code,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
        )
        for d in found
    ]


def _edits(action: lsp.CodeAction | lsp.Command, page: Path, version: int) -> list[lsp.TextEdit]:
    """The edits of ``action``, which must be for ``version`` of ``page`` (the client announces
    versioned document changes)."""
    assert isinstance(action, lsp.CodeAction) and action.edit is not None
    assert action.edit.changes is None and action.edit.document_changes is not None
    [change] = action.edit.document_changes
    assert isinstance(change, lsp.TextDocumentEdit)
    assert change.text_document.uri == page.as_uri()
    assert change.text_document.version == version
    return [e for e in change.edits if isinstance(e, lsp.TextEdit)]


def _apply(text: str, edits: Sequence[lsp.TextEdit]) -> str:
    """``edits`` applied as an editor applies them: lines end at CR LF, CR or LF only (not at
    U+2028 or a form feed), columns count UTF-16 code units."""
    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        start, end = _offset(text, edit.range.start), _offset(text, edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def _offset(text: str, position: lsp.Position) -> int:
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    if position.line >= len(starts):
        return len(text)
    index, units = starts[position.line], 0
    while units < position.character and index < len(text) and text[index] not in "\r\n":
        units += 2 if ord(text[index]) > 0xFFFF else 1
        index += 1
    return index


@pytest.mark.asyncio
async def test_diagnostics_on_open_and_change_with_exact_ranges(
    client: LanguageClient, tmp_path: Path
) -> None:
    page = tmp_path / "content" / "blog" / "over-grenzen.nl.md"
    found = await _open(client, page, PAGE)
    assert getattr(client, "registered", None) == ["workspace/didChangeWatchedFiles"]
    assert _codes(found) == [("YEP201", 11, 0, 11, 17), ("YEP301", 13, 0, 13, 20)]
    missing = found[1]
    assert missing.severity == lsp.DiagnosticSeverity.Error
    assert missing.source == "yeplint"
    assert missing.code_description is not None
    assert missing.code_description.href.endswith("/rules/YEP301/")
    assert missing.message.startswith("image `weg.jpg` does not exist")

    (page.parent / "weg.jpg").write_bytes(_jpeg())  # the image appears on disk: no restart
    await _change(client, page, PAGE.replace("##Waarom", "## Waarom"), 2)
    assert _codes(await _diagnostics(client, page)) == []


@pytest.mark.asyncio
async def test_a_quick_fix_is_applied_and_the_diagnostic_goes(
    client: LanguageClient, tmp_path: Path
) -> None:
    page = tmp_path / "content" / "blog" / "over-grenzen.nl.md"
    found = await _open(client, page, PAGE)
    heading = found[0]
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(page.as_uri()),
            range=heading.range,
            context=lsp.CodeActionContext(diagnostics=[heading]),
        )
    )
    assert actions is not None
    titles = [a.title for a in actions if isinstance(a, lsp.CodeAction)]
    assert "Disable YEP201 (no-space-after-hash) for this line" in titles
    fix = next(a for a in actions if isinstance(a, lsp.CodeAction) and a.is_preferred)
    fixed = _apply(PAGE, _edits(fix, page, 1))
    assert "\n## Waarom grenzen?\n" in fixed
    await _change(client, page, fixed, 2)
    assert [d.code for d in await _diagnostics(client, page)] == ["YEP301"]

    disable = next(
        a for a in actions if isinstance(a, lsp.CodeAction) and a.title.startswith("Disable")
    )
    quiet = _apply(PAGE, _edits(disable, page, 1))
    await _change(client, page, quiet, 3)
    assert [d.code for d in await _diagnostics(client, page)] == ["YEP301"]


@pytest.mark.asyncio
async def test_fix_all_and_did_you_mean(client: LanguageClient, tmp_path: Path) -> None:
    page = tmp_path / "content" / "blog" / "over-grenzen.nl.md"
    text = PAGE.replace("categories:", "Categories:").replace("weg.jpg", "Groep.jpg")
    found = await _open(client, page, text)
    assert [d.code for d in found] == ["YEP103", "YEP201", "YEP303"]  # `Categories` once
    actions = await _all_actions(client, page, found)
    wrong_case = next(d for d in found if d.code == "YEP303")
    assert wrong_case.related_information is not None
    assert wrong_case.related_information[0].location.uri == (page.parent / "groep.jpg").as_uri()
    by_title = {a.title: a for a in actions if isinstance(a, lsp.CodeAction)}
    assert "Replace `Categories` with `categories` (YEP103)" in by_title
    rename = by_title["Replace `Categories` with `categories` (YEP103)"]
    assert "\ncategories:\n" in _apply(text, _edits(rename, page, 1))
    fix_all = by_title["yeplint: fix all safe problems in this file"]
    assert fix_all.kind == "source.fixAll.yeplint"
    fixed = _apply(text, _edits(fix_all, page, 1))
    assert "## Waarom grenzen?" in fixed
    assert "Categories:" in fixed  # renaming a key changes content: not a safe fix


@pytest.mark.asyncio
async def test_a_dutch_site_gets_dutch_diagnostics_and_actions(
    client: LanguageClient, tmp_path: Path
) -> None:
    (tmp_path / "yeplint.toml").write_text('preset = "yep-trainingen"\nlang = "nl"\n')
    page = tmp_path / "content" / "blog" / "over-grenzen.nl.md"
    text = PAGE.replace("categories:", "Categories:").replace("weg.jpg", "Groep.jpg")
    found = await _open(client, page, text)
    assert [d.message.split("\n")[0] for d in found] == [
        "onbekend veld `Categories`",
        "geen spatie na `##`: deze regel is daardoor een alinea, geen kop",
        "de afbeelding `Groep.jpg` verschilt in hoofdletters en kleine letters van het bestand",
    ]
    assert found[0].message.split("\n")[1] == "bedoel je `categories`?"
    actions = await _all_actions(client, page, found)
    titles = {a.title for a in actions if isinstance(a, lsp.CodeAction)}
    assert "Vervang `Categories` door `categories` (YEP103)" in titles  # read from the hint
    assert "schrijf `## Waarom grenzen?` (YEP201)" in titles
    assert "Zet YEP201 (no-space-after-hash) uit voor deze regel" in titles


@pytest.mark.asyncio
async def test_hover_shows_the_rules_documentation(client: LanguageClient, tmp_path: Path) -> None:
    page = tmp_path / "content" / "blog" / "over-grenzen.nl.md"
    await _open(client, page, PAGE)
    found = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(page.as_uri()), lsp.Position(11, 3))
    )
    assert found is not None and isinstance(found.contents, lsp.MarkupContent)
    assert found.contents.value.startswith("**YEP201 no-space-after-hash** (error)")
    assert "## How to fix" in found.contents.value
    nothing = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(page.as_uri()), lsp.Position(1, 2))
    )
    assert nothing is None


@pytest.mark.asyncio
async def test_completion_of_keys_categories_and_image_names(
    client: LanguageClient, tmp_path: Path
) -> None:
    page = tmp_path / "content" / "blog" / "over-grenzen.nl.md"
    text = "---\ntitle: X\n\ncategories:\n  - \n---\n\n![Foto](\n"
    await _open(client, page, text)

    async def labels(line: int, character: int) -> list[str]:
        found = await client.text_document_completion_async(
            lsp.CompletionParams(
                lsp.TextDocumentIdentifier(page.as_uri()), lsp.Position(line, character)
            )
        )
        assert isinstance(found, lsp.CompletionList)
        return [item.label for item in found.items]

    keys = await labels(2, 0)
    assert "img" in keys and "english_title" in keys and "title" not in keys  # title is there
    assert "Effectiviteit" in await labels(4, 4)
    assert await labels(7, 8) == ["groep.jpg"]


@pytest.mark.asyncio
async def test_a_broken_configuration_is_one_message_and_the_server_lives_on(
    client: LanguageClient, tmp_path: Path
) -> None:
    page = tmp_path / "content" / "blog" / "over-grenzen.nl.md"
    await _open(client, page, PAGE)
    config = tmp_path / "yeplint.toml"
    config.write_text('preset = "yep-trainingen"\nselekt = ["YEP2"]\n')
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Changed)]
        )
    )
    on_config = await _diagnostics(client, config)
    assert len(on_config) == 1 and "selekt" in on_config[0].message
    assert on_config[0].range.start.line == 1
    assert any("configuration is broken" in m.message for m in client.messages)
    assert await _diagnostics(client, page) == []  # nothing is judged by a broken config

    config.write_text('preset = "yep-trainingen"\nselect = ["YEP3"]\n')  # mended
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Changed)]
        )
    )
    assert [d.code for d in await _diagnostics(client, page)] == ["YEP301"]  # only YEP3 now


@pytest.mark.asyncio
async def test_binary_and_huge_buffers_get_a_diagnostic(
    client: LanguageClient, tmp_path: Path
) -> None:
    blog = tmp_path / "content" / "blog"
    binary = await _open(client, blog / "kapot.nl.md", "\x00\x01PNG\x00" * 100)
    assert [d.code for d in binary] == ["YEP003"]
    huge = await _open(client, blog / "groot.nl.md", "Tekst. " * 200_000)
    assert [d.code for d in huge] == ["YEP013"]


@pytest.mark.asyncio
async def test_a_crashing_rule_is_one_diagnostic_and_the_server_lives_on(
    tmp_path: Path,
) -> None:
    import os

    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(CRASH)
    env = {**os.environ, "PYTHONPATH": f"{hooks}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    site = tmp_path / "site"
    blog = _site(site)
    client = await _config(env).start()
    assert isinstance(client, LanguageClient)
    try:
        await _start(client, site)
        found = await _open(client, blog / "over-grenzen.nl.md", PAGE)
        assert [d.code for d in found] == ["YEP000", "YEP301"]
        assert "rule `YEP201` (no-space-after-hash) crashed: RuntimeError: boom" in found[0].message
        mended = PAGE.replace("##Waarom", "## Waarom").replace("weg.jpg", "groep.jpg")
        await _change(client, blog / "over-grenzen.nl.md", mended, 2)
        again = await _diagnostics(client, blog / "over-grenzen.nl.md")
        assert [d.code for d in again] == ["YEP000"]  # still linting, still the one crash
        await client.shutdown_session()
    finally:
        await client.stop()  # type: ignore[no-untyped-call]


@pytest_lsp.fixture(config=_config())  # type: ignore[untyped-decorator]
async def debounced(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    _site(tmp_path)
    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=tmp_path.as_uri(),
            initialization_options={"debounce": 300},
        )
    )
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_changes_in_quick_succession_are_linted_once(
    debounced: LanguageClient, tmp_path: Path
) -> None:
    page = tmp_path / "content" / "blog" / "over-grenzen.nl.md"
    await _open(debounced, page, PAGE)
    for version in range(2, 6):
        await _change(debounced, page, PAGE.replace("Een foto", f"Foto {version}"), version)
    found = await _diagnostics(debounced, page)
    assert [d.code for d in found] == ["YEP201", "YEP301"]
    await asyncio.sleep(0.6)  # no lint is left waiting for the earlier versions
    assert page.as_uri() not in debounced.diagnostics


def test_the_language_of_a_buffer(tmp_path: Path) -> None:
    """`initializationOptions.lang`, then the configuration's `lang`, then the editor's
    language (`InitializeParams.locale`), then the locale."""
    from yeplint.server.app import YeplintServer

    page = _site(tmp_path) / "post.nl.md"
    server = YeplintServer()
    assert server.lang_for(page) == "en"  # the tests run in the C locale
    server.client_locale = "nl-BE"
    assert server.lang_for(page) == "nl"
    (tmp_path / "yeplint.toml").write_text('preset = "yep-trainingen"\nlang = "en"\n')
    server.forget_config()
    assert server.lang_for(page) == "en"  # the configuration beats the editor
    server.lang = "nl"
    assert server.lang_for(page) == "nl"  # the editor's setting for yeplint beats both


@pytest.mark.parametrize(
    ("text", "line", "offered"),
    [
        ("---\nintro: 1\n---\n", 2, True),
        ("---\nintro: |\n  a\n---\n", 2, True),  # a comment may follow `|`
        # the comment would be part of the value, or end it
        ('---\nintro: "a\n  b"\n---\n', 2, False),
        ("---\nintro: a\n  b\n---\n", 2, False),
        ('+++\nintro = """\na\n"""\n+++\n', 2, False),
        ("+++\nintro = 1\n+++\n", 2, True),
        # JSON has no comments: the page would lose its front matter
        ('{\n  "intro": 1\n}\n', 2, False),
    ],
    ids=["yaml", "yaml-block", "yaml-quoted", "yaml-plain", "toml-string", "toml", "json"],
)
def test_disable_in_the_front_matter_never_changes_its_data(
    text: str, line: int, offered: bool
) -> None:
    """Found probing the code actions: "Disable … for this line" appended
    `# yeplint: disable-line` inside multi-line strings and to JSON."""
    from types import SimpleNamespace

    from yeplint.diagnostics import Diagnostic, Severity
    from yeplint.document.source import split_lines
    from yeplint.server.actions import _disable
    from yeplint.server.app import Linted, to_lsp

    d = Diagnostic("p.md", line, 1, line, 2, "YEP101", "schema-violation", Severity.ERROR, "x")
    ls = SimpleNamespace(client_capabilities=SimpleNamespace(workspace=None))
    lines = split_lines(text)
    action = _disable(ls, "file:///p.md", d, to_lsp(d, lines, "en"), lines, Linted(1, text, [d]))  # type: ignore[arg-type]
    assert (action is not None) == offered


@pytest_lsp.fixture(config=_config())  # type: ignore[untyped-decorator]
async def typing(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    """VS Code in the middle of typing: the lint of each change waits a minute, so every
    request comes before it."""
    _site(tmp_path)
    await _start(lsp_client, tmp_path, debounce=60_000)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=_config())  # type: ignore[untyped-decorator]
async def plain(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    """A client that announces nothing (no versioned document changes), in the middle of typing."""
    _site(tmp_path)
    await _start(lsp_client, tmp_path, debounce=60_000, capabilities=lsp.ClientCapabilities())
    yield
    await lsp_client.shutdown_session()


async def _actions(
    client: LanguageClient, page: Path, line: int, only: list[str] | None = None
) -> list[lsp.CodeAction]:
    found = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(page.as_uri()),
            range=lsp.Range(lsp.Position(line, 0), lsp.Position(line, 0)),
            context=lsp.CodeActionContext(diagnostics=[], only=only),
        )
    )
    assert found is not None
    return [a for a in found if isinstance(a, lsp.CodeAction)]


@pytest.mark.asyncio
async def test_fix_all_on_save_is_made_from_the_text_the_editor_has(
    typing: LanguageClient, tmp_path: Path
) -> None:
    """A line typed just before saving stays, and the heading is fixed once, in an edit for the
    version it was made for."""
    page = tmp_path / "content" / "blog" / "over-grenzen.nl.md"
    await _open(typing, page, PAGE)
    typed = PAGE.replace("![Een foto]", "Een regel, net getypt.\n\n![Een foto]")
    await _change(typing, page, typed, 2)
    [fix_all] = await _actions(typing, page, 0, only=["source.fixAll.yeplint"])
    assert _apply(typed, _edits(fix_all, page, 2)) == typed.replace("##Waarom", "## Waarom")
    now = await _diagnostics(typing, page)  # linted for the request, so published too
    assert _codes(now) == [("YEP201", 11, 0, 11, 17), ("YEP301", 15, 0, 15, 20)]


@pytest.mark.asyncio
async def test_a_quick_fix_after_a_line_was_inserted_above(
    typing: LanguageClient, tmp_path: Path
) -> None:
    page = tmp_path / "content" / "blog" / "over-grenzen.nl.md"
    await _open(typing, page, PAGE)
    typed = PAGE.replace("---\n\n##Waarom", "---\n\n# Titel\n\n##Waarom")
    await _change(typing, page, typed, 2)
    actions = await _actions(typing, page, 13)
    fix = next(a for a in actions if a.is_preferred)
    assert fix.title == "write `## Waarom grenzen?` (YEP201)"
    assert _apply(typed, _edits(fix, page, 2)) == typed.replace("##Waarom", "## Waarom")


@pytest.mark.asyncio
async def test_a_client_without_versioned_edits_gets_plain_ones_of_the_current_text(
    plain: LanguageClient, tmp_path: Path
) -> None:
    page = tmp_path / "content" / "blog" / "over-grenzen.nl.md"
    await _open(plain, page, PAGE)
    typed = PAGE.replace("---\n\n##Waarom", "---\n\nInleiding.\n\n##Waarom")
    await _change(plain, page, typed, 2)
    fix = next(a for a in await _actions(plain, page, 13) if a.is_preferred)
    assert fix.edit is not None and fix.edit.document_changes is None
    assert fix.edit.changes is not None
    fixed = _apply(typed, list(fix.edit.changes[page.as_uri()]))
    assert fixed == typed.replace("##Waarom", "## Waarom")


SEPARATED = PAGE.replace(
    "---\n\n##Waarom",
    "---\n\nEerste zin.\u2028Tweede zin.\x0cDerde.\x1cVierde.\x85Vijfde.\x0bZes.\n\n##Waarom",
)
"""Characters ``str.splitlines`` breaks at, in a line of the body: lines only in Python."""


@pytest.mark.asyncio
async def test_line_separators_do_not_shift_positions(
    client: LanguageClient, tmp_path: Path
) -> None:
    page = tmp_path / "content" / "blog" / "over-grenzen.nl.md"
    found = await _open(client, page, SEPARATED)
    assert _codes(found) == [("YEP201", 13, 0, 13, 17), ("YEP301", 15, 0, 15, 20)]
    actions = await _actions(client, page, 13)
    fix = next(a for a in actions if a.is_preferred)
    assert _apply(SEPARATED, _edits(fix, page, 1)) == SEPARATED.replace("##W", "## W")
    disable = next(a for a in actions if a.title.startswith("Disable"))
    quiet = _apply(SEPARATED, _edits(disable, page, 1))
    assert quiet == SEPARATED.replace("##W", "<!-- yeplint-disable-next-line YEP201 -->\n##W")

    typed = lsp.TextDocumentContentChangePartial(  # an incremental change below them
        range=lsp.Range(lsp.Position(13, 2), lsp.Position(13, 2)), text=" "
    )
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=page.as_uri(), version=2), [typed]
        )
    )
    assert [d.code for d in await _diagnostics(client, page)] == ["YEP301"]

    image = lsp.TextDocumentContentChangePartial(
        range=lsp.Range(lsp.Position(15, 0), lsp.Position(16, 0)), text="![Foto](\n"
    )
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=page.as_uri(), version=3), [image]
        )
    )
    await _diagnostics(client, page)
    completed = await client.text_document_completion_async(
        lsp.CompletionParams(lsp.TextDocumentIdentifier(page.as_uri()), lsp.Position(15, 8))
    )
    assert isinstance(completed, lsp.CompletionList)
    assert [item.label for item in completed.items] == ["groep.jpg"]


@pytest.mark.asyncio
async def test_a_missing_schema_is_reported_at_its_key_in_the_configuration(
    client: LanguageClient, tmp_path: Path
) -> None:
    config = tmp_path / "yeplint.toml"
    config.write_text(
        'preset = "yep-trainingen"\n\n[[collections]]\nglob = "content/blog/*.md"\n'
        'schema = "schemas/weg.schema.json"\n'
    )
    page = tmp_path / "content" / "blog" / "over-grenzen.nl.md"
    assert await _open(client, page, PAGE) == []  # nothing is judged by a broken config
    [shown] = await _diagnostics(client, config)
    assert (shown.range.start.line, shown.range.start.character) == (4, 0)
    assert f"cannot read schema {tmp_path / 'schemas' / 'weg.schema.json'}" in shown.message


@pytest.mark.asyncio
async def test_a_uri_with_a_query_and_an_overlong_path_are_linted(
    client: LanguageClient, tmp_path: Path
) -> None:
    """A ``?query`` or ``#fragment`` names a view of the file; a path over PATH_MAX (or a name
    over NAME_MAX) cannot be looked at on disk, but the editor sent its text."""
    blog = tmp_path / "content" / "blog"
    for name in ("over-grenzen.nl.md?versie=2", "over-grenzen.nl.md#kop"):
        uri = f"{blog.as_uri()}/{name}"
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "markdown", 1, PAGE))
        )
        assert [d.code for d in await _published(client, uri)] == ["YEP201", "YEP301"]
    deep = blog.joinpath(*["map" * 80] * 20, "over-grenzen.nl.md")
    found = _codes(await _open(client, deep, PAGE))
    assert ("YEP201", 11, 0, 11, 17) in found  # and its images are missing, far from home
