"""YEP0xx: reading the file and its front matter block.

These problems are found once, while the file is loaded (see :mod:`yeplint.document.post`); each
rule
here reports the problems of its own kind, so they can be selected, ignored and suppressed like
any other rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from yeplint.diagnostics import Severity, Violation
from yeplint.document.front_matter.yaml import LIBYAML_ONLY, PYYAML_ONLY
from yeplint.document.post import Post
from yeplint.locale.messages import msg
from yeplint.rules.context import Context
from yeplint.rules.rule import rule


def _problems(post: Post, kind: str) -> Iterator[Violation]:
    for problem in post.problems:
        if problem.kind == kind:
            yield Violation(problem.span, problem.message, problem.hint, problem.fix)


@rule("YEP001", "yaml-syntax-error", unsafe_fix=True)
def yaml_syntax_error(post: Post, ctx: Context) -> Iterator[Violation]:
    """The front matter is not valid YAML.

    ## Why is this bad?
    The site cannot read any key of the page, so the build fails or the page is published
    without its title, image and date. The most common cause is an unquoted value that contains
    `: ` (colon and space), which YAML reads as the start of a nested mapping.

    ## Example
    ```yaml
    intro: Coachend leiderschap: de sleutel tot groei
    ```

    ## How to fix
    Quote the value: `intro: 'Coachend leiderschap: de sleutel tot groei'` (double any `'`
    inside it). The diagnostic points at the character where YAML gave up, and for an unclosed
    quote or bracket at the place where it was opened.

    What YAML 1.2 allows but libyaml refuses, such as a flow mapping entry whose value is left
    out right before the `}` (`{a:}`), is reported only on a Jekyll or MkDocs site, whose
    readers (Ruby's Psych, PyYAML) are libyaml; Hugo and js-yaml read it. An anchor defined
    twice is reported only on an MkDocs site, whose PyYAML refuses it: YAML 1.2 lets the later
    one replace the earlier one, as Psych, Hugo and js-yaml do. A tab after a value
    (`title: Kop<TAB>`) is white space to YAML, libyaml and js-yaml, so it is no error here
    either (yamllint reports it: PyYAML's Python reader refuses it).

    ## Fix
    `--fix --unsafe-fixes` turns the example into:
    ```yaml
    intro: 'Coachend leiderschap: de sleutel tot groei'
    ```

    ## Options
    None.
    """
    yield from _problems(post, "yaml-syntax-error")
    if ctx.settings.generator in ("jekyll", "mkdocs"):
        yield from _problems(post, LIBYAML_ONLY)
    if ctx.settings.generator == "mkdocs":
        yield from _problems(post, PYYAML_ONLY)


@rule("YEP002", "invalid-encoding")
def invalid_encoding(post: Post, ctx: Context) -> Iterator[Violation]:
    """The file is not UTF-8.

    ## Why is this bad?
    Site generators read Markdown as UTF-8. A file saved as Latin-1/Windows-1252 or UTF-16 shows
    `Ã©` or `�` instead of `é` on the live site, or fails the build.

    ## Example
    A post written in an old editor that saved `café` as the single byte `0xe9`.

    ## How to fix
    Save the file as UTF-8 (without a byte order mark). The diagnostic points at the first
    byte that is not UTF-8; the rest of the file is still checked.

    ## Options
    None.
    """
    return _problems(post, "invalid-encoding")


@rule("YEP003", "binary-file")
def binary_file(post: Post, ctx: Context) -> Iterator[Violation]:
    """A file with a Markdown extension holds binary data.

    ## Why is this bad?
    It is not a page: an image or document saved with the wrong name, which the site turns into
    a page of garbage or fails on.

    ## Example
    `foto.md` that contains the bytes of a JPEG.

    ## How to fix
    Rename the file to its real extension, or remove it.

    ## Options
    None.
    """
    return _problems(post, "binary-file")


@rule("YEP004", "unterminated-front-matter")
def unterminated_front_matter(post: Post, ctx: Context) -> Iterator[Violation]:
    """The front matter has an opening `---` but no closing one.

    ## Why is this bad?
    The site reads the whole file as front matter (and fails) or as text with a stray line.

    ## Example
    ```markdown
    ---
    title: Growth mindset

    Eerste alinea …
    ```

    ## How to fix
    Add a line `---` after the last key. When a `---` further down (a thematic break) closes the
    block instead, the site reads the text up to it as YAML and fails: the diagnostic then
    points at the first line of text after the keys, where the closing `---` belongs.

    ## Options
    None.
    """
    return _problems(post, "unterminated-front-matter")


@rule("YEP005", "misplaced-front-matter")
def misplaced_front_matter(post: Post, ctx: Context) -> Iterator[Violation]:
    """The front matter does not start on the first line.

    ## Why is this bad?
    Front matter is only recognised when `---` is the very first line. After a blank line it is
    rendered as a horizontal rule and a paragraph of `key: value` text.

    ## Example
    ```markdown

    ---
    title: Weekplanning
    ---
    ```

    ## How to fix
    Remove the lines above the opening `---`. yeplint still reads the block, so the other
    front matter rules run on it.

    ## Options
    None.
    """
    return _problems(post, "misplaced-front-matter")


@rule("YEP006", "unsupported-front-matter")
def unsupported_front_matter(post: Post, ctx: Context) -> Iterator[Violation]:
    """The front matter is TOML (`+++`) or JSON (`{ … }` as the first block), which this
    site's configuration does not read.

    ## Why is this bad?
    With YAML front matter only, a TOML or JSON block is published as text and the page has
    no title, date or image. A JSON block is recognised only when it is a complete JSON
    object; a template tag (`{{ … }}`, `{% … %}`) at the top is not one.

    ## Example
    ```markdown
    +++
    title = "Netwerken"
    +++
    ```

    ## How to fix
    Rewrite it as YAML between `---` lines. Hugo and Zola read TOML (and Hugo JSON) front
    matter: whether a site accepts them is configuration (the generator issue).

    ## Options
    None.
    """
    return _problems(post, "unsupported-front-matter")


@rule("YEP007", "front-matter-not-mapping")
def front_matter_not_mapping(post: Post, ctx: Context) -> Iterator[Violation]:
    """The front matter is a list or a single value instead of `key: value` pairs.

    ## Why is this bad?
    The site looks up keys such as `title`; a list or a string has none.

    ## Example
    ```markdown
    ---
    - title: Netwerken
    ---
    ```

    ## How to fix
    Write one `key: value` pair per line, without a leading `- `.

    ## Options
    None.
    """
    return _problems(post, "front-matter-not-mapping")


@rule("YEP008", "duplicate-key")
def duplicate_key(post: Post, ctx: Context) -> Iterator[Violation]:
    """A key appears twice in the same mapping.

    ## Why is this bad?
    YAML forbids it. PyYAML silently keeps the last value, js-yaml refuses the file: the page
    behaves differently depending on the tool, and one of the two values is lost.

    ## Example
    ```yaml
    title: Netwerken
    title: Netwerken voor starters
    ```

    ## How to fix
    Remove one of the two keys.

    ## Options
    None.
    """
    return _problems(post, "duplicate-key")


@rule("YEP009", "invalid-yaml-value")
def invalid_yaml_value(post: Post, ctx: Context) -> Iterator[Violation]:
    """A YAML value that yeplint cannot take as data: an unknown tag, a non-text key, a number
    too long to read.

    ## Why is this bad?
    Tags such as `!!python/object` ask the reader to build objects; yeplint never does and the
    site cannot. Keys that are lists or mappings have no meaning for a page.

    ## Example
    ```yaml
    title: !!python/object:os.system echo
    ```

    ## How to fix
    Remove the tag, use a plain text key, or quote the value.

    ## Options
    None.
    """
    return _problems(post, "invalid-yaml-value")


@rule("YEP010", "yaml-too-complex")
def yaml_too_complex(post: Post, ctx: Context) -> Iterator[Violation]:
    """The front matter expands to a huge or endless structure (aliases) or nests too deeply.

    ## Why is this bad?
    A few lines of anchors and aliases can expand to billions of values ("billion laughs"),
    which hangs every tool that reads them. yeplint stops at 100,000 values and 64 levels.

    ## Example
    ```yaml
    a: &a [x, x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
    ```
    (five lines, 111,111 values)

    ## How to fix
    Write the values out; front matter needs no aliases.

    ## Options
    None.
    """
    return _problems(post, "yaml-too-complex")


@rule("YEP011", "ambiguous-yaml-value", Severity.WARNING)
def ambiguous_yaml_value(post: Post, ctx: Context) -> Iterator[Violation]:
    """An unquoted value that YAML 1.1 and YAML 1.2 readers read differently.

    ## Why is this bad?
    yeplint and the JavaScript site tools read YAML 1.2: `no` is the text "no", `0755` is the
    number 755 and `12:30` is text. PyYAML, Jekyll and other YAML 1.1 readers turn the same
    values into `false`, 493 and 750, so the page changes meaning with the tool that reads it.

    ## Example
    ```yaml
    tijd: 12:30
    online: yes
    ```

    ## How to fix
    Quote the value when you mean text (`tijd: '12:30'`), or write an unambiguous value
    (`online: true`).

    Unlike yamllint's `truthy` and `octal-values`, which ask for a style (only `true` and
    `false`, no octal numbers), this rule reports what the two YAML versions read apart: also
    `10e6` and `0800` (text to YAML 1.1, numbers to 1.2), but not `True` (a boolean to both).
    Keys are not checked.

    ## Options
    None.
    """
    fm = post.front_matter
    if fm is None:
        return
    for item in fm.ambiguities:
        span = fm.locate(item.path)
        yield Violation(
            span,
            msg(
                "`{text}` is read as {here} here, but as {there} by YAML 1.1 tools (PyYAML,"
                " Jekyll)",
                text=item.text,
                here=_describe(item.value12),
                there=_describe(item.value11),
            ),
            msg("quote it if you mean text: `{quoted}`", quoted=f"'{item.text}'"),
        )


def _describe(value: object) -> str:
    if isinstance(value, str):
        return msg("the text `{value}`", value=value)
    if value is None:
        return msg("empty")
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return msg("the number `{value}`", value=str(value))


@rule("YEP000", "internal-error")
def internal_error(post: Post, ctx: Context) -> Iterator[Violation]:
    """yeplint itself failed on this file (a bug in yeplint, not in the file).

    ## Why is this bad?
    A rule crashed, so that rule's problems in this file are unknown. The other rules and files
    are still checked, and the run exits with 2 so that CI does not pass silently.

    ## Example
    Any file that triggers a bug in a rule.

    ## How to fix
    Report it with the file; `yeplint check --debug` prints the traceback. Meanwhile the
    failing rule can be ignored for that file with `per-file-ignores`.

    ## Options
    None. The engine reports this; the rule has nothing of its own to check.
    """
    return iter(())


@rule("YEP012", "unreadable-file")
def unreadable_file(post: Post, ctx: Context) -> Iterator[Violation]:
    """A file that was named or found cannot be read: no permission, not a regular file
    (a FIFO, socket or device), or a broken symlink.

    ## Why is this bad?
    Its content cannot be checked. yeplint never opens FIFOs or devices, which would hang.

    ## Example
    `mkfifo post.md && yeplint check post.md`

    ## How to fix
    Fix the file's permissions or replace it with a regular file.

    ## Options
    None. The engine reports this before the file is parsed. A `select` that leaves it out does
    not turn it off (a run that checked no rule of a file must not pass a CI gate on it); an
    `ignore` or `per-file-ignores` that names it does.
    """
    return iter(())


@rule("YEP013", "file-too-large")
def file_too_large(post: Post, ctx: Context) -> Iterator[Violation]:
    """A file is larger than `max-file-size` (default 1,000,000 bytes) and was skipped.

    ## Why is this bad?
    No page of a content site is that large (the longest Yep page is 12 KB); it is most likely a
    data dump or a generated file with a Markdown name. Reading it would slow every run: on
    hostile input (a megabyte of `[`) the CommonMark parse runs at about 140 KB/s.

    ## Example
    A 50 MB export saved as `archive.md`.

    ## How to fix
    Split the page or move the file out of the content tree; or raise `max-file-size`.

    ## Options
    `max-file-size` (bytes).
    """
    return iter(())


@rule("YEP014", "mixed-line-endings", Severity.WARNING)
def mixed_line_endings(post: Post, ctx: Context) -> Iterator[Violation]:
    """The file mixes line endings (LF, CRLF, CR).

    ## Why is this bad?
    Some tools count lines differently, diffs show every line as changed, and a lone CR
    (classic Mac) is read as a line break by Markdown but not by every editor or grep.

    ## Example
    A post edited on Windows and on Linux, with some lines ending in CRLF and others in LF.

    ## How to fix
    Save the file with LF line endings (`git config core.autocrlf input` helps). Positions
    reported by yeplint are right either way.

    ## Options
    None.
    """
    return _problems(post, "mixed-line-endings")


@rule("YEP015", "unused-suppression", Severity.WARNING)
def unused_suppression(post: Post, ctx: Context) -> Iterator[Violation]:
    """A `yeplint-disable…` comment that hides no problem, or names a rule that hides none
    or that does not exist (like ruff's RUF100).

    ## Why is this bad?
    The problem it was written for has been fixed, or the comment names the wrong rule; left in
    place, it will silently hide the next real problem on that line. A code that names no rule
    (`YEP2O1`, a misspelt name) hides nothing at all: the problem it was meant for is shown,
    and the comment looks as if it worked. In a comment that does hide a problem, a code that
    hides none is reported on its own (`YEP201 YEP301` where only YEP201 had a problem).

    ## Example
    ```markdown
    <!-- yeplint-disable-next-line YEP201 -->
    ## Waarom coaching?
    ```

    ## How to fix
    Remove the comment (or the code that hides nothing), or correct the code it names: the
    hint says the closest rule (``did you mean `YEP201`?``). Only rules that ran on the page
    are judged, so `--select YEP3` or a `per-file-ignores` entry for YEP201 does not report a
    suppression of YEP201; a code that names no rule is reported always.

    ## Options
    None. The engine reports this after applying the suppressions.
    """
    return iter(())


@rule("YEP016", "fix-not-applied")
def fix_not_applied(post: Post, ctx: Context) -> Iterator[Violation]:
    """`--fix` left a file as it was although it has fixable problems, and says why.

    ## Why is this bad?
    The problems it would have fixed are still there. Either the fix would have changed more
    than it claims (after applying a file's fixes yeplint parses the result again, and any
    difference in the front matter data or the Markdown structure other than the fixed
    constructs cancels every fix of that file), or the file could not be rewritten safely: it
    is read-only or in a read-only folder, has several hard links, is a symlink to a file
    outside the content root, changed while yeplint was fixing it, or the disk is full.

    ## Example
    `chmod a-w post.md && yeplint check --fix post.md`

    ## How to fix
    Fix the problems by hand, or remove the cause and run `yeplint check --fix` again. A
    verification failure is a bug in a rule's fix: please report it with the file.

    ## Options
    None. The fixer reports this; the rule has nothing of its own to check.
    """
    return iter(())


@rule("YEP017", "front-matter-syntax-error")
def front_matter_syntax_error(post: Post, ctx: Context) -> Iterator[Violation]:
    """TOML (`+++`) or JSON (`{ … }`) front matter that the site reads is not valid.

    ## Why is this bad?
    The generator stops with an error, or publishes the page without any of its keys. In TOML a
    text value must be quoted, a key may appear once, and a date must be a real one.

    ## Example
    ```markdown
    +++
    title = Netwerken
    +++
    ```

    ## How to fix
    Correct the place the diagnostic points at (`title = "Netwerken"`). Which formats a site
    reads is `front-matter` in the configuration (the `generator` sets it).

    ## Options
    None.
    """
    return _problems(post, "front-matter-syntax-error")
