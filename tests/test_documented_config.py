"""Every key the README documents is read from a real TOML file and does what it says."""

from __future__ import annotations

import re
from pathlib import Path

from yeplint.config import _ALL_KEYS, load_settings

README = Path(__file__).resolve().parents[1] / "README.md"


def _documented_example() -> str:
    """The README's configuration example (the first ``toml`` block)."""
    found = re.search(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert found, "the README has a toml example"
    return found.group(1)


def test_the_readme_example_is_read_as_written(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "post.schema.json").write_text('{"type": "object"}')
    (tmp_path / "yeplint.toml").write_text(_documented_example())
    settings = load_settings(start=tmp_path)
    assert settings.respect_gitignore is True
    assert settings.max_image_width == 1600
    assert settings.max_file_size == 1_000_000
    assert settings.image_fields == ("img",)
    assert settings.static_roots == ("static",)
    assert [c.patterns for c in settings.collections] == [("**/posts/*.md",)]


def test_every_key_of_the_example_is_a_known_key() -> None:
    keys = {
        match.group(1)
        for match in re.finditer(r"^([a-z-]+)\s*=", _documented_example(), re.M)
        if match.group(1) not in ("glob", "schema", "max-length")  # inside tables
    }
    assert keys and keys <= _ALL_KEYS, keys - _ALL_KEYS
