"""briefing: printable briefing packs and one-page handouts from Markdown.

The same build and check the command line runs, for programs::

    import briefing

    report = briefing.build_project(Path("my-briefings"), languages=["en", "fr"])
    for problem in report.all_problems:
        print(problem)

The names below are imported when first used, so ``import briefing`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .build.api import (
        BuildReport,
        CheckReport,
        EmailReport,
        build_project,
        check_project,
        email_project,
        list_editions,
        mark_translations,
        translation_report,
        update_catalogs,
    )
    from .build.edition import EditionResult
    from .build.watch import watch_project
    from .errors import BriefingError, Problem
    from .project.model import Edition

__all__ = [
    "BriefingError",
    "BuildReport",
    "CheckReport",
    "Edition",
    "EditionResult",
    "EmailReport",
    "Problem",
    "__version__",
    "build_project",
    "check_project",
    "email_project",
    "list_editions",
    "mark_translations",
    "translation_report",
    "update_catalogs",
    "watch_project",
]
#: Public name -> the module that defines it.
_EXPORTS = {
    "build_project": "briefing.build.api",
    "check_project": "briefing.build.api",
    "email_project": "briefing.build.api",
    "list_editions": "briefing.build.api",
    "translation_report": "briefing.build.api",
    "mark_translations": "briefing.build.api",
    "update_catalogs": "briefing.build.api",
    "BuildReport": "briefing.build.api",
    "CheckReport": "briefing.build.api",
    "EmailReport": "briefing.build.api",
    "EditionResult": "briefing.build.edition",
    "watch_project": "briefing.build.watch",
    "Edition": "briefing.project.model",
    "BriefingError": "briefing.errors",
    "Problem": "briefing.errors",
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")
