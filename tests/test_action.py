"""The GitHub Action (action.yml): its shell steps run here as the runner runs them.

Each `run:` step goes to `bash --noprofile --norc -eo pipefail` (GitHub's `shell: bash`) with
the environment the runner would give it: the step's `env:` with its `${{ }}` expressions
evaluated (inputs, `github.action_path`, earlier steps' outputs read back from their
GITHUB_OUTPUT files), RUNNER_TEMP and a fresh GITHUB_OUTPUT. The `uses:` step
(actions/setup-python) is the one thing stood in for: its `python-path` output is given.

The check step runs the yeplint of this checkout; the install step runs with a stand-in
Python that records what pip is asked for, and, in the slow test, for real.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from yeplint import __version__

ROOT = Path(__file__).resolve().parents[1]
ACTION: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
USES = "<owner>/yeplint@<tag>"  # how docs/ci.md names the action
BIN = Path(sys.executable).parent  # this checkout's yeplint, installed beside the interpreter


@dataclass
class Runner:
    """The runner's side of one job: inputs, outputs of finished steps, the temp folder."""

    workspace: Path
    temp: Path
    inputs: dict[str, str]
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)

    def value(self, expression: str) -> str:
        """The few expressions the action may use; any other one fails the test."""
        parts = expression.split(".")
        if parts[0] == "inputs" and len(parts) == 2:
            default = str(ACTION["inputs"][parts[1]].get("default", ""))
            return self.inputs.get(parts[1], default)
        if parts == ["github", "action_path"]:
            return str(ROOT)
        if parts[0] == "steps" and parts[2] == "outputs" and len(parts) == 4:
            return self.outputs.get(parts[1], {}).get(parts[3], "")
        raise AssertionError(
            f"action.yml uses an expression the test cannot evaluate: {expression}"
        )

    def evaluate(self, text: str) -> str:
        return EXPRESSION.sub(lambda m: self.value(m.group(1)), text)

    def run(self, step_id: str) -> subprocess.CompletedProcess[str]:
        """Run one `run:` step; record its outputs."""
        (step,) = (s for s in STEPS if s.get("id") == step_id)
        assert step["shell"] == "bash"
        assert "${{" not in step["run"], "a step's script must take its values from env"
        output = self.temp / f"output-{step_id}"
        output.write_text("")
        env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(self.temp),
            "RUNNER_TEMP": str(self.temp),
            "GITHUB_OUTPUT": str(output),
            "NO_COLOR": "1",
            **{key: self.evaluate(str(value)) for key, value in step.get("env", {}).items()},
        }
        script = self.temp / f"{step_id}.sh"
        script.write_text(step["run"], encoding="utf-8")
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        self.outputs[step_id] = _outputs(output.read_text(encoding="utf-8"))
        return done

    def action_output(self, name: str) -> str:
        return self.evaluate(ACTION["outputs"][name]["value"])


def _outputs(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def _site(folder: Path) -> Path:
    """A site with one error (a missing image) in a folder with a space, one clean page."""
    broken = folder / "content" / "a b"
    broken.mkdir(parents=True)
    (broken / "p.md").write_text("---\ntitle: Hallo\n---\n\nText.\n\n![x](missing.jpg)\n")
    (folder / "content" / "ok.md").write_text("---\ntitle: Ok\n---\n\nText.\n")
    return folder


def _checking(tmp_path: Path, **inputs: str) -> Runner:
    """A runner whose install step has put this checkout's yeplint in place."""
    temp = tmp_path / "runner"
    temp.mkdir(parents=True)
    runner = Runner(_site(tmp_path / "repo"), temp, inputs)
    runner.outputs["install"] = {"bin": str(BIN)}
    return runner


def _annotations(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("::")]


def test_the_check_step_annotates_and_fails_on_errors(tmp_path: Path) -> None:
    runner = _checking(tmp_path)
    done = runner.run("check")
    assert done.returncode == 1, done.stderr
    assert _annotations(done.stdout) == [
        "::error file=content/a b/p.md,line=7,col=1,endLine=7,endColumn=18,"
        "title=YEP301 missing-image::image `missing.jpg` does not exist"
    ]
    assert "content/a b/p.md:7:1: YEP301" in done.stdout  # the plain lines in the log too
    assert runner.action_output("sarif-file") == ""
    assert not any(runner.workspace.rglob("*.sarif"))


def test_src_and_args_are_split_as_a_shell_splits_them(tmp_path: Path) -> None:
    runner = _checking(tmp_path, src="content/ok.md", args="--select YEP301")
    assert runner.run("check").returncode == 0
    quoted = _checking(tmp_path / "2", src="'content/a b'", args="--ignore 'YEP301'")
    done = quoted.run("check")
    assert (done.returncode, _annotations(done.stdout)) == (0, []), done.stderr
    mark = tmp_path / "ran"
    hostile = _checking(tmp_path / "3", args=f"$(touch {mark}) `touch {mark}`")
    assert hostile.run("check").returncode == 2  # yeplint's usage error, nothing run
    assert not mark.exists()
    unbalanced = _checking(tmp_path / "4", src="'content/a b")
    done = unbalanced.run("check")
    assert done.returncode == 1
    assert done.stderr.strip() == "yeplint action: the src input: No closing quotation"


def test_sarif_and_annotations_come_from_the_same_problems(tmp_path: Path) -> None:
    runner = _checking(tmp_path, **{"sarif-file": "yeplint.sarif"})
    done = runner.run("check")
    assert done.returncode == 1, done.stderr
    assert runner.action_output("sarif-file") == "yeplint.sarif"
    sarif = json.loads((runner.workspace / "yeplint.sarif").read_text(encoding="utf-8"))
    (run,) = sarif["runs"]
    found = [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
        for r in run["results"]
    ]
    annotated = [
        (re.search(r"title=(\S+)", a)[1], int(re.search(r"line=(\d+)", a)[1]))  # type: ignore[index]
        for a in _annotations(done.stdout)
    ]
    assert found == annotated == [("YEP301", 7)]


def test_a_usage_error_fails_the_step_even_with_sarif(tmp_path: Path) -> None:
    runner = _checking(tmp_path, args="--select NOPE999", **{"sarif-file": "out.sarif"})
    done = runner.run("check")
    assert done.returncode == 2
    assert "NOPE999" in done.stderr


def _fake_python(folder: Path) -> Path:
    """A stand-in interpreter: `-m venv DIR` makes DIR/bin/python, which logs its arguments
    (pip's) and whose `yeplint --version` answers."""
    python = folder / "python"
    python.write_text(
        "#!/bin/sh\n"
        'if [ "$1 $2" = "-m venv" ]; then\n'
        '  mkdir -p "$3/bin"\n'
        f'  printf \'#!/bin/sh\\necho "$@" >> "{folder}/pip.log"\\n\' > "$3/bin/python"\n'
        "  printf '#!/bin/sh\\necho yeplint 9.9.9\\n' > \"$3/bin/yeplint\"\n"
        '  chmod +x "$3/bin/python" "$3/bin/yeplint"\n'
        "fi\n"
    )
    python.chmod(0o755)
    return python


@pytest.mark.parametrize(
    ("version", "spec"), [("", str(ROOT)), ("0.2.1", "yeplint==0.2.1"), ("0.2.*", "yeplint==0.2.*")]
)
def test_the_install_step_takes_the_version_or_the_actions_checkout(
    tmp_path: Path, version: str, spec: str
) -> None:
    runner = Runner(tmp_path, tmp_path, {"version": version})
    runner.outputs["python"] = {"python-path": str(_fake_python(tmp_path))}
    done = runner.run("install")
    assert done.returncode == 0, done.stderr
    pip = (tmp_path / "pip.log").read_text().split()
    assert pip[:3] == ["-m", "pip", "install"] and pip[-1] == spec
    assert runner.outputs["install"] == {"bin": str(tmp_path / "yeplint-venv" / "bin")}


def test_setup_python_leaves_the_jobs_python_alone() -> None:
    (setup,) = (s for s in STEPS if "uses" in s)
    assert setup["uses"].startswith("actions/setup-python@")
    assert setup["with"]["update-environment"] is False


@pytest.mark.slow
def test_the_whole_action_installs_this_checkout_and_checks(tmp_path: Path) -> None:
    """Every step for real: a fresh virtual environment, this checkout installed into it
    with pip (as `uses: owner/yeplint@ref` does), then the check."""
    temp = tmp_path / "runner"
    temp.mkdir()
    runner = Runner(_site(tmp_path / "repo"), temp, {"sarif-file": "y.sarif"})
    runner.outputs["python"] = {"python-path": _base_python()}
    installed = runner.run("install")
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout.split()[-1] == __version__
    assert Path(runner.outputs["install"]["bin"]).parent == temp / "yeplint-venv"
    done = runner.run("check")
    assert done.returncode == 1, done.stderr
    assert len(_annotations(done.stdout)) == 1
    assert (runner.workspace / "y.sarif").is_file()


def _base_python() -> str:
    """An interpreter outside this checkout's virtual environment."""
    return getattr(sys, "_base_executable", None) or shutil.which("python3") or sys.executable


def test_actionlint_accepts_the_documented_workflow(tmp_path: Path) -> None:
    """actionlint, when installed, on docs/ci.md's workflow using this action as a local
    one (`uses: ./`, so that it reads action.yml's inputs)."""
    actionlint = shutil.which("actionlint") or shutil.which("actionlint", path=str(BIN))
    if actionlint is None:
        pytest.skip("actionlint is not installed")
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    shutil.copy(ROOT / "action.yml", tmp_path / "action.yml")
    workflow = _documented_workflow().replace(USES, "./")
    (workflows / "content.yml").write_text(workflow, encoding="utf-8")
    done = subprocess.run(
        [actionlint, "-no-color"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_shellcheck_accepts_the_steps(tmp_path: Path) -> None:
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.skip("shellcheck is not installed")
    for step in STEPS:
        if "run" in step:
            script = tmp_path / f"{step['id']}.sh"
            script.write_text(step["run"], encoding="utf-8")
            done = subprocess.run(
                [shellcheck, "--shell=bash", str(script)], capture_output=True, text=True
            )
            assert done.returncode == 0, done.stdout


def _documented_workflow() -> str:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks: list[str] = re.findall(r"```yaml\n(.*?)```", text, re.S)
    return blocks[0]


def test_the_docs_show_the_action_first() -> None:
    workflow: Mapping[str, Any] = yaml.safe_load(_documented_workflow())
    steps = workflow["jobs"]["yeplint"]["steps"]
    (ours,) = (s for s in steps if s.get("uses") == USES)
    assert set(ours["with"]) <= set(ACTION["inputs"])
    upload = steps[steps.index(ours) + 1]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == ours["with"]["sarif-file"]
