"""E-mail files (.eml) as a chain of messages, written the way pasted e-mail chains look.

Each message, the file's own and every attached (forwarded) one, becomes a header block
(`Von:`, `Gesendet:`, `An:`, `Cc:`, `Betreff:` — the labels of a German mail client)
followed by its body, so one extractor serves saved mails and pasted chains alike. HTML
bodies go through the HTML reader; PDF and text attachments are read and appended.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from datetime import datetime
from email.errors import HeaderParseError, MessageError
from email.message import Message
from pathlib import Path

from councilgraph.errors import ReadError
from ingest.readers.decoding import NotText, decode_text
from ingest.readers.pdf import read_pdf
from ingest.readers.plaintext import binary_data

ENCODING = "mime"

_HEADER_LABELS = (
    ("From", "Von"),
    ("Date", "Gesendet"),
    ("To", "An"),
    ("Cc", "Cc"),
    ("Subject", "Betreff"),
)
_WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
_MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip
_WHITESPACE = re.compile(r"\s+")
_SURROGATES = re.compile("[\udc80-\udcff]")
# Malformed headers can trip the standard library's header parser in several ways.
# the standard library's header parser also fails with AttributeError on some malformed display names
# ("From:.=?utf-8?q?Stadtk=C3=A4mmerei?= <…>"): the raw header is read instead
_HEADER_FAILURES = (HeaderParseError, MessageError, IndexError, ValueError, TypeError, LookupError, AttributeError)


def read_mail(raw: bytes, path: Path) -> tuple[str, str]:
    """Return (text, "mime"): the messages of the file, outermost first."""
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        text = _Chain(path).render(message)
    except RecursionError as exc:
        raise ReadError(str(path), "the e-mail nests its parts too deeply to be read") from exc
    except _HEADER_FAILURES as exc:  # a part header the mail library cannot parse at all
        raise ReadError(
            str(path),
            f"a header of the e-mail cannot be read ({type(exc).__name__}: {exc}); save the message again"
            " from the mail program, or its text as a .txt file",
        ) from exc
    return text, ENCODING


@dataclass
class _Chain:
    path: Path
    blocks: list[str] = field(default_factory=list)

    def render(self, message: Message) -> str:
        pending = [message]
        while pending:
            current = pending.pop(0)
            body: list[str] = []
            attached: list[Message] = []
            self._part(current, body, attached, is_top=True)
            self.blocks.append("\n\n".join(filter(None, [_header_block(current), *body])))
            pending[:0] = attached
        return "\n\n".join(block for block in self.blocks if block.strip())

    def _part(self, part: Message, body: list[str], attached: list[Message], is_top: bool) -> None:
        content_type = part.get_content_type()
        if content_type == "message/rfc822" and not is_top:
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                attached.extend(item for item in inner if isinstance(item, Message))
            return
        if part.is_multipart():
            children = [child for child in _children(part) if isinstance(child, Message)]
            if content_type == "multipart/alternative":
                children = _preferred_alternative(children)
            for child in children:
                self._part(child, body, attached, is_top=False)
            return
        body.extend(filter(None, [self._leaf(part)]))

    def _leaf(self, part: Message) -> str | None:
        content_type = part.get_content_type()
        filename = _filename(part)
        disposition = _disposition(part)
        is_attachment = filename is not None or disposition == "attachment"
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            return None
        name = filename or content_type
        kind = _kind(content_type, filename, payload)
        if kind is None:
            # Logos and signature images are inline; only real attachments are worth a note.
            if disposition == "attachment":
                return f"Anhang: {name} (nicht gelesen: {content_type})"
            return None
        try:
            if kind == "pdf":
                text, _ = read_pdf(payload, self.path)
            elif kind == "html":
                from ingest.readers.html import html_to_text  # the page parser loads where a mail holds a page

                text = html_to_text(_decoded(payload, _charset(part)), self.path)
            else:
                text = _decoded(payload, _charset(part))
        except NotText as exc:
            if not is_attachment:
                raise ReadError(str(self.path), binary_data()) from exc
            return f"Anhang: {name} (nicht lesbar: enthält keinen Text)"
        except ReadError as exc:
            # An unreadable attachment must not cost the mail's own text; say so in place.
            if not is_attachment:
                raise
            return f"Anhang: {name} (nicht lesbar: {exc.reason})"
        text = text.strip("\n")
        return f"Anhang: {name}\n\n{text}" if is_attachment else text


def _kind(content_type: str, filename: str | None, payload: bytes) -> str | None:
    """ "pdf", "html" or "text" for parts we can read (mailers often label files
    application/octet-stream, so the name and the content count too); None otherwise."""
    suffix = Path(filename).suffix.lower() if filename else ""
    if content_type == "application/pdf" or suffix == ".pdf" or payload.startswith(b"%PDF-"):
        return "pdf"
    if content_type == "text/html" or suffix in (".html", ".htm"):
        return "html"
    if content_type in ("text/plain", "text/markdown") or suffix in (".txt", ".text", ".md"):
        return "text"
    return None


def _header_block(message: Message) -> str:
    lines = []
    for header, label in _HEADER_LABELS:
        value = _date(message) if header == "Date" else _header(message, header)
        if value:
            lines.append(f"{label}: {value}")
    return "\n".join(lines)


def _header(message: Message, name: str) -> str | None:
    raw = _raw_header(message, name)
    if raw is not None and _SURROGATES.search(raw):
        # Unencoded 8-bit bytes (old mailers write Latin-1 headers): the parsed value has
        # lost them, the raw one still holds them as surrogate escapes.
        text: str | None = raw
    else:
        try:
            value = message.get(name)
            text = None if value is None else str(value)
        except _HEADER_FAILURES:
            text = raw
    if text is None:
        return None
    return _WHITESPACE.sub(" ", _without_surrogates(text)).strip() or None


def _raw_header(message: Message, name: str) -> str | None:
    for key, value in message.raw_items():
        if key.lower() == name.lower():
            return str(value)
    return None


def _date(message: Message) -> str | None:
    try:
        value = message.get("Date")
        moment = getattr(value, "datetime", None)
    except _HEADER_FAILURES:
        value, moment = _raw_header(message, "Date"), None
    if isinstance(moment, datetime):
        # Written as a German mail client prints it: "Mittwoch, 6. März 2019 14:22:24".
        return (
            f"{_WEEKDAYS[moment.weekday()]}, {moment.day}. {_MONTHS[moment.month - 1]} {moment.year} {moment:%H:%M:%S}"
        )
    if value is None:
        return None
    return _WHITESPACE.sub(" ", _without_surrogates(str(value))).strip() or None


def _decoded(payload: bytes, charset: str | None) -> str:
    return decode_text(payload, charset)[0]


def _children(part: Message) -> list[Message]:
    payload = part.get_payload()
    if not isinstance(payload, list):
        return []
    return [child for child in payload if isinstance(child, Message)]


def _preferred_alternative(children: list[Message]) -> list[Message]:
    """Plain text is the author's own wording; HTML only when there is no plain version."""
    for wanted in ("text/plain", "text/html"):
        for child in children:
            if child.get_content_type() == wanted:
                return [child]
    return children[-1:]


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except _HEADER_FAILURES:
        return None
    if not name:
        return None
    return _WHITESPACE.sub(" ", _without_surrogates(str(name))).strip() or None


def _disposition(part: Message) -> str | None:
    try:
        return part.get_content_disposition()
    except _HEADER_FAILURES:
        return None


def _charset(part: Message) -> str | None:
    try:
        charset = part.get_content_charset()
    except _HEADER_FAILURES:
        return None
    return charset if isinstance(charset, str) else None


def _without_surrogates(text: str) -> str:
    """Header bytes that were not ASCII arrive as surrogate escapes; decode them as text."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    try:
        return decode_text(raw)[0]
    except NotText:
        return raw.decode("utf-8", "replace")
