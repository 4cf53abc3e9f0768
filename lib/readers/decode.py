"""Bytes of a text export → text, with the encoding detected from the content.

Chinese government exports come as UTF-8 (with or without BOM), GB18030/GBK and UTF-16.
The file name never decides; the bytes do.
"""

from __future__ import annotations

import codecs
import re

from lib.errors import FormError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PLAUSIBLE = re.compile(
    r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\t\n\r\x20-\x7e\u00b7\u2010-\u2027\u2030-\u206f≥≤]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_text(data: bytes, source: str) -> str:
    """The text of a text export; FormError when it is empty, binary or not Chinese text."""
    if not data.strip():
        raise FormError(source, "empty")
    try:
        text = _decode(data, source)
    except FormError:
        if _looks_binary(data):
            raise FormError(source, "binary") from None
        raise
    if len(_CONTROL.findall(text[:20000])) > 10:
        raise FormError(source, "binary")
    if not _CJK.search(text):
        raise FormError(source, "no_chinese")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, source: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, source)
    if _looks_utf16(data):
        return _strict(
            data, "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be", source
        )
    chinese_utf16 = _chinese_utf16(data)
    if chinese_utf16 is not None:
        return chinese_utf16
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FormError(source, "unknown_encoding")


def _looks_binary(data: bytes) -> bool:
    sample = data[:20000]
    return sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) // 100


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of ASCII-heavy text is zero."""
    sample = data[:4000]
    return len(sample) >= 4 and sample.count(0) > len(sample) // 4


def _chinese_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM whose text is mostly Chinese (few zero bytes): the decoding whose
    characters are nearly all CJK, ASCII or CJK punctuation, when exactly one of LE/BE gives it.

    UTF-8 or GB18030 bytes read as UTF-16 give code points scattered over the whole plane,
    so they never pass; a file that decodes as UTF-8 is never tried.
    """
    if len(data) % 2 or _decodes(data, "utf-8"):
        return None
    found = [
        text
        for encoding in ("utf-16-le", "utf-16-be")
        if (text := _decodes(data, encoding)) is not None and _plausible_share(text[:4000]) > 0.95
    ]
    return found[0] if len(found) == 1 else None


def _decodes(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _plausible_share(text: str) -> float:
    """Share of characters a Chinese form is written in."""
    return len(_PLAUSIBLE.findall(text)) / max(len(text), 1)


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise FormError(
            source, "bad_encoding", encoding=encoding, detail=error.reason, at=error.start
        ) from None
