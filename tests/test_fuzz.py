"""Random projects: whatever the settings, front matter, Markdown, file names and catalogs
hold, `check` (and `build`) report problems and never fail with an uncaught exception.

The `ci` profile (the default, see conftest.py) runs a bounded, derandomised number of
examples; run many more with ``pytest tests/test_fuzz.py --hypothesis-profile=long``.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import io
import json
import math
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from conftest import write_files
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.cli import main

#: Builds are slower than checks: a twentieth as many (5 in the `ci` profile).
BUILD_SHARE = 20

# ---- Names, references and text ------------------------------------------------------------

LANGUAGE_TAGS = ("en", "fr", "es", "ar", "ru", "zh-Hans", "de", "he", "ja", "xx", "EN", "fr-CA")
#: Odd characters that have broken tools before: NUL, controls, bidi marks, a lone
#: surrogate's replacement, combining marks, a character outside the BMP.
ODD = ("\x00", "\x01", "\x7f", "\u200f", "\u202e", "\ufeff", "\ufffd", "\u0301", "😀", "\u2028")
#: File names that have broken tools before, beside ordinary ones.
NAMES = (
    "images/chart.png",
    "chart.png",
    "../../outside.png",
    "/etc/passwd",
    "file:///etc/passwd",
    "https://example.org/a.png",
    "http://[::1",
    "data:image/png;base64,iVBORw0KGgo=",
    "a%00b.png",
    "a%2e%2e/b.png",
    "x" * 300,
    "x" * 5000 + ".png",
    "y/" * 3000,
    "#top",
    "01-first.md",
    "02-missing.md#part",
    "mailto:someone@example.org",
    "javascript:alert(1)",
    "",
    " ",
    ".",
    "images",
    "images/",
    "?query",
)


def _text(min_size: int = 0, max_size: int = 30) -> st.SearchStrategy[str]:
    """Text of any characters but lone surrogates (a UTF-8 file cannot hold them)."""
    return st.text(
        st.one_of(
            st.characters(exclude_categories=["Cs"]),
            st.sampled_from(ODD),
        ),
        min_size=min_size,
        max_size=max_size,
    )


words = st.text("abcdefgh éß中ع", min_size=1, max_size=12)
references = st.one_of(
    st.sampled_from(NAMES),
    _text(max_size=20),
    st.builds(lambda name, odd: name + odd, st.sampled_from(NAMES), st.sampled_from(ODD)),
)

# ---- briefing.toml -------------------------------------------------------------------------


def _toml_string(text: str) -> str:
    # JSON's escapes are TOML's; TOML wants DEL escaped too.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def toml_value(value: Any) -> str:
    """A value written as TOML (inline)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        items = (f"{_toml_string(k)} = {toml_value(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    raise TypeError(value)


scalars = st.one_of(
    _text(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)
any_toml = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(_text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
#: For each setting: values it may hold, and values of every other type.
SETTINGS: Mapping[str, st.SearchStrategy[Any]] = {
    "language": st.sampled_from(LANGUAGE_TAGS),
    "languages": st.lists(st.sampled_from(LANGUAGE_TAGS), max_size=3),
    "untranslated": st.sampled_from(("skip", "source", "SOURCE", "other")),
    "paper": st.sampled_from(("A4", "letter", "A5", "HalfLetter", "B5")),
    "handout_paper": st.sampled_from(("A4", "Letter", "A3")),
    "email_budget_mb": st.floats(-1, 10) | st.integers(-1, 10),
    "handout_min_scale": st.floats(0, 2) | st.integers(0, 2),
}
ORGANISATION: Mapping[str, st.SearchStrategy[Any]] = {
    "name": _text(),
    "website": st.sampled_from(("https://example.org", "example.org", "")) | _text(),
    "email": st.sampled_from(("team@example.org", "")),
    "logo": st.sampled_from(("chart.png", "content/test/images/chart.png")) | references,
    "licence": _text(),
}


def _mostly(draw: st.DrawFn, plausible: st.SearchStrategy[Any]) -> Any:
    """A plausible value, or now and then one of any type."""
    return draw(any_toml if draw(st.integers(0, 7)) == 0 else plausible)


GOOD_SETTINGS = (
    "",
    'language = "en"\n[organisation]\nname = "Group"\nlogo = "chart.png"\n',
    'languages = ["en", "fr"]\npaper = "letter"\nuntranslated = "source"\n',
    'language = "fr"\nlanguages = ["fr", "ar", "zh-Hans"]\nhandout_min_scale = 0.5\n',
)


@st.composite
def settings_files(draw: st.DrawFn) -> str:
    """briefing.toml: some settings, each a plausible value or one of any type; half the
    time a file that is fine (a bad setting stops the check before the content is read)."""
    if draw(st.booleans()):
        return draw(st.sampled_from(GOOD_SETTINGS))
    lines = []
    for key, plausible in SETTINGS.items():
        if draw(st.integers(0, 3)) == 0:
            lines.append(f"{key} = {toml_value(_mostly(draw, plausible))}")
    if draw(st.integers(0, 9)) == 0:
        lines.append(f"{_toml_string(draw(_text(max_size=8)))} = {toml_value(draw(any_toml))}")
    shape = draw(st.sampled_from(("table", "table", "table", "value", "none", "nested")))
    if shape == "value":
        lines.append(f"organisation = {toml_value(draw(any_toml))}")
    elif shape in ("table", "nested"):
        lines.append("[organisation]")
        for key, plausible in ORGANISATION.items():
            if draw(st.booleans()):
                lines.append(f"{key} = {toml_value(_mostly(draw, plausible))}")
        if shape == "nested":
            lines.append(f"[organisation.{draw(st.sampled_from(LANGUAGE_TAGS))}]")
            lines.append(f"name = {toml_value(draw(_text() | any_toml))}")
    text = "\n".join(lines) + "\n"
    if draw(st.integers(0, 29)) == 0:  # now and then, not TOML at all
        text += draw(_text(max_size=40))
    return text


# ---- Front matter --------------------------------------------------------------------------

YAML_VALUES = (
    "2016-10-05",
    "2016-02-30",
    "2016-13-01",
    "2016-1-5",
    "2016-10-05T10:00:00+25:00",
    "2016-10-05 10:00:00",
    "2016-10-05T25:61:00Z",
    "0000-01-01",
    "20161005",
    "!!int x",
    "!!float y",
    "!!bool maybe",
    "!!timestamp yesterday",
    "!!binary Zm9v",
    "!!binary 'not base64!'",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!null x",
    "!!str 5",
    "!!python/name:os.system",
    "!unknown tag",
    '"\\ud83d"',
    '"\\ud83d\\ude00"',
    '"\\ude00 end"',
    '"\\x00"',
    '"\\U0010FFFF"',
    "&a [*a]",
    "*nowhere",
    "[a, b, c]",
    "{a: b}",
    "- x",
    "null",
    "~",
    "yes",
    "1e999",
    ".nan",
    "0x1F",
    "''",
    "'unclosed",
    "https://example.org/x",
    "deadbeef1",
    "0.7",
    "0.2",
    "|\n  block\n  text",
)
FRONT_KEYS = (
    "title",
    "subtitle",
    "date",
    "updated",
    "summary",
    "series",
    "authors",
    "keywords",
    "url",
    "cover_image",
    "lead",
    "min_scale",
    "translated_from",
    "other",
    "? [a]",
    "1",
)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """A front matter block (or none, or one never closed) of random keys and values."""
    shape = draw(st.sampled_from(("block", "block", "block", "none", "open")))
    if shape == "none":
        return ""
    lines = ["---"]
    for key in draw(st.lists(st.sampled_from(FRONT_KEYS), max_size=5)):
        if key == "cover_image" and draw(st.booleans()):
            value = json.dumps(draw(references))
        else:
            value = draw(st.sampled_from(YAML_VALUES) | _text(max_size=15) | words.map(json.dumps))
        lines.append(f"{key}: {value}")
    if draw(st.integers(0, 9)) == 0:
        lines.append(draw(_text(max_size=20)))
    if shape == "block":
        lines.append(draw(st.sampled_from(("---", "...", "--- "))))
    return "\n".join(lines) + "\n"


# ---- Markdown ------------------------------------------------------------------------------

FOOTNOTE_LABELS = ("1", "2", "note", "x y", "^", "")


@st.composite
def inline(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(
            st.sampled_from(("word", "word", "note", "image", "link", "html", "code", "odd"))
        )
        if kind == "word":
            parts.append(draw(words))
        elif kind == "note":
            parts.append(f"[^{draw(st.sampled_from(FOOTNOTE_LABELS))}]")
        elif kind == "image":
            alt = draw(st.sampled_from(("", "A chart", "[x]")))
            parts.append(f"![{alt}]({draw(references)})")
        elif kind == "link":
            parts.append(
                f"[{draw(st.sampled_from(('here', 'the report', '')))}]({draw(references)})"
            )
        elif kind == "html":
            tag = draw(
                st.sampled_from(
                    (
                        '<img src="{}" alt="x">',
                        '<a href="{}">x</a>',
                        '<span style="background: url({})">x</span>',
                        "<style>@import '{}';</style>",
                        '<base href="{}">',
                        '<img srcset="{} 2x">',
                        "<b>{}",
                        "</div>{}",
                        "<!-- {} -->",
                    )
                )
            )
            parts.append(tag.format(draw(references).replace('"', "")))
        elif kind == "code":
            parts.append(f"`{draw(words)}`")
        else:
            parts.append(draw(_text(max_size=10)))
    return " ".join(parts)


@st.composite
def markdown_body(draw: st.DrawFn) -> str:
    blocks = []
    if draw(st.booleans()):
        blocks.append(f"# {draw(inline())}")
    for _ in range(draw(st.integers(0, 5))):
        kind = draw(
            st.sampled_from(
                (
                    "para",
                    "para",
                    "heading",
                    "note",
                    "list",
                    "callout",
                    "table",
                    "html",
                    "code",
                    "deep",
                )
            )
        )
        if kind == "para":
            blocks.append(draw(inline()))
        elif kind == "heading":
            blocks.append("#" * draw(st.integers(1, 6)) + " " + draw(inline()))
        elif kind == "note":
            label = draw(st.sampled_from(FOOTNOTE_LABELS))
            more = "\n\n    " + draw(inline()) if draw(st.booleans()) else ""
            blocks.append(f"[^{label}]: {draw(inline())}{more}")
        elif kind == "list":
            blocks.append("\n".join(f"- {draw(inline())}" for _ in range(draw(st.integers(1, 3)))))
        elif kind == "callout":
            name = draw(st.sampled_from(("key", "recommendations", "action", "note", "other")))
            blocks.append(f'!!! {name} "{draw(words)}"\n    - {draw(inline())}')
        elif kind == "table":
            blocks.append(f"| a | b |\n|---|---|\n| {draw(inline())} | x |")
        elif kind == "html":
            blocks.append(f'<div markdown="1">\n{draw(inline())}\n</div>')
        elif kind == "deep":
            depth = draw(st.sampled_from((30, 300)))
            blocks.append(draw(st.sampled_from(("> ", "* ", "<div>", "[", "**"))) * depth + "x")
        else:
            blocks.append(f"```\n{draw(_text(max_size=20))}\n```")
    return "\n\n".join(blocks) + "\n"


@st.composite
def markdown_file(draw: st.DrawFn) -> str:
    return draw(front_matter()) + draw(markdown_body())


# ---- Catalogs ------------------------------------------------------------------------------

CHARSETS = ("UTF-8", "utf-8", "ISO-8859-1", "CHARSET", "no-such-charset", "", "utf-16")
PLURAL_FORMS = (
    "nplurals=2; plural=(n != 1);",
    "nplurals=1; plural=0;",
    "nplurals=x; plural=(n != 1);",
    "nplurals=2; plural=(n !=;",
    "nplurals=2; plural=__import__('os');",
    "garbage",
    "",
)
MESSAGES = (
    "Key messages",
    "Contents",
    "Page %(page)s of %(pages)s",
    "This part has not been translated into %(language)s yet; it is printed in %(source)s.",
)
TRANSLATIONS = (
    "Messages clés",
    "Page %(page)s sur %(pages)s",
    "Page %(pgae)s sur %(pages)s",
    "Page %(page)s",
    "Page %s of %s",
    "100%",
    "%(language",
    "%(language)s %(source)s",
    "",
)


@st.composite
def catalog(draw: st.DrawFn) -> bytes:
    charset = draw(st.sampled_from(CHARSETS))
    plural = draw(st.sampled_from(PLURAL_FORMS))
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=' + charset + '\\n"',
        f'"Plural-Forms: {plural}\\n"',
        "",
    ]
    for _ in range(draw(st.integers(0, 3))):
        message = draw(st.sampled_from(MESSAGES))
        flags = draw(st.sampled_from(("", "#, fuzzy\n", "#, python-format\n")))
        lines.append(f"{flags}msgid {json.dumps(message, ensure_ascii=False)}")
        translation = draw(st.sampled_from(TRANSLATIONS) | _text(max_size=10))
        lines.append(f"msgstr {json.dumps(translation, ensure_ascii=False)}")
        lines.append("")
    if draw(st.integers(0, 9)) == 0:
        lines.append(draw(_text(max_size=20)))
    return "\n".join(lines).encode("utf-8", "surrogatepass")


# ---- Projects ------------------------------------------------------------------------------

SECTION_NAMES = ("01-first", "02-second", "01_x", "10-ten", "3-a b", "99-ü")
#: Publication folders; one name is not UTF-8 (its byte 0xff, as Python names it).
FOLDERS = ("test", "b", "é-folder", "_hidden", ".dot", os.fsdecode(b"t\xffst"))
#: A real image, one pixel.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@st.composite
def projects(draw: st.DrawFn, small: bool = False) -> dict[str, str | bytes]:
    """The files of a project, relative path -> text or bytes: half the time a sound project
    with a few things changed (so that editions are made and their HTML checked), half the
    time anything at all."""
    return draw(sound_projects(small) if draw(st.booleans()) else wild_projects(small))


@st.composite
def wild_projects(draw: st.DrawFn, small: bool = False) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"briefing.toml": draw(settings_files())}
    for folder in draw(st.lists(st.sampled_from(FOLDERS), min_size=1, max_size=1 if small else 2)):
        base = f"content/{folder}"
        if draw(st.integers(0, 9)):
            files[f"{base}/index.md"] = draw(markdown_file())
        for name in draw(st.lists(st.sampled_from(SECTION_NAMES), max_size=1 if small else 3)):
            files[f"{base}/{name}.md"] = draw(markdown_file())
        if draw(st.booleans()):
            files[f"{base}/handout.md"] = draw(markdown_file())
        for _ in range(draw(st.integers(0, 0 if small else 2))):
            stem = draw(st.sampled_from(("index", "handout", *SECTION_NAMES)))
            tag = draw(st.sampled_from(LANGUAGE_TAGS))
            files[f"{base}/{stem}.{tag}.md"] = draw(markdown_file())
        if draw(st.booleans()):
            files[f"{base}/images/chart.png"] = draw(st.sampled_from((PNG, b"not a PNG")))
    if draw(st.integers(0, 4)) == 0:
        tag = draw(st.sampled_from(("fr", "en", "ar", "zh_Hans")))
        files[f"locale/{tag}/LC_MESSAGES/briefing.po"] = draw(catalog())
    files["chart.png"] = PNG  # the logo of some settings
    return files


SOUND_INDEX = """\
---
title: A briefing
date: 2016-10-05
summary: What it is about.
authors: [Policy team]
url: https://example.org/briefing
---
"""
#: Text in the scripts the example's languages use, all of which the fonts cover.
SOUND_WORDS = ("rights", "droits", "derechos", "права", "حقوق", "权利", "«quoted»", "don't")


@st.composite
def sound_inline(draw: st.DrawFn, labels: list[str]) -> str:
    """A line of words, with footnote calls (``labels`` collects them), an image that exists,
    links that work in a PDF, and a little raw HTML."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(("word", "word", "word", "note", "image", "link", "html")))
        if kind == "word":
            parts.append(draw(st.sampled_from(SOUND_WORDS)))
        elif kind == "note":
            label = draw(st.sampled_from(("1", "2", "a")))
            labels.append(label)
            parts.append(f"[^{label}]")
        elif kind == "image":
            parts.append("![A chart](images/chart.png)")
        elif kind == "link":
            parts.append(
                draw(
                    st.sampled_from(
                        ("[the report](https://example.org/r)", "[the first part](01-first.md)")
                    )
                )
            )
        else:
            parts.append(draw(st.sampled_from(("<b>bold</b>", "<span>x</span>", "<br>"))))
    return " ".join(parts)


@st.composite
def sound_markdown(draw: st.DrawFn, title: bool = True) -> str:
    labels: list[str] = []
    blocks = [f"# {draw(st.sampled_from(SOUND_WORDS))}"] if title else []
    for _ in range(draw(st.integers(1, 4))):
        line = draw(sound_inline(labels))
        kind = draw(st.sampled_from(("para", "para", "list", "callout", "quote")))
        if kind == "list":
            line = f"- {line}"
        elif kind == "callout":
            line = f"!!! {draw(st.sampled_from(('key', 'note', 'action')))}\n    {line}"
        elif kind == "quote":
            line = f"> {line}"
        blocks.append(line)
    blocks += [f"[^{label}]: A note about {label}." for label in dict.fromkeys(labels)]
    return "\n\n".join(blocks) + "\n"


@st.composite
def sound_projects(draw: st.DrawFn, small: bool = False) -> dict[str, str | bytes]:
    """A project that builds, with one or two things changed: a setting, a front matter
    value, a reference, a catalog."""
    base = "content/" + draw(st.sampled_from(("test", "é-folder", FOLDERS[-1])))
    index = SOUND_INDEX
    if draw(st.integers(0, 2)) == 0:  # one front matter value changed
        key = draw(st.sampled_from(("title", "date", "summary", "authors", "url", "cover_image")))
        index = index.replace("---\n", f"---\n{key}: {draw(st.sampled_from(YAML_VALUES))}\n", 1)
    files: dict[str, str | bytes] = {
        "briefing.toml": draw(
            st.sampled_from((*GOOD_SETTINGS, None)).flatmap(
                lambda good: st.just(good) if good is not None else settings_files()
            )
        ),
        f"{base}/index.md": index + draw(sound_markdown(title=False)),
        f"{base}/01-first.md": draw(sound_markdown()),
        f"{base}/images/chart.png": PNG,
        "chart.png": PNG,
    }
    if not small:
        files[f"{base}/02-second.md"] = draw(sound_markdown() | markdown_file())
        files[f"{base}/handout.md"] = draw(sound_markdown())
        if draw(st.booleans()):
            tag = draw(st.sampled_from(("es", "ar", "zh-Hans")))
            files[f"{base}/01-first.{tag}.md"] = draw(sound_markdown())
    if draw(st.integers(0, 3)) == 0:
        files["locale/fr/LC_MESSAGES/briefing.po"] = draw(catalog())
    return files


def _write(root: Path, files: Mapping[str, str | bytes]) -> None:
    """The files as bytes (text with any lone surrogates kept, as a broken editor might)."""
    write_files(
        root,
        {
            name: content
            if isinstance(content, bytes)
            else content.encode("utf-8", "surrogatepass")
            for name, content in files.items()
        },
    )


def run_main(argv: list[str]) -> tuple[int, str]:
    """Run the command line in this process: its exit code and everything it printed, to a
    terminal that takes only ASCII (as under ``LC_ALL=C`` on some systems)."""
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict")
    with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
        code = main(argv)
    stream.flush()
    return code, stream.buffer.getvalue().decode("ascii")


def assert_handled(code: int, output: str) -> None:
    assert "internal error" not in output, output
    assert code in (0, 1, 2), (code, output)


@given(files=projects())
def test_check_never_fails_with_an_uncaught_exception(files: dict[str, str | bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        _write(root, files)
        assert_handled(*run_main(["check", str(root)]))


@settings(max_examples=max(1, settings.default.max_examples // BUILD_SHARE))
@given(files=projects(small=True))
def test_build_never_fails_with_an_uncaught_exception(files: dict[str, str | bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "project"
        _write(root, files)
        out = Path(folder) / "out"
        argv = ["build", str(root), "--jobs", "1", "--kind", "pack", "--out", str(out)]
        assert_handled(*run_main(argv))
