"""The sites of ../shared/corpus that build offline, and what their copy changes to build so.

Each is built from a copy in a temporary folder (../shared is never written), with its real
generator and its own configuration. What a build would fetch from the network is taken out of
the copy, each change named in ``Shared.changes`` (and printed by ``run.py --shared``); each
touches the theme or the build's assets, never a page's Markdown, so every reference a page
makes is built as the site builds it:

- hugo-docs: the news section's content adapter lists Hugo's releases from GitHub's API (its
  24 generated pages link to GitHub and are no source page); the theme's JavaScript bundle
  needs npm packages (Alpine.js) and its style sheet the Tailwind CLI; the ``img`` shortcode's
  text filter loads a font from GitHub (a local TrueType font instead).
- mkdocs-docs: the ``watch:`` setting names the MkDocs source tree (``mkdocs/``), absent from
  the corpus copy; the plugins and Markdown extensions its ``mkdocs.yml`` names come from PyPI
  into their own virtualenv (``install_mkdocs``).
- jekyll-docs: ``jemoji`` has no Debian package (it turns ``:emoji:`` into images on GitHub's
  asset host: nothing internal); the other plugins are Debian's ``ruby-jekyll-*`` packages.

- vitepress-site: its dependency tree from its own lock file (``pnpm install --frozen-lockfile
  --ignore-scripts`` in the copy; pnpm itself from npm, ``install_pnpm``): npm resolving the
  ``package.json`` anew gives a tree whose theme fails to render. Nothing else changes.

Not here: eleventy-site (its lock file names a GitHub tarball, it asks for Node.js 22.15 and
fetches remote data while building), docusaurus-site and starlight-site (not tried: Astro 7
needs Node.js 22.23).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from oracle.builders import BUILDERS, TOOLS, Builder, BuildError
from oracle.output import Region

MKDOCS_PACKAGES = (
    "mkdocs==1.6.1",
    "pymdown-extensions==13.1.2",
    "markdown-callouts==0.4.0",
    "mdx-gh-links==0.4",
    "mkdocs-click==0.9.0",
    "mkdocs-redirects==1.2.3",
    "mkdocs-autorefs==1.4.5",
    "mkdocs-literate-nav==0.6.3",
    "mkdocstrings==1.0.8",
    "mkdocstrings-python==2.0.11",
)
"""What mkdocs-docs's ``mkdocs.yml`` builds with (the versions the table was measured with)."""
MKDOCS_VENV = TOOLS / "venv" / "mkdocs-docs"

JEKYLL_DEBIAN = (
    "ruby-jekyll-avatar",
    "ruby-jekyll-mentions",
    "ruby-jekyll-redirect-from",
    "ruby-jekyll-sitemap",
)
"""The Debian packages of jekyll-docs's plugins (jekyll-feed and jekyll-seo-tag come with
``jekyll``)."""

FONTS = (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), Path("/usr/share/fonts"))


@dataclass(frozen=True)
class Shared:
    name: str
    """The folder of ../shared/corpus."""
    builder: Builder
    folder: str = ""
    """The site inside that folder (jekyll-docs: ``docs``): where the build and yeplint run."""
    prepare: Callable[[Path], None] | None = None
    changes: tuple[str, ...] = ()
    """What ``prepare`` changes in the copy, said once per run."""
    debian: tuple[str, ...] = ()
    """Debian packages the build needs beside the generator (Jekyll's plugins)."""

    def available(self) -> str | None:
        """``None`` when the site can be built here, else what is missing."""
        missing = self.builder.available()
        if missing is not None:
            return missing
        absent = [p for p in self.debian if not _installed(p)]
        return f"{self.name}: apt-get install {' '.join(absent)}" if absent else None


def _installed(package: str) -> bool:
    """Whether the Debian ``package`` is installed (``dpkg-query``; ``False`` without it)."""
    try:
        done = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except OSError:
        return False
    return done.stdout.strip().endswith(" installed")


def _replace(path: Path, old: str, new: str) -> None:
    """``old`` replaced in ``path``; a ``BuildError`` when the site no longer has it (the
    corpus changed: the change must be looked at again, never silently skipped)."""
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise BuildError(f"{path.name}: {old!r} not found: the site changed, see oracle/shared.py")
    path.write_text(text.replace(old, new), encoding="utf-8")


def _font() -> Path:
    if FONTS[0].is_file():
        return FONTS[0]
    found = sorted(FONTS[1].rglob("*.ttf")) if FONTS[1].is_dir() else []
    if not found:
        raise BuildError("hugo-docs: no TrueType font on this machine (Debian: fonts-dejavu-core)")
    return found[0]


def _hugo_docs(copy: Path) -> None:
    (copy / "content" / "en" / "news" / "_content.gotmpl").unlink()
    (copy / "layouts" / "_partials" / "layouts" / "head" / "head-js.html").write_text("")
    css = copy / "layouts" / "_partials" / "helpers" / "linkcss.html"
    text = css.read_text(encoding="utf-8")
    kept = text.find('{{ define "render-attributes" }}')
    css.write_text(text[kept:] if kept >= 0 else "", encoding="utf-8")
    font = copy / "assets" / "oracle" / "font.ttf"
    font.parent.mkdir(parents=True, exist_ok=True)
    font.write_bytes(_font().read_bytes())
    _replace(
        copy / "layouts" / "_shortcodes" / "img.html",
        '"https://github.com/google/fonts/raw/refs/heads/main/ofl/lato/Lato-Regular.ttf"',
        '"oracle/font.ttf"',
    )


def _mkdocs_docs(copy: Path) -> None:
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"\nwatch:\n(?:  - .*\n)+", "\n", text), encoding="utf-8")


def _jekyll_docs(copy: Path) -> None:
    _replace(copy / "_config.yml", "\n- jemoji\n", "\n")


PNPM = ("pnpm@10.33.0",)
"""The pnpm the Node sites' lock files are installed with (vitepress-site's ``packageManager``)."""
PNPM_BIN = TOOLS / "npm" / "pnpm" / "node_modules" / ".bin" / "pnpm"


def _pnpm_install(copy: Path) -> None:
    """The site's own dependencies, as its lock file pins them, into the copy."""
    done = subprocess.run(
        [str(PNPM_BIN), "install", "--frozen-lockfile", "--ignore-scripts"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise BuildError(f"pnpm install failed ({done.returncode}):\n{done.stderr[-3000:]}")


def _pnpm() -> Path | None:
    return PNPM_BIN if PNPM_BIN.exists() and shutil.which("node") else None


def _venv_bin(venv: Path, name: str) -> Callable[[], Path | None]:
    def find() -> Path | None:
        path = venv / "bin" / name
        return path if path.exists() else None

    return find


SHARED: dict[str, Shared] = {
    s.name: s
    for s in (
        Shared(
            "hugo-docs",
            Builder(
                "hugo",
                BUILDERS["hugo"].command,
                BUILDERS["hugo"].tool,
                "public",
                Region(classes=("content",)),
                hosts=("https://gohugo.io",),
                env=BUILDERS["hugo"].env,
            ),
            prepare=_hugo_docs,
            changes=(
                "content/en/news/_content.gotmpl removed (lists releases from GitHub's API)",
                "head-js.html emptied (its bundle needs npm packages)",
                "linkcss.html keeps only its render-attributes template (Tailwind CLI)",
                "the img shortcode's text filter uses a local font (its own is on GitHub)",
            ),
        ),
        Shared(
            "mkdocs-docs",
            Builder(
                "mkdocs",
                BUILDERS["mkdocs"].command,
                _venv_bin(MKDOCS_VENV, "mkdocs"),
                "site",
                BUILDERS["mkdocs"].region,
                hosts=("https://www.mkdocs.org",),
                env={"DISABLE_MKDOCS_2_WARNING": "true"},
            ),
            prepare=_mkdocs_docs,
            changes=("mkdocs.yml: `watch: [mkdocs]` dropped (the source tree is not in the copy)",),
        ),
        Shared(
            "jekyll-docs",
            Builder(
                "jekyll",
                BUILDERS["jekyll"].command,
                BUILDERS["jekyll"].tool,
                "_site",
                Region(tags=("article",), chrome=("improve", "header-link")),
                hosts=("https://jekyllrb.com",),
            ),
            folder="docs",
            prepare=_jekyll_docs,
            changes=("_config.yml: plugin jemoji dropped (no Debian package)",),
            debian=JEKYLL_DEBIAN,
        ),
        Shared(
            "vitepress-site",
            Builder(
                "vitepress",
                lambda tool, out: [str(tool), "exec", "vitepress", "build", "--outDir", str(out)],
                _pnpm,
                "dist",
                Region(classes=("vt-doc",), chrome=("header-anchor",)),
                hosts=("https://vuejs.org",),
            ),
            prepare=_pnpm_install,
            changes=("its dependencies installed from its pnpm lock file",),
        ),
    )
}


def install_pnpm() -> None:
    """pnpm (``PNPM``, from npm) into the tools folder."""
    folder = PNPM_BIN.parents[2]
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "package.json").exists():
        (folder / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", *PNPM], cwd=folder, check=True)


def install_mkdocs() -> None:
    """The virtualenv mkdocs-docs builds with (``MKDOCS_PACKAGES``, from PyPI)."""
    if not (MKDOCS_VENV / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(MKDOCS_VENV)], check=True)
    pip = [str(MKDOCS_VENV / "bin" / "python"), "-m", "pip", "install", "-q"]
    subprocess.run([*pip, *MKDOCS_PACKAGES], check=True, env={**os.environ})


def install() -> None:
    """What the shared sites build with: MkDocs's plugins (pip), pnpm (npm), Jekyll's plugins
    (apt, as root)."""
    install_mkdocs()
    install_pnpm()
    if os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-q", *JEKYLL_DEBIAN], check=True)
    else:
        print(f"as root: apt-get install {' '.join(JEKYLL_DEBIAN)}")
