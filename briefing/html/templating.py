"""Templates: the built-in ones, overridden file by file by the project's ``templates/``.

Templates translate their fixed words with Jinja's i18n extension (``_()``, ``gettext()``,
``ngettext()``, new style: placeholders are filled in by name), from the edition language's
catalogs; ``css_text()`` does the same for words a stylesheet prints.

A project's templates may come from anyone (a template pack passed around), so every template
runs in a sandbox (:mod:`.sandbox`), and a project template that leads out of the project
through a symbolic link is not read.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from markupsafe import Markup, escape

from ..errors import Problem, TemplateError, relative_to
from ..files import outside_problem
from ..languages.typography import NBSP, bind_last_words, breakable_address
from ..project.confine import OutsideProject, resolve_reference
from ..project.markdown_collect import css_urls
from ..project.settings import CONTENT_FOLDER, TEMPLATES_FOLDER
from .sandbox import EndlessTemplates, Sandbox, TooLarge, bounded_filter

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
#: The templates of each kind of edition, and of the email that sends one.
PAGE_TEMPLATES = ("pack.html", "handout.html")
EMAIL_TEMPLATES = ("email.txt", "email.html")
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_TAG = re.compile(r"(<[^>]*>)")


def template_dirs(project_root: Path) -> tuple[Path, ...]:
    """The folders searched for templates, first match wins."""
    return (project_root / TEMPLATES_FOLDER, BUILTIN_TEMPLATES)


def make_environment(project_root: Path) -> jinja2.Environment:
    """The Jinja environment for a project, made again when its templates/ folder changes
    (a new override must take the place of the built-in template it shadows)."""
    folder = project_root / TEMPLATES_FOLDER
    overrides = (
        tuple(sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()))
        if folder.is_dir() and outside_problem(folder, project_root) is None
        else ()
    )
    return _environment(project_root, overrides)


@functools.lru_cache(maxsize=8)
def _environment(project_root: Path, overrides: tuple[tuple[str, int], ...]) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader(
        [_ProjectLoader(project_root), jinja2.FileSystemLoader(str(BUILTIN_TEMPLATES))]
    )
    environment = Sandbox(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    del environment.globals["lipsum"]  # nothing to print, and asked for a billion words, hangs
    environment.filters["short_url"] = short_url
    environment.filters["address"] = address
    environment.filters["keep_last"] = keep_last
    environment.filters = {name: bounded_filter(f) for name, f in environment.filters.items()}
    return environment


class RefusedTemplate(jinja2.TemplateError):
    """A project template that is not read, and the problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class _ProjectLoader(jinja2.FileSystemLoader):
    """The project's templates/ folder, confined to the project: a template that leads out
    of it through a symbolic link (or a templates/ folder that does) is refused, unread."""

    def __init__(self, project_root: Path) -> None:
        self.folder = project_root / TEMPLATES_FOLDER
        self.project_root = project_root
        super().__init__(str(self.folder))

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = self.folder.joinpath(*split_template_path(template))
        problem = outside_problem(path, self.project_root)
        if problem is not None:
            raise RefusedTemplate(problem)
        return super().get_source(environment, template)


def short_url(url: str) -> str:
    """A web address as printed for people: no scheme, no trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def address(text: str) -> Markup:
    """A web or email address as printed: left to right in any edition, never hyphenated,
    and if it must break across lines, broken only after ``/``, ``.`` or ``@``."""
    return Markup(f'<span class="address" dir="ltr">{escape(breakable_address(text))}</span>')


def keep_last(text: str) -> Markup:
    """A label or title whose last two words stay on one line; in HTML (a title with
    ``<em>``), the space between them is found in the text, never inside a tag."""
    escaped = str(escape(text))  # a translated message is Markup already, and stays as it is
    pieces = _TAG.split(escaped)  # text, tag, text, ...
    text_only = "".join(pieces[0::2])
    if bind_last_words(text_only) == text_only:
        return Markup(escaped)
    space = text_only.rstrip().rfind(" ")
    for index in range(0, len(pieces), 2):
        if 0 <= space < len(pieces[index]):
            pieces[index] = pieces[index][:space] + NBSP + pieces[index][space + 1 :]
            break
        space -= len(pieces[index])
    return Markup("".join(pieces))


def render_template(
    project_root: Path,
    name: str,
    context: Mapping[str, Any],
    translations: gettext.NullTranslations,
) -> str:
    """Render template ``name`` with the interface text of ``translations``; every failure
    (a broken template, an error in an expression, something the sandbox refuses) becomes a
    TemplateError naming file and line."""
    environment = make_environment(project_root)
    environment.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    environment.globals["css_text"] = _css_text(translations)
    try:
        return environment.get_template(name).render(context)
    except Exception as error:  # whatever a template does wrong is the template's error
        raise TemplateError(_problem(error, name, project_root)) from None


def check_templates(project_root: Path, names: Sequence[str]) -> list[Problem]:
    """Load (compile) every template a build would use, reporting each broken one, and
    check the files the project's stylesheets refer to."""
    problems = []
    for name in names:
        try:
            make_environment(project_root).get_template(name)
        except Exception as error:  # as in render_template
            problems.append(_problem(error, name, project_root))
    return problems + check_stylesheets(project_root)


def check_stylesheets(project_root: Path) -> list[Problem]:
    """What the renderer would refuse in the project's stylesheets (templates/**/*.css): a
    ``url()`` or ``@import`` of a file outside the project, a missing file, a web address.

    Templates become part of the edition's HTML, so their relative URLs are read from the
    publication's folder, as the renderer does: they are checked against each publication.
    """
    folder = project_root / TEMPLATES_FOLDER
    if not folder.is_dir() or outside_problem(folder, project_root) is not None:
        return []
    content = project_root / CONTENT_FOLDER
    publications = (
        sorted(
            p
            for p in content.iterdir()
            if p.is_dir()
            and not p.name.startswith((".", "_"))
            and outside_problem(p, project_root) is None
        )
        if content.is_dir() and outside_problem(content, project_root) is None
        else []
    )
    problems = []
    for stylesheet in sorted(folder.rglob("*.css")):
        if outside_problem(stylesheet, project_root) is not None or not stylesheet.is_file():
            continue  # refused when a template includes it
        where = relative_to(stylesheet, project_root)
        text = _without_comments(stylesheet.read_text("utf-8", errors="replace"))
        for number, line in enumerate(text.split("\n"), 1):
            for url in css_urls(line):
                reason = _refused_url(url, publications, project_root)
                if reason is not None:
                    problems.append(
                        Problem(
                            where,
                            f"stylesheet URL {url!r}: {reason}; templates may only use files "
                            "inside the project",
                            number,
                        )
                    )
    return problems


def _refused_url(url: str, publications: Sequence[Path], project_root: Path) -> str | None:
    """Why the renderer would refuse ``url`` in a template's stylesheet, or None."""
    if url.startswith("data:") or "{{" in url or "{%" in url:
        return None  # data, or made by the template: the renderer checks it
    for folder in publications or [project_root]:
        try:
            target = resolve_reference(url, folder, project_root)
        except OutsideProject as error:
            return str(error)
        if target is not None and not target.is_file():
            missing = f"no such file {relative_to(target, project_root).as_posix()}"
            if ":" in url.split("/", 1)[0]:  # file:///...
                return missing
            return f"{missing} (URLs in templates are relative to the publication's folder)"
    return None


def _without_comments(css: str) -> str:
    """CSS with its comments blanked out, lines kept where they were."""
    return re.sub(r"/\*.*?\*/", lambda m: "\n" * m[0].count("\n"), css, flags=re.DOTALL)


def _css_text(translations: gettext.NullTranslations) -> Any:
    """Translated text as a CSS ``content`` value; placeholders become CSS functions.

    ``css_text("Page %(page)s of %(pages)s", page="counter(page)", pages="counter(pages)")``
    gives ``"Page " counter(page) " of " counter(pages)``, in the edition's language.
    """

    def translate(message: str, **functions: str) -> Markup:
        pieces = _PLACEHOLDER.split(translations.gettext(message))
        tokens = []
        for index, piece in enumerate(pieces):
            if index % 2:
                tokens.append(functions[piece])
            elif piece:
                escaped = piece.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
                tokens.append(f'"{escaped}"')
        return Markup(" ".join(tokens) or '""')

    return translate


def _problem(error: BaseException, name: str, project_root: Path) -> Problem:
    """What a person needs to know of a template failure: the file, the line, what to do."""
    if isinstance(error, RefusedTemplate):
        return error.problem
    where, line = _template_frame(error, project_root)
    if isinstance(error, jinja2.TemplateNotFound):
        if any(piece == ".." for piece in str(error.name).split("/")):
            return Problem(
                where,
                f"template {error.name!r} is outside the templates folder; include only "
                "templates in templates/ or the built-in ones",
                line,
            )
        project_dir, builtin_dir = template_dirs(project_root)
        return Problem(
            where,
            f"template {error.name!r} not found; looked in "
            f"{_shown(project_dir, project_root)} (the project's) and "
            f"{builtin_dir} (built-in)",
            line,
        )
    if isinstance(error, jinja2.TemplateSyntaxError):
        shown = _shown(Path(error.filename), project_root) if error.filename else name
        return Problem(shown, f"template syntax error: {error.message}", error.lineno)
    if isinstance(error, EndlessTemplates | RecursionError):
        message = "template error: templates include each other without end"
    elif isinstance(error, TooLarge):
        message = f"template error: {error.message}"
    elif isinstance(error, SecurityError):
        message = (
            f"template error: {str(error.message).rstrip('.')}; templates may print the values "
            "they are given, not reach into Python or read files"
        )
    elif isinstance(error, jinja2.TemplateError):
        message = (
            f"template error: {error.message}; check the variable name against the documented ones"
        )
    elif isinstance(error, KeyError):
        key = error.args[0] if error.args else ""
        message = (
            f"template error: no value for %({key})s in a translated message; give one, "
            f'as in _("...", {key}=...)'
        )
    else:
        message = f"template error: {error or type(error).__name__}"
    return Problem(where or name, message, line)


def _template_frame(error: BaseException, project_root: Path) -> tuple[str | None, int | None]:
    """The innermost template file and line in an exception's traceback."""
    where, line = None, None
    traceback = error.__traceback__
    while traceback is not None:
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".css", ".txt")):
            where, line = _shown(Path(filename), project_root), traceback.tb_lineno
        traceback = traceback.tb_next
    return where, line


def _shown(path: Path, project_root: Path) -> str:
    """A template path as a person should read it: relative to the project if inside it."""
    path = path.resolve()
    if path.is_relative_to(project_root):
        return path.relative_to(project_root).as_posix() + ("/" if path.is_dir() else "")
    return str(path)
