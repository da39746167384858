"""bench/markdownlint_agreement.py hands markdownlint the pages as the generator renders them:
template blocks whose content is no Markdown (`{% set %}…{% endset %}`) blank, as yeplint
reads them, so a code sample's `# comment` is no difference between the two."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from markdownlint_agreement import markdownlint

PAGE = (
    "# Title\n\n{%- set codeBlock %}\n# install it\n---\n{% endset %}\n\n### Deep\n"
    "{% raw %}\n# kept\n{% endraw %}\n"
)

FAKE = """#!/bin/sh
# a stand-in for markdownlint-cli2: MD001 on each line that starts with `# `
shift 2
for file in "$@"; do
    grep -n '^# ' "$file" | cut -d: -f1 | while read -r line; do
        echo "$file:$line MD001 stand-in"
    done
done
"""


def test_markdownlint_reads_template_blocks_blank(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "posts").mkdir(parents=True)
    (site / "posts" / "a.md").write_text(PAGE, encoding="utf-8")
    original = (site / "posts" / "a.md").read_bytes()
    binary = tmp_path / "markdownlint-cli2"
    binary.write_text(FAKE, encoding="utf-8")
    binary.chmod(binary.stat().st_mode | stat.S_IEXEC)
    found = markdownlint(binary, site, [site / "posts" / "a.md"])
    assert sorted(found) == [("posts/a.md", 1, "MD001"), ("posts/a.md", 10, "MD001")]
    assert (site / "posts" / "a.md").read_bytes() == original  # a copy is blanked, not the page
