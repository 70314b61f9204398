"""Bad input: each gets one clear line naming the file (and line), and the right exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CONFIG, INDEX, base_files, run_cli

BROKEN_YAML = """\
---
title: Test briefing
subtitle: "unclosed
date: 2016-10-05
---
Text.
"""

CASES = {
    "broken front matter": (
        {"content/test/index.md": BROKEN_YAML},
        1,
        "content/test/index.md:4: front matter: not valid YAML (found unexpected end of "
        "stream); check the quotes, colons and indentation on this line",
    ),
    "unknown front matter key": (
        {"content/test/index.md": INDEX.replace("series:", "serie:")},
        1,
        "content/test/index.md:6: front matter: unknown key 'serie'; valid keys are: title, "
        "subtitle, date, updated, summary, series, authors, keywords, url, cover_image",
    ),
    "bad date": (
        {"content/test/index.md": INDEX.replace("2016-10-05", "5 October")},
        1,
        "content/test/index.md:4: front matter: date must be a date written YYYY-MM-DD, such "
        "as 2016-10-05",
    ),
    "missing image": (
        {"content/test/01-first.md": "# First\n\nText.\n\n![A chart](images/chart.png)\n"},
        1,
        "content/test/01-first.md:5: image 'images/chart.png': no such file; check the name "
        "and that the path is relative to this file",
    ),
    "image outside the project": (
        {"content/test/01-first.md": "# First\n\n![Secret](../../../secret.png)\n"},
        1,
        "content/test/01-first.md:3: image '../../../secret.png': it points outside the "
        "project folder; copy the file into the project and refer to it by a relative path",
    ),
    "remote image": (
        {"content/test/01-first.md": "# First\n\n![Logo](https://example.org/logo.png)\n"},
        1,
        "content/test/01-first.md:3: image 'https://example.org/logo.png': https URLs are "
        "not fetched (the renderer is offline); copy the file into the project and refer to "
        "it by a relative path",
    ),
    "link to a file outside the project": (
        {"content/test/01-first.md": "# First\n\nSee [this](../../../etc/passwd).\n"},
        1,
        "content/test/01-first.md:3: link '../../../etc/passwd': it points outside the "
        "project folder; link to its web address instead",
    ),
    "link to a missing section": (
        {"content/test/01-first.md": "# First\n\nSee [later](07-later.md).\n"},
        1,
        "content/test/01-first.md: link '#sec-07-later' leads nowhere in this publication; "
        "check the section file name or heading",
    ),
    "non-UTF-8 file": (
        {"content/test/01-first.md": "# First\n\nCaf\xe9 au lait.\n".encode("latin-1")},
        1,
        "content/test/01-first.md:3: is not UTF-8 text (byte 0xe9); save the file as UTF-8 "
        "in your editor",
    ),
    "empty publication": (
        {
            "content/test/index.md": INDEX.split("---\n")[0]
            + "---\n"
            + INDEX.split("---\n")[1]
            + "---\n",
            "content/test/01-first.md": None,
            "content/test/handout.md": None,
        },
        1,
        "content/test/index.md: the publication is empty: write its opening text in index.md "
        "or add sections (01-name.md)",
    ),
    "publication without index.md": (
        {"content/test/index.md": None},
        1,
        "content/test: no index.md; every publication needs one, with a title in its front matter",
    ),
    "section without a title": (
        {"content/test/01-first.md": "Just text, no heading.\n"},
        1,
        "content/test/01-first.md:1: section has no title; start it with a '# Title' line",
    ),
    "unknown config key": (
        {"briefing.toml": CONFIG.replace('paper = "A4"', 'papr = "A4"')},
        2,
        "briefing.toml:2: unknown setting papr; valid settings here are: [organisation], "
        "email_budget_mb, handout_min_scale, handout_paper, language, languages, paper, "
        "untranslated",
    ),
    "unknown organisation key": (
        {"briefing.toml": CONFIG + 'phone = "123"\n'},
        2,
        "briefing.toml:9: unknown setting organisation.phone; valid settings here are: "
        "[organisation.<language>], address, email, licence, logo, name, website",
    ),
    "organisation table not named by a language tag": (
        {"briefing.toml": CONFIG + '\n[organisation.french]\nlicence = "Licence."\n'},
        2,
        "briefing.toml:10: [organisation.french]: 'french' is not a language tag this tool "
        "knows; a table in [organisation] holds its words in one language, named by its tag: "
        "did you mean [organisation.fr]?",
    ),
    "organisation table with no likely language": (
        {"briefing.toml": CONFIG + '\n[organisation.contact]\nlicence = "Licence."\n'},
        2,
        "briefing.toml:10: [organisation.contact]: 'contact' is not a language tag this tool "
        "knows; a table in [organisation] holds its words in one language, named by its tag, "
        "such as [organisation.fr]",
    ),
    "unknown key in an organisation language table": (
        {
            "briefing.toml": CONFIG.replace('"en"', '"en"\nlanguages = ["en", "fr"]')
            + '\n[organisation.fr]\nname = "Groupe"\nphone = "123"\n'
        },
        2,
        "briefing.toml:13: unknown setting organisation.fr.phone; valid settings here are: "
        "address, email, licence, logo, name, website",
    ),
    "bad paper size": (
        {"briefing.toml": CONFIG.replace('"A4"', '"A3"')},
        2,
        "briefing.toml:2: paper must be one of A4, Letter, A5, HalfLetter, not 'A3'",
    ),
    "unknown language": (
        {"briefing.toml": CONFIG.replace('"en"', '"xx-Nowhere"')},
        2,
        "briefing.toml:1: language 'xx-Nowhere' is not a language tag this tool knows; write a "
        'BCP 47 tag, such as "en", "pt-BR" or "zh-Hans"',
    ),
    "a language named instead of tagged": (
        {"briefing.toml": CONFIG.replace('"en"', '"english"')},
        2,
        "briefing.toml:1: language 'english' is not a language tag this tool knows (did you "
        'mean "en"?)',
    ),
    "a language tag with a country that is not one": (
        {"briefing.toml": CONFIG.replace('"en"', '"en"\nlanguages = ["en", "pt-XX", "jp"]')},
        2,
        "briefing.toml:2: languages 'pt-XX' is not a language tag this tool knows (did you "
        'mean "pt"?)',
    ),
    "invalid TOML": (
        {"briefing.toml": CONFIG.replace('paper = "A4"', "paper = A4")},
        2,
        "briefing.toml:2: not valid TOML: Invalid value (at line 2, column 9)",
    ),
    "missing logo": (
        {"briefing.toml": CONFIG + 'logo = "images/logo.svg"\n'},
        2,
        "briefing.toml:9: organisation.logo: no file 'images/logo.svg'; check the path "
        "(relative to the project folder)",
    ),
}


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_reported_exactly(case: str, command: str, project, capsys) -> None:
    overrides, code, message = CASES[case]
    root = project(**overrides)
    assert run_cli(command, root) == code
    captured = capsys.readouterr()
    assert message in captured.err.splitlines()
    assert "Traceback" not in captured.err
    if command == "check":
        assert not (root / "build").exists()


def test_every_problem_is_reported_not_only_the_first(project, capsys) -> None:
    root = project(
        **{
            "content/test/index.md": INDEX.replace("series:", "serie:"),
            "content/test/01-first.md": "# First\n\n![A](missing-a.png)\n\n![B](missing-b.png)\n",
        }
    )
    assert run_cli("check", root) == 1
    err = capsys.readouterr().err
    assert "unknown key 'serie'" in err
    assert "'missing-a.png': no such file" in err
    assert "'missing-b.png': no such file" in err


def test_a_broken_publication_does_not_stop_the_others(project, capsys) -> None:
    root = project(**{"content/broken/index.md": BROKEN_YAML})
    assert run_cli("build", root) == 1
    captured = capsys.readouterr()
    assert (root / "build/en/test.pdf").is_file()
    assert (root / "build/en/test-handout.pdf").is_file()
    assert not (root / "build/en/broken.pdf").exists()
    assert "content/broken/index.md:4: front matter: not valid YAML" in captured.err
    assert captured.out.splitlines()[-1] == "2 editions written, 0 failed; 1 error"


def test_missing_project_folder_is_a_usage_error(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nowhere"
    assert run_cli("build", missing) == 2
    assert capsys.readouterr().err.strip() == (
        f"briefing: {missing}: no such folder; give the folder of a briefing project (or run "
        "`briefing init` to make one)"
    )


def test_folder_that_is_not_a_project(tmp_path: Path, capsys) -> None:
    assert run_cli("check", tmp_path) == 2
    assert capsys.readouterr().err.strip() == (
        f"briefing: {tmp_path}: not a briefing project (no briefing.toml and no content/ "
        "folder); run `briefing init` to make one"
    )


def test_unknown_publication_for_only(project, capsys) -> None:
    assert run_cli("build", project(), "--only", "nope") == 2
    assert capsys.readouterr().err.strip() == (
        "briefing: --only nope: no such publication; the publications are: test"
    )


def test_debug_shows_the_traceback(tmp_path: Path, capsys) -> None:
    assert run_cli("--debug", "build", tmp_path / "nowhere") == 2
    assert "Traceback" in capsys.readouterr().err


def test_base_element_in_content_is_refused(project, capsys) -> None:
    root = project(
        **{"content/test/01-first.md": '# First\n\n<base href="file:///etc/">\n\n![x](passwd)\n'}
    )
    assert run_cli("check", root) == 1
    assert (
        "content/test/01-first.md:3: a <base> element changes where every link points; remove it"
    ) in capsys.readouterr().err


def test_files_are_loaded_as_given(project) -> None:
    # A sanity check of the fixture: the valid base project has no problems at all.
    assert run_cli("check", project(**base_files())) == 0
