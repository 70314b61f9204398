"""Building: determinism, atomic writes, the commands' output, init."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HANDOUT, PNG_1PX, base_files, run_cli

from briefing import files as files_module


def _pdfs(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "build" / "en").glob("*.pdf"))}


def test_same_input_gives_the_same_bytes_across_runs_folders_and_processes(
    project, tmp_path: Path
) -> None:
    root = project(
        **base_files(
            **{
                "content/test/01-first.md": "# First\n\nText with a note.[^1]\n\n"
                "| A | B |\n|---|---|\n| 1 | 2 |\n\n[^1]: The note.\n"
            }
        )
    )
    assert run_cli("build", root) == 0
    first = _pdfs(root)
    assert run_cli("build", root) == 0
    assert _pdfs(root) == first
    elsewhere = tmp_path / "somewhere" / "else"
    shutil.copytree(root, elsewhere, ignore=shutil.ignore_patterns("build"))
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run(
        [sys.executable, "-m", "briefing.cli", "build", str(elsewhere)],
        check=True,
        capture_output=True,
        env=environment,
    )
    assert _pdfs(elsewhere) == first
    assert len(first) == 2


def test_failed_edition_leaves_the_previous_pdf_and_no_partial_file(project) -> None:
    root = project()
    assert run_cli("build", root) == 0
    handout = root / "build/en/test-handout.pdf"
    before = handout.read_bytes()
    long_text = "\n\n".join(f"Paragraph {n} that does not fit." for n in range(120))
    (root / "content/test/handout.md").write_text(HANDOUT + "\n" + long_text + "\n")
    assert run_cli("build", root) == 1
    assert handout.read_bytes() == before
    assert sorted(p.name for p in (root / "build/en").iterdir()) == ["test-handout.pdf", "test.pdf"]


def test_interrupted_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "out" / "doc.pdf"
    files_module.write_atomic(target, b"old")

    def interrupt(_descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files_module.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        files_module.write_atomic(target, b"new but interrupted")
    assert target.read_bytes() == b"old"
    assert [p.name for p in target.parent.iterdir()] == ["doc.pdf"]


def test_build_prints_one_line_per_edition_and_a_summary(project, capsys, monkeypatch) -> None:
    root = project()
    monkeypatch.chdir(root)
    assert run_cli("build") == 0
    lines = capsys.readouterr().out.splitlines()
    # One line per edition as it is written (in the order they finish), then the summary.
    pack, handout = sorted(lines[:2], key=lambda line: "handout" in line)
    assert pack.startswith("wrote build/en/test.pdf  4 pages, ")
    assert pack.endswith(" KB")
    assert handout.startswith("wrote build/en/test-handout.pdf  1 page, ")
    assert lines[2:] == ["overview: build/index.html", "2 editions written, 0 failed; 0 errors"]


def test_only_kind_and_out(project, tmp_path: Path) -> None:
    root = project(**base_files(**{"content/other/index.md": "---\ntitle: Other\n---\nText.\n"}))
    out = tmp_path / "elsewhere"
    assert run_cli("build", root, "--only", "other", "--kind", "pack", "--out", out) == 0
    assert sorted(p.name for p in (out / "en").iterdir()) == ["other.pdf"]
    assert not (root / "build").exists()


def test_list_shows_the_editions(project, capsys, monkeypatch) -> None:
    root = project(**base_files(**{"content/other/index.md": "---\ntitle: Other\n---\nText.\n"}))
    monkeypatch.chdir(root)
    assert run_cli("list") == 0
    assert capsys.readouterr().out.splitlines() == [
        "en     other                    pack     build/en/other.pdf",
        "en     test                     pack     build/en/test.pdf",
        "en     test                     handout  build/en/test-handout.pdf",
    ]
    assert run_cli("list", "--kind", "handout") == 0
    assert capsys.readouterr().out.splitlines() == [
        "en     test                     handout  build/en/test-handout.pdf"
    ]


def test_check_passes_on_a_good_project_and_writes_nothing(project, capsys) -> None:
    root = project()
    assert run_cli("check", root) == 0
    assert capsys.readouterr().out.strip() == "checked 1 publication: 0 errors"
    assert not (root / "build").exists()


def test_strict_turns_renderer_warnings_into_errors(project, capsys) -> None:
    root = project(**base_files(**{"templates/handout.css": "p { colour: red; }\n"}))
    assert run_cli("build", root, "--kind", "handout") == 0
    assert "warning: renderer: Ignored `colour: red`" in capsys.readouterr().err
    (root / "build/en/test-handout.pdf").unlink()
    assert run_cli("build", root, "--kind", "handout", "--strict") == 1
    assert "en/test-handout.pdf: renderer: Ignored `colour: red`" in capsys.readouterr().err
    assert not (root / "build/en/test-handout.pdf").exists()


def test_init_then_build_works_in_a_new_folder(tmp_path: Path, capsys) -> None:
    target = tmp_path / "new-project"
    assert run_cli("init", target) == 0
    assert (target / "briefing.toml").is_file()
    assert run_cli("build", target) == 0
    assert (target / "build/en/first-briefing.pdf").is_file()
    assert (target / "build/en/first-briefing-handout.pdf").is_file()
    assert "0 errors" in capsys.readouterr().out


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert run_cli("init", tmp_path) == 2
    assert capsys.readouterr().err.strip() == (
        f"briefing: {tmp_path}: already exists and is not empty; choose a new folder"
    )


def test_init_lists_every_paper_size_the_settings_accept(tmp_path: Path) -> None:
    from briefing.project.settings import PAPER_SIZES

    assert run_cli("init", tmp_path / "new") == 0
    settings = (tmp_path / "new/briefing.toml").read_text().splitlines()
    start = next(n for n, line in enumerate(settings) if line.startswith("# Paper size"))
    end = next(n for n, line in enumerate(settings) if line.startswith("paper ="))
    comment = " ".join(settings[start:end])
    assert [name for name in PAPER_SIZES if f'"{name}"' not in comment] == []


def test_init_makes_git_ignore_the_builds(tmp_path: Path, capsys) -> None:
    def ignored(folder: Path, path: str) -> bool:
        check = subprocess.run(["git", "-C", folder, "check-ignore", "-q", path], check=False)
        return check.returncode == 0

    # Inside a larger repository: the new project has a .gitignore of its own.
    subprocess.run(["git", "init", "-q", tmp_path / "repo"], check=True)
    target = tmp_path / "repo/briefings"
    assert run_cli("init", target) == 0
    assert f"created {target / '.gitignore'}" in capsys.readouterr().out
    assert ignored(target, "build/en/first-briefing.pdf") and ignored(target, ".venv/bin/python")
    assert not ignored(target, "content/first-briefing/index.md")
    # A new repository with a .gitignore of its own: the missing lines are added, once.
    subprocess.run(["git", "init", "-q", tmp_path / "own"], check=True)
    (tmp_path / "own/.gitignore").write_text("notes.txt\n/build\n")
    assert run_cli("init", tmp_path / "own") == 0
    lines = (tmp_path / "own/.gitignore").read_text().splitlines()
    assert lines[:2] == ["notes.txt", "/build"] and "build/" not in lines and ".venv/" in lines
    assert ignored(tmp_path / "own", "build/en/first-briefing.pdf")


def test_importing_briefing_and_checking_does_not_import_weasyprint() -> None:
    code = (
        "import sys; from briefing.cli import main; main(['check', '.']); "
        "print('weasyprint' in sys.modules)"
    )
    repo = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "False"


def test_missing_system_libraries_get_an_install_hint(project, monkeypatch, capsys) -> None:
    import builtins

    from briefing.pdf import render as pdf

    real_import = builtins.__import__

    def without_pango(name: str, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(pdf, "_renderer", None)
    monkeypatch.setattr(builtins, "__import__", without_pango)
    assert run_cli("build", project(), "--jobs", "1") == 2
    assert capsys.readouterr().err.splitlines() == [
        "briefing: the PDF renderer cannot start: cannot load library 'libpango-1.0-0'; "
        "install the system libraries with `apt-get install libpango-1.0-0 "
        "libpangoft2-1.0-0 libharfbuzz-subset0` (or run setup.sh)"
    ]


def test_a_machine_that_cannot_render_stops_a_parallel_build() -> None:
    from concurrent.futures import Future

    import pytest

    from briefing.build.run import _collect
    from briefing.errors import SetupError

    future: Future = Future()
    future.set_exception(SetupError("the PDF renderer cannot start: no Pango"))
    with pytest.raises(SetupError):
        _collect(future, None)  # type: ignore[arg-type]


SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40mm" height="20mm" viewBox="0 0 40 20">'
    '<rect width="40" height="20" fill="#0f4c5c"/></svg>\n'
)


def test_cover_image_and_logo_are_printed(project) -> None:
    from conftest import CONFIG, INDEX
    from pypdf import PdfReader

    root = project(
        **base_files(
            **{
                "briefing.toml": CONFIG + 'logo = "brand/logo.png"\n',
                "brand/logo.png": PNG_1PX,
                "content/test/index.md": INDEX.replace(
                    "url:", "cover_image: images/cover.svg\nurl:"
                ),
                "content/test/images/cover.svg": SVG,
            }
        )
    )
    assert run_cli("build", root) == 0
    pages = PdfReader(root / "build/en/test.pdf").pages
    # The cover carries the cover image (vector) and the logo (bitmap); the back page the logo.
    assert len(pages[0].images) == 1 and "/XObject" in pages[0]["/Resources"]
    assert len(pages[-1].images) == 1
    assert len(PdfReader(root / "build/en/test-handout.pdf").pages[0].images) == 1


def test_missing_cover_image_is_reported(project, capsys) -> None:
    from conftest import INDEX

    root = project(
        **{"content/test/index.md": INDEX.replace("url:", "cover_image: images/none.jpg\nurl:")}
    )
    assert run_cli("check", root) == 1
    assert (
        "content/test/index.md:9: cover_image 'images/none.jpg': no such file; check the name "
        "and that the path is relative to this file"
    ) in capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(("paper", "size_mm"), [("A4", (210, 297)), ("Letter", (216, 279))])
def test_paper_size_applies_to_every_kind(project, paper: str, size_mm) -> None:
    from conftest import CONFIG
    from pypdf import PdfReader

    root = project(**base_files(**{"briefing.toml": CONFIG.replace('"A4"', f'"{paper}"')}))
    assert run_cli("build", root) == 0
    for name in ("test.pdf", "test-handout.pdf"):
        for page in PdfReader(root / "build/en" / name).pages:
            box = page.mediabox
            width, height = (round(float(v) * 25.4 / 72) for v in (box.width, box.height))
            assert (width, height) == size_mm


def test_the_example_project_checks_clean(capsys) -> None:
    repo = Path(__file__).resolve().parent.parent
    assert run_cli("check", repo) == 0
    assert capsys.readouterr().out.strip() == "checked 1 publication: 0 errors"


def test_strict_stops_at_the_first_failed_edition(project, capsys) -> None:
    long_text = "\n\n".join(f"Paragraph {n} that does not fit." for n in range(120))
    files = base_files(**{"content/test/handout.md": HANDOUT + "\n" + long_text + "\n"})
    files["content/zzz/index.md"] = "---\ntitle: Later\n---\nText.\n"
    root = project(files)
    # One job, so editions build in order: test.pdf, test-handout.pdf (fails), zzz.pdf (never
    # started). With several jobs, editions already being rendered are finished.
    assert run_cli("build", root, "--strict", "--jobs", "1") == 1
    assert (root / "build/en/test.pdf").is_file()
    assert not (root / "build/en/zzz.pdf").exists()
    assert capsys.readouterr().out.splitlines()[-1] == "1 edition written, 1 failed; 1 error"
    assert run_cli("build", root) == 1  # without --strict the other editions are built
    assert (root / "build/en/zzz.pdf").is_file()
