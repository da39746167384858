"""Generate a deterministic Yep-shaped content tree for benchmarks.

Usage: python bench/gen_corpus.py OUT_DIR [N] [--seed 1]

Posts spread over blog/trainingen/coaching/team like the real site, with Dutch-like prose,
##/### headings, 1-4 images each (real tiny JPEG/PNG files beside them) and about 5% defects
of every rule family (YAML syntax, schema, dates, headings, missing/wrong-case images, alt
text). The same N and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
import struct
import zlib
from pathlib import Path

WORDS = [
    "de",
    "het",
    "een",
    "en",
    "van",
    "in",
    "op",
    "met",
    "voor",
    "je",
    "we",
    "jouw",
    "team",
    "werk",
    "coaching",
    "training",
    "groei",
    "leiderschap",
    "feedback",
    "samen",
    "doel",
    "plan",
    "tijd",
    "rust",
    "energie",
    "gesprek",
    "vraag",
    "stap",
    "keuze",
    "motivatie",
    "talent",
    "kracht",
    "ervaring",
    "inzicht",
    "oefening",
    "resultaat",
    "verandering",
]
CATEGORIES = ["Effectiviteit", "Begeleidingsvaardigheden", "Carriere", "Talentontwikkeling"]
COLLECTIONS = [("blog", 0.5), ("trainingen", 0.25), ("coaching", 0.15), ("team", 0.1)]

JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c"
    "1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0"
    "000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bff"
    "c400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342"
    "b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758"
    "595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2"
    "b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9fa"
    "ffda0008010100003f00fbd3ffd9"
)


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\x80" * width * 3 for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    text = " ".join(sentence(rng) for _ in range(rng.randint(4, 9)))
    if rng.random() < 0.3:
        words = text.split(" ")
        spot = rng.randrange(len(words))
        words[spot] = f"**{words[spot]}**"
        text = " ".join(words)
    return text


def post(rng: random.Random, collection: str, slug: str, images: list[str], defect: str) -> str:
    title = sentence(rng)[:-1]
    fm = [f"title: '{title}'"]
    if collection == "team":
        fm = [f"name: {title}", f"volgnummer: {rng.randint(1, 20)}"]
    else:
        fm += [f"img: {images[0]}", f"alt: {sentence(rng)[:-1]}"]
        if collection == "blog":
            year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
            fm += [
                f"date: {year}-{month:02d}-{day:02d}",
                f"intro: {sentence(rng)}",
                "categories:",
                f"  - {rng.choice(CATEGORIES)}",
                f"english_title: {sentence(rng)[:-1]}",
            ]
        else:
            fm += [f"volgnummer: {rng.randint(1, 40)}"]
    body = [paragraph(rng), paragraph(rng)]
    for i, image in enumerate(images[1:], start=2):
        body += [f"## {sentence(rng)[:-1]}", paragraph(rng), f"![{sentence(rng)[:-1]}](./{image})"]
        body += [paragraph(rng)]
        if i % 2:
            body += [f"### {sentence(rng)[:-1]}", paragraph(rng), "- " + sentence(rng)]
    body += [f"## {sentence(rng)[:-1]}", paragraph(rng), paragraph(rng)]
    if defect == "yaml":
        fm.append("intro: Coachend leiderschap: de sleutel")
    elif defect == "schema" and collection != "team":
        fm.append("Volgnummer: 3")
    elif defect == "date" and collection == "blog":
        fm[3] = "date: 2018-3-26"
    elif defect == "heading":
        body.insert(1, f"##{sentence(rng)[:-1]}")
    elif defect == "image":
        body.append(f"![Weg](./{slug}-99.jpg)")
    elif defect == "case" and len(images) > 1:
        body.append(f"![Hoofdletters](./{images[1].upper()})")
    elif defect == "alt":
        body.append(f"![](./{images[0]})")
    return "---\n" + "\n".join(fm) + "\n---\n\n" + "\n\n".join(body) + "\n"


def site_links(rng: random.Random, collection: str, earlier: list[tuple[str, str, str]]) -> str:
    """A paragraph linking to earlier posts (their URL, sometimes with the anchor of their
    first heading), about 5% of the links broken (another slug, or an anchor that is not
    there)."""
    links = []
    for _ in range(rng.randint(1, 3)):
        other, slug, anchor = rng.choice(earlier)
        target = f"../../{other}/{slug}" if other != collection else f"./{slug}"
        broken = rng.random() < 0.05
        if broken and rng.random() < 0.5:
            target += "-oud"
        elif rng.random() < 0.3:
            target += "#" + (anchor + "-weg" if broken else anchor)
        links.append(f"[{sentence(rng)[:-1]}]({target})")
    return "Lees ook " + ", ".join(links) + "."


def generate(out: Path, count: int, seed: int = 1, site: bool = False) -> None:
    rng = random.Random(seed)
    extra = random.Random(seed + 1)  # the --site additions, so that the base corpus is unchanged
    earlier: list[tuple[str, str, str]] = []
    small_png = png(8, 6)
    for index in range(count):
        collection = rng.choices([c for c, _ in COLLECTIONS], [w for _, w in COLLECTIONS])[0]
        folder = out / collection
        folder.mkdir(parents=True, exist_ok=True)
        slug = f"post-{index:06d}"
        images = [
            f"{slug}-{i}.{'png' if i % 3 == 0 else 'jpg'}" for i in range(1, rng.randint(2, 5))
        ]
        for name in images:
            (folder / name).write_bytes(small_png if name.endswith(".png") else JPEG)
        defect = rng.choice(["yaml", "schema", "date", "heading", "image", "case", "alt"])
        if rng.random() >= 0.05:
            defect = ""
        text = post(rng, collection, slug, images, defect)
        if site and collection != "team":
            if earlier:
                text += "\n" + site_links(extra, collection, earlier) + "\n"
            heading = next(line for line in text.splitlines() if line.startswith("## "))
            from yeplint.rules.links import github_slug

            earlier.append((collection, slug, github_slug(heading[3:])))
            if collection == "blog" and extra.random() < 0.2:  # an English translation
                english = text.replace("title: '", "title: 'EN ", 1)
                if extra.random() < 0.05:  # drifted: another image
                    english = english.replace(f"img: {images[0]}", "img: ander.jpg", 1)
                (folder / f"{slug}.en.md").write_text(english, encoding="utf-8")
        (folder / f"{slug}.nl.md").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int, nargs="?", default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--site", action="store_true", help="add links, anchors and translations (issue 16)"
    )
    args = parser.parse_args()
    generate(args.out, args.count, args.seed, site=args.site)
    print(f"wrote {args.count} posts to {args.out}")


if __name__ == "__main__":
    main()
