"""briefing.toml: the project settings, declared as a schema.

Every key is optional and has a default. Unknown keys are errors that list the valid ones,
and every problem in the file is reported at once.
"""

from __future__ import annotations

import datetime
import math
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args

from ..errors import ConfigError, Problem
from ..files import line_of, shortened, unusable_name

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
    name: str = "Your organisation"
    website: str = ""
    email: str = ""
    logo: Path | None = None
    licence: str = "This work is licensed under CC BY 4.0."


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


@dataclass(frozen=True, slots=True)
class Option:
    """One documented key of briefing.toml; ``parse`` returns its value or raises ValueError."""

    name: str
    doc: str
    parse: Callable[[Any], Any]


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
    except UnknownLanguage:
        raise ValueError(
            f'{value!r} is not a language tag this tool knows (try "en", "fr", "zh-Hans")'
        ) from None


def _languages(value: Any) -> tuple[str, ...]:
    example = 'must be a list of language tags in quotes, such as ["en", "fr"]'
    if not isinstance(value, list) or not value:
        raise ValueError(f"{example}, not {shown_value(value)}")
    if wrong := next((item for item in value if not isinstance(item, str)), None):
        raise ValueError(f"{example}, not a list holding {shown_value(wrong)}")
    return tuple(dict.fromkeys(_language(item) for item in value))


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
)
TABLES = {"organisation": ORGANISATION}


def load_config(root: Path) -> Config:
    """Read ``root/briefing.toml`` (if any) into a :class:`Config`, or raise ConfigError."""
    root = root.resolve()
    path = root / CONFIG_NAME
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
        line = _toml_error_line(str(error))
        raise ConfigError(Problem(CONFIG_NAME, f"not valid TOML: {error}", line)) from None
    return _config_from_data(root, data, text)


def _key_line(text: str, key: str) -> int | None:
    """The line that sets ``key`` (``key = ...``, ``"key" = ...``) or opens table ``[key]``."""
    escaped = re.escape(key)
    return line_of(text, re.compile(rf'^\s*(?:{escaped}\s*=|"{escaped}"|\[{escaped}\])'))


def _config_from_data(root: Path, data: Mapping[str, Any], text: str) -> Config:
    problems: list[Problem] = []
    values = _check_table(data, TOP_LEVEL, TABLES, "", problems, text)
    org_values: dict[str, Any] = {}
    org_data = data.get("organisation", {})
    if isinstance(org_data, Mapping):
        org_values = _check_table(org_data, ORGANISATION, {}, "organisation.", problems, text)
    else:
        problems.append(
            Problem(
                CONFIG_NAME,
                "organisation must be a table: [organisation]",
                _key_line(text, "organisation"),
            )
        )
    if "logo" in org_values:
        logo = _logo(root, org_values["logo"], _key_line(text, "logo"), problems)
        if logo is None:
            del org_values["logo"]
        else:
            org_values["logo"] = logo
    if problems:
        raise ConfigError(problems)
    return Config(root=root, organisation=Organisation(**org_values), **values)


def _logo(root: Path, name: str, line: int | None, problems: list[Problem]) -> Path | None:
    """The logo's file, inside the project; None (and a problem) if there is no such file."""
    if reason := unusable_name(name):
        problems.append(
            Problem(
                CONFIG_NAME,
                f"organisation.logo {shortened(name)}: {reason}; give the path of the logo "
                "inside the project folder",
                line,
            )
        )
        return None
    try:
        logo = (root / name).resolve()
        inside, found = logo.is_relative_to(root), logo.is_file()
    except (OSError, RuntimeError) as error:  # a loop of links, a name the system refuses
        cause = getattr(error, "strerror", None) or error
        problems.append(
            Problem(
                CONFIG_NAME, f"organisation.logo {shortened(name)}: cannot be read ({cause})", line
            )
        )
        return None
    if not inside:
        problems.append(
            Problem(
                CONFIG_NAME,
                "organisation.logo points outside the project "
                "folder; copy the logo into the project",
                line,
            )
        )
    elif not found:
        problems.append(
            Problem(
                CONFIG_NAME,
                f"organisation.logo: no file {name!r}; check the path (relative to the project "
                "folder)",
                line,
            )
        )
    return logo


def _check_table(
    data: Mapping[str, Any],
    options: tuple[Option, ...],
    tables: Mapping[str, tuple[Option, ...]],
    prefix: str,
    problems: list[Problem],
    text: str,
) -> dict[str, Any]:
    known = {option.name: option for option in options}
    values = {}
    for key, value in data.items():
        if key in tables:
            continue
        option = known.get(key)
        if option is None:
            valid = sorted([*known, *(f"[{t}]" for t in tables)])
            problems.append(
                Problem(
                    CONFIG_NAME,
                    f"unknown setting {prefix}{key!s}; valid settings here are: {', '.join(valid)}",
                    _key_line(text, key),
                )
            )
            continue
        try:
            values[key] = option.parse(value)
        except (ValueError, TypeError, OverflowError) as complaint:
            # Every parser says what it wants; a wrong type is never let through to fail later.
            problems.append(
                Problem(CONFIG_NAME, f"{prefix}{key} {complaint}", _key_line(text, key))
            )
    return values


def _toml_error_line(message: str) -> int | None:
    marker = "at line "
    if marker in message:
        digits = message.split(marker, 1)[1].split(",", 1)[0].strip(" )")
        if digits.isdigit():
            return int(digits)
    return None
