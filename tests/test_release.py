"""Release readiness: the sdist and wheel build (the message catalogs compiled into the wheel),
pass `twine check`, and the wheel installed in a fresh virtual environment runs
`yeplint check` on the examples, in English and in Dutch."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml

from yeplint import __version__

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_the_release_workflow_builds_checks_and_publishes() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    runs = [s.get("run", "") for s in workflow["jobs"]["build"]["steps"]]
    assert "python -m build" in runs and any("twine check" in r for r in runs)
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"}  # trusted publishing, no token
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML 1.1 reads the `on` key as true


def test_the_wheel_installs_and_runs_in_a_fresh_venv(tmp_path: Path) -> None:
    pytest.importorskip("build")
    pytest.importorskip("twine")
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    built = sorted(p.name for p in dist.iterdir())
    assert built == [f"yeplint-{__version__}-py3-none-any.whl", f"yeplint-{__version__}.tar.gz"]
    subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
        check=True,
        capture_output=True,
        timeout=120,
    )
    import zipfile

    with zipfile.ZipFile(next(dist.glob("*.whl"))) as wheel_file:
        names = wheel_file.namelist()
    assert "yeplint/locale/nl/LC_MESSAGES/yeplint.mo" in names  # compiled by the build
    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=True)
    wheel = next(dist.glob("*.whl"))
    subprocess.run(
        [str(fresh / "bin" / "pip"), "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    done = subprocess.run(
        [str(fresh / "bin" / "yeplint"), "check", "examples/content", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Found 11 errors and 3 warnings in 3 of 4 files checked." in done.stdout
    dutch = subprocess.run(
        [str(fresh / "bin" / "yeplint"), "check", "examples/content", "--no-cache", "--lang", "nl"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "11 fouten en 3 waarschuwingen gevonden" in dutch.stdout, dutch.stdout + dutch.stderr
    schemas = subprocess.run(
        [
            str(fresh / "bin" / "python"),
            "-c",
            "import yeplint.config.page_schemas as s; print(s.builtin_names())",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "blog" in schemas.stdout  # the built-in schemas are in the wheel
