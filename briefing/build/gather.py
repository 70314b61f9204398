"""Gathering: read and check everything a build needs, before anything is rendered.

`check` is this stage alone; `build` is this stage, then rendering. So both report the same
problems: the project's (settings, content, references, translations, templates, catalogs)
and each edition's (incomplete translations, template errors, characters no font has).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..errors import BriefingError, Problem, relative_to
from ..html.context import edition_html
from ..html.templating import EMAIL_TEMPLATES, PAGE_TEMPLATES, check_templates, template_dirs
from ..languages.catalogs import (
    PROJECT_LOCALE,
    catalog_path,
    catalog_problems,
    catalogs_for,
    message_ids,
    untranslated,
)
from ..languages.tags import canonical_tags, parse_language
from ..project.load import load_project
from ..project.model import Edition, Project, edition_parts
from ..project.naming import language_of
from ..project.settings import CONTENT_FOLDER
from ..project.staleness import stale_problems, structure_problems, untranslated_problems
from .edition import EditionResult
from .glyphs import check_glyphs
from .plan import Selection, plan_editions, selected_languages
from .run import Prepared


@dataclass(frozen=True, slots=True)
class Gathered:
    """Everything a build knows before it renders."""

    project: Project
    #: The editions the build would make, in order.
    editions: tuple[Edition, ...]
    #: The editions ready to render, with their HTML.
    prepared: tuple[Prepared, ...]
    #: The editions that cannot be built, and why (skipped or failed).
    excluded: tuple[EditionResult, ...]
    #: Problems of the project rather than of one edition.
    problems: tuple[Problem, ...]

    @property
    def all_problems(self) -> list[Problem]:
        return [*self.problems, *(p for result in self.excluded for p in result.problems)]


def gather(root: Path, selection: Selection, markup_cache: Path | None = None) -> Gathered:
    """Load and check the project, plan its editions and make the HTML of each."""
    selection = dataclasses.replace(selection, languages=canonical_tags(selection.languages))
    project = load_project(root, selection.only, selection.languages, markup_cache)
    editions = plan_editions(project, selection)
    languages = selected_languages(project, selection.languages)
    problems = [p for p in project.problems if _concerns(p, selection)]
    problems += untranslated_problems(project, languages)
    problems += stale_problems(project, languages)
    problems += structure_problems(project, languages)
    problems += _catalog_problems(project, languages)
    problems += check_templates(project.root, (*PAGE_TEMPLATES, *EMAIL_TEMPLATES))
    prepared, excluded = [], []
    for edition in editions:
        reason = incomplete(project, edition)
        if reason is not None:
            excluded.append(EditionResult(edition, problems=(reason,)))
            continue
        try:
            html = edition_html(project, edition)
        except BriefingError as error:
            excluded.append(EditionResult(edition, problems=error.problems))
            continue
        if missing_glyphs := check_glyphs(project, edition, html):
            excluded.append(EditionResult(edition, problems=tuple(missing_glyphs)))
            continue
        prepared.append(Prepared(edition, html))
    return Gathered(project, tuple(editions), tuple(prepared), tuple(excluded), tuple(problems))


def incomplete(project: Project, edition: Edition) -> Problem | None:
    """Why an edition cannot be published as it stands, or None.

    A missing translation stops the edition unless the project allows printing the source
    text instead (``untranslated = "source"``); a broken translation file always does.
    """
    config = project.config
    publication = edition.publication
    if edition.language in publication.broken_languages:
        return Problem(
            edition.label,
            f"not built: a {edition.language} translation file has errors (see above)",
        )
    parts = edition_parts(publication, edition.kind, edition.language, config.language)
    if parts.missing and config.untranslated == "skip":
        if not publication.translations.get(edition.language):
            return Problem(
                edition.label,
                f"skipped: nothing in {relative_to(publication.folder, config.root).as_posix()} "
                f"is translated into {edition.language} yet (see above)",
                warning=True,
            )
        names = ", ".join(relative_to(path, config.root).as_posix() for path in parts.missing)
        return Problem(
            edition.label,
            f"skipped, the translation is incomplete: missing {names}; translate them, or set "
            'untranslated = "source" in briefing.toml to print the source text there',
            warning=True,
        )
    return None


#: Messages that show which words are meant, best first.
_EXAMPLES = ("Contents", "Key messages", "Recommendations", "Find the full briefing at")


def _catalog_problems(project: Project, languages: tuple[str, ...]) -> list[Problem]:
    """For each language, one warning if some interface messages print in English because no
    catalog translates them; and a warning for each project translation left unused because
    its placeholders do not fit its message."""
    messages = message_ids(template_dirs(project.root))
    total = len(messages)
    english = parse_language("en")
    problems = []
    for tag in languages:
        language = parse_language(tag)
        found = catalogs_for(project.root, language)
        own = [path for path in found if path.is_relative_to(project.root / PROJECT_LOCALE)]
        if found:
            problems += catalog_problems(project.root, language)
        missing = untranslated(found, language, messages)
        if not missing:
            continue
        count = len(missing)
        name = f"{language.name(english)} ({tag})"
        path = (
            own[0].relative_to(project.root)
            if own
            else catalog_path(Path(PROJECT_LOCALE), language)
        )
        example = next((m for m in _EXAMPLES if m in missing), min(missing))
        if not found:
            message = (
                f"no catalog translates the interface into {name}: its {count} messages (such "
                f'as "{example}") print in English; run `briefing catalogs` to create this '
                "file, then translate it"
            )
        elif own:
            message = (
                f'{count} of the {total} interface messages (such as "{example}") are not '
                f"translated into {name} here or in a built-in catalog, so they print in "
                "English; translate them in this file (`briefing catalogs` adds new messages)"
            )
        else:
            message = (
                f'{count} of the {total} interface messages (such as "{example}") are not '
                f"translated into {name} by a built-in catalog, so they print in English; run "
                "`briefing catalogs` to create this file, then translate them"
            )
        problems.append(Problem(path, message, warning=True))
    return problems


def _concerns(problem: Problem, selection: Selection) -> bool:
    """Whether a loading problem matters to a build of some publications or languages."""
    if problem.path is None:
        return True
    path = Path(problem.path)
    only = selection.only
    in_content = path.parts[:1] == (CONTENT_FOLDER,)
    if only is not None and in_content and path.parts[1:2] != (only,):
        return False
    language = language_of(path)
    return selection.languages is None or language is None or language in selection.languages
