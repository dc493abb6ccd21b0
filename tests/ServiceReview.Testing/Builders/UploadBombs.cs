using System.IO.Compression;
using System.Text;

namespace ServiceReview.Testing.Builders;

/// <summary>
/// Hostile upload files, built in memory (scripts/make-upload-bombs.py writes the same set to disk for the scan): a
/// workbook whose one sheet inflates to hundreds of MiB, the same with a central directory that lies about the sizes,
/// too many shared strings, a very long cell, too many rows or columns, a PNG, CSVs in GB18030 or with a quote that
/// never closes.
/// </summary>
public static class UploadBombs
{
    public const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static readonly Lazy<byte[]> BigBomb = new(() => Bomb(400L * 1024 * 1024));

    /// <summary>A 400 MiB sheet (a few hundred KiB zipped), built once per test run.</summary>
    public static byte[] Bomb400MiB => BigBomb.Value;

    /// <summary>A minimal .xlsx: workbook, one sheet (its XML given), optional shared strings and extra parts.</summary>
    public static byte[] Workbook(Action<Stream> writeSheet, Action<Stream>? writeSharedStrings = null, IReadOnlyDictionary<string, Action<Stream>>? extra = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Text(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Default Extension=\"png\" ContentType=\"image/png\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + (writeSharedStrings is null ? "" : "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>")
                + "</Types>");
            Text(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Text(zip, "xl/workbook.xml",
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{MainNamespace}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            Text(zip, "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + (writeSharedStrings is null ? "" : "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>")
                + "</Relationships>");
            Part(zip, "xl/worksheets/sheet1.xml", writeSheet);
            if (writeSharedStrings is not null)
            {
                Part(zip, "xl/sharedStrings.xml", writeSharedStrings);
            }

            foreach (var (name, write) in extra ?? new Dictionary<string, Action<Stream>>())
            {
                Part(zip, name, write);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A sheet of rows given as cell texts (inline strings), as a user's file would hold.</summary>
    public static byte[] Rows(IEnumerable<string[]> rows) => Workbook(s =>
    {
        using var w = new StreamWriter(s, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        w.Write($"<worksheet xmlns=\"{MainNamespace}\"><sheetData>");
        var r = 0;
        foreach (var row in rows)
        {
            r++;
            w.Write($"<row r=\"{r}\">");
            for (var c = 0; c < row.Length; c++)
            {
                w.Write($"<c r=\"{Column(c + 1)}{r}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(row[c])}</t></is></c>");
            }

            w.Write("</row>");
        }

        w.Write("</sheetData></worksheet>");
    });

    /// <summary>One cell whose text is <paramref name="inflatedBytes"/> of 'A': a decompression bomb (about 1,000 to 1 zipped).</summary>
    public static byte[] Bomb(long inflatedBytes) => Workbook(s =>
    {
        var head = Encoding.UTF8.GetBytes($"<worksheet xmlns=\"{MainNamespace}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>");
        var tail = "</t></is></c></row></sheetData></worksheet>"u8.ToArray();
        s.Write(head);
        var chunk = new byte[1024 * 1024];
        Array.Fill(chunk, (byte)'A');
        for (var left = inflatedBytes - head.Length - tail.Length; left > 0; left -= chunk.Length)
        {
            s.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        }

        s.Write(tail);
    });

    /// <summary>
    /// The same workbook whose central directory (and local headers) declare <paramref name="declared"/> bytes for every
    /// entry bigger than that, so that a reader trusting the directory inflates far more than it expects.
    /// </summary>
    public static byte[] LyingDirectory(byte[] workbook, uint declared = 1000)
    {
        var bytes = (byte[])workbook.Clone();
        for (var i = 0; i + 30 < bytes.Length; i++)
        {
            // Central directory header PK\x01\x02: uncompressed size at +24; local file header PK\x03\x04: at +22.
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02)
            {
                Patch(bytes, i + 24, declared);
            }
            else if (bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 0x03 && bytes[i + 3] == 0x04)
            {
                Patch(bytes, i + 22, declared);
            }
        }

        return bytes;
    }

    private static void Patch(byte[] bytes, int at, uint declared)
    {
        var actual = BitConverter.ToUInt32(bytes, at);
        if (actual > declared && actual != uint.MaxValue)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(at, 4), declared);
        }
    }

    /// <summary>A binary part (a "picture") of <paramref name="inflatedBytes"/> zeros next to a harmless sheet.</summary>
    public static byte[] BombInPicture(long inflatedBytes) => Workbook(
        s => s.Write(Encoding.UTF8.GetBytes($"<worksheet xmlns=\"{MainNamespace}\"><sheetData/></worksheet>")),
        extra: new Dictionary<string, Action<Stream>>
        {
            ["xl/media/image1.png"] = s =>
            {
                var chunk = new byte[1024 * 1024];
                for (var left = inflatedBytes; left > 0; left -= chunk.Length)
                {
                    s.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
                }
            },
        });

    /// <summary>A sheet referring to <paramref name="count"/> distinct shared strings.</summary>
    public static byte[] ManyStrings(int count) => Workbook(
        s => s.Write(Encoding.UTF8.GetBytes($"<worksheet xmlns=\"{MainNamespace}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>")),
        s =>
        {
            using var w = new StreamWriter(s, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
            w.Write($"<sst xmlns=\"{MainNamespace}\" count=\"{count}\" uniqueCount=\"{count}\">");
            for (var i = 0; i < count; i++)
            {
                w.Write($"<si><t>s{i}</t></si>");
            }

            w.Write("</sst>");
        });

    /// <summary>A header row and one cell of <paramref name="chars"/> characters.</summary>
    public static byte[] LongCell(int chars) => Rows([["工单号", "摘要"], ["T-1", new string('长', chars)]]);

    /// <summary>A sheet whose one row is numbered <paramref name="rowNumber"/>.</summary>
    public static byte[] RowNumbered(int rowNumber) => Workbook(s =>
        s.Write(Encoding.UTF8.GetBytes($"<worksheet xmlns=\"{MainNamespace}\"><sheetData><row r=\"{rowNumber}\"><c r=\"A{rowNumber}\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData></worksheet>")));

    /// <summary>A sheet whose one cell sits in column <paramref name="column"/> (1-based).</summary>
    public static byte[] CellInColumn(int column) => Workbook(s =>
        s.Write(Encoding.UTF8.GetBytes($"<worksheet xmlns=\"{MainNamespace}\"><sheetData><row r=\"1\"><c r=\"{Column(column)}1\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData></worksheet>")));

    /// <summary>The first bytes of a real PNG (signature and header chunk): what a picture renamed to .xlsx starts with.</summary>
    public static byte[] Png() =>
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
        0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
        0x42, 0x60, 0x82,
    ];

    /// <summary>Text in GB18030 (what Chinese Excel on Windows saves as "CSV"), no byte order mark.</summary>
    public static byte[] Gb18030(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030").GetBytes(text);
    }

    /// <summary>A header, then a field that opens a quote and never closes it.</summary>
    public static byte[] EndlessQuote(string header, int chars) =>
        Encoding.UTF8.GetBytes(header + "\r\nT-1,\"" + new string('a', chars));

    public static string Column(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + ((column - 1) % 26)) + name;
        }

        return name;
    }

    private static void Text(ZipArchive zip, string name, string text) => Part(zip, name, s => s.Write(Encoding.UTF8.GetBytes(text)));

    private static void Part(ZipArchive zip, string name, Action<Stream> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
        write(stream);
    }
}
