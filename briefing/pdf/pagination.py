"""Pagination: laying a document out again where its pages break badly.

Two things are checked on the laid-out pages, and put right by laying the document out again
with a few extra CSS rules (the same HTML always gets the same rules, so the output stays
the same from one build to the next):

- Every footnote prints on the page of its call. WeasyPrint 70 honours ``footnote-policy:
  line`` for the notes of the line it is placing; but when the line that overflows a page is
  one of the first ``orphans`` lines of its block there (so that the page cannot end before
  it), it makes room for that line by moving the page's last footnote to the next page,
  wherever that note's call is (``_linebox_layout`` in weasyprint/layout/block.py). While a
  note is printed apart from its call, a page break is forced before the block that took the
  note's room: the last block of the call's page, or the heading leading into it.
- No section of a pack ends on a page that holds only a few of its lines. Such a section has
  the space between its paragraphs tightened, which usually brings those lines back onto the
  page before; the tighter layout is kept only if it is better.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

#: How many times a document is laid out again, a page break added each time, to bring
#: footnotes back to the page of their call.
_NOTE_RETRIES = 10
#: A section's last page should hold more of its lines than this, and more of the page's
#: height than this share (a few rows of a table are many lines in little height).
SHORT_END_LINES = 4
SHORT_END_SHARE = 0.2
#: How a section that ends with a few lines on a page is tightened, mildest first: the space
#: between its paragraphs (usually 0.65 em), list items, boxes, headings and table rows, and
#: then also its leading (usually 1.5).
_SPACING = (
    "{s} p, {s} li, {s} .admonition {{ margin-bottom: 0.3em !important }} "
    "{s} h2, {s} h3 {{ margin-top: 0.8em !important }} "
    "{s} td, {s} th {{ padding-top: 0.3em !important; padding-bottom: 0.3em !important }}"
)
_TIGHTENINGS = (_SPACING, _SPACING + " {s} {{ line-height: 1.45 !important }}")

#: Lays out the document with extra CSS; returns the document, its URL fetcher and the
#: document's element tree.
Attempt = Callable[[str], tuple[Any, Any, Any]]


@dataclass(frozen=True, slots=True)
class MisplacedNote:
    """A footnote printed on another page than the one that cites it."""

    #: Its number, as printed.
    number: str
    call_page: int
    note_page: int
    #: The start of its text.
    text: str
    #: The id of the section of the HTML that cites it (a document's anchor), if any.
    section: str | None


@dataclass(frozen=True, slots=True)
class ShortEnd:
    """A section that ends with a few lines on a page of their own."""

    section: str
    page: int
    lines: int


@dataclass(frozen=True, slots=True)
class Pagination:
    """A document as laid out, and what could not be put right in it."""

    document: Any
    fetcher: Any
    #: The notes still printed apart from their call.
    misplaced: tuple[MisplacedNote, ...]
    #: The sections that still end with a few lines on a page.
    short_ends: tuple[ShortEnd, ...]


def lay_out(attempt: Attempt) -> Pagination:
    """The document laid out (by ``attempt``, given extra CSS) with every footnote on the
    page of its call and no section ending with a few lines, as far as extra page breaks
    and tighter spacing can do it.

    At most two layouts are held at once (the best so far, and the one being made), and of
    long documents only one: the best is then set aside while another is tried, and laid out
    again (the same CSS gives the same pages) if it stays the best.
    """
    first = _keep_notes(attempt, [])
    short = _short_section_ends(first.document)
    best: _Layout | _SetAside = first
    del first
    tightened: dict[str, str] = {}
    for tightening in _TIGHTENINGS:
        if not short:
            break
        rules = {**tightened, **{section: tightening.format(s=f"#{section}") for section in short}}
        if isinstance(best, _Layout) and len(best.document.pages) > HELD_PAGES:
            best = _SetAside(best.css, len(best.misplaced))
        tight = _keep_notes(attempt, list(rules.values()))
        still_short = _short_section_ends(tight.document)
        if len(still_short) < len(short) and len(tight.misplaced) <= _count(best.misplaced):
            best, short, tightened = tight, still_short, rules
        del tight  # not held while the next one is made
    if isinstance(best, _SetAside):
        best = _attempt_once(attempt, best.css)
    parents = _parents(best.tree)
    misplaced = tuple(_describe(note, parents) for note in best.misplaced)
    ends = _section_lines(best.document)
    # Reported: the sections still ending with a few lines (one that ends with many short
    # lines, such as a table's last rows, is only tightened where that helps).
    short_ends = tuple(
        ShortEnd(section, max(ends[section]) + 1, ends[section][max(ends[section])])
        for section in short
        if ends[section][max(ends[section])] <= SHORT_END_LINES
    )
    return Pagination(best.document, best.fetcher, misplaced, short_ends)


#: A layout of more pages than this is not held while another is made (about 80 MiB per
#: 100 pages): if it stays the best, it is laid out again.
HELD_PAGES = 100


@dataclass(frozen=True, slots=True)
class _Layout:
    document: Any
    fetcher: Any
    tree: Any
    #: The footnotes still printed apart from their call.
    misplaced: list[_Misplaced]
    #: The extra CSS it was laid out with.
    css: str


@dataclass(frozen=True, slots=True)
class _SetAside:
    """A layout let go of, to be made again from its CSS if it is chosen."""

    css: str
    #: How many footnotes it printed apart from their call.
    misplaced: int


def _count(misplaced: list[_Misplaced] | int) -> int:
    return misplaced if isinstance(misplaced, int) else len(misplaced)


def _attempt_once(attempt: Attempt, css: str) -> _Layout:
    document, fetcher, tree = attempt(css)
    return _Layout(document, fetcher, tree, _misplaced_notes(document), css)


def _keep_notes(attempt: Attempt, rules: list[str]) -> _Layout:
    """The document laid out with ``rules`` and the page breaks that keep its footnotes on
    the page of their call. Each layout is let go of before the next is made."""
    breaks: list[str] = []
    css = " ".join(rules)
    for _attempt in range(_NOTE_RETRIES):
        layout = _attempt_once(attempt, css)
        if not layout.misplaced:
            return layout
        selector = _page_break_for(layout.document, layout.tree, layout.misplaced[0], breaks)
        if selector is None:
            return layout
        breaks.append(selector)
        del layout
        forced = [f"{chosen} {{ break-before: page !important }}" for chosen in breaks]
        css = " ".join([*rules, *forced])
    return _attempt_once(attempt, css)


def _short_section_ends(document: Any) -> list[str]:
    """The ids of the sections that run onto a last page holding few of their lines, or
    little of the page's height."""
    return [
        section
        for section, pages in _section_pages(document).items()
        if len(pages) > 1 and pages[max(pages)].short
    ]


@dataclass(slots=True)
class _OnPage:
    """The lines of a section on one page: how many, and the height they span."""

    lines: int
    top: float
    bottom: float
    page_height: float

    @property
    def short(self) -> bool:
        share = (self.bottom - self.top) / self.page_height if self.page_height else 1.0
        return self.lines <= SHORT_END_LINES or share < SHORT_END_SHARE


def _section_lines(document: Any) -> dict[str, dict[int, int]]:
    """For each section of a pack: how many of its lines are on each page (0-based)."""
    return {
        section: {page: on_page.lines for page, on_page in pages.items()}
        for section, pages in _section_pages(document).items()
    }


def _section_pages(document: Any) -> dict[str, dict[int, _OnPage]]:
    """For each section of a pack: its lines on each page (0-based) and the height they span."""
    found: dict[str, dict[int, _OnPage]] = {}
    for index, page in enumerate(document.pages):
        page_box = page._page_box
        for flow in page_box.children:
            if type(flow).__name__ in ("MarginBox", "FootnoteAreaBox"):
                continue
            for section, line in _lines_by_section(flow, None):
                top, bottom = line.position_y, line.position_y + line.height
                on_page = found.setdefault(section, {}).get(index)
                if on_page is None:
                    found[section][index] = _OnPage(1, top, bottom, page_box.height)
                else:
                    on_page.lines += 1
                    on_page.top, on_page.bottom = min(on_page.top, top), max(on_page.bottom, bottom)
    return found


def _lines_by_section(box: Any, section: str | None) -> Any:
    """Every line box below ``box``, with the id of the section of a pack it is in."""
    element = getattr(box, "element", None)
    if element is not None and element.tag == "section" and element.get("id"):
        section = element.get("id")  # the contents and opening text, or a section
    if type(box).__name__ == "LineBox":
        if section is not None:
            yield section, box
        return
    for child in getattr(box, "children", ()):
        yield from _lines_by_section(child, section)


@dataclass(frozen=True, slots=True)
class _Misplaced:
    #: The footnote's element, and the 0-based pages of its call and of its note.
    element: Any
    call_page: int
    note_page: int
    note: Any


def _misplaced_notes(document: Any) -> list[_Misplaced]:
    """The footnotes laid out on another page than their call, in the order of the calls."""
    calls: dict[Any, int] = {}
    notes: dict[Any, tuple[int, Any]] = {}
    for index, page in enumerate(document.pages):
        for child in page._page_box.children:
            kind = type(child).__name__
            if kind == "FootnoteAreaBox":
                for note in child.children:
                    notes.setdefault(note.element, (index, note))
            elif kind != "MarginBox":
                for box in child.descendants():
                    if getattr(box, "footnote", None) is not None:
                        calls.setdefault(box.footnote.element, index)
    return [
        _Misplaced(element, page, notes[element][0], notes[element][1])
        for element, page in calls.items()
        if element in notes and notes[element][0] != page
    ]


def _page_break_for(
    document: Any, root_element: Any, misplaced: _Misplaced, done: list[str]
) -> str | None:
    """A selector for the element to break the page before, so that the call's page ends
    before the block that took the note's room; None when no new break can help."""
    page = document.pages[misplaced.call_page]._page_box
    flows = [c for c in page.children if type(c).__name__ not in ("MarginBox", "FootnoteAreaBox")]
    # Elements that start at the top of the page: a break before them changes nothing.
    top = {box.element for flow in flows for box in _edge_path(flow, first=True)}
    last = [box for flow in flows for box in _edge_path(flow, first=False)]
    on_page: dict[Any, Any] = {}
    for flow in flows:
        for box in flow.descendants():
            on_page.setdefault(box.element, box)
    parents = _parents(root_element)
    # From the block holding the page's last line outwards.
    for box in reversed(last):
        if (
            box.element is None
            or "::" in (box.element_tag or "")
            or type(box).__name__ in ("LineBox", "TextBox", "InlineBox")
        ):
            continue
        element = _lead_in(box.element, parents, on_page)
        if element is None or element in top:
            continue
        selector = _selector(element, parents)
        if selector not in done:
            return selector
    return None


def _edge_path(box: Any, first: bool) -> list[Any]:
    """The boxes from ``box`` down to its first (or last) line or leaf box."""
    path = [box]
    while type(box).__name__ != "LineBox" and getattr(box, "children", None):
        box = box.children[0 if first else -1]
        path.append(box)
    return path


def _lead_in(element: Any, parents: Mapping[Any, Any], on_page: Mapping[Any, Any]) -> Any:
    """The element a page break before ``element`` really falls before: its parent when it
    is the first child, and the headings (any box that avoids a break after it) leading
    into it, so that none is left alone at the foot of a page."""
    while (parent := parents.get(element)) is not None:
        siblings = [child for child in parent if isinstance(child.tag, str)]
        position = siblings.index(element)
        if position == 0:
            element = parent
            continue
        before = on_page.get(siblings[position - 1])
        if before is not None and before.style["break_after"] in ("avoid", "avoid-page"):
            element = siblings[position - 1]
            continue
        break
    return element


def _parents(root_element: Any) -> dict[Any, Any]:
    return {child: parent for parent in root_element.iter() for child in parent}


def _selector(element: Any, parents: Mapping[Any, Any]) -> str:
    """A CSS selector for ``element`` alone, by its position from the root."""
    steps = []
    while (parent := parents.get(element)) is not None:
        siblings = [child for child in parent if isinstance(child.tag, str)]
        steps.append(f":nth-child({siblings.index(element) + 1})")
        element = parent
    return " > ".join([":root", *reversed(steps)])


def _describe(misplaced: _Misplaced, parents: Mapping[Any, Any]) -> MisplacedNote:
    texts = [
        box.text
        for box in misplaced.note.descendants()
        if type(box).__name__ == "TextBox" and "::" not in (box.element_tag or "")
    ]
    markers = [
        box.text
        for box in misplaced.note.descendants()
        if type(box).__name__ == "TextBox" and "::footnote-marker" in (box.element_tag or "")
    ]
    section, element = None, misplaced.element
    while section is None and (element := parents.get(element)) is not None:
        if element.tag == "section":
            section = element.get("id")
    return MisplacedNote(
        number="".join(markers).strip().rstrip("."),
        call_page=misplaced.call_page + 1,
        note_page=misplaced.note_page + 1,
        text=" ".join("".join(texts).split()),
        section=section,
    )
