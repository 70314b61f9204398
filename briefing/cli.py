"""The command line: the only module that prints or chooses an exit code."""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import BriefingError, Problem
from .model import KINDS, Project

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Printable briefing packs and one-page handouts from Markdown."
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show a full traceback when something goes wrong"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="build the PDFs of a project")
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

    listing = commands.add_parser("list", help="list the editions a build would produce")
    _project_argument(listing)
    _selection_arguments(listing)

    check = commands.add_parser("check", help="check the project without writing PDFs")
    _project_argument(check)

    init = commands.add_parser("init", help="make a new project with a sample publication")
    init.add_argument("dir", type=Path, metavar="DIR", help="folder to create")
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


def _selection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only", metavar="SLUG", help="only this publication")
    parser.add_argument(
        "--lang",
        metavar="TAGS",
        type=_language_list,
        help="only these languages, comma-separated (for example fr,ar)",
    )
    parser.add_argument("--kind", choices=KINDS, help="only packs or only handouts")


def _language_list(value: str) -> tuple[str, ...]:
    from .i18n import UnknownLanguage, parse_language

    try:
        return tuple(parse_language(tag).tag for tag in value.split(",") if tag.strip())
    except UnknownLanguage as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except BriefingError as error:
        _print_problems(error.problems)
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


def _print_problems(problems: Sequence[Problem]) -> None:
    seen = set()
    for problem in problems:
        text = str(problem)
        if text not in seen:
            seen.add(text)
            print(text if problem.path is not None else f"briefing: {text}", file=sys.stderr)


def _summary(errors: int, warnings: int) -> str:
    parts = [f"{errors} error{'s' * (errors != 1)}"]
    if warnings:
        parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
    return ", ".join(parts)


def _load(args: argparse.Namespace) -> Project:
    from .content import load_project

    return load_project(args.dir)


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_editions
    from .editions import plan_editions

    project = _load(args)
    kinds = (args.kind,) if args.kind else KINDS
    editions = plan_editions(project, args.only, kinds, args.lang)
    if args.only:
        problems = [p for p in project.problems if _concerns(p, args.only)]
    else:
        problems = list(project.problems)
    _print_problems(problems)
    if args.strict and problems:
        print(
            f"build stopped before rendering: {_summary(*_count(problems))} (--strict)",
            file=sys.stderr,
        )
        return EXIT_ERRORS
    out_dir = (args.out if args.out else project.root / "build").resolve()
    written = failed = skipped = 0
    for result in build_editions(project, editions, out_dir, strict=args.strict):
        _print_problems(result.problems)
        problems.extend(result.problems)
        if result.ok:
            written += 1
            print(
                f"wrote {_display(result.path)}  {result.pages} page"
                f"{'s' * (result.pages != 1)}, {_size(result.size)}"
            )
        elif result.skipped and not args.strict:
            skipped += 1
        else:
            failed += 1
            print(f"failed {result.edition.label}", file=sys.stderr)
    errors, warnings = _count(problems)
    print(
        f"{written} edition{'s' * (written != 1)} written, "
        + (f"{skipped} skipped, " if skipped else "")
        + f"{failed} failed; {_summary(errors, warnings)}"
    )
    return EXIT_ERRORS if errors or failed else EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from .editions import incomplete, plan_editions

    project = _load(args)
    kinds = (args.kind,) if args.kind else KINDS
    out_dir = project.root / "build"
    for edition in plan_editions(project, args.only, kinds, args.lang):
        note = "  (incomplete translation)" if incomplete(project, edition) else ""
        print(
            f"{edition.language:<6} {edition.publication.slug:<24} {edition.kind:<8} "
            f"{_display(edition.output_path(out_dir))}{note}"
        )
    _print_problems(project.problems)
    return EXIT_ERRORS if project.errors else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from .editions import edition_html, incomplete, plan_editions
    from .templating import check_templates

    project = _load(args)
    problems = list(project.problems)
    problems += check_templates(project.root, tuple(f"{kind}.html" for kind in KINDS))
    if not any(not p.warning for p in problems):
        for edition in plan_editions(project):
            if incomplete(project, edition) is not None:
                continue
            try:
                edition_html(project, edition)
            except BriefingError as error:
                problems.extend(error.problems)
    _print_problems(problems)
    errors, warnings = _count(problems)
    count = len(project.publications)
    print(f"checked {count} publication{'s' * (count != 1)}: {_summary(errors, warnings)}")
    return EXIT_ERRORS if errors else EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from .newproject import create_project

    for path in create_project(args.dir):
        print(f"created {_display(path)}")
    print(f"next: cd {args.dir} && briefing build")
    return EXIT_OK


COMMANDS = {"build": cmd_build, "list": cmd_list, "check": cmd_check, "init": cmd_init}


def _count(problems: Sequence[Problem]) -> tuple[int, int]:
    unique = {str(p): p for p in problems}.values()
    warnings = sum(1 for p in unique if p.warning)
    return len(unique) - warnings, warnings


def _concerns(problem: Problem, slug: str) -> bool:
    """Whether a loading problem matters to a build limited to one publication."""
    path = Path(problem.path) if problem.path is not None else None
    return path is None or path.parts[:2] == ("content", slug) or path.parts[:1] != ("content",)


def _display(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _size(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1048576:.1f} MB"


if __name__ == "__main__":
    run()
