"""Gettext catalogs of the interface text: reading them, and extracting and updating them.

Every fixed word the templates print comes from a catalog: the built-in ones in
``briefing/languages/locale/``, overridden entry by entry by the project's ``locale/``.
`briefing catalogs` writes ``locale/briefing.pot`` from the templates in use, and creates or
updates ``locale/<language>/LC_MESSAGES/briefing.po`` for every language the project
publishes, starting new ones from the built-in translations. Translators edit the .po files
with the tools they know (Poedit, Weblate); the next build uses them.
"""

from __future__ import annotations

import datetime
import functools
import gettext
import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import ContentError, Problem, relative_to
from ..files import outside_problem
from .catalog_check import CheckedCatalog, read_checked
from .tags import Language, parse_language

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message

BUILTIN_LOCALE = Path(__file__).parent / "locale"
DOMAIN = "briefing"
#: A project's own catalogs, relative to its folder.
PROJECT_LOCALE = "locale"
#: A fixed date in catalog headers keeps them the same from one run to the next.
_EPOCH = datetime.datetime(2016, 1, 1, tzinfo=datetime.UTC)


def N_(message: str) -> str:
    """Marks a message for the catalogs without translating it here."""
    return message


#: A message: its text, or its singular and plural.
MessageId = str | tuple[str, ...]

#: Messages used outside the templates (call-out titles, notices), for the catalogs.
CALLOUT_TITLES = {
    "key": N_("Key messages"),
    "recommendations": N_("Recommendations"),
    "action": N_("What you can do"),
    "note": N_("Note"),
}
#: Printed above a part shown in the source language. One placeholder, after a colon, so that
#: a bare language name fits in languages whose nouns take cases.
FALLBACK_NOTICE = N_(
    "This part has not been translated yet. It is printed in the original language: %(source)s."
)
FIXED_MESSAGES = (*CALLOUT_TITLES.values(), FALLBACK_NOTICE)
#: What translators of FIXED_MESSAGES need to know, written into the catalogs as ``#.`` notes.
TRANSLATOR_NOTES = {
    CALLOUT_TITLES["key"]: "Title of a call-out box listing the main points of a briefing, "
    "printed in capitals.",
    CALLOUT_TITLES["recommendations"]: "Title of a call-out box listing what the organisation "
    "asks governments and other decision makers to do, printed in capitals.",
    CALLOUT_TITLES["action"]: "Title of a call-out box telling readers how they can help "
    "(sign, write, share), printed in capitals; address readers as the organisation does.",
    CALLOUT_TITLES["note"]: "Title of a call-out box with a remark aside from the main text, "
    "printed in capitals.",
    FALLBACK_NOTICE: "Printed above a part of an edition that has not been translated and is "
    "printed in the source language instead. %(source)s is the name of that language, written "
    "in this catalog's language as a bare name (nominative case, as a list of languages "
    "would show it): English, français, русский.",
}
#: The tag that marks a template comment for translators: {# Translators: ... #}.
COMMENT_TAGS = ("Translators:",)


def message_template(project_root: Path) -> Path:
    """The project's list of the messages to translate (what translators start from)."""
    return project_root / PROJECT_LOCALE / f"{DOMAIN}.pot"


def catalog_path(locale_dir: Path, language: Language) -> Path:
    return locale_dir / language.catalog_id / "LC_MESSAGES" / f"{DOMAIN}.po"


def _catalog_candidates(locale_dir: Path, language: Language) -> list[Path]:
    """The catalogs for a language, most specific first: zh_Hans_CN, zh_Hans, zh."""
    locale = language.locale
    names = [str(locale)]
    if locale.territory and locale.script:
        names.append(f"{locale.language}_{locale.script}")
    names.append(locale.language)
    return [locale_dir / name / "LC_MESSAGES" / f"{DOMAIN}.po" for name in dict.fromkeys(names)]


def catalogs_for(project_root: Path, language: Language) -> list[Path]:
    """The catalogs that translate the interface into ``language``, the project's first."""
    return [
        path
        for folder in (project_root / PROJECT_LOCALE, BUILTIN_LOCALE)
        for path in _catalog_candidates(folder, language)
        if path.is_file()
    ]


def ui_translations(project_root: Path, language: Language) -> gettext.NullTranslations:
    """The interface text for ``language``: the project's catalog first, then the built-in.

    A project catalog that leads out of the project (a symbolic link) is not read: ContentError.
    A catalog (or translation) that cannot be used is left out: see :func:`catalog_problems`.
    """
    found = catalogs_for(project_root, language)
    _check_inside(project_root, [path for path in found if path.is_relative_to(project_root)])
    return _translation_chain(tuple((path, path.stat().st_mtime_ns) for path in found))


def catalog_problems(project_root: Path, language: Language) -> list[Problem]:
    """What is wrong in the catalogs that translate the interface into ``language`` (each a
    warning: what cannot be used is left out, and the next catalog's words print instead)."""
    root = project_root.resolve()
    return [
        replace(problem, path=relative_to(path, root))
        for path in catalogs_for(project_root, language)
        for problem in _checked(path, path.stat().st_mtime_ns).problems
    ]


@functools.lru_cache(maxsize=64)
def _checked(path: Path, mtime_ns: int) -> CheckedCatalog:
    """A catalog read and checked, once per version of the file."""
    return read_checked(path, path)


@functools.lru_cache(maxsize=32)
def _translation_chain(catalogs: tuple[tuple[Path, int], ...]) -> gettext.NullTranslations:
    from babel.messages.mofile import write_mo

    chain = gettext.NullTranslations()
    for path, mtime_ns in reversed(catalogs):
        catalog = _checked(path, mtime_ns).catalog
        if catalog is None:
            continue  # cannot be used: the next catalog's words print instead
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        layer = gettext.GNUTranslations(buffer)
        layer.add_fallback(chain)
        chain = layer
    return chain


@dataclass(frozen=True, slots=True)
class CatalogState:
    path: Path
    messages: int
    untranslated: int
    fuzzy: int
    created: bool


def extract_messages(template_dirs: Sequence[Path]) -> Catalog:
    """Every message the templates in ``template_dirs`` and the code use."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    keywords = {**DEFAULT_KEYWORDS, "css_text": None}
    methods = [(pattern, "jinja2.ext:babel_extract") for pattern in ("**.html", "**.css", "**.txt")]
    template = Catalog(
        domain=DOMAIN,
        project="briefing",
        version=__version__,
        creation_date=_EPOCH,
        revision_date=_EPOCH,
    )
    for folder in reversed(template_dirs):
        if not folder.is_dir():
            continue
        options = {"**": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true"}}
        found = extract_from_dir(
            str(folder),
            methods,
            options_map=options,
            keywords=keywords,
            comment_tags=COMMENT_TAGS,
            strip_comment_tags=True,
        )
        for filename, lineno, message, comments, context in found:
            template.add(
                message, locations=[(filename, lineno)], auto_comments=comments, context=context
            )
    for message in FIXED_MESSAGES:
        template.add(
            message,
            locations=[("briefing/languages/catalogs.py", 0)],
            auto_comments=[TRANSLATOR_NOTES[message]] if message in TRANSLATOR_NOTES else [],
        )
    return template


def placeholder_errors(catalog: Catalog) -> list[tuple[Message, str]]:
    """The translations whose placeholders do not fit their message (``%(page)s`` written
    ``%(seite)s``), which would fail when filled in, and why."""
    from babel.messages.catalog import TranslationError
    from babel.messages.checkers import python_format

    errors = []
    for message in catalog:
        if not message.id:
            continue
        try:
            python_format(catalog, message)
        except TranslationError as error:
            errors.append((message, str(error)))
    return errors


def is_translated(message: Message) -> bool:
    """Whether a catalog entry is used: translated (every plural form) and not fuzzy."""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(strings) and all(strings) and not message.fuzzy


def message_ids(template_dirs: Sequence[Path]) -> tuple[MessageId, ...]:
    """The messages of the templates in ``template_dirs`` and the code (extracted again when
    a template changes): a string, or a tuple of singular and plural."""
    files = tuple(
        (str(path), path.stat().st_mtime_ns)
        for folder in template_dirs
        if folder.is_dir()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )
    return _message_ids(tuple(template_dirs), files)


@functools.lru_cache(maxsize=8)
def _message_ids(template_dirs: tuple[Path, ...], _files: object) -> tuple[MessageId, ...]:
    return tuple(_key(m.id) for m in extract_messages(template_dirs) if m.id)


def untranslated(
    catalogs: Sequence[Path], language: Language, messages: Sequence[MessageId]
) -> list[str]:
    """The ``messages`` (of `message_ids`) that none of ``catalogs`` translates into
    ``language``: they print in English. None in English, the messages' own language."""
    if language.locale.language == "en":
        return []
    translated: set[MessageId] = set()
    for path in catalogs:
        translated |= _translated_ids(path, path.stat().st_mtime_ns)
    return [m if isinstance(m, str) else m[0] for m in messages if m not in translated]


@functools.lru_cache(maxsize=128)
def _translated_ids(path: Path, _mtime_ns: int) -> frozenset[MessageId]:
    """The messages a catalog file translates usably (read again when the file changes)."""
    catalog = _checked(path, _mtime_ns).catalog
    if catalog is None:
        return frozenset()
    broken = {id(message) for message, _ in placeholder_errors(catalog)}
    return frozenset(_key(m.id) for m in catalog if is_translated(m) and id(m) not in broken)


def _key(message_id: str | tuple[str, ...] | list[str]) -> MessageId:
    return message_id if isinstance(message_id, str) else tuple(message_id)


def read_catalog(path: Path, shown: Path | None = None) -> Catalog:
    """A catalog to update, as it is; ContentError (its file and line) if it cannot be read."""
    checked = read_checked(path, shown or path, entries=False)
    if checked.catalog is None:
        raise ContentError([replace(problem, warning=False) for problem in checked.problems])
    return checked.catalog


def update_catalogs(
    project_root: Path, languages: Sequence[str], template_dirs: Sequence[Path]
) -> list[CatalogState]:
    """Write the project's .pot and create or update a .po for each language."""
    from babel.messages.catalog import Catalog

    locale_dir = project_root / PROJECT_LOCALE
    tags = [parse_language(tag) for tag in languages]
    _check_inside(
        project_root,
        [
            locale_dir,
            message_template(project_root),
            *(catalog_path(locale_dir, language) for language in tags),
            *(
                path
                for folder in template_dirs
                if folder.is_relative_to(project_root)
                for path in [folder, *(folder.rglob("*") if folder.is_dir() else ())]
            ),
        ],
    )
    template = extract_messages(template_dirs)
    locale_dir.mkdir(exist_ok=True)
    _write(message_template(project_root), template)
    states = []
    for language in tags:
        path = catalog_path(locale_dir, language)
        created = not path.is_file()
        builtin = [p for p in _catalog_candidates(BUILTIN_LOCALE, language) if p.is_file()]
        if not created:
            catalog = read_catalog(path, relative_to(path, project_root))
        elif builtin and builtin[0] == catalog_path(BUILTIN_LOCALE, language):
            catalog = read_catalog(builtin[0])
        else:
            catalog = Catalog(
                locale=language.locale,
                domain=DOMAIN,
                project="briefing",
                version=__version__,
                creation_date=_EPOCH,
                fuzzy=False,
            )
            if builtin:  # pt-PT starts from pt, en-GB from en
                _start_from(catalog, read_catalog(builtin[0]))
        catalog.update(template, update_creation_date=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, catalog)
        states.append(_state(path, catalog, created))
    return states


def _start_from(catalog: Catalog, builtin: Catalog) -> None:
    """Fill a new catalog with a built-in one's translations: all those whose plural forms
    are as many as the new catalog's language has."""
    for message in builtin:
        string = message.string
        if not message.id or (isinstance(string, tuple) and len(string) != catalog.num_plurals):
            continue
        catalog.add(message.id, string, auto_comments=message.auto_comments)


def _check_inside(project_root: Path, paths: Sequence[Path]) -> None:
    """ContentError naming each of ``paths`` that leads out of the project through a link."""
    refused = [p for p in dict.fromkeys(outside_problem(path, project_root) for path in paths) if p]
    if refused:
        raise ContentError(refused)


def catalog_state(path: Path) -> CatalogState:
    return _state(path, read_catalog(path), created=False)


def _state(path: Path, catalog: Catalog, created: bool) -> CatalogState:
    messages = [m for m in catalog if m.id]
    return CatalogState(
        path=path,
        messages=len(messages),
        untranslated=sum(
            1 for m in messages if not (all(m.string) if isinstance(m.string, tuple) else m.string)
        ),
        fuzzy=sum(1 for m in messages if m.fuzzy),
        created=created,
    )


def _write(path: Path, catalog: Catalog) -> None:
    from babel.messages.pofile import write_po

    catalog.revision_date = _EPOCH
    with path.open("wb") as stream:
        write_po(stream, catalog, width=100, omit_header=False, sort_output=True)
