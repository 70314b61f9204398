"""What a typesetter looks at: hyphenation, addresses, quotes, lines that begin or end badly,
dates of regional English, text copied out of labels."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import CONFIG, INDEX, base_files, run_cli
from pdfcheck import laid_out_pages

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = ["en-GB", "fr", "es", "ru", "zh-Hans", "ar"]
HYPHEN = "\u2010"  # what the renderer adds where it hyphenates a word


def text_lines(pdf: Path, layout: bool = False) -> list[str]:
    command = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.split("\n")


@pytest.fixture
def built(example) -> Path:
    return example("A4")


@pytest.mark.parametrize("language", EXAMPLE)
def test_hyphenation_is_sparing(built: Path, language: str) -> None:
    lines = text_lines(built / language / "egm-2016.pdf")
    hyphenated = [n for n, line in enumerate(lines) if line.rstrip().endswith(HYPHEN)]
    runs = [n for n in hyphenated if n - 1 in hyphenated and n - 2 in hyphenated]
    assert runs == [], [lines[n] for n in runs]  # never three hyphenated lines in a row
    assert len(hyphenated) <= 40  # in 13-16 pages (the Russian pack had 142)


def _lines_with_ancestors(box, ancestors=()):
    """Every line box below ``box``, with the elements it is inside, outermost first."""
    element = getattr(box, "element", None)
    if element is not None and (not ancestors or ancestors[-1] is not element):
        ancestors = (*ancestors, element)
    if type(box).__name__ == "LineBox":
        yield box, ancestors
        return
    for child in getattr(box, "children", ()):
        yield from _lines_with_ancestors(child, ancestors)


@pytest.mark.parametrize("language", EXAMPLE)
def test_no_hyphens_in_titles_labels_cells_or_last_words(language: str) -> None:
    never = {"h1", "h2", "h3", "h4", "th", "td", "figcaption"}
    labels = {"admonition-title", "org-block", "url-text", "cover-subtitle", "section-label"}
    for page in laid_out_pages(REPO, "pack", language):
        lines = list(_lines_with_ancestors(page._page_box))
        for index, (line, ancestors) in enumerate(lines):
            text = "".join(getattr(t, "text", "") for t in line.descendants())
            if not text.rstrip().endswith(HYPHEN):
                continue
            classes = {c for e in ancestors for c in (e.get("class") or "").split()}
            assert not ({e.tag for e in ancestors} & never), text
            assert not (classes & labels), (classes, text)
            # A paragraph's last word is never split: if the next line is the paragraph's
            # last, it holds more than the end of this word.
            rest = [later for later, _ in lines[index + 1 :] if later.element is line.element]
            if len(rest) == 1:
                last = "".join(getattr(t, "text", "") for t in rest[0].descendants()).strip()
                assert len(last.split()) > 1, (text, last)


ADDRESSES = CONFIG.replace(
    'website = "https://example.org"', 'website = "https://www.riverside-network.example.org"'
).replace('email = "team@example.org"', 'email = "conduct@riverside-network.example.org"')


def test_addresses_are_never_hyphenated(project) -> None:
    index = INDEX.replace(
        "url: https://example.org/briefings/test",
        "url: https://www.riverside-network.example.org/resources/code-of-conduct",
    )
    root = project(**base_files(**{"briefing.toml": ADDRESSES, "content/test/index.md": index}))
    assert run_cli("build", root, "--kind", "handout", "--paper", "A5") == 0
    text = "\n".join(text_lines(root / "build/en/test-handout.pdf"))
    assert HYPHEN not in text
    flat = re.sub(r"\s+", "", text)
    for address in (
        "www.riverside-network.example.org",
        "conduct@riverside-network.example.org",
        "www.riverside-network.example.org/resources/code-of-conduct",
    ):
        assert address in flat
    # Where an address does break, it breaks after "/", "." or "@".
    for line in text.splitlines():
        if "riverside" in line and not line.rstrip().endswith(("org", "conduct")):
            assert line.rstrip()[-1] in "/.@", line


def test_quotes_and_apostrophes_of_front_matter_and_settings(project) -> None:
    from test_translations import six_language_project_files, translated_files

    files = {**six_language_project_files(["en", "fr"]), **translated_files(["fr"])}
    files["content/test/index.fr.md"] = (
        "---\ntitle: Note d'essai\nseries: Note d'orientation\n"
        "subtitle: Ce qu'un groupe d'experts a \"recommandé\"\n---\nTexte.\n"
    )
    files["briefing.toml"] = files["briefing.toml"].replace(
        'name = "Test Rights Group"', 'name = "Women\'s Rights Group"'
    )
    root = project(files)
    assert run_cli("build", root, "--kind", "pack", "--lang", "fr") == 0
    text = " ".join(" ".join(text_lines(root / "build/fr/test.pdf")).split())
    assert "NOTE D’ORIENTATION" in text
    assert "Ce qu’un groupe d’experts a « recommandé »" in text
    assert "Women’s Rights Group" in text
    assert "'" not in text and '"' not in text


def test_a_label_never_leaves_one_word_alone(built: Path) -> None:
    # The Spanish handout's label "Consulte el informe completo en", in capitals.
    lines = [line.strip() for line in text_lines(built / "es/egm-2016-handout.pdf", True)]
    label = [line for line in lines if "CONSULTE" in line or line.endswith("EN")]
    assert any("COMPLETO EN" in line for line in label), label


def test_russian_lines_neither_begin_with_a_dash_nor_end_with_a_one_letter_word(
    built: Path,
) -> None:
    for name in ("egm-2016.pdf", "egm-2016-handout.pdf"):
        for line in text_lines(built / "ru" / name):
            assert not line.strip().startswith("—"), line
            assert not re.search(r"(^|\s)[вВаАиИкКоОсСуУяЯ]$", line.rstrip()), line


#: Where each dictionary may break "representation" (rep-res-ent-a-tion in British English,
#: rep-re-sen-ta-tion in American), keeping three letters on either side.
BREAKS = {
    "en-GB": {"rep", "repres", "represent", "representa"},
    "en-US": {"rep", "repre", "represen", "representa"},
}


@pytest.mark.parametrize(
    ("tag", "date"), [("en-GB", "5 October 2016"), ("en-US", "October 5, 2016")]
)
def test_regional_english_has_its_own_dates_and_hyphenation(project, tag: str, date: str) -> None:
    words = " ".join(["representation"] * 40)
    section = f'# First\n\n<div style="width: 26mm; hyphens: auto">{words}</div>\n'
    config = CONFIG.replace('language = "en"', f'language = "{tag}"')
    root = project(**base_files(**{"briefing.toml": config, "content/test/01-first.md": section}))
    assert run_cli("build", root, "--kind", "pack") == 0
    lines = text_lines(root / f"build/{tag}/test.pdf")
    assert any(date in line for line in lines), date
    broken = {line.split()[-1][:-1] for line in lines if line.strip().endswith(HYPHEN)}
    other = BREAKS["en-US" if tag == "en-GB" else "en-GB"]
    assert broken <= BREAKS[tag], broken
    assert broken - other, broken  # at least one break only this dictionary makes


@pytest.mark.parametrize("language", ["en-GB", "zh-Hans"])
def test_text_copied_out_of_a_label_reads_as_written(built: Path, language: str) -> None:
    series = {"en-GB": "POLICY BRIEFING", "zh-Hans": "政策简报"}[language]
    for name in ("egm-2016.pdf", "egm-2016-handout.pdf"):
        for layout in (False, True):
            first = " ".join(text_lines(built / language / name, layout)[:3])
            assert series in first, (name, layout, first)


def test_the_example_is_set_in_the_english_it_is_written_in(built: Path) -> None:
    # Its spelling is British ("organisations"), so are its dates on the cover and handout.
    for name in ("egm-2016.pdf", "egm-2016-handout.pdf"):
        text = " ".join(" ".join(text_lines(built / "en-GB" / name)).split())
        assert "organisations" in text
        assert re.search(r"\b28 OCTOBER 2016\b", text.upper()), name
        assert "OCTOBER 28, 2016" not in text.upper()


KOREAN = (
    "미토니에서는 천이백 가구의 집에 수도꼭지가 없습니다. 한 가족이 물을 나르는 데 "
    "하루 세 시간 반을 씁니다. 주민들은 공용 수도 앞에서 오래 기다리며, 아이들은 "
    "학교에 늦습니다. 우리는 모든 집에 수돗물을 요구합니다."
)


def test_korean_lines_break_between_words_not_syllables(project) -> None:
    config = CONFIG.replace('language = "en"', 'language = "ko"')
    index = "---\ntitle: 모든 집에 수돗물을\ndate: 2024-03-22\n---\n" + KOREAN + "\n"
    root = project(
        {
            "briefing.toml": config,
            "content/test/index.md": index,
            "content/test/01-first.md": "# 공용 수도\n\n" + "\n\n".join([KOREAN] * 3) + "\n",
        }
    )
    assert run_cli("build", root, "--kind", "pack", "--jobs", "1") == 0
    words = set(KOREAN.split())
    lines = [line.strip() for line in text_lines(root / "build" / "ko" / "test.pdf")]
    body = [line for line in lines if line and line.split()[-1] in words | {w[:-1] for w in words}]
    broken = [
        line
        for line in lines
        if line and all(part in KOREAN for part in line.split()) and line.split()[-1] not in words
    ]
    assert len(body) >= 6, lines  # the paragraphs ran over several lines
    assert broken == [], broken  # every line ends with a whole word
