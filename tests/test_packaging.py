"""The files other tools read: pre-commit hooks, the built-in schemas."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from yeplint.config.page_schemas import builtin_names

ROOT = Path(__file__).resolve().parents[1]


def test_pre_commit_hooks() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"yeplint", "yeplint-content"}
    assert hooks["yeplint"]["types_or"] == ["markdown"]
    assert hooks["yeplint"]["require_serial"] is True
    content = hooks["yeplint-content"]
    assert content["pass_filenames"] is False
    assert content["always_run"] is True  # a commit that only deletes an image passes no file
    assert all("minimum_pre_commit_version" in h for h in hooks.values())


def test_builtin_schemas_are_the_schemas_folder() -> None:
    on_disk = sorted(p.name.removesuffix(".schema.json") for p in (ROOT / "schemas").glob("*.json"))
    assert on_disk == [
        "blog",
        "blog-en",
        "coaching",
        "fallback",
        "team",
        "trainingen",
        "yeplint-config",  # the configuration's own schema, not a collection's
    ]
    assert builtin_names() == [n for n in on_disk if n != "yeplint-config"]


def test_blog_schemas_differ_only_in_their_categories() -> None:
    import json

    dutch = json.loads((ROOT / "schemas" / "blog.schema.json").read_text(encoding="utf-8"))
    english = json.loads((ROOT / "schemas" / "blog-en.schema.json").read_text(encoding="utf-8"))
    for schema in (dutch, english):
        del schema["title"]
        del schema["properties"]["categories"]
    assert dutch == english


def test_ci_docs_workflow_is_valid_yaml() -> None:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    assert len(blocks) == 3  # the action (tests/test_action.py), plain steps, GitLab
    steps = yaml.safe_load(blocks[1])
    runs = [step.get("run", "") for step in steps]
    assert any("--format github" in r for r in runs)
    assert any("--format sarif" in r for r in runs)
    assert yaml.safe_load(blocks[2])["yeplint"]["artifacts"]["reports"]["codequality"]


def test_the_guides_problem_matcher_reads_concise_output() -> None:
    import json

    text = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")  # moved from the README
    task = json.loads(re.findall(r"```json\n(.*?)```", text, re.S)[0])
    pattern = re.compile(task["problemMatcher"]["pattern"]["regexp"])
    error = pattern.match("content/a b.md:3:6: YEP301 image `x.jpg` does not exist")
    assert error is not None
    assert error.groups() == (
        "content/a b.md",
        "3",
        "6",
        "YEP301",
        None,
        "image `x.jpg` does not exist",
    )
    warning = pattern.match("content/a.md:1:12: YEP210 warning: heading ends with `:`")
    assert warning is not None and warning.group(5) == "warning"


def test_the_guides_sample_output_is_what_yeplint_prints() -> None:
    from click.testing import CliRunner

    from yeplint.cli import main

    text = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")  # moved from the README
    sample = re.findall(r"```text\n(.*?)```", text, re.S)[0]
    result = CliRunner().invoke(
        main, ["check", str(ROOT / "examples" / "content"), "--color", "never", "--no-cache"]
    )
    printed = result.output.replace(str(ROOT) + "/", "")
    for line in sample.splitlines():
        assert line in printed.splitlines(), line
