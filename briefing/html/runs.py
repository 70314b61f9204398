"""Text in the other direction, set apart so that it reads as written.

An Arabic page quoting an English sentence, a web address, an email address or a hashtag
must print them left to right, with their punctuation at their own ends; an English page
quoting Arabic, the other way round. The renderer decides little of this itself: WeasyPrint 70
lays out the text of each inline box on its own, in its element's direction, and lays out the
boxes of a right-to-left line from right to left. It ignores ``<bdi>`` and ``unicode-bidi``;
the isolate characters (U+2066 to U+2069) hold within one line only, so a run broken over two
lines loses them. What it does honour is ``dir`` on an inline element, on every line the
element runs over. So one pass over an edition's finished HTML sets each run of text in the
other direction apart: in ``<span dir="...">``, or, a run no line break can divide (one
word), between isolate characters, which keep it in the box of the words around it (a box
of its own, in a font of other proportions, makes its line a little taller).

A run is the stretch from its first to its last strong letter of the other direction, with
what belongs to it: the ``#`` of a hashtag and the ``@`` of a handle, the rest of an address
or a word (``/path/``, ``-19``), a number after a space (``CC BY 4.0``), a closing bracket it
opened, and its full stop when it is a whole sentence. A text node with nothing of its page's
direction and more than one word is set apart whole. In a right-to-left page a number with
punctuation (``2016-10-05``, ``3.5%``) is a run too. Code is left as it is.

In Chinese, Japanese and Korean the same pass sets an apostrophe between Latin letters in a
``<span class="latin">``, printed at the width of a Latin apostrophe (the CJK fonts' own is
as wide as an ideograph).
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

# ---- Reading the HTML into a light tree; everything not changed is written back as read.

_TOKEN = re.compile(
    r"<!--.*?-->|<![^>]*>|<\?[^>]*>|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S
)
_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""\s([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp"})


class _Verbatim(str):
    """Markup written back as it is and not read as text: comments, the doctype, the
    content of ``<style>``, text already set."""

    __slots__ = ()


@dataclass(slots=True)
class _Element:
    name: str
    start: str  # the start tag as written
    children: list[_Element | str] = field(default_factory=list)  # str: text as written
    end: str = ""

    def attribute(self, name: str) -> str | None:
        for match in _ATTRIBUTE.finditer(self.start, len(self.name) + 1):
            if match[1].lower() == name:
                value = match[2] if match[2] is not None else match[3] or match[4] or ""
                return html.unescape(value)
        return None


def _parse(markup: str) -> _Element:
    root = _Element("", "")
    stack = [root]
    position = 0
    while match := _TOKEN.search(markup, position):
        if match.start() > position:
            stack[-1].children.append(markup[position : match.start()])
        token, position = match[0], match.end()
        name_match = _NAME.match(token)
        if name_match is None:  # comment, doctype, processing instruction
            stack[-1].children.append(_Verbatim(token))
            continue
        name = name_match[1].lower()
        if token.startswith("</"):
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth].name == name:
                    stack[depth].end = token
                    del stack[depth:]
                    break
            else:
                stack[-1].children.append(_Verbatim(token))
            continue
        element = _Element(name, token)
        stack[-1].children.append(element)
        if name in _RAW_TEXT:
            close = re.compile(rf"</{name}\s*>", re.I).search(markup, position)
            stop = close.start() if close else len(markup)
            element.children.append(_Verbatim(markup[position:stop]))
            element.end, position = (close[0], close.end()) if close else ("", stop)
        elif name not in _VOID and not token.endswith("/>"):
            stack.append(element)
    stack[-1].children.append(markup[position:])
    return root


def _write(element: _Element, out: list[str]) -> None:
    out.append(element.start)
    for child in element.children:
        if isinstance(child, _Element):
            _write(child, out)
        else:
            out.append(child)
    out.append(element.end)


# ---- Classes of characters, relative to the direction of the text they are in:
# O a strong letter of the other direction, D one of this direction, E a digit, S a space,
# N anything else (punctuation, symbols, marks without direction); B a boundary no run crosses.


class _Classes(dict[int, str]):
    """Character -> class, for ``str.translate``; learnt as characters are met."""

    def __init__(self, table: dict[str, str]) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, code: int) -> str:
        value = self.table.get(unicodedata.bidirectional(chr(code)), "N")
        self[code] = value
        return value


_SPACES = {"WS": "S", "S": "S", "B": "S", "EN": "E", "NSM": "M"}
_CLASSES = {
    "rtl": _Classes({**_SPACES, "L": "O", "R": "D", "AL": "D", "AN": "D"}),
    "ltr": _Classes({**_SPACES, "L": "D", "R": "O", "AL": "O", "AN": "E"}),
}
_MARKS = re.compile(r"([^M])M+")  # a combining mark takes the class of its base
_CORE = re.compile(r"O(?:[^DOB]*O)*")
_OPPOSITE = {"ltr": "rtl", "rtl": "ltr"}


def _classes(text: str, direction: str) -> str:
    classes = text.translate(_CLASSES[direction])
    if "M" in classes:
        classes = _MARKS.sub(lambda m: m[1] * len(m[0]), classes).replace("M", "N")
    return classes


#: Characters that may end a word or an address but belong to the sentence around it.
_TRAILING = re.compile(r"[.,;:!?…)\]}»”’\"'*\u060c\u061b\u061f\u06d4]+$")
_TOKEN_REST = re.compile(r"[^\s\ufffc]*")
_NUMBER_AFTER = re.compile(r"[ \u00a0]+(?>[0-9]+(?:[.,:/-][0-9]+)*%?)(?!\w)")
_SENTENCE_ENDS = ".!?…\u061f\u06d4"  # Arabic question mark, Urdu full stop
_STOP = re.compile(r"[.!?…]+(?=[\s\"”’»\ufffc]|$)")
_NUMBER = re.compile(
    r"(?<![\w.,:/+-])(?:\+[0-9][0-9 .-]*[0-9]|[0-9]+(?:[.,:/-][0-9]+)+%?|[0-9]+(?:[.,][0-9]+)?%)"
    r"(?![\w%])"
)
#: A run that no line break can divide: no spaces, nothing a line may break after.
_UNBREAKABLE = re.compile(r"[^\s/\\\-\u2010-\u2015\u200b?!|]+")
_ISOLATES = {"ltr": "\u2066", "rtl": "\u2067"}  # left-to-right, right-to-left isolate
_POP = "\u2069"  # pop directional isolate
_CLOSERS = {"(": ")", "[": "]", "{": "}", "“": "”", "‘": "’", "«": "»"}
_ADDRESS_OR_TAG = re.compile(r"[#@]\S*$|://|@|^www\.")


# ---- The pass.

_SKIPPED = frozenset({"head", "script", "style", "svg", "math", "textarea", "template", "bdo"})
_CODE = frozenset({"code", "pre", "kbd", "samp"})
_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd"}
    | {"mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "tt", "u"}
    | {"var"}
)
_OBJECT = "\ufffc"  # an inline element, as one character of its parent's text
_BOUNDARY = "\n"
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]"
)
_CJK_LANGUAGE = re.compile(r"""\slang\s*=\s*["']?(?:zh|ja|ko)\b""", re.I)
_LATIN_APOSTROPHE = re.compile(r"(?<=[A-Za-z\u00c0-\u024f])[’'](?=[A-Za-z\u00c0-\u024f])")


def isolate_runs(markup: str) -> str:
    """An edition's HTML with each run of text in the other direction set apart in an
    element of its own direction, and in Chinese, Japanese and Korean each apostrophe
    between Latin letters in ``<span class="latin">``. Unchanged when there is nothing to
    do."""
    right_to_left = bool(_RIGHT_TO_LEFT.search(markup)) or 'dir="rtl"' in markup
    cjk = bool(_CJK_LANGUAGE.search(markup)) and bool(_LATIN_APOSTROPHE.search(markup))
    if not (right_to_left or cjk):
        return markup
    root = _parse(markup)
    _visit(root, "ltr", False, right_to_left)
    out: list[str] = []
    _write(root, out)
    return "".join(out)


def _visit(element: _Element, direction: str, cjk: bool, bidi: bool) -> None:
    """Set apart the runs in ``element`` and below it; ``bidi`` False where the page has no
    right-to-left text at all, and only apostrophes are to be looked at."""
    if element.name in _SKIPPED or element.name in _CODE:
        return
    given = (element.attribute("dir") or "").lower()
    if given in _OPPOSITE:
        direction = given
    language = element.attribute("lang")
    if language is not None:
        cjk = language.lower().split("-")[0] in ("zh", "ja", "ko")
    if bidi:
        _set_runs(element, direction)
    for index, child in enumerate(element.children):
        if isinstance(child, _Element):
            _visit(child, direction, cjk, bidi)  # a run set apart has its own dir
        elif cjk and not isinstance(child, _Verbatim):
            text = html.unescape(child)
            if _LATIN_APOSTROPHE.search(text):
                escaped = html.escape(text, quote=False)
                latin = _LATIN_APOSTROPHE.sub(r'<span class="latin">\g<0></span>', escaped)
                element.children[index] = _Verbatim(latin)


@dataclass(slots=True)
class _Item:
    child: _Element | str
    start: int
    end: int
    text: str = ""  # a text's characters


def _set_runs(element: _Element, direction: str) -> None:
    """Find the runs in an element's own text and inline children, and wrap them."""
    items: list[_Item] = []
    pieces: list[str] = []
    classes: list[str] = []
    position = 0
    for child in element.children:
        if isinstance(child, _Verbatim):
            items.append(_Item(child, position, position))
            continue
        if isinstance(child, str):
            text = html.unescape(child) if "&" in child else child
            pieces.append(text)
            classes.append(_classes(text, direction))
            items.append(_Item(child, position, position + len(text), text))
            position += len(text)
            continue
        kind = _kind(child, direction)
        pieces.append(_BOUNDARY if kind == "B" else _OBJECT)
        classes.append(kind)
        items.append(_Item(child, position, position + 1))
        position += 1
    flat, kinds = "".join(pieces), "".join(classes)
    if "O" not in kinds and (direction == "ltr" or not _NUMBER.search(flat)):
        return
    runs = _find_runs(flat, kinds, items, direction)
    if runs:
        element.children = _wrapped(items, runs, flat, _OPPOSITE[direction])


def _kind(child: _Element, direction: str) -> str:
    """The class of an inline child as one character of its parent's text."""
    if child.name not in _INLINE:
        return "B"
    if "footnote" in (child.attribute("class") or "").split():
        return "B"  # floated to the foot of the page: not part of the line
    given = (child.attribute("dir") or "").lower()
    if given in _OPPOSITE:
        return "O" if given != direction else "D"
    kinds = _classes(_text_of(child), direction)
    if "O" in kinds:
        return "B" if "D" in kinds else "O"
    return "D" if "D" in kinds else "N"


def _text_of(element: _Element) -> str:
    parts = []
    for child in element.children:
        if isinstance(child, _Element):
            parts.append(_text_of(child))
        elif not isinstance(child, _Verbatim):
            parts.append(html.unescape(child))
    return "".join(parts)


def _find_runs(flat: str, kinds: str, items: list[_Item], direction: str) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for core in _CORE.finditer(kinds):
        start, end = _extended(flat, kinds, items, core.start(), core.end(), direction)
        if runs and start < runs[-1][1]:
            before = runs.pop()
            start, end = min(start, before[0]), max(end, before[1])
        runs.append((start, end))
    if direction == "rtl":
        for number in _NUMBER.finditer(flat):
            if not any(s < number.end() and number.start() < e for s, e in runs):
                runs.append(number.span())
        runs.sort()
    return runs


def _extended(
    flat: str, kinds: str, items: list[_Item], start: int, end: int, direction: str
) -> tuple[int, int]:
    """A run's core (first to last strong letter) with what belongs to it."""
    first = _text_item(items, start)
    last = _text_item(items, end - 1)
    if first is not None and first is last and "D" not in kinds[first.start : first.end]:
        text = first.text.strip()
        if len(text.split()) > 1:  # nothing of the page's direction, more than a word: all
            lead = len(first.text) - len(first.text.lstrip())
            return first.start + lead, first.start + lead + len(text)
    words = len(flat[start:end].split()) > 1
    if start > 0 and flat[start - 1] in "#@" and (start < 2 or not flat[start - 2].isalnum()):
        start -= 1
    rest = _TOKEN_REST.match(flat, end)
    if rest is not None:
        token = rest[0]
        blocked = re.search("[DB]", kinds[end : end + len(token)])
        end += len(_TRAILING.sub("", token[: blocked.start()] if blocked else token))
    last_word = flat[start:end].rsplit(None, 1)[-1]
    if direction == "rtl" and not _ADDRESS_OR_TAG.search(last_word):
        while number := _NUMBER_AFTER.match(flat, end):
            end = number.end()
    for opener, closer in _CLOSERS.items():
        opened = flat.count(opener, start, end) - flat.count(closer, start, end)
        while opened > 0 and flat.startswith(closer, end):
            end, opened = end + 1, opened - 1
    segment = flat.rfind(_BOUNDARY, 0, start) + 1
    before = flat[max(segment, start - 40) : start].rstrip().rstrip('"”’»)')
    sentence = words and (not before or before[-1] in _SENTENCE_ENDS)
    if sentence and (stop := _STOP.match(flat, end)):
        end = stop.end()
    return start, end


def _text_item(items: list[_Item], position: int) -> _Item | None:
    for item in items:
        if item.start <= position < item.end:
            return item if isinstance(item.child, str) else None
    return None


def _wrapped(
    items: list[_Item], runs: list[tuple[int, int]], flat: str, inner: str
) -> list[_Element | str]:
    """The children again, each run set apart: a run that cannot break over two lines (one
    word, in one text) between isolate characters, keeping it in the text around it; any
    other inside a ``<span dir>``."""
    words = [
        run
        for run in runs
        if _UNBREAKABLE.fullmatch(flat, *run)
        and _text_item(items, run[0]) is not None
        and _text_item(items, run[0]) is _text_item(items, run[1] - 1)
    ]
    pending = [run for run in runs if run not in words]
    isolate = _ISOLATES[inner]
    out: list[_Element | str] = []
    wrapper: _Element | None = None

    def place(piece: _Element | str) -> None:
        (wrapper.children if wrapper is not None else out).append(piece)

    def open_or_close(position: int) -> None:
        nonlocal wrapper
        if wrapper is not None and position == pending[0][1]:
            pending.pop(0)
            out.append(_single(wrapper, inner))
            wrapper = None
        if wrapper is None and pending and position == pending[0][0]:
            wrapper = _Element("span", f'<span dir="{inner}">', [], "")

    for item in items:
        open_or_close(item.start)
        if not isinstance(item.child, str) or isinstance(item.child, _Verbatim):
            place(item.child)
            open_or_close(item.end)
            continue
        cuts = sorted({p for run in runs for p in run if item.start < p < item.end})
        if not cuts and (item.start, item.end) not in words:
            # (Text that is not markup stays so before the end tag of a run.)
            place(item.child if wrapper is None else html.escape(item.text, quote=False))
        else:
            bounds = [item.start, *cuts, item.end]
            for left, right in itertools.pairwise(bounds):
                open_or_close(left)
                piece = html.escape(item.text[left - item.start : right - item.start], quote=False)
                place(isolate + piece + _POP if (left, right) in words else piece)
        open_or_close(item.end)
    if wrapper is not None:
        out.append(_single(wrapper, inner))
    return out


def _single(wrapper: _Element, direction: str) -> _Element:
    """A run's wrapper; or, where the run is one inline element, that element alone: its own
    text is set apart where it is visited (so that a label's full stop stays the page's),
    and code, whose text is not visited, is given the run's ``dir``."""
    wrapper.end = "</span>"
    if len(wrapper.children) == 1 and isinstance(wrapper.children[0], _Element):
        only = wrapper.children[0]
        if only.name in _CODE and only.attribute("dir") is None:
            only.start = _NAME.sub(lambda m: f'{m[0]} dir="{direction}"', only.start, count=1)
        return only
    return wrapper
