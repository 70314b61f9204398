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
    assert run_cli("build", repo, "--kind", "handout", "--out", out, "--lang", "en") == 0
    page = normalise(page_texts(out / "en" / "egm-2016-handout.pdf")[0])
    assert len(page_texts(out / "en" / "egm-2016-handout.pdf")) == 1
    assert "example.org/briefings/egm-2016" in page
