"""Bad and hostile files built by code: what each one is, in plain sight.

Used by tests/test_hostile_files.py, which reads them in a child process to watch its memory.
The second-round files (issue 15) are the shapes ../shared/hostile/ builds, made smaller where
the smaller file already crosses the limit that refuses it; their measured times are in
docs/hardening.md.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib

import docx
from fixtures_office import flat_xlsx

from lib.demo.office import reproducible

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="噪声" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
_SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def workbook_with_sheet(
    sheet_xml: bytes | str, pad_mb: float = 0.0, extra: dict[str, str] | None = None
) -> bytes:
    """A minimal .xlsx whose only sheet has the given XML; ``extra`` parts and ``pad_mb`` of
    incompressible padding (so the whole file's compression ratio stays under the limit)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, text in (extra or {}).items():
            archive.writestr(name, text)
        if pad_mb:
            _stored_padding(archive, pad_mb)
    return buffer.getvalue()


def noise_sheet(rows: int = 200_000, declare_size: bool = True) -> bytes:
    """A workbook whose sheet is ``rows`` rows of numbers and text; with or without a <dimension>."""
    dimension = f'<dimension ref="A1:C{rows}"/>' if declare_size else ""
    body = "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r * 7919 % 100003}</v></c>'
        f'<c r="B{r}" t="inlineStr"><is><t>噪声{r % 977}</t></is></c><c r="C{r}"><v>{r}.5</v></c></row>'
        for r in range(1, rows + 1)
    )
    xml = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_SHEET_NS}">{dimension}<sheetData>{body}</sheetData></worksheet>'
    return workbook_with_sheet(xml.encode("utf-8"))


def truncated_xlsx() -> bytes:
    """A real workbook cut in half, as an interrupted download leaves it."""
    data = flat_xlsx()
    return data[: len(data) // 2]


def docx_without_tables() -> bytes:
    """A Word file of plain prose: no table, no form."""
    document = docx.Document()
    for line in (
        "会议纪要",
        "今天上午召开了全镇干部大会，传达学习了上级会议精神。",
        "会议要求各村认真抓好落实。",
    ):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible(buffer.getvalue())


def encrypted_xlsx() -> bytes:
    """A real workbook encrypted with a password, as Excel's 'Encrypt with password' writes it."""
    from msoffcrypto.format.ooxml import OOXMLFile

    output = io.BytesIO()
    OOXMLFile(io.BytesIO(flat_xlsx())).encrypt("密码123", output)
    return output.getvalue()


def old_binary_office() -> bytes:
    """The start of an old .xls/.doc: an OLE2 compound file header with nothing valid after it."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff" + b"\x00" * 4066


# ---- OLE2 compound files (the container of .doc/.xls) -----------------------------------------
_SECTOR = 512
_END_OF_CHAIN, _FAT_SECTOR, _FREE = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def ole_file(
    streams: dict[str, bytes], declared_sizes: dict[str, int] | None = None, cyclic: str | None = None
) -> bytes:
    """A version-3 compound file: the FAT's sectors first, then the directory, then each stream.

    Streams are padded with zeros to 4,096 bytes or more (so none lives in the mini stream, which
    this builder does not write) and declared at that size. ``declared_sizes`` overrides a
    stream's size in the directory; the chain of the stream named ``cyclic`` points back to its
    first sector from its last one, a loop that never reaches the end of the chain.
    """
    if len(streams) > 3:
        raise ValueError("ole_file keeps its directory in one sector: at most 3 streams")
    declared_sizes = declared_sizes or {}
    padded = {
        name: data.ljust(max(4096, -(-len(data) // _SECTOR) * _SECTOR), b"\0")
        for name, data in streams.items()
    }
    data_sectors = sum(len(data) // _SECTOR for data in padded.values())
    fat_sectors = -(-(1 + data_sectors) // (_SECTOR // 4 - 1))  # each FAT sector maps itself too
    if fat_sectors > 109:
        raise ValueError("ole_file lists its FAT in the header alone: at most 109 FAT sectors")
    fat = [_FAT_SECTOR] * fat_sectors + [_END_OF_CHAIN]  # then the directory's one sector
    entries = [_directory_entry("Root Entry", 5, child=1 if streams else _FREE, start=_END_OF_CHAIN, size=0)]
    for number, (name, data) in enumerate(padded.items(), start=1):
        first, count = len(fat), len(data) // _SECTOR
        fat += [first + i + 1 for i in range(count - 1)] + [first if name == cyclic else _END_OF_CHAIN]
        sibling = number + 1 if number < len(streams) else _FREE
        size = declared_sizes.get(name, len(data))
        entries.append(_directory_entry(name, 2, child=_FREE, start=first, size=size, right=sibling))
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat).ljust(fat_sectors * _SECTOR, b"\xff")
    directory = b"".join(entries).ljust(_SECTOR, b"\0")
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\0" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\0" * 6,
        0,
        fat_sectors,
        fat_sectors,  # the directory's sector follows the FAT's
        0,
        4096,
        _END_OF_CHAIN,  # no mini FAT
        0,
        _END_OF_CHAIN,  # no DIFAT sectors
        0,
    )
    header += struct.pack(f"<{fat_sectors}I", *range(fat_sectors))  # the DIFAT: where the FAT is
    header += b"\xff" * (_SECTOR - len(header))
    return header + fat_bytes + directory + b"".join(padded.values())


def _directory_entry(name: str, kind: int, child: int, start: int, size: int, right: int = _FREE) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        kind,
        1,
        _FREE,
        right,
        child,
        b"\0" * 16,
        0,
        0,
        0,
        start,
        size,
    )


def cyclic_ole() -> bytes:
    """A .doc whose WordDocument stream's sector chain loops back on itself before its declared end."""
    document = b"\xec\xa5\xc1\x00" + b"\0" * 8000
    return ole_file(
        {"WordDocument": document, "1Table": b"\0" * 100},
        declared_sizes={"WordDocument": 12_000},
        cyclic="WordDocument",
    )


def huge_stream_ole() -> bytes:
    """An .xls whose Workbook stream declares 3.5 GB in a file of a few kilobytes."""
    return ole_file({"Workbook": b"\x09\x08" + b"\0" * 100}, declared_sizes={"Workbook": 3_500_000_000})


def noise_xls() -> bytes:
    """An .xls of a few kilobytes whose one stray cell sits in the last row and column Excel 97 allows."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("噪声")
    sheet.write(0, 0, "部门名称")
    sheet.write(65535, 255, "x")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def piled_merges_xls(ranges: int = 3000) -> bytes:
    """A 30 KB .xls whose 3,000 merged ranges each span all 20,000 rows of a column (40 columns
    over and over): filling them down would take a minute."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("合并")
    sheet.write(19_999, 0, "x")
    sheet.merged_ranges.extend((0, 19_999, number % 40, number % 40) for number in range(ranges))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def presentation_ole() -> bytes:
    """A PowerPoint 97-2003 file: a compound file with neither a workbook nor a Word document."""
    return ole_file({"PowerPoint Document": b"\0" * 100})


def piece_table_bomb(pieces: int = 2000) -> bytes:
    """A .doc whose piece table maps the same 4,000 characters again and again, 8 million in all.

    A converter or reader that trusts the piece table spends its time and memory on copies of
    the same bytes (the Word-format counterpart of a zip bomb).
    """
    return _word_file(pieces, piece_chars=4000, header_stories=0)


def header_stories_bomb(stories: int = 40_000) -> bytes:
    """A .doc of 40,000 one-character pieces whose header story is cut into 40,000 headers.

    Within the character limit, but a reader that walks the whole piece table for each header
    does 1.6 billion steps: the file must still be read (or refused) in moments.
    """
    return _word_file(stories + 1, piece_chars=1, header_stories=stories)


def _word_file(pieces: int, piece_chars: int, header_stories: int) -> bytes:
    """A Word 97 file whose pieces all map the same text; the last ``header_stories`` characters
    form the header story, each a story of its own in PlcfHdd."""
    text_at, total = 1024, pieces * piece_chars
    fib = bytearray(1024)
    struct.pack_into("<HH", fib, 0, 0xA5EC, 0xC1)
    struct.pack_into("<H", fib, 0x0A, 0x0200)  # the table stream is 1Table
    struct.pack_into("<H", fib, 0x20, 14)  # csw
    struct.pack_into("<H", fib, 0x3E, 22)  # cslw
    struct.pack_into("<II", fib, 0x4C, total - header_stories, 0)  # ccpText, ccpFtn
    struct.pack_into("<I", fib, 0x54, header_stories)  # ccpHdd
    struct.pack_into("<H", fib, 0x98, 93)  # cbRgFcLcb
    positions = [i * piece_chars for i in range(pieces + 1)]
    descriptors = b"".join(struct.pack("<HIH", 0, text_at, 0) for _ in range(pieces))
    plc = struct.pack(f"<{pieces + 1}I", *positions) + descriptors
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    stories = [0] * 6 + list(range(header_stories + 1)) if header_stories else []
    hdd = struct.pack(f"<{len(stories)}I", *stories)
    struct.pack_into("<II", fib, 0x9A + 33 * 8, 0, len(clx))  # fcClx, lcbClx
    struct.pack_into("<II", fib, 0x9A + 11 * 8, len(clx), len(hdd))  # fcPlcfHdd, lcbPlcfHdd
    document = bytes(fib) + "字".encode("utf-16-le") * piece_chars
    return ole_file({"WordDocument": document, "1Table": clx + hdd})


def xml_bomb_xlsx() -> bytes:
    """A workbook whose sheet defines nested entities (a 'billion laughs' XML bomb) and uses the last."""
    entities = '<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    sheet = (
        f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]><worksheet xmlns="{_SHEET_NS}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>'
    )
    return workbook_with_sheet(sheet.encode("utf-8"))


def zip_bomb(gigabytes: float = 1.1) -> bytes:
    """A small .xlsx whose sheet inflates to more than a gigabyte of zeros.

    The deflate stream is one fully flushed compressed block of 16 MiB of zeros repeated: each
    block restarts the compressor, so the repetition is a valid stream of the whole size.
    """
    chunk = 16 << 20
    count = int(gigabytes * (1 << 30) / chunk) + 1
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    stream = block * count + zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc = 0
    zeros = b"\0" * chunk
    for _ in range(count):
        crc = zlib.crc32(zeros, crc)
    members = [
        (n, zlib.crc32(x.encode()), len(x.encode()), _deflate(x.encode()))
        for n, x in (
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        )
    ]
    members.append(("xl/worksheets/sheet1.xml", crc, chunk * count, stream))
    return _zip(members)


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _zip(members: list[tuple[str, int, int, bytes]]) -> bytes:
    """A zip archive of deflated members: (name, crc32, uncompressed size, deflated bytes)."""
    body, directory = io.BytesIO(), io.BytesIO()
    for name, crc, size, packed in members:
        encoded = name.encode()
        offset = body.tell()
        body.write(
            struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(packed), size, len(encoded), 0)
        )
        body.write(encoded + packed)
        directory.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(packed),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), directory.tell(), body.tell(), 0
    )
    return body.getvalue() + directory.getvalue() + end


# ---- second round (issue 15, D1): small files asking for large work, within the older limits ----
def _stored_padding(archive: zipfile.ZipFile, megabytes: float) -> None:
    """An incompressible member, so that the whole file's compression ratio stays under the limit."""
    info = zipfile.ZipInfo("docProps/pad.bin")
    info.compress_type = zipfile.ZIP_STORED
    archive.writestr(info, random.Random(1).randbytes(int(megabytes * 1048576)))


def merge_bomb_xlsx(ranges: int = 3000) -> bytes:
    """A 22 KB workbook of 3,000 merged ranges each spanning A1:GR5000 (took 45 s to read)."""
    body = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>产出指标</t></is></c></row>'
        '<row r="5000"><c r="A5000" t="inlineStr"><is><t>数量指标</t></is></c></row>'
    )
    merges = '<mergeCell ref="A1:GR5000"/>' * ranges
    return workbook_with_sheet(
        f'<?xml version="1.0"?><worksheet xmlns="{_SHEET_NS}"><sheetData>{body}</sheetData>'
        f'<mergeCells count="{ranges}">{merges}</mergeCells></worksheet>',
        pad_mb=0.02,
    )


def wide_empty_cells_xlsx(rows: int = 19_990) -> bytes:
    """Every row holds one empty cell at column XFD: openpyxl padded each to 16,384 cells."""
    cells = "".join(f'<row r="{r}"><c r="XFD{r}"/></row>' for r in range(2, rows))
    return workbook_with_sheet(
        f'<?xml version="1.0"?><worksheet xmlns="{_SHEET_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
        f"<is><t>部门整体支出绩效目标表</t></is></c></row>{cells}</sheetData></worksheet>",
        pad_mb=0.05,
    )


def shared_strings_bomb_xlsx(strings: int = 250_000) -> bytes:
    """A workbook of a quarter million tiny shared strings (openpyxl reads them all up front)."""
    table = (
        f'<?xml version="1.0"?><sst xmlns="{_SHEET_NS}">'
        + "".join(f"<si><t>{i}</t></si>" for i in range(strings))
        + "</sst>"
    )
    sheet = f'<?xml version="1.0"?><worksheet xmlns="{_SHEET_NS}"><sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData></worksheet>'
    return workbook_with_sheet(sheet, pad_mb=0.1, extra={"xl/sharedStrings.xml": table})


def many_parts_xlsx(parts: int = 3000) -> bytes:
    """A workbook with thousands of tiny parts the workbook never names."""
    buffer = io.BytesIO(
        workbook_with_sheet(f'<?xml version="1.0"?><worksheet xmlns="{_SHEET_NS}"><sheetData/></worksheet>')
    )
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_STORED) as archive:
        for number in range(parts):
            archive.writestr(f"xl/worksheets/x{number}.xml", "<row/>")
    return buffer.getvalue()


def many_paragraphs_docx(paragraphs: int = 400_000) -> bytes:
    """A Word file of hundreds of thousands of empty paragraphs (7 million took 4.3 GB as a tree)."""
    return docx_with_body("<w:p/>" * paragraphs, padding_mb=0.1)


def docx_with_body(body_xml: str, padding_mb: float) -> bytes:
    """A Word file titled 部门整体支出绩效目标表 whose body goes on with ``body_xml``, with
    incompressible padding so that the archive's ratio stays under ``max_zip_ratio``."""
    document = docx.Document()
    document.add_paragraph("部门整体支出绩效目标表")
    saved = io.BytesIO()
    document.save(saved)
    source = zipfile.ZipFile(io.BytesIO(reproducible(saved.getvalue())))
    body = source.read("word/document.xml").decode("utf-8")
    start = body.index("<w:body>") + len("<w:body>")
    body = body[:start] + body_xml + body[start:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(
                item.filename, body if item.filename == "word/document.xml" else source.read(item.filename)
            )
        _stored_padding(archive, padding_mb)
    return out.getvalue()


def flate_bomb_pdf(megabytes: int = 160) -> bytes:
    """A PDF whose one content stream inflates to ``megabytes`` of spaces (pdfminer inflates it whole)."""
    inflater = zlib.compressobj(9)
    block = b" " * (1 << 20)
    packed = b"".join(inflater.compress(block) for _ in range(megabytes)) + inflater.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
