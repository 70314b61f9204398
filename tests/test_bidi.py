"""Text in two directions, and the marks of each language: left-to-right runs in Arabic,
Persian, Hebrew and Urdu pages read as written; Hebrew gershayim; Latin apostrophes in
Chinese; every language's quotation marks."""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path

import pdfplumber
import pytest
from conftest import CONFIG, logical_texts, run_cli, write_files

from briefing.html.runs import isolate_runs
from briefing.languages.typography import quotes_of, typeset
from briefing.project.markdown import markdown_to_html

LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"


def rtl(body: str) -> str:
    return isolate_runs(f'<p dir="rtl">{body}</p>')[len('<p dir="rtl">') : -len("</p>")]


# ---- The pass over the HTML.


def test_a_left_to_right_sentence_in_right_to_left_text_keeps_its_full_stop() -> None:
    assert rtl("نص افتتاحي. This briefing may be copied freely. ثم نص عربي.") == (
        'نص افتتاحي. <span dir="ltr">This briefing may be copied freely.</span> ثم نص عربي.'
    )
    # Not a sentence: the full stop after a name is the Arabic sentence's.
    assert rtl("أطلقت شبكة NSWP. ثم") == f"أطلقت شبكة {LRI}NSWP{PDI}. ثم"
    # A closing bracket the run opened is its own; brackets around it are the page's.
    assert rtl("رخصة Creative Commons (CC BY) هنا") == (
        'رخصة <span dir="ltr">Creative Commons (CC BY)</span> هنا'
    )
    assert rtl("الشبكة (NSWP)، حملة") == f"الشبكة ({LRI}NSWP{PDI})، حملة"


def test_addresses_hashtags_handles_and_numbers_read_as_written() -> None:
    url = "https://www.contributor-network.example.org/resources/"
    assert rtl(f"راجعوا {url} للمزيد.") == f'راجعوا <span dir="ltr">{url}</span> للمزيد.'
    email = "team@riverside-network.example.org"
    assert rtl(f"اكتبوا إلى {email}، اليوم") == f'اكتبوا إلى <span dir="ltr">{email}</span>، اليوم'
    # The hashtag is one run and the year after it another: the year stays after it.
    assert rtl("حملة #AreWeNotWomen، 2016.") == f"حملة {LRI}#AreWeNotWomen{PDI}، 2016."
    assert rtl("حساب @nswp_global اليوم") == f"حساب {LRI}@nswp_global{PDI} اليوم"
    assert rtl("في 2016-10-05 بنسبة 3.5% و26–28") == (
        f'في <span dir="ltr">2016-10-05</span> بنسبة {LRI}3.5%{PDI} و26–28'
    )
    # A number after a space belongs to the name before it; after a comma it does not.
    assert rtl("بموجب CC BY 4.0، ثم") == 'بموجب <span dir="ltr">CC BY 4.0</span>، ثم'


def test_a_text_with_nothing_of_the_page_s_direction_is_set_apart_whole() -> None:
    licence = "This briefing may be copied under a licence (CC BY 4.0)."
    out = isolate_runs(f'<html lang="ar" dir="rtl"><body><p class="licence">{licence}</p>')
    assert f'<p class="licence"><span dir="ltr">{licence}</span></p>' in out
    # One word is not a sentence: the label's full stop stays the page's.
    assert rtl("<strong>#AreWeNotWomen.</strong> أطلقت") == (
        f"<strong>{LRI}#AreWeNotWomen{PDI}.</strong> أطلقت"
    )


def test_a_run_over_several_elements_is_set_apart_as_one() -> None:
    assert rtl("قال <em>We are <strong>not</strong> criminals.</em> ثم") == (
        'قال <em><span dir="ltr">We are <strong>not</strong> criminals.</span></em> ثم'
    )
    assert rtl("عربي <b>English</b> <i>words</i> عربي") == (
        'عربي <span dir="ltr"><b>English</b> <i>words</i></span> عربي'
    )


def test_elements_with_their_own_direction() -> None:
    # An English section in an Arabic pack (a section not yet translated) is left to right;
    # an Arabic name in it is set apart right to left, an inline element with its own dir
    # is left as it is, and so is an address already set to read left to right.
    page = (
        '<html lang="ar" dir="rtl"><body>'
        '<section lang="en" dir="ltr"><p>The campaign حملة نساء began, see حقوق.</p></section>'
        '<p>نص <span dir="ltr">English, here</span> نص</p>'
        '<p><a href="https://example.org"><span class="address" dir="ltr">example.org</span>'
        "</a></p></body></html>"
    )
    out = isolate_runs(page)
    assert '<p>The campaign <span dir="rtl">حملة نساء</span> began, see ' in out
    assert f"see {RLI}حقوق{PDI}.</p>" in out
    assert '<p>نص <span dir="ltr">English, here</span> نص</p>' in out
    assert '<span class="address" dir="ltr">example.org</span></a>' in out


def test_code_styles_and_the_head_are_left_alone() -> None:
    page = (
        '<html lang="ar" dir="rtl"><head><title>Title "here" (x).</title>'
        "<style>p::after { content: 'This (x).'; }</style></head><body>"
        "<p>نص <code>print(&quot;x&quot;)</code> نص</p><pre><code>English code (x).\n</code></pre>"
        "</body></html>"
    )
    out = isolate_runs(page)
    head = page[: page.index("<body>")]
    assert out.startswith(head)
    # Inline code reads left to right as a whole; its text is not touched.
    assert '<code dir="ltr">print(&quot;x&quot;)</code>' in out
    assert "<pre><code>English code (x).\n</code></pre>" in out


def test_a_left_to_right_page_with_nothing_to_set_apart_is_unchanged() -> None:
    page = '<html lang="en" dir="ltr"><body><p>Plain &amp; simple (x).</p></body></html>'
    assert isolate_runs(page) is page


# ---- Hebrew marks and quotation marks.


def test_hebrew_gershayim_and_geresh_before_quotation_marks() -> None:
    text = 'הנ"ל אמר "שלום" ע"ב, ג\'ורג\' ו ר\' יוחנן. `הנ"ל`\n'
    converted = html.unescape(markdown_to_html(text, "s", language="he").html)
    assert "הנ\u05f4ל" in converted and "ע\u05f4ב" in converted
    assert "ג\u05f3ורג\u05f3" in converted and "ר\u05f3 יוחנן" in converted
    assert "”שלום”" in converted  # quotation marks are still quotation marks
    assert '<code>הנ"ל</code>' in converted  # code is left as typed
    assert typeset('דו"ח ע"ב', "he") == "דו\u05f4ח ע\u05f4ב"


#: Opening and closing double quotation marks, as CLDR gives them (French and Arabic are
#: this tool's own choice).
QUOTATION_MARKS = {
    "en": "“”",
    "de": "„“",
    "de-CH": "«»",
    "pt": "“”",
    "pt-BR": "“”",
    "pt-PT": "«»",
    "es": "«»",
    "es-AR": "“”",
    "it": "«»",
    "pl": "„”",
    "cs": "„“",
    "sv": "””",
    "fi": "””",
    "nl": "‘’",
    "uk": "«»",
    "el": "«»",
    "tr": "“”",
    "ja": "「」",
    "zh-Hans": "“”",
    "zh-TW": "「」",
    "ko": "“”",
    "he": "””",
    "fa": "«»",
    "ur": "”“",
    "ar": "«»",
    "sw": "“”",
    "am": "«»",
    "hi": "“”",
}


def test_every_language_has_its_quotation_marks() -> None:
    found = {tag: "".join(quotes_of(tag)) for tag in QUOTATION_MARKS}
    assert found == QUOTATION_MARKS
    assert quotes_of("fr") == ("«\u202f", "\u202f»")

    def converted(text: str, tag: str) -> str:
        return html.unescape(markdown_to_html(text, "s", language=tag).html)

    assert "«Olá»" in converted('Ele disse "Olá".', "pt-PT")
    assert "“Olá”" in converted('Ele disse "Olá".', "pt-BR")
    assert "«Grüezi»" in converted('Er sagte "Grüezi".', "de-CH")
    assert "「はい」" in converted('彼は "はい" と言った。', "ja")
    assert typeset('Ele disse "sim"', "pt-PT") == "Ele disse «sim»"


# ---- What the PDF shows: one build of small Arabic, Persian, Hebrew, Urdu and Chinese
# packs (and an Arabic handout).

URL = "https://www.contributor-network.example.org/resources/"
EMAIL = "team@riverside-network.example.org"
SENTENCE = "This briefing may be copied freely."
LONG = (
    "This sentence is long enough to run over the end of its line, so that its second half "
    "is set on the next line, where it must still read from left to right and end with its "
    "own full stop."
)
#: The organisation's addresses.
WEBSITE = "www.riverside-network-for-the-rights-of-women-workers.example.org"
OWN_EMAIL = "conduct@riverside-network-for-the-rights-of-women-workers.example.org"
LICENCE = "This briefing may be copied and shared under a licence (CC BY 4.0)."
#: Per language: a title, then text around the English sentence, the URL and the email
#: address, then "the network launched the campaign", the comma before the year, and the
#: rest of that sentence.
TEXTS = {
    "ar": ("إحاطة تجريبية", "نص افتتاحي.", "ثم نص عربي.", "راجعوا", "للمزيد.", "اكتبوا إلى",
           "اليوم.", "أطلقت الشبكة حملة", "،", "للمطالبة بالحقوق."),
    "fa": ("گزارش آزمایشی", "متن آغازین.", "سپس متن فارسی.", "ببینید", "برای اطلاعات بیشتر.",
           "بنویسید به", "امروز.", "شبکه کارزار", "،", "را آغاز کرد."),
    "he": ('תדריך ניסיון ע"ב', "טקסט פתיחה.", 'ואחריו טקסט עברי הנ"ל.', "ראו", "לפרטים.",
           "כתבו אל", "היום.", "הרשת השיקה את הקמפיין", ",", "למען הזכויות."),
    "ur": ("آزمائشی بریفنگ", "ابتدائی متن۔", "پھر اردو متن۔", "دیکھیے", "مزید کے لیے۔",
           "لکھیے", "آج۔", "نیٹ ورک نے مہم", "،", "شروع کی۔"),
}  # fmt: skip
RIGHT_TO_LEFT = list(TEXTS)


def _translation(tag: str) -> dict[str, str]:
    title, before, after, see, more, write, today, launched, comma, rest = TEXTS[tag]
    body = (
        f"{before} {SENTENCE} {after}\n\n{see} {URL} {more}\n\n{write} {EMAIL} {today}\n\n"
        f"{launched} #AreWeNotWomen{comma} 2016 {rest}\n\n{before} {LONG} {after}\n"
    )
    return {
        f"content/test/index.{tag}.md": f"---\ntitle: '{title}'\n---\n{body}",
        f"content/test/01-first.{tag}.md": f"# {title}\n\n{before} {after}\n",
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = (
        CONFIG.replace('language = "en"', 'language = "en"\nlanguages = '
                       '["en", "ar", "fa", "he", "ur", "zh-Hans"]')
        .replace('"https://example.org"', f'"https://{WEBSITE}"')
        .replace('"team@example.org"', f'"{OWN_EMAIL}"')
        .replace('"Test Rights Group"', '"Women\'s Rights Network"')
        .replace('"Licence line for tests."', f'"{LICENCE}"')
    )  # fmt: skip
    chinese = "Mozilla's 报告与 Women's 权利。\n"
    files = {
        "briefing.toml": config,
        "content/test/index.md": "---\ntitle: Test\nurl: https://example.org/x\n---\nText.\n",
        "content/test/01-first.md": "# First\n\nText.\n",
        "content/test/handout.md": "!!! key\n    - Point.\n",
        "content/test/handout.ar.md": f"!!! key\n    - {SENTENCE}\n",
        "content/test/index.zh-Hans.md": f"---\ntitle: 测试简报\n---\n{chinese}",
        "content/test/01-first.zh-Hans.md": f"# 第一部分\n\n{chinese}",
    }
    for tag in RIGHT_TO_LEFT:
        files.update(_translation(tag))
    root = write_files(tmp_path_factory.mktemp("bidi"), files)
    languages = ",".join([*RIGHT_TO_LEFT, "zh-Hans"])
    assert run_cli("build", root, "--lang", languages, "--jobs", "1", "--paper", "A4") == 0
    return root / "build"


def visual_lines(pdf: Path) -> list[str]:
    """Every line of every page as a reader sees it: its glyphs from left to right, with a
    space where two glyphs stand apart."""
    lines = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            rows: dict[float, list[dict]] = {}
            for char in page.chars:
                if char["text"].isspace():
                    continue
                baseline = round(char["matrix"][5])
                key = next((y for y in rows if abs(y - baseline) <= 2), baseline)
                rows.setdefault(key, []).append(char)
            for key in sorted(rows, reverse=True):
                chars = sorted(rows[key], key=lambda c: c["x0"])
                text = chars[0]["text"]
                for before, char in itertools.pairwise(chars):
                    gap = char["x0"] - before["x1"]
                    text += (" " if gap > 0.15 * char["size"] else "") + char["text"]
                lines.append(text)
    return lines


def _latin(line: str) -> str:
    """The longest left-to-right stretch of a line (letters, digits and their punctuation)."""
    stretches = re.findall(r"[A-Za-z#@][ -~]*[A-Za-z0-9/.)]", line)
    longest = max(stretches, key=len, default="")
    return re.sub(r" [.,;:]+$", "", longest)  # a stop set apart is the page's


@pytest.mark.parametrize("tag", RIGHT_TO_LEFT)
def test_english_in_a_right_to_left_pack_reads_left_to_right(built: Path, tag: str) -> None:
    lines = visual_lines(built / tag / "test.pdf")
    # The sentence's words from left to right, its full stop at its right end.
    assert any(SENTENCE in line for line in lines), [_latin(line) for line in lines]
    # A sentence broken over lines reads left to right on each, and ends with its stop.
    broken = [_latin(line) for line in lines if re.search(r"sentence|second|own full", line)]
    assert len(broken) >= 2 and " ".join(broken) == LONG, broken
    # The licence (a setting, in English) on the back page.
    assert any(line.endswith(LICENCE) or line.startswith(LICENCE) for line in lines), [
        _latin(line) for line in lines if "licence" in line
    ]


@pytest.mark.parametrize("tag", RIGHT_TO_LEFT)
def test_addresses_and_hashtags_in_a_right_to_left_pack(built: Path, tag: str) -> None:
    lines = visual_lines(built / tag / "test.pdf")
    text = "\n".join(lines)
    assert URL in text, [_latin(line) for line in lines if "contributor" in line]
    assert EMAIL in text
    # The hashtag comes after the words before it (to their left), and the year after the
    # hashtag (to its left again): right to left, the order they were written in.
    comma = TEXTS[tag][8]
    tagged = next(line for line in lines if "AreWeNotWomen" in line)
    assert re.search(rf"2016 ?{comma} ?#AreWeNotWomen [^ -~]", tagged), tagged
    # The organisation's addresses, in the pack and in the foot of the handout.
    for pdf in (built / tag / "test.pdf", built / "ar" / "test-handout.pdf"):
        parts = [_latin(line) for line in visual_lines(pdf) if "women-workers" in line]
        assert sorted(parts) == sorted([WEBSITE, OWN_EMAIL]), parts


def test_hebrew_abbreviations_print_gershayim(built: Path) -> None:
    text = " ".join(logical_texts(built / "he" / "test.pdf"))
    assert "הנ\u05f4ל" in text  # in the Markdown
    assert "ע\u05f4ב" in text  # in the title, from front matter
    assert "”" not in text and '"' not in text


def test_apostrophes_between_latin_letters_in_chinese_are_latin_width(built: Path) -> None:
    with pdfplumber.open(built / "zh-Hans" / "test.pdf") as document:
        # (The running heads and feet print strings, not elements: not there.)
        chars = [c for p in document.pages for c in p.chars if 60 < c["top"] < p.height - 60]
    apostrophes = [
        (c, chars[i - 1]["text"], chars[i + 1]["text"])
        for i, c in enumerate(chars)
        if c["text"] == "’" and 0 < i < len(chars) - 1
    ]
    between = [c for c, before, after in apostrophes if before.isalpha() and after == "s"]
    # Mozilla's and Women's, in the text (twice) and the organisation's name (a setting).
    assert len(between) >= 5
    for char in between:
        # The CJK font's apostrophe is one em wide; a Latin one about a quarter of that.
        assert char["width"] < 0.4 * char["size"], (char["width"], char["size"])
