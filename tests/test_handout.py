"""The one-page handout: everything a reader needs, on exactly one page."""

from __future__ import annotations

import re

from conftest import HANDOUT, base_files, normalise, page_texts, run_cli
from pypdf import PdfReader

OVERFLOW = re.compile(
    r"^content/test/handout\.md: the handout runs to (\d) pages but must fit on one: about "
    r"(\d+) mm \((\d+) lines\) too long; shorten the text$",
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


def test_overflowing_handout_fails_saying_by_how_much(project, capsys) -> None:
    measured = []
    for paragraphs in (60, 90):
        root = project(**base_files(**{"content/test/handout.md": _long_handout(paragraphs)}))
        assert run_cli("build", root) == 1
        match = OVERFLOW.search(capsys.readouterr().err)
        assert match, "no overflow message"
        measured.append((int(match[2]), int(match[3])))
        assert not (root / "build/en/test-handout.pdf").exists()
        assert (root / "build/en/test.pdf").is_file()  # the pack is still built
    (mm_short, lines_short), (mm_long, lines_long) = measured
    assert 0 < mm_short < mm_long and 0 < lines_short < lines_long
    # 30 more one-line paragraphs (line plus paragraph gap, about 9 mm) is about 270 mm more.
    assert 200 < mm_long - mm_short < 340


def test_handout_metadata(project) -> None:
    root = project()
    assert run_cli("build", root, "--kind", "handout") == 0
    reader = PdfReader(root / "build/en/test-handout.pdf")
    assert reader.metadata.title == "Test briefing"
    assert reader.metadata.author == "Test Rights Group"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_example_handout_is_one_page() -> None:
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    out = repo / "build" / "test-example-handout"
    assert run_cli("build", repo, "--kind", "handout", "--out", out, "--lang", "en") == 0
    page = normalise(page_texts(out / "en" / "egm-2016-handout.pdf")[0])
    assert len(page_texts(out / "en" / "egm-2016-handout.pdf")) == 1
    assert "example.org/briefings/egm-2016" in page
