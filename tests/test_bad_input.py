"""Input that once stopped the tool with an internal error: each is now one clear line naming
the file (and line), with the right exit code, and the rest of the project still builds."""

from __future__ import annotations

import base64
import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from conftest import CONFIG, INDEX, REPO, base_files, run_cli, write_files

from briefing.cli import main
from briefing.cli.output import printable
from briefing.languages.catalogs import ui_translations
from briefing.languages.tags import parse_language
from briefing.project.load import load_project
from briefing.project.markdown_cache import convert_markdown

LONG = "x" * 5000
#: A real image, one pixel.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
SECTION = "content/test/01-first.md"
LOGO = CONFIG + 'logo = "{}"\n'  # the logo is set on line 9


def _index(line: str) -> str:
    """index.md with ``line`` as the front matter's fourth line (the date's)."""
    return INDEX.replace("date: 2016-10-05", line)


#: case -> (files changed, exit code of `check`, the exact first error line)
CASES = {
    "impossible date": (
        {"content/test/index.md": _index("date: 2016-02-30")},
        1,
        "content/test/index.md:4: front matter: '2016-02-30' is not a date that exists; write "
        "a real date as YYYY-MM-DD, such as 2016-10-05",
    ),
    "impossible time zone": (
        {"content/test/index.md": _index("date: 2016-10-05T10:00:00+25:00")},
        1,
        "content/test/index.md:4: front matter: '2016-10-05T10:00:00+25:00' is not a date that "
        "exists; write a real date as YYYY-MM-DD, such as 2016-10-05",
    ),
    "impossible hour": (
        {"content/test/index.md": _index("updated: 2016-10-05 25:00:00")},
        1,
        "content/test/index.md:4: front matter: '2016-10-05 25:00:00' is not a date that "
        "exists; write a real date as YYYY-MM-DD, such as 2016-10-05",
    ),
    "year zero": (
        {"content/test/index.md": _index("date: 0000-01-01")},
        1,
        "content/test/index.md:4: front matter: '0000-01-01' is not a date that exists; write "
        "a real date as YYYY-MM-DD, such as 2016-10-05",
    ),
    "!!int tag": (
        {"content/test/index.md": _index("date: !!int x")},
        1,
        "content/test/index.md:4: front matter: 'x' cannot be read as !!int; remove the tag, "
        "or write the value in quotes",
    ),
    "!!bool tag": (
        {"content/test/index.md": _index("date: !!bool maybe")},
        1,
        "content/test/index.md:4: front matter: 'maybe' cannot be read as !!bool; remove the "
        "tag, or write the value in quotes",
    ),
    "!!timestamp tag": (
        {"content/test/index.md": _index("date: !!timestamp yesterday")},
        1,
        "content/test/index.md:4: front matter: 'yesterday' is not a date that exists; write "
        "a real date as YYYY-MM-DD, such as 2016-10-05",
    ),
    "lone surrogate in front matter": (
        {"content/test/index.md": INDEX.replace("Test briefing", '"Test \\ud83d briefing"')},
        1,
        "content/test/index.md:2: front matter: title holds \\ud83d, half of a character "
        "written as an escape; write the character itself, or both halves of its pair (such "
        "as \\ud83d\\ude00)",
    ),
    "NUL in an image's name": (
        {SECTION: "# First\n\n![A chart](images/a%00b.png)\n"},
        1,
        "content/test/01-first.md:3: image 'images/a%00b.png': a file name cannot hold the NUL "
        "character (\\x00); refer to the file by its path",
    ),
    "image name of 5000 characters": (
        {SECTION: f"# First\n\n![A chart]({LONG}.png)\n"},
        1,
        f"content/test/01-first.md:3: image '{'x' * 59}'…: the name is too long (5004 "
        "characters); file systems allow 255 bytes for a file or folder name and 4096 for a "
        "path; refer to the file by its path",
    ),
    "NUL in a link": (
        {SECTION: "# First\n\nSee [the notes](notes%00.md).\n"},
        1,
        "content/test/01-first.md:3: link 'notes%00.md': a file name cannot hold the NUL "
        "character (\\x00); correct the link",
    ),
    "link of 5000 characters": (
        {SECTION: f"# First\n\nSee [the notes]({LONG}).\n"},
        1,
        f"content/test/01-first.md:3: link '{'x' * 59}'…: the name is too long (5000 "
        "characters); file systems allow 255 bytes for a file or folder name and 4096 for a "
        "path; correct the link",
    ),
    "image address that does not parse": (
        {SECTION: '# First\n\n<img src="http://[::1" alt="x">\n'},
        1,
        "content/test/01-first.md:3: image 'http://[::1': not a valid address (Invalid IPv6 "
        "URL); refer to the file by its path",
    ),
    "cover image of 5000 characters": (
        {"content/test/index.md": _index(f"cover_image: {LONG}")},
        1,
        f"content/test/index.md:4: cover_image '{'x' * 59}'…: the name is too long (5000 "
        "characters); file systems allow 255 bytes for a file or folder name and 4096 for a "
        "path; refer to the file by its path",
    ),
    "NUL in the cover image": (
        {"content/test/index.md": _index('cover_image: "a\\0b.png"')},
        1,
        "content/test/index.md:4: cover_image 'a\\x00b.png': a file name cannot hold the NUL "
        "character (\\x00); refer to the file by its path",
    ),
    "NUL in the logo": (
        {"briefing.toml": LOGO.format("logo\\u0000.png")},
        2,
        "briefing.toml:9: organisation.logo 'logo\\x00.png': a file name cannot hold the NUL "
        "character (\\x00); give the path of the logo inside the project folder",
    ),
    "logo of 5000 characters": (
        {"briefing.toml": LOGO.format(LONG)},
        2,
        f"briefing.toml:9: organisation.logo '{'x' * 59}'…: the name is too long (5000 "
        "characters); file systems allow 255 bytes for a file or folder name and 4096 for a "
        "path; give the path of the logo inside the project folder",
    ),
    "budget that is not a number": (
        {"briefing.toml": "email_budget_mb = nan\n" + CONFIG},
        2,
        "briefing.toml:1: email_budget_mb must be a number of megabytes, such as 2, not nan",
    ),
    "infinite budget": (
        {"briefing.toml": "email_budget_mb = inf\n" + CONFIG},
        2,
        "briefing.toml:1: email_budget_mb must be a number of megabytes, such as 2, not inf",
    ),
}


def _check(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = run_cli("check", root)
    captured = capsys.readouterr()
    assert "internal error" not in captured.err
    return code, captured.err.splitlines()


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_one_line_at_its_file(case: str, project, capsys) -> None:
    files, code, line = CASES[case]
    assert _check(project(**files), capsys) == (code, [line])


# ---- Every setting, every wrong type --------------------------------------------------------

#: One value of each TOML type, and how messages name it.
VALUES = {
    "int": ("3", "3"),
    "float": ("0.25", "0.25"),
    "bool": ("true", "true"),
    "string": ('"x"', "'x'"),
    "list": ('["A4"]', "a list"),
    "table": ("{ a = 1 }", "a table"),
    "date": ("2016-10-05", "a date or time (2016-10-05)"),
}
#: Each setting, the types it may hold, and what its message asks for.
SETTINGS = {
    "language": ({"string"}, 'must be a language tag in quotes, such as "en"'),
    "languages": ({"list"}, 'must be a list of language tags in quotes, such as ["en", "fr"]'),
    "untranslated": ({"string"}, "must be one of skip, source"),
    "paper": ({"string"}, "must be one of A4, Letter, A5, HalfLetter"),
    "handout_paper": ({"string"}, "must be one of A4, Letter, A5, HalfLetter"),
    "email_budget_mb": ({"int", "float"}, "must be a number of megabytes, such as 2"),
    "handout_min_scale": ({"int", "float"}, "must be a number from 0.5 to 1, such as 0.85"),
    "organisation.name": ({"string"}, "must be text in quotes"),
    "organisation.website": ({"string"}, "must be text in quotes"),
    "organisation.email": ({"string"}, "must be text in quotes"),
    "organisation.logo": ({"string"}, "must be text in quotes"),
    "organisation.licence": ({"string"}, "must be text in quotes"),
}
WRONG = [
    (setting, kind)
    for setting, (allowed, _) in SETTINGS.items()
    for kind in VALUES
    if kind not in allowed
]


def _settings_with(setting: str, value: str) -> tuple[str, int]:
    """briefing.toml with ``setting = value``, and the line it is on."""
    table, _, key = setting.rpartition(".")
    lines = [line for line in CONFIG.splitlines() if not line.startswith(f"{key} =")]
    at = lines.index("[organisation]") + 1 if table else 0
    lines.insert(at, f"{key} = {value}")
    return "\n".join(lines) + "\n", at + 1


@pytest.mark.parametrize(("setting", "kind"), WRONG, ids=[f"{s}={k}" for s, k in WRONG])
def test_a_setting_of_the_wrong_type_is_a_configuration_error(
    setting: str, kind: str, project, capsys
) -> None:
    toml, shown = VALUES[kind]
    text, line = _settings_with(setting, toml)
    wanted = SETTINGS[setting][1]
    assert _check(project(**{"briefing.toml": text}), capsys) == (
        2,
        [f"briefing.toml:{line}: {setting} {wanted}, not {shown}"],
    )


def test_a_language_list_holding_another_type_says_so(project, capsys) -> None:
    root = project(**{"briefing.toml": 'languages = ["en", 3]\n' + CONFIG})
    assert _check(root, capsys) == (
        2,
        [
            "briefing.toml:1: languages must be a list of language tags in quotes, such as "
            '["en", "fr"], not a list holding 3'
        ],
    )


# ---- Footnotes cited more than twice ----------------------------------------------------------

NOTES = """\
# First

Alpha[^a] and beta[^1], gamma[^1] and delta[^1].

Later[^b], again[^1] and once more[^a].

[^1]: The repeated note.
[^a]: Note a.
[^b]: Note b.
"""


def test_a_note_cited_three_times_is_printed_once_and_linked_from_later_calls(
    project, capsys
) -> None:
    root = project(**{SECTION: NOTES})
    assert _check(root, capsys) == (0, [])
    project_ = load_project(root)
    html = project_.publications[0].sections[0].markup.html
    assert html.count('class="footnote"') == 3  # a, 1 and b, each once
    assert html.count("The repeated note.") == 1
    # The four later calls link to their note and take its number from just after its call.
    assert html.count('<a class="footnote-again" data-call="#sec-01-first--note-2-call" ') == 3
    assert html.count('<a class="footnote-again" data-call="#sec-01-first--note-1-call" ') == 1
    assert html.count('id="sec-01-first--note-2-call"') == 1


# ---- Catalogs ---------------------------------------------------------------------------------

FRENCH = 'language = "en"\nlanguages = ["en", "fr"]\nuntranslated = "source"\n'
CATALOG = "locale/fr/LC_MESSAGES/briefing.po"


def _po(
    charset: str = "UTF-8", plural: str = "nplurals=2; plural=(n > 1);", entry: str = ""
) -> str:
    return (
        '# A project catalog\nmsgid ""\nmsgstr ""\n'
        f'"Content-Type: text/plain; charset={charset}\\n"\n'
        f'"Plural-Forms: {plural}\\n"\n\n'
        'msgid "Contents"\nmsgstr "Table des matières"\n\n' + entry
    )


CATALOG_CASES = {
    "unknown charset": (
        _po(charset="no-such-charset"),
        "locale/fr/LC_MESSAGES/briefing.po:4: warning: charset 'no-such-charset' is not one "
        "this tool can read; save the file as UTF-8 and write charset=UTF-8 in its "
        "Content-Type line; until then, this catalog is not used (the built-in words print "
        "instead)",
    ),
    "number of plural forms that is not a number": (
        _po(plural="nplurals=x; plural=(n > 1);"),
        "locale/fr/LC_MESSAGES/briefing.po:5: warning: Plural-Forms: nplurals is not a number "
        "of forms; write it as gettext does, such as nplurals=2; plural=(n != 1);; until "
        "then, this catalog is not used (the built-in words print instead)",
    ),
    "plural rule that does not parse": (
        _po(plural="nplurals=2; plural=(n >;"),
        "locale/fr/LC_MESSAGES/briefing.po:5: warning: Plural-Forms: the plural rule is not "
        "valid (unexpected end of plural form); write it as gettext does, such as nplurals=2; "
        "plural=(n != 1);; until then, this catalog is not used (the built-in words print "
        "instead)",
    ),
    "plural rule that chooses a form there is not": (
        _po(plural="nplurals=2; plural=n % 3;"),
        "locale/fr/LC_MESSAGES/briefing.po:5: warning: Plural-Forms: the plural rule chooses "
        "form 2, but nplurals=2 allows only forms 0 to 1; write it as gettext does, such as "
        "nplurals=2; plural=(n != 1);; until then, this catalog is not used (the built-in "
        "words print instead)",
    ),
    "placeholder that is not the message's": (
        _po(entry='msgid "Page %(page)s of %(pages)s"\nmsgstr "Page %(pgae)s sur %(pages)s"\n'),
        "locale/fr/LC_MESSAGES/briefing.po:10: warning: the translation of 'Page %(page)s of "
        "%(pages)s' uses %(pgae)s, which the message does not have; use its placeholders "
        "(%(page)s, %(pages)s); the built-in words are used until it is fixed",
    ),
    "placeholder left out": (
        _po(entry='msgid "Page %(page)s of %(pages)s"\nmsgstr "Page %(page)s"\n'),
        "locale/fr/LC_MESSAGES/briefing.po:10: warning: the translation of 'Page %(page)s of "
        "%(pages)s' leaves out %(pages)s; use all of the message's placeholders (%(page)s, "
        "%(pages)s); the built-in words are used until it is fixed",
    ),
    "percent sign alone": (
        _po(entry='msgid "Note"\nmsgstr "Note à 100%"\n'),
        "locale/fr/LC_MESSAGES/briefing.po:10: warning: the translation of 'Note' is not a "
        "valid format (incomplete format); write %% for a percent sign; the built-in words "
        "are used until it is fixed",
    ),
    "line that is not a catalog's": (
        _po(entry="garbage here\n"),
        "locale/fr/LC_MESSAGES/briefing.po:10: warning: not a valid catalog: Unknown or "
        "misformatted keyword; correct this line; until then, this catalog is not used (the "
        "built-in words print instead)",
    ),
}


@pytest.mark.parametrize("case", CATALOG_CASES, ids=list(CATALOG_CASES))
def test_a_broken_catalog_is_a_warning_at_its_line(case: str, project, capsys) -> None:
    """The catalog (or the entry) is left out and the built-in French words print: the
    edition is still right, only less customised, as when a language has no catalog."""
    text, line = CATALOG_CASES[case]
    root = project(**{"briefing.toml": FRENCH + CONFIG.split("\n", 2)[2], CATALOG: text})
    code = run_cli("check", root)
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert code == 0
    assert [entry for entry in err.splitlines() if "briefing.po" in entry] == [line]
    words = ui_translations(root, parse_language("fr"))
    entry_only = "placeholder" in case or "percent" in case
    # The catalog's good entries are used when only an entry is left out.
    assert words.gettext("Contents") == ("Table des matières" if entry_only else "Sommaire")
    assert words.gettext("Page %(page)s of %(pages)s") == "Page %(page)s sur %(pages)s"
    assert words.gettext("Note") == "Remarque"


def test_updating_a_catalog_that_cannot_be_read_says_where(project, capsys) -> None:
    root = project(
        **{"briefing.toml": FRENCH + CONFIG.split("\n", 2)[2], CATALOG: _po(charset="nope")}
    )
    assert run_cli("catalogs", root) == 1
    assert capsys.readouterr().err.splitlines() == [
        "locale/fr/LC_MESSAGES/briefing.po:4: charset 'nope' is not one this tool can read; "
        "save the file as UTF-8 and write charset=UTF-8 in its Content-Type line"
    ]


# ---- The Markdown cache -------------------------------------------------------------------------

TEXT = "# A title\n\nSome text.\n"
DAMAGED = {
    "not JSON": "{",
    "JSON of another shape": "[1, 2]",
    "a field of the wrong type": json.dumps(
        {
            "html": 5,
            "title_html": None,
            "title": None,
            "ids": [],
            "references": [],
            "structure": {},
            "vague_links": [],
            "key_messages": None,
        }
    ),
    "empty HTML": json.dumps(
        {
            "html": "",
            "title_html": None,
            "title": None,
            "ids": [],
            "references": [],
            "structure": {},
            "vague_links": [],
            "key_messages": None,
        }
    ),
}


def _entry(cache: Path) -> Path:
    """The one entry ``convert`` left in ``cache``."""
    (entry,) = cache.glob("*/*.json")
    return entry


def _convert(cache: Path):
    return convert_markdown(cache, TEXT, "sec-01-a", "en", {})


@pytest.mark.parametrize("damage", DAMAGED, ids=list(DAMAGED))
def test_a_damaged_markdown_cache_entry_is_a_miss(damage: str, tmp_path: Path) -> None:
    cache = tmp_path / "markup"
    fresh = _convert(cache)
    _entry(cache).write_text(DAMAGED[damage], "utf-8")
    assert _convert(cache) == fresh
    assert _convert(cache).title == "A title"


def test_a_cache_entry_that_is_a_folder_is_a_miss(tmp_path: Path) -> None:
    cache = tmp_path / "markup"
    fresh = _convert(cache)
    entry = _entry(cache)
    entry.unlink()
    entry.mkdir()
    assert _convert(cache) == fresh
    # Nothing is left behind by the write that could not replace the folder.
    assert sorted(p.name for p in entry.parent.iterdir()) == [entry.name]


def test_a_cache_folder_that_is_a_file_is_no_cache(tmp_path: Path) -> None:
    (tmp_path / ".cache").write_text("not a folder")
    assert _convert(tmp_path / ".cache" / "markup").title == "A title"


def test_a_damaged_cache_entry_makes_no_false_problem(project) -> None:
    """An entry with empty HTML once made "section has no title" errors until the cache was
    deleted."""
    root = project()
    cache = root / "build" / ".cache" / "markup"
    assert load_project(root, markup_cache=cache).problems == ()
    for entry in cache.glob("*/*.json"):
        entry.write_text(DAMAGED["empty HTML"], "utf-8")
    assert load_project(root, markup_cache=cache).problems == ()


# ---- Names that are not UTF-8, printed where they cannot be -------------------------------------


def test_what_a_stream_cannot_encode_is_printed_as_escapes() -> None:
    ascii_stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict")
    utf8_stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    name = "wrote build/en/t" + os.fsdecode(b"\xff") + "st-caf\xe9.pdf"
    assert printable(name, ascii_stream) == "wrote build/en/t\\xffst-caf\\xe9.pdf"
    assert printable(name, utf8_stream) == "wrote build/en/t\\xffst-caf\xe9.pdf"
    assert printable("caf\xe9", utf8_stream) == "caf\xe9"


@pytest.mark.parametrize("encoding", ["ascii", "utf-8"])
def test_list_and_check_print_a_folder_name_that_is_not_utf8(encoding: str, tmp_path: Path) -> None:
    root = write_files(tmp_path / "project", base_files())
    os.rename(root / "content" / "test", os.fsencode(root / "content") + b"/t\xffst")
    environment = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(REPO)}
    for command in ("list", "check"):
        done = subprocess.run(
            [sys.executable, "-m", "briefing.cli", command, "project"],
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert b"internal error" not in done.stderr
    assert done.stdout == b"checked 1 publication: 0 errors\n"
    listing = subprocess.run(
        [sys.executable, "-m", "briefing.cli", "list", "project"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        check=True,
    )
    assert b"project/build/en/t\\xffst.pdf" in listing.stdout


# ---- One build: the notes in the PDF, the other publication still built -------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    """A project of two publications: one whose folder name is not UTF-8, citing a note
    three times; one with an impossible date. Built with output that can only be ASCII."""
    root = tmp_path_factory.mktemp("bad-input") / "project"
    write_files(
        root,
        {
            "briefing.toml": CONFIG,
            "content/good/index.md": INDEX,
            "content/good/01-first.md": NOTES + "\n![A chart](images/chart.png)\n",
            "content/good/images/chart.png": PNG,
            "content/bad/index.md": _index("date: 2016-02-30"),
            "content/bad/01-first.md": "# First\n\nText.\n",
        },
    )
    os.rename(root / "content" / "good", os.fsencode(root / "content") + b"/g\xffod")
    out = root.parent / "out"
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii", errors="strict")
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = stream
    try:
        code = main(["build", str(root), "--kind", "pack", "--jobs", "1", "--out", str(out)])
    finally:
        sys.stdout, sys.stderr = saved
    stream.flush()
    return code, stream.buffer.getvalue().decode("ascii"), out


def test_the_other_publication_is_built_and_its_name_printed(built) -> None:
    """The publication in a folder whose name is not UTF-8 is built, its image read (the
    renderer's file address for it has %FF for the byte 0xff)."""
    code, output, out = built
    assert code == 1
    assert "internal error" not in output
    assert (
        "content/bad/index.md:4: front matter: '2016-02-30' is not a date that exists; write "
        "a real date as YYYY-MM-DD, such as 2016-10-05" in output.splitlines()
    )
    assert any(line.startswith("wrote ") and "g\\xffod.pdf" in line for line in output.splitlines())
    assert (out / "en" / os.fsdecode(b"g\xffod.pdf")).is_file()
    assert not (out / "en" / "bad.pdf").exists()
    # The overview links to it as a browser reads the name: the byte 0xff as %FF.
    assert 'href="en/g%FFod.pdf"' in (out / "index.html").read_text("utf-8")


def test_a_later_call_prints_the_number_of_its_note_like_a_call(built) -> None:
    """Calls a1 b2 c2 d2 / e3 f2 g1: notes 1, 2 and 3 print once each, at the page foot; the
    later calls show the number of the note they cite, in the size and raise of a call."""
    _, _, out = built
    with pdfplumber.open(out / "en" / os.fsdecode(b"g\xffod.pdf")) as pdf:
        page = next(p for p in pdf.pages if "The repeated note." in (p.extract_text() or ""))
        text = page.extract_text() or ""
        chars = page.chars
    assert text.count("The repeated note.") == 1
    assert text.count("Note a.") == text.count("Note b.") == 1
    body = max(
        {round(c["size"], 2) for c in chars},
        key=lambda s: sum(round(c["size"], 2) == s for c in chars),
    )
    # Calls are about 0.65 of the text's size; the notes' numbers and the folio 0.72.
    calls = [c for c in chars if c["text"].isdigit() and c["size"] < 0.7 * body]
    lines: dict[float, list[dict]] = {}
    for call in calls:
        lines.setdefault(round(call["top"], 1), []).append(call)
    numbers = [
        "".join(c["text"] for c in sorted(row, key=lambda c: c["x0"]))
        for _, row in sorted(lines.items())
    ]
    assert numbers == ["1222", "321"]
    assert len({round(c["size"], 2) for c in calls}) == 1
    # Every call on a line is raised alike above the text's baseline.
    for row in lines.values():
        assert len({round(c["matrix"][5], 2) for c in row}) == 1


# ---- Time -----------------------------------------------------------------------------------


def test_a_long_run_of_characters_before_the_last_word_takes_no_time(project, capsys) -> None:
    """Finding a paragraph's last word (never hyphenated) took time growing with the cube of
    the length of a long run of characters followed by a number: minutes for 3,000."""
    root = project(**{SECTION: f"# First\n\nSee {'x' * 3000} 12\n"})

    def too_slow(*_: object) -> None:
        raise TimeoutError("check took more than 20 s")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(20)
    try:
        assert _check(root, capsys) == (0, [])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
