"""The CI gate: baselines, --changed-since, --warnings-as-errors, --stdin-filename."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import shared_site
from yeplint.cli import main

BROKEN = "---\ntitle: a\n---\n\n##Kop\n\n## Tot slot:\n"


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=stdin)
    return result.exit_code, result.output


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    return tmp_path


def test_baseline_hides_known_problems_and_survives_edits(site: Path) -> None:
    page = site / "content" / "post.md"
    page.write_text(BROKEN)
    code, out = run("baseline", "content")
    assert (code, out) == (0, "Recorded 2 problems in 1 files to .yeplint-baseline.json.\n")
    document = json.loads((site / ".yeplint-baseline.json").read_text())
    assert [p["code"] for p in document["problems"]] == ["YEP201", "YEP210"]
    assert run("check", "content", "--baseline", ".yeplint-baseline.json", "--color", "never") == (
        0,
        "All checks passed (1 file checked; 2 known in the baseline).\n",
    )
    page.write_text("Nieuwe eerste alinea.\n\n" + BROKEN.replace("---\ntitle: a\n---\n\n", ""))
    assert run("check", "content", "--baseline", ".yeplint-baseline.json")[0] == 0
    page.write_text(BROKEN + "\n###Nog een\n")
    code, out = run(
        "check", "content", "--baseline", ".yeplint-baseline.json", "--format", "concise"
    )
    assert (code, out) == (
        1,
        "content/post.md:9:1: YEP201 [*] no space after `###`: this line is a paragraph, not a "
        "heading\n",
    )


def test_bad_baseline_file_is_usage_error(site: Path) -> None:
    (site / "b.json").write_text("[]")
    code, out = run("check", "content", "--baseline", "b.json")
    assert code == 2 and "is not a yeplint baseline" in out


def test_warnings_as_errors(site: Path) -> None:
    (site / "content" / "post.md").write_text("## Tot slot:\n")
    assert run("check", "content")[0] == 0
    assert run("check", "content", "--warnings-as-errors")[0] == 1


def test_stdin_filename(site: Path) -> None:
    (site / "content" / "foto.jpg").write_bytes(b"")
    text = "![Een groep](foto.jpg)\n\n![Weg](weg.jpg)\n\n##Kop\n"
    code, out = run(
        "check",
        "--stdin-filename",
        "content/nieuw.md",
        "--select",
        "YEP2,YEP301",
        "--format",
        "concise",
        stdin=text.encode(),
    )
    assert code == 1
    assert out.splitlines() == [
        "content/nieuw.md:3:1: YEP301 image `weg.jpg` does not exist",
        "content/nieuw.md:5:1: YEP201 [*] no space after `##`: this line is a paragraph, not a"
        " heading",
    ]


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_takes_changed_pages_and_pages_of_changed_images(site: Path) -> None:
    content = site / "content"
    (content / "a.md").write_text("![Team A](a.jpg)\n")
    (content / "b.md").write_text("![Team B](b.jpg)\n\n##Oud\n")  # an old problem
    (content / "c.md").write_text("Tekst.\n")
    (content / "a.jpg").write_bytes(b"x")
    (content / "b.jpg").write_bytes(b"x")
    git(site, "init", "-q")
    git(site, "add", ".")
    git(site, "commit", "-qm", "start")
    (content / "b.jpg").unlink()  # breaks b.md, which nobody edited: only that is b's to report
    (content / "c.md").write_text("##Kop\n")
    code, out = run("check", "content", "--changed-since", "HEAD", "--format", "concise")
    assert code == 1
    assert out.splitlines() == [
        "content/b.md:1:1: YEP301 image `b.jpg` does not exist",
        "content/c.md:1:1: YEP201 [*] no space after `##`: this line is a paragraph, not a heading",
    ]
    code, out = run("check", "content", "--changed-since", "no-such-ref")
    assert (code, out) == (
        2,
        "yeplint: error: --changed-since: `no-such-ref` is not a commit in this repository\n",
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("ref", ["--output=written.txt", "-p", "HEAD:content/a.md", "HEAD~5"])
def test_a_ref_that_is_no_commit_is_a_usage_error_and_git_writes_nothing(
    site: Path, ref: str
) -> None:
    """A ref is verified as a commit before git sees it anywhere else: an option in its place
    (`--output=FILE` made git diff write the file, and the run pass having checked nothing)."""
    (site / "content" / "a.md").write_text("Tekst.\n")
    git(site, "init", "-q")
    git(site, "add", ".")
    git(site, "commit", "-qm", "start")
    (site / "content" / "a.md").write_text("##Kop\n")
    code, out = run("check", "content", f"--changed-since={ref}")
    assert (code, out) == (
        2,
        f"yeplint: error: --changed-since: `{ref}` is not a commit in this repository\n",
    )
    assert sorted(p.name for p in site.iterdir()) == [".git", "content"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_an_image_is_the_changes_to_report_only_when_it_changed(site: Path) -> None:
    """An orphan image: reported when the change added it (or stopped using it in a page it
    changed), never an old one the change did not touch."""
    content = site / "content"
    (content / "a.md").write_text("Tekst.\n")
    (content / "oud.jpg").write_bytes(b"x")  # an old orphan
    git(site, "init", "-q")
    git(site, "add", ".")
    git(site, "commit", "-qm", "start")
    (content / "a.md").write_text("Andere tekst.\n")
    assert run("check", "content", "--changed-since", "HEAD", "--format", "concise") == (0, "")
    (content / "nieuw.jpg").write_bytes(b"x")
    code, out = run("check", "content", "--changed-since", "HEAD", "--format", "concise")
    assert (code, out) == (
        0,  # a warning
        "content/nieuw.jpg:1:1: YEP501 warning: image `nieuw.jpg` is not used by any page\n",
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_takes_the_pages_linking_to_a_changed_or_deleted_page(site: Path) -> None:
    (site / "yeplint.toml").write_text('preset = "yep-trainingen"\nselect = ["YEP401", "YEP404"]\n')
    blog, trainingen = site / "content" / "blog", site / "content" / "trainingen"
    blog.mkdir()
    trainingen.mkdir()
    (site / "content" / "coaching").mkdir()
    (trainingen / "droom-naar-doel.nl.md").write_text("# Droom\n\n## Waarom\n")
    (trainingen / "improviseren.nl.md").write_text("# Improviseren\n")
    (blog / "a.nl.md").write_text("[x](../../trainingen/droom-naar-doel)\n")
    (blog / "b.nl.md").write_text("[x](../../trainingen/improviseren#waarom)\n")
    (blog / "c.nl.md").write_text("Geen links.\n")
    git(site, "init", "-q")
    git(site, "add", ".")
    git(site, "commit", "-qm", "start")
    (trainingen / "droom-naar-doel.nl.md").unlink()  # breaks a, which nobody edited
    (trainingen / "improviseren.nl.md").write_text("# Improviseren\n\n## Waarom\n")  # mends b
    code, out = run("check", "content", "--changed-since", "HEAD", "--format", "concise")
    assert (code, out) == (
        1,
        "content/blog/a.nl.md:1:1: YEP401 link to `../../trainingen/droom-naar-doel`: no page "
        "at `/trainingen/droom-naar-doel`\n",
    )
    code, out = run("check", "content", "--changed-since", "HEAD", "--format", "json")
    checked = json.loads(out)["files_checked"]
    assert checked == 3  # a and b (they link to a changed page), improviseren; not c


def test_yep_site_baseline_then_one_broken_image(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = shared_site()
    shutil.copytree(source, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    assert run("baseline", "content")[0] == 0
    assert run("check", "content", "--baseline", ".yeplint-baseline.json")[0] == 0
    page = tmp_path / "content" / "coaching" / "andere-themas.nl.md"
    page.write_text(
        page.read_text().replace("img: andere-themas-1.jpg", "img: andere-themas-1.jpeg")
    )
    code, out = run(
        "check", "content", "--baseline", ".yeplint-baseline.json", "--format", "concise"
    )
    assert code == 1
    assert [line for line in out.splitlines() if not line.startswith("yeplint: ")] == [
        # the English twin is checked again: its image is now another one than the Dutch page's
        "content/coaching/andere-themas.en.md:3:6: YEP502 `img` is `andere-themas-1.jpg`; "
        "the nl page has `andere-themas-1.jpeg`",
        "content/coaching/andere-themas.nl.md:3:6: YEP301 image `andere-themas-1.jpeg` "
        "(front matter) does not exist",
    ]


def test_a_problem_keeps_its_identity_when_its_message_is_reworded() -> None:
    from yeplint.diagnostics import Diagnostic, Severity

    def problem(message: str, line: int = 5) -> Diagnostic:
        return Diagnostic(
            "a.md", line, 1, line, 6, "YEP201", "x", Severity.ERROR, message, snippet="##Kop"
        )

    english = problem("no space after `##`: this line is a paragraph, not a heading")
    dutch = problem("geen spatie na `##`: deze regel is een alinea, geen kop", line=9)
    assert english.fingerprint() == dutch.fingerprint()
    assert english.fingerprint() != problem("no space after `###`").fingerprint()
    other = Diagnostic("a.md", 5, 1, 5, 6, "YEP201", "x", Severity.ERROR, "x", snippet="##Doel")
    assert english.fingerprint() != other.fingerprint()


def test_a_version_1_baseline_still_hides_what_it_recorded(site: Path) -> None:
    from yeplint.config.load import load_settings
    from yeplint.engine.baseline import fingerprints
    from yeplint.engine.linter import Linter
    from yeplint.site.discovery import discover

    page = site / "content" / "post.md"
    page.write_text(BROKEN)
    settings = load_settings(start=site)
    found = Linter(settings).run(discover([site / "content"], settings, cwd=site)).diagnostics
    old = [{"fingerprint": fp} for fp in fingerprints(found, legacy=True)]
    (site / "old.json").write_text(json.dumps({"version": 1, "problems": old}))
    assert run("check", "content", "--baseline", "old.json")[0] == 0
    assert run("baseline", "content")[0] == 0
    assert json.loads((site / ".yeplint-baseline.json").read_text())["version"] == 2
    assert run("check", "content", "--baseline", ".yeplint-baseline.json")[0] == 0


@pytest.mark.parametrize(
    "options",
    [[], ["--select", "YEP201"], ["--select", "YEP2", "--format", "github"], ["--ignore", "YEP3"]],
)
def test_a_file_that_could_not_be_read_fails_the_run_whatever_is_selected(
    site: Path, options: list[str]
) -> None:
    """A run that leaves ``unreadable-file`` out of its ``select`` still says that a page was
    not checked, and fails: only an ``ignore`` naming YEP012 (or ``--exit-zero``) passes it."""
    (site / "content" / "gone.md").symlink_to("nowhere.md")
    code, out = run("check", "content/gone.md", "--no-cache", *options)
    assert code == 1 and "YEP012" in out and "a broken or looping symlink" in out
    assert run("check", "content/gone.md", "--no-cache", *options, "--ignore", "YEP012")[0] == 0


def test_a_page_found_in_a_folder_that_cannot_be_read_fails_the_run(site: Path) -> None:
    """A folder walk passed over a FIFO, a broken symlink and a page symlinked out of the
    project without a word: ``check content`` exited 0 on pages it never read."""
    content = site / "content"
    (content / "ok.md").write_text("---\ntitle: a\n---\n\nTekst.\n")
    os.mkfifo(content / "fifo.md")
    (content / "gone.md").symlink_to("nowhere.md")
    (content / "self.md").symlink_to("self.md")
    outside = site.parent / f"{site.name}-outside.md"
    outside.write_text("# Buiten\n")
    (content / "out.md").symlink_to(outside)
    (content / "image.png").symlink_to("nowhere.png")  # no page: not the run's business
    code, out = run("check", "content", "--no-cache", "--format", "concise")
    assert code == 1
    assert sorted(line.split(": ", 1)[1] for line in out.splitlines()) == [
        "YEP012 skipped: a broken or looping symlink",
        "YEP012 skipped: a broken or looping symlink",
        "YEP012 skipped: a symlink that leaves the content root",
        "YEP012 skipped: not a regular file",
    ]
    assert run("check", "content", "--no-cache", "--ignore", "YEP012")[0] == 0
