"""A draft email to send an edition: subject, plain-text and HTML bodies, the PDF attached.

The file is an RFC 5322 message (.eml) marked ``X-Unsent: 1``, so desktop mail programs open
it as a draft, ready to edit and send. Its words come from the same Markdown as the PDF.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser

from .i18n import parse_language, ui_translations
from .markup import plain_text
from .model import Edition, Project, PublicationMeta


@dataclass(frozen=True, slots=True)
class KeyMessages:
    """The first ``!!! key`` call-out of a text: its title and its points, as text and HTML."""

    title: str
    points: tuple[str, ...]
    html: str


def compose_draft(
    project: Project,
    edition: Edition,
    meta: PublicationMeta,
    opening_html: str,
    pdf: bytes,
    to: str | None = None,
) -> bytes:
    """The draft email for an edition, as the bytes of an .eml file."""
    language = parse_language(edition.language)
    translations = ui_translations(project.root, language)
    organisation = project.config.organisation
    key = key_messages(opening_html)
    find_it = translations.gettext("Find the full briefing at")

    lines = [meta.title]
    if meta.subtitle:
        lines.append(meta.subtitle)
    lines.append("")
    if meta.summary:
        lines += [meta.summary, ""]
    if key is not None:
        lines += [key.title, *(f"- {point}" for point in key.points), ""]
    if meta.url:
        lines += [f"{find_it} {meta.url}", ""]
    lines += [
        line for line in (organisation.name, organisation.website, organisation.email) if line
    ]

    e = html.escape
    parts = [f"<h1>{e(meta.title)}</h1>"]
    if meta.subtitle:
        parts.append(f"<p><em>{e(meta.subtitle)}</em></p>")
    if meta.summary:
        parts.append(f"<p>{e(meta.summary)}</p>")
    if key is not None:
        parts.append(f"<h2>{e(key.title)}</h2>{key.html}")
    if meta.url:
        parts.append(f'<p>{e(find_it)} <a href="{e(meta.url)}">{e(meta.url)}</a></p>')
    parts.append(f"<p>{e(organisation.name)}</p>")
    body_html = (
        f'<!DOCTYPE html><html lang="{language.tag}" dir="{language.direction}"><head>'
        f'<meta charset="utf-8"><title>{e(meta.title)}</title></head><body>'
        + "".join(parts)
        + "</body></html>\n"
    )

    message = EmailMessage(policy=policy.SMTP)
    message["Subject"] = meta.title
    if to:
        message["To"] = to
    message["X-Unsent"] = "1"
    message.set_content("\n".join(lines) + "\n", charset="utf-8")
    message.add_alternative(body_html, subtype="html", charset="utf-8")
    message.add_attachment(
        pdf,
        maintype="application",
        subtype="pdf",
        filename=f"{edition.publication.slug}-{edition.language}.pdf",
    )
    message["Content-Language"] = language.tag
    _fix_boundaries(message, pdf)
    return message.as_bytes()


def _fix_boundaries(message: EmailMessage, pdf: bytes) -> None:
    """Boundaries from the content instead of random ones, so the same input gives the same file."""
    digest = hashlib.sha256(pdf).hexdigest()[:24]
    for number, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(f"=_briefing_{digest}_{number}")


class _KeyFinder(HTMLParser):
    """Finds the first ``<div class="admonition key">`` and the items of its list."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.title: list[str] = []
        self.items: list[list[str]] = []
        self.raw: list[str] = []
        self.in_title = False
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.done:
            return
        if self.depth == 0:
            if tag == "div" and {"admonition", "key"} <= set(classes):
                self.depth = 1
            return
        if tag == "div":
            self.depth += 1
        self.in_title = tag == "p" and "admonition-title" in classes
        if tag == "li":
            self.items.append([])
        if not self.in_title:
            self.raw.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0 or self.done:
            return
        if tag == "div":
            self.depth -= 1
            if self.depth == 0:
                self.done = True
                return
        if self.in_title and tag == "p":
            self.in_title = False
            return
        self.raw.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self._text(data)

    def handle_entityref(self, name: str) -> None:
        self._text(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._text(f"&#{name};")

    def _text(self, data: str) -> None:
        if self.depth == 0 or self.done:
            return
        if self.in_title:
            self.title.append(data)
            return
        self.raw.append(data)
        if self.items:
            self.items[-1].append(data)


def key_messages(fragment: str) -> KeyMessages | None:
    """The key messages of an HTML fragment made from Markdown, if it has a ``!!! key`` box."""
    finder = _KeyFinder()
    finder.feed(fragment)
    finder.close()
    if not finder.done:
        return None
    points = tuple(plain_text("".join(item)) for item in finder.items)
    return KeyMessages(plain_text("".join(finder.title)), points, "".join(finder.raw).strip())
