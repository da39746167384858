"""Astro leaves a Markdown link to a page's source file (``./usage.md``) as written, and the build
serves no such file (issue 27, item 3; the documented oracle, tests/oracle_sites/starlight, pins
it too): a broken link whose hint names the page's URL. A ``.md`` file in ``public/`` is served
as it is, so a link to it stays right."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_hugo_paths import page, site
from yeplint.cli import main


def test_a_link_to_a_page_file_is_broken_on_astro(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(
        tmp_path,
        {
            "astro.config.mjs": "export default {};\n",
            "src/pages/guide/setup.md": page("[usage](./usage.md) [notes](/notes.md)"),
            "src/pages/guide/usage.md": page("Usage."),
            "public/notes.md": "Served as it is.\n",
        },
    )
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(
        main, ["check", "--no-cache", "--format", "concise", "--select", "YEP401", "."]
    )
    lines = [line for line in done.stdout.splitlines() if ": YEP" in line]
    assert len(lines) == 1, lines
    assert lines[0].startswith("src/pages/guide/setup.md:")
    assert "`./usage.md`" in lines[0] and "Astro" in lines[0]
    shown = CliRunner().invoke(main, ["check", "--no-cache", "--select", "YEP401", "."]).stdout
    assert "`/guide/usage`" in shown or "`/guide/usage/`" in shown
