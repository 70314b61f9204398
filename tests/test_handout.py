"""The one-page handout: everything a reader needs, on exactly one page."""

from __future__ import annotations

import re

import pytest
from conftest import HANDOUT, base_files, normalise, page_texts, run_cli
from pypdf import PdfReader

OVERFLOW = re.compile(
    r"^content/test/handout\.md: the handout does not fit on one page even at the smallest "
    r"allowed size \(85%\): about (\d+) lines \((\d+) mm\) too long; shorten the text, or lower "
    r"min_scale in its front matter \(handout_min_scale in briefing\.toml\)$",
    re.M,
)


def _long_handout(paragraphs: int) -> str:
    text = "\n\n".join(
        f"Paragraph {n} of a handout that says far too much." for n in range(paragraphs)
    )
    return HANDOUT + "\n" + text + "\n"


def test_handout_has_every_part_on_one_page(project) -> None:
    root = project()
    assert run_cli("build", root, "--kind", "handout") == 0
    pdf = root / "build/en/test-handout.pdf"
    texts = page_texts(pdf)
    assert len(texts) == 1
    page = normalise(texts[0])
    for part in (
        "Test briefing",  # title
        "What the test briefing is about.",  # lead (the summary)
        "KEY POINTS",
        "First point.",  # key points
        "RECOMMENDATIONS",
        "Do this.",  # recommendations
        "WHAT YOU CAN DO",
        "Act now.",  # call to action
        "Test Rights Group",
        "team@example.org",  # organisation block
        "example.org/briefings/test",
    ):  # the url
        assert part in page, part
    assert not (root / "build/en/test.pdf").exists()  # --kind handout


def test_handout_front_matter_sets_title_and_lead(project) -> None:
    root = project(
        **{"content/test/handout.md": "---\ntitle: Short title\nlead: A lead.\n---\n" + HANDOUT}
    )
    assert run_cli("build", root, "--kind", "handout") == 0
    page = normalise(page_texts(root / "build/en/test-handout.pdf")[0])
    assert "Short title" in page and "A lead." in page
    assert "What the test briefing is about." not in page


def _count_renders(monkeypatch) -> list[int]:
    """Counts the renders of a build in this process (``--jobs 1``)."""
    from briefing.pdf import render as pdf

    calls: list[int] = []
    real = pdf.render_pdf

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf, "render_pdf", counting)
    return calls


def test_a_handout_that_fits_is_rendered_once(project, monkeypatch, capsys) -> None:
    calls = _count_renders(monkeypatch)
    root = project()
    assert run_cli("build", root, "--kind", "handout", "--jobs", "1") == 0
    assert len(calls) == 1
    assert "shrunk" not in capsys.readouterr().out


@pytest.mark.parametrize("paragraphs", [18, 22])
def test_a_long_handout_is_shrunk_to_fit(project, monkeypatch, capsys, paragraphs) -> None:
    calls = _count_renders(monkeypatch)
    root = project(**base_files(**{"content/test/handout.md": _long_handout(paragraphs)}))
    assert run_cli("build", root, "--kind", "handout", "--jobs", "1") == 0
    out = capsys.readouterr().out
    match = re.search(r"test-handout\.pdf  1 page, \d+ KB, shrunk to (\d+)% to fit", out)
    assert match, out
    assert 85 <= int(match[1]) < 100
    assert 2 <= len(calls) <= 4
    page = normalise(page_texts(root / "build/en/test-handout.pdf")[0])
    for n in range(paragraphs):  # all the text is there
        assert f"Paragraph {n} of a handout" in page


def test_shrinking_takes_the_largest_scale_that_fits(project, capsys) -> None:
    root = project(**base_files(**{"content/test/handout.md": _long_handout(20)}))
    assert run_cli("build", root, "--kind", "handout") == 0
    scale = int(re.search(r"shrunk to (\d+)%", capsys.readouterr().out)[1]) / 100
    from pdfcheck import first_edition

    from briefing.html.context import edition_html
    from briefing.pdf.render import render_pdf

    project_, edition, _ = first_edition(root, "handout")
    a_bit_larger = render_pdf(
        edition_html(project_, edition, scale=scale + 0.015), edition.publication.folder, root
    )
    assert a_bit_larger.pages == 2


def test_past_the_floor_it_fails_saying_by_how_much(project, capsys) -> None:
    measured = []
    for paragraphs in (60, 90):
        root = project(**base_files(**{"content/test/handout.md": _long_handout(paragraphs)}))
        assert run_cli("build", root) == 1
        match = OVERFLOW.search(capsys.readouterr().err)
        assert match, "no overflow message"
        measured.append((int(match[1]), int(match[2])))
        assert not (root / "build/en/test-handout.pdf").exists()
        assert (root / "build/en/test.pdf").is_file()  # the pack is still built
    (lines_short, mm_short), (lines_long, mm_long) = measured
    assert 0 < lines_short < lines_long and 0 < mm_short < mm_long
    # 30 more one-line paragraphs at 85% (line plus paragraph gap, about 7.6 mm each).
    assert 170 < mm_long - mm_short < 290


def test_min_scale_in_the_front_matter_allows_more_shrinking(project, capsys) -> None:
    text = _long_handout(34).replace("!!! key", "---\nmin_scale: 0.5\n---\n!!! key", 1)
    root = project(**base_files(**{"content/test/handout.md": text}))
    assert run_cli("build", root, "--kind", "handout") == 0
    scale = int(re.search(r"shrunk to (\d+)%", capsys.readouterr().out)[1])
    assert 50 <= scale < 85


def test_handout_metadata(project) -> None:
    root = project()
    assert run_cli("build", root, "--kind", "handout") == 0
    reader = PdfReader(root / "build/en/test-handout.pdf")
    assert reader.metadata.title == "Test briefing"
    assert reader.metadata.author == "Test Rights Group"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_example_handout_is_one_page(tmp_path) -> None:
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    out = tmp_path / "out"
    assert run_cli("build", repo, "--kind", "handout", "--out", out, "--lang", "en-GB") == 0
    page = normalise(page_texts(out / "en-GB" / "egm-2016-handout.pdf")[0])
    assert len(page_texts(out / "en-GB" / "egm-2016-handout.pdf")) == 1
    assert "example.org/briefings/egm-2016" in page


@pytest.mark.parametrize("paper", ["A4", "Letter", "A5"])
@pytest.mark.parametrize("language", ["en-GB", "es", "ar"])
def test_everything_on_a_handout_stays_inside_the_type_area(language: str, paper: str) -> None:
    from pathlib import Path

    from pdfcheck import laid_out_pages

    repo = Path(__file__).resolve().parent.parent
    page = laid_out_pages(repo, "handout", language, paper=paper)[0]._page_box
    left, right = page.margin_left, page.margin_width() - page.margin_right
    outside = [
        (type(box).__name__, getattr(box, "element_tag", None), round(box.position_x))
        for box in page.descendants()
        if type(box).__name__ in ("LineBox", "InlineReplacedBox", "BlockReplacedBox")
        and (box.position_x < left - 0.5 or box.position_x + box.margin_width() > right + 0.5)
    ]
    assert outside == []  # the QR code of the footer included


# ---- Shrinking to fit: the same scale whatever the floor, and the real overflow -----------

#: The overflow message, at any floor: the floor, the lines and the millimetres.
OVERFLOW_AT = re.compile(
    r"content/test/handout\.md: the handout does not fit on one page even at the smallest "
    r"allowed size \((\d+)%\): about (\d+) lines? \((\d+) mm\) too long"
)


def _call_outs_last(paragraphs: int) -> str:
    """One-line paragraphs, then the three call-outs, which are never split: when the text is
    too long, the last call-out moves whole to a second page, leaving a gap on the first."""
    text = "\n\n".join(
        f"Paragraph {n} of a handout that says far too much." for n in range(paragraphs)
    )
    return text + "\n\n" + HANDOUT


def _laid_out(root, paper: str, scale: float, style: str = ""):
    """The handout of the project at ``root`` laid out at ``scale`` (with ``style`` added)."""
    from pdfcheck import first_edition

    from briefing.html.context import edition_html
    from briefing.pdf.render import layout_document

    project_, edition, _ = first_edition(root, "handout", paper=paper)
    html = edition_html(project_, edition, scale=scale)
    if style:
        html = html.replace("</head>", f"<style>{style}</style></head>", 1)
    return layout_document(html, edition.publication.folder, root)[0].pages


def _overflow_on_an_endless_page(root, paper: str, scale: float) -> float:
    """How far (mm) the handout at ``scale`` runs past its page, measured apart from the
    build: the bottom of its body laid out on a page as wide as the paper and as tall as need
    be, less the height of the paper's type area."""
    page = _laid_out(root, paper, scale)[0]._page_box
    endless = f"@page {{ size: {page.margin_width()}px 20000px !important }}"
    (tall,) = _laid_out(root, paper, scale, endless)
    body = next(b for b in tall._page_box.descendants() if b.element_tag == "body")
    bottom = body.position_y + body.margin_top + body.border_height()
    return (bottom - tall._page_box.content_box_y() - page.height) * 25.4 / 96


@pytest.mark.parametrize(("paper", "paragraphs"), [("A4", 30), ("A5", 20), ("Letter", 30)])
def test_the_scale_does_not_depend_on_the_floor_and_the_overflow_is_real(
    project, monkeypatch, capsys, paper, paragraphs
) -> None:
    from conftest import CONFIG

    from briefing.pdf.fit import MAX_RENDERS
    from briefing.project.settings import PAPER_SIZES

    calls = _count_renders(monkeypatch)
    handout = _call_outs_last(paragraphs)
    shrunk, overflows = {}, {}
    for floor in (0.5, 0.65, 0.75, 0.85):
        settings = CONFIG.replace(
            "[organisation]", f"handout_min_scale = {floor}\n\n[organisation]"
        )
        root = project(
            **base_files(**{"briefing.toml": settings, "content/test/handout.md": handout})
        )
        calls.clear()
        out = root / f"out-{floor}"
        code = run_cli(
            "build", root, "--kind", "handout", "--paper", paper, "--jobs", "1", "--out", out
        )
        printed = capsys.readouterr()
        assert 2 <= len(calls) <= MAX_RENDERS <= 6, (floor, len(calls))
        if code == 0:
            match = re.search(
                r"test-handout\.pdf  1 page, \d+ KB, shrunk to (\d+)% to fit", printed.out
            )
            assert match, printed.out
            shrunk[floor] = int(match[1])
        else:
            match = OVERFLOW_AT.search(printed.err)
            assert match and int(match[1]) == round(floor * 100), printed.err
            overflows[floor] = (int(match[2]), int(match[3]))
    assert shrunk and overflows, (shrunk, overflows)  # fits from some floors, not from others
    (percent,) = set(shrunk.values())  # whatever the floor below it
    assert max(shrunk) * 100 <= percent < min(overflows) * 100
    # The largest whole percentage that fits: one more, and the handout takes two pages.
    assert len(_laid_out(root, paper, percent / 100)) == 1
    assert len(_laid_out(root, paper, (percent + 1) / 100)) == 2
    # Past the floor, the build says by how much the text is too long at the floor.
    line_mm = 10.5 * PAPER_SIZES[paper].type_factor * 1.5 * 25.4 / 72
    for floor, (lines, mm) in overflows.items():
        real = _overflow_on_an_endless_page(root, paper, floor)
        assert real > 0 and abs(mm - real) <= 1, (floor, mm, real)
        assert abs(lines - real / (line_mm * floor)) <= 1, (floor, lines, real)
