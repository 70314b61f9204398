"""briefing.toml: the project settings, declared as a schema.

Every key is optional and has a default. Unknown keys are errors that list the valid ones,
and every problem in the file is reported at once.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

from ..errors import ConfigError, Problem
from ..files import outside_problem, shortened, unusable_name
from .schema import Option, check_table, key_line, table_line, toml_error_line

CONFIG_NAME = "briefing.toml"
#: The folders of a project: its publications, its own templates, and what builds write
#: (unless told to write elsewhere).
CONTENT_FOLDER, TEMPLATES_FOLDER, BUILD_FOLDER = "content", "templates", "build"

PaperName = Literal["A4", "Letter", "A5", "HalfLetter"]
#: What to do with an edition whose translation is incomplete: leave it out, or print the
#: source text where a translation is missing.
Untranslated = Literal["skip", "source"]

Choice = TypeVar("Choice", bound=str)


def match_choice(value: object, choices: tuple[Choice, ...]) -> Choice:
    """``value`` as spelled in ``choices``, whatever its case (``letter`` is ``Letter``), or
    ValueError listing the choices."""
    if isinstance(value, str):
        for choice in choices:
            if choice.lower() == value.strip().lower():
                return choice
    raise ValueError(f"must be one of {', '.join(choices)}, not {shown_value(value)}")


def shown_value(value: object) -> str:
    """A value read from TOML (or YAML) as a message names it: text quoted, numbers as
    written, anything else by its type ("a list", "a table")."""
    if isinstance(value, str):
        return shortened(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return f"a date or time ({value.isoformat()})"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "a table"
    return f"a {type(value).__name__}"


#: The size of body text on A4, in points; other papers scale it (``Paper.body_pt``).
BODY_PT = 10.5
#: Body text set on one line is this many times its size high.
LINE_HEIGHT = 1.5


@dataclass(frozen=True, slots=True)
class Paper:
    """A paper size, as the templates need it."""

    css: str
    width_mm: float
    height_mm: float

    @property
    def factor(self) -> float:
        """How much smaller than A4 the paper is: margins and fixed sizes scale with it."""
        return round(min(1.0, self.width_mm / 210), 3)

    @property
    def type_factor(self) -> float:
        """Type shrinks less than the paper: 10.5 pt on A4 is about 9.5 pt on A5."""
        return round(float(self.factor**0.3), 3)

    @property
    def body_pt(self) -> float:
        """The size of body text on this paper, before a handout is shrunk to fit."""
        return round(BODY_PT * self.type_factor, 3)


#: Paper sizes a briefing can be printed on. A5 and half Letter suit handouts and booklets.
PAPER_SIZES: Mapping[PaperName, Paper] = {
    "A4": Paper("A4", 210, 297),
    "Letter": Paper("letter", 215.9, 279.4),
    "A5": Paper("A5", 148, 210),
    "HalfLetter": Paper("139.7mm 215.9mm", 139.7, 215.9),
}
PAPER_NAMES: tuple[PaperName, ...] = get_args(PaperName)
UNTRANSLATED: tuple[Untranslated, ...] = get_args(Untranslated)


@dataclass(frozen=True, slots=True)
class Organisation:
    """The organisation block, in the source language, with its words in other languages."""

    name: str = "Your organisation"
    website: str = ""
    email: str = ""
    logo: Path | None = None
    licence: str = "This work is licensed under CC BY 4.0."
    #: Lines of a postal address, printed in the organisation block.
    address: tuple[str, ...] = ()
    #: ``[organisation.<tag>]`` tables: language tag -> the keys it sets.
    languages: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def in_language(self, tag: str) -> Organisation:
        """The organisation as an edition in ``tag`` prints it: each key from the most
        specific table that sets it (``[organisation.pt-BR]``, then ``[organisation.pt]``),
        else from ``[organisation]``."""
        from ..languages.tags import fallback_tags

        values: dict[str, Any] = {}
        for candidate in reversed(fallback_tags(tag)):
            values.update(self.languages.get(candidate, {}))
        return dataclasses.replace(self, languages={}, **values)


@dataclass(frozen=True, slots=True)
class Config:
    root: Path
    organisation: Organisation = field(default_factory=Organisation)
    language: str = "en"
    languages: tuple[str, ...] = ()
    untranslated: Untranslated = "skip"
    paper: PaperName = "A4"
    handout_paper: PaperName | None = None
    handout_min_scale: float = 0.85
    email_budget_mb: float = 2.0
    #: What is not quite right in the settings, though they can be used (warnings).
    problems: tuple[Problem, ...] = ()

    def paper_name(self, kind: str) -> PaperName:
        """The paper an edition of ``kind`` is laid out on."""
        return (self.handout_paper if kind == "handout" else None) or self.paper

    @property
    def editions_languages(self) -> tuple[str, ...]:
        """The languages a build publishes: ``languages``, or else the source language."""
        return self.languages or (self.language,)

    @property
    def content_dir(self) -> Path:
        return self.root / CONTENT_FOLDER

    @property
    def templates_dir(self) -> Path:
        return self.root / TEMPLATES_FOLDER

    @property
    def build_dir(self) -> Path:
        return self.root / BUILD_FOLDER


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(f"must be text in quotes, not {shown_value(value)}")
    return value


def _paper(value: Any) -> PaperName:
    return match_choice(value, PAPER_NAMES)


def _language(value: Any) -> str:
    from ..languages.tags import UnknownLanguage, parse_language

    if not isinstance(value, str):
        raise ValueError(
            f'must be a language tag in quotes, such as "en", not {shown_value(value)}'
        )
    try:
        return parse_language(value).tag
    except UnknownLanguage as error:
        if error.suggestions:
            raise ValueError(str(error)) from None
        raise ValueError(
            f"{value!r} is not a language tag this tool knows; write a BCP 47 tag, such as "
            '"en", "pt-BR" or "zh-Hans"'
        ) from None


def _languages(value: Any) -> tuple[str, ...]:
    example = 'must be a list of language tags in quotes, such as ["en", "fr"]'
    if not isinstance(value, list) or not value:
        raise ValueError(f"{example}, not {shown_value(value)}")
    if wrong := next((item for item in value if not isinstance(item, str)), None):
        raise ValueError(f"{example}, not a list holding {shown_value(wrong)}")
    return tuple(dict.fromkeys(_language(item) for item in value))


def _lines(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(line.strip() for line in value.splitlines() if line.strip())
    if isinstance(value, list) and all(isinstance(line, str) for line in value):
        return tuple(line.strip() for line in value if line.strip())
    raise ValueError('must be a list of lines in quotes, such as ["1 Main Street", "Geneva"]')


def parse_scale(value: Any) -> float:
    """A shrink-to-fit floor: a number from 0.5 to 1 (briefing.toml and handout front matter)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.5 <= value <= 1:
        raise ValueError(f"must be a number from 0.5 to 1, such as 0.85, not {shown_value(value)}")
    return float(value)


def _megabytes(value: Any) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value <= 0
    ):
        raise ValueError(f"must be a number of megabytes, such as 2, not {shown_value(value)}")
    return float(value)


def _untranslated(value: Any) -> Untranslated:
    return match_choice(value, UNTRANSLATED)


TOP_LEVEL = (
    Option("language", 'Language of the source text, as a BCP 47 tag (default "en").', _language),
    Option("languages", "Languages to publish (default: only the source language).", _languages),
    Option(
        "untranslated",
        'An incomplete translation: "skip" its edition (default) or print the source text '
        'for the missing parts ("source").',
        _untranslated,
    ),
    Option("paper", 'Paper size: "A4" (default), "Letter", "A5" or "HalfLetter".', _paper),
    Option("handout_paper", "Paper size of handouts (default: the same as `paper`).", _paper),
    Option(
        "email_budget_mb",
        "Largest size of an email edition, in megabytes (default 2).",
        _megabytes,
    ),
    Option(
        "handout_min_scale",
        "How far a handout may shrink to fit one page, 0.5 to 1 (default 0.85 = 85%).",
        parse_scale,
    ),
)
ORGANISATION = (
    Option("name", "Organisation name printed on the cover, back page and handout.", _text),
    Option("website", "Organisation website, printed on the back page and handout.", _text),
    Option("email", "Contact email address.", _text),
    Option("logo", "Logo image, a path relative to the project folder.", _text),
    Option("licence", "Licence statement printed on the back page.", _text),
    Option("address", "Postal address, a list of lines printed with the website.", _lines),
)
TABLES = {"organisation": ORGANISATION}
#: ``[organisation.<tag>]``: the organisation's words in one language.
LANGUAGE_TABLE = "[organisation.<language>]"


def load_config(root: Path) -> Config:
    """Read ``root/briefing.toml`` (if any) into a :class:`Config`, or raise ConfigError."""
    root = root.resolve()
    path = root / CONFIG_NAME
    if (refused := outside_problem(path, root)) is not None:
        raise ConfigError(refused)
    if not path.is_file():
        return Config(root=root)
    try:
        text = path.read_bytes().decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as error:
        raise ConfigError(
            Problem(CONFIG_NAME, f"is not UTF-8 text ({error.reason}); save it as UTF-8")
        ) from None
    except tomllib.TOMLDecodeError as error:
        line = toml_error_line(str(error))
        raise ConfigError(Problem(CONFIG_NAME, f"not valid TOML: {error}", line)) from None
    return _config_from_data(root, data, text)


def _config_from_data(root: Path, data: Mapping[str, Any], text: str) -> Config:
    problems: list[Problem] = []
    values = check_table(CONFIG_NAME, data, TOP_LEVEL, TABLES, "", problems, text)
    warnings = _spelling_warnings(data, text)
    organisation = Organisation()
    org_data = data.get("organisation", {})
    if isinstance(org_data, Mapping):
        organisation = _organisation(root, org_data, text, problems, warnings)
        warnings += _unused_tables(organisation, values, text)
    else:
        problems.append(
            Problem(
                CONFIG_NAME,
                "organisation must be a table: [organisation]",
                key_line(text, "organisation"),
            )
        )
    if problems:
        raise ConfigError(problems)
    return Config(root=root, organisation=organisation, problems=tuple(warnings), **values)


def _organisation(
    root: Path, data: Mapping[str, Any], text: str, problems: list[Problem], warnings: list[Problem]
) -> Organisation:
    """``[organisation]`` and its ``[organisation.<tag>]`` tables."""
    from ..languages.tags import UnknownLanguage, is_underscored, parse_language

    # A table named like a key (`name = {...}`) is that key of the wrong type, not a language.
    keys = {option.name for option in ORGANISATION}
    tables = {
        key: value for key, value in data.items() if isinstance(value, Mapping) and key not in keys
    }
    main = {key: value for key, value in data.items() if key not in tables}
    values = check_table(
        CONFIG_NAME,
        main,
        ORGANISATION,
        {},
        "organisation.",
        problems,
        text,
        LANGUAGE_TABLE,
        table="organisation",
    )
    _check_logo(root, values, "organisation", text, problems)
    languages: dict[str, dict[str, Any]] = {}
    for name, table in tables.items():
        where = f"organisation.{name}"
        line = table_line(text, where)
        try:
            tag = parse_language(name).tag
        except UnknownLanguage as error:
            hint = (
                f": did you mean [organisation.{error.suggestions[0]}]?"
                if error.suggestions
                else ", such as [organisation.fr]"
            )
            problems.append(
                Problem(
                    CONFIG_NAME,
                    f"[{where}]: {name!r} is not a language tag this tool knows; a table in "
                    f"[organisation] holds its words in one language, named by its tag{hint}",
                    line,
                )
            )
            continue
        if tag in languages:
            problems.append(
                Problem(
                    CONFIG_NAME,
                    f"[{where}]: a second table for {tag}; keep one [organisation.{tag}]",
                    line,
                )
            )
            continue
        if is_underscored(name):
            warnings.append(
                Problem(
                    CONFIG_NAME,
                    f"[{where}]: language tags are written with a hyphen; write "
                    f"[organisation.{tag}]",
                    line,
                    warning=True,
                )
            )
        found = check_table(
            CONFIG_NAME, table, ORGANISATION, {}, f"{where}.", problems, text, table=where
        )
        _check_logo(root, found, where, text, problems)
        languages[tag] = found
    return Organisation(**values, languages=languages)


def _check_logo(
    root: Path, values: dict[str, Any], where: str, text: str, problems: list[Problem]
) -> None:
    """The logo as a path inside the project, or a problem."""
    if "logo" not in values:
        return
    name = values["logo"]
    line = key_line(text, "logo", where)
    if reason := unusable_name(name):
        problems.append(
            Problem(
                CONFIG_NAME,
                f"{where}.logo {shortened(name)}: {reason}; give the path of the logo inside "
                "the project folder",
                line,
            )
        )
        del values["logo"]
        return
    try:
        logo = (root / name).resolve()
        inside, found = logo.is_relative_to(root), logo.is_file()
    except (OSError, RuntimeError) as error:  # a loop of links, a name the system refuses
        cause = getattr(error, "strerror", None) or error
        problems.append(
            Problem(CONFIG_NAME, f"{where}.logo {shortened(name)}: cannot be read ({cause})", line)
        )
        del values["logo"]
        return
    if not inside:
        problems.append(
            Problem(
                CONFIG_NAME,
                f"{where}.logo points outside the project folder; copy the logo into the project",
                line,
            )
        )
    elif not found:
        problems.append(
            Problem(
                CONFIG_NAME,
                f"{where}.logo: no file {values['logo']!r}; check the path (relative to the "
                "project folder)",
                line,
            )
        )
    values["logo"] = logo


def _spelling_warnings(data: Mapping[str, Any], text: str) -> list[Problem]:
    """A warning for each language tag written with underscores (``pt_BR``): it is read as
    its BCP 47 form (``pt-BR``), which is how it should be written."""
    from ..languages.tags import UnknownLanguage, is_underscored, parse_language

    languages = data.get("languages")
    written = [("language", data.get("language"))]
    written += [
        ("languages", value) for value in (languages if isinstance(languages, list) else ())
    ]
    warnings = []
    for key, value in written:
        if not isinstance(value, str) or not is_underscored(value):
            continue
        try:
            tag = parse_language(value).tag
        except UnknownLanguage:
            continue  # an error already
        warnings.append(
            Problem(
                CONFIG_NAME,
                f'{key}: "{value}" is read as "{tag}"; language tags are written with a '
                f'hyphen, so write "{tag}"',
                key_line(text, key),
                warning=True,
            )
        )
    return warnings


def _unused_tables(
    organisation: Organisation, values: Mapping[str, Any], text: str
) -> list[Problem]:
    """A warning for each ``[organisation.<tag>]`` that no edition the project publishes
    prints (no language in ``languages`` is ``tag`` or falls back to it)."""
    from ..languages.tags import fallback_tags

    published = values.get("languages") or (values.get("language", "en"),)
    served = {tag for language in published for tag in fallback_tags(language)}
    return [
        Problem(
            CONFIG_NAME,
            f"[organisation.{tag}] is not printed: the project does not publish in {tag} "
            f'(languages are {", ".join(published)}); add "{tag}" to `languages`, or '
            "remove the table",
            table_line(text, f"organisation.{tag}"),
            warning=True,
        )
        for tag in organisation.languages
        if tag not in served
    ]
