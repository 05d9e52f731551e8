"""Bytes → text: choose an encoding deterministically, and clean the decoded text.

The rule, in order: a byte-order mark; UTF-16 without a mark (recognised by its NUL
pattern); valid UTF-8; cp1252 when the result reads like German (or Western European)
text; charset-normalizer's best guess. Bytes that decode to mostly control characters
are binary data, not text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Non-ASCII characters that German (and other Western European) text uses: letters
# are judged by Unicode; these are the typographic marks cp1252 adds to Latin-1.
_TYPOGRAPHIC = frozenset("„“”‚‘’–—…€§°«»´·•¨¯¸¹²³¼½¾×÷µ¶©®™†‡‰‹›¢£¥¤¦¬±ªº¿¡\u00a0\u00ad")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_UNWANTED = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_BINARY_SHARE = 0.02


class NotText(ValueError):
    """The bytes are binary data; no encoding turns them into readable text."""


def decode_text(raw: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode `raw` and return (text, encoding name). Raises `NotText` for binary data.

    `declared` is an encoding named by the container (an HTML meta tag, a MIME
    charset); it is tried when the bytes are not UTF-8, before guessing.
    """
    found = _by_bom(raw) or _as_bomless_utf16(raw)
    if found is not None:
        return _checked(*found)
    try:
        # Valid UTF-8 beyond ASCII almost never happens by accident, so it wins even over a
        # declaration: pages and mails that declare Latin-1 but hold UTF-8 are common.
        return _checked(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    found = _by_declared(raw, declared)
    if found is not None:
        return _checked(*found)
    cp1252 = _as_western_cp1252(raw)
    if cp1252 is not None:
        return _checked(cp1252, "cp1252")
    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise NotText("no text encoding fits these bytes")
    return _checked(str(best), best.encoding)


def looks_binary(text: str) -> bool:
    """True when control characters make up more than a small share of `text`."""
    if not text:
        return False
    controls = sum(1 for _ in _CONTROL.finditer(text))
    return controls >= 2 and controls > _BINARY_SHARE * len(text)


def normalise(text: str) -> str:
    """`\\n` line ends, form feeds (page breaks) as a blank line, no NUL.

    Other C0 controls, non-characters and lone surrogates are dropped too: XML 1.0
    (RDF/XML, HTML pages) cannot carry them, and they never carry meaning in a document.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    return _UNWANTED.sub("", text)


def valid_codec(name: str | None) -> str | None:
    """The Python codec for an encoding label, or None. Latin-1 labels mean cp1252 (as browsers
    read them), and labels for UTF-16/32 without a byte order are left to sniffing."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    if codec in ("iso8859-1", "ascii"):
        return "cp1252"
    if not codec.startswith("utf") and not _is_text_codec(codec):
        return None
    return codec


def _is_text_codec(codec: str) -> bool:
    # rot13, base64, zlib and friends are codecs too, but no document is "encoded" in them.
    try:
        return isinstance(b"a".decode(codec), str)
    except (LookupError, TypeError, UnicodeDecodeError):
        return False


def _checked(text: str, encoding: str) -> tuple[str, str]:
    if looks_binary(text):
        raise NotText(f"decoded as {encoding}, the bytes are mostly control characters")
    return text, encoding


def _by_bom(raw: bytes) -> tuple[str, str] | None:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), codec.removesuffix("-sig")
            except UnicodeDecodeError:
                return None
    return None


def _by_declared(raw: bytes, declared: str | None) -> tuple[str, str] | None:
    codec = valid_codec(declared)
    if codec is None or codec in ("utf-16", "utf-32"):
        return None
    try:
        return raw.decode(codec), codec
    except (UnicodeDecodeError, LookupError):
        return None


def _as_bomless_utf16(raw: bytes) -> tuple[str, str] | None:
    """Mostly-ASCII UTF-16 has a NUL in every other byte; binary data has NULs everywhere."""
    sample = raw[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.4 and even_nuls < 0.05:
        codec = "utf-16-le"
    elif even_nuls > 0.4 and odd_nuls < 0.05:
        codec = "utf-16-be"
    else:
        return None
    try:
        return raw.decode(codec), codec
    except UnicodeDecodeError:
        return None


def _as_western_cp1252(raw: bytes) -> str | None:
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = [char for char in text if ord(char) > 0x7F]
    plausible = sum(1 for char in non_ascii if char in _TYPOGRAPHIC or _is_latin_letter(char))
    if plausible < 0.9 * len(non_ascii):
        return None
    return text


def _is_latin_letter(char: str) -> bool:
    return char.isalpha() and "LATIN" in unicodedata.name(char, "")
