"""Nothing gets out: files outside the project are never read, templates never run code.

A project folder is often shared (a template pack, a translator's files), so every file in it
is untrusted. Each probe plants a secret outside the project and a way to reach it from
inside; the secret must not reach the HTML or the PDF, and the error must name the way in.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import CONFIG, INDEX, PNG_1PX, base_files, run_cli, write_files
from pypdf import PdfReader

from briefing import check_project
from briefing.errors import BriefingError

SECRET = "SECRET-0c8d1e"
OUT = "is a link to {target}, outside the project folder; copy the {what} into the project "
OUT += "instead of linking to it"
PO = f"""\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"

msgid "Contents"
msgstr "{SECRET}"
"""
#: What the outside holds: a file of each kind the tool reads, each with the secret.
OUTSIDE = {
    "section.md": f"# Leaked section\n\n{SECRET} text.\n",
    "index.md": INDEX.replace("What the test briefing is about.", f"{SECRET} summary."),
    "handout.md": f"!!! key\n    - {SECRET} point.\n",
    "first.fr.md": f"# Première partie\n\n{SECRET} texte.\n",
    "pub/index.md": INDEX.replace("Test briefing", f"{SECRET} briefing"),
    "content/test/index.md": INDEX.replace("Test briefing", f"{SECRET} briefing"),
    "pack.html": '{% extends "base.html" %}{% block body %}<p>' + SECRET + "</p>{% endblock %}\n",
    "pack.css": f"/* {SECRET} */\nbody {{ color: black; }}\n",
    "templates/pack.css": f"/* {SECRET} */\nbody {{ color: black; }}\n",
    "briefing.po": PO,
    "locale/fr/LC_MESSAGES/briefing.po": PO,
    "briefing.toml": CONFIG.replace("Test Rights Group", f"{SECRET} group"),
    "mark/01-first.fr.md": f"# Première partie\n\n{SECRET} texte.\n",
    "mark/01-first.md": "# First section\n",
    "i18n.html": '{% extends "base.html" %}{% block body %}{{ _("' + SECRET + '") }}{% endblock %}',
}
FRENCH = CONFIG.replace(
    'paper = "A4"', 'paper = "A4"\nlanguages = ["en", "fr"]\nuntranslated = "source"'
)
NO_CONTENT = {
    "content/test/index.md": None,
    "content/test/01-first.md": None,
    "content/test/handout.md": None,
    "content/other/index.md": None,
}


@dataclass(frozen=True)
class Probe:
    """A way out of the project: links (in the project -> in the outside folder) and what
    check must say; ``built`` are editions that must still be built."""

    name: str
    links: Mapping[str, str]
    error: str
    code: int = 1
    files: Mapping[str, str | None] = field(default_factory=dict)
    built: frozenset[str] = frozenset()


def out(link: str, target: str, what: str = "file") -> str:
    return f"{link}: " + OUT.format(target="{outside}/" + target, what=what)


PROBES = [
    Probe(
        "section",
        {"content/test/02-leak.md": "section.md"},
        out("content/test/02-leak.md", "section.md"),
        built=frozenset({"en/other.pdf"}),
    ),
    Probe(
        "index",
        {"content/test/index.md": "index.md"},
        out("content/test/index.md", "index.md"),
        files={"content/test/index.md": None},
        built=frozenset({"en/other.pdf"}),
    ),
    Probe(
        "handout",
        {"content/test/handout.md": "handout.md"},
        out("content/test/handout.md", "handout.md"),
        files={"content/test/handout.md": None},
        built=frozenset({"en/other.pdf"}),
    ),
    Probe(
        "translation",
        {"content/test/01-first.fr.md": "first.fr.md"},
        out("content/test/01-first.fr.md", "first.fr.md"),
        files={"briefing.toml": FRENCH},
        built=frozenset({"en/test.pdf", "en/test-handout.pdf", "fr/other.pdf"}),
    ),
    Probe(
        "publication-folder",
        {"content/leak": "pub"},
        out("content/leak", "pub", "folder"),
        built=frozenset({"en/test.pdf", "en/other.pdf"}),
    ),
    Probe(
        "content-folder",
        {"content": "content"},
        out("content", "content", "folder"),
        files=NO_CONTENT,
    ),
    Probe(
        "template-html",
        {"templates/pack.html": "pack.html"},
        out("templates/pack.html", "pack.html"),
        built=frozenset({"en/test-handout.pdf"}),
    ),
    Probe(
        "template-css",
        {"templates/pack.css": "pack.css"},
        out("templates/pack.css", "pack.css"),
        built=frozenset({"en/test-handout.pdf"}),
    ),
    Probe(
        "templates-folder",
        {"templates": "templates"},
        out("templates", "templates", "folder"),
    ),
    Probe(
        "catalog",
        {"locale/fr/LC_MESSAGES/briefing.po": "briefing.po"},
        out("locale/fr/LC_MESSAGES/briefing.po", "briefing.po"),
        files={"briefing.toml": FRENCH},
        built=frozenset({"en/test.pdf", "en/test-handout.pdf"}),
    ),
    Probe(
        "locale-folder",
        {"locale": "locale"},
        out("locale", "locale", "folder"),
        files={"briefing.toml": FRENCH},
        built=frozenset({"en/test.pdf", "en/test-handout.pdf"}),
    ),
    Probe(
        "settings",
        {"briefing.toml": "briefing.toml"},
        out("briefing.toml", "briefing.toml"),
        code=2,
        files={"briefing.toml": None},
    ),
]


def make_project(tmp_path: Path, probe: Probe) -> tuple[Path, Path]:
    """The project (with a second publication, ``other``) and the outside folder."""
    outside = write_files(tmp_path / "outside", OUTSIDE).resolve()
    other = {"content/other/index.md": INDEX.replace("Test briefing", "Other")}
    files = base_files(**{**other, **probe.files})
    root = write_files(tmp_path / "project", files).resolve()
    for link, target in probe.links.items():
        (root / link).parent.mkdir(parents=True, exist_ok=True)
        (root / link).symlink_to(outside / target)
    return root, outside


def checked_html(root: Path) -> tuple[str, set[str]]:
    """All the HTML `check` makes, and the labels of the editions it would build."""
    try:
        report = check_project(root)
    except BriefingError:
        return "", set()
    labels = {item.edition.label for item in report.prepared}
    return "".join(item.html for item in report.prepared), labels


@pytest.mark.parametrize("probe", PROBES, ids=[p.name for p in PROBES])
def test_a_link_out_of_the_project_is_refused_and_named(probe: Probe, tmp_path, capsys) -> None:
    root, outside = make_project(tmp_path, probe)
    html, built = checked_html(root)
    assert SECRET not in html
    assert probe.built <= built
    assert run_cli("check", root) == probe.code
    assert probe.error.format(outside=outside) in capsys.readouterr().err.splitlines()


def test_links_that_stay_inside_the_project_are_read(tmp_path, capsys) -> None:
    root, _ = make_project(tmp_path, Probe("inside", {}, ""))
    write_files(
        root,
        {
            "shared/section.md": "# Shared section\n\nINSIDE-4b1e text.\n",
            "shared/pack.css": "/* INSIDE-css */\n",
        },
    )
    (root / "content/test/02-shared.md").symlink_to(root / "shared/section.md")
    (root / "templates").mkdir()
    (root / "templates/pack.css").symlink_to(Path("../shared/pack.css"))
    assert run_cli("check", root) == 0, capsys.readouterr().err
    html, _ = checked_html(root)
    assert "INSIDE-4b1e" in html and "INSIDE-css" in html


def test_an_image_through_a_link_names_the_link(tmp_path, capsys) -> None:
    files = {"content/test/01-first.md": "# First\n\n![A chart](images/chart.png)\n"}
    links = {"content/test/images/chart.png": "section.md"}
    root, outside = make_project(tmp_path, Probe("image", links, "", files=files))
    assert run_cli("check", root) == 1
    named = (
        f"content/test/images/chart.png is a link to {outside}/section.md, outside the project "
        "folder"
    )
    assert any(
        line.startswith("content/test/01-first.md:3: image 'images/chart.png': ") and named in line
        for line in capsys.readouterr().err.splitlines()
    )


def test_the_archive_edition_attaches_no_outside_file(tmp_path, capsys) -> None:
    probe = PROBES[2]  # handout.md is a link out of the project
    root, outside = make_project(tmp_path, probe)
    code = run_cli("build", root, "--kind", "handout", "--profile", "archive", "--jobs", "1")
    for pdf in (root / "build").rglob("*.pdf"):
        attached = PdfReader(pdf).attachments
        assert not any(SECRET.encode() in data for items in attached.values() for data in items)
    assert code == 1
    assert probe.error.format(outside=outside) in capsys.readouterr().err.splitlines()


def test_mark_does_not_write_through_a_link(tmp_path, capsys) -> None:
    links = {"content/test/01-first.fr.md": "mark/01-first.fr.md"}
    root, outside = make_project(tmp_path, Probe("mark", links, ""))
    code = run_cli("mark", root / "content/test/01-first.fr.md")
    assert (outside / "mark/01-first.fr.md").read_text("utf-8") == OUTSIDE["mark/01-first.fr.md"]
    assert code == 2
    assert (
        f"briefing: {root}/content/test/01-first.fr.md: "
        + OUT.format(target=outside / "mark/01-first.fr.md", what="file")
    ) in capsys.readouterr().err.splitlines()
    assert run_cli("mark", root / "content/test") == 2
    assert (outside / "mark/01-first.fr.md").read_text("utf-8") == OUTSIDE["mark/01-first.fr.md"]


def test_mark_does_not_read_a_source_through_a_link(tmp_path, capsys) -> None:
    links = {"content/test/02-leak.md": "section.md"}
    root, outside = make_project(tmp_path, Probe("mark", links, ""))
    translation = write_files(root, {"content/test/02-leak.fr.md": "# Fuite\n"})
    before = (translation / "content/test/02-leak.fr.md").read_text("utf-8")
    code = run_cli("mark", root / "content/test/02-leak.fr.md")
    assert (root / "content/test/02-leak.fr.md").read_text("utf-8") == before
    assert code == 2
    assert (
        f"briefing: {root}/content/test/02-leak.md: "
        + OUT.format(target=outside / "section.md", what="file")
    ) in capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("locale/fr/LC_MESSAGES/briefing.po", "briefing.po"),
        ("locale/briefing.pot", "briefing.po"),
        ("locale", "locale"),
        ("templates/pack.html", "i18n.html"),
    ],
)
def test_catalogs_read_and_write_only_inside_the_project(
    link: str, target: str, tmp_path, capsys
) -> None:
    probe = Probe("catalogs", {link: target}, "", files={"briefing.toml": FRENCH})
    root, outside = make_project(tmp_path, probe)
    before = {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()}
    code = run_cli("catalogs", root)
    assert {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()} == before
    for written in root.rglob("*.po*"):
        assert written.is_symlink() or SECRET not in written.read_text("utf-8")
    assert code == 1
    what = "folder" if (outside / target).is_dir() else "file"
    assert (
        f"{link}: " + OUT.format(target=outside / target, what=what)
    ) in capsys.readouterr().err.splitlines()


# ---- Templates run in a sandbox ------------------------------------------------------------

#: Ways a template could reach Python itself; each would run ``touch`` on the marker file.
RUN = "popen('touch {marker}').read()"
ESCAPES = {
    "cycler-globals": "cycler.__init__.__globals__.os." + RUN,
    "joiner-globals": "joiner.__init__.__globals__.os." + RUN,
    "namespace-globals": "namespace.__init__.__globals__.os." + RUN,
    "lipsum-globals": "lipsum.__globals__.os." + RUN,
    "template-reference": "self._TemplateReference__context.cycler.__init__.__globals__.os." + RUN,
    "context-object-walk": "organisation.__class__.__init__.__globals__.__builtins__"
    ".__import__('os')." + RUN,
    "meta-walk": "meta.__class__.__mro__[-1].__subclasses__()|map(attribute='__name__')|join",
    "string-class": "''.__class__.__mro__[1].__subclasses__()|length",
    "format-class": "'{0.__class__}'.format(meta)",
    "format-string": "'{0.__class__.__init__.__globals__}'.format(cycler)",
    "format-map": "'{x.__init__.__globals__[os]}'.format_map({'x': cycler})",
    "attr-filter": "cycler|attr('__init__')|attr('__globals__')",
    "logo-read": "organisation.logo.parent.joinpath('../outside/secret.txt').read_text()",
    "logo-open": "organisation.logo.read_bytes()",
}
#: What would take the machine's time or memory without end.
HANGS = {
    "range": "range(10**9)|list|length",
    "power": "(7 ** 100000000) % 10",
    "string-repeat": "('x' * 10**10)|length",
    "list-repeat": "([1] * 10**10)|length",
    "lipsum": "lipsum(10**9)|length",
    "center": "'x'|center(10**10)|length",
    "method": "'x'.ljust(10**10)|length",
    "percent-width": "('%0*d' % (10**10, 1))|length",
    "percent-named-width": "('%(a)010000000000d' % {'a': 1})|length",
    "format-width": "'{:>10000000000}'.format(1)|length",
    "format-filter": "'%010000000000d'|format(1)|length",
}


def sandbox_project(tmp_path: Path, expression: str) -> tuple[Path, Path]:
    marker = tmp_path / "ran"
    outside = write_files(tmp_path / "outside", {"secret.txt": SECRET})
    config = CONFIG.replace("[organisation]", '[organisation]\nlogo = "logo.png"')
    template = (
        '{% extends "base.html" %}\n{% block body %}\n<p>{{ '
        + expression.replace("{marker}", str(marker))
        + " }}</p>\n{% endblock %}\n"
    )
    root = write_files(
        tmp_path / "project",
        base_files(
            **{"briefing.toml": config, "logo.png": PNG_1PX, "templates/pack.html": template}
        ),
    )
    assert outside.is_dir()
    return root, marker


@pytest.mark.parametrize("expression", [*ESCAPES.values(), *HANGS.values()], ids=[*ESCAPES, *HANGS])
def test_templates_cannot_reach_python_or_files(expression: str, tmp_path, capsys) -> None:
    root, marker = sandbox_project(tmp_path, expression)
    html, built = checked_html(root)
    assert not marker.exists()
    assert SECRET not in html
    assert not any(leak in html for leak in ("<module", "<class", "&lt;module", "&lt;class"))
    assert built == {"en/test-handout.pdf"}  # the handout does not use the template
    assert run_cli("check", root) == 1
    err = capsys.readouterr().err.splitlines()
    assert any(line.startswith("templates/pack.html:3: template error: ") for line in err), err


@pytest.mark.parametrize(
    ("template", "error"),
    [
        ("{{ 1 / 0 }}", "templates/pack.html:3: template error: division by zero"),
        (
            "{{ meta.title + 1 }}",
            'templates/pack.html:3: template error: can only concatenate str (not "int") to str',
        ),
        (
            '{{ _("Hello %(name)s") }}',
            "templates/pack.html:3: template error: no value for %(name)s in a translated "
            'message; give one, as in _("...", name=...)',
        ),
        (
            '{% include "pack.html" %}',
            "templates/pack.html:3: template error: templates include each other without end",
        ),
        (
            '{% include "../../outside/x.html" %}',
            "templates/pack.html:3: template '../../outside/x.html' is outside the templates "
            "folder; include only templates in templates/ or the built-in ones",
        ),
    ],
    ids=[
        "zero-division",
        "type-error",
        "placeholder",
        "recursive-include",
        "include-out",
    ],
)
def test_template_errors_name_the_file_and_line(template: str, error: str, project, capsys):
    page = '{% extends "base.html" %}\n{% block body %}\n' + template + "\n{% endblock %}\n"
    root = project(**base_files(**{"templates/pack.html": page}))
    assert run_cli("check", root) == 1
    err = capsys.readouterr().err.splitlines()
    assert error in err, err


def test_templates_that_include_each_other_are_named(project, capsys) -> None:
    page = '{% extends "base.html" %}\n{% block body %}\n{% include "a.html" %}\n{% endblock %}\n'
    root = project(
        **base_files(
            **{
                "templates/pack.html": page,
                "templates/a.html": '<p>A</p>\n{% include "b.html" %}\n',
                "templates/b.html": '<p>B</p>\n{% if true %}{% include "a.html" %}{% endif %}\n',
                "templates/handout.html": '{% extends "handout.html" %}\n',
            }
        )
    )
    assert run_cli("check", root) == 1
    err = capsys.readouterr().err.splitlines()
    endless = "template error: templates include each other without end"
    assert any(
        line in (f"templates/a.html:2: {endless}", f"templates/b.html:2: {endless}") for line in err
    ), err
    assert f"templates/handout.html:1: {endless}" in err


# ---- References in the project's stylesheets ----------------------------------------------


def test_check_finds_what_the_renderer_would_refuse_in_template_css(project, capsys) -> None:
    css = textwrap.dedent(
        """\
        body { color: black; }
        @import url("../../../outside.css");
        .a { background: url('file:///etc/hostname'); }
        .b { background: url(images/missing.png); }
        .c { background: url(https://example.org/x.png); }
        .d { background: url(data:image/png;base64,AAAA); }
        .e { background: url({{ logo_url }}); }
        """
    )
    root = project(**base_files(**{"templates/pack.css": css}))
    assert run_cli("check", root) == 1
    err = capsys.readouterr().err.splitlines()
    suffix = "; templates may only use files inside the project"
    assert [line for line in err if line.startswith("templates/pack.css")] == [
        "templates/pack.css:2: stylesheet URL '../../../outside.css': it points outside the "
        "project folder" + suffix,
        "templates/pack.css:3: stylesheet URL 'file:///etc/hostname': it points outside the "
        "project folder" + suffix,
        "templates/pack.css:4: stylesheet URL 'images/missing.png': no such file "
        "content/test/images/missing.png (URLs in templates are relative to the publication's "
        "folder)" + suffix,
        "templates/pack.css:5: stylesheet URL 'https://example.org/x.png': https URLs are not "
        "fetched (the renderer is offline)" + suffix,
    ]
