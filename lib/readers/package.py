"""What a file is, told from its bytes, and the checks made before an Office file is opened.

The kind comes from the content, never the file name: a zip holding ``word/document.xml`` is a
.docx, one holding ``xl/workbook.xml`` a .xlsx/.xlsm (Kingsoft's .wps/.et too when they are
zips); an OLE2 compound file is told by its streams (:mod:`ole`): an old binary .xls/.et, a
.doc/.wps, or a password-protected .docx/.xlsx (refused); ``%PDF`` is a PDF; anything else is text.

Zip bombs are refused from the zip directory alone, before anything is inflated: the declared
uncompressed size of all members and the compression ratio must stay within the settings
``max_unzipped_mb`` and ``max_zip_ratio``. Python's zipfile never inflates a member past its
declared size (it stops there and fails the CRC), so the declared sizes bound what python-docx
and the readers can unpack afterwards.

The XML parts of a .docx or .xlsx are parsed here (:func:`xml_part`, :func:`iter_xml_part`) with
lxml, entities never resolved, nothing fetched from the network, no huge trees; a part that
declares an entity (a "billion laughs" bomb) is refused as defusedxml refused it
(``xml_entities``).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from defusedxml import DefusedXmlException
from lxml import etree

from lib import settings
from lib.errors import FormError
from lib.readers import ole

_ZIP = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MEMBERS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}
TEXT, DOCX, XLSX, PDF, XLS, DOC = "text", "docx", "xlsx", "pdf", ole.XLS, ole.DOC


def sniff(data: bytes, source: str) -> str:
    """``text``, ``docx``, ``xlsx``, ``pdf``, ``xls`` or ``doc``; FormError for files refused outright."""
    if data.startswith((_ZIP, _EMPTY_ZIP)):
        return _office_kind(data, source)
    if data.startswith(_OLE):
        return _ole_kind(data, source)
    if data.lstrip(b"\x00\t\n\r ").startswith(b"%PDF"):
        return PDF
    return TEXT


def _ole_kind(data: bytes, source: str) -> str:
    """Encrypted OOXML is wrapped in OLE2 with EncryptionInfo and EncryptedPackage streams."""
    kind = ole.ole_kind(data, source)
    if kind == ole.ENCRYPTED:
        raise FormError(source, "encrypted", program="Word/Excel")
    return kind


def _office_kind(data: bytes, source: str) -> str:
    archive = open_zip(data, source)
    names = set(archive.namelist())
    for member, kind in _MEMBERS.items():
        if member in names:
            return kind
    raise FormError(source, "zip_not_office")


def open_zip(data: bytes, source: str) -> zipfile.ZipFile:
    """The archive, once its directory shows it is complete and no zip bomb."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise FormError(source, "zip_damaged", detail=str(error)) from None
    check_sizes(infos, len(data), source)
    return archive


def check_sizes(infos: list[zipfile.ZipInfo], packed_bytes: int, source: str) -> None:
    """Refuse an archive whose declared contents are too many, too large or too compressed."""
    most = int(settings.get("max_zip_entries"))
    if len(infos) > most:
        raise FormError(source, "zip_too_many_parts", count=len(infos), limit=most)
    unpacked = sum(info.file_size for info in infos)
    limit_mb = settings.get("max_unzipped_mb")
    if unpacked > limit_mb * 1024 * 1024:
        raise FormError(source, "zip_too_large", unpacked_mb=unpacked / 1048576, limit_mb=limit_mb)
    ratio = unpacked / max(packed_bytes, 1)
    if ratio > settings.get("max_zip_ratio"):
        raise FormError(source, "zip_ratio", ratio=ratio, limit=settings.get("max_zip_ratio"))


_CHUNK, _OVERLAP = 1 << 20, 256  # the overlap is longer than any tag counted


def count_tags(stream: io.BufferedIOBase, pattern: re.Pattern[bytes], most: int) -> int:
    """How many times ``pattern`` occurs in the XML stream, read in chunks, stopping past ``most``:
    a part is measured before any parser builds it (a tree of 7 million paragraphs takes GBs)."""
    count, tail = 0, b""
    while count <= most:
        chunk = stream.read(_CHUNK)
        data = tail + chunk
        cut = len(data) if not chunk else max(len(data) - _OVERLAP, 0)  # a tag may straddle chunks
        count += sum(1 for match in pattern.finditer(data) if match.start() < cut)
        if not chunk:
            break
        tail = data[cut:]
    return count


class EntityDeclared(ValueError):
    """An XML part declares entities: refused, as defusedxml refuses them."""


_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False}
PARSER = etree.XMLParser(**_PARSER_OPTIONS)
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"


def xml_part(archive: zipfile.ZipFile, partname: str, parser: etree.XMLParser = PARSER) -> etree._Element:
    """A part's XML tree (``partname`` as the package names it, with its leading ``/``);
    KeyError when the package has no such part, EntityDeclared when it declares entities."""
    name = partname.lstrip("/")
    try:
        root = etree.fromstring(archive.read(name), parser)
    except etree.XMLSyntaxError:
        _refuse_declared_entities(archive, name)
        raise
    refuse_entities(root, partname)
    return root


def iter_xml_part(
    archive: zipfile.ZipFile, name: str, tag: str | tuple[str, ...]
) -> Iterator[etree._Element]:
    """The elements named ``tag`` of a large part (a sheet, the shared strings), each as it ends,
    with the same parser options as :func:`xml_part`; the caller clears what it has read."""
    with archive.open(name) as stream:
        context = etree.iterparse(stream, events=("end",), tag=tag, **_PARSER_OPTIONS)
        checked = False
        try:
            for _, element in context:
                if not checked:
                    refuse_entities(element, name)
                    checked = True
                yield element
        except etree.XMLSyntaxError:
            _refuse_declared_entities(archive, name)
            raise
        if not checked and context.root is not None:
            refuse_entities(context.root, name)


def refuse_entities(element: etree._Element, name: str) -> None:
    """EntityDeclared when the element's document declares entities in its DTD."""
    dtd = element.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise EntityDeclared(f"{name} declares XML entities")


_ENTITY_DECLARATION = re.compile(rb"<!ENTITY\b")


def _refuse_declared_entities(archive: zipfile.ZipFile, name: str) -> None:
    """A part lxml could not parse is refused as an XML bomb when it declares entities: libxml2
    stops on a bomb's amplification before the reader sees its declarations."""
    with archive.open(name) as stream:
        if count_tags(stream, _ENTITY_DECLARATION, 0):
            raise EntityDeclared(f"{name} declares XML entities")


def relationships(
    archive: zipfile.ZipFile, partname: str, parser: etree.XMLParser = PARSER
) -> list[tuple[str, str, str]]:
    """(id, type, target part name) of a part's internal relationships (``/`` is the package's)."""
    base, name = posixpath.split(partname)
    try:
        rels = xml_part(archive, posixpath.join(base, "_rels", f"{name}.rels"), parser)
    except KeyError:
        return []  # a part without relationships
    return [
        (rel.get("Id"), rel.get("Type"), posixpath.abspath(posixpath.join(base, rel.get("Target"))))
        for rel in rels.iter(f"{{{PACKAGE_RELS}}}Relationship")
        if rel.get("TargetMode") != "External"
    ]


def content_type(types: etree._Element, partname: str) -> str | None:
    """A part's content type: its override, else its extension's default (names ignore case)."""
    for override in types.iter(f"{{{CONTENT_TYPES}}}Override"):
        if (override.get("PartName") or "").lower() == partname.lower():
            return override.get("ContentType")
    extension = posixpath.splitext(partname)[1][1:].lower()
    for default in types.iter(f"{{{CONTENT_TYPES}}}Default"):
        if (default.get("Extension") or "").lower() == extension:
            return default.get("ContentType")
    return None


@contextmanager
def damaged_file_errors(source: str, what: str) -> Iterator[None]:
    """Turn whatever a third-party reader raises on a malformed file into a FormError.

    python-docx, openpyxl and pdfminer raise dozens of exception types on broken input
    (KeyError, ValueError, zlib and XML errors…); the project promises one clear error type.
    """
    try:
        yield
    except FormError:
        raise
    except Exception as error:  # noqa: BLE001 - the boundary of third-party parsers
        if _caused_by(error, lambda e: isinstance(e, (DefusedXmlException, EntityDeclared))):
            raise FormError(source, "xml_entities", what=what) from None
        if _caused_by(error, lambda e: "Password" in type(e).__name__ or "password" in str(e).lower()):
            raise FormError(source, "password_protected", what=what) from None
        detail = str(error).strip()[:160] or type(error).__name__
        raise FormError(source, "damaged", what=what, detail=detail) from None


def _caused_by(error: BaseException | None, test: Callable[[BaseException], bool]) -> bool:
    """Does the test hold for the error or anything in its chain of causes?"""
    while error is not None:
        if test(error):
            return True
        error = error.__cause__ or error.__context__
    return False
