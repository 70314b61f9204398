"""Every language a rights organisation publishes in, end to end: an invented briefing in 33
languages (tests/polyglot.py), built once, packs and handouts, and read back from the PDFs.

Each edition builds and embeds every font; no edition prints an interface word in English; the
body text of each is set in the serif face of its script; right-to-left pages print English,
addresses and hashtags in the order they were written; Hebrew abbreviations keep their
gershayim and an apostrophe in English inside Chinese is narrow; `briefing doctor` is content
with every language of the project; and the organisation is named in the edition's language
where briefing.toml gives its name in that language.
"""

from __future__ import annotations

import functools
import io
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from conftest import logical_texts, run_cli, write_files
from polyglot import (
    CAMPAIGN_YEAR,
    ENGLISH_SENTENCE,
    HASHTAG,
    HEBREW_ABBREVIATIONS,
    LANGUAGES,
    LATIN_NAME,
    ORGANISATION,
    ORGANISATION_TEXTS,
    RIGHT_TO_LEFT,
    SLUG,
    SOURCE,
    SURVEY_ADDRESS,
    SURVEY_EMAIL,
    polyglot_files,
    written_words,
)
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

import briefing
from briefing.cli import main
from briefing.languages.catalogs import BUILTIN_LOCALE, ui_translations
from briefing.languages.tags import parse_language

TRANSLATED = [tag for tag in LANGUAGES if tag != SOURCE]
KINDS = {"pack": f"{SLUG}.pdf", "handout": f"{SLUG}-handout.pdf"}


@dataclass(frozen=True, slots=True)
class Built:
    root: Path
    exit_code: int
    out: str
    err: str
    seconds: float

    def pdf(self, tag: str, kind: str = "pack") -> Path:
        return self.root / "build" / tag / KINDS[kind]

    def problems(self) -> list[str]:
        """What the build printed as errors (not warnings)."""
        return [line for line in self.err.splitlines() if line and ": warning: " not in line]


@pytest.fixture(scope="module")
def polyglot(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The project written, its translations marked current, and every edition built once."""
    root = write_files(tmp_path_factory.mktemp("polyglot"), polyglot_files())
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        assert main(["mark", str(root / "content" / SLUG)]) == 0
        start = time.perf_counter()
        code = main(["build", str(root), "--jobs", "2"])
        seconds = time.perf_counter() - start
    print(f"\n{len(LANGUAGES) * len(KINDS)} editions built in {seconds:.1f} s")
    return Built(root, code, out.getvalue(), err.getvalue(), seconds)


@functools.cache
def _texts(pdf: Path) -> list[str]:
    """The text of each page of a built PDF, in reading order."""
    return logical_texts(pdf)


# ---- Every edition builds, with no empty boxes and every font embedded ----


def test_the_whole_project_builds(polyglot: Built) -> None:
    assert polyglot.exit_code == 0, "\n".join(polyglot.problems())


def test_every_translation_is_current(polyglot: Built) -> None:
    report = briefing.translation_report(polyglot.root)
    assert report.counts["up to date"] == len(report.files) == len(TRANSLATED) * 4, report.counts


def _fonts(resources: object) -> Iterator[DictionaryObject]:
    """The fonts of a page's resources and of the forms it draws, recursively."""
    if not isinstance(resources, DictionaryObject):
        return
    fonts = resources.get("/Font")
    if isinstance(fonts, DictionaryObject):
        for font in fonts.values():
            yield font.get_object()
    forms = resources.get("/XObject")
    if isinstance(forms, DictionaryObject):
        for form in forms.values():
            form = form.get_object()
            if form.get("/Subtype") == "/Form":
                yield from _fonts(form.get("/Resources"))


def _not_embedded(pdf: Path) -> set[str]:
    missing = set()
    for page in PdfReader(pdf).pages:
        for font in _fonts(page.get("/Resources")):
            if font.get("/Subtype") == "/Type3":  # glyphs drawn in the PDF itself
                continue
            described = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont")))
    return missing


@pytest.mark.parametrize("tag", LANGUAGES)
def test_every_edition_is_built_without_tofu(polyglot: Built, tag: str) -> None:
    for kind in KINDS:
        pdf = polyglot.pdf(tag, kind)
        assert pdf.is_file(), [line for line in polyglot.problems() if tag in line]
        assert _not_embedded(pdf) == set(), kind
    blanks = [
        line
        for line in polyglot.err.splitlines()
        if (f"{tag}/" in line or f".{tag}.md" in line)
        and any(sign in line for sign in (".notdef", "empty boxes", "no installed font"))
    ]
    assert blanks == []


# ---- No interface word in English outside English ----


def _pattern(message: str) -> re.Pattern[str]:
    """A message as a pattern that finds it in extracted text: in any case (labels may be set
    in capitals), across any white space, with a number (``%(num)d``) or a word
    (``%(url)s``) for each placeholder."""
    pieces = re.split(r"(%\(\w+\)[sd]|\s+)", message)
    pattern = "".join(
        (r"\d+" if piece.endswith("d") else r"\S+")
        if piece.startswith("%(")
        else r"\s+"
        if piece.isspace()
        else re.escape(piece)
        for piece in pieces
        if piece
    )
    return re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)


def _english_interface() -> dict[str, tuple[str, ...]]:
    """The messages of the built-in English catalog: every fixed word the templates print.
    A message with plural forms -> its singular and plural."""
    from babel.messages.pofile import read_po

    with (BUILTIN_LOCALE / "en" / "LC_MESSAGES" / "briefing.po").open("rb") as stream:
        catalog = read_po(stream)
    messages = {
        message.id[0] if isinstance(message.id, tuple | list) else message.id: (
            tuple(message.id) if isinstance(message.id, tuple | list) else (message.id,)
        )
        for message in catalog
        if message.id
    }
    assert {"Contents", "Key messages", "Find the full briefing at"} <= messages.keys()
    return messages


INTERFACE = _english_interface()
ENGLISH = {form: _pattern(form) for forms in INTERFACE.values() for form in forms}


def _own_words(root: Path, tag: str) -> list[re.Pattern[str]]:
    """The interface words of ``tag`` that differ from the English: its own words, printed
    rightly even where they contain an English one (French "Lire la note complète sur" has
    "note"). A message left in English is not among them."""
    translations = ui_translations(root, parse_language(tag))
    own = set()
    for forms in INTERFACE.values():
        if len(forms) == 1:
            own.add(translations.gettext(forms[0]))
        else:
            own.update(translations.ngettext(*forms, n) for n in range(30))
    english = {form for forms in INTERFACE.values() for form in forms}
    return [_pattern(words) for words in own - english]


def test_the_text_written_for_the_test_has_no_interface_words() -> None:
    """So that an English interface word found in an edition was printed by the tool."""
    found = {
        tag: sorted(
            {form for text in written_words(tag) for form, p in ENGLISH.items() if p.search(text)}
        )
        for tag in TRANSLATED
    }
    assert {tag: forms for tag, forms in found.items() if forms} == {}


@pytest.mark.parametrize("tag", TRANSLATED)
def test_no_interface_word_is_printed_in_english(polyglot: Built, tag: str) -> None:
    """Whole messages are looked for, not single words ("Page 3 sur 5" is French, "Page 3 of
    5" is not), in the text of both PDFs less the language's own interface words."""
    english = {}
    for kind in KINDS:
        text = " ".join(" ".join(_texts(polyglot.pdf(tag, kind))).split())
        for own in _own_words(polyglot.root, tag):
            text = own.sub(" ", text)
        english[kind] = sorted(form for form, pattern in ENGLISH.items() if pattern.search(text))
    assert not any(english.values()), "\n".join(
        f"{kind}: {', '.join(map(repr, forms))}" for kind, forms in english.items() if forms
    )


# ---- Body text in the serif face of its script ----

LATIN, GREEK, CYRILLIC = ("LATIN",), ("GREEK",), ("CYRILLIC",)
#: tag -> (the serif face its body text must print in, the Unicode names of its letters).
#: Written from the Noto families the Debian packages install, not from the code's table.
SERIF_BODY: dict[str, tuple[str, tuple[str, ...]]] = {
    **{tag: ("Noto Serif", LATIN) for tag in ["en", "fr", "es", "pt", "pt-BR", "de", "it", "nl",
                                              "pl", "tr", "sw", "id", "vi", "fil"]},
    "ru": ("Noto Serif", CYRILLIC),
    "uk": ("Noto Serif", CYRILLIC),
    "el": ("Noto Serif", GREEK),
    "zh-Hans": ("Noto Serif CJK SC", ("CJK UNIFIED IDEOGRAPH",)),
    "ja": ("Noto Serif CJK JP", ("CJK UNIFIED IDEOGRAPH", "HIRAGANA", "KATAKANA")),
    "ko": ("Noto Serif CJK KR", ("HANGUL",)),
    "ar": ("Noto Naskh Arabic", ("ARABIC",)),
    "fa": ("Noto Naskh Arabic", ("ARABIC",)),
    "ur": ("Noto Nastaliq Urdu", ("ARABIC",)),
    "he": ("Noto Serif Hebrew", ("HEBREW",)),
    "hi": ("Noto Serif Devanagari", ("DEVANAGARI",)),
    "ne": ("Noto Serif Devanagari", ("DEVANAGARI",)),
    "bn": ("Noto Serif Bengali", ("BENGALI",)),
    "ta": ("Noto Serif Tamil", ("TAMIL",)),
    "th": ("Noto Serif Thai", ("THAI",)),
    "my": ("Noto Serif Myanmar", ("MYANMAR",)),
    "km": ("Noto Serif Khmer", ("KHMER",)),
    "am": ("Noto Serif Ethiopic", ("ETHIOPIC",)),
    "ka": ("Noto Serif Georgian", ("GEORGIAN",)),
}  # fmt: skip


def _family(fontname: str) -> str:
    """``ABCDEF+Noto-Serif-CJK-SC-Bold`` -> ``Noto Serif CJK SC``."""
    name = fontname.split("+", 1)[-1].replace("-", " ")
    return re.sub(r"( (Regular|Bold|Italic|Medium|SemiBold))+$", "", name)


def _chars(pdf: Path, page: int) -> list[dict]:
    with pdfplumber.open(pdf) as document:
        return list(document.pages[page - 1].chars)


def _rows(pdf: Path, page: int) -> list[list[dict]]:
    """The characters of each line of a page, left to right as they look. Lines are told
    apart by their baselines."""
    rows: list[tuple[float, list[dict]]] = []
    for char in sorted(_chars(pdf, page), key=lambda c: -c["matrix"][5]):
        baseline = char["matrix"][5]
        if rows and abs(rows[-1][0] - baseline) < 1.5:
            rows[-1][1].append(char)
        else:
            rows.append((baseline, [char]))
    return [sorted(row, key=lambda c: c["x0"]) for _, row in rows]


def _visual_lines(pdf: Path, page: int) -> list[str]:
    """Each line of a page as it looks, left to right: ASCII characters as themselves, others
    as ``~``."""
    return [
        "".join(c["text"] if c["text"].isascii() else "~" for c in row) for row in _rows(pdf, page)
    ]


def _page_with(pdf: Path, marker: str) -> int:
    """The first page (1-based) whose text has ``marker`` in it."""
    for number, text in enumerate(_texts(pdf), 1):
        if marker in text:
            return number
    raise AssertionError(f"{marker} is on no page of {pdf}")


def test_the_table_of_serif_faces_covers_every_language() -> None:
    assert sorted(SERIF_BODY) == sorted(LANGUAGES)


@pytest.mark.parametrize("tag", LANGUAGES)
def test_body_text_is_set_in_the_serif_face_of_its_script(polyglot: Built, tag: str) -> None:
    """The letters of the script at the size most of them are printed in (the body text's) on
    the first section's page, whatever else the page has (headings, running heads, footnotes,
    Latin words and addresses)."""
    face, scripts = SERIF_BODY[tag]
    pdf = polyglot.pdf(tag)
    chars = _chars(pdf, _page_with(pdf, SURVEY_EMAIL.split("@")[0] + "@"))
    letters = [
        c
        for c in chars
        if c["text"][:1].isalpha() and unicodedata.name(c["text"][0], "").startswith(scripts)
    ]
    body_size = Counter(round(c["size"], 1) for c in letters).most_common(1)[0][0]
    faces = Counter(_family(c["fontname"]) for c in letters if round(c["size"], 1) == body_size)
    assert set(faces) == {face}, faces


# ---- Right to left: what is written left to right reads left to right ----


def _order_problems(lines: list[str], where: str) -> list[str]:
    """What reads out of order in the address, email and hashtag lines of a page."""
    problems = []
    for address in (SURVEY_ADDRESS, SURVEY_EMAIL):
        if address in where and not any(address in line for line in lines):
            problems.append(f"{address} does not read left to right")
    hashtag_lines = [line for line in lines if HASHTAG[1:] in line]
    if not hashtag_lines:
        problems.append(f"no line has {HASHTAG[1:]}")
    for line in hashtag_lines:
        if HASHTAG not in line:
            problems.append(f"the # of {HASHTAG} is not at its left: {line!r}")
        year = line.find(CAMPAIGN_YEAR)
        if year < 0 or year < line.find(HASHTAG[1:]):
            problems.append(
                f"{CAMPAIGN_YEAR}, written before {HASHTAG}, is not on its right: {line!r}"
            )
    return problems


@pytest.mark.parametrize("tag", RIGHT_TO_LEFT)
def test_right_to_left_pages_keep_left_to_right_runs_in_order(polyglot: Built, tag: str) -> None:
    pack, handout = polyglot.pdf(tag), polyglot.pdf(tag, "handout")
    first = _visual_lines(pack, _page_with(pack, SURVEY_ADDRESS.split("/")[0]))
    second = _visual_lines(pack, _page_with(pack, "human"))
    problems = _order_problems(first, SURVEY_ADDRESS + SURVEY_EMAIL)
    problems += [f"handout: {p}" for p in _order_problems(_visual_lines(handout, 1), SURVEY_EMAIL)]
    if not any(ENGLISH_SENTENCE in line for line in second):
        english = [line for line in second if "human" in line]
        problems.append(f"{ENGLISH_SENTENCE!r} does not read left to right, stop last: {english}")
    assert problems == [], "\n".join(problems)


# ---- Typography of scripts that a Latin keyboard types badly ----


def test_hebrew_abbreviations_print_with_gershayim(polyglot: Built) -> None:
    text = " ".join(_texts(polyglot.pdf("he")))
    expected = [word.replace('"', "\u05f4") for word in HEBREW_ABBREVIATIONS]
    assert [word for word in expected if word in text] == expected, [
        match
        for word in HEBREW_ABBREVIATIONS
        for match in re.findall(f"{word[:2]}.{word[-1]}", text)
    ]


@pytest.mark.parametrize("tag", ["zh-Hans", "ja"])
def test_an_apostrophe_in_a_latin_name_is_as_narrow_as_a_latin_one(
    polyglot: Built, tag: str
) -> None:
    """A CJK face's apostrophe (U+2019) is as wide as an ideograph, and leaves a gap in
    the English name as if a space followed it."""
    pdf = polyglot.pdf(tag)
    word = LATIN_NAME.split()[1]  # Women's
    apostrophes = [
        c
        for row in _rows(pdf, _page_with(pdf, word[:-2]))
        for before, c, after in zip(row, row[1:], row[2:], strict=False)
        if before["text"] == word[-3] and c["text"] in "'\u2019" and after["text"] == word[-1]
    ]
    assert apostrophes, "no apostrophe between n and s"
    widths = [
        (round(c["x1"] - c["x0"], 2), round(c["size"], 1), _family(c["fontname"]))
        for c in apostrophes
    ]
    assert all(width < 0.4 * size for width, size, _ in widths), widths


# ---- The environment ----


def test_doctor_says_every_language_of_the_project_can_be_printed(polyglot: Built, capsys) -> None:
    code = run_cli("doctor", polyglot.root)
    lines = capsys.readouterr().out.splitlines()
    said = {line.split(" (")[0][4:]: line[:3].strip() for line in lines if " (" in line}
    statuses = {tag: said.get(tag) for tag in LANGUAGES}
    assert (code, statuses) == (0, dict.fromkeys(LANGUAGES, "ok")), "\n".join(
        line for line in lines if not line.startswith("ok")
    )


# ---- The organisation's own words ----


@pytest.mark.parametrize("tag", list(ORGANISATION_TEXTS))
def test_the_organisation_is_named_in_the_language_of_the_edition(
    polyglot: Built, tag: str
) -> None:
    """Word by word: text extraction may not keep the order of a name in two directions."""
    name = str(ORGANISATION_TEXTS[tag]["name"]).split()
    for kind in KINDS:
        text = " ".join(_texts(polyglot.pdf(tag, kind))).replace("\u2019", "'")
        assert [word for word in name if word not in text] == [], kind
        assert ORGANISATION["name"] not in " ".join(text.split()), kind
