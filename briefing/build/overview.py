"""The build overview, ``build/index.html``: every edition at a glance, and the state of every
translation, on one page that needs nothing but the build folder (no network, no server).

What each edition was at its last build is kept in ``build/.overview/editions.json``, so a
build of one language still shows the others as their last build left them. (An edition
with warnings is never taken from the build cache, so its card always has them.)
Thumbnails are drawn by the workers that render the editions (:mod:`.thumbnails`); here only
those missing are drawn.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from ..errors import Problem, relative_to
from ..files import write_atomic
from ..languages.tags import UnknownLanguage, parse_language
from ..project.model import Edition, Project
from ..project.naming import HANDOUT, OPENING, language_of, split_name
from .edition import EditionResult
from .overview_page import language_names, render_page
from .thumbnails import OVERVIEW_FOLDER, thumbnail_path, write_thumbnail

PAGE_NAME = "index.html"
_STATE_FILE = "editions.json"
_VERSION_FILE = "version.js"


@dataclass
class Card:
    """One edition as the overview shows it."""

    label: str
    publication: str
    title: str
    language: str
    language_name: str
    direction: str
    kind: str
    profile: str
    paper: str
    impose: str | None
    #: "written", "unchanged", "skipped" or "failed".
    state: str
    pdf: str | None = None
    imposed: str | None = None
    email: str | None = None
    thumbnail: str | None = None
    pages: int = 0
    size: int = 0
    budget_mb: float | None = None
    scale: float = 1.0
    #: (severity, where, what) of each problem the edition had when it was built, and of
    #: those found while reading the files it prints.
    problems: list[list[str]] = field(default_factory=list)
    found: list[list[str]] = field(default_factory=list)


@dataclass
class Cell:
    state: str
    #: The anchor of the source's diff on the page, for a stale file.
    diff: str | None = None


@dataclass
class Translations:
    """A publication's translation files by file and language."""

    languages: list[str]
    rows: list[tuple[str, list[Cell]]]
    #: (anchor, title, diff lines or None when git does not have the old version).
    diffs: list[tuple[str, str, list[str] | None]]


def write_overview(
    project: Project,
    results: Sequence[EditionResult],
    problems: Sequence[Problem],
    out_dir: Path,
    live: bool = False,
    languages: Sequence[str] | None = None,
) -> Path:
    """Write ``out_dir/index.html`` for a build whose editions gave ``results``; with
    ``live`` (`briefing watch`), the page reloads itself when a later build is written.
    ``languages``: those whose translations the build read (None: all), the only ones the
    translation panel can tell about."""
    folder = out_dir / OVERVIEW_FOLDER
    previous = _read_state(folder / _STATE_FILE)
    cards = {label: card for label, card in previous.items() if _still_there(card, out_dir)}
    for result in results:
        card = _card(project, result, out_dir)
        card.found = _problems_of(project, result.edition, problems)
        cards[card.label] = card
    # ASCII: a file name that is not UTF-8 (held as lone surrogates) is written as escapes.
    state = json.dumps({k: asdict(v) for k, v in sorted(cards.items())})
    write_atomic(folder / _STATE_FILE, state.encode("utf-8"))
    translations = {p.slug: _translations(project, p.slug, languages) for p in project.publications}
    project_problems = [_problem(p, project.root) for p in problems]
    page = render_page(project, list(cards.values()), project_problems, translations, live)
    version = hashlib.sha256(page.encode("utf-8")).hexdigest()[:16]
    page = page.replace("__VERSION__", version)
    write_atomic(folder / _VERSION_FILE, f'briefingOverview("{version}");\n'.encode())
    path = out_dir / PAGE_NAME
    write_atomic(path, page.encode("utf-8"))
    return path


# --- The data -------------------------------------------------------------------------------


def _read_state(path: Path) -> dict[str, Card]:
    try:
        data = json.loads(path.read_text("utf-8"))
        return {label: Card(**value) for label, value in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def _still_there(card: Card, out_dir: Path) -> bool:
    """An edition of an earlier build is shown while its PDF is there."""
    if card.pdf is None:
        return False
    return (out_dir / unquote(card.pdf, errors="surrogateescape")).is_file()


def _card(project: Project, result: EditionResult, out_dir: Path) -> Card:
    edition = result.edition
    problems = [_problem(p, project.root) for p in result.problems]
    if result.ok:
        state = "unchanged" if result.cached else "written"
    else:
        state = "skipped" if result.skipped else "failed"
    card = Card(
        label=edition.label,
        publication=edition.publication.slug,
        title=_title(edition),
        language=edition.language,
        language_name=_language_name(edition.language),
        direction=_direction(edition.language),
        kind=edition.kind,
        profile=edition.profile,
        paper=edition.paper,
        impose=edition.impose,
        state=state,
        problems=problems,
        budget_mb=edition.budget_mb,
    )
    if result.path is not None and result.ok:
        card.pdf = _href(result.path, out_dir)
        card.pages, card.size, card.scale = result.pages, result.size, result.scale
        if result.imposed is not None and result.imposed.is_file():
            card.imposed = _href(result.imposed, out_dir)
        draft = out_dir / edition.language / f"{edition.publication.slug}.eml"
        if edition.kind == "pack" and draft.is_file():
            card.email = _href(draft, out_dir)
        card.thumbnail = _thumbnail(edition, result.path, out_dir)
    return card


def _thumbnail(edition: Edition, pdf: Path, out_dir: Path) -> str | None:
    """The thumbnail's address, drawn now if the worker did not (or it predates the PDF);
    it carries a digest of the picture, so a browser shows a new one at once."""
    path = thumbnail_path(out_dir, edition)
    try:
        fresh = path.stat().st_mtime_ns >= pdf.stat().st_mtime_ns
    except OSError:
        fresh = False
    if not fresh and not write_thumbnail(pdf, path):
        return None
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except OSError:
        return None
    return f"{_href(path, out_dir)}?v={digest}"


def _href(path: Path, out_dir: Path) -> str:
    """A file's address relative to the page; bytes of a name that is not UTF-8 are
    written as %XX, as a browser reads them."""
    return quote(relative_to(path, out_dir).as_posix(), errors="surrogateescape")


def _problem(problem: Problem, root: Path) -> list[str]:
    where = ""
    if problem.path is not None:
        path = Path(problem.path)
        where = relative_to(path, root).as_posix() if path.is_absolute() else path.as_posix()
        if problem.line is not None:
            where += f":{problem.line}"
    return ["warning" if problem.warning else "error", where, problem.message]


def _problems_of(
    project: Project, edition: Edition, problems: Sequence[Problem]
) -> list[list[str]]:
    """The problems found while reading the project that are in files this edition prints
    (a pack its opening and sections, a handout its own file and the opening): their
    translations, and the source files (their errors stop every edition, their warnings are
    the source language's)."""
    folder = relative_to(edition.publication.folder, project.root)
    source_language = parse_language(project.config.language).tag
    mine = []
    for problem in problems:
        if problem.path is None:
            continue
        path = Path(problem.path)
        path = relative_to(path, project.root) if path.is_absolute() else path
        if path.parent != folder or not path.name.endswith(".md"):
            continue
        stem = split_name(path)[0]
        if (stem == HANDOUT) != (edition.kind == "handout") and stem != OPENING:
            continue  # a handout prints its own file (and the opening's front matter)
        tag = language_of(path)
        if tag == edition.language or (
            tag is None and (not problem.warning or edition.language == source_language)
        ):
            mine.append(_problem(problem, project.root))
    return mine


def _title(edition: Edition) -> str:
    publication = edition.publication
    translated = publication.translations.get(edition.language, {}).get(OPENING)
    document = translated or publication.opening
    return document.meta.title or publication.meta.title or publication.slug


def _language_name(tag: str) -> str:
    english, own = language_names(tag)
    return english if own == english else f"{english} ({own})"


def _direction(tag: str) -> str:
    try:
        return parse_language(tag).direction
    except (UnknownLanguage, ValueError):
        return "ltr"


def _translations(project: Project, slug: str, only: Sequence[str] | None) -> Translations:
    from ..project.staleness import source_changes, translation_status

    # A project read for some languages has no translations in the others: not "missing".
    statuses = [s for s in translation_status(project, only) if s.publication == slug]
    languages = sorted({s.language for s in statuses})
    names: list[str] = []
    cells: dict[str, dict[str, Cell]] = {}
    diffs: list[tuple[str, str, list[str] | None]] = []
    for status in statuses:
        name = (status.source or status.translation).name
        if status.state == "orphaned":
            name = status.translation.name
        if name not in cells:
            names.append(name)
            cells[name] = {}
        cell = Cell(status.state)
        if status.state == "stale":
            cell.diff = f"diff-{slug}-{status.language}-{name}".replace(".", "-")
            title = f"{status.translation.name}: what changed in {name} since its translation"
            diffs.append((cell.diff, title, source_changes(project, status)))
        cells[name][status.language] = cell
    rows = [(name, [cells[name].get(lang, Cell("")) for lang in languages]) for name in names]
    return Translations(languages, rows, diffs)


def overview_url(out_dir: Path) -> str:
    return (out_dir / PAGE_NAME).resolve().as_uri()
