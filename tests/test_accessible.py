"""Accessible, small and archivable editions: tagging, alt text, email and archive profiles."""

from __future__ import annotations

import io
import random
from collections import Counter
from pathlib import Path

import pytest
from conftest import CONFIG, INDEX, base_files, run_cli
from pdfcheck import structure_elements
from PIL import Image
from pypdf import PdfReader


def photo(width: int = 2400, height: int = 1600) -> bytes:
    """A large, hard-to-compress JPEG, like a photograph straight from a camera."""
    rng = random.Random(7)
    image = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    image = image.resize((width // 2, height // 2)).resize((width, height))  # some structure
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


PHOTO_SECTION = (
    "# First section\n\nText.\n\n"
    '![A crowd at a rally, holding placards](images/photo.jpg "A rally.")\n'
)


def _structure(pdf: Path) -> dict[str, int]:
    return dict(Counter(str(node["/S"]) for node in structure_elements(PdfReader(pdf))))


def test_screen_editions_are_tagged_with_language_title_and_headings(project) -> None:
    root = project(
        **{
            "content/test/01-first.md": PHOTO_SECTION,
            "content/test/images/photo.jpg": photo(400, 300),
        }
    )
    assert run_cli("build", root) == 0
    for name in ("test.pdf", "test-handout.pdf"):
        reader = PdfReader(root / "build/en" / name)
        catalog = reader.trailer["/Root"]
        assert catalog["/Lang"] == "en"
        assert bool(catalog["/MarkInfo"]["/Marked"])
        assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
        assert "pdfuaid" in catalog["/Metadata"].get_object().get_data().decode()
    tags = _structure(root / "build/en/test.pdf")
    assert tags["/H1"] >= 2 and tags["/L"] >= 1 and tags["/LI"] >= 1
    assert tags["/Figure"] >= 1 and tags["/Caption"] == 1  # the figure keeps its caption


def test_missing_alt_text_is_a_warning_with_file_and_line(project, capsys) -> None:
    root = project(
        **{
            "content/test/01-first.md": "# First\n\nText.\n\n![](images/photo.jpg)\n",
            "content/test/images/photo.jpg": photo(40, 30),
        }
    )
    assert run_cli("build", root) == 0
    assert (
        "content/test/01-first.md:5: warning: image 'images/photo.jpg' has no alt text; say "
        "what it shows between the brackets, as in ![a timeline of the events]"
        "(images/photo.jpg)"
    ) in capsys.readouterr().err.splitlines()
    assert run_cli("build", root, "--strict") == 1


def test_metadata_comes_from_the_front_matter(project) -> None:
    index = INDEX.replace("date: 2016-10-05", "date: 2016-10-05\nupdated: 2017-02-01")
    root = project(**{"content/test/index.md": index})
    assert run_cli("build", root, "--kind", "pack") == 0
    meta = PdfReader(root / "build/en/test.pdf").metadata
    assert meta.title == "Test briefing"
    assert meta["/subtitle"] == "A subtitle for tests"
    assert meta.author == "Test Rights Group"
    assert meta.subject == "What the test briefing is about."
    assert meta["/Keywords"] == "alpha, beta"
    assert meta["/CreationDate"] == "D:20161005000000Z"
    assert meta["/ModDate"] == "D:20170201000000Z"
    assert meta.producer.startswith("WeasyPrint")


def test_archive_profile_is_pdfa_with_the_sources_attached(project) -> None:
    root = project()
    assert run_cli("build", root, "--profile", "archive") == 0
    for name, sources in (
        ("test-archive.pdf", ["index.md", "01-first.md"]),
        ("test-handout-archive.pdf", ["index.md", "handout.md"]),
    ):
        reader = PdfReader(root / "build/en" / name)
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
        # PDF/A-3a: the accessible level, tagged.
        assert 'pdfaid:part="3" pdfaid:conformance="A"' in xmp
        assert "/StructTreeRoot" in reader.trailer["/Root"]
        attachments = reader.attachments
        assert sorted(attachments) == sorted(sources)
        for source in sources:
            assert attachments[source] == [(root / "content/test" / source).read_bytes()]


def test_email_profile_is_small_and_under_budget(project, capsys) -> None:
    root = project(
        **{"content/test/01-first.md": PHOTO_SECTION, "content/test/images/photo.jpg": photo()}
    )
    assert run_cli("build", root, "--kind", "pack") == 0
    assert run_cli("build", root, "--kind", "pack", "--profile", "email") == 0
    screen = (root / "build/en/test.pdf").stat().st_size
    email = (root / "build/en/test-email.pdf").stat().st_size
    assert screen > 2 * 1024 * 1024
    assert email * 3 < screen
    assert email < 2 * 1024 * 1024
    assert "over the" not in capsys.readouterr().err


def test_over_budget_names_the_largest_parts(project, capsys) -> None:
    config = CONFIG.replace('paper = "A4"', 'paper = "A4"\nemail_budget_mb = 0.1')
    root = project(
        base_files(
            **{
                "briefing.toml": config,
                "content/test/01-first.md": PHOTO_SECTION,
                "content/test/images/photo.jpg": photo(),
            }
        )
    )
    assert run_cli("build", root, "--kind", "pack", "--profile", "email") == 0
    err = capsys.readouterr().err
    line = next(line for line in err.splitlines() if "over the 0.1 MB email budget" in line)
    assert line.startswith("en/test-email.pdf: warning: ")
    assert "the largest parts: image content/test/images/photo.jpg " in line
    assert "font Noto-Serif" in line
    assert run_cli("build", root, "--kind", "pack", "--profile", "email", "--strict") == 1


@pytest.mark.parametrize("profile", ["screen", "email", "archive"])
def test_every_profile_is_reproducible(project, profile: str, tmp_path: Path) -> None:
    root = project()
    assert run_cli("build", root, "--profile", profile, "--out", tmp_path / "a") == 0
    assert run_cli("build", root, "--profile", profile, "--out", tmp_path / "b") == 0
    for pdf in (tmp_path / "a/en").glob("*.pdf"):
        assert pdf.read_bytes() == (tmp_path / "b/en" / pdf.name).read_bytes()


def _parse(source: Path | bytes):
    from email import policy
    from email.parser import BytesParser

    data = source if isinstance(source, bytes) else source.read_bytes()
    return BytesParser(policy=policy.default).parsebytes(data)


OPENING = INDEX + "\n!!! key\n    - The first key message.\n    - The second one.\n"


def test_email_draft_parses_back_into_every_part(project, capsys, monkeypatch) -> None:
    root = project(**{"content/test/index.md": OPENING})
    monkeypatch.chdir(root)
    assert run_cli("email", "test", "--to", "minister@example.org") == 0
    out = capsys.readouterr().out.splitlines()
    assert "wrote build/en/test.eml  (draft, with build/en/test-email.pdf attached)" in out
    message = _parse(root / "build/en/test.eml")
    assert message["Subject"] == "Test briefing"
    assert message["To"] == "minister@example.org"
    assert message["X-Unsent"] == "1"
    assert message["Content-Language"] == "en"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for body in (plain, html):
        assert "What the test briefing is about." in body  # the summary
        assert "Key messages" in body
        assert "The first key message." in body and "The second one." in body
        assert "https://example.org/briefings/test" in body
    assert '<html lang="en" dir="ltr">' in html and "<li>The second one.</li>" in html
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "test-en.pdf"
    assert attachment.get_content() == (root / "build/en/test-email.pdf").read_bytes()


def test_email_draft_is_in_the_edition_language(project) -> None:
    from test_translations import six_language_project_files, translated_files

    files = {**six_language_project_files(["en", "fr"]), **translated_files(["fr"])}
    files["content/test/index.fr.md"] = (
        "---\ntitle: Note d’essai\nsummary: Le résumé.\n---\n!!! key\n    - Le premier message.\n"
    )
    root = project(files)
    assert run_cli("email", "test", root, "--lang", "fr") == 0
    message = _parse(root / "build/fr/test.eml")
    assert message["Subject"] == "Note d’essai"
    plain = message.get_body(("plain",)).get_content()
    assert "Messages clés" in plain and "- Le premier message." in plain
    assert "Lire la note complète sur https://example.org/briefings/test" in plain
    assert not (root / "build/en/test.eml").exists()


def test_email_draft_is_from_the_organisation_in_the_edition_language(project) -> None:
    from test_translations import six_language_project_files, translated_files

    import briefing
    from briefing.build.email import compose_draft

    files = {**six_language_project_files(["en", "ar"]), **translated_files(["ar"])}
    files["briefing.toml"] += '\n[organisation.ar]\nname = "مجموعة الاختبار"\n'
    report = briefing.check_project(project(files), kinds=["pack"])
    drafts = {
        edition.language: _parse(compose_draft(report.project, edition, b"%PDF-1.7\n"))
        for edition in report.editions
    }
    assert drafts["en"]["From"] == "Test Rights Group <team@example.org>"
    [sender] = drafts["ar"]["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("مجموعة الاختبار", "team@example.org")
    # Without an email address in briefing.toml, the draft has no sender.
    files["briefing.toml"] = files["briefing.toml"].replace('email = "team@example.org"\n', "")
    report = briefing.check_project(project(files), kinds=["pack"])
    draft = compose_draft(report.project, report.editions[0], b"%PDF-1.7\n")
    assert _parse(draft)["From"] is None


def test_email_draft_is_the_same_every_time(project) -> None:
    root = project(**{"content/test/index.md": OPENING})
    assert run_cli("email", "test", root) == 0
    first = (root / "build/en/test.eml").read_bytes()
    assert run_cli("email", "test", root) == 0
    assert (root / "build/en/test.eml").read_bytes() == first


def test_vague_link_text_is_a_warning(project, capsys) -> None:
    root = project(
        **{
            "content/test/01-first.md": "# First\n\nThe petition is [here](https://example.org/petition).\n"
        }
    )
    assert run_cli("check", root) == 0
    assert (
        "content/test/01-first.md:3: warning: the link to 'https://example.org/petition' says "
        "only where to click; write what it leads to, as in [the NSWP petition]"
        "(https://example.org/petition)"
    ) in capsys.readouterr().err.splitlines()


# --- Every mark accounted for, and a checker's view --------------------------------------

PROFILES_TAGGED = ("email", "archive")


@pytest.fixture(scope="module")
def tagged_editions(example, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every edition of the example in every tagged profile: screen (the A4 build every test
    shares), email and archive."""
    from conftest import REPO

    pdfs = sorted(example("A4").glob("*/*.pdf"))
    for profile in PROFILES_TAGGED:
        out = tmp_path_factory.mktemp(f"example-{profile}")
        assert run_cli("build", REPO, "--profile", profile, "--out", out) == 0
        pdfs += sorted(out.glob("*/*.pdf"))
    assert len(pdfs) == 36
    return pdfs


def test_every_mark_is_content_or_an_artifact(tagged_editions: list[Path]) -> None:
    """Running heads, folios and the footer were marked with ids no element took: 47 in the
    English pack, 6 in the handout."""
    from pdfcheck import untold_content

    untold = {pdf.parent.name + "/" + pdf.name: untold_content(pdf) for pdf in tagged_editions}
    assert {name: pages for name, pages in untold.items() if pages} == {}


def test_every_figure_has_alt_text_and_every_header_cell_a_scope(
    tagged_editions: list[Path],
) -> None:
    tables = 0
    for pdf in tagged_editions:
        reader = PdfReader(pdf)
        for figure in structure_elements(reader, "/Figure"):
            assert str(figure.get("/Alt", "")).strip(), pdf
        for header in structure_elements(reader, "/TH"):
            attributes = header["/A"].get_object()
            assert attributes["/Scope"] in ("/Column", "/Row"), pdf
            tables += 1
    assert tables > 0


@pytest.mark.parametrize("name", ["egm-2016-handout.pdf", "egm-2016.pdf"])
def test_the_qr_code_is_a_figure_naming_its_address(example, name: str) -> None:
    """On the handout it is in a margin box, whose content WeasyPrint leaves out of the tree."""
    reader = PdfReader(example("A4") / "fr" / name)
    alts = [str(f.get("/Alt", "")) for f in structure_elements(reader, "/Figure")]
    assert any("example.org/briefings/egm-2016" in alt for alt in alts), alts


def test_a_checker_finds_nothing_in_any_edition(tagged_editions: list[Path]) -> None:
    """The pdfua checker (the machine-checkable part of PDF/UA-1 it implements: 16 of 106
    rules) on every edition of the example in every tagged profile."""
    from pdfua import validate

    findings = {}
    for pdf in tagged_editions:
        report = validate(str(pdf))
        if report.findings:
            findings[f"{pdf.parent.parent.name}/{pdf.parent.name}/{pdf.name}"] = [
                f"{f.rule_id}: {f.message}" for f in report.findings
            ]
    assert findings == {}


def test_each_footnote_is_a_note_read_right_after_its_call(example) -> None:
    """WeasyPrint reads the notes at the end of their page; a screen reader should hear each
    one where it is cited: a /Reference, then its /Note (with an id)."""
    for language in ("en-GB", "ar", "zh-Hans"):
        reader = PdfReader(example("A4") / language / "egm-2016.pdf")
        order = [
            element
            for element in structure_elements(reader)
            if element["/S"] in ("/Reference", "/Note")
        ]
        kinds = [str(element["/S"]) for element in order]
        assert len(kinds) == 24  # 12 footnotes in the example
        assert kinds == ["/Reference", "/Note"] * 12, language
        for call, note in zip(order[::2], order[1::2], strict=True):
            assert str(note["/ID"]).startswith("note-")
            assert note["/P"].get_object() == call["/P"].get_object()  # in the citing paragraph


def test_a_passage_in_another_language_says_so(project) -> None:
    """An English passage in an Arabic edition (marked in the Markdown), and an English
    section printed where its translation is missing, carry their own /Lang."""
    config = CONFIG.replace(
        'language = "en"', 'language = "en"\nlanguages = ["en", "ar"]\nuntranslated = "source"'
    )
    root = project(
        {
            **base_files(**{"briefing.toml": config}),
            "content/test/02-second.md": "# Second section\n\nOnly in English for now.\n",
            "content/test/index.ar.md": "---\ntitle: إحاطة تجريبية\n---\nنص الافتتاح.\n",
            "content/test/01-first.ar.md": (
                '# القسم الأول\n\nقال الشعار <span lang="en">Sex work is work</span> بوضوح.\n'
            ),
            "content/test/handout.ar.md": "!!! key\n    - النقطة الرئيسية.\n",
        }
    )
    assert run_cli("build", root, "--kind", "pack", "--lang", "ar") == 0
    reader = PdfReader(root / "build" / "ar" / "test.pdf")
    assert str(reader.trailer["/Root"]["/Lang"]) == "ar"
    langs = [str(e["/Lang"]) for e in structure_elements(reader) if "/Lang" in e]
    assert "en" in langs
    spans = [e for e in structure_elements(reader, "/Span") if str(e.get("/Lang", "")) == "en"]
    assert spans  # the marked passage
    sections = [e for e in structure_elements(reader, "/Sect") if str(e.get("/Lang", "")) == "en"]
    assert sections  # the English section


@pytest.mark.parametrize("language", ["en-GB", "ru", "zh-Hans"])
def test_a_screen_reader_reads_the_pack_in_order(example, language: str) -> None:
    """Cover, contents, the sections in order, the back page last; never a running head or
    a page number (artifacts). (Right-to-left text comes out of the PDF in the order it is
    drawn, so Arabic is compared by the structure tests above, not by its words.)"""
    import re

    from conftest import REPO
    from pdfcheck import read_aloud

    read = read_aloud(example("A4") / language / "egm-2016.pdf")
    quotes = str.maketrans("“”«»„‘’", '"""""\'\'')
    text = " ".join(" ".join(words.split()) for _, words in read).translate(quotes)
    text = re.sub(r"(\w-) (\w)", r"\1\2", text)  # a heading broken after its hyphen
    suffix = "" if language == "en-GB" else f".{language}"
    titles = []
    for path in sorted((REPO / "content" / "egm-2016").glob(f"0?-*{suffix}.md")):
        if path.name.count(".") != (1 if not suffix else 2):
            continue
        heading = next(
            line for line in path.read_text("utf-8").splitlines() if line.startswith("# ")
        )
        titles.append(" ".join(heading[2:].split()).translate(quotes))
    assert len(titles) == 5
    # Each title is read in the contents, in order, then again where its section starts.
    position = 0
    for title in titles + titles:
        found = text.find(title, position)
        assert found >= 0, (title, text[position : position + 200])
        position = found + len(title)
    index = (REPO / "content" / "egm-2016" / f"index{suffix}.md").read_text("utf-8")
    title = re.search(r"^title: (.+)$", index, re.M).group(1).strip('"')  # type: ignore[union-attr]
    assert " ".join(title.split()) in text[:300]  # the cover comes first
    assert not re.search(r"\b1[0-6] (of|/) 1[0-6]\b", text)  # no "Page 3 of 14"


@pytest.mark.parametrize(("language", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_the_email_body_says_its_language_and_direction(
    project, language: str, direction: str
) -> None:
    """The HTML part of the draft: lang and dir on its root, and alt text on any picture."""
    import re

    from test_translations import six_language_project_files, translated_files

    root = project({**six_language_project_files(["en", "ar"]), **translated_files(["ar"])})
    assert run_cli("email", "test", root, "--lang", language) == 0
    html = _parse(root / f"build/{language}/test.eml").get_body(("html",)).get_content()
    assert re.search(rf'<html lang="{language}" dir="{direction}">', html)
    for image in re.findall(r"<img\b[^>]*>", html):
        assert re.search(r'\balt="[^"]+"', image), image


def test_a_tables_caption_is_its_caption_element(project) -> None:
    table = (
        "<table><caption>Wells per village</caption>"
        "<thead><tr><th>Village</th><th>Wells</th></tr></thead>"
        "<tbody><tr><td>Kamuli</td><td>3</td></tr></tbody></table>"
    )
    root = project(**{"content/test/01-first.md": f"# First\n\nText.\n\n{table}\n"})
    assert run_cli("build", root, "--kind", "pack") == 0
    reader = PdfReader(root / "build" / "en" / "test.pdf")
    (table_element,) = structure_elements(reader, "/Table")
    kids = table_element["/K"]
    kinds = [str(kid.get_object()["/S"]) for kid in kids if hasattr(kid, "get_object")]
    assert kinds[0] == "/Caption"
    headers = structure_elements(reader, "/TH")
    assert [str(h["/A"].get_object()["/Scope"]) for h in headers] == ["/Column", "/Column"]


def test_a_draft_that_cannot_be_written_says_why(project, capsys, monkeypatch) -> None:
    import errno

    from briefing.build import email

    def read_only(path: Path, data: bytes) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    root = project()
    monkeypatch.setattr(email, "write_atomic", read_only)
    assert run_cli("email", "test", root) == 1
    err = capsys.readouterr().err
    assert (
        "build/en: cannot write the draft test.eml: read-only file system; make it writable" in err
    )
    assert "internal error" not in err
    assert (root / "build" / "en" / "test-email.pdf").is_file()
