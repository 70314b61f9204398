"""One function per command: call the API, print what it did, return the exit code."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..build import api
from ..errors import Problem, UsageError, errors_in
from ..files import describe_size
from ..project.model import KINDS
from .output import EXIT_ERRORS, EXIT_OK, Printer, count, plural, shown, summary


def build(args: argparse.Namespace, out: Printer) -> int:
    kinds = (args.kind,) if args.kind else KINDS

    def gathered(problems: Sequence[Problem], total: int) -> None:
        out.problems(problems)
        if not (args.strict and problems):
            out.start_progress(total)

    try:
        report = api.build_project(
            args.dir,
            only=args.only,
            languages=args.lang,
            kinds=kinds,
            profile=args.profile,
            paper=args.paper,
            impose=args.impose,
            jobs=args.jobs,
            strict=args.strict,
            out=args.out,
            on_gathered=gathered,
            on_edition=lambda result: _edition_done(result, out, args.strict),
            on_progress=out.rendering if out.on_terminal else None,
            overview=args.overview,
        )
    finally:
        out.stop_progress()
    problems = report.all_problems
    if report.stopped:
        out.error(f"build stopped before rendering: {summary(problems)} (--strict)")
        return EXIT_ERRORS
    out.problems(report.problems)  # those found after rendering (the overview's)
    if report.overview is not None:
        out.say(f"overview: {shown(report.overview)}")
    parts = [plural(len(report.written), "edition") + " written"]
    if report.unchanged:
        parts.append(f"{len(report.unchanged)} unchanged")
    if report.skipped:
        removed = sum(1 for result in report.skipped if result.removed)
        note = f" ({plural(removed, 'old PDF')} removed)" if removed else ""
        parts.append(f"{len(report.skipped)} skipped{note}")
    parts.append(f"{len(report.failed)} failed; {summary(problems)}")
    print(", ".join(parts))
    return EXIT_OK if report.ok else EXIT_ERRORS


if TYPE_CHECKING:
    from ..build.edition import EditionResult


def _edition_done(result: EditionResult, out: Printer, strict: bool) -> None:
    out.problems(result.problems)
    out.advance(result.edition.label)
    if result.ok and not result.cached:
        scaled = f", shrunk to {result.scale:.0%} to fit" if result.scale < 1 else ""
        pages = plural(result.pages, "page")
        out.say(f"wrote {shown(result.path)}  {pages}, {describe_size(result.size)}{scaled}")
        if result.imposed is not None:
            out.say(f"wrote {shown(result.imposed)}  ({result.edition.impose})")
    for path in result.removed:
        out.say(f"removed {shown(path)}  (not built this time: see above)")
    if not result.ok and not (result.skipped and not strict):
        out.error(f"failed {result.edition.label}")


def listing(args: argparse.Namespace, out: Printer) -> int:
    kinds = (args.kind,) if args.kind else KINDS
    planned = api.list_editions(args.dir, only=args.only, languages=args.lang, kinds=kinds)
    for item in planned.editions:
        edition = item.edition
        note = "  (incomplete translation)" if item.incomplete else ""
        print(
            f"{edition.language:<6} {edition.publication.slug:<24} {edition.kind:<8} "
            f"{shown(item.path)}{note}"
        )
    out.problems(planned.problems)
    return EXIT_ERRORS if errors_in(planned.problems) else EXIT_OK


def check(args: argparse.Namespace, out: Printer) -> int:
    report = api.check_project(args.dir)
    out.problems(report.problems)
    publications = len(report.project.publications)
    print(f"checked {plural(publications, 'publication')}: {summary(report.problems)}")
    return EXIT_ERRORS if count(report.problems)[0] else EXIT_OK


def init(args: argparse.Namespace, out: Printer) -> int:
    from ..project.new import create_project

    for path in create_project(args.dir):
        print(f"created {shown(path)}")
    print(f"next: cd {args.dir} && briefing build")
    return EXIT_OK


def status(args: argparse.Namespace, out: Printer) -> int:
    report = api.translation_report(args.dir, languages=args.lang, diff=args.diff)
    if args.json:
        files = [item.status.as_dict(report.root) for item in report.files]
        print(json.dumps({"files": files, "counts": report.counts}, ensure_ascii=False, indent=2))
        return EXIT_OK
    for item in report.files:
        state = item.status
        print(f"{state.state:<11} {state.language:<8} {shown(state.translation)}")
        if args.diff and state.state == "stale":
            if item.changes is None:
                print("            (the version it was translated from is not in git history)")
            for line in item.changes or ():
                print(f"            {line}")
    print(", ".join(f"{number} {state}" for state, number in report.counts.items()))
    return EXIT_OK


def mark(args: argparse.Namespace, out: Printer) -> int:
    marked = api.mark_translations(args.paths, languages=args.lang)
    if not marked:
        raise UsageError("no translation files to mark; give files such as 02-name.fr.md")
    for path, source, blob in marked:
        print(f"marked {shown(path)} as translated from {source.name} ({blob[:12]})")
    return EXIT_OK


def catalogs(args: argparse.Namespace, out: Printer) -> int:
    from ..languages.catalogs import message_template

    for state in api.update_catalogs(args.dir):
        action = "created" if state.created else "updated"
        todo = f"{state.untranslated} untranslated, {state.fuzzy} fuzzy"
        print(f"{action} {shown(state.path)}: {state.messages} messages, {todo}")
    print(f"wrote {shown(message_template(args.dir.resolve()))}")
    return EXIT_OK


def email(args: argparse.Namespace, out: Printer) -> int:
    report = api.email_project(
        args.dir,
        args.slug,
        languages=args.lang,
        to=args.to,
        on_gathered=lambda problems, _: out.problems(problems),
        on_edition=lambda result: out.problems(result.problems),
    )
    for result, path in report.drafts:
        print(f"wrote {shown(path)}  (draft, with {shown(result.path)} attached)")
    return EXIT_OK if report.build.ok else EXIT_ERRORS


def watch(args: argparse.Namespace, out: Printer) -> int:
    from ..build.watch import watch_project

    if not args.dir.is_dir():
        raise UsageError(f"{args.dir}: no such folder; give the folder of a briefing project")
    kinds = (args.kind,) if args.kind else KINDS
    from ..build.overview import overview_url
    from ..project.settings import BUILD_FOLDER

    print(f"watching {shown(args.dir.resolve())} (Ctrl-C to stop)")
    print(f"overview: {overview_url(args.dir / BUILD_FOLDER)} (reloads itself after each build)")
    for round_ in watch_project(args.dir, only=args.only, kinds=kinds, languages=args.lang):
        if round_.changed:
            names = ", ".join(shown(p) for p in round_.changed[:3])
            more = f" and {len(round_.changed) - 3} more" if len(round_.changed) > 3 else ""
            print(f"changed: {names}{more}")
        out.printed.clear()  # every round says what is still wrong
        out.problems(round_.problems)
        for result in round_.results:
            out.problems(result.problems)
        for result in round_.rebuilt:
            print(f"rebuilt {shown(result.path)}")
        print(
            f"{len(round_.rebuilt)} of {len(round_.results)} editions rebuilt in "
            f"{round_.seconds:.1f} s"
        )
    return EXIT_OK


def doctor(args: argparse.Namespace, out: Printer) -> int:
    from ..build.doctor import diagnose

    root = args.dir if (args.dir / "briefing.toml").is_file() else None
    findings = diagnose(root)
    for finding in findings:
        print(f"{'ok ' if finding.ok else 'NO '} {finding.subject}: {finding.detail}")
    failed = sum(1 for f in findings if not f.ok)
    print("everything needed is installed" if not failed else f"{failed} problem(s) found")
    return EXIT_ERRORS if failed else EXIT_OK


def import_word(args: argparse.Namespace, out: Printer) -> int:
    from ..word.importer import import_publication, import_translation

    if bool(args.lang) != bool(args.into):
        raise UsageError(
            "a translation needs both --lang TAG and --into SLUG (the publication it "
            "translates); a new publication needs neither"
        )
    if args.into and args.slug:
        raise UsageError("--slug names a new publication; leave it out with --into")
    if args.into:
        report = import_translation(args.file, args.dir, args.into, args.lang, force=args.force)
    else:
        report = import_publication(args.file, args.dir, args.slug, force=args.force)
    out.problems(report.problems)
    for path in report.written:
        out.say(f"wrote {shown(path)}")
    # The whole project is checked (a publication with errors is left out of a check of it
    # alone); what is said is what concerns the publication imported into.
    checked = api.check_project(args.dir, languages=[report.language])
    mine = [p for p in checked.problems if _concerns(p, args.dir.resolve(), report.folder)]
    out.problems(mine)
    print(f"imported {shown(args.file)} into {shown(report.folder)}: {summary(mine)}")
    return EXIT_ERRORS if count(mine)[0] else EXIT_OK


def export_word(args: argparse.Namespace, out: Printer) -> int:
    from ..project.load import load_project
    from ..project.naming import split_name
    from ..word.exporter import export_publication

    project = load_project(args.dir.resolve(), only=args.slug)
    statuses = None
    if args.changed:
        report = api.translation_report(args.dir, languages=[args.lang])
        statuses = {
            split_name(item.status.translation)[0]: str(item.status.state)
            for item in report.files
            if item.status.publication == args.slug
        }
    exported = export_publication(
        project,
        args.slug,
        args.lang,
        translated=args.translated,
        changed_only=args.changed,
        statuses=statuses,
    )
    out.problems(exported.problems)
    files = ", ".join(exported.files)
    print(f"wrote {shown(exported.path)}  ({plural(len(exported.files), 'file')}: {files})")
    return EXIT_OK


def _concerns(problem: Problem, root: Path, folder: Path) -> bool:
    """Whether a problem is in a file of the publication in ``folder``, or in one of its
    editions (``fr/slug.pdf``, ``fr/slug-handout.pdf``)."""
    if problem.path is None:
        return False
    path = Path(problem.path)
    if (root / path).resolve().is_relative_to(folder.resolve()):
        return True
    name = path.name
    return (
        len(path.parts) == 2
        and name.endswith(".pdf")
        and (name == f"{folder.name}.pdf" or name.startswith(f"{folder.name}-"))
    )
