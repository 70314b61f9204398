"""Fonts chosen by script: the stacks of each language, what `briefing doctor` says of them,
and the faces the PDF really uses (body text, running heads, a source-language passage)."""

from __future__ import annotations

import shutil
import string
import subprocess
from pathlib import Path

import pytest
from conftest import CONFIG, run_cli, write_files
from pdfcheck import first_edition
from pypdf import PdfReader

from briefing.languages import coverage
from briefing.languages.coverage import Coverage
from briefing.languages.fonts import fonts_for

SERIF, SANS = ("Noto Serif", "DejaVu Serif"), ("Noto Sans", "DejaVu Sans")
CORE, CJK = "fonts-noto-core", "fonts-noto-cjk"


def _stacks(*text: str, head: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A non-Latin script's stacks: its faces between the Latin face and Latin fallback."""
    return (SERIF[0], *text, SERIF[1]), (SANS[0], *head, SANS[1])


def _noto(script: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The stacks of a script with a Noto serif and sans: serif first for body text."""
    serif, sans = f"Noto Serif {script}", f"Noto Sans {script}"
    return _stacks(serif, sans, head=(sans, serif))


NASKH = _stacks(
    "Noto Naskh Arabic", "Noto Sans Arabic", head=("Noto Sans Arabic", "Noto Naskh Arabic")
)


def _cjk(region: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (f"Noto Serif CJK {region}", "Noto Serif"), (f"Noto Sans CJK {region}", "Noto Sans")


#: tag -> (body text stack, headings stack, Debian package)
EXPECTED_FONTS = {
    "hi": (*_noto("Devanagari"), CORE),
    "bn": (*_noto("Bengali"), CORE),
    "th": (*_noto("Thai"), CORE),
    "he": (*_noto("Hebrew"), CORE),
    "am": (*_noto("Ethiopic"), CORE),
    "ta": (*_noto("Tamil"), CORE),
    "ka": (*_noto("Georgian"), CORE),
    "my": (*_noto("Myanmar"), CORE),
    "km": (*_noto("Khmer"), CORE),
    "ur": (
        *_stacks(
            "Noto Nastaliq Urdu",
            "Noto Naskh Arabic",
            "Noto Sans Arabic",
            head=("Noto Sans Arabic", "Noto Naskh Arabic"),
        ),
        CORE,
    ),
    "fa": (*NASKH, CORE),
    "ar": (*NASKH, CORE),
    "zh-Hans": (*_cjk("SC"), CJK),
    "zh-TW": (*_cjk("TC"), CJK),
    "zh-HK": (*_cjk("HK"), CJK),
    "ja": (*_cjk("JP"), CJK),
    "ko": (*_cjk("KR"), CJK),
    "sr-Latn": (SERIF, SANS, CORE),
    "sr-Cyrl": (SERIF, SANS, CORE),
    "el": (SERIF, SANS, CORE),
    "ru": (SERIF, SANS, CORE),
    "en": (SERIF, SANS, CORE),
}


def test_fonts_are_chosen_by_the_script_of_the_language() -> None:
    chosen = {tag: (f.text, f.head, f.package) for tag in EXPECTED_FONTS for f in [fonts_for(tag)]}
    assert chosen == EXPECTED_FONTS


def test_the_script_comes_from_the_tag_or_from_likely_subtags() -> None:
    faces = {
        tag: fonts_for(tag).text[:2]
        for tag in ["sr", "hi-Latn", "pa", "pa-PK", "uz-AF", "zh-Hant", "zh-MO", "yue", "mn-Mong"]
    }
    assert faces == {
        "sr": SERIF,  # Cyrillic
        "hi-Latn": SERIF,  # the script subtag wins
        "pa": ("Noto Serif", "Noto Serif Gurmukhi"),
        "pa-PK": ("Noto Serif", "Noto Naskh Arabic"),  # the region says Arabic script
        "uz-AF": ("Noto Serif", "Noto Naskh Arabic"),
        "zh-Hant": ("Noto Serif CJK TC", "Noto Serif"),
        "zh-MO": ("Noto Serif CJK TC", "Noto Serif"),
        "yue": ("Noto Serif CJK HK", "Noto Serif"),  # Cantonese: Hong Kong's characters
        "mn-Mong": ("Noto Serif", "Noto Sans Mongolian"),  # Noto has no serif for it
    }


def test_urdu_in_nastaliq_has_taller_lines() -> None:
    assert "Noto Nastaliq Urdu" in coverage.installed_fonts()  # in fonts-noto-core
    assert fonts_for("ur").line_height is not None and fonts_for("ur").line_height >= 2
    assert fonts_for("fa").line_height is None


LETTERS = {
    "hi": "कखग", "bn": "কখগ", "th": "กขค", "he": "אבג", "am": "ሀለሐ", "ta": "கஙச",
    "ka": "აბგ", "my": "ကခဂ", "km": "កខគ", "ar": "ابت", "ur": "ںےٹ",
}  # fmt: skip


@pytest.mark.parametrize("tag", list(LETTERS))
def test_latin_text_prints_in_one_latin_face_and_the_script_in_its_own(tag: str) -> None:
    """The faces of these scripts have no Latin letters, and some lack "/", ":" or digits:
    their stacks start with the Latin face, so all of those print in it; the script's letters
    fall through to a face of the stack (the renderer takes the first family that has a
    character)."""
    installed = coverage.installed_fonts()

    def first_with(char: str, stack: tuple[str, ...]) -> str | None:
        return next((f for f in stack if f in installed and char in installed[f]), None)

    fonts = fonts_for(tag)
    latin = string.ascii_letters + string.digits + string.punctuation + "‐–—’“”"
    for stack, latin_face in [(fonts.text, "Noto Serif"), (fonts.head, "Noto Sans")]:
        assert {first_with(char, stack) for char in latin} == {latin_face}, stack
        own = {first_with(char, stack) for char in LETTERS[tag]}
        assert len(own) == 1 and own.isdisjoint({None, *SERIF, *SANS}), stack


#: The languages a rights organisation may publish in, and the faces their letters print in.
LATIN_LANGUAGES = [
    "en", "fr", "es", "ru", "pt", "pt-BR", "de", "it", "nl", "pl", "uk", "tr", "sw", "id", "vi",
    "fil", "el",
]  # fmt: skip
DOCTOR_FACES = {
    **dict.fromkeys(LATIN_LANGUAGES, ("Noto Serif", "Noto Sans")),
    "zh-Hans": ("Noto Serif CJK SC", "Noto Sans CJK SC"),
    "ja": ("Noto Serif CJK JP", "Noto Sans CJK JP"),
    "ko": ("Noto Serif CJK KR", "Noto Sans CJK KR"),
    "ar": ("Noto Naskh Arabic", "Noto Sans Arabic"),
    "fa": ("Noto Naskh Arabic", "Noto Sans Arabic"),
    "ur": ("Noto Nastaliq Urdu", "Noto Sans Arabic"),
    "hi": ("Noto Serif Devanagari", "Noto Sans Devanagari"),
    "ne": ("Noto Serif Devanagari", "Noto Sans Devanagari"),
    "bn": ("Noto Serif Bengali", "Noto Sans Bengali"),
    "ta": ("Noto Serif Tamil", "Noto Sans Tamil"),
    "th": ("Noto Serif Thai", "Noto Sans Thai"),
    "my": ("Noto Serif Myanmar", "Noto Sans Myanmar"),
    "km": ("Noto Serif Khmer", "Noto Sans Khmer"),
    "am": ("Noto Serif Ethiopic", "Noto Sans Ethiopic"),
    "he": ("Noto Serif Hebrew", "Noto Sans Hebrew"),
    "ka": ("Noto Serif Georgian", "Noto Sans Georgian"),
}


def _languages_project(root: Path, tags: list[str], **files: str) -> Path:
    config = CONFIG.replace('language = "en"', f'language = "en"\nlanguages = {tags!r}')
    return write_files(root, {"briefing.toml": config.replace("'", '"'), **files})


def test_doctor_is_ok_for_every_language_and_names_the_faces_used(tmp_path: Path, capsys) -> None:
    root = _languages_project(tmp_path, list(DOCTOR_FACES))
    assert run_cli("doctor", root) == 0
    out = capsys.readouterr().out.splitlines()
    for tag, (text, head) in DOCTOR_FACES.items():
        line = next((line for line in out if line.split(" (")[0][4:] == tag), "")
        assert line.startswith(f"ok  {tag} ("), out
        assert line.endswith(f"): body text in {text}, headings in {head}"), line
    assert out[-1] == "everything needed is installed"


def _without(families: set[str]) -> dict[str, Coverage]:
    return {f: c for f, c in coverage.installed_fonts().items() if f not in families}


def test_doctor_names_the_face_that_stands_in_and_what_to_install(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    from briefing.build import doctor

    fewer = _without({"Noto Serif Devanagari"})
    monkeypatch.setattr(coverage, "installed_fonts", lambda: fewer)
    monkeypatch.setattr(doctor, "installed_fonts", lambda: fewer)
    assert run_cli("doctor", _languages_project(tmp_path, ["hi"])) == 0
    assert (
        "ok  hi (Hindi): body text in Noto Sans Devanagari, headings in Noto Sans Devanagari; "
        "install fonts-noto-core for Noto Serif Devanagari"
    ) in capsys.readouterr().out.splitlines()


def test_doctor_says_no_exactly_when_the_build_refuses(tmp_path: Path, capsys, monkeypatch) -> None:
    files = {
        "content/test/index.md": "---\ntitle: Test\n---\nOpening.\n",
        "content/test/index.hi.md": "---\ntitle: परीक्षण\n---\nमानवाधिकार संगठन की रिपोर्ट।\n",
    }
    root = _languages_project(tmp_path, ["en", "hi"], **files)
    assert run_cli("check", root) == 0
    assert run_cli("doctor", root) == 0
    capsys.readouterr()

    without = Coverage.from_ranges(  # no Devanagari (U+0900-097F)
        span
        for start, end in coverage.any_font().ranges
        for span in [(start, min(end, 0x08FF)), (max(start, 0x0980), end)]
        if span[0] <= span[1]
    )
    monkeypatch.setattr(coverage, "any_font", lambda: without)
    assert run_cli("check", root) == 1
    assert "install fonts-noto-core" in capsys.readouterr().err
    assert run_cli("doctor", root) == 1
    line = next(line for line in capsys.readouterr().out.splitlines() if "hi (Hindi)" in line)
    assert line.startswith("NO  hi (Hindi): no installed font has ")
    assert line.endswith("; install fonts-noto-core")


def test_stylesheet_has_the_fonts_of_every_language_as_lang_rules(project) -> None:
    root = _languages_project(
        project({}),
        ["ur", "en", "bn"],
        **{
            "content/test/index.md": "---\ntitle: Test\n---\nOpening.\n",
            "content/test/index.ur.md": "---\ntitle: جانچ\n---\nرپورٹ۔\n",
            "content/test/index.bn.md": "---\ntitle: পরীক্ষা\n---\nপ্রতিবেদন।\n",
        },
    )
    _, _, html = first_edition(root, "pack", "ur")
    ur, en, bn = fonts_for("ur"), fonts_for("en"), fonts_for("bn")
    assert f"--font-text: {ur.text_css};" in html.split("\n:lang(", 1)[0]  # the edition's own
    assert (
        f":lang(ur) {{ --font-text: {ur.text_css}; --font-head: {ur.head_css}; "
        f"--line-height: {ur.line_height}; --label-spacing: 0; }}"
    ) in html
    assert (
        f":lang(en) {{ --font-text: {en.text_css}; --font-head: {en.head_css}; "
        "--line-height: 1.5; }"
    ) in html
    assert f":lang(bn) {{ --font-text: {bn.text_css};" in html
    # A running head is given the edition's stack itself.
    assert f"font-family: {ur.head_css}; font-size: 7.5pt; color: #5b6670;" in html


# ---- The faces in the PDF ----

BODY = {
    "hi": ("पहला भाग", "मानवाधिकार संगठन की रिपोर्ट https://example.org/a/b पर है।"),
    "th": ("ส่วนแรก", "รายงานขององค์กรสิทธิมนุษยชน"),
    "he": ("חלק ראשון", "דוח של ארגון זכויות האדם"),
}
TITLES = {"hi": "परीक्षण", "th": "ทดสอบ", "he": "כותרת", "ar": "اختبار"}
#: An English section left untranslated in the Arabic edition, in a narrow column of long
#: words, so that some are hyphenated.
ENGLISH = " ".join(
    ["Governments acknowledge institutional responsibilities, internationalisation, "
     "accountability and decentralisation."] * 4
)  # fmt: skip


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = {
        "content/test/index.md": "---\ntitle: Test\n---\nOpening.\n",
        "content/test/01-first.md": f'# First\n\n<div style="width: 40mm">{ENGLISH}</div>\n',
    }
    for tag, title in TITLES.items():
        files[f"content/test/index.{tag}.md"] = f"---\ntitle: {title}\n---\n{title}.\n"
    for tag, (heading, body) in BODY.items():
        files[f"content/test/01-first.{tag}.md"] = f"# {heading}\n\n{body}\n"
    root = _languages_project(tmp_path_factory.mktemp("scripts"), ["en", *TITLES], **files)
    config = root / "briefing.toml"
    config.write_text(
        config.read_text().replace("[organisation]", 'untranslated = "source"\n\n[organisation]')
    )
    assert run_cli("build", root, "--kind", "pack", "--jobs", "1", "--lang", ",".join(TITLES)) == 0
    return root / "build"


def _runs(pdf: Path, page: int) -> list[tuple[str, str]]:
    """(family, text) of each run of text on a page (1-based), as the PDF draws it."""
    runs: list[tuple[str, str]] = []

    def visit(text: str, cm, tm, font, size) -> None:
        if text.strip() and font is not None:
            name = str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1]
            runs.append((name.replace("-", " ").removesuffix(" Bold"), text))

    PdfReader(pdf).pages[page - 1].extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize(
    ("tag", "word", "face"),
    [("th", "องค์กร", "Noto Serif Thai"), ("he", "ארגון", "Noto Serif Hebrew")],
)
def test_body_text_is_set_in_the_serif_face_of_its_script(packs, tag, word, face) -> None:
    runs = [family for family, text in _runs(packs / tag / "test.pdf", 3) if word in text]
    assert runs and set(runs) == {face}, _runs(packs / tag / "test.pdf", 3)


def test_hindi_is_set_in_devanagari_serif_and_an_address_in_one_latin_face(packs) -> None:
    runs = _runs(packs / "hi" / "test.pdf", 3)
    body = [(family, text) for family, text in runs if text.strip() in BODY["hi"][1]]
    hindi = {family for family, text in runs if "संगठन" in text}
    address = {family for family, text in body if set(text) & set(string.ascii_letters + ":/.")}
    assert hindi == {"Noto Serif Devanagari"}, runs
    assert address == {"Noto Serif"}, runs  # not "https:/" in one face and "/" in another


def test_hebrew_running_head_is_in_a_hebrew_face_of_the_edition(packs) -> None:
    runs = _runs(packs / "he" / "test.pdf", 3)
    head = [family for family, text in runs if TITLES["he"] in text]
    assert head, runs
    for family in head:
        assert family in fonts_for("he").head and not family.startswith("DejaVu"), runs
    # The folio, "עמוד 3 מתוך N": its words in the edition's Hebrew face, its digits in the
    # Latin face that leads the stack.
    folio = [family for family, text in runs if "עמוד" in text or "מתוך" in text]
    assert folio and set(folio) <= set(fonts_for("he").head) - {"DejaVu Sans"}, runs
    assert "Noto Sans Hebrew" in folio, runs


def test_an_english_section_in_an_arabic_edition_is_set_in_the_latin_face(packs) -> None:
    runs = _runs(packs / "ar" / "test.pdf", 3)
    hyphens = [family for family, text in runs if text.rstrip().endswith("\u2010")]
    assert hyphens, runs  # some words were broken at a line end, with a real hyphen
    english = [
        family
        for family, text in runs
        if any(c.isalpha() for c in text) and text.strip().rstrip("\u2010") in ENGLISH
    ]
    assert set(hyphens) | set(english) == {"Noto Serif"}, runs


@pytest.mark.skipif(shutil.which("dpkg") is None, reason="not a Debian system")
def test_the_package_named_is_the_one_that_has_the_faces() -> None:
    from briefing.languages.fonts import SCRIPT_FACES

    tags = ["ur", "zh-Hans", "zh-TW", "zh-HK", "ja", "ko"]
    faces = {
        face: fonts.package
        for fonts in map(fonts_for, tags)
        for face in (fonts.text_face, fonts.head_face)
    }
    for script in SCRIPT_FACES.values():
        faces.update(dict.fromkeys([*script.serif, *script.sans], script.package))
    files = {}
    for line in coverage._fc_list():
        file, family, _ = line.split("|", 2)
        if family in faces:
            files.setdefault(family, file)
    assert len(files) > 40, files  # fonts-noto-core and fonts-noto-cjk are installed
    owners = subprocess.run(
        ["dpkg", "-S", *files.values()], capture_output=True, text=True, check=True
    ).stdout
    package = {line.rsplit(": ", 1)[1]: line.split(": ", 1)[0] for line in owners.splitlines()}
    assert {family: package[file] for family, file in files.items()} == {
        family: faces[family] for family in files
    }


def test_doctor_says_no_for_a_catalog_that_leads_out_and_goes_on(tmp_path: Path, capsys) -> None:
    """A project catalog that is a link out of the project is refused by the build; doctor
    says so for its language and still reports on the others."""
    root = _languages_project(tmp_path / "project", ["fr", "de"])
    outside = tmp_path / "outside.po"
    outside.write_text('msgid ""\nmsgstr ""\n', "utf-8")
    catalog = root / "locale" / "fr" / "LC_MESSAGES" / "briefing.po"
    catalog.parent.mkdir(parents=True)
    catalog.symlink_to(outside)
    assert run_cli("doctor", root) == 1
    lines = capsys.readouterr().out.splitlines()
    french = [line for line in lines if line.startswith("NO  fr (French)")]
    assert french and "briefing.po" in french[0]
    assert any(line.startswith("ok  de (German)") for line in lines)
