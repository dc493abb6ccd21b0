#!/usr/bin/env python3
"""Writes a small set of hostile upload files into OUTDIR, with the Python standard library only.

A stand-in for scripts/make-upload-bombs.py (issue #12, item 1), which scripts/security-scan.sh prefers when it
exists; the file names are the same. Sizes can be lowered for a quick run with SCAN_BOMB_MIB (default 2048).

    bomb.xlsx              one shared string that inflates to SCAN_BOMB_MIB MiB (about 2 MB on disk)
    lying-directory.xlsx   a sheet whose central directory (and local header) claim 1,000 bytes; it inflates to 1 GiB
    many-strings.xlsx      5,000,000 shared strings
    long-cell.xlsx         one inline-string cell of 50,000,000 characters
    png-named.xlsx         a PNG image named .xlsx
    endless-quote.csv      a header, then a quoted field that never closes (20 MB)
    gb18030.csv            a valid service-record file saved as GB18030 (what Chinese Excel on Windows writes)
    big-rows.csv           60,000 valid service-record rows (over the synchronous import's row limit)
"""
import os
import struct
import sys
import zipfile
import zlib

MIB = 1024 * 1024

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    '</Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="服务记录" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    '</Relationships>')
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = '</sheetData></worksheet>'
SST_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
HEADER_ROW = '工单号,客户,渠道,类型,摘要,受理时间,首次响应时间,解决时间,首次解决,处理人,关闭时间,归档时间'


def package(path, sheet, shared, big_part=None, big_writer=None):
    """Writes an .xlsx; big_part (a part name) is streamed by big_writer(stream) instead of being a string."""
    with zipfile.ZipFile(path, 'w', compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES)
        z.writestr('_rels/.rels', ROOT_RELS)
        z.writestr('xl/workbook.xml', WORKBOOK)
        z.writestr('xl/_rels/workbook.xml.rels', WORKBOOK_RELS)
        for name, text in (('xl/worksheets/sheet1.xml', sheet), ('xl/sharedStrings.xml', shared)):
            if name == big_part:
                with z.open(name, 'w', force_zip64=True) as stream:
                    big_writer(stream)
            else:
                z.writestr(name, text)


def repeat(stream, text, total_bytes):
    chunk = (text * (MIB // len(text) + 1))[:MIB].encode()
    for _ in range(total_bytes // MIB):
        stream.write(chunk)


def one_cell_sheet():
    return SHEET_HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + SHEET_TAIL


def bomb(path, mib):
    def write(stream):
        stream.write((SST_HEAD + ' count="1" uniqueCount="1"><si><t>').encode())
        repeat(stream, 'A', mib * MIB)
        stream.write(b'</t></si></sst>')
    package(path, one_cell_sheet(), None, 'xl/sharedStrings.xml', write)


def lying_directory(path):
    """A real 1 GiB sheet whose sizes in the local header and the central directory are patched to 1,000 bytes."""
    def write(stream):
        stream.write((SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>').encode())
        repeat(stream, 'B', 1024 * MIB)
        stream.write(('</t></is></c></row>' + SHEET_TAIL).encode())
    with zipfile.ZipFile(path, 'w', compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr('[Content_Types].xml', CONTENT_TYPES.replace(
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>', ''))
        z.writestr('_rels/.rels', ROOT_RELS)
        z.writestr('xl/workbook.xml', WORKBOOK)
        z.writestr('xl/_rels/workbook.xml.rels', WORKBOOK_RELS.replace(
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>', ''))
        with z.open('xl/worksheets/sheet1.xml', 'w') as stream:
            write(stream)
    data = bytearray(open(path, 'rb').read())
    target = b'xl/worksheets/sheet1.xml'
    position = 0
    while True:
        position = data.find(b'PK\x01\x02', position)
        if position < 0:
            break
        name_length = struct.unpack_from('<H', data, position + 28)[0]
        name = bytes(data[position + 46:position + 46 + name_length])
        if name == target:
            struct.pack_into('<I', data, position + 24, 1000)        # uncompressed size (central directory)
            local = struct.unpack_from('<I', data, position + 42)[0]
            struct.pack_into('<I', data, local + 22, 1000)           # uncompressed size (local header)
        position += 46
    open(path, 'wb').write(bytes(data))


def many_strings(path, count=5_000_000):
    def write(stream):
        stream.write((SST_HEAD + f' count="{count}" uniqueCount="{count}">').encode())
        block = ''.join(f'<si><t>{i % 10}</t></si>' for i in range(10000)).encode()
        for _ in range(count // 10000):
            stream.write(block)
        stream.write(b'</sst>')
    package(path, one_cell_sheet(), None, 'xl/sharedStrings.xml', write)


def long_cell(path, characters=50_000_000):
    def write(stream):
        stream.write((SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>').encode())
        chunk = ('长' * MIB).encode()
        for _ in range(characters // MIB):
            stream.write(chunk)
        stream.write(('</t></is></c></row>' + SHEET_TAIL).encode())
    package(path, None, SST_HEAD + ' count="0" uniqueCount="0"></sst>', 'xl/worksheets/sheet1.xml', write)


def png_named(path):
    # A 1×1 transparent PNG.
    raw = b'\x00\x00\x00\x00\x00'
    def chunk(kind, body):
        return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body) & 0xffffffff)
    png = (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 6, 0, 0, 0))
           + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
    open(path, 'wb').write(png)


def endless_quote(path, megabytes=20):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write(HEADER_ROW + '\r\n')
        f.write('T-1,"客户')
        line = '没有结束的引号,' * 64 + '\r\n'
        for _ in range(megabytes * MIB // len(line.encode())):
            f.write(line)


def gb18030(path):
    rows = [HEADER_ROW,
            'GB-1,王先生,电话,需求,空调不制冷，要求上门检查,2026-09-01 09:15,2026-09-01 09:40,2026-09-01 15:20,是,张敏,2026-09-01 16:00,2026-09-02 10:00']
    open(path, 'wb').write('\r\n'.join(rows).encode('gb18030'))


def big_rows(path, count=60_000):
    with open(path, 'w', encoding='utf-8', newline='') as f:
        f.write('\ufeff' + HEADER_ROW + '\r\n')
        for i in range(count):
            f.write(f'BIG-{i:06d},客户{i % 97},电话,需求,摘要{i},2026-09-01 09:15,2026-09-01 09:40,2026-09-01 15:20,是,张敏,2026-09-01 16:00,2026-09-02 10:00\r\n')


def main():
    if len(sys.argv) != 2:
        sys.exit('usage: make-hostile-uploads.py OUTDIR')
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    bomb(os.path.join(out, 'bomb.xlsx'), int(os.environ.get('SCAN_BOMB_MIB', '2048')))
    lying_directory(os.path.join(out, 'lying-directory.xlsx'))
    many_strings(os.path.join(out, 'many-strings.xlsx'))
    long_cell(os.path.join(out, 'long-cell.xlsx'))
    png_named(os.path.join(out, 'png-named.xlsx'))
    endless_quote(os.path.join(out, 'endless-quote.csv'))
    gb18030(os.path.join(out, 'gb18030.csv'))
    big_rows(os.path.join(out, 'big-rows.csv'))
    for name in sorted(os.listdir(out)):
        print(f'{name:24} {os.path.getsize(os.path.join(out, name)):>12,} bytes')


if __name__ == '__main__':
    main()
