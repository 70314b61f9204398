"""`check` reports exactly what `build` reports, minus rendering; options and errors a person
meets on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONFIG, HANDOUT, INDEX, base_files, run_cli
from test_translations import SECTION, six_language_project_files, translated_files

import briefing


def _two_languages(**overrides: str | None) -> dict[str, str]:
    files = {**six_language_project_files(["en", "fr"]), **translated_files(["fr"])}
    files.update(overrides)  # type: ignore[arg-type]
    return {name: text for name, text in files.items() if text is not None}


#: One kind of problem each, and a line that both `check` and `build` must print for it.
PROBLEMS = {
    "a character no font has": (
        _two_languages(
            **{"content/test/01-first.fr.md": "# Partie\n\nUn signe 🧿.[^1]\n\n[^1]: N.\n"}
        ),
        "content/test/01-first.fr.md:3: no installed font has this character: 🧿 (U+1F9FF "
        "NAZAR AMULET); install fonts-noto-color-emoji (`briefing doctor` shows what the fonts "
        "cover), or remove it",
    ),
    "an incomplete translation": (
        _two_languages(**{"content/test/01-first.fr.md": None}),
        "fr/test.pdf: warning: skipped, the translation is incomplete: missing "
        'content/test/01-first.fr.md; translate them, or set untranslated = "source" in '
        "briefing.toml to print the source text there",
    ),
    "translations never marked": (
        _two_languages(),
        "content/test: warning: 3 translations into fr are not marked yet (no record of which "
        "version of the source they were translated from, so changes to the source cannot be "
        "found); check they match the source, then run `briefing mark content/test --lang fr`",
    ),
    "a language with no translation files": (
        six_language_project_files(["en", "ur"]),
        "content/test: warning: nothing is translated into Urdu (ur) yet, so its ur editions are "
        'not built; add its translations (index.ur.md, 01-first.ur.md, ...), or remove "ur" '
        "from `languages` in briefing.toml",
    ),
    "a link dropped in translation": (
        _two_languages(
            **{
                "content/test/01-first.md": SECTION + "\nSee [the report](https://example.org).\n",
            }
        ),
        "content/test/01-first.fr.md: warning: has 0 links but its source 01-first.md has 1; "
        "check nothing was dropped or added in translation",
    ),
    "a footnote dropped in translation": (
        _two_languages(**{"content/test/01-first.fr.md": "# Partie\n\nSans note.\n"}),
        "content/test/01-first.fr.md: warning: has 0 footnotes but its source 01-first.md has "
        "1; check nothing was dropped or added in translation",
    ),
    "an unknown language tag": (
        _two_languages(**{"content/test/index.xx-Nope.md": "Text.\n"}),
        "content/test/index.xx-Nope.md: 'xx-Nope' is not a language tag this tool knows; name "
        "translations with a BCP 47 language tag, such as index.fr.md or index.zh-Hans.md",
    ),
    "a language without a catalog": (
        {
            **six_language_project_files(["en", "yo"]),
            "briefing.toml": CONFIG.replace(
                'language = "en"',
                'language = "en"\nlanguages = ["en", "yo"]\nuntranslated = "source"',
            ),
        },
        "locale/yo/LC_MESSAGES/briefing.po: warning: no catalog translates the interface into "
        'Yoruba (yo): its 11 messages (such as "Contents") print in English; run `briefing '
        "catalogs` to create this file, then translate it",
    ),
    "a broken template": (
        _two_languages(**{"templates/handout.html": "{% if %}\n"}),
        "templates/handout.html:1: template syntax error: Expected an expression, got 'end of "
        "statement block'",
    ),
    "bad front matter": (
        _two_languages(**{"content/test/index.md": INDEX.replace("2016-10-05", "5 October")}),
        "content/test/index.md:4: front matter: date must be a date written YYYY-MM-DD, such "
        "as 2016-10-05",
    ),
    "a vague link": (
        _two_languages(
            **{"content/test/01-first.md": SECTION + "\nIt is [here](https://example.org).\n"}
        ),
        "content/test/01-first.md:7: warning: the link to 'https://example.org' says only where "
        "to click; write what it leads to, as in [the NSWP petition](https://example.org)",
    ),
}


def _problem_lines(err: str) -> set[str]:
    """The problems a command printed, without the lines that say what became of editions."""
    return {
        line
        for line in err.splitlines()
        if line and not line.startswith(("failed ", "build stopped"))
    }


@pytest.mark.parametrize("case", PROBLEMS, ids=list(PROBLEMS))
def test_check_and_build_report_the_same_problems(case: str, project, capsys) -> None:
    files, expected = PROBLEMS[case]
    root = project(files)
    check_code = run_cli("check", root)
    checked = _problem_lines(capsys.readouterr().err)
    assert not (root / "build").exists()
    build_code = run_cli("build", root, "--jobs", "1")
    built = _problem_lines(capsys.readouterr().err)
    assert expected in checked
    assert checked == built
    assert check_code == build_code
    api_check = {str(p) for p in briefing.check_project(root).problems}
    api_build = {str(p) for p in briefing.build_project(root, jobs=1).all_problems}
    assert expected in api_check and api_check == api_build


def test_a_skipped_edition_has_its_old_pdf_removed(project, capsys, monkeypatch) -> None:
    root = project(_two_languages())
    monkeypatch.chdir(root)
    assert run_cli("build", "--jobs", "1") == 0
    assert (root / "build/fr/test.pdf").is_file()
    (root / "content/test/01-first.fr.md").unlink()
    capsys.readouterr()
    assert run_cli("build", "--jobs", "1") == 0
    out = capsys.readouterr().out.splitlines()
    assert not (root / "build/fr/test.pdf").exists()
    assert "removed build/fr/test.pdf  (not built this time: see above)" in out
    assert out[-1].startswith("0 editions written, 3 unchanged, 1 skipped (1 old PDF removed),")
    # The translation comes back: the edition is built again, not taken for unchanged.
    (root / "content/test/01-first.fr.md").write_text(SECTION)
    assert run_cli("build", "--jobs", "1") == 0
    assert (root / "build/fr/test.pdf").is_file()


def test_mark_with_an_unknown_language_tag_says_so(project, capsys) -> None:
    root = project(_two_languages(**{"content/test/index.xx-Nope.md": "Text.\n"}))
    path = root / "content/test/index.xx-Nope.md"
    assert run_cli("mark", path) == 2
    err = capsys.readouterr().err
    assert "internal error" not in err
    assert err.strip() == (
        f"briefing: {path}: 'xx-Nope' is not a language tag this tool knows; translation "
        "files end in a BCP 47 language tag, such as index.fr.md or index.zh-Hans.md"
    )


@pytest.mark.parametrize(
    "option",
    [("--paper", "letter"), ("--profile", "SCREEN"), ("--kind", "Handout"), ("--impose", "2UP")],
)
def test_options_are_matched_without_case(option: tuple[str, str], project) -> None:
    root = project()
    assert run_cli("list", root, *(option if option[0] == "--kind" else ())) == 0
    if option[0] != "--kind":
        assert run_cli("build", root, "--kind", "handout", *option) == 0
        assert (root / "build/en/test-handout.pdf").is_file()


def test_paper_setting_is_matched_without_case(project) -> None:
    from pypdf import PdfReader

    root = project(**{"briefing.toml": CONFIG.replace('"A4"', '"letter"')})
    assert run_cli("build", root, "--kind", "handout") == 0
    box = PdfReader(root / "build/en/test-handout.pdf").pages[0].mediabox
    assert round(float(box.width)) == 612  # 8.5 inches


def test_build_and_check_from_python(project) -> None:
    root = project(**{"content/test/handout.md": HANDOUT})
    report = briefing.check_project(root)
    assert [edition.kind for edition in report.editions] == ["pack", "handout"]
    assert report.errors == []
    assert '<html lang="en" dir="ltr">' in report.html(report.editions[0])
    built = briefing.build_project(root, jobs=1)
    assert built.ok
    assert [result.path.name for result in built.written if result.path] == [
        "test.pdf",
        "test-handout.pdf",
    ]
    with pytest.raises(briefing.BriefingError):
        briefing.build_project(root / "nowhere")
    with pytest.raises(briefing.BriefingError):
        briefing.check_project(root, paper="A3")


def test_build_writes_where_it_is_told(project, tmp_path: Path) -> None:
    root = project()
    report = briefing.build_project(root, out=tmp_path / "out", jobs=1)
    assert {r.path.parent for r in report.results if r.path} == {tmp_path / "out" / "en"}


def _untranslated(slug: str, name: str, tag: str, outcome: str) -> str:
    return (
        f"content/{slug}: warning: nothing is translated into {name} ({tag}) yet, so its {tag} "
        f"editions {outcome}; add its translations (index.{tag}.md, 01-first.{tag}.md, ...), or "
        f'remove "{tag}" from `languages` in briefing.toml'
    )


@pytest.mark.parametrize("untranslated", ["skip", "source"])
def test_a_language_without_files_is_reported_once_per_publication(
    untranslated: str, project, capsys
) -> None:
    other = {"index.md": INDEX, "01-first.md": SECTION, "handout.md": HANDOUT}
    files = base_files(**{f"content/other/{name}": text for name, text in other.items()})
    files["briefing.toml"] = CONFIG.replace(
        'language = "en"',
        f'language = "en"\nlanguages = ["en", "ur", "zh-CN"]\nuntranslated = "{untranslated}"',
    )
    root = project(files)
    outcome = "are not built" if untranslated == "skip" else "print the source text"
    expected = sorted(
        _untranslated(slug, name, tag, outcome)
        for slug in ("other", "test")
        for name, tag in (("Urdu", "ur"), ("Chinese (Simplified, China)", "zh-CN"))
    )
    # `build` of those languages alone: in "skip" mode nothing is rendered.
    commands = [["check"], ["build", "--lang", "ur,zh-CN", "--jobs", "1"]]
    for command in commands if untranslated == "skip" else commands[:1]:
        assert run_cli(command[0], root, *command[1:]) == 0
        lines = capsys.readouterr().err.splitlines()
        assert sorted(line for line in lines if "nothing is translated" in line) == expected


def test_translations_never_marked_are_marked_with_the_command_given(
    project, capsys, monkeypatch
) -> None:
    files = _two_languages(**{"content/other/index.md": INDEX})
    files["content/other/index.fr.md"] = "---\ntitle: Autre\n---\nTexte.\n"
    root = project(files)
    monkeypatch.chdir(root)
    assert run_cli("check") == 0
    lines = capsys.readouterr().err.splitlines()
    assert not [line for line in lines if "stale translation" in line]
    unmarked = [line for line in lines if "not marked yet" in line]
    assert [line.split(":")[0] for line in unmarked] == ["content/other", "content/test"]
    assert "its translation into fr is not marked yet" in unmarked[0]
    assert "3 translations into fr are not marked yet" in unmarked[1]
    for line in unmarked:
        command = line.rsplit("`", 2)[1].split()
        assert command[:2] == ["briefing", "mark"]
        assert run_cli(*command[1:]) == 0
    capsys.readouterr()
    assert run_cli("check") == 0
    assert "not marked" not in capsys.readouterr().err
    # A marked translation whose source changed is stale, file by file.
    (root / "content/other/index.md").write_text(INDEX.replace("Opening", "New opening"))
    assert run_cli("check") == 0
    assert capsys.readouterr().err.splitlines() == [
        "content/other/index.fr.md: warning: stale translation: index.md changed since it was "
        "translated; update it, then run `briefing mark content/other/index.fr.md`"
    ]
