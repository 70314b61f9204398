"""Markdown to HTML: the shapes the print templates rely on."""

from __future__ import annotations

from briefing.project.markdown import WORD_JOINER, markdown_to_html


def test_footnotes_become_inline_notes_at_their_call() -> None:
    markup = markdown_to_html(
        "Text[^a] and more.[^b]\n\n[^a]: First *note*.\n[^b]: Second.\n", "sec-01-x"
    )
    assert markup.html == (
        f'<p>Text{WORD_JOINER}<span class="footnote">First <em>note</em>.</span> and '
        f'<span class="last-word">more.{WORD_JOINER}</span>'
        '<span class="footnote">Second.</span></p>'
    )
    assert markup.structure["footnotes"] == 2


def test_footnote_of_several_paragraphs_keeps_them_apart() -> None:
    markup = markdown_to_html("Text.[^1]\n\n[^1]: One.\n\n    Two.\n", "s")
    assert '<span class="footnote-para">One.</span><span class="footnote-para">Two.</span>' in (
        markup.html
    )


def test_image_alone_in_a_paragraph_is_a_figure_with_caption() -> None:
    markup = markdown_to_html('![Alt text](images/a.svg "Figure 1. Caption.")\n', "s")
    assert markup.html == (
        '<figure><img alt="Alt text" src="images/a.svg" />'
        "<figcaption>Figure 1.\u00a0Caption.</figcaption>\n</figure>"
    )


def test_image_inside_text_stays_inline() -> None:
    markup = markdown_to_html('Look ![icon](i.png "t") here.\n', "s")
    assert "<figure>" not in markup.html and 'title="t"' in markup.html


def test_callouts_get_default_titles() -> None:
    markup = markdown_to_html("!!! key\n    - One.\n\n!!! action\n    Go.\n", "s")
    assert '<p class="admonition-title">Key messages</p>' in markup.html
    # (the last two words of a title are kept on one line)
    assert '<p class="admonition-title">What you can\u00a0do</p>' in markup.html
    custom = markdown_to_html('!!! key "Main points"\n    - One.\n', "s")
    assert '<p class="admonition-title">Main points</p>' in custom.html


def test_first_heading_is_the_title_and_later_ones_become_subheadings() -> None:
    markup = markdown_to_html("# The *title*\n\nText.\n\n# Another\n", "sec-02-b")
    assert markup.title_html == "The <em>title</em>"
    assert markup.title == "The title"
    assert "<h1" not in markup.html
    assert '<h2 id="sec-02-b-another">Another</h2>' in markup.html


def test_links_to_sections_and_headings_point_inside_the_pdf() -> None:
    text = (
        "# T\n\n## What it means\n\n[a](03-recs.md) [b](03-recs.md#in-practice) "
        "[c](#what-it-means) [d](https://example.org)\n"
    )
    markup = markdown_to_html(text, "sec-01-intro")
    assert [r.url for r in markup.references] == [
        "#sec-03-recs",
        "#sec-03-recs-in-practice",
        "#sec-01-intro-what-it-means",
        "https://example.org",
    ]


def test_references_include_raw_html_and_css_urls() -> None:
    markup = markdown_to_html(
        '<img src="a.png" srcset="b.png 2x" style="background: url(\'c.png\')">\n', "s"
    )
    assert [(r.attribute, r.url) for r in markup.references] == [
        ("src", "a.png"),
        ("srcset", "b.png"),
        ("style", "c.png"),
    ]
