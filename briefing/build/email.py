"""A draft email to send an edition: subject, plain-text and HTML bodies, the PDF attached.

The file is an RFC 5322 message (.eml) marked ``X-Unsent: 1``, so desktop mail programs open
it as a draft, ready to edit and send. Its words come from the templates ``email.txt`` and
``email.html``, filled from the same Markdown as the PDF.
"""

from __future__ import annotations

import hashlib
from email import policy
from email.message import EmailMessage
from email.utils import formataddr
from pathlib import Path

from ..errors import RenderError, relative_to
from ..files import write_atomic, write_failure
from ..html.email import email_bodies
from ..project.model import Edition, Project


def draft_path(edition: Edition, out_dir: Path) -> Path:
    return edition.output_path(out_dir).with_name(f"{edition.publication.slug}.eml")


def compose_draft(project: Project, edition: Edition, pdf: bytes, to: str | None = None) -> bytes:
    """The draft email for an edition, as the bytes of an .eml file, from the organisation
    (its name in the edition's language) when briefing.toml gives its email address."""
    bodies = email_bodies(project, edition)
    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = bodies.subject
    organisation = project.config.organisation.in_language(edition.language)
    if organisation.email:
        message["From"] = formataddr((organisation.name, organisation.email))
    if to:
        message["To"] = to
    message["X-Unsent"] = "1"
    message.set_content(bodies.plain, charset="utf-8")
    message.add_alternative(bodies.html, subtype="html", charset="utf-8")
    message.add_attachment(
        pdf,
        maintype="application",
        subtype="pdf",
        filename=f"{edition.publication.slug}-{edition.language}.pdf",
    )
    message["Content-Language"] = edition.language
    _fix_boundaries(message, pdf)
    return message.as_bytes()


def write_draft(
    project: Project, edition: Edition, pdf_path: Path, out_dir: Path, to: str | None = None
) -> Path:
    """Write the draft email of an edition whose PDF is at ``pdf_path``; returns its path."""
    path = draft_path(edition, out_dir)
    try:
        write_atomic(path, compose_draft(project, edition, pdf_path.read_bytes(), to))
    except OSError as error:
        failure = write_failure(path, error)
        raise RenderError(
            f"{relative_to(failure.where, project.root)}: cannot write the draft {path.name}: "
            f"{failure.cause}; {failure.remedy}, then run `briefing email` again (the PDF "
            "was written)"
        ) from None
    return path


def _fix_boundaries(message: EmailMessage, pdf: bytes) -> None:
    """Boundaries from the content instead of random ones, so the same input gives the same file."""
    digest = hashlib.sha256(pdf).hexdigest()[:24]
    for number, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(f"=_briefing_{digest}_{number}")
