"""Reading a gettext catalog (.po) the way ``msgfmt --check`` does, with the file and line of
each problem.

A catalog whose header cannot be trusted (a charset this tool cannot read, a Plural-Forms
rule that does not compute) or that does not parse is not used at all; a translation whose
placeholders are not its message's (``%(pgae)s`` for ``%(page)s``) is left out. Either way
the next catalog in line (the built-in one) or the message itself is printed instead, and a
warning says where to look: the words are then less customised, but never wrong, and the
edition's own text is not affected, as when a language has no catalog at all.
"""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..files import shortened

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message

#: Placeholders, as Python's % operator and the templates' new-style gettext fill them.
_NAMED = re.compile(r"%\(([^)]*)\)")
_UNNAMED = re.compile(r"%(?!\(|%)[#0 +\-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
#: A plural rule is tried on these counts (every form must be one of nplurals).
_COUNTS = (*range(0, 1001), 10_000, 100_000, 1_000_000, 1_000_001, 10**9)


@dataclass(frozen=True, slots=True)
class CheckedCatalog:
    """A catalog as read: None if it cannot be used at all; the problems found (warnings)."""

    catalog: Catalog | None
    problems: tuple[Problem, ...]


def read_checked(path: Path, shown: Path | str, entries: bool = True) -> CheckedCatalog:
    """Read the catalog at ``path`` (named ``shown`` in problems). With ``entries`` (for a
    build), the translations whose placeholders do not match their message's are taken out
    of it; without, it is read to be updated, as it is."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return CheckedCatalog(None, (_problem(shown, f"cannot be read ({error.strerror})"),))
    header = _header(data)
    problems = _charset_problems(header, shown) or _plural_problems(header, shown)
    catalog = None
    if not problems:
        catalog, problems = _parse(data, header, shown)
    if problems or catalog is None:
        unused = "; until then, this catalog is not used (the built-in words print instead)"
        if entries:  # read for a build: say what the build does about it
            problems = [replace(p, message=p.message + unused) for p in problems]
        return CheckedCatalog(None, tuple(problems))
    if entries:
        for message in list(catalog):
            if message.id and not message.fuzzy and (fault := _placeholder_fault(message)):
                problems.append(_problem(shown, fault, message.lineno))
                catalog.delete(message.id, message.context)
    return CheckedCatalog(catalog, tuple(problems))


def _problem(shown: Path | str, message: str, line: int | None = None) -> Problem:
    return Problem(shown, message, line, warning=True)


# ---- The header ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Header:
    #: The line of the header's ``msgid ""`` (None without a header).
    line: int | None
    #: Each field (lower-case name) -> its value and the line it is written on.
    fields: dict[str, tuple[str, int]]


_STRING = re.compile(r'^\s*(?:msgstr\s+)?"((?:[^"\\]|\\.)*)"\s*$')


def _header(data: bytes) -> _Header:
    """The fields of the catalog's header (the translation of the empty message), read
    before the catalog is: its charset decides how the rest is read."""
    lines = data.decode("latin-1").split("\n")
    start = next(
        (i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")), None
    )
    if start is None or lines[start].split() != ["msgid", '""']:
        return _Header(None, {})
    fields: dict[str, tuple[str, int]] = {}
    pending, pending_line = "", start + 2
    for number in range(start + 1, len(lines)):
        match = _STRING.match(lines[number])
        if match is None or (number > start + 1 and lines[number].lstrip().startswith("msg")):
            break
        if not pending:
            pending_line = number + 1
        pending += match[1].replace('\\"', '"').replace("\\\\", "\\")
        while "\\n" in pending:
            field, pending = pending.split("\\n", 1)
            name, _, value = field.partition(":")
            fields.setdefault(name.strip().lower(), (value.strip(), pending_line))
            pending_line = number + 1
    return _Header(start + 1, fields)


def _charset_problems(header: _Header, shown: Path | str) -> list[Problem]:
    content_type, line = header.fields.get("content-type", ("", header.line or 1))
    charset = next(
        (p.split("=", 1)[1].strip() for p in content_type.split(";") if "charset=" in p), ""
    )
    if not charset or charset.lower() == "charset":
        return []  # as in a template fresh from extraction: read as UTF-8
    try:
        readable = "msgid".encode(charset) == b"msgid" and b"".decode(charset) == ""
    except (LookupError, ValueError):
        readable = False
    if readable:
        return []
    return [
        _problem(
            shown,
            f"charset {charset!r} is not one this tool can read; save the file as UTF-8 and "
            "write charset=UTF-8 in its Content-Type line",
            line,
        )
    ]


def _plural_problems(header: _Header, shown: Path | str) -> list[Problem]:
    if "plural-forms" not in header.fields:
        return []
    rule, line = header.fields["plural-forms"]
    params = dict(part.strip().partition("=")[::2] for part in f"{rule};".split(";") if "=" in part)
    advice = "; write it as gettext does, such as nplurals=2; plural=(n != 1);"
    count = params.get("nplurals", "").strip()
    if not count.isdigit() or not 1 <= int(count) <= 100:
        return [_problem(shown, f"Plural-Forms: nplurals is not a number of forms{advice}", line)]
    try:
        choose = gettext.c2py(params.get("plural", "").strip())
        forms = {choose(n) for n in _COUNTS}
    except Exception as error:  # the rule is the catalog's: anything it does is its fault
        reason = str(error) or type(error).__name__
        return [
            _problem(shown, f"Plural-Forms: the plural rule is not valid ({reason}){advice}", line)
        ]
    if not forms <= set(range(int(count))):
        worst = max(forms)
        return [
            _problem(
                shown,
                f"Plural-Forms: the plural rule chooses form {worst}, but nplurals={count} "
                f"allows only forms 0 to {int(count) - 1}{advice}",
                line,
            )
        ]
    return []


# ---- The messages --------------------------------------------------------------------------


def _parse(data: bytes, header: _Header, shown: Path | str) -> tuple[Catalog | None, list[Problem]]:
    """The catalog, or None and why: every line Babel could not read, as msgfmt would."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import PoFileParser

    problems: list[Problem] = []

    class Parser(PoFileParser):
        def _invalid_pofile(self, line: str, lineno: int, msg: str) -> None:
            problems.append(
                _problem(shown, f"not a valid catalog: {msg}; correct this line", lineno + 1)
            )

    catalog = Catalog(locale=None, domain=None)
    try:
        Parser(catalog, ignore_obsolete=True).parse(io.BytesIO(data))
    except UnicodeDecodeError as error:
        line = _undecodable_line(data, error.encoding)
        return None, [
            _problem(
                shown, f"is not {error.encoding} text as its header says; save it as UTF-8", line
            )
        ]
    except (ValueError, LookupError) as error:  # a header field Babel cannot read
        return None, [_problem(shown, f"header: {error}; correct the header", header.line)]
    return catalog, problems


def _undecodable_line(data: bytes, encoding: str) -> int | None:
    for number, line in enumerate(data.split(b"\n"), 1):
        try:
            line.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            return number
    return None


def _placeholder_fault(message: Message) -> str | None:
    """What is wrong with a translation's placeholders, or None.

    The templates fill placeholders by name (``%(page)s``), so a translation may use only
    its message's, and must be a valid format (``%%`` for a percent sign); a singular
    translation must use all of them (plural forms may leave the number out).
    """
    ids: tuple[Any, ...] = message.id if isinstance(message.id, tuple) else (message.id,)
    forms: tuple[Any, ...] = (
        message.string if isinstance(message.string, tuple) else (message.string,)
    )
    names = {name for text in ids for name in _NAMED.findall(str(text))}
    wanted = ", ".join(f"%({name})s" for name in sorted(names)) or "none"
    label = f"the translation of {shortened(str(ids[0]), 40)}"
    for form in (str(f) for f in forms if f):
        if unnamed := _UNNAMED.search(form):
            return (
                f"{label} uses {unnamed[0]} without a name; use the message's placeholders "
                f"({wanted}); the built-in words are used until it is fixed"
            )
        try:
            form % dict.fromkeys(names, 0)
        except KeyError as error:
            return (
                f"{label} uses %({error.args[0]})s, which the message does not have; use its "
                f"placeholders ({wanted}); the built-in words are used until it is fixed"
            )
        except (ValueError, TypeError) as error:
            return (
                f"{label} is not a valid format ({error}); write %% for a percent sign; the "
                "built-in words are used until it is fixed"
            )
        missing = names - set(_NAMED.findall(form))
        if missing and len(forms) == 1:
            left_out = ", ".join(f"%({name})s" for name in sorted(missing))
            return (
                f"{label} leaves out {left_out}; use all of the message's placeholders "
                f"({wanted}); the built-in words are used until it is fixed"
            )
    return None
