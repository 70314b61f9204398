"""Gettext catalogs of the interface text: extract the messages, create and update .po files.

`briefing catalogs` runs :func:`update_catalogs` on a project: it writes
``locale/briefing.pot`` from the templates in use, and creates or updates
``locale/<language>/LC_MESSAGES/briefing.po`` for every language the project publishes,
starting new ones from the built-in translations. Translators edit the .po files with the
tools they know (Poedit, Weblate); the next build uses them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from . import __version__
from .i18n import BUILTIN_LOCALE, DOMAIN, FIXED_MESSAGES, catalog_path, parse_language
from .templating import template_dirs

KEYWORDS = {**DEFAULT_KEYWORDS, "css_text": None}
METHODS = [("**.html", "jinja2.ext:babel_extract"), ("**.css", "jinja2.ext:babel_extract")]
#: A fixed date in catalog headers keeps them the same from one run to the next.
_EPOCH = datetime.datetime(2016, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True, slots=True)
class CatalogState:
    path: Path
    messages: int
    untranslated: int
    fuzzy: int
    created: bool


def extract_messages(project_root: Path) -> Catalog:
    """Every message the templates (the project's and the built-in ones) and the code use."""
    template = Catalog(
        domain=DOMAIN,
        project="briefing",
        version=__version__,
        creation_date=_EPOCH,
        revision_date=_EPOCH,
    )
    for folder in reversed(template_dirs(project_root)):
        if not folder.is_dir():
            continue
        options = {"**": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true"}}
        found = extract_from_dir(
            str(folder), METHODS, options_map=options, keywords=KEYWORDS, strip_comment_tags=True
        )
        for filename, lineno, message, comments, context in found:
            template.add(
                message, locations=[(filename, lineno)], auto_comments=comments, context=context
            )
    for message in FIXED_MESSAGES:
        template.add(message, locations=[("briefing/i18n.py", 0)])
    return template


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def update_catalogs(project_root: Path, languages: tuple[str, ...]) -> list[CatalogState]:
    """Write the project's .pot and create or update a .po for each language."""
    template = extract_messages(project_root)
    locale_dir = project_root / "locale"
    locale_dir.mkdir(exist_ok=True)
    _write(locale_dir / f"{DOMAIN}.pot", template)
    states = []
    for tag in languages:
        language = parse_language(tag)
        path = catalog_path(locale_dir, language)
        created = not path.is_file()
        builtin = catalog_path(BUILTIN_LOCALE, language)
        if not created:
            catalog = read_catalog(path)
        elif builtin.is_file():
            catalog = read_catalog(builtin)
        else:
            catalog = Catalog(locale=language.locale, domain=DOMAIN, creation_date=_EPOCH)
        catalog.update(template, update_creation_date=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, catalog)
        states.append(_state(path, catalog, created))
    return states


def catalog_state(path: Path) -> CatalogState:
    return _state(path, read_catalog(path), created=False)


def _state(path: Path, catalog: Catalog, created: bool) -> CatalogState:
    messages = [m for m in catalog if m.id]
    untranslated = sum(
        1 for m in messages if not (all(m.string) if isinstance(m.string, tuple) else m.string)
    )
    return CatalogState(
        path=path,
        messages=len(messages),
        untranslated=untranslated,
        fuzzy=sum(1 for m in messages if m.fuzzy),
        created=created,
    )


def _write(path: Path, catalog: Catalog) -> None:
    catalog.revision_date = _EPOCH
    with path.open("wb") as stream:
        write_po(stream, catalog, width=100, omit_header=False, sort_output=True)
