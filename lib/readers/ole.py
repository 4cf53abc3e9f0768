"""OLE2 compound files (the container of .xls, .doc, .et, .wps): what is inside, and its streams.

An old binary Office file is a small FAT file system; its kind is told by the streams it holds,
whatever the file's name: ``Workbook`` (or Excel 5's ``Book``) is a workbook, ``WordDocument`` a
Word document, ``EncryptionInfo``/``EncryptedPackage`` a password-protected .docx/.xlsx.

olefile parses the container. Before a stream is read its declared size is checked against the
file's own size (a compound file is not compressed, so no real stream is larger than the file),
and its chain of sectors is walked: one that loops back on itself or leaves the file is refused
(olefile would read round the loop up to the declared size and hand back a garbled stream).
"""

from __future__ import annotations

import io
import logging

import olefile

from lib.errors import FormError

XLS, DOC, ENCRYPTED = "xls", "doc", "encrypted"
_WORKBOOK_STREAMS = ("Workbook", "Book")
_KINDS = (
    (("EncryptionInfo", "EncryptedPackage"), ENCRYPTED),
    (_WORKBOOK_STREAMS, XLS),
    (("WordDocument",), DOC),
)
logging.getLogger("olefile").setLevel(logging.CRITICAL)  # its defects become our FormError instead


def open_ole(data: bytes, source: str) -> olefile.OleFileIO:
    """The compound file, its directory read; FormError when it is damaged."""
    try:
        return olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    except Exception as error:  # noqa: BLE001 - olefile raises OSError, ValueError, IndexError…
        raise FormError(source, "ole_damaged", detail=_detail(error)) from None


def ole_kind(data: bytes, source: str) -> str:
    """``xls``, ``doc`` or ``encrypted``, from the streams in the file; FormError for anything else."""
    with open_ole(data, source) as ole:
        for names, kind in _KINDS:
            if any(ole.exists(name) for name in names):
                return kind
    raise FormError(source, "ole_not_office")


def read_stream(ole: olefile.OleFileIO, name: str, size_limit: int, source: str) -> bytes:
    """One stream's bytes, once its declared size is no larger than ``size_limit``."""
    try:
        declared = ole.get_size(name)
        if declared > size_limit:
            raise FormError(
                source,
                "ole_stream_too_large",
                name=name,
                declared_mb=declared / 1048576,
                size_mb=size_limit / 1048576,
            )
        _check_chain(ole, ole.direntries[ole._find(name)], name, source)  # noqa: SLF001
        with ole.openstream(name) as stream:
            return stream.read()
    except FormError:
        raise
    except Exception as error:  # noqa: BLE001 - olefile's errors on a broken sector chain
        raise FormError(source, "ole_damaged", detail=_detail(error)) from None


def _check_chain(
    ole: olefile.OleFileIO, entry: olefile.olefile.OleDirectoryEntry, name: str, source: str
) -> None:
    """Refuse a stream whose sectors (or the mini stream holding it) loop or point outside the file."""
    if entry.size >= ole.minisectorcutoff:
        _walk(ole.fat, entry.isectStart, entry.size, ole.sectorsize, name, source)
        return
    _walk(ole.fat, ole.root.isectStart, ole.root.size, ole.sectorsize, name, source)
    if ole.minifat is None:
        ole.loadminifat()
    _walk(ole.minifat, entry.isectStart, entry.size, ole.minisectorsize, name, source)


def _walk(table: list[int], sector: int, size: int, sector_size: int, name: str, source: str) -> None:
    seen: set[int] = set()
    for _ in range(-(-size // sector_size)):
        if sector in seen:
            raise FormError(source, "ole_chain_loop", name=name)
        if not 0 <= sector < len(table):
            raise FormError(source, "ole_chain_outside", name=name)
        seen.add(sector)
        sector = table[sector]


def workbook_stream(data: bytes, source: str) -> bytes:
    """The BIFF records of an .xls/.et (the ``Workbook`` stream, ``Book`` in Excel 5 files)."""
    with open_ole(data, source) as ole:
        name = next(name for name in _WORKBOOK_STREAMS if ole.exists(name))
        return read_stream(ole, name, len(data), source)


def _detail(error: BaseException) -> str:
    return str(error).strip()[:160] or type(error).__name__
