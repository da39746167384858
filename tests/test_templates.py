"""Template blocks that are not Markdown (issue 27): capture blocks are not linted, one branch of
a conditional renders, and only template syntax that can bring headings hides a page's anchors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import LintFn
from yeplint.document.markdown import parse_body, template_code_lines
from yeplint.document.post import load_text
from yeplint.rules.links import known_anchors


def headings(text: str) -> list[tuple[int, str, int]]:
    body = parse_body(text.split("\n"), 0)
    return [(h.level, h.text, h.span.line) for h in body.headings]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("{%- set codeBlock %}", "{%- endset %}"),
        ("{% set codeContent %}", "{% endset %}"),
        ("{%set x%}", "{%endset%}"),
        ("{%  capture sample  -%}", "{%- endcapture -%}"),
        ("{% macro card(title) %}", "{% endmacro %}"),
        ("{% call card('x') %}", "{% endcall %}"),
        ("{% filter upper %}", "{% endfilter %}"),
    ],
)
def test_a_capture_block_is_not_markdown(opening: str, closing: str) -> None:
    # a shell comment would be an H1, the `---` under the opening tag a setext underline
    text = f"{opening}\n---\n# install it\nnpm install x\n{closing}\n\n## After"
    assert headings(text) == [(2, "After", 7)]
    assert template_code_lines(text.split("\n"), 10) == frozenset(range(11, 16))


def test_an_assignment_is_no_block_and_tags_in_raw_are_text() -> None:
    text = "{% set x = 1 %}\n## One\n{% raw %}{% comment %}{% endraw %}\n## Two"
    assert headings(text) == [(2, "One", 2), (2, "Two", 4)]


def test_a_fence_in_a_capture_block_does_not_swallow_the_page() -> None:
    text = "{% capture sample %}\n```js\nlet x;\n{% endcapture %}\n\n## After"
    assert headings(text) == [(2, "After", 6)]


def test_a_block_never_closed_hides_only_its_own_line() -> None:
    text = "Use `{% highlight ruby %}` to show code.\n\n## Still a heading"
    assert headings(text) == [(2, "Still a heading", 3)]


def test_nested_blocks_end_with_the_outer_one() -> None:
    text = "{% set a %}\n{% set b %}\n# b\n{% endset %}\n# a\n{% endset %}\n# page"
    assert headings(text) == [(1, "page", 7)]


BRANCHES = """\
## Install

{% if site.windows %}
## Setup
### Windows
{% elsif site.mac %}
## Setup
### Mac
{% else %}
## Setup
#### Linux
{% endif %}

{% ifversion ghes %}
## Notes
{% else %}
## Notes
{% endifversion %}

{% unless beta %}
## Beta
{% else %}
## Beta
{% endunless %}

## Setup
"""


def test_the_same_heading_in_two_branches_is_no_duplicate(lint: LintFn) -> None:
    found = lint(BRANCHES, select=["YEP207"])
    # the one after the conditional renders beside whichever branch renders
    assert [(d.line, d.message) for d in found] == [
        (26, "duplicate heading `Setup` (also on line 4)")
    ]


def test_a_heading_follows_the_heading_of_its_own_branch(lint: LintFn) -> None:
    text = "## A\n{% if x %}\n# B\n{% else %}\n### C\n{% endif %}\n"
    assert lint(text, select=["YEP205"]) == []  # `### C` follows `## A`, not `# B`
    found = lint(BRANCHES, select=["YEP205"])
    assert [(d.line, d.message) for d in found] == [
        (11, "heading level 4 follows level 2: level 3 is skipped")
    ]


def anchors_of(body: str) -> frozenset[str] | None:
    post = load_text(Path("p.md"), "p.md", f"---\ntitle: T\n---\n{body}\n".encode())
    return known_anchors(post)


@pytest.mark.parametrize(
    "body",
    [
        "## Kop\n\nSee [hello]({{ site.baseurl }}/posts/hello/#details).",
        "## Kop\n\nHello {{ page.title }}, {% if x %}yes{% endif %}.",
        "## Kop\n\n{% assign x = 1 %}{% capture y %}\n# no\n{% endcapture %}",
        "## Kop\n\n{% raw %}\n{% include x.html %}\n{% endraw %}",
        "## Kop\n\n```liquid\n{{ content }}\n```",
        '## Kop\n\nSee [x]({{< ref "other.md" >}}).',
    ],
)
def test_template_syntax_that_brings_no_heading_keeps_the_anchors(body: str) -> None:
    assert anchors_of(body) == frozenset({"kop"})


@pytest.mark.parametrize(
    "body",
    [
        "## Kop\n\n{% include toc.html %}",
        "## Kop\n\n{%- render 'card' -%}",
        "## Kop\n\n{% for p in posts %}\n## {{ p.title }}\n{% endfor %}",
        "## Kop {{ version }}",
        "## Kop\n\n{{ content }}",
        "## Kop\n\n> {{ page.intro | markdownify }}",
        '## Kop\n\n<a id="{{ x }}"></a>',
        "## Kop\n\n{{< youtube abc >}}",
        "## Kop\n\n{% callout %}\ntext\n{% endcallout %}",
    ],
)
def test_template_syntax_that_may_bring_headings_makes_the_anchors_unknown(body: str) -> None:
    assert anchors_of(body) is None
