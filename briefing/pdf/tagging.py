"""What the structure tree says beyond WeasyPrint 70's own tags: the language of a passage in
another language, and footnotes as notes and their calls as references to them.

WeasyPrint builds the structure tree box by box, in one recursive function. While a tagged
PDF is written, :func:`richer_tags` wraps that function so that each element made for a box
also gets, from the box's HTML element:

- ``/Lang``, where the element has a ``lang`` other than the page's (an English section
  printed in an Arabic edition, the notice above it);
- ``/Note`` (with an ``/ID``) for the body of a footnote, ``/Reference`` for its call.

:mod:`.accessible` then moves each note to just after its call in the reading order.
Upstream, WeasyPrint could do all three where it maps HTML tags to PDF ones.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

#: The class of a footnote's element in the HTML (see ``project/markdown.py``).
FOOTNOTE_CLASS = "footnote"


@contextlib.contextmanager
def richer_tags(document_lang: str) -> Iterator[None]:
    """While writing a tagged PDF: the structure tree gets languages, notes and references."""
    import pydyf
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    counter = iter(range(1, 1_000_000))

    def build(box: Any, parent: Any, *rest: Any) -> Iterator[Any]:
        for element in original(box, parent, *rest):
            if element.get("P") is not None and _made_for(box):
                _annotate(element, box, document_lang, counter, pydyf)
            yield element

    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = original


def _made_for(box: Any) -> bool:
    """Whether the elements a call yields were made for ``box`` (not passed up from its
    children, as for the page, ``html`` and ``body``)."""
    tag = getattr(box, "element_tag", None)
    return tag not in (None, "html", "body") and type(box).__name__ != "PageBox"


def _annotate(element: Any, box: Any, document_lang: str, counter: Any, pydyf: Any) -> None:
    html = box.element
    if html is None:
        return
    tag = str(box.element_tag)
    lang = html.get("lang")
    if lang and lang != document_lang and "::" not in tag and "Lang" not in element:
        element["Lang"] = pydyf.String(lang)
    classes = (html.get("class") or "").split()
    if FOOTNOTE_CLASS in classes:
        if tag.endswith("::footnote-call"):
            element["S"] = "/Reference"
        elif "::" not in tag and element["S"] == "/Span":
            element["S"] = "/Note"
            element["ID"] = pydyf.String(f"note-{next(counter)}")
