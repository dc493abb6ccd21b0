#!/usr/bin/env python3
"""Writes hostile upload files for the upload guards (issue #12) to OUTDIR.

Usage:
    python3 scripts/make-upload-bombs.py OUTDIR [--bomb-mib 2048] [--lying-mib 512]

Files (the same set as tests/ServiceReview.Testing/Builders/UploadBombs.cs):
    bomb.xlsx            one sheet whose single cell inflates to --bomb-mib MiB (default 2 GiB; about 2 MB zipped)
    lying-directory.xlsx the same kind of sheet (--lying-mib MiB) whose central directory and local headers claim 1000 bytes
    many-strings.xlsx    600,000 distinct shared strings (service-record cap 500,000; plan/people cap 100,000)
    long-cell.xlsx       a cell of 40,000 characters (cap 32,767, Excel's own limit)
    many-rows.xlsx       a row numbered 200,001 (service-record cap 200,000)
    png-named.xlsx       a real PNG picture with an .xlsx name
    endless-quote.csv    a header, then a quoted field that never closes (300,000 characters)
    gb18030.csv          a clean service-record CSV in GB18030, as Chinese Excel on Windows saves it (should import)
    big-rows.csv         25,000 clean rows: over the synchronous API's 20,000-row limit (should get 413 + background URL)

Only the standard library is used; the 2 GiB bomb takes about half a minute on one core.
"""
import os
import struct
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEADER = "工单号,客户,渠道,类型,摘要,受理时间,首次响应时间,解决时间,首次解决,处理人,关闭时间,归档时间"


def row(ticket):
    return f"{ticket},王先生,电话,需求,空调不制冷，要求上门,2026-09-01 09:15,2026-09-01 09:40,2026-09-01 15:20,是,张敏,2026-09-01 16:00,2026-09-02 10:00"


def workbook(path, write_sheet, shared_strings=None, force_zip64=False):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' if shared_strings else "")
                   + "</Types>")
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' if shared_strings else "")
                   + "</Relationships>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=force_zip64) as s:
            write_sheet(s)
        if shared_strings:
            with z.open("xl/sharedStrings.xml", "w") as s:
                shared_strings(s)


def giant_cell(size):
    def write(s):
        head = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'.encode()
        tail = b"</t></is></c></row></sheetData></worksheet>"
        s.write(head)
        chunk = b"A" * (1 << 20)
        left = size - len(head) - len(tail)
        while left > 0:
            s.write(chunk[:min(len(chunk), left)])
            left -= len(chunk)
        s.write(tail)
    return write


def rows_sheet(rows):
    def write(s):
        s.write(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode())
        for r, cells in rows:
            s.write(f'<row r="{r}">'.encode())
            for c, text in enumerate(cells):
                s.write(f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{text}</t></is></c>'.encode())
            s.write(b"</row>")
        s.write(b"</sheetData></worksheet>")
    return write


def lie(path, declared=1000):
    """Patches every uncompressed size bigger than `declared` in the central directory and the local headers."""
    data = bytearray(open(path, "rb").read())
    for signature, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = data.find(signature)
        while at >= 0:
            (actual,) = struct.unpack_from("<I", data, at + offset)
            if declared < actual != 0xFFFFFFFF:
                struct.pack_into("<I", data, at + offset, declared)
            at = data.find(signature, at + 4)
    open(path, "wb").write(bytes(data))


def main(argv):
    if len(argv) < 2 or argv[1].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    out = argv[1]
    bomb_mib = int(argv[argv.index("--bomb-mib") + 1]) if "--bomb-mib" in argv else 2048
    lying_mib = int(argv[argv.index("--lying-mib") + 1]) if "--lying-mib" in argv else 512
    os.makedirs(out, exist_ok=True)

    workbook(os.path.join(out, "bomb.xlsx"), giant_cell(bomb_mib << 20), force_zip64=bomb_mib >= 2048)
    lying = os.path.join(out, "lying-directory.xlsx")
    workbook(lying, giant_cell(lying_mib << 20))
    lie(lying)

    def strings(s):
        s.write(f'<sst xmlns="{MAIN}" count="600000" uniqueCount="600000">'.encode())
        for i in range(600_000):
            s.write(f"<si><t>s{i}</t></si>".encode())
        s.write(b"</sst>")
    workbook(os.path.join(out, "many-strings.xlsx"),
             lambda s: s.write(f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'.encode()),
             shared_strings=strings)
    workbook(os.path.join(out, "long-cell.xlsx"), rows_sheet([(1, ["工单号", "摘要"]), (2, ["T-1", "长" * 40_000])]))
    workbook(os.path.join(out, "many-rows.xlsx"), rows_sheet([(200_001, ["x"])]))

    # A 1x1 PNG: signature, IHDR, IDAT, IEND.
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082")
    open(os.path.join(out, "png-named.xlsx"), "wb").write(png)
    open(os.path.join(out, "endless-quote.csv"), "wb").write((HEADER + '\r\nT-1,"' + "a" * 300_000).encode("utf-8"))
    open(os.path.join(out, "gb18030.csv"), "wb").write((HEADER + "\r\n" + row("GB-1") + "\r\n" + row("GB-2") + "\r\n").encode("gb18030"))
    open(os.path.join(out, "big-rows.csv"), "wb").write(
        ("\ufeff" + HEADER + "\r\n" + "\r\n".join(row(f"BIG-{i:05d}") for i in range(1, 25_001)) + "\r\n").encode("utf-8"))
    for name in sorted(os.listdir(out)):
        print(f"{os.path.getsize(os.path.join(out, name)):>12,}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
