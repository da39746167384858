"""Readers cached by a file's modification time keep a bounded number of versions: the
language server runs for hours and a writer saves the configuration many times."""

from __future__ import annotations

import os
from pathlib import Path

from yeplint.config import astro_content
from yeplint.rules.generator_fm import yep605_astro_schema_violation as yep605
from yeplint.rules.generator_fm import yep606_unknown_layout as yep606

SAVES = 40


def _save(path: Path, text: str, version: int) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(version * 1_000_000_000, version * 1_000_000_000))


def test_the_astro_content_config_keeps_few_versions(tmp_path: Path) -> None:
    config = tmp_path / astro_content.FILES[0]
    config.parent.mkdir(parents=True, exist_ok=True)
    astro_content._read.cache_clear()
    for version in range(1, SAVES + 1):
        _save(config, "export const collections = {};\n", version)
        assert astro_content.read(tmp_path).source == config
    assert astro_content._read.cache_info().currsize < SAVES // 4


def test_the_jekyll_layouts_keep_few_versions(tmp_path: Path) -> None:
    (tmp_path / "_layouts").mkdir()
    (tmp_path / "_layouts" / "post.html").write_text("{{ content }}\n", encoding="utf-8")
    yep606._read_layouts.cache_clear()
    for version in range(1, SAVES + 1):
        _save(tmp_path / "_config.yml", f"title: v{version}\n", version)
        assert yep606.site_layouts(tmp_path) is not None
    assert yep606._read_layouts.cache_info().currsize < SAVES // 4


def test_the_compiled_astro_schemas_are_bounded() -> None:
    """Keyed by the content config as read, which is a new object at each save."""
    assert yep605._compiled.cache_info().maxsize is not None
