"""The command line: parses arguments, calls the API, prints, and chooses the exit code.

The only part of briefing that prints or exits.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from .. import __version__
from ..errors import BriefingError
from ..project.model import IMPOSITIONS, KINDS, PROFILES
from ..project.settings import PAPER_NAMES, match_choice
from . import commands
from .output import EXIT_ERRORS, EXIT_USAGE, Printer, escaping_output

Choice = TypeVar("Choice", bound=str)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Printable briefing packs and one-page handouts from Markdown."
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show a full traceback when something goes wrong"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = subparsers.add_parser("build", help="build the PDFs of a project")
    _project_argument(build)
    _selection_arguments(build)
    build.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings as errors and stop at the first failed edition",
    )
    build.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="write the PDFs here instead of the project's build/ folder",
    )
    build.add_argument(
        "--profile",
        type=_choice(PROFILES),
        default="screen",
        metavar="|".join(PROFILES),
        help="screen (default, tagged for screen readers), print (bleed and crop marks), email "
        "(small, under a size budget) or archive (PDF/A-3u with its sources); written as "
        "<name>-<profile>.pdf except screen",
    )
    build.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="render on N processes at once (default: the number of cores)",
    )
    build.add_argument(
        "--impose",
        type=_choice(IMPOSITIONS),
        metavar="|".join(IMPOSITIONS),
        help="also write handouts two to a sheet (2up) or packs as a folded booklet (booklet)",
    )
    build.add_argument(
        "--paper",
        type=_choice(PAPER_NAMES),
        metavar="|".join(PAPER_NAMES),
        help="paper size for every edition, instead of the project's settings",
    )

    build.add_argument(
        "--no-overview",
        dest="overview",
        action="store_false",
        help="do not write the overview page (build/index.html) and its thumbnails",
    )

    listing = subparsers.add_parser("list", help="list the editions a build would produce")
    _project_argument(listing)
    _selection_arguments(listing)

    check = subparsers.add_parser("check", help="check the project without writing PDFs")
    _project_argument(check)

    init = subparsers.add_parser("init", help="make a new project with a sample publication")
    init.add_argument("dir", type=Path, metavar="DIR", help="folder to create")

    status = subparsers.add_parser(
        "status",
        help="show which translations are up to date, stale, not marked, missing or orphaned",
    )
    _project_argument(status)
    _languages_argument(status)
    status.add_argument("--json", action="store_true", help="print JSON for other programs")
    status.add_argument(
        "--diff", action="store_true", help="show what changed in the source of stale files"
    )

    mark = subparsers.add_parser(
        "mark", help="record that translations are up to date with their sources"
    )
    mark.add_argument(
        "paths",
        type=Path,
        nargs="+",
        metavar="PATH",
        help="translation files, or publication folders (all their translations)",
    )
    _languages_argument(mark)

    catalogs = subparsers.add_parser(
        "catalogs", help="extract the interface text and create or update the .po catalogs"
    )
    _project_argument(catalogs)

    email = subparsers.add_parser(
        "email", help="write a draft email (.eml) with the email edition of a pack attached"
    )
    email.add_argument("slug", metavar="SLUG", help="the publication (its folder in content/)")
    _project_argument(email)
    _languages_argument(email)
    email.add_argument("--to", metavar="ADDRESS", help="the recipient, if you know it already")

    watch = subparsers.add_parser(
        "watch", help="rebuild the editions a change affects, every time a file changes"
    )
    _project_argument(watch)
    _selection_arguments(watch)

    word_in = subparsers.add_parser(
        "import", help="make a publication, or the translation of one, from a Word file"
    )
    word_in.add_argument("file", type=Path, metavar="FILE.docx", help="the Word file")
    _project_argument(word_in)
    word_in.add_argument(
        "--slug", metavar="NAME", help="the new publication's folder name in content/"
    )
    word_in.add_argument(
        "--lang", metavar="TAG", help="the language of a translation (with --into)"
    )
    word_in.add_argument(
        "--into", metavar="SLUG", help="the publication the Word file translates (with --lang)"
    )
    word_in.add_argument("--force", action="store_true", help="replace files that exist and differ")

    word_out = subparsers.add_parser(
        "export", help="write a publication's text as a Word file, for a translator"
    )
    word_out.add_argument("slug", metavar="SLUG", help="the publication (its folder in content/)")
    _project_argument(word_out)
    word_out.add_argument(
        "--lang", metavar="TAG", required=True, help="the language it is to be translated into"
    )
    word_out.add_argument(
        "--format", choices=("docx",), default="docx", help="the file's format (docx)"
    )
    word_out.add_argument(
        "--changed",
        action="store_true",
        help="only the files whose translation is stale or missing",
    )
    word_out.add_argument(
        "--translated",
        action="store_true",
        help="the language's current translation, for a reviewer, instead of the source text",
    )

    doctor = subparsers.add_parser("doctor", help="check the renderer, libraries and fonts")
    _project_argument(doctor)
    return parser


def _project_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dir",
        type=Path,
        nargs="?",
        default=Path("."),
        metavar="DIR",
        help="the project folder (default: the current folder)",
    )


def _languages_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        metavar="TAGS",
        type=_language_list,
        help="only these languages, comma-separated (for example fr,ar)",
    )


def _selection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only", metavar="SLUG", help="only this publication")
    _languages_argument(parser)
    parser.add_argument(
        "--kind",
        type=_choice(KINDS),
        metavar="|".join(KINDS),
        help="only packs or only handouts",
    )


def _choice(choices: tuple[Choice, ...]) -> Callable[[str], Choice]:
    """An argument type that takes one of ``choices``, whatever its case."""

    def parse(value: str) -> Choice:
        try:
            return match_choice(value, choices)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parse


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


def _language_list(value: str) -> tuple[str, ...]:
    """Language tags, comma-separated; the API checks them (it knows the languages)."""
    return tuple(tag.strip() for tag in value.split(",") if tag.strip())


COMMANDS: dict[str, Callable[[argparse.Namespace, Printer], int]] = {
    "build": commands.build,
    "list": commands.listing,
    "check": commands.check,
    "init": commands.init,
    "status": commands.status,
    "mark": commands.mark,
    "catalogs": commands.catalogs,
    "email": commands.email,
    "watch": commands.watch,
    "doctor": commands.doctor,
    "import": commands.import_word,
    "export": commands.export_word,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    with escaping_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    printer = Printer()
    try:
        return COMMANDS[args.command](args, printer)
    except BriefingError as error:
        printer.problems(error.problems)
        if args.debug:
            traceback.print_exc()
        return error.exit_code
    except KeyboardInterrupt:
        print(
            "briefing: interrupted; files already written are complete, no partial files were left",
            file=sys.stderr,
        )
        return 130
    except Exception:
        if args.debug:
            raise
        print(
            f"briefing: internal error: {sys.exc_info()[1]!r}; run again with --debug and "
            "report the traceback",
            file=sys.stderr,
        )
        return EXIT_ERRORS


def run() -> None:
    """Console entry point."""
    sys.exit(main())
