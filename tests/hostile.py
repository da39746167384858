"""Sites built to lead yeplint outside: every way a page, a generator's configuration or a
schema can name a file beside the project (``outside/`` next to ``site/``), and symlinks that
leave it. Used by ``test_strace_outside.py``, which runs the real tool under ``strace``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

SECRET = "SECRET-FROM-OUTSIDE"


def outside(base: Path) -> Path:
    """The folder beside the project that nothing may touch, holding a page, an image, configs
    and schemas a reference could reach."""
    out = base / "outside"
    for folder in ("docs", "content", "themes/t/layouts", "static", "assets", "_includes", "src"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    (out / "secret.md").write_text(f"---\ntitle: {SECRET}\n---\n# {SECRET}\n")
    (out / "docs" / "index.md").write_text(f"# {SECRET}\n")
    (out / "content" / "index.md").write_text(f"# {SECRET}\n")
    (out / "secret.png").write_bytes(_png())
    (out / "static" / "secret.png").write_bytes(_png())
    (out / "base.yml").write_text(f"site_name: {SECRET}\ndocs_dir: docs\n")
    (out / "tsconfig.base.json").write_text('{"compilerOptions": {"paths": {"@x/*": ["./*"]}}}')
    (out / "theme.toml").write_text(f'name = "{SECRET}"\n')
    (out / "secret.json").write_text(json.dumps({"$defs": {"t": {"enum": [SECRET]}}}))
    (out / "secret.toml").write_text(f'select = ["{SECRET}"]\n')
    return out


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    chunks = chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def _targets(out: Path, name: str, depth: int) -> list[str]:
    """Every spelling of ``outside/name`` seen from a page ``depth`` folders below the site."""
    up = "../" * (depth + 1)
    return [
        f"{up}outside/{name}",
        f"{up}{up}{up}outside/{name}",
        out.joinpath(name).as_posix(),
        out.joinpath(name).as_uri(),
        f"//host{out.joinpath(name).as_posix()}",
        f"{up.replace('.', '%2e')}outside/{name}",
        f"{up}outside/{name}".replace("/", "\\"),
        f"{up}outside/{name}#{SECRET.lower()}",
        f"linkdir/{name}",
        "linkfile.md",
        "loop/x.md",
    ]


def page(out: Path, depth: int) -> str:
    """A page whose front matter and body point outside in every way."""
    links = _targets(out, "secret.md", depth)
    images = _targets(out, "secret.png", depth)
    front = [
        "---",
        "title: Hostile",
        f"image: {json.dumps(images[0])}",
        f"cover: {json.dumps(images[2])}",
        f"images: {json.dumps(images)}",
        f"featured_image: {json.dumps(images[3])}",
        "---",
    ]
    body = ["", "# Hostile", ""]
    for target in links:
        body += [f"[link]({target})", "", f'<a href="{target}">a</a>', ""]
    for target in images:
        body += [f"![alt]({target})", "", f'<img src="{target}" alt="a">', ""]
    body += [
        "[ref]: ../../outside/secret.md",
        "",
        '{{< ref "../../outside/secret.md" >}} {{< relref "/../../outside/secret.md" >}}',
        "",
        "{% link ../outside/secret.md %} {% include ../outside/secret.md %}",
        "",
        "{% include_relative ../../outside/secret.md %} {% post_url ../../outside/secret %}",
        "",
        '--8<-- "../outside/secret.md"',
        "",
        "import X from '../../outside/secret.md';",
        "",
    ]
    return "\n".join(front + body) + "\n"


def _links(site: Path, folder: Path, out: Path) -> None:
    """Symlinks in ``folder``: a file, a folder and a page leading outside, a loop, an image."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "linkfile.md").symlink_to(out / "secret.md")
    (folder / "linkdir").symlink_to(out, target_is_directory=True)
    (folder / "loop").symlink_to(folder / "loop2")
    (folder / "loop2").symlink_to(folder / "loop")
    (folder / "self").symlink_to("self")
    (folder / "out-page.md").symlink_to(out / "secret.md")
    (folder / "link.png").symlink_to(out / "secret.png")


def _pages(site: Path, folder: str, out: Path) -> None:
    base = site / folder if folder else site
    _links(site, base, out)
    depth = len(Path(folder).parts) if folder else 0
    (base / "hostile.md").write_text(page(out, depth))
    (base / "sub").mkdir(exist_ok=True)
    (base / "sub" / "deeper.md").write_text(page(out, depth + 1))


def _ignores(site: Path) -> None:
    (site / ".gitignore").write_text("../outside/\n/../outside/secret.md\n!../outside/*\n")
    (site / ".yeplintignore").write_text("../outside/\n")


def hugo(site: Path, out: Path) -> None:
    (site / "hugo.toml").write_text(
        'contentDir = "content"\nthemesDir = "../outside/themes"\ntheme = "t"\n'
        'assetDir = "../outside/assets"\nstaticDir = ["static", "../outside/static",'
        f' "{out / "static"}"]\nlayoutDir = "../outside/layouts"\n'
        '[[module.mounts]]\nsource = "../outside/content"\ntarget = "content"\n'
        f'[[module.mounts]]\nsource = "{out / "static"}"\ntarget = "static"\n'
        '[[module.imports]]\npath = "../outside/themes/t"\n'
    )
    (site / "config").mkdir()
    (site / "config" / "_default").symlink_to(out, target_is_directory=True)
    _pages(site, "content", out)


def hugo_content_outside(site: Path, out: Path) -> None:
    (site / "hugo.toml").write_text(f'contentDir = "{out / "content"}"\n')
    _pages(site, "content", out)


def mkdocs(site: Path, out: Path) -> None:
    (site / "mkdocs.yml").write_text(
        "INHERIT: ../outside/base.yml\nsite_name: x\ndocs_dir: ../outside/docs\n"
        "theme:\n  name: material\n  custom_dir: ../outside/theme\n"
    )
    _pages(site, "docs", out)


def mkdocs_inherit_absolute(site: Path, out: Path) -> None:
    (site / "mkdocs.yml").write_text(f"INHERIT: {out / 'base.yml'}\nsite_name: x\n")
    _pages(site, "docs", out)


def jekyll(site: Path, out: Path) -> None:
    (site / "_config.yml").write_text(
        "source: ../outside\nincludes_dir: ../outside/_includes\nlayouts_dir: ../outside\n"
        "data_dir: ../outside\ncollections_dir: ../outside\n"
    )
    _pages(site, "", out)


def eleventy(site: Path, out: Path) -> None:
    (site / "eleventy.config.js").write_text(
        "export default function (c) {\n  c.addPassthroughCopy('../outside/static');\n"
        "  return { dir: { input: '../outside', includes: '../outside/_includes',"
        " data: '../outside' } };\n}\n"
    )
    (site / "package.json").write_text('{"devDependencies": {"@11ty/eleventy": "3"}}')
    _pages(site, "", out)


def docusaurus(site: Path, out: Path) -> None:
    (site / "docusaurus.config.js").write_text(
        "module.exports = {\n  staticDirectories: ['static', '../outside/static'],\n"
        "  presets: [['classic', { docs: { path: '../outside/docs' },"
        f" blog: {{ path: '{out}' }}, pages: {{ path: '../outside' }} }}]],\n"
        "  plugins: [['@docusaurus/plugin-content-docs', { id: 'x', path: '../outside' }]],\n};\n"
    )
    (site / "sidebars.js").symlink_to(out / "secret.md")
    _pages(site, "docs", out)


def vitepress(site: Path, out: Path) -> None:
    (site / ".vitepress").mkdir()
    (site / ".vitepress" / "config.mts").write_text(
        "export default { srcDir: '../outside', srcExclude: ['../outside/**'] }\n"
    )
    _pages(site, "", out)


def astro(site: Path, out: Path) -> None:
    (site / "astro.config.mjs").write_text("export default { srcDir: '../outside/src' }\n")
    (site / "tsconfig.json").write_text(
        json.dumps(
            {
                "extends": "../outside/tsconfig.base.json",
                "compilerOptions": {"baseUrl": "..", "paths": {"~/*": ["outside/*"]}},
            }
        )
    )
    (site / "src" / "content").mkdir(parents=True)
    (site / "src" / "content.config.ts").write_text(
        "import { defineCollection, z } from 'astro:content';\n"
        "import { glob } from 'astro/loaders';\n"
        "export const collections = { blog: defineCollection({ loader: glob({ pattern: '**/*.md',"
        " base: '../outside' }), schema: z.object({ title: z.string() }) }) };\n"
    )
    _pages(site, "src/content/blog", out)


def zola(site: Path, out: Path) -> None:
    (site / "config.toml").write_text(
        'base_url = "https://x"\ntheme = "../../outside"\n[extra]\nlogo = "../outside/secret.png"\n'
    )
    (site / "themes").mkdir()
    _pages(site, "content", out)


def yeplint_toml(site: Path, out: Path) -> None:
    (site / "schemas").mkdir()
    (site / "schemas" / "s.json").write_text(
        json.dumps(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": "https://example.invalid/s.json",
                "type": "object",
                "properties": {"title": {"$ref": "https://example.invalid/t.json"}},
            }
        )
    )
    (site / "yeplint.toml").write_text(
        'select = ["ALL"]\n[[collections]]\nglob = "*.md"\nschema = "schemas/s.json"\n'
    )
    _pages(site, "content", out)


SITES: dict[str, Callable[[Path, Path], None]] = {
    "hugo": hugo,
    "hugo-content-outside": hugo_content_outside,
    "mkdocs": mkdocs,
    "mkdocs-inherit-absolute": mkdocs_inherit_absolute,
    "jekyll": jekyll,
    "eleventy": eleventy,
    "docusaurus": docusaurus,
    "vitepress": vitepress,
    "astro": astro,
    "zola": zola,
    "yeplint-toml": yeplint_toml,
    "plain": lambda site, out: _pages(site, "", out),
}


def build(base: Path, kind: str) -> Path:
    """``base/outside`` and ``base/site`` laid out as ``kind``; the site's folder."""
    out = outside(base)
    site = base / "site"
    site.mkdir()
    _ignores(site)
    SITES[kind](site, out)
    return site
