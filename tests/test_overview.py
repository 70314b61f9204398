"""The build overview, build/index.html: what it says of each edition and translation, read
from its data and its HTML (tests/test_overview_browser.py looks at it in a browser)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_cli
from PIL import Image
from test_translations import SECTION, six_language_project_files, translated_files

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]


class Elements(HTMLParser):
    """Every element of a page: its tag and attributes, in order."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}))

    def with_class(self, name: str) -> list[dict[str, str]]:
        return [a for _, a in self.found if name in a.get("class", "").split()]


def cards(root: Path) -> dict[str, dict[str, object]]:
    state = json.loads((root / "build" / ".overview" / "editions.json").read_text("utf-8"))
    assert isinstance(state, dict)
    return state


@pytest.fixture
def bilingual(project) -> Path:
    """English and Arabic, both translated; built once."""
    root = project({**six_language_project_files(["en", "ar"]), **translated_files(["ar"])})
    assert run_cli("build", root, "--jobs", "1") == 0
    return root


def test_every_edition_has_a_card_with_its_facts(bilingual: Path) -> None:
    state = cards(bilingual)
    assert sorted(state) == [
        "ar/test-handout.pdf",
        "ar/test.pdf",
        "en/test-handout.pdf",
        "en/test.pdf",
    ]
    pack = state["ar/test.pdf"]
    assert pack["state"] == "written" and pack["kind"] == "pack" and pack["paper"] == "A4"
    assert pack["direction"] == "rtl" and pack["language"] == "ar"
    assert pack["pdf"] == "ar/test.pdf" and pack["pages"] >= 2 and pack["size"] > 1000
    assert pack["title"] != state["en/test.pdf"]["title"]  # the edition's own title
    assert state["en/test-handout.pdf"]["scale"] <= 1


def test_thumbnails_are_the_first_pages_drawn_by_the_build(bilingual: Path) -> None:
    for label, card in cards(bilingual).items():
        src = str(card["thumbnail"])
        path = bilingual / "build" / src.split("?")[0]
        assert src.startswith(".overview/") and re.search(r"\?v=[0-9a-f]{12}$", src), label
        with Image.open(path) as picture:
            assert picture.width == 300 and picture.height > 300  # portrait pages


def test_the_page_speaks_each_editions_language_and_direction(bilingual: Path) -> None:
    page = (bilingual / "build" / "index.html").read_text("utf-8")
    elements = Elements(page)
    assert elements.found[0] == ("html", {"lang": "en", "dir": "ltr"})
    by_language = {a["lang"]: a for a in elements.with_class("edition")}
    assert by_language["ar"]["dir"] == "rtl" and by_language["en"]["dir"] == "ltr"
    rows = {a["lang"]: a["dir"] for a in elements.with_class("language")}
    assert rows == {"en": "ltr", "ar": "rtl"}
    alts = [a["alt"] for tag, a in elements.found if tag == "img"]
    assert "Test briefing: English pack, first page" in alts
    assert any(alt.startswith("Arabic (العربية) ") is False and "Arabic" in alt for alt in alts)


def test_every_link_and_picture_of_the_page_is_in_the_build_folder(bilingual: Path) -> None:
    page = (bilingual / "build" / "index.html").read_text("utf-8")
    targets = [
        a.get("href") or a.get("src") or ""
        for tag, a in Elements(page).found
        if tag in ("a", "img", "script", "link") and (a.get("href") or a.get("src"))
    ]
    assert targets
    for target in targets:
        assert not re.match(r"^[a-z]+:", target), target  # nothing from the network
        if not target.startswith("#"):
            assert (bilingual / "build" / target.split("#")[0].split("?")[0]).is_file(), target


def test_a_skipped_and_a_failed_edition_say_why(project) -> None:
    files = {**six_language_project_files(["en", "fr", "ar"]), **translated_files(["fr", "ar"])}
    del files["content/test/handout.fr.md"]  # the French handout is not translated yet
    files["content/test/01-first.ar.md"] += "\n![A missing picture](images/none.png)\n"
    root = project(files)
    assert run_cli("build", root, "--jobs", "1") == 1
    state = cards(root)
    skipped, failed = state["fr/test-handout.pdf"], state["ar/test.pdf"]
    assert skipped["state"] == "skipped" and skipped["thumbnail"] is None
    assert any("handout.fr.md" in " ".join(p) for p in skipped["problems"])  # type: ignore[attr-defined]
    assert failed["state"] == "failed"
    assert any(p[0] == "error" and "none.png" in p[2] for p in failed["found"])  # type: ignore[attr-defined, index]
    page = (root / "build" / "index.html").read_text("utf-8")
    assert state["ar/test-handout.pdf"]["state"] == "failed"  # the same file stops both
    assert page.count('class="thumb missing"') == 3


def test_stale_translations_link_to_what_changed(project) -> None:
    root = project({**six_language_project_files(["en", "fr"]), **translated_files(["fr"])})
    subprocess.run([*GIT, "init", "-q"], cwd=root, check=True)
    assert run_cli("mark", root / "content/test") == 0
    subprocess.run([*GIT, "add", "-A"], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-qm", "first"], cwd=root, check=True)
    (root / "content/test/01-first.md").write_text(SECTION.replace("Body", "Changed body"))
    assert run_cli("build", root, "--jobs", "1") == 0
    page = (root / "build" / "index.html").read_text("utf-8")
    cell = re.search(r'<td class="stale"><a href="#([^"]+)">stale</a></td>', page)
    assert cell is not None
    details = re.search(rf'<details id="{cell.group(1)}">(.*?)</details>', page, re.S)
    assert details is not None
    assert "-Body of the first section." in details.group(1)
    assert "+Changed body of the first section." in details.group(1)
    assert page.count('<td class="up-to-date">') == 2  # index and handout


def test_a_build_of_one_language_keeps_the_others(bilingual: Path) -> None:
    (bilingual / "content/test/01-first.ar.md").write_text(
        "# قسم\n\nنص جديد.[^1]\n\n[^1]: ملاحظة.\n"
    )
    assert run_cli("build", bilingual, "--jobs", "1", "--lang", "ar", "--kind", "pack") == 0
    state = cards(bilingual)
    assert len(state) == 4
    assert state["ar/test.pdf"]["state"] == "written"
    assert state["en/test.pdf"]["state"] == "written"  # as its last build left it


def test_nothing_changed_draws_nothing_and_loads_no_renderer(bilingual: Path) -> None:
    thumbnail = bilingual / "build/.overview/en/test.png"
    before = thumbnail.stat().st_mtime_ns
    code = (
        "import sys; from briefing.cli import main; code = main(['build']); "
        "print(code, 'weasyprint' in sys.modules, 'pypdfium2' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=bilingual, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "0 False False"
    assert thumbnail.stat().st_mtime_ns == before
    assert {c["state"] for c in cards(bilingual).values()} == {"unchanged"}


def test_a_thumbnail_that_went_missing_is_drawn_again(bilingual: Path) -> None:
    thumbnail = bilingual / "build/.overview/ar/test.png"
    thumbnail.unlink()
    assert run_cli("build", bilingual, "--jobs", "1") == 0
    assert thumbnail.is_file()


def test_the_warnings_of_a_rendering_are_on_its_card_once(project) -> None:
    root = project(**{"templates/handout.css": "p { colour: red; }\n"})
    assert run_cli("build", root, "--jobs", "1", "--kind", "handout") == 0
    warned = cards(root)["en/test-handout.pdf"]["problems"]
    assert any("renderer: Ignored `colour: red`" in p[2] for p in warned)  # type: ignore[attr-defined, index]
    assert run_cli("build", root, "--jobs", "1", "--kind", "handout") == 0
    # An edition with warnings is never taken from the cache: it is rendered (and said) again.
    card = cards(root)["en/test-handout.pdf"]
    assert card["state"] == "written" and card["problems"] == warned and len(warned) == 1


def test_no_overview_writes_no_page_and_no_thumbnails(project, capsys) -> None:
    root = project()
    assert run_cli("build", root, "--jobs", "1", "--no-overview") == 0
    assert not (root / "build" / "index.html").exists()
    assert not (root / "build" / ".overview").exists()
    assert "overview:" not in capsys.readouterr().out


def test_the_build_says_where_the_page_is(project, capsys) -> None:
    root = project()
    assert run_cli("build", root, "--jobs", "1") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-2] == f"overview: {root / 'build' / 'index.html'}"


def test_an_email_draft_and_the_budget_are_shown(project) -> None:
    root = project()
    assert run_cli("email", "test", root) == 0
    card = cards(root)["en/test-email.pdf"]
    assert card["email"] == "en/test.eml" and card["budget_mb"] == 2.0
    page = (root / "build" / "index.html").read_text("utf-8")
    assert 'href="en/test.eml"' in page and "of 2 MB" in page


def test_a_page_that_cannot_be_written_is_a_warning(project, capsys) -> None:
    root = project()
    (root / "build" / "index.html").mkdir(parents=True)
    assert run_cli("build", root, "--jobs", "1") == 0
    err = capsys.readouterr().err
    assert "warning: cannot write the build overview" in err
    assert (root / "build" / "en" / "test.pdf").is_file()


def test_the_page_of_watch_reloads_itself_and_that_of_build_does_not(bilingual: Path) -> None:
    from briefing.build.watch import build_round

    page = (bilingual / "build" / "index.html").read_text("utf-8")
    assert "version.js" not in page
    build_round(bilingual)
    page = (bilingual / "build" / "index.html").read_text("utf-8")
    assert ".overview/version.js" in page
    version = re.search(r'name="briefing-version" content="([0-9a-f]+)"', page)
    assert version is not None
    script = (bilingual / "build/.overview/version.js").read_text("utf-8")
    assert script == f'briefingOverview("{version.group(1)}");\n'


def test_watch_says_where_the_page_is(project) -> None:
    import signal

    root = project()
    watcher = subprocess.Popen(
        [sys.executable, "-m", "briefing.cli", "watch", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert watcher.stdout is not None
        lines = [watcher.stdout.readline() for _ in range(2)]
        assert lines[0].startswith("watching ")
        page = (root / "build" / "index.html").resolve().as_uri()
        assert lines[1] == f"overview: {page} (reloads itself after each build)\n"
        # The first round ends with its summary (a watcher that stops early ends the file).
        rest = iter(watcher.stdout.readline, "")
        assert any("editions rebuilt" in line for line in rest)
        assert (root / "build" / "index.html").is_file()
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.communicate(timeout=60)


def test_a_card_names_the_problems_of_the_files_its_edition_prints(project) -> None:
    files = {**six_language_project_files(["en", "fr"]), **translated_files(["fr"])}
    files["content/test/01-first.fr.md"] = "# Première partie\n\nLe texte, sans sa note.\n"
    root = project(files)
    assert run_cli("build", root, "--jobs", "1") == 0
    state = cards(root)
    dropped = "has 0 footnotes but its source 01-first.md has 1"
    assert any(dropped in p[2] for p in state["fr/test.pdf"]["found"])  # type: ignore[attr-defined, index]
    assert not any(dropped in p[2] for p in state["fr/test-handout.pdf"]["found"])  # type: ignore[attr-defined, index]
    assert not any(dropped in p[2] for p in state["en/test.pdf"]["found"])  # type: ignore[attr-defined, index]
