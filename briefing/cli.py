"""The command line: the only module that prints or chooses an exit code."""

from __future__ import annotations

import argparse
import dataclasses
import sys
import traceback
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .config import PAPER_SIZES
from .errors import BriefingError, Problem, UsageError
from .model import KINDS, PROFILES, Project

if TYPE_CHECKING:
    from .build import EditionResult

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
    build.add_argument(
        "--profile",
        choices=PROFILES,
        default="screen",
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
        choices=("2up", "booklet"),
        help="also write handouts two to a sheet (2up) or packs as a folded booklet (booklet)",
    )
    build.add_argument(
        "--paper",
        choices=list(PAPER_SIZES),
        help="paper size for every edition, instead of the project's settings",
    )

    listing = commands.add_parser("list", help="list the editions a build would produce")
    _project_argument(listing)
    _selection_arguments(listing)

    check = commands.add_parser("check", help="check the project without writing PDFs")
    _project_argument(check)

    init = commands.add_parser("init", help="make a new project with a sample publication")
    init.add_argument("dir", type=Path, metavar="DIR", help="folder to create")

    status = commands.add_parser(
        "status", help="show which translations are up to date, stale, missing or orphaned"
    )
    _project_argument(status)
    status.add_argument("--lang", metavar="TAGS", type=_language_list, help="only these languages")
    status.add_argument("--json", action="store_true", help="print JSON for other programs")
    status.add_argument(
        "--diff", action="store_true", help="show what changed in the source of stale files"
    )

    mark = commands.add_parser(
        "mark", help="record that translations are up to date with their sources"
    )
    mark.add_argument(
        "paths",
        type=Path,
        nargs="+",
        metavar="PATH",
        help="translation files, or publication folders (all their translations)",
    )
    mark.add_argument("--lang", metavar="TAGS", type=_language_list, help="only these languages")

    catalogs = commands.add_parser(
        "catalogs", help="extract the interface text and create or update the .po catalogs"
    )
    _project_argument(catalogs)

    email = commands.add_parser(
        "email", help="write a draft email (.eml) with the email edition of a pack attached"
    )
    email.add_argument("slug", metavar="SLUG", help="the publication (its folder in content/)")
    _project_argument(email)
    email.add_argument("--lang", metavar="TAGS", type=_language_list, help="only these languages")
    email.add_argument("--to", metavar="ADDRESS", help="the recipient, if you know it already")

    watch = commands.add_parser(
        "watch", help="rebuild the editions a change affects, every time a file changes"
    )
    _project_argument(watch)
    _selection_arguments(watch)

    doctor = commands.add_parser("doctor", help="check the renderer, libraries and fonts")
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


def _selection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only", metavar="SLUG", help="only this publication")
    parser.add_argument(
        "--lang",
        metavar="TAGS",
        type=_language_list,
        help="only these languages, comma-separated (for example fr,ar)",
    )
    parser.add_argument("--kind", choices=KINDS, help="only packs or only handouts")


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


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
    from .content import load_project
    from .editions import plan_editions
    from .runner import build_editions, default_jobs

    out_dir = (args.out if args.out else args.dir / "build").resolve()
    project = load_project(args.dir, args.only, args.lang, out_dir / ".cache" / "markup")
    if args.paper:
        config = dataclasses.replace(project.config, paper=args.paper, handout_paper=None)
        project = dataclasses.replace(project, config=config)
    kinds = (args.kind,) if args.kind else KINDS
    editions = plan_editions(project, args.only, kinds, args.lang, args.profile)
    from .translations import stale_problems

    problems = [
        p
        for p in [*project.problems, *stale_problems(project, args.lang)]
        if _concerns(p, args.only, args.lang)
    ]
    _print_problems(problems)
    if args.strict and problems:
        print(
            f"build stopped before rendering: {_summary(*_count(problems))} (--strict)",
            file=sys.stderr,
        )
        return EXIT_ERRORS
    results = build_editions(
        project,
        editions,
        out_dir,
        strict=args.strict,
        impose=args.impose,
        jobs=args.jobs or default_jobs(),
    )
    counts, new_problems = report_results(results, len(editions), args.strict, args.impose)
    problems += new_problems
    written, unchanged, skipped, failed = counts
    errors, warnings = _count(problems)
    print(
        f"{written} edition{'s' * (written != 1)} written, "
        + (f"{unchanged} unchanged, " if unchanged else "")
        + (f"{skipped} skipped, " if skipped else "")
        + f"{failed} failed; {_summary(errors, warnings)}"
    )
    return EXIT_ERRORS if errors or failed else EXIT_OK


def report_results(
    results: Iterable[EditionResult], total: int, strict: bool, impose: str | None
) -> tuple[tuple[int, int, int, int], list[Problem]]:
    """Print a line per edition written (with a progress bar on a terminal, for more than a
    few editions); returns the counts written, unchanged, skipped, failed, and the problems."""
    written = unchanged = skipped = failed = 0
    problems: list[Problem] = []
    progress = None
    say = print
    if total > 3 and sys.stdout.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        progress = Progress(
            "{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=True,
        )
        task = progress.add_task("building", total=total)
        progress.start()
        say = progress.console.print
    try:
        for result in results:
            _print_problems(result.problems)
            problems.extend(result.problems)
            if progress is not None:
                progress.update(task, advance=1, description=result.edition.label)
            if result.ok and result.cached:
                unchanged += 1
            elif result.ok:
                written += 1
                scaled = f", shrunk to {result.scale:.0%} to fit" if result.scale < 1 else ""
                say(
                    f"wrote {_display(result.path)}  {result.pages} page"
                    f"{'s' * (result.pages != 1)}, {_size(result.size)}{scaled}"
                )
                if result.imposed is not None:
                    say(f"wrote {_display(result.imposed)}  ({impose})")
            elif result.skipped and not strict:
                skipped += 1
            else:
                failed += 1
                print(f"failed {result.edition.label}", file=sys.stderr)
    finally:
        if progress is not None:
            progress.stop()
    return (written, unchanged, skipped, failed), problems


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
    from .translations import stale_problems, structure_problems

    project = _load(args)
    problems = [*project.problems, *stale_problems(project), *structure_problems(project)]
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


def cmd_status(args: argparse.Namespace) -> int:
    import json

    from .translations import STATES, source_changes, translation_status

    project = _load(args)
    statuses = [s for s in translation_status(project) if not args.lang or s.language in args.lang]
    counts = {state: sum(1 for s in statuses if s.state == state) for state in STATES}
    if args.json:
        print(
            json.dumps(
                {"files": [s.as_dict(project.root) for s in statuses], "counts": counts},
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    for status in statuses:
        print(f"{status.state:<11} {status.language:<8} {_display(status.translation)}")
        if args.diff and status.state == "stale":
            changes = source_changes(project, status)
            if changes is None:
                print("            (the version it was translated from is not in git history)")
            for line in changes or ():
                print(f"            {line}")
    print(", ".join(f"{count} {state}" for state, count in counts.items()))
    return EXIT_OK


def cmd_mark(args: argparse.Namespace) -> int:
    from .translations import mark_up_to_date

    files = []
    for path in args.paths:
        if path.is_dir():
            files += sorted(p for p in path.glob("*.*.md"))
        else:
            files.append(path)
    if args.lang:
        files = [f for f in files if f.name.split(".")[-2] in args.lang]
    if not files:
        raise UsageError("no translation files to mark; give files such as 02-name.fr.md")
    for path in files:
        source, blob = mark_up_to_date(path)
        print(f"marked {_display(path)} as translated from {source.name} ({blob[:12]})")
    return EXIT_OK


def cmd_catalogs(args: argparse.Namespace) -> int:
    from .catalogs import update_catalogs

    project = _load(args)
    for state in update_catalogs(project.root, project.config.editions_languages):
        action = "created" if state.created else "updated"
        todo = f"{state.untranslated} untranslated, {state.fuzzy} fuzzy"
        print(f"{action} {_display(state.path)}: {state.messages} messages, {todo}")
    print(f"wrote {_display(project.root / 'locale' / 'briefing.pot')}")
    return EXIT_OK


def cmd_email(args: argparse.Namespace) -> int:
    from .draft import compose_draft
    from .editions import assemble, plan_editions
    from .files import write_atomic
    from .runner import build_editions

    project = _load(args)
    editions = plan_editions(project, args.slug, ("pack",), args.lang, "email")
    failed = 0
    for result in build_editions(project, editions, project.root / "build"):
        _print_problems(result.problems)
        if not result.ok:
            failed += 1
            continue
        edition = result.edition
        parts = assemble(edition, project.config.language)
        draft = compose_draft(
            project,
            edition,
            parts.meta,
            parts.opening.printed.markup.html,
            result.path.read_bytes(),
            args.to,
        )
        path = result.path.with_name(f"{edition.publication.slug}.eml")
        write_atomic(path, draft)
        print(f"wrote {_display(path)}  (draft, with {_display(result.path)} attached)")
    return EXIT_ERRORS if failed else EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    from .watching import watch_project

    if not args.dir.is_dir():
        raise UsageError(f"{args.dir}: no such folder; give the folder of a briefing project")
    kinds = (args.kind,) if args.kind else KINDS
    print(f"watching {_display(args.dir.resolve())} (Ctrl-C to stop)")
    for round_ in watch_project(args.dir, only=args.only, kinds=kinds, languages=args.lang):
        if round_.changed:
            names = ", ".join(_display(p) for p in round_.changed[:3])
            more = f" and {len(round_.changed) - 3} more" if len(round_.changed) > 3 else ""
            print(f"changed: {names}{more}")
        _print_problems(round_.problems)
        for result in round_.results:
            _print_problems(result.problems)
        for result in round_.rebuilt:
            print(f"rebuilt {_display(result.path)}")
        print(
            f"{len(round_.rebuilt)} of {len(round_.results)} editions rebuilt in "
            f"{round_.seconds:.1f} s"
        )
    return EXIT_OK


def cmd_doctor(args: argparse.Namespace) -> int:
    from .doctor import diagnose

    root = args.dir if (args.dir / "briefing.toml").is_file() else None
    findings = diagnose(root)
    for finding in findings:
        print(f"{'ok ' if finding.ok else 'NO '} {finding.subject}: {finding.detail}")
    failed = sum(1 for f in findings if not f.ok)
    print("everything needed is installed" if not failed else f"{failed} problem(s) found")
    return EXIT_ERRORS if failed else EXIT_OK


COMMANDS = {
    "build": cmd_build,
    "list": cmd_list,
    "check": cmd_check,
    "init": cmd_init,
    "status": cmd_status,
    "mark": cmd_mark,
    "catalogs": cmd_catalogs,
    "email": cmd_email,
    "watch": cmd_watch,
    "doctor": cmd_doctor,
}


def _count(problems: Sequence[Problem]) -> tuple[int, int]:
    unique = {str(p): p for p in problems}.values()
    warnings = sum(1 for p in unique if p.warning)
    return len(unique) - warnings, warnings


def _concerns(problem: Problem, slug: str | None, languages: tuple[str, ...] | None) -> bool:
    """Whether a loading problem matters to a build limited to some publications or languages."""
    from .content import language_of

    if problem.path is None:
        return True
    path = Path(problem.path)
    if slug is not None and path.parts[:1] == ("content",) and path.parts[1:2] != (slug,):
        return False
    language = language_of(path)
    return languages is None or language is None or language in languages


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
