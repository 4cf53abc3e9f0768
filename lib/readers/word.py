""".docx → rows of cells, in document order, for the interpreter.

The package is opened as python-docx opens it, but only the document, header and footer parts
are parsed (:func:`read_docx`); the rows are read from their XML so nothing is missed:
- body paragraphs become one-cell rows (shape ``docx-paragraph``, ref ``paragraph 7``);
- table rows become rows of cells (shape ``docx-table``, ref ``table 2 row 5 cell 3``); a nested
  table's rows follow the row that holds it (``table 2.1 row 1 cell 1``);
- text boxes (where a unit name often hides) follow their paragraph (``text box 1 paragraph 1``);
  headers come first and footers last (``header 1 paragraph 1``).

Merges: a horizontally merged cell (``gridSpan``) is one cell; a vertically merged cell
(``vMerge``) keeps its text on its first row, and the rows it covers hold an empty cell at the
same place. That is exactly what Word's own text export writes, which the interpreter reads
already (a missing label continues the one above). Content controls (``sdt``) are looked
through; deleted revisions, field codes and the fallback copy of a text box are left out.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from lib import settings
from lib.errors import FormError
from lib.readers.grid import Cell, Row
from lib.readers.package import (
    content_type,
    count_tags,
    damaged_file_errors,
    open_zip,
    relationships,
    xml_part,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
P, TBL, TR, TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_TEXT, _TAB, _BREAKS = f"{_W}t", f"{_W}tab", (f"{_W}br", f"{_W}cr")
_TEXT_BOX = f"{_W}txbxContent"
_BODY_ELEMENT = re.compile(rb"<(?:\w+:)?(?:p|tr|tc)[\s>/]")
_WRAPPERS = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"})
_SKIPPED = frozenset(
    {
        f"{_W}delText",
        f"{_W}instrText",
        f"{_W}pPr",
        f"{_W}rPr",
        f"{_W}sdtPr",
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    }
)


def read_docx(data: bytes, source: str) -> list[Row]:
    """Every piece of text of the document as rows; FormError when the package cannot be read."""
    with damaged_file_errors(source, ".docx"):
        archive = open_zip(data, source)
        _check_body_size(archive, source)
        main = _main_part(archive)
        rels = _relationships(archive, main)
        walker = _Walker()
        for part in _parts(archive, rels, RT.HEADER):
            walker.block(part, "header")
        walker.block(_xml(archive, main).find(f"{_W}body"), "")
        for part in _parts(archive, rels, RT.FOOTER):
            walker.block(part, "footer")
    return walker.rows


def _check_body_size(archive: zipfile.ZipFile, source: str) -> None:
    """Count the body's paragraphs, rows and cells in its XML before python-docx builds the tree
    (7 million empty paragraphs, 570 KB zipped, took 4.3 GB as a tree)."""
    most = int(settings.get("max_docx_elements"))
    with archive.open("word/document.xml") as stream:
        if count_tags(stream, _BODY_ELEMENT, most) > most:
            raise FormError(source, "docx_too_many_elements", limit=most)


# The package is read as python-docx reads it (the main part named by the package's
# relationships, its content type checked, the same XML parser options), but only the parts
# the reader walks are parsed: python-docx built a tree of every part, the style sheets too
# (often 350 KB and more), which took three quarters of a .docx's reading.
_DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, huge_tree=False)


def _xml(archive: zipfile.ZipFile, partname: str) -> etree._Element:
    return xml_part(archive, partname, _PARSER)


def _relationships(archive: zipfile.ZipFile, partname: str) -> list[tuple[str, str]]:
    """(type, target part name) of a part's internal relationships (``/`` is the package's)."""
    return [(reltype, target) for _, reltype, target in relationships(archive, partname, _PARSER)]


def _main_part(archive: zipfile.ZipFile) -> str:
    """The document part's name; ValueError when the package holds no Word document (a
    template, a macro document or another Office file, as python-docx refuses them)."""
    mains = [target for reltype, target in _relationships(archive, "/") if reltype == RT.OFFICE_DOCUMENT]
    if len(mains) != 1:
        raise ValueError(f"{len(mains)} main document parts")
    main = mains[0]
    main_type = content_type(_xml(archive, "/[Content_Types].xml"), main)
    if main_type != _DOCUMENT_MAIN:
        raise ValueError(f"file is not a Word file, content type is '{main_type}'")
    return main


def _parts(archive: zipfile.ZipFile, rels: list[tuple[str, str]], reltype: str) -> list[etree._Element]:
    """Header or footer parts of the document, in part-name order, each once."""
    return [_xml(archive, name) for name in sorted({target for kind, target in rels if kind == reltype})]


class _Walker:
    """Collects rows while walking the XML; numbers tables and parts (header, text box) for refs."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.tables = 0
        self.part_numbers: dict[str, int] = {}

    def block(self, element: etree._Element, kind: str) -> None:
        """A body, header, footer or text box: its paragraphs and tables in order."""
        prefix = ""
        if kind:
            self.part_numbers[kind] = self.part_numbers.get(kind, 0) + 1
            prefix = f"{kind} {self.part_numbers[kind]} "
        paragraphs = 0
        for child in _children(element):
            if child.tag == P:
                paragraphs += 1
                self._paragraph(child, f"{prefix}paragraph {paragraphs}")
            elif child.tag == TBL:
                self.tables += 1
                self._table(child, str(self.tables))

    def _paragraph(self, paragraph: etree._Element, ref: str) -> None:
        text, boxes = paragraph_text(paragraph)
        self.rows.append(Row([Cell(text, ref)], ref, "docx-paragraph"))
        self._text_boxes(boxes)

    def _text_boxes(self, boxes: list[etree._Element]) -> None:
        for box in boxes:
            self.block(box, "text box")

    def _table(self, table: etree._Element, label: str) -> None:
        for row_number, row in enumerate((c for c in _children(table) if c.tag == TR), start=1):
            cells: list[Cell] = []
            nested: list[etree._Element] = []
            boxes: list[etree._Element] = []
            for cell_number, cell in enumerate((c for c in _children(row) if c.tag == TC), start=1):
                text = self._cell_text(cell, nested, boxes)
                cells.append(Cell(text, f"table {label} row {row_number} cell {cell_number}"))
            self.rows.append(Row(cells, f"table {label} row {row_number}", "docx-table"))
            for number, inner in enumerate(nested, start=1):
                self._table(inner, f"{label}.{number}")
            self._text_boxes(boxes)

    @staticmethod
    def _cell_text(cell: etree._Element, nested: list[etree._Element], boxes: list[etree._Element]) -> str:
        """The cell's paragraphs, one per line; nested tables and text boxes are set aside."""
        lines = []
        for child in _children(cell):
            if child.tag == P:
                text, found = paragraph_text(child)
                lines.append(text)
                boxes.extend(found)
            elif child.tag == TBL:
                nested.append(child)
        return "\n".join(lines)


def _children(element: etree._Element) -> Iterator[etree._Element]:
    """Child elements, looking through content controls and custom-XML wrappers."""
    for child in element:
        if child.tag in _WRAPPERS:
            yield from _children(child)
        else:
            yield child


def paragraph_text(paragraph: etree._Element) -> tuple[str, list[etree._Element]]:
    """The paragraph's text and the text boxes anchored in it (read separately)."""
    parts: list[str] = []
    boxes: list[etree._Element] = []
    _collect(paragraph, parts, boxes)
    return "".join(parts), boxes


def _collect(element: etree._Element, parts: list[str], boxes: list[etree._Element]) -> None:
    for child in element:
        tag = child.tag
        if tag == _TEXT:
            parts.append(child.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag == _TEXT_BOX:
            boxes.append(child)
        elif tag not in _SKIPPED and isinstance(tag, str):
            _collect(child, parts, boxes)
