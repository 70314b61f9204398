"""`build`, `check` and `email`, as functions: what the command line, `watch` and programs call.

A build reads top to bottom in :func:`build_project`: gather (read and check everything, make
each edition's HTML), stop there if ``strict`` and anything is wrong, remove the old files of
editions that are skipped, render the rest, report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict, Unpack

from ..errors import Problem, UsageError, errors_in, relative_to
from ..languages.tags import canonical_tags
from ..project.model import IMPOSITIONS, KINDS, PROFILES, Edition, Project
from ..project.settings import BUILD_FOLDER, PAPER_NAMES, match_choice
from . import cache
from .edition import EditionResult, cannot_write
from .plan import Selection
from .run import OnProgress, Prepared, default_jobs, remove_leftovers, render_editions
from .warmup import gather_warming_up

if TYPE_CHECKING:
    from ..languages.catalogs import CatalogState
    from ..project.staleness import FileStatus

#: Called with the problems found while gathering and the number of editions planned, then
#: with each edition's result as soon as it is known (for progress output), in the order the
#: editions are done; and, if given, with how far each edition being rendered has got.
OnGathered = Callable[[Sequence[Problem], int], None]
OnEdition = Callable[[EditionResult], None]


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What `check` found: every problem a build would report, before rendering."""

    project: Project
    #: Every edition a build would make.
    editions: tuple[Edition, ...]
    #: The editions a build would render, with their HTML.
    prepared: tuple[Prepared, ...]
    #: The project's problems, then each edition's.
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)

    def html(self, edition: Edition) -> str:
        """The HTML a build would render for ``edition``."""
        return next(item.html for item in self.prepared if item.edition == edition)


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did: each edition's result, and the problems found."""

    project: Project
    #: Problems of the project rather than of one edition (those are in ``results``).
    problems: tuple[Problem, ...]
    #: In the order of the editions (publication, language, kind), however they were done.
    results: tuple[EditionResult, ...] = ()
    strict: bool = False
    #: With ``strict``, the build stopped before rendering because of ``problems``.
    stopped: bool = False
    #: Where the PDFs were written.
    out_dir: Path = field(default_factory=Path)
    #: The overview page written (None with ``overview=False``, or if it could not be).
    overview: Path | None = None

    @property
    def all_problems(self) -> list[Problem]:
        return [*self.problems, *(p for result in self.results for p in result.problems)]

    @property
    def written(self) -> list[EditionResult]:
        return [r for r in self.results if r.ok and not r.cached]

    @property
    def unchanged(self) -> list[EditionResult]:
        return [r for r in self.results if r.ok and r.cached]

    @property
    def skipped(self) -> list[EditionResult]:
        return [r for r in self.results if r.skipped and not self.strict]

    @property
    def failed(self) -> list[EditionResult]:
        return [r for r in self.results if not r.ok and not (r.skipped and not self.strict)]

    @property
    def ok(self) -> bool:
        """Nothing failed, no error; with ``strict``, not even a warning."""
        problems = self.all_problems
        return not self.failed and not errors_in(problems) and not (self.strict and problems)


@dataclass(frozen=True, slots=True)
class EmailReport:
    build: BuildReport
    #: The draft emails written, each with the result of the edition it attaches.
    drafts: tuple[tuple[EditionResult, Path], ...] = ()


class Options(TypedDict, total=False):
    """What to build (all of it by default); options whose case means nothing are matched
    without it (``paper="letter"``)."""

    #: One publication: the name of its folder in content/.
    only: str | None
    #: Some of the languages the project publishes (BCP 47 tags).
    languages: Sequence[str] | None
    #: "pack", "handout" or both.
    kinds: Sequence[str]
    #: "screen" (the default), "print", "email" or "archive".
    profile: str
    #: Lay every edition out on this paper, whatever the settings say.
    paper: str | None
    #: Also write handouts "2up" or packs as a "booklet".
    impose: str | None


def check_project(root: Path, **options: Unpack[Options]) -> CheckReport:
    """Read and check the project in ``root`` as a build would, without rendering anything.

    Raises a :class:`~briefing.errors.BriefingError` when the project cannot be read at all
    (no such folder, bad settings, an unknown option).
    """
    from .gather import gather

    selection = _selection(options)
    gathered = gather(root.resolve(), selection)
    return CheckReport(
        gathered.project,
        gathered.editions,
        gathered.prepared,
        tuple(gathered.all_problems),
    )


def build_project(
    root: Path,
    *,
    jobs: int | None = None,
    strict: bool = False,
    out: Path | None = None,
    on_gathered: OnGathered | None = None,
    on_edition: OnEdition | None = None,
    on_progress: OnProgress | None = None,
    overview: bool = True,
    live_overview: bool = False,
    **options: Unpack[Options],
) -> BuildReport:
    """Build the editions of the project in ``root`` into ``out`` (default: its build/).

    With ``overview``, ``index.html`` in the output folder shows every edition and
    translation afterwards (``live_overview``: the page reloads itself after a later build).

    Every edition is checked before any is rendered; editions whose inputs have not changed
    are not rendered again; an edition that fails leaves its earlier PDF and does not stop
    the others (unless ``strict``: then any problem stops the build, before rendering if it
    can). Raises a :class:`~briefing.errors.BriefingError` when the project cannot be read.
    """
    root = root.resolve()
    selection = _selection(options)
    out_dir = (out or root / BUILD_FOLDER).resolve()
    jobs = jobs or default_jobs()
    remove_leftovers(out_dir)
    markup_cache = out_dir / cache.CACHE_FOLDER / "markup"
    gathered = gather_warming_up(root, selection, markup_cache, out_dir, jobs)
    if on_gathered is not None:
        on_gathered(gathered.problems, len(gathered.editions))
    project, problems = gathered.project, gathered.problems
    if strict and (problems or gathered.excluded):
        results = _notify(gathered.excluded, on_edition)
        return BuildReport(project, problems, tuple(results), strict, stopped=True, out_dir=out_dir)
    results = _notify((_set_aside(project, r, out_dir) for r in gathered.excluded), on_edition)
    rendered = render_editions(
        project, gathered.prepared, out_dir, strict, jobs, on_progress, thumbnails=overview
    )
    results += _notify(rendered, on_edition)
    order = {edition.label: index for index, edition in enumerate(gathered.editions)}
    results.sort(key=lambda result: order.get(result.edition.label, len(order)))
    page = None
    if overview:
        languages = canonical_tags(selection.languages)
        page, trouble = _write_overview(
            project, results, problems, out_dir, live_overview, languages
        )
        problems = (*problems, *trouble)
    return BuildReport(project, problems, tuple(results), strict, out_dir=out_dir, overview=page)


def _write_overview(
    project: Project,
    results: Sequence[EditionResult],
    problems: Sequence[Problem],
    out_dir: Path,
    live: bool,
    languages: Sequence[str] | None,
) -> tuple[Path | None, tuple[Problem, ...]]:
    """The overview page, or a warning if it cannot be written (the PDFs are)."""
    from ..files import write_failure
    from .overview import write_overview

    try:
        return write_overview(project, results, problems, out_dir, live, languages), ()
    except OSError as error:
        failure = write_failure(out_dir / "index.html", error)
        where = relative_to(failure.where, project.root)
        message = f"cannot write the build overview: {failure.cause}; {failure.remedy}"
        return None, (Problem(where, message, warning=True),)


def email_project(
    root: Path,
    slug: str,
    *,
    languages: Sequence[str] | None = None,
    to: str | None = None,
    on_gathered: OnGathered | None = None,
    on_edition: OnEdition | None = None,
) -> EmailReport:
    """Build the email edition of a publication's pack in each language, and write a draft
    email beside each (``build/<language>/<slug>.eml``) with the PDF attached."""
    from .email import write_draft

    build = build_project(
        root,
        only=slug,
        languages=languages,
        kinds=("pack",),
        profile="email",
        on_gathered=on_gathered,
        on_edition=on_edition,
    )
    drafts = tuple(
        (result, write_draft(build.project, result.edition, result.path, build.out_dir, to))
        for result in build.results
        if result.ok and result.path is not None
    )
    if drafts and build.overview is not None:  # again, with links to the drafts
        wanted = canonical_tags(languages)
        _write_overview(build.project, build.results, build.problems, build.out_dir, False, wanted)
    return EmailReport(build, drafts)


def _notify(results: Iterable[EditionResult], on_edition: OnEdition | None) -> list[EditionResult]:
    done = []
    for result in results:
        if on_edition is not None:
            on_edition(result)
        done.append(result)
    return done


def _set_aside(project: Project, result: EditionResult, out_dir: Path) -> EditionResult:
    """A skipped edition's files of an earlier build removed, so none looks current."""
    if not result.skipped:
        return result
    edition = result.edition
    removed, problems = [], list(result.problems)
    for path in (edition.output_path(out_dir), edition.imposed_path(out_dir)):
        if path is not None and path.is_file():
            try:
                path.unlink()
            except OSError as error:
                problems.append(cannot_write(project, path, error))
                continue
            removed.append(path)
    cache.forget(out_dir, edition)
    return EditionResult(edition, problems=tuple(problems), removed=tuple(removed))


def _selection(options: Options) -> Selection:
    """The options as a Selection; values whose case means nothing are matched without it."""
    languages, paper, impose = options.get("languages"), options.get("paper"), options.get("impose")
    try:
        return Selection(
            only=options.get("only"),
            languages=tuple(languages) if languages is not None else None,
            kinds=tuple(match_choice(kind, KINDS) for kind in options.get("kinds", KINDS)),
            profile=match_choice(options.get("profile", "screen"), PROFILES),
            paper=match_choice(paper, PAPER_NAMES) if paper is not None else None,
            impose=match_choice(impose, IMPOSITIONS) if impose is not None else None,
        )
    except ValueError as error:
        raise UsageError(f"an option {error}") from None


@dataclass(frozen=True, slots=True)
class PlannedEdition:
    edition: Edition
    #: Where a build writes it.
    path: Path
    #: Why it would not be built as it stands (an incomplete translation), or None.
    incomplete: Problem | None


@dataclass(frozen=True, slots=True)
class EditionList:
    editions: tuple[PlannedEdition, ...]
    problems: tuple[Problem, ...]


def list_editions(root: Path, **options: Unpack[Options]) -> EditionList:
    """The editions a build would make, without making their HTML."""
    from ..project.load import load_project
    from .gather import incomplete
    from .plan import plan_editions

    selection = _selection(options)
    selection = replace(selection, languages=canonical_tags(selection.languages))
    project = load_project(root.resolve(), selection.only, selection.languages)
    out_dir = project.config.build_dir
    planned = tuple(
        PlannedEdition(edition, edition.output_path(out_dir), incomplete(project, edition))
        for edition in plan_editions(project, selection)
    )
    return EditionList(planned, project.problems)


@dataclass(frozen=True, slots=True)
class TranslationFile:
    status: FileStatus
    #: With ``diff``, what changed in the source of a stale file since its translation
    #: (None when that version is not in the project's git history).
    changes: list[str] | None = None


@dataclass(frozen=True, slots=True)
class TranslationReport:
    root: Path
    files: tuple[TranslationFile, ...]

    @property
    def counts(self) -> dict[str, int]:
        from ..project.staleness import STATES

        return {state: sum(1 for f in self.files if f.status.state == state) for state in STATES}


def translation_report(
    root: Path, *, languages: Sequence[str] | None = None, diff: bool = False
) -> TranslationReport:
    """Every translation file: up to date, stale, not marked, missing or orphaned."""
    from ..project.load import load_project
    from ..project.staleness import source_changes, translation_status

    project = load_project(root.resolve())
    files = tuple(
        TranslationFile(
            status,
            source_changes(project, status) if diff and status.state == "stale" else None,
        )
        for status in translation_status(project, canonical_tags(languages))
    )
    return TranslationReport(project.root, files)


def mark_translations(
    paths: Sequence[Path], *, languages: Sequence[str] | None = None
) -> list[tuple[Path, Path, str]]:
    """Record that translation files (or all of a publication folder's) are up to date with
    their sources as they are now; returns each file, its source and the source's version."""
    from ..project.naming import language_of
    from ..project.staleness import mark_up_to_date

    files = []
    for path in paths:
        files += sorted(path.glob("*.*.md")) if path.is_dir() else [path]
    if languages:
        wanted = canonical_tags(languages) or ()
        files = [f for f in files if language_of(f) in wanted]
    return [(path, *mark_up_to_date(path)) for path in files]


def update_catalogs(root: Path) -> list[CatalogState]:
    """Extract the templates' interface text into ``locale/briefing.pot`` and create or update
    the project's catalog of each language it publishes."""
    from ..html.templating import template_dirs
    from ..languages.catalogs import update_catalogs as update
    from ..project.settings import load_config

    config = load_config(root)
    return update(config.root, config.editions_languages, template_dirs(config.root))
