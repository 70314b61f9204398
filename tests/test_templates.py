"""Templates: overridden file by file; broken ones reported with file and line."""

from __future__ import annotations

from conftest import base_files, normalise, page_texts, run_cli

from briefing.html.templating import BUILTIN_TEMPLATES


def test_project_template_overrides_the_built_in_one(project) -> None:
    root = project(
        **base_files(
            **{
                "templates/org-block.html": "<p>Overridden block {{ organisation.name }}</p>\n",
            }
        )
    )
    assert run_cli("build", root) == 0
    handout = normalise(page_texts(root / "build/en/test-handout.pdf")[0])
    assert "Overridden block Test Rights Group" in handout
    # The other built-in templates still apply: the handout still has its title and lead.
    assert "Test briefing" in handout and "What the test briefing is about." in handout


def test_stylesheet_can_be_overridden(project) -> None:
    css = "@page { size: A5; margin: 10mm; }\n"
    root = project(**base_files(**{"templates/handout.css": css}))
    assert run_cli("build", root, "--kind", "handout") == 0
    from pypdf import PdfReader

    box = PdfReader(root / "build/en/test-handout.pdf").pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (148, 210)


def test_template_syntax_error_names_file_and_line(project, capsys) -> None:
    root = project(
        **base_files(
            **{
                "templates/handout.html": '{% extends "base.html" %}\n{% block body %}\n{% if %}\n'
                "{% endblock %}\n",
            }
        )
    )
    assert run_cli("build", root) == 1
    captured = capsys.readouterr()
    assert (
        "templates/handout.html:3: template syntax error: Expected an expression, got "
        "'end of statement block'"
    ) in captured.err.splitlines()
    # The pack does not use that template and is still built.
    assert (root / "build/en/test.pdf").is_file()
    assert not (root / "build/en/test-handout.pdf").exists()


def test_undefined_variable_names_file_and_line(project, capsys) -> None:
    root = project(
        **base_files(
            **{
                "templates/org-block.html": "<p>{{ organisation.name }}</p>\n"
                "<p>{{ organisaton.email }}</p>\n",
            }
        )
    )
    assert run_cli("build", root) == 1
    err = capsys.readouterr().err.splitlines()
    assert (
        "templates/org-block.html:2: template error: 'organisaton' is undefined; check the "
        "variable name against the documented ones"
    ) in err


def test_missing_template_lists_the_folders_searched(project, capsys) -> None:
    root = project(
        **base_files(
            **{
                "templates/pack.html": '{% extends "base.html" %}\n{% block body %}'
                '{% include "cover.html" %}{% endblock %}\n',
            }
        )
    )
    assert run_cli("check", root) == 1
    assert (
        "templates/pack.html:2: template 'cover.html' not found; looked in templates/ (the "
        f"project's) and {BUILTIN_TEMPLATES} (built-in)"
    ) in capsys.readouterr().err.splitlines()


def test_check_reports_template_errors_without_writing(project, capsys) -> None:
    root = project(**base_files(**{"templates/pack.html": "{% for x in %}\n"}))
    assert run_cli("check", root) == 1
    assert "templates/pack.html:1: template syntax error" in capsys.readouterr().err
    assert not (root / "build").exists()
