"""The editor (issue 29, item 5): a change reaching an idle server is linted at once, not after
a fixed pause; the changes that arrive while a lint runs make one lint, not one each. Counted
(lints run, diagnostics published), never timed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import LanguageClient  # noqa: E402

from yeplint.server import app  # noqa: E402
from yeplint.server.app import YeplintServer, schedule  # noqa: E402

from .test_server import PAGE, _change, _config, _diagnostics, _open, _site  # noqa: E402

URI = "file:///site/content/blog/post.nl.md"


@pytest.fixture
def lints(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The buffers linted, in order (the lint itself left out)."""
    done: list[str] = []

    def publish(ls: YeplintServer, uri: str) -> None:
        ls.pending.pop(uri, None)
        done.append(uri)

    monkeypatch.setattr(app, "publish", publish)
    return done


@pytest.mark.asyncio
async def test_a_change_to_an_idle_server_is_linted_at_once(lints: list[str]) -> None:
    server = YeplintServer()
    schedule(server, URI)
    await asyncio.sleep(0)  # one turn of the loop: no pause waited for
    assert lints == [URI]


@pytest.mark.asyncio
async def test_changes_read_while_a_lint_ran_make_one_lint(lints: list[str]) -> None:
    """The messages that came during a lint are read in one go after it: one lint for all."""
    server = YeplintServer()
    other = URI.replace("post", "other")
    for uri in (URI, URI, other, URI, URI):
        schedule(server, uri)
    await asyncio.sleep(0)
    assert lints == [URI, other]
    schedule(server, URI)  # a change after that lint: linted again
    await asyncio.sleep(0)
    assert lints == [URI, other, URI]


@pytest_lsp.fixture(config=_config())  # type: ignore[untyped-decorator]
async def default(lsp_client: LanguageClient, tmp_path: Path) -> AsyncIterator[None]:
    """A client that sets no debounce: the server's own default."""
    _site(tmp_path)
    await lsp_client.initialize_session(
        lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=tmp_path.as_uri())
    )
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_a_burst_of_changes_ends_in_the_last_text(
    default: LanguageClient, tmp_path: Path
) -> None:
    """Five changes sent in one go: at most one lint each, and the last published is of the
    last text (its YEP201 gone)."""
    page = tmp_path / "content" / "blog" / "over-grenzen.nl.md"
    await _open(default, page, PAGE)
    fixed = PAGE.replace("##Waarom", "## Waarom")
    for version in range(2, 7):
        await _change(default, page, fixed if version == 6 else PAGE, version)
    published = 0
    found: list[lsp.Diagnostic] = [
        lsp.Diagnostic(lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), "", code="YEP201")
    ]
    while any(d.code == "YEP201" for d in found):
        found = await _diagnostics(default, page)
        published += 1
    assert published <= 5
    assert [d.code for d in found] == ["YEP301"]
