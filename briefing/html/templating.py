"""Templates: the built-in ones, overridden file by file by the project's ``templates/``.

Templates translate their fixed words with Jinja's i18n extension (``_()``, ``gettext()``,
``ngettext()``, new style: placeholders are filled in by name), from the edition language's
catalogs; ``css_text()`` does the same for words a stylesheet prints.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..errors import Problem, TemplateError
from ..languages.typography import NBSP, bind_last_words, breakable_address
from ..project.settings import TEMPLATES_FOLDER

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
        if folder.is_dir()
        else ()
    )
    return _environment(project_root, overrides)


@functools.lru_cache(maxsize=8)
def _environment(project_root: Path, overrides: tuple[tuple[str, int], ...]) -> jinja2.Environment:
    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(str(d)) for d in template_dirs(project_root)]
    )
    environment = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    environment.filters["short_url"] = short_url
    environment.filters["address"] = address
    environment.filters["keep_last"] = keep_last
    return environment


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
    becomes a TemplateError naming file and line."""
    environment = make_environment(project_root)
    environment.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    environment.globals["css_text"] = _css_text(translations)
    try:
        return environment.get_template(name).render(context)
    except jinja2.TemplateError as error:
        raise TemplateError(_problem(error, name, project_root)) from None


def check_templates(project_root: Path, names: Sequence[str]) -> list[Problem]:
    """Load (compile) every template a build would use, reporting each broken one."""
    problems = []
    for name in names:
        try:
            make_environment(project_root).get_template(name)
        except jinja2.TemplateError as error:
            problems.append(_problem(error, name, project_root))
    return problems


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


def _problem(error: jinja2.TemplateError, name: str, project_root: Path) -> Problem:
    if isinstance(error, jinja2.TemplateNotFound):
        project_dir, builtin_dir = template_dirs(project_root)
        return Problem(
            None,
            f"template {error.name!r} not found; looked in "
            f"{_shown(project_dir, project_root)} (the project's) and "
            f"{builtin_dir} (built-in)",
        )
    if isinstance(error, jinja2.TemplateSyntaxError):
        shown = _shown(Path(error.filename), project_root) if error.filename else name
        return Problem(shown, f"template syntax error: {error.message}", error.lineno)
    where, line = _template_frame(error, project_root)
    return Problem(
        where or name,
        f"template error: {error.message}; check the variable name against the documented ones",
        line,
    )


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
