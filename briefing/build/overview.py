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
import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from ..errors import Problem, relative_to
from ..files import write_atomic
from ..languages.tags import UnknownLanguage, parse_language
from ..project.model import Edition, Project
from ..project.naming import HANDOUT, OPENING, language_of, split_name
from .edition import EditionResult
from .thumbnails import OVERVIEW_FOLDER, thumbnail_path, write_thumbnail

PAGE_NAME = "index.html"
_STATE_FILE = "editions.json"
_VERSION_FILE = "version.js"
#: How often a page written by `briefing watch` looks for a newer build (milliseconds).
POLL_MS = 1000


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
    page = _page(project, list(cards.values()), problems, translations, live)
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
    english, own = _names(tag)
    return english if own == english else f"{english} ({own})"


def _names(tag: str) -> tuple[str, str]:
    """A language's name in English and in itself."""
    try:
        language = parse_language(tag)
        return language.name(parse_language("en")), language.name()
    except (UnknownLanguage, ValueError):
        return tag, tag


def _language_heading(tag: str, direction: str) -> str:
    """The name in English, then in the language (marked as such, for a screen reader)."""
    english, own = _names(tag)
    if own == english:
        return _e(english)
    return f'{_e(english)} (<span lang="{_e(tag)}" dir="{_e(direction)}">{_e(own)}</span>)'


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


# --- The page -------------------------------------------------------------------------------


def _e(text: object) -> str:
    """Text for the page, escaped; bytes of a file name that is not UTF-8 shown as \\xff."""
    shown = str(text).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return html.escape(shown, quote=True)


def _page(
    project: Project,
    cards: list[Card],
    problems: Sequence[Problem],
    translations: dict[str, Translations],
    live: bool,
) -> str:
    slugs = list(
        dict.fromkeys([p.slug for p in project.publications] + [c.publication for c in cards])
    )
    counts = {state: sum(1 for c in cards if c.state == state) for state in _STATES}
    summary = ", ".join(f"{n} {state}" for state, n in counts.items() if n)
    body = [
        "<header>",
        "<h1>Build overview</h1>",
        f"<p>{_e(len(cards))} editions: {_e(summary or 'none yet')}. "
        f"Project: <code>{_e(project.root.name)}</code>.</p>",
        "</header>",
        "<main>",
    ]
    project_problems = [_problem(p, project.root) for p in problems]
    if project_problems:
        body += [
            '<section class="project-problems" aria-labelledby="problems">',
            '<h2 id="problems">Problems in the project</h2>',
            _problem_list(project_problems),
            "</section>",
        ]
    for slug in slugs:
        mine = [c for c in cards if c.publication == slug]
        body.append(_publication(project, slug, mine, translations.get(slug)))
    body.append("</main>")
    script = _SCRIPT + (_LIVE_SCRIPT.replace("__POLL__", str(POLL_MS)) if live else "")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="briefing-version" content="__VERSION__">\n'
        f"<title>Build overview: {_e(project.root.name)}</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + f"\n<script>{script}</script>\n</body>\n</html>\n"
    )


_STATES = ("written", "unchanged", "skipped", "failed")


def _publication(
    project: Project, slug: str, cards: list[Card], translations: Translations | None
) -> str:
    publication = next((p for p in project.publications if p.slug == slug), None)
    title = publication.meta.title if publication is not None else ""
    heading = f'{_e(title)} <span class="slug">({_e(slug)})</span>' if title else _e(slug)
    lang = parse_language(project.config.language).tag
    parts = [
        f'<section class="publication" aria-labelledby="pub-{_e(slug)}">',
        f'<h2 id="pub-{_e(slug)}"><span lang="{_e(lang)}">{heading}</span></h2>',
    ]
    # A row per language, in the order of briefing.toml; in it, packs before handouts.
    languages = [parse_language(t).tag for t in project.config.editions_languages]
    rank = {tag: index for index, tag in enumerate(languages)}
    kinds = {kind: index for index, kind in enumerate(("pack", "handout"))}
    cards.sort(key=lambda c: (kinds.get(c.kind, 2), c.profile, c.label))
    for language in sorted({c.language for c in cards}, key=lambda t: (rank.get(t, 99), t)):
        mine = [c for c in cards if c.language == language]
        parts += [
            f'<div class="language" lang="{_e(language)}" dir="{_e(mine[0].direction)}">',
            f'<h3 lang="en" dir="ltr">{_language_heading(language, mine[0].direction)}</h3>',
            '<ul class="editions">',
            *(_card_html(card) for card in mine),
            "</ul>",
            "</div>",
        ]
    if translations is not None and translations.languages:
        parts.append(_translation_panel(slug, translations))
    parts.append("</section>")
    return "\n".join(parts)


def _card_html(card: Card) -> str:
    kind = card.kind if card.profile == "screen" else f"{card.kind}, {card.profile}"
    alt = f"{card.title}: {card.language_name} {kind}, first page"
    if card.thumbnail and card.pdf:
        picture = (
            f'<a class="thumb" href="{_e(card.pdf)}#page=1">'
            f'<img src="{_e(card.thumbnail)}" alt="{_e(alt)}" width="150" loading="lazy"></a>'
        )
    else:
        reason = {"skipped": "Not built", "failed": "Failed"}.get(card.state, "No picture")
        picture = f'<div class="thumb missing" role="img" aria-label="{_e(alt)}">{reason}</div>'
    facts = [("Kind", kind), ("Paper", card.paper)]
    if card.pdf:
        facts.append(("Pages", str(card.pages)))
        size = _size(card.size)
        if card.budget_mb is not None:
            over = " (over the budget)" if card.size > card.budget_mb * 1_000_000 else ""
            size += f" of {card.budget_mb:g} MB{over}"
        facts.append(("Size", size))
        if card.kind == "handout":
            facts.append(("Scale", f"{card.scale:.0%}" if card.scale < 1 else "100%, fits"))
    facts.append(("State", card.state))
    links = []
    if card.pdf:
        links.append(f'<a href="{_e(card.pdf)}">PDF</a>')
    if card.imposed:
        links.append(f'<a href="{_e(card.imposed)}">{_e(card.impose or "imposed")} sheets</a>')
    if card.email:
        links.append(f'<a href="{_e(card.email)}">email draft</a>')
    return "\n".join(
        [
            f'<li class="edition state-{_e(card.state)}" lang="{_e(card.language)}" '
            f'dir="{_e(card.direction)}">',
            picture,
            f'<h4 class="title">{_e(card.title)}</h4>',
            '<dl lang="en" dir="ltr">'
            + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts)
            + "</dl>",
            f'<p class="links" lang="en" dir="ltr">{" · ".join(links)}</p>' if links else "",
            _problem_list(card.found + card.problems) if card.found or card.problems else "",
            "</li>",
        ]
    )


def _problem_list(problems: Iterable[list[str]]) -> str:
    items = []
    for severity, where, what in problems:
        place = f"<code>{_e(where)}</code>: " if where else ""
        items.append(
            f'<li class="{_e(severity)}"><strong>{_e(severity)}</strong>: {place}{_e(what)}</li>'
        )
    return '<ul class="problems" lang="en" dir="ltr">' + "".join(items) + "</ul>"


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} KB"


def _translation_panel(slug: str, translations: Translations) -> str:
    head = "".join(f'<th scope="col">{_e(lang)}</th>' for lang in translations.languages)
    rows = []
    for name, cells in translations.rows:
        tds = []
        for cell in cells:
            text = _e(cell.state or "—")
            if cell.diff:
                text = f'<a href="#{_e(cell.diff)}">{text}</a>'
            tds.append(f'<td class="{_e(cell.state.replace(" ", "-"))}">{text}</td>')
        rows.append(f'<tr><th scope="row"><code>{_e(name)}</code></th>{"".join(tds)}</tr>')
    diffs = []
    for anchor, title, lines in translations.diffs:
        if lines is None:
            content = "<p>The version it was translated from is not in the git history.</p>"
        else:
            content = "<pre>" + "\n".join(_diff_line(line) for line in lines) + "</pre>"
        diffs.append(
            f'<details id="{_e(anchor)}"><summary>{_e(title)}</summary>{content}</details>'
        )
    return "\n".join(
        [
            f'<section class="translations" aria-labelledby="tr-{_e(slug)}">',
            f'<h3 id="tr-{_e(slug)}">Translations</h3>',
            '<div class="matrix"><table>',
            f"<caption>Each file of {_e(slug)} in each language</caption>",
            f'<thead><tr><th scope="col">File</th>{head}</tr></thead>',
            "<tbody>" + "\n".join(rows) + "</tbody></table></div>",
            *diffs,
            "</section>",
        ]
    )


def _diff_line(line: str) -> str:
    kind = {"+": "added", "-": "removed", "@": "where"}.get(line[:1], "")
    if line.startswith(("+++", "---")):
        kind = "file"
    return f'<span class="{kind}">{_e(line)}</span>' if kind else _e(line)


_STYLE = """
:root { color-scheme: light; --ink: #1f2d32; --muted: #5b6b70; --line: #d5dde0;
  --accent: #0f4c5c; --warn: #8a5a00; --bad: #a4161a; }
* { box-sizing: border-box; }
body { font: 15px/1.45 "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink);
  margin: 0 auto; max-width: 80rem; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin: .5rem 0; } h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; color: var(--muted); }
h4 { font-size: 1rem; margin: 0 0 .25rem; }
.slug { color: var(--muted); font-weight: normal; }
.editions { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap;
  gap: 1rem; }
.edition { width: 25rem; display: grid; grid-template-columns: 150px 1fr;
  column-gap: .9rem; align-items: start; }
.edition > :not(.thumb) { grid-column: 2; }
.edition > .thumb { grid-row: 1 / span 6; }
.edition > .problems { grid-column: 1 / -1; overflow-wrap: anywhere; }
.edition { border: 1px solid var(--line); border-radius: 6px; padding: .75rem;
  break-inside: avoid; }
[dir="rtl"] .title, .language[dir="rtl"] > h3 { text-align: right; }
.thumb { display: block; width: 150px; min-height: 80px; }
.thumb img { display: block; width: 150px; height: auto; border: 1px solid var(--line); }
.thumb.missing { display: flex; align-items: center; justify-content: center; height: 106px;
  background: #f1f4f5; color: var(--muted); border: 1px dashed var(--line); }
img[data-state="broken"] { min-height: 100px; background: #fbefe7; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0 .75rem; margin: .5rem 0;
  font-size: .9rem; }
dt { color: var(--muted); } dd { margin: 0; }
.state-failed { border-color: var(--bad); } .state-skipped { border-style: dashed; }
.problems { font-size: .85rem; padding-left: 1.1rem; margin: .5rem 0 0; }
.problems .error strong { color: var(--bad); } .problems .warning strong { color: var(--warn); }
a { color: var(--accent); }
a:focus-visible, summary:focus-visible { outline: 3px solid #e36414; outline-offset: 2px; }
.matrix { overflow-x: auto; }
table { border-collapse: collapse; font-size: .9rem; margin: .5rem 0; }
caption { text-align: left; color: var(--muted); padding-bottom: .25rem; }
th, td { border: 1px solid var(--line); padding: .2rem .5rem; text-align: left; }
td.stale { background: #fff3d6; } td.missing { background: #fde4e4; }
td.up-to-date { background: #e5f4ea; } td.orphaned { background: #eeeeee; }
td.not-marked { background: #ebeef7; }
pre { background: #f6f8f9; padding: .5rem; overflow-x: auto; font-size: .8rem; }
pre .added { color: #1b6e34; } pre .removed { color: var(--bad); }
pre .where, pre .file { color: var(--muted); }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .edition { width: 48%; grid-template-columns: 110px 1fr; }
  .thumb, .thumb img { width: 110px; }
  .language { break-inside: avoid; } h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  details { break-inside: avoid; } details > summary { list-style: none; }
}
"""

#: Marks each thumbnail that did not load, so that it says so (and a test can see it); opens
#: the diff a stale cell links to (a browser scrolls to a closed <details> but leaves it shut).
_SCRIPT = """
for (const img of document.querySelectorAll(".thumb img")) {
  const mark = () => { img.dataset.state = img.naturalWidth > 0 ? "loaded" : "broken"; };
  if (img.complete) { mark(); } else { img.addEventListener("load", mark);
    img.addEventListener("error", mark); }
}
const openDiff = (hash) => {
  const target = hash && document.getElementById(decodeURIComponent(hash.slice(1)));
  if (target instanceof HTMLDetailsElement) { target.open = true; }
};
document.addEventListener("click", (event) => {
  const link = event.target.closest('a[href^="#"]');
  if (link) { openDiff(link.hash); }
});
openDiff(location.hash);
"""

#: In `briefing watch`: look for a newer build by loading .overview/version.js again (a
#: script, which a page opened from a file may load; fetch() may not), and reload if so.
_LIVE_SCRIPT = """
(() => {
  const mine = document.querySelector('meta[name="briefing-version"]').content;
  window.briefingOverview = (version) => { if (version !== mine) location.reload(); };
  setInterval(() => {
    const probe = document.createElement("script");
    probe.src = ".overview/version.js?t=" + Date.now();
    probe.onload = probe.onerror = () => probe.remove();
    document.head.append(probe);
  }, __POLL__);
})();
"""


def overview_url(out_dir: Path) -> str:
    return (out_dir / PAGE_NAME).resolve().as_uri()
