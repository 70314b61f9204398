"""Translated editions: every language, the interface text, scripts, and staleness."""

from __future__ import annotations

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
    catalog_path,
    catalog_state,
    extract_messages,
    read_catalog,
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
        "Cette partie n’a pas encore été traduite en français ; elle est reproduite en "
        "anglais." in pages[2]
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
        html = report.html(edition)
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
    assert report["counts"] == {"up to date": 0, "stale": 3, "missing": 0, "orphaned": 0}
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
    assert lines[-1] == "0 up to date, 2 stale, 1 missing, 1 orphaned"


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


@pytest.mark.parametrize("tag", LANGUAGES)
def test_builtin_catalogs_are_complete(tag: str, tmp_path: Path) -> None:
    expected = {m.id for m in extract_messages(template_dirs(tmp_path)) if m.id}
    path = catalog_path(BUILTIN_LOCALE, parse_language(tag))
    state = catalog_state(path)
    catalog = read_catalog(path)
    assert {m.id for m in catalog if m.id} == expected
    assert state.untranslated == 0 and state.fuzzy == 0
    assert not catalog.fuzzy  # the header too, or the plural forms would be ignored
    assert len(catalog.plural_forms) > 0


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
    assert "ok  zh-Hans (Chinese (Simplified)): Noto Serif CJK SC and Noto Sans CJK SC" in out
    assert "ok  ar (Arabic): Noto Naskh Arabic and Noto Sans Arabic" in out
    assert "ok  font subsetting: HarfBuzz subsetter (libharfbuzz-subset0)" in out


def test_the_example_builds_in_six_languages_with_current_translations(
    tmp_path: Path, capsys
) -> None:
    repo = Path(__file__).resolve().parent.parent
    assert run_cli("build", repo, "--out", tmp_path, "--strict") == 0
    built = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.glob("*/*.pdf"))
    example = ["en-GB", *LANGUAGES[1:]]  # the example is in British English
    assert built == sorted(
        f"{tag}/egm-2016{suffix}.pdf" for tag in example for suffix in ("", "-handout")
    )
    assert capsys.readouterr().out.splitlines()[-1] == "12 editions written, 0 failed; 0 errors"
    for tag in example:
        assert len(PdfReader(tmp_path / tag / "egm-2016-handout.pdf").pages) == 1


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
    root = project(six_language_project_files(["en", "zh-Hans"]))
    assert run_cli("doctor", root) == 1
    out = capsys.readouterr().out.splitlines()
    assert (
        "NO  zh-Hans (Chinese (Simplified)): none of Noto Serif CJK SC, Noto Serif, Noto Sans CJK "
        "SC, Noto Sans is installed; install fonts-noto-cjk"
    ) not in out  # Noto Serif is there: the message is about coverage
    assert any(
        line.startswith("NO  zh-Hans (Chinese (Simplified)): ")
        and line.endswith("install fonts-noto-cjk")
        for line in out
    ), out
    assert "ok  en (English): Noto Serif and Noto Sans" in out


def test_doctor_reports_a_missing_subsetter(project, capsys, monkeypatch) -> None:
    from briefing.build import doctor

    monkeypatch.setattr(doctor.ctypes.util, "find_library", lambda name: None)
    assert run_cli("doctor", project(six_language_project_files(["en"]))) == 1
    assert (
        "NO  font subsetting: libharfbuzz-subset0 is missing: PDFs are written with fontTools "
        "instead, 10-20% slower for Latin text and up to 30 times slower for Chinese; install "
        "libharfbuzz-subset0"
    ) in capsys.readouterr().out.splitlines()
