"""Templates: the built-in ones, overridden file by file by the project's ``templates/``.

Templates translate their fixed words with Jinja's i18n extension (``_()``, ``gettext()``,
``ngettext()``, new style: placeholders are filled in by name), from the edition language's
catalogs; ``css_text()`` does the same for words a stylesheet prints.

A project's templates may come from anyone (a template pack passed around), so every template
runs in Jinja's sandbox: it can print the values it is given, but not reach Python's insides,
open files or ask for unbounded work; and a project template that leads out of the project
through a symbolic link is not read.
"""

from __future__ import annotations

import functools
import gettext
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from ..errors import Problem, TemplateError, relative_to
from ..files import outside_problem
from ..languages.typography import bind_last_words, breakable_address
from ..project.confine import OutsideProject, resolve_reference
from ..project.markdown_collect import css_urls
from ..project.settings import CONTENT_FOLDER, TEMPLATES_FOLDER

BUILTIN_TEMPLATES = Path(__file__).parent / "templates"
#: The templates of each kind of edition, and of the email that sends one.
PAGE_TEMPLATES = ("pack.html", "handout.html")
EMAIL_TEMPLATES = ("email.txt", "email.html")
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
#: The most a template may ask for at once: characters or items made, a number passed.
MOST = 1_000_000
#: How many times a template may be inside itself, through {% include %} or {% extends %}.
DEEPEST = 20
#: Widths and precisions in a %-format (``%0*d``, ``%(name).9f``) and in a str.format field
#: (``{:>20}``).
_PERCENT_SIZES = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(\*|\d+)?(?:\.(\*|\d+))?")
_FIELD_SIZES = re.compile(r"\{[^{}]*?:[^{}\d]*(\d+)(?:\.(\d+))?")


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
    environment = _Sandbox(
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
    environment.filters = {name: _bounded(f) for name, f in environment.filters.items()}
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


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox (no attributes that start with ``_``, no unsafe calls, ``str.format``
    checked), where a path can be printed but not followed to other files, and no operator,
    call or filter is asked for more than :data:`MOST` of anything."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, PurePath):  # organisation.logo.parent.joinpath(...).read_text()
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def get_template(
        self,
        name: str | jinja2.Template,
        parent: str | None = None,
        globals: Any = None,
    ) -> jinja2.Template:
        # Templates that include each other without end would fail only when Python's stack
        # runs out, after a long time spent passing output up through every level.
        template = super().get_template(name, parent, globals)
        if _times_inside(template) >= DEEPEST:
            raise EndlessTemplates("templates include each other without end")
        return template

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        _check_operands(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(
        __self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any
    ) -> Any:
        _check_numbers([*args, *kwargs.values()])
        formatted = getattr(getattr(__obj, "__wrapped__", None), "__self__", None)
        if isinstance(formatted, str):  # str.format, as the sandbox wraps it
            _check_numbers(
                [int(n) for m in _FIELD_SIZES.finditer(formatted) for n in m.groups() if n]
            )
        return super().call(__context, __obj, *args, **kwargs)


class EndlessTemplates(jinja2.TemplateRuntimeError):
    """Templates that include (or extend) each other without end."""


def _times_inside(template: jinja2.Template) -> int:
    """How many times ``template`` is being rendered, one inside another, on this thread."""
    times, frame = 0, sys._getframe()
    while frame is not None:
        code = frame.f_code
        times += code.co_name == "root" and code.co_filename == template.filename
        frame = frame.f_back  # type: ignore[assignment]
    return times


class TooLarge(SecurityError):
    """A template asked for more than :data:`MOST` of something."""


def _check_numbers(values: Sequence[Any]) -> None:
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MOST:
            raise TooLarge(f"{value} is more than a template may ask for (at most {MOST:,})")


def _check_operands(operator: str, left: Any, right: Any) -> None:
    """Refuse ``x ** y``, ``x * y`` and ``text % values`` whose result would be huge, before
    computing it (``2 ** 100000000``, ``'x' * 10**10``, ``'%0*d' % (10**10, 1)``)."""
    numbers = [v for v in (left, right) if isinstance(v, int) and not isinstance(v, bool)]
    if operator == "**" and len(numbers) == 2 and abs(left) > 1 and right > 0:
        if left.bit_length() * right > 8 * MOST:
            raise TooLarge(f"{left} ** {right} is a larger number than a template may make")
    elif operator == "*" and len(numbers) == 2:
        if left.bit_length() + right.bit_length() > 8 * MOST:
            raise TooLarge("the product is a larger number than a template may make")
    elif operator == "*" and numbers:
        times, items = (left, right) if isinstance(left, int) else (right, left)
        if isinstance(items, str | list | tuple) and len(items) * times > MOST:
            raise TooLarge(
                f"repeating something {times} times makes more than a template may (at most "
                f"{MOST:,} characters or items)"
            )
    elif operator == "%" and isinstance(left, str):
        sizes = [n for match in _PERCENT_SIZES.finditer(left) for n in match.groups() if n]
        values = right if isinstance(right, tuple) else (right,)
        _check_numbers([int(n) for n in sizes if n != "*"])
        if "*" in sizes:
            _check_numbers(values)


def _bounded(function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses numbers over :data:`MOST` among its arguments (a width of
    ``center``, ``indent``, ``format``, a count of ``batch`` or ``slice``): the value it
    filters is not checked."""
    skip = 2 if getattr(function, "jinja_pass_arg", None) is not None else 1

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_numbers([*args[skip:], *kwargs.values()])
        if function.__name__ == "do_format" and args[skip - 1 :]:
            _check_operands("%", str(args[skip - 1]), tuple(args[skip:]) or kwargs)
        return function(*args, **kwargs)

    return bounded


def short_url(url: str) -> str:
    """A web address as printed for people: no scheme, no trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def address(text: str) -> Markup:
    """A web or email address as printed: left to right in any edition, never hyphenated,
    and if it must break across lines, broken only after ``/``, ``.`` or ``@``."""
    return Markup(f'<span class="address" dir="ltr">{escape(breakable_address(text))}</span>')


def keep_last(text: str) -> Markup:
    """A label or title whose last two words stay on one line."""
    escaped = escape(text)  # a translated message is Markup already, and stays as it is
    return Markup(bind_last_words(str(escaped)))


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
