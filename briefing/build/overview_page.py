"""The build overview's page itself: HTML, its stylesheet and its two small scripts, from
the data :mod:`.overview` gathers. Everything is in the one file (no network, no other
file but the thumbnails), escaped, and in the direction and language of each edition."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..languages.tags import UnknownLanguage, parse_language
from ..project.model import Project

if TYPE_CHECKING:
    from .overview import Card, Translations

#: How often a page written by `briefing watch` looks for a newer build (milliseconds).
POLL_MS = 1000


def language_names(tag: str) -> tuple[str, str]:
    """A language's name in English and in itself."""
    try:
        language = parse_language(tag)
        return language.name(parse_language("en")), language.name()
    except (UnknownLanguage, ValueError):
        return tag, tag


def _language_heading(tag: str, direction: str) -> str:
    """The name in English, then in the language (marked as such, for a screen reader)."""
    english, own = language_names(tag)
    if own == english:
        return _e(english)
    return f'{_e(english)} (<span lang="{_e(tag)}" dir="{_e(direction)}">{_e(own)}</span>)'


def _e(text: object) -> str:
    """Text for the page, escaped; bytes of a file name that is not UTF-8 shown as \\xff."""
    shown = str(text).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return html.escape(shown, quote=True)


def render_page(
    project: Project,
    cards: list[Card],
    project_problems: list[list[str]],
    translations: dict[str, Translations],
    live: bool,
) -> str:
    """The page: a summary, the problems of the project, then each publication's editions
    and translations; ``__VERSION__`` stands for the version the caller fills in."""
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
