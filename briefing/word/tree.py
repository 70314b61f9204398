"""Pandoc's document tree (its JSON form), as far as a briefing needs it: reading words out of
it, making its nodes, and writing blocks of it as the Markdown a briefing is written in.

A node is ``{"t": type, "c": contents}``; an attribute is ``[id, [classes], [[key, value]]]``.
Call-outs (``!!! key "Title"``), which Pandoc's Markdown does not have, travel as Divs with
the class ``briefing-callout`` on the way in, and as marker lines on the way out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from .pandoc import MARKDOWN_IN, MARKDOWN_OUT, read_tree, write_tree

Node = dict[str, Any]
CALLOUT_CLASS = "briefing-callout"
#: What Python-Markdown's admonition extension takes as a call-out's first line.
_CALLOUT_LINE = re.compile(r'^!!! ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *$')
_FENCE = re.compile(r"^(`{3,}|~{3,})")
_API_VERSION = [1, 23, 1]
#: A line no writer makes on its own: it separates the parts of one conversion.
_MARK = "BRIEFING-PART-{}-7d1c"
_MARK_LINE = re.compile(r"^BRIEFING-(PART|OPEN|CLOSE)-(\d+)-7d1c$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Callout:
    """A call-out box: its kind (``key``, ``note``...) and title (None: the kind's own)."""

    kind: str
    title: str | None


def node(kind: str, contents: Any = None) -> Node:
    return {"t": kind} if contents is None else {"t": kind, "c": contents}


def attributes(identifier: str = "", classes: Sequence[str] = (), **keys: str) -> list[Any]:
    return [identifier, list(classes), [[k, v] for k, v in keys.items()]]


def collapse(text: str) -> str:
    """Runs of spaces and line ends as one space; no-break spaces are kept (French puts one
    before a colon, and Python's ``split()`` would take it for a space)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" ")


def words(text: str) -> list[Node]:
    """Plain text as inlines."""
    inlines: list[Node] = []
    for index, word in enumerate(collapse(text).split(" ") if collapse(text) else []):
        if index:
            inlines.append(node("Space"))
        inlines.append(node("Str", word))
    return inlines


def plain_text(nodes: Any) -> str:
    """The words of any part of a tree, as a person reads them."""
    out: list[str] = []

    def visit(item: Any) -> None:
        if isinstance(item, list):
            for child in item:
                visit(child)
        elif isinstance(item, dict):
            kind = item.get("t")
            if kind == "Str":
                out.append(item["c"])
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif kind == "Note":
                return
            elif kind in ("Code", "Math"):
                out.append(item["c"][-1])
            elif kind in ("Quoted", "Link", "Image", "Span"):
                visit(item["c"][1])
            elif kind in ("Para", "Plain", "Header") or kind is not None:
                visit(item.get("c"))

    visit(nodes)
    return collapse("".join(out))


def document(blocks: list[Node], meta: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"pandoc-api-version": _API_VERSION, "meta": meta or {}, "blocks": blocks}


def each_node(item: Any) -> Iterator[Node]:
    """Every node in a tree, parents before children."""
    if isinstance(item, list):
        for child in item:
            yield from each_node(child)
    elif isinstance(item, dict):
        if "t" in item:
            yield item
        yield from each_node(item.get("c"))


def rewrite(item: Any, change: Callable[[Node], list[Node] | None]) -> Any:
    """A copy of a tree in which ``change`` may replace each node by a list of nodes (None:
    keep it, and look inside it). What ``change`` returns is taken as it is."""
    if isinstance(item, list):
        out: list[Any] = []
        for child in item:
            if isinstance(child, dict) and "t" in child:
                replaced = change(child)
                if replaced is None:
                    out.append(
                        {**child, "c": rewrite(child["c"], change)} if "c" in child else child
                    )
                else:
                    out.extend(replaced)
            else:
                out.append(rewrite(child, change))
        return out
    return item


# --- Markdown into a tree -------------------------------------------------------------------


def callouts_as_divs(text: str) -> tuple[str, list[Callout]]:
    """Markdown with each call-out written as a fenced div Pandoc reads, and the call-outs in
    order (the div's ``n`` attribute indexes them)."""
    found: list[Callout] = []
    return _callouts_as_divs(text, found), found


def _callouts_as_divs(text: str, found: list[Callout]) -> str:
    lines = text.split("\n")
    out: list[str] = []
    fence: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        if fence is not None:
            out.append(line)
            if line.startswith(fence):
                fence = None
            index += 1
            continue
        if opened := _FENCE.match(line):
            fence = opened.group(1)
            out.append(line)
            index += 1
            continue
        match = _CALLOUT_LINE.match(line)
        if match is None:
            out.append(line)
            index += 1
            continue
        body: list[str] = []
        index += 1
        while index < len(lines) and (not lines[index].strip() or _indented(lines[index])):
            body.append(_dedent(lines[index]))
            index += 1
        while body and not body[-1].strip():
            body.pop()
            index -= 1
        found.append(Callout(match.group(1).split()[0].lower(), match.group(2)))
        number = len(found) - 1
        inner = _callouts_as_divs("\n".join(body), found)
        out += ["", f'::: {{.{CALLOUT_CLASS} n="{number}"}}', inner, ":::", ""]
    return "\n".join(out)


def _indented(line: str) -> bool:
    return line.startswith(("    ", "\t"))


def _dedent(line: str) -> str:
    return line[1:] if line.startswith("\t") else line[4:] if line.startswith("    ") else ""


def markdown_tree(text: str) -> tuple[list[Node], list[Callout]]:
    """The blocks of a briefing's Markdown, and its call-outs (as Divs in the blocks)."""
    divided, callouts = callouts_as_divs(text)
    tree = read_tree(divided.encode("utf-8"), MARKDOWN_IN)
    return tree["blocks"], callouts


# --- A tree into Markdown -------------------------------------------------------------------


def write_markdown(parts: Sequence[Sequence[Node]], callouts: Sequence[Callout]) -> list[str]:
    """Each part (a list of blocks) as Markdown, converted together: the notes of all the
    parts are written at the end of the last one. A Div of the class ``briefing-callout``
    whose ``n`` attribute indexes ``callouts`` becomes a call-out."""
    blocks: list[Node] = []
    for number, part in enumerate(parts):
        if number:
            blocks.append(node("RawBlock", ["markdown", _MARK.format(number)]))
        blocks += rewrite(list(part), _callout_markers)
    text = write_tree(document(blocks), MARKDOWN_OUT).decode("utf-8")
    text = _indent_callouts(text, callouts)
    pieces = re.split(r"^BRIEFING-PART-\d+-7d1c$", text, flags=re.MULTILINE)
    return [_tidy(piece) for piece in pieces]


def write_many(
    jobs: Sequence[tuple[Sequence[Sequence[Node]], Sequence[Callout]]],
) -> list[list[str]]:
    """:func:`write_markdown` of several files, side by side (Pandoc runs as processes)."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda job: write_markdown(*job), jobs))


def _callout_markers(item: Node) -> list[Node] | None:
    if item["t"] != "Div":
        return None
    _, classes, keys = item["c"][0]
    if CALLOUT_CLASS not in classes:
        return None
    number = dict(keys).get("n", "0")
    return [
        node("RawBlock", ["markdown", f"BRIEFING-OPEN-{number}-7d1c"]),
        *item["c"][1],
        node("RawBlock", ["markdown", f"BRIEFING-CLOSE-{number}-7d1c"]),
    ]


def _indent_callouts(text: str, callouts: Sequence[Callout]) -> str:
    """Marker lines made into ``!!! kind "title"`` and the lines between them indented."""
    lines = text.split("\n")
    out: list[str] = []
    depth = 0
    for line in lines:
        match = _MARK_LINE.match(line)
        if match and match.group(1) in ("OPEN", "CLOSE"):
            if match.group(1) == "OPEN":
                number = int(match.group(2))
                callout = callouts[number] if number < len(callouts) else Callout("note", None)
                title = f' "{callout.title}"' if callout.title is not None else ""
                out.append("    " * depth + f"!!! {callout.kind}{title}")
                depth += 1
            else:
                depth = max(0, depth - 1)
                out.append("")
            continue
        out.append("    " * depth + line if line.strip() else "")
    return "\n".join(out)


def _tidy(text: str) -> str:
    """Markdown as a person writes it (and as the example is written): no runs of blank
    lines, none after a call-out's first line or between one-line notes; one space after a
    list's number and a note's label; table rules of three dashes, cells without padding;
    ``#`` escaped only where it would start a heading."""
    text = re.sub(r"\n{3,}", "\n\n", text.strip("\n"))
    text = re.sub(r"^(\s*!!! [^\n]*)\n\n", r"\1\n", text, flags=re.MULTILINE)
    text = re.sub(r"^(\[\^[^\]\n]+\]:) +", r"\1 ", text, flags=re.MULTILINE)
    text = re.sub(r"^(\[\^[^\]\n]+\]: [^\n]*)\n\n(?=\[\^)", r"\1\n", text, flags=re.MULTILINE)
    text = re.sub(r"^(\[\^[^\]\n]+\]: [^\n]*)\n\n(?=\[\^)", r"\1\n", text, flags=re.MULTILINE)
    text = re.sub(r"^( *\d+\.) {2,}(?=\S)", r"\1 ", text, flags=re.MULTILINE)
    lines = [
        _table_line(line) if line.lstrip().startswith("|") else _unescape(line)
        for line in text.split("\n")
    ]
    return "\n".join(lines) + "\n" if text else ""


_BLOCK_START = re.compile(r"^(?P<lead>[ \t]*(?:(?:[-*+]|\d+\.)[ \t]+|>[ \t]?)*)(?P<rest>.*)$")


def _unescape(line: str) -> str:
    """``\\#`` as ``#`` where it cannot start a heading (not first in a block)."""
    if "\\#" not in line:
        return line
    match = _BLOCK_START.match(line)
    assert match is not None
    lead, rest = match["lead"], match["rest"]
    first = "\\#" if rest.startswith("\\#") else ""
    return lead + first + rest[len(first) :].replace("\\#", "#")


def _table_line(line: str) -> str:
    if re.fullmatch(r"\s*\|(\s*:?-+:?\s*\|)+\s*", line):
        return re.sub(r"(:?)-+(:?)", r"\1---\2", line.replace(" ", ""))
    return _unescape(re.sub(r" {2,}\|", " |", re.sub(r"\| {2,}", "| ", line)))
