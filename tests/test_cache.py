"""The build cache: exactly the editions whose inputs changed are rendered again."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from concurrent.futures import Future
from pathlib import Path

import pytest
from conftest import HANDOUT, PNG_1PX, run_cli
from test_translations import SECTION, six_language_project_files, translated_files

ALL = {"en/test.pdf", "en/test-handout.pdf", "fr/test.pdf", "fr/test-handout.pdf"}


@pytest.fixture
def built(project, capsys, monkeypatch) -> Path:
    """An en + fr project with an image in its section, built once."""
    files = {**six_language_project_files(["en", "fr"]), **translated_files(["fr"])}
    files["content/test/01-first.md"] = SECTION + "\n![A dot](images/dot.png)\n"
    files["content/test/01-first.fr.md"] = (
        "# Première partie\n\nLe texte.[^1]\n\n![Un point](images/dot.png)\n\n[^1]: Une note.\n"
    )
    files["content/test/images/dot.png"] = PNG_1PX
    root = project(files)
    monkeypatch.chdir(root)
    assert run_cli("mark", "content/test") == 0
    assert run_cli("build", "--jobs", "1") == 0
    assert _written(capsys) == ALL
    return root


def _written(capsys) -> set[str]:
    out = capsys.readouterr().out
    return set(re.findall(r"^wrote build/(\S+)", out, re.M))


def _rebuilt(capsys) -> set[str]:
    assert run_cli("build", "--jobs", "1") == 0
    return _written(capsys)


def test_nothing_changed_nothing_rendered(built, capsys) -> None:
    assert run_cli("build", "--jobs", "1") == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "overview: build/index.html",
        "0 editions written, 4 unchanged, 0 failed; 0 errors",
    ]


def test_nothing_changed_does_not_import_the_renderer(built) -> None:
    code = (
        "import sys; from briefing.cli import main; code = main(['build']); "
        "print(code, 'weasyprint' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=built, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "0 False"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # A source section: only the English pack prints it.
        (lambda r: _append(r / "content/test/01-first.md", "More text.\n"), {"en/test.pdf"}),
        # A translated handout: only the French handout.
        (lambda r: _append(r / "content/test/handout.fr.md", "\nPlus.\n"), {"fr/test-handout.pdf"}),
        # The publication's front matter (the date) is printed on every edition.
        (lambda r: _replace(r / "content/test/index.md", "2016-10-05", "2016-10-06"), ALL),
        # An image both packs show.
        (
            lambda r: (r / "content/test/images/dot.png").write_bytes(PNG_1PX + b"\0"),
            {"en/test.pdf", "fr/test.pdf"},
        ),
        # A stylesheet of the packs only.
        (
            lambda r: _write(r / "templates/pack.css", "h2 { color: red; }\n"),
            {"en/test.pdf", "fr/test.pdf"},
        ),
        # The French catalog: a message both French editions print.
        (lambda r: _french_catalog(r), {"fr/test.pdf", "fr/test-handout.pdf"}),
        # The settings.
        (lambda r: _replace(r / "briefing.toml", "Test Rights Group", "Other Group"), ALL),
    ],
    ids=["section", "translation", "front-matter", "image", "stylesheet", "catalog", "settings"],
)
def test_a_change_rebuilds_exactly_the_editions_it_touches(built, capsys, change, expected):
    change(built)
    assert _rebuilt(capsys) == expected
    assert _rebuilt(capsys) == set()  # and then nothing


def test_fonts_and_versions_rebuild_everything(built, capsys, monkeypatch) -> None:
    from briefing.build import cache

    monkeypatch.setattr(cache, "fonts_fingerprint", lambda: "other fonts")
    assert _rebuilt(capsys) == ALL
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert _rebuilt(capsys) == ALL
    monkeypatch.setattr(cache, "renderer_version", lambda: "71.0")
    assert _rebuilt(capsys) == ALL
    monkeypatch.setattr(cache, "_renderer_code", lambda: "other rendering code")
    assert _rebuilt(capsys) == ALL
    assert _rebuilt(capsys) == set()


def test_deleting_the_cache_or_an_output_rebuilds(built, capsys) -> None:
    shutil.rmtree(built / "build/.cache")
    assert _rebuilt(capsys) == ALL
    (built / "build/fr/test.pdf").unlink()
    assert _rebuilt(capsys) == {"fr/test.pdf"}
    (built / "build/en/test-handout.pdf").write_bytes(b"changed by hand")
    assert _rebuilt(capsys) == {"en/test-handout.pdf"}


def test_a_failed_edition_is_not_cached(built, capsys) -> None:
    long_text = "\n\n".join(f"Paragraph {n} that does not fit." for n in range(120))
    (built / "content/test/handout.md").write_text(HANDOUT + "\n" + long_text + "\n")
    for _ in range(2):  # the second build tries again: the failure was not recorded as good
        assert run_cli("build", "--jobs", "1", "--kind", "handout", "--lang", "en") == 1
        assert "does not fit on one page" in capsys.readouterr().err


def test_a_failure_in_a_worker_reaches_the_summary(built, capsys) -> None:
    long_text = "\n\n".join(f"Paragraph {n} that does not fit." for n in range(120))
    (built / "content/test/handout.fr.md").write_text(HANDOUT + "\n" + long_text + "\n")
    _append(built / "content/test/01-first.md", "Changed.\n")
    assert run_cli("build", "--jobs", "2") == 1
    captured = capsys.readouterr()
    assert "content/test/handout.fr.md: the handout does not fit" in captured.err
    assert captured.out.splitlines()[-1] == (
        "1 edition written, 2 unchanged, 1 failed; 1 error, 2 warnings"  # two stale translations
    )


def test_an_exception_in_a_worker_is_never_lost(built) -> None:
    import briefing
    from briefing.build.run import _collect

    edition = briefing.check_project(built).editions[0]
    future: Future = Future()
    future.set_exception(ValueError("boom"))
    result, _ = _collect(future, edition)
    assert not result.ok
    assert str(result.problems[0]) == (
        "en/test.pdf: internal error while rendering: ValueError('boom'); run again with "
        "--jobs 1 --debug and report the traceback"
    )


def test_parallel_and_serial_builds_give_the_same_files(built, tmp_path) -> None:
    assert run_cli("build", "--jobs", "2", "--out", tmp_path / "parallel") == 0
    for name in ALL:
        assert (tmp_path / "parallel" / name).read_bytes() == (built / "build" / name).read_bytes()


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


def _replace(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def _french_catalog(root: Path) -> None:
    assert run_cli("catalogs") == 0
    _replace(
        root / "locale/fr/LC_MESSAGES/briefing.po",
        'msgstr "Lire la note complète sur"',
        'msgstr "La note complète :"',
    )


def test_ctrl_c_stops_cleanly_and_leaves_no_partial_files(tmp_path: Path) -> None:
    import os
    import signal
    import time

    from pypdf import PdfReader

    repo = Path(__file__).resolve().parent.parent
    root = tmp_path / "project"
    shutil.copytree(repo / "content", root / "content")
    shutil.copy(repo / "briefing.toml", root / "briefing.toml")
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing.cli", "build", "--jobs", "2"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # A shell's background job ignores Ctrl-C, and so would the build it starts.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not list(root.glob("build/*/*.pdf")) and time.monotonic() < deadline:
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert b"interrupted" in err
    assert not [p for p in root.rglob("*.tmp")]
    for pdf in root.glob("build/*/*.pdf"):
        assert len(PdfReader(pdf).pages) >= 1  # every file there is whole
    assert len(list(root.glob("build/*/*.pdf"))) < 12  # it did stop


def test_every_field_of_the_recipe_is_part_of_the_cache_key(project) -> None:
    import dataclasses
    import datetime

    import briefing
    from briefing.build.cache import cache_key
    from briefing.project.model import Attachment, Edition

    root = project()
    report = briefing.check_project(root, kinds=("handout",))
    edition, html = report.prepared[0].edition, report.prepared[0].html
    moment = datetime.datetime(2016, 10, 5)
    other = {
        "publication": dataclasses.replace(edition.publication, slug="other"),
        "kind": "pack",
        "language": "fr",
        "profile": "print",
        "paper": "Letter",
        "impose": "2up",
        "min_scale": 0.7,
        "budget_mb": 5.0,
        "attachments": (Attachment("index.md", b"text", "Markdown source", moment),),
    }
    # A field added to the recipe must be added here too, or this fails.
    assert [field.name for field in dataclasses.fields(Edition)] == list(other)
    keys = {cache_key(edition, html)}
    for name, value in other.items():
        keys.add(cache_key(dataclasses.replace(edition, **{name: value}), html))
    assert len(keys) == len(other) + 1  # each change gives a key of its own
    with_file = dataclasses.replace(edition, attachments=other["attachments"])
    changed_file = dataclasses.replace(
        edition, attachments=(Attachment("index.md", b"other text", "Markdown source", moment),)
    )
    assert cache_key(with_file, html) != cache_key(changed_file, html)
    assert cache_key(edition, html + " ") != cache_key(edition, html)


# -- A cache in a state this version did not leave it in ---------------------------------------

ENTRY = {
    "inputs": "key",
    "resources": {},
    "outputs": {"en/test.pdf": "digest"},
    "pages": 1,
    "scale": 1.0,
    "renders": 1,
    "warnings": [],
    "seconds": 0.5,
}


@pytest.mark.parametrize(
    "content",
    [
        b"[]",
        b"null",
        b'"entry"',
        b"{not json",
        b"\xff\xfe",
        json.dumps({**ENTRY, "resources": 5}).encode(),
        json.dumps({**ENTRY, "outputs": ["en/test.pdf"]}).encode(),
        json.dumps({**ENTRY, "outputs": {"en/test.pdf": None}}).encode(),
        json.dumps({**ENTRY, "pages": "1"}).encode(),
        json.dumps({**ENTRY, "seconds": "slow"}).encode(),
        json.dumps({**ENTRY, "inputs": ["key"]}).encode(),
        json.dumps({**ENTRY, "surprise": 1}).encode(),
        json.dumps({key: value for key, value in ENTRY.items() if key != "pages"}).encode(),
        None,  # a folder where the entry should be
    ],
)
def test_an_entry_of_the_wrong_shape_is_a_miss(project, content) -> None:
    import briefing
    from briefing.build import cache

    root = project()
    edition = briefing.check_project(root, kinds=("pack",)).editions[0]
    out = root / "build"
    path = out / ".cache/en/test.json"
    path.parent.mkdir(parents=True)
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    assert cache.read_entry(out, edition) is None
    assert cache.lookup(out, edition, "key", root) is None


def test_an_entry_that_does_not_name_the_pdf_is_a_miss(project) -> None:
    import briefing
    from briefing.build import cache

    root = project()
    edition = briefing.check_project(root, kinds=("pack",)).editions[0]
    out = root / "build"
    (out / "en").mkdir(parents=True)
    (out / "en/test.pdf").write_bytes(b"%PDF-")
    cache.store(out, edition, cache.Entry(**{**ENTRY, "outputs": {}}))
    assert cache.lookup(out, edition, "key", root) is None
    digest = hashlib.sha256(b"%PDF-").hexdigest()
    cache.store(out, edition, cache.Entry(**{**ENTRY, "outputs": {"en/test.pdf": digest}}))
    assert cache.lookup(out, edition, "key", root) is not None


def test_a_cache_folder_that_is_a_file_is_a_miss(project) -> None:
    import briefing
    from briefing.build import cache

    root = project()
    edition = briefing.check_project(root, kinds=("pack",)).editions[0]
    (root / "build").mkdir()
    (root / "build/.cache").write_text("not a folder")
    assert cache.read_entry(root / "build", edition) is None
    assert cache.lookup(root / "build", edition, "key", root) is None
    cache.forget(root / "build", edition)  # nothing to forget, and no error
    with pytest.raises(OSError):  # a build turns this into one warning (see test_faults.py)
        cache.store(root / "build", edition, cache.Entry(**ENTRY))


@pytest.fixture
def built_fake(project, monkeypatch, capsys) -> Path:
    """The English pack and handout of a small project, "rendered" by a stand-in."""
    from test_faults import fake_rendering

    from briefing.build import edition
    from briefing.pdf import render

    monkeypatch.setattr(edition, "render_edition", fake_rendering)
    monkeypatch.setattr(render, "import_renderer", lambda: None)
    monkeypatch.setattr(render, "start_renderer", lambda: None)
    root = project()
    monkeypatch.chdir(root)
    assert run_cli("build", "--jobs", "1") == 0
    assert _written(capsys) == {"en/test.pdf", "en/test-handout.pdf"}
    return root


def test_an_entry_of_the_wrong_shape_rebuilds_its_edition(built_fake, capsys) -> None:
    entry = built_fake / "build/.cache/en/test.json"
    entry.write_text(json.dumps({**json.loads(entry.read_text()), "resources": 5}))
    assert run_cli("build", "--jobs", "1") == 0
    assert _written(capsys) == {"en/test.pdf"}
    assert run_cli("build", "--jobs", "1") == 0  # the entry was written anew
    assert _written(capsys) == set()


def test_an_entry_that_is_a_folder_rebuilds_and_warns_once(built_fake, capsys) -> None:
    entry = built_fake / "build/.cache/en/test.json"
    entry.unlink()
    entry.mkdir()
    assert run_cli("build", "--jobs", "1") == 0
    captured = capsys.readouterr()
    assert set(re.findall(r"^wrote build/(\S+)", captured.out, re.M)) == {"en/test.pdf"}
    assert captured.err.splitlines() == [
        "build/.cache/en/test.json: warning: cannot write the build cache: it is a folder, "
        "where the file must be; move it away: until then builds go on without it, rendering "
        "every edition again"
    ]


def test_a_pdf_replaced_by_a_folder_is_a_clear_error(built_fake, capsys) -> None:
    pdf = built_fake / "build/en/test.pdf"
    pdf.unlink()
    (pdf / "inside").mkdir(parents=True)
    assert run_cli("build", "--jobs", "1") == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "build/en/test.pdf: cannot write: it is a folder, where the file must be; move it "
        "away, or build into another folder with --out DIR",
        "failed en/test.pdf",
    ]
    assert captured.out.splitlines() == [
        "overview: build/index.html",
        "0 editions written, 1 unchanged, 1 failed; 1 error",
    ]
    assert not [path for path in built_fake.rglob("*.tmp")]
