"""The hooks in .pre-commit-hooks.yaml, run by real pre-commit (``try-repo`` on this checkout,
uncommitted changes included)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("pre_commit")
    return tmp_path_factory.mktemp("pre-commit-home")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def try_repo(
    repo: Path, home: Path, hook: str | None, *args: str
) -> subprocess.CompletedProcess[str]:
    """`pre-commit try-repo` on this checkout: one hook, or every hook when ``hook`` is None."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    hooks = [hook] if hook is not None else []
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), *hooks, *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("##Kop\n")
    (tmp_path / "content" / "b.md").write_text("![Team](team.jpg)\n")
    (tmp_path / "content" / "logo.png").write_bytes(b"")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    return tmp_path


def test_yeplint_hook_fails_then_passes(repo: Path, pre_commit_home: Path) -> None:
    done = try_repo(repo, pre_commit_home, "yeplint", "--files", "content/a.md")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "content/a.md:1:1 YEP201 [*] no space after `##`" in done.stdout
    assert "content/b.md" not in done.stdout  # only the files pre-commit passes
    (repo / "content" / "a.md").write_text("## Kop\n")
    git(repo, "add", ".")
    done = try_repo(repo, pre_commit_home, "yeplint", "--files", "content/a.md")
    assert done.returncode == 0, done.stdout + done.stderr


def test_content_hook_rechecks_the_tree_when_an_image_changes(
    repo: Path, pre_commit_home: Path
) -> None:
    done = try_repo(repo, pre_commit_home, "yeplint-content", "--files", "content/logo.png")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "content/b.md:1:1 YEP301 image `team.jpg` does not exist" in done.stdout


def test_content_hook_runs_when_a_commit_only_deletes_an_image(
    repo: Path, pre_commit_home: Path
) -> None:
    """pre-commit passes no file for a deletion: a hook filtered on image names was skipped."""
    (repo / "content" / "team.jpg").write_bytes(b"")
    (repo / "content" / "a.md").write_text("## Kop\n")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "start")
    git(repo, "rm", "-q", "content/team.jpg")
    done = try_repo(repo, pre_commit_home, "yeplint-content")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "content/b.md:1:1 YEP301 image `team.jpg` does not exist" in done.stdout


def test_content_hook_never_fails_on_an_old_problem_of_an_untouched_page(
    repo: Path, pre_commit_home: Path
) -> None:
    (repo / "content" / "team.jpg").write_bytes(b"")
    (repo / "content" / "b.md").write_text("![Team](team.jpg)\n\n##Oud\n")  # an old problem
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "start")
    (repo / "content" / "c.md").write_text("## Nieuw\n")
    git(repo, "add", "content/c.md")
    done = try_repo(repo, pre_commit_home, "yeplint-content")
    assert done.returncode == 0, done.stdout + done.stderr  # a.md and b.md were not touched

    git(repo, "rm", "-q", "content/team.jpg")  # breaks b.md: that, and only that, is reported
    done = try_repo(repo, pre_commit_home, "yeplint-content")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "content/b.md:1:1 YEP301 image `team.jpg` does not exist" in done.stdout
    assert "YEP201" not in done.stdout and "content/a.md" not in done.stdout


def _both_hooks(
    repo: Path, *, reverse: bool = False, args: dict[str, list[str]] | None = None
) -> None:
    """A .pre-commit-config.yaml running both hooks of .pre-commit-hooks.yaml as they are
    (their entries on this checkout's Python, so the code under test is what runs), each with
    the ``args`` given for its id."""
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        if args and hook["id"] in args:
            hook["args"] = args[hook["id"]]
    if reverse:
        hooks.reverse()
    local = [
        {**hook, "entry": f"{sys.executable} -m yeplint {hook['entry'].removeprefix('yeplint ')}",
         "language": "system"}
        for hook in hooks
    ]  # fmt: skip
    config = {"repos": [{"repo": "local", "hooks": local}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git(repo, "add", ".pre-commit-config.yaml")


def _run(repo: Path, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run"],
        cwd=repo,
        env={**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def _commit_that_breaks_b(repo: Path) -> None:
    """Stage a page with a problem (a.md) and delete the image the untouched b.md shows."""
    (repo / "content" / "team.jpg").write_bytes(b"")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "start")
    (repo / "content" / "a.md").write_text("##Kop\n\nNieuw.\n")
    git(repo, "add", "content/a.md")
    git(repo, "rm", "-q", "content/team.jpg")


@pytest.mark.parametrize("reverse", [False, True], ids=["page-hook-first", "content-hook-first"])
def test_both_hooks_report_each_problem_once(
    repo: Path, pre_commit_home: Path, reverse: bool
) -> None:
    """Whichever hook runs first checks the staged page; the other leaves it out, and the
    content hook reports what the commit breaks elsewhere."""
    _commit_that_breaks_b(repo)
    _both_hooks(repo, reverse=reverse)
    done = _run(repo, pre_commit_home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.count("content/a.md:1:1 YEP201") == 1, done.stdout
    assert done.stdout.count("content/b.md:1:1 YEP301") == 1, done.stdout

    done = _run(repo, pre_commit_home, SKIP="yeplint")  # the page hook skipped: all in one
    assert done.stdout.count("content/a.md:1:1 YEP201") == 1, done.stdout
    assert done.stdout.count("content/b.md:1:1 YEP301") == 1, done.stdout


def test_try_repo_with_every_hook_reports_each_problem_once(
    repo: Path, pre_commit_home: Path
) -> None:
    _commit_that_breaks_b(repo)
    done = try_repo(repo, pre_commit_home, None)  # every hook of this checkout
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.count("content/a.md:1:1 YEP201") == 1, done.stdout
    assert done.stdout.count("content/b.md:1:1 YEP301") == 1, done.stdout


def _verdict(done: subprocess.CompletedProcess[str], name: str) -> str:
    """What pre-commit says of the hook whose name starts so: ``Passed`` or ``Failed``."""
    line = next(line for line in done.stdout.splitlines() if line.startswith(name))
    return line.rsplit(".", 1)[-1]


@pytest.mark.parametrize(
    "narrowed",
    [["--select", "YEP2"], ["--ignore", "YEP3"], ["--severity", "error"], ["--exit-zero"]],
    ids=["select", "ignore", "severity", "exit-zero"],
)
def test_a_narrowed_hook_does_not_vouch_for_a_page(
    repo: Path, pre_commit_home: Path, narrowed: list[str]
) -> None:
    """The page hook, run first with options that hide a missing image (or its failure), used
    to record the page as checked: the content hook left it out, and pre-commit said
    "Passed / Passed" for a commit of a page whose image does not exist."""
    (repo / "content" / "a.md").write_text("## Kop\n\n![Groep](groep.jpg)\n")
    git(repo, "add", ".")
    _both_hooks(repo, args={"yeplint": narrowed})
    done = _run(repo, pre_commit_home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "content/a.md:3:1 YEP301 image `groep.jpg` does not exist" in done.stdout
    assert _verdict(done, "yeplint (staged pages") == "Failed", done.stdout

    if narrowed != ["--exit-zero"]:  # the content hook's own narrowing: it checks all it takes
        _both_hooks(repo, reverse=True, args={"yeplint-content": narrowed})
        done = _run(repo, pre_commit_home)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "content/a.md:3:1 YEP301" in done.stdout


def test_the_hook_that_leaves_a_page_out_fails_on_its_errors_too(
    repo: Path, pre_commit_home: Path
) -> None:
    """A page the other hook reported is not printed twice; the hook that left it out still
    fails, and says why: no record, however old or however it was come by, makes a pass."""
    (repo / "content" / "b.md").write_text("Tekst.\n")
    git(repo, "add", ".")
    _both_hooks(repo)
    done = _run(repo, pre_commit_home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.count("content/a.md:1:1 YEP201") == 1, done.stdout
    assert done.stdout.count("Failed") == 2, done.stdout
    assert (
        "yeplint: content/a.md: 1 error, reported by the other yeplint hook (not repeated here)"
        in done.stdout
    )


def test_a_commit_of_excluded_pages_passes_both_hooks(repo: Path, pre_commit_home: Path) -> None:
    """pre-commit passes every staged file; those the configuration excludes are not checked
    (--force-exclude in both hooks' entry), and a run left with none passes."""
    (repo / "content" / "a.md").write_text("## Kop\n")
    (repo / "content" / "b.md").write_text("![Team](logo.png)\n")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "start")
    (repo / "yeplint.toml").write_text('exclude = ["content/drafts/"]\n')
    (repo / "content" / "drafts").mkdir()
    (repo / "content" / "drafts" / "concept.nl.md").write_text("##Nog niet af\n")
    git(repo, "add", ".")
    for hook in ("yeplint", "yeplint-content"):
        done = try_repo(repo, pre_commit_home, hook, "--files", "content/drafts/concept.nl.md")
        assert done.returncode == 0, done.stdout + done.stderr
