"""Translated editions: every language, the interface text, scripts, and staleness."""

from __future__ import annotations

import gettext
import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import (
    CONFIG,
    HANDOUT,
    INDEX,
    logical_texts,
    normalise,
    page_texts,
    run_cli,
    write_files,
)
from pdfcheck import laid_out_pages
from pypdf import PdfReader

import briefing
from briefing.html.templating import template_dirs
from briefing.languages.catalogs import (
    BUILTIN_LOCALE,
    FALLBACK_NOTICE,
    catalog_state,
    catalogs_for,
    extract_messages,
    read_catalog,
    ui_translations,
)
from briefing.languages.tags import parse_language

LANGUAGES = ["en", "fr", "es", "ru", "zh-Hans", "ar"]
SECTION = "# First section\n\nBody of the first section.[^1]\n\n[^1]: A note.\n"
TRANSLATED = {
    # tag: (title, section title, body sentence, note, handout point)
    "fr": (
        "Note d’essai",
        "Première partie",
        "Le texte de la première partie.",
        "Une note.",
        "Premier point.",
    ),
    "es": (
        "Informe de prueba",
        "Primera sección",
        "El texto de la primera sección.",
        "Una nota.",
        "Primer punto.",
    ),
    "ru": (
        "Пробный доклад",
        "Первый раздел",
        "Текст первого раздела.",
        "Примечание.",
        "Первый тезис.",
    ),
    "zh-Hans": ("测试简报", "第一部分", "第一部分的正文。", "一条注释。", "第一个要点。"),
    # (No lam-alef pairs: text extraction splits that ligature.)
    "ar": ("إحاطة تجريبية", "القسم الثاني", "نص القسم الثاني.", "تعليق قصير.", "النقطة الرئيسية."),
}
UI = {
    # tag: (contents title, page footer of page 2 of a 4-page pack, cover date)
    "en": ("Contents", "Page 2 of 4", "October 5, 2016"),
    "fr": ("Sommaire", "Page 2 sur 4", "5 octobre 2016"),
    "es": ("Índice", "Página 2 de 4", "5 de octubre de 2016"),
    "ru": ("Содержание", "Страница 2 из 4", "5 октября 2016 г."),
    "zh-Hans": ("目录", "第 2 页，共 4 页", "2016年10月5日"),
    "ar": ("المحتويات", "الصفحة 2 من 4", "5 أكتوبر 2016"),
}


def squash(text: str) -> str:
    """Text without spaces and full stops, whose place right-to-left extraction moves."""
    return re.sub(r"[\s.]", "", text)


def translated_files(tags: list[str] | None = None) -> dict[str, str]:
    files = {}
    for tag in tags or list(TRANSLATED):
        title, section, body, note, point = TRANSLATED[tag]
        files[f"content/test/index.{tag}.md"] = f"---\ntitle: {title}\n---\n{body}\n"
        files[f"content/test/01-first.{tag}.md"] = f"# {section}\n\n{body}[^1]\n\n[^1]: {note}\n"
        files[f"content/test/handout.{tag}.md"] = (
            f"!!! key\n    - {point}\n\n!!! recommendations\n    1. {point}\n"
        )
    return files


def six_language_project(root: Path, **extra: str) -> Path:
    config = CONFIG.replace('language = "en"', f'language = "en"\nlanguages = {LANGUAGES!r}')
    config = config.replace("'", '"')
    return write_files(
        root,
        {
            "briefing.toml": config,
            "content/test/index.md": INDEX,
            "content/test/01-first.md": SECTION,
            "content/test/handout.md": HANDOUT,
            **translated_files(),
            **extra,
        },
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = six_language_project(tmp_path_factory.mktemp("six"))
    assert run_cli("build", root) == 0
    return root


def test_every_language_builds_both_kinds(built: Path) -> None:
    for tag in LANGUAGES:
        assert len(PdfReader(built / "build" / tag / "test.pdf").pages) == 4, tag
        assert len(PdfReader(built / "build" / tag / "test-handout.pdf").pages) == 1, tag


@pytest.mark.parametrize("tag", LANGUAGES)
def test_interface_text_and_date_are_in_the_edition_language(built: Path, tag: str) -> None:
    contents, footer, _ = (squash(s) for s in UI[tag])
    pages = [squash(t) for t in logical_texts(built / "build" / tag / "test.pdf")]
    assert contents in pages[1]
    assert footer in pages[1]
    handout = squash(logical_texts(built / "build" / tag / "test-handout.pdf")[0])
    # Day, month and year (right-to-left extraction may reorder them).
    for part in UI[tag][2].split():
        assert squash(part) in pages[0], part
        assert squash(part).upper() in handout.upper(), part  # the handout's header is in capitals


@pytest.mark.parametrize("tag", list(TRANSLATED))
def test_translated_text_extracts_from_each_edition(built: Path, tag: str) -> None:
    title, section, body, note, point = TRANSLATED[tag]
    text = squash(" ".join(logical_texts(built / "build" / tag / "test.pdf")))
    for words in (title, section, body, note):
        assert squash(words) in text, (tag, words)
    handout = squash(logical_texts(built / "build" / tag / "test-handout.pdf")[0])
    assert squash(point) in handout
    assert PdfReader(built / "build" / tag / "test.pdf").trailer["/Root"]["/Lang"] == tag


def test_chinese_edition_embeds_simplified_chinese_fonts(built: Path) -> None:
    fonts = set()
    for name in ("test.pdf", "test-handout.pdf"):
        for page in PdfReader(built / "build" / "zh-Hans" / name).pages:
            resources = page["/Resources"].get("/Font", {})
            fonts |= {str(resources[key].get_object()["/BaseFont"]) for key in resources}
    assert any("CJK-SC" in font for font in fonts), fonts
    assert not any("CJK-JP" in font for font in fonts), fonts


def test_arabic_edition_reads_right_to_left(built: Path) -> None:
    from pdfcheck import first_edition

    _, _, html = first_edition(built, "pack", "ar")
    assert '<html lang="ar" dir="rtl">' in html
    page = laid_out_pages(built, "pack", "ar")[1]
    boxes = {box.at_keyword: box for box in page._page_box.children if hasattr(box, "at_keyword")}
    # The page number is in the bottom margin box on the left (the end of an RTL line) ...
    number = boxes["@bottom-left"]
    assert "الصفحة" in "".join(t.text for t in number.descendants() if hasattr(t, "text"))
    # ... and the section headings align to the right.
    width = page._page_box.margin_width()
    heading = next(
        b for b in page._page_box.descendants() if getattr(b, "element_tag", None) == "h2"
    )
    assert heading.position_x + heading.margin_width() > width * 0.7
    fonts = set()
    for pdf_page in PdfReader(built / "build" / "ar" / "test.pdf").pages:
        resources = pdf_page["/Resources"].get("/Font", {})
        fonts |= {str(resources[key].get_object()["/BaseFont"]) for key in resources}
    assert any("Arabic" in font for font in fonts), fonts


def test_quotation_marks_follow_the_language(project) -> None:
    from briefing.project.markdown import markdown_to_html

    french = markdown_to_html('Il a dit "non".', "s", language="fr")
    assert "&laquo;&#8239;non&#8239;&raquo;" in french.html
    english = markdown_to_html('He said "no".', "s", language="en")
    assert "&ldquo;no&rdquo;" in english.html


def test_incomplete_translation_is_skipped_and_names_the_missing_files(project, capsys) -> None:
    files = translated_files(["fr"])
    del files["content/test/01-first.fr.md"]
    root = project({**six_language_project_files(["en", "fr"]), **files})
    assert run_cli("build", root) == 0
    captured = capsys.readouterr()
    assert (
        "en/test.pdf" not in captured.err
        and "fr/test.pdf: warning: skipped, the translation is incomplete: missing "
        'content/test/01-first.fr.md; translate them, or set untranslated = "source" in '
        "briefing.toml to print the source text there"
    ) in captured.err
    assert not (root / "build/fr/test.pdf").exists()
    assert (root / "build/fr/test-handout.pdf").is_file()  # the handout is complete
    assert "3 editions written, 1 skipped, 0 failed" in captured.out
    assert run_cli("build", root, "--strict") == 1


def test_fallback_to_the_source_says_so_on_the_page(project) -> None:
    files = translated_files(["fr"])
    del files["content/test/01-first.fr.md"]
    config = six_language_project_files(["en", "fr"])
    config["briefing.toml"] += 'untranslated = "source"\n'
    config["briefing.toml"] = (
        config["briefing.toml"]
        .replace('untranslated = "source"\n', "")
        .replace('paper = "A4"', 'paper = "A4"\nuntranslated = "source"')
    )
    root = project({**config, **files})
    assert run_cli("build", root, "--lang", "fr") == 0
    pages = [normalise(t) for t in page_texts(root / "build/fr/test.pdf")]
    assert (
        "Cette partie n’a pas encore été traduite. Elle est reproduite dans sa langue "
        "d’origine : anglais." in pages[2]
    )
    assert "Body of the first section." in pages[2]
    assert "Cette partie" not in pages[1]  # the translated opening has no notice


def six_language_project_files(tags: list[str]) -> dict[str, str]:
    config = CONFIG.replace('language = "en"', f'language = "en"\nlanguages = {tags!r}')
    return {
        "briefing.toml": config.replace("'", '"'),
        "content/test/index.md": INDEX,
        "content/test/01-first.md": SECTION,
        "content/test/handout.md": HANDOUT,
    }


def test_unknown_language_tag_in_a_file_name(project, capsys) -> None:
    root = project({**six_language_project_files(["en"]), "content/test/index.xx-Nope.md": "x"})
    assert run_cli("check", root) == 1
    assert (
        "content/test/index.xx-Nope.md: 'xx-Nope' is not a language tag this tool knows; name "
        "translations with a BCP 47 language tag, such as index.fr.md or index.zh-Hans.md"
    ) in capsys.readouterr().err.splitlines()


ORGANISATION_IN_LANGUAGES = (
    'address = ["1 Example Street", "Geneva"]\n'
    "\n[organisation.fr]\n"
    'name = "Groupe d’essai"\n'
    'licence = "Licence pour les essais."\n'
    'address = ["1 rue de l’Exemple", "Genève"]\n'
    "\n[organisation.ar]\n"
    'licence = "ترخيص للاختبار."\n'
    "\n[organisation.pt]\n"
    'name = "Grupo de teste"\n'
    'licence = "Licença para testes."\n'
    "\n[organisation.pt-BR]\n"
    'licence = "Licença para testes no Brasil."\n'
    "\n[organisation.de]\n"
    'licence = "Lizenz."\n'
)


def _without_isolation(html: str) -> str:
    """The HTML without the marks that set left-to-right runs apart in right-to-left text."""
    html = re.sub(r'<span dir="ltr">([^<]*)</span>', r"\1", html)
    return html.translate(dict.fromkeys(range(0x2066, 0x206A)))


def test_organisation_words_are_printed_in_the_edition_language(project, capsys) -> None:
    files = {
        **six_language_project_files(["en", "fr", "ar", "pt-BR"]),
        **translated_files(["fr", "ar"]),
    }
    files["briefing.toml"] = (
        files["briefing.toml"].replace('paper = "A4"', 'paper = "A4"\nuntranslated = "source"')
        + ORGANISATION_IN_LANGUAGES
    )
    root = project(files)
    assert run_cli("check", root) == 0
    assert (
        "briefing.toml:28: warning: [organisation.de] is not printed: the project does not "
        'publish in de (languages are en, fr, ar, pt-BR); add "de" to `languages`, or remove '
        "the table"
    ) in capsys.readouterr().err.splitlines()
    report = briefing.check_project(root)
    printed = {
        # language: (name, licence, address), each as the HTML prints it
        "en": ("Test Rights Group", "Licence line for tests.", "1 Example Street<br>Geneva"),
        "fr": ("Groupe d’essai", "Licence pour les essais.", "1 rue de l’Exemple<br>Genève"),
        "ar": ("Test Rights Group", "ترخيص للاختبار.", "1 Example Street<br>Geneva"),
        # pt-BR: its own licence, the name from [organisation.pt], the address from the source
        "pt-BR": ("Grupo de teste", "Licença para testes no Brasil.", "1 Example Street<br>Geneva"),
    }
    for edition in report.editions:
        name, licence, address = printed[edition.language]
        html = _without_isolation(report.html(edition))
        assert f'<p class="org-name">{name}</p>' in html
        assert f'<p class="org-contact org-address">{address}</p>' in html
        assert f'<meta name="author" content="{name}">' in html
        if edition.kind == "pack":
            assert f'<p class="licence">{licence}</p>' in html
            assert f'<section class="cover" data-organisation="{name}">' in html


def test_underscore_tags_are_read_as_bcp_47_with_a_warning(project, capsys) -> None:
    files = six_language_project_files(["en", "pt_BR"])
    files["content/test/index.pt_BR.md"] = "---\ntitle: Nota de teste\n---\nTexto.\n"
    files["content/test/01-first.pt_BR.md"] = "# Primeira parte\n\nTexto.[^1]\n\n[^1]: Nota.\n"
    files["content/test/handout.pt_BR.md"] = "!!! key\n    - Ponto.\n"
    files["briefing.toml"] += '\n[organisation.pt_BR]\nlicence = "Licença."\n'
    root = project(files)
    assert run_cli("check", root) == 0
    err = capsys.readouterr().err.splitlines()
    assert (
        'briefing.toml:2: warning: languages: "pt_BR" is read as "pt-BR"; language tags are '
        'written with a hyphen, so write "pt-BR"'
    ) in err
    assert (
        "content/test/index.pt_BR.md: warning: language tags are written with a hyphen; rename "
        "it index.pt-BR.md"
    ) in err
    assert (
        "briefing.toml:11: warning: [organisation.pt_BR]: language tags are written with a "
        "hyphen; write [organisation.pt-BR]"
    ) in err
    report = briefing.check_project(root, languages=["pt_BR"], kinds=["pack"])
    [edition] = report.editions
    assert edition.language == "pt-BR"
    html = report.html(edition)
    assert '<html lang="pt-BR" dir="ltr">' in html and "Nota de teste" in html
    assert "Primeira parte" in html and '<p class="licence">Licença.</p>' in html


def test_lang_option_chooses_languages(project, capsys) -> None:
    root = project(
        {**six_language_project_files(["en", "fr", "ar"]), **translated_files(["fr", "ar"])}
    )
    assert run_cli("build", root, "--lang", "fr,ar", "--kind", "handout") == 0
    assert sorted(p.parent.name for p in (root / "build").glob("*/*.pdf")) == ["ar", "fr"]
    assert run_cli("build", root, "--lang", "de") == 2
    assert "--lang de: not a language this project publishes" in capsys.readouterr().err


def _status(root: Path, capsys) -> dict:
    capsys.readouterr()
    assert run_cli("status", root, "--json") == 0
    return json.loads(capsys.readouterr().out)


def test_staleness_is_detected_and_cleared_by_marking(project, capsys) -> None:
    root = project({**six_language_project_files(["en", "fr"]), **translated_files(["fr"])})
    report = _status(root, capsys)
    # Never marked: whether they match their sources cannot be known yet.
    assert report["counts"] == {
        "up to date": 0,
        "stale": 0,
        "not marked": 3,
        "missing": 0,
        "orphaned": 0,
    }
    assert run_cli("mark", root / "content/test") == 0
    assert _status(root, capsys)["counts"]["up to date"] == 3
    # The source changes: its translation is stale, the others stay up to date.
    section = root / "content/test/01-first.md"
    section.write_text(SECTION.replace("Body", "New body"))
    report = _status(root, capsys)
    stale = [f["file"] for f in report["files"] if f["state"] == "stale"]
    assert stale == ["content/test/01-first.fr.md"]
    assert run_cli("build", root, "--lang", "fr") == 0
    assert (
        "content/test/01-first.fr.md: warning: stale translation: 01-first.md changed since it "
        "was translated; update it, then run `briefing mark content/test/01-first.fr.md`"
    ) in capsys.readouterr().err.splitlines()
    assert run_cli("build", root, "--lang", "fr", "--strict") == 1
    assert run_cli("mark", root / "content/test/01-first.fr.md") == 0
    assert _status(root, capsys)["counts"] == {
        "up to date": 3,
        "stale": 0,
        "not marked": 0,
        "missing": 0,
        "orphaned": 0,
    }


def test_mark_changes_only_the_recorded_version(project) -> None:
    root = project({**six_language_project_files(["en", "fr"]), **translated_files(["fr"])})
    path = root / "content/test/index.fr.md"
    before = path.read_text()
    assert run_cli("mark", path) == 0
    after = path.read_text().splitlines()
    assert after[0] == "---" and after[2].startswith("translated_from: ")
    assert [line for line in after if not line.startswith("translated_from")] == (
        before.splitlines()
    )
    blob = subprocess.run(
        ["git", "hash-object", root / "content/test/index.md"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert after[2] == f"translated_from: {blob}"


def test_status_lists_missing_and_orphaned_files(project, capsys, monkeypatch) -> None:
    files = translated_files(["fr"])
    files["content/test/02-gone.fr.md"] = "# Parti\n\nTexte.\n"
    del files["content/test/handout.fr.md"]
    root = project({**six_language_project_files(["en", "fr"]), **files})
    monkeypatch.chdir(root)
    assert run_cli("status", root) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "missing     fr       content/test/handout.fr.md" in lines
    assert "orphaned    fr       content/test/02-gone.fr.md" in lines
    assert "not marked  fr       content/test/01-first.fr.md" in lines
    assert lines[-1] == "0 up to date, 0 stale, 2 not marked, 1 missing, 1 orphaned"


def test_status_shows_what_changed_in_the_source(project, capsys) -> None:
    root = project({**six_language_project_files(["en", "fr"]), **translated_files(["fr"])})
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    assert run_cli("mark", root / "content/test") == 0
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "first"], cwd=root, check=True)
    (root / "content/test/01-first.md").write_text(SECTION.replace("Body", "Changed body"))
    capsys.readouterr()
    assert run_cli("status", root, "--diff") == 0
    out = capsys.readouterr().out.splitlines()
    assert "            -Body of the first section.[^1]" in out
    assert "            +Changed body of the first section.[^1]" in out


def test_a_dropped_footnote_is_reported(project, capsys) -> None:
    files = translated_files(["fr"])
    files["content/test/01-first.fr.md"] = "# Première partie\n\nLe texte, sans sa note.\n"
    root = project({**six_language_project_files(["en", "fr"]), **files})
    assert run_cli("check", root) == 0
    assert (
        "content/test/01-first.fr.md: warning: has 0 footnotes but its source 01-first.md has "
        "1; check nothing was dropped or added in translation"
    ) in capsys.readouterr().err.splitlines()


def test_missing_glyph_fails_the_edition_with_the_exact_message(project, capsys) -> None:
    files = translated_files(["fr"])
    files["content/test/01-first.fr.md"] = (
        "# Première partie\n\nUn signe 🧿 ici.[^1]\n\n[^1]: Une note.\n"
    )
    root = project({**six_language_project_files(["en", "fr"]), **files})
    assert run_cli("build", root) == 1
    assert (
        "content/test/01-first.fr.md:3: no installed font has this character: 🧿 (U+1F9FF "
        "NAZAR AMULET); install fonts-noto-color-emoji (`briefing doctor` shows what the fonts "
        "cover), or remove it"
    ) in capsys.readouterr().err.splitlines()
    assert not (root / "build/fr/test.pdf").exists()
    assert (root / "build/en/test.pdf").is_file()


def test_notdef_from_the_renderer_is_an_error(project, capsys, monkeypatch) -> None:
    from briefing.build import glyphs

    monkeypatch.setattr(glyphs, "uncovered", lambda text: [])  # let it reach the renderer
    root = project(
        {
            **six_language_project_files(["en"]),
            "content/test/01-first.md": "# First\n\nA sign \U0001f9ff here.\n",
        }
    )
    assert run_cli("build", root, "--kind", "pack") == 1
    err = capsys.readouterr().err
    assert "en/test.pdf: the renderer printed empty boxes:" in err
    assert not (root / "build/en/test.pdf").exists()


#: Every built-in catalog, by folder (as Babel names the locale).
BUILTIN_CATALOGS = {
    *("en", "fr", "es", "ru", "zh_Hans", "ar"),
    *("pt", "pt_BR", "de", "it", "nl", "pl", "uk", "tr", "sw", "id", "vi", "fil", "el"),
    *("hi", "bn", "ur", "ne", "ta", "th", "my", "km", "am", "fa", "he", "ja", "ko", "ka"),
}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def test_the_built_in_catalogs_are_the_listed_languages() -> None:
    found = {p.parent.parent.name for p in BUILTIN_LOCALE.glob("*/LC_MESSAGES/briefing.po")}
    assert found == BUILTIN_CATALOGS
    assert len(found) >= 33


@pytest.fixture(scope="module")
def interface_messages() -> dict[object, object]:
    """Every message of the built-in templates and the code, with its translator notes."""
    template = extract_messages(template_dirs(Path("/nonexistent")))
    return {m.id: m for m in template if m.id}


@pytest.mark.parametrize("folder", sorted(BUILTIN_CATALOGS))
def test_builtin_catalogs_are_complete(folder: str, interface_messages) -> None:
    path = BUILTIN_LOCALE / folder / "LC_MESSAGES" / "briefing.po"
    state = catalog_state(path)
    catalog = read_catalog(path)
    assert {m.id for m in catalog if m.id} == set(interface_messages)
    assert state.untranslated == 0 and state.fuzzy == 0
    assert not catalog.fuzzy  # the header too, or the plural forms would be ignored
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(s.strip() for s in strings), message.id
        assert not message.fuzzy, message.id
        if folder != "en":  # nothing left in English by mistake
            assert not set(strings) & set(_ids(message.id)), (folder, message.id)
        # The translators' notes of the templates and the code, as `#.` comments.
        assert message.auto_comments, message.id
        expected = interface_messages[message.id].auto_comments
        assert " ".join(message.auto_comments) == " ".join(expected)  # (wrapped in the file)


@pytest.mark.parametrize("folder", sorted(BUILTIN_CATALOGS))
def test_builtin_catalogs_have_the_plural_forms_of_their_language(folder: str) -> None:
    """As many forms as Babel's plural rules for the locale (CLDR's, in gettext's terms:
    babel.messages.plurals.get_plural, which new catalogs get), and the same rule."""
    from babel import Locale
    from babel.messages.plurals import get_plural

    path = BUILTIN_LOCALE / folder / "LC_MESSAGES" / "briefing.po"
    catalog = read_catalog(path)
    expected = get_plural(Locale.parse(folder))
    assert str(catalog.locale) == folder
    header = dict(catalog.mime_headers)["Plural-Forms"]
    assert header == expected.plural_forms
    assert catalog.num_plurals == expected.num_plurals
    assert f"nplurals={expected.num_plurals};" in path.read_text(encoding="utf-8")
    plurals = [m for m in catalog if m.id and isinstance(m.id, tuple)]
    assert plurals
    for message in plurals:
        assert len(message.string) == expected.num_plurals, message.id


@pytest.mark.parametrize("folder", sorted(BUILTIN_CATALOGS))
def test_builtin_translations_keep_the_placeholders(folder: str) -> None:
    """Each translation has exactly its message's placeholders; a plural form may leave the
    number out only where the language uses it for one number alone (Arabic "قسمان", 2)."""
    catalog = read_catalog(BUILTIN_LOCALE / folder / "LC_MESSAGES" / "briefing.po")
    plural = gettext.c2py(catalog.plural_expr)
    for message in catalog:
        if not message.id:
            continue
        expected = sorted(PLACEHOLDER.findall(_ids(message.id)[0]))
        if isinstance(message.string, str):
            assert sorted(PLACEHOLDER.findall(message.string)) == expected, message.string
            continue
        for index, string in enumerate(message.string):
            found = sorted(PLACEHOLDER.findall(string))
            numbers = [n for n in range(1001) if plural(n) == index]
            if len(numbers) == 1:
                assert set(found) <= set(expected), string
            else:
                assert found == expected, (string, numbers[:3])
        # And they fill in as the templates fill them.
        for n in (1, 2, 3, 11, 25):
            index = plural(n)
            assert "%" not in message.string[index] % {"num": n}


def _ids(message_id: str | tuple[str, ...]) -> tuple[str, ...]:
    return (message_id,) if isinstance(message_id, str) else tuple(message_id)


#: Languages whose editions printed their interface in English.
TRIED = ["th", "he", "ja", "ko", "hi", "bn", "am", "fa", "el", "uk", "vi", "tr", "id", "pt-BR"]
TRIED += ["sw", "de"]


@pytest.mark.parametrize("tag", TRIED)
def test_the_interface_prints_in_languages_users_tried(tag: str, tmp_path: Path) -> None:
    translations = ui_translations(tmp_path, parse_language(tag))
    for message in (
        "Contents",
        "Section %(number)s",
        "Page %(page)s of %(pages)s",
        "Find the full briefing at",
        FALLBACK_NOTICE,
    ):
        assert translations.gettext(message) != message, (tag, message)
    assert translations.ngettext("%(num)d section", "%(num)d sections", 3) % {"num": 3} != (
        "3 sections"
    )


def test_portuguese_editions_choose_their_variety(tmp_path: Path) -> None:
    def first(tag: str) -> str:
        return catalogs_for(tmp_path, parse_language(tag))[0].parent.parent.name

    assert (first("pt-BR"), first("pt-PT"), first("pt")) == ("pt_BR", "pt", "pt")

    def section(tag: str) -> str:
        return ui_translations(tmp_path, parse_language(tag)).gettext("Section %(number)s")

    assert (section("pt-BR"), section("pt-PT")) == ("Seção %(number)s", "Secção %(number)s")


def test_a_new_project_catalog_starts_from_the_closest_built_in_one(project) -> None:
    from babel.messages.plurals import get_plural

    root = project(six_language_project_files(["en", "pt-PT"]))
    assert run_cli("catalogs", root) == 0
    catalog = read_catalog(root / "locale/pt_PT/LC_MESSAGES/briefing.po")
    assert catalog["Section %(number)s"].string == "Secção %(number)s"
    assert dict(catalog.mime_headers)["Plural-Forms"] == get_plural("pt_PT").plural_forms
    assert catalog_state(root / "locale/pt_PT/LC_MESSAGES/briefing.po").untranslated == 0


def _german_project(project) -> Path:
    files = six_language_project_files(["en", "de", "yo"])
    files["briefing.toml"] = files["briefing.toml"].replace(
        'paper = "A4"', 'paper = "A4"\nuntranslated = "source"'
    )
    files["content/test/index.de.md"] = "---\ntitle: Testbericht\n---\nDer Eröffnungstext.\n"
    files["content/test/handout.de.md"] = "!!! key\n    - Erster Punkt.\n"
    return project(files)  # and no German first section


def test_the_untranslated_part_notice_reads_in_one_language(project) -> None:
    root = _german_project(project)
    assert run_cli("build", root, "--lang", "de,yo", "--kind", "pack", "--jobs", "1") == 0
    german = normalise(" ".join(page_texts(root / "build/de/test.pdf")))
    assert (
        "Dieser Teil wurde noch nicht übersetzt. Er erscheint in der Originalsprache: Englisch."
    ) in german
    assert "Body of the first section." in german  # the English section it is about
    for english in ("This part", "has not been", "translated", "printed", "yet", "Deutsch"):
        assert english not in german, english
    # Where no catalog translates the notice it prints in English, naming the language in
    # English too (not "Gẹ̀ẹ́sì", Yoruba for English).
    yoruba = normalise(" ".join(page_texts(root / "build/yo/test.pdf")))
    assert (
        "This part has not been translated yet. It is printed in the original language: English."
    ) in yoruba


def _catalog_warnings(err: str, tag: str) -> list[str]:
    return [line for line in err.splitlines() if f"locale/{tag}/LC_MESSAGES/briefing.po" in line]


def test_a_language_without_a_catalog_gets_one_warning_saying_what_to_do(
    project, capsys, interface_messages
) -> None:
    assert not catalogs_for(Path("/nonexistent"), parse_language("yo"))
    root = project(six_language_project_files(["en", "yo"]))
    count = len(interface_messages)
    expected = (
        "locale/yo/LC_MESSAGES/briefing.po: warning: no catalog translates the interface into "
        f'Yoruba (yo): its {count} messages (such as "Contents") print in English; run '
        "`briefing catalogs` to create this file, then translate it"
    )
    assert run_cli("check", root) == 0
    assert _catalog_warnings(capsys.readouterr().err, "yo") == [expected]
    assert run_cli("build", root, "--kind", "handout", "--jobs", "1") == 0
    assert _catalog_warnings(capsys.readouterr().err, "yo") == [expected]


def test_a_project_catalog_with_untranslated_messages_is_counted(
    project, capsys, interface_messages
) -> None:
    root = project(six_language_project_files(["en", "yo"]))
    assert run_cli("catalogs", root) == 0
    po = root / "locale/yo/LC_MESSAGES/briefing.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgid "Contents"\nmsgstr ""', 'msgid "Contents"\nmsgstr "Àkóónú"'
        ),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert run_cli("check", root) == 0
    count = len(interface_messages)
    assert _catalog_warnings(capsys.readouterr().err, "yo") == [
        f"locale/yo/LC_MESSAGES/briefing.po: warning: {count - 1} of the {count} interface "
        'messages (such as "Key messages") are not translated into Yoruba (yo) here or in a '
        "built-in catalog, so they print in English; translate them in this file (`briefing "
        "catalogs` adds new messages)"
    ]
    assert ui_translations(root, parse_language("yo")).gettext("Contents") == "Àkóónú"


def test_a_translation_with_a_wrong_placeholder_is_reported_and_not_used(project, capsys):
    files = six_language_project_files(["en", "de"])
    files["briefing.toml"] = files["briefing.toml"].replace(
        'paper = "A4"', 'paper = "A4"\nuntranslated = "source"'
    )
    files["locale/de/LC_MESSAGES/briefing.po"] = (
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#, python-format\nmsgid "Page %(page)s of %(pages)s"\nmsgstr "Seite %(seite)s von '
        '%(pages)s"\n'
    )
    root = project(files)
    assert run_cli("check", root) == 0
    assert _catalog_warnings(capsys.readouterr().err, "de") == [
        "locale/de/LC_MESSAGES/briefing.po:7: warning: the translation of 'Page %(page)s of "
        "%(pages)s' uses %(seite)s, which the message does not have; use its placeholders "
        "(%(page)s, %(pages)s); the built-in words are used until it is fixed"
    ]
    german = ui_translations(root, parse_language("de"))
    assert german.gettext("Page %(page)s of %(pages)s") == "Seite %(page)s von %(pages)s"
    # The build prints the built-in folio instead of failing on the placeholder.
    assert run_cli("build", root, "--lang", "de", "--kind", "pack", "--jobs", "1") == 0
    assert "Seite 2 von 4" in normalise(page_texts(root / "build/de/test.pdf")[1])


def test_catalogs_carry_the_notes_for_translators(project, capsys, interface_messages) -> None:
    files = six_language_project_files(["en", "fr"])
    files["templates/extra.txt"] = (
        '{# Translators: The words of a template of the project. #}\n{{ _("Extra words") }}\n'
    )
    root = project(files)
    # The project's own message is in no catalog yet.
    assert run_cli("check", root) == 0
    assert _catalog_warnings(capsys.readouterr().err, "fr") == [
        f"locale/fr/LC_MESSAGES/briefing.po: warning: 1 of the {len(interface_messages) + 1} "
        'interface messages (such as "Extra words") are not translated into French (fr) by a '
        "built-in catalog, so they print in English; run `briefing catalogs` to create this "
        "file, then translate them"
    ]
    assert run_cli("catalogs", root) == 0
    pot = read_catalog(root / "locale/briefing.pot")
    notes = {m.id: " ".join(m.auto_comments) for m in pot if m.id}
    assert notes["Extra words"] == "The words of a template of the project."
    assert all(notes.values()), [i for i, n in notes.items() if not n]
    assert "capitals" in notes["Section %(number)s"]
    assert "nominative" in notes[FALLBACK_NOTICE]
    text = (root / "locale/fr/LC_MESSAGES/briefing.po").read_text(encoding="utf-8")
    assert "#. Folio at the foot of every page of a pack;" in text


def test_project_catalogs_are_made_and_override_the_built_in_text(
    project, capsys, monkeypatch
) -> None:
    root = project({**six_language_project_files(["en", "fr"]), **translated_files(["fr"])})
    monkeypatch.chdir(root)
    assert run_cli("catalogs", root) == 0
    messages = len([m for m in extract_messages(template_dirs(root)) if m.id])
    assert capsys.readouterr().out.splitlines() == [
        f"created locale/en/LC_MESSAGES/briefing.po: {messages} messages, 0 untranslated, 0 fuzzy",
        f"created locale/fr/LC_MESSAGES/briefing.po: {messages} messages, 0 untranslated, 0 fuzzy",
        "wrote locale/briefing.pot",
    ]
    po = root / "locale/fr/LC_MESSAGES/briefing.po"
    po.write_text(po.read_text().replace('msgstr "Sommaire"', 'msgstr "Table des matières"'))
    assert run_cli("build", root, "--lang", "fr", "--kind", "pack") == 0
    assert "Table des matières" in normalise(page_texts(root / "build/fr/test.pdf")[1])


def test_doctor_reports_each_language(project, capsys) -> None:
    root = project(six_language_project_files(["en", "zh-Hans", "ar"]))
    assert run_cli("doctor", root) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        "ok  zh-Hans (Chinese (Simplified)): body text in Noto Serif CJK SC, headings in Noto "
        "Sans CJK SC"
    ) in out
    assert "ok  ar (Arabic): body text in Noto Naskh Arabic, headings in Noto Sans Arabic" in out
    assert "ok  font subsetting: HarfBuzz subsetter (libharfbuzz-subset0)" in out


def test_the_example_builds_in_six_languages_with_current_translations(example) -> None:
    folder = example("A4")  # built with --strict: no stale translation, no warning at all
    built = sorted(p.relative_to(folder).as_posix() for p in folder.glob("*/*.pdf"))
    tags = ["en-GB", *LANGUAGES[1:]]  # the example is in British English
    assert built == sorted(
        f"{tag}/egm-2016{suffix}.pdf" for tag in tags for suffix in ("", "-handout")
    )
    for tag in tags:
        assert len(PdfReader(folder / tag / "egm-2016-handout.pdf").pages) == 1


@pytest.mark.parametrize("tag", ["fr", "ru"])
def test_text_is_hyphenated_in_languages_with_a_dictionary(project, tag: str) -> None:
    words = {
        "fr": "Les organisations internationales reconnaissent difficilement "
        "l'indispensable responsabilité institutionnelle des gouvernements.",
        "ru": "Международные организации недостаточно последовательно признают "
        "ответственность государственных учреждений.",
    }[tag]
    files = translated_files([tag])
    # In a narrow column, where lines would otherwise be left far short, so that the sparing
    # hyphenation of running text has words to break.
    column = f'<div style="width: 45mm">{" ".join([words] * 4)}</div>'
    files[f"content/test/01-first.{tag}.md"] = (
        "# Titre\n\n" + column + "\n\n" + words + "[^1]\n\n[^1]: Note.\n"
    )
    root = project({**six_language_project_files(["en", tag]), **files})
    assert run_cli("build", root, "--lang", tag, "--kind", "pack") == 0
    text = page_texts(root / "build" / tag / "test.pdf")[2]
    assert "\u2010\n" in text  # a word broken at a hyphenation point at a line end


def test_doctor_says_what_to_install_for_a_language_without_fonts(project, capsys, monkeypatch):
    from briefing.build import doctor
    from briefing.languages import coverage as fonts

    without_cjk = {f: c for f, c in fonts.installed_fonts().items() if "CJK" not in f}
    monkeypatch.setattr(doctor, "installed_fonts", lambda: without_cjk)
    monkeypatch.setattr(fonts, "installed_fonts", lambda: without_cjk)
    no_cjk_letters = fonts.Coverage.from_ranges(
        span
        for start, end in fonts.any_font().ranges
        for span in [(start, min(end, 0x2E7F)), (max(start, 0xA000), end)]
        if span[0] <= span[1]
    )
    monkeypatch.setattr(fonts, "any_font", lambda: no_cjk_letters)
    root = project(six_language_project_files(["en", "zh-Hans"]))
    assert run_cli("doctor", root) == 1
    out = capsys.readouterr().out.splitlines()
    assert any(
        line.startswith("NO  zh-Hans (Chinese (Simplified)): no installed font has 一 (U+4E00 ")
        and line.endswith("; install fonts-noto-cjk")
        for line in out
    ), out
    assert "ok  en (English): body text in Noto Serif, headings in Noto Sans" in out


def test_doctor_reports_a_missing_subsetter(project, capsys, monkeypatch) -> None:
    from briefing.build import doctor

    monkeypatch.setattr(doctor.ctypes.util, "find_library", lambda name: None)
    assert run_cli("doctor", project(six_language_project_files(["en"]))) == 1
    assert (
        "NO  font subsetting: libharfbuzz-subset0 is missing: PDFs are written with fontTools "
        "instead, 10-20% slower for Latin text and up to 30 times slower for Chinese; install "
        "libharfbuzz-subset0"
    ) in capsys.readouterr().out.splitlines()


def test_mark_that_cannot_write_says_why_and_changes_nothing(project, capsys, monkeypatch) -> None:
    import errno

    from briefing.project import staleness

    def full_disk(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    root = project({**six_language_project_files(["en", "fr"]), **translated_files(["fr"])})
    folder = root / "content/test"
    before = (folder / "01-first.fr.md").read_text("utf-8")
    monkeypatch.setattr(staleness, "write_atomic", full_disk)
    assert run_cli("mark", folder / "01-first.fr.md") == 2
    err = capsys.readouterr().err
    assert "cannot mark 01-first.fr.md: no space left on device; free some space" in err
    assert "internal error" not in err
    assert (folder / "01-first.fr.md").read_text("utf-8") == before
