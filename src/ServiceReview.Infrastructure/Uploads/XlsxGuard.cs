using System.IO.Compression;
using System.Xml;

namespace ServiceReview.Infrastructure.Uploads;

/// <summary>
/// Checks an uploaded .xlsx before any Excel library opens it, so that a decompression bomb is refused instead of
/// inflated: the file must start with a zip signature; the zip's central directory must declare no more entries and
/// bytes than <see cref="WorkbookLimits"/> allow; then every entry is inflated through a counting stream that stops at
/// the caps (the directory can lie), and every XML part is read with a streaming <see cref="XmlReader"/> that counts
/// rows, columns, shared strings and cell text. Nothing is kept: memory stays at a few buffers whatever the file.
/// A file that passes inflates to at most the caps when a library reads it again.
/// </summary>
public static class XlsxGuard
{
    private const string SheetFolder = "xl/worksheets/";

    /// <summary>True when the stream starts with a zip's local file header (PK\x03\x04); the position is kept.</summary>
    public static bool HasZipSignature(Stream stream)
    {
        var start = stream.Position;
        Span<byte> head = stackalloc byte[4];
        var read = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = start;
        return read == 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04;
    }

    /// <summary>
    /// Throws <see cref="UploadRefusedException"/> unless the workbook stays within <paramref name="limits"/>; the position
    /// is kept. Returns the bytes all parts inflated to (as counted, not as declared).
    /// </summary>
    public static long Check(Stream stream, WorkbookLimits limits)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The upload must be seekable.", nameof(stream));
        }

        if (!HasZipSignature(stream))
        {
            throw UploadRefusedException.NotAWorkbook();
        }

        var start = stream.Position;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            CheckDirectory(zip, limits);
            var total = new Budget(limits.MaxUncompressedBytes);
            foreach (var entry in zip.Entries)
            {
                // XML by name or by content: a sheet renamed to ".dat" (declared in [Content_Types].xml) is still XML
                // that a reader would parse, so it gets the row, column and text caps too.
                var xml = IsXml(entry.FullName) || LooksLikeXml(entry);
                using var inflated = entry.Open();
#pragma warning disable CA2000 // The using declaration disposes it on every path; the analyzer misreads the loop.
                using var counted = new BoundedReadStream(inflated, PartCap(entry.FullName, limits), total, xml ? MaxTokenBytes(limits) : 0,
                    PartRefusal(entry.FullName));
#pragma warning restore CA2000
                if (xml)
                {
                    ScanXml(counted, limits);
                }
                else
                {
                    counted.CopyTo(Stream.Null);
                }
            }

            return total.Used;
        }
        catch (InvalidDataException ex)
        {
            throw UploadRefusedException.Malformed(ex.Message);
        }
        catch (XmlException ex)
        {
            throw UploadRefusedException.Malformed(ex.Message);
        }
        catch (NotSupportedException ex)
        {
            // E.g. an entry compressed with a method .NET cannot inflate.
            throw UploadRefusedException.Malformed(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            // A crafted zip can make ZipArchive throw these too (dotnet/runtime#109167, #131228): damaged, not a 500.
            throw UploadRefusedException.Malformed(ex.Message);
        }
        finally
        {
            stream.Position = start;
        }
    }

    private static void CheckDirectory(ZipArchive zip, WorkbookLimits limits)
    {
        if (zip.Entries.Count > limits.MaxEntries)
        {
            throw UploadRefusedException.TooLarge("Entries", limits.MaxEntries, bytes: false, "The workbook has");
        }

        long declared = 0;
        foreach (var entry in zip.Entries)
        {
            if (entry.Length < 0 || entry.Length > PartCap(entry.FullName, limits))
            {
                throw PartRefusal(entry.FullName)(PartCap(entry.FullName, limits));
            }

            declared += entry.Length;
            if (declared > limits.MaxUncompressedBytes)
            {
                throw UploadRefusedException.TooLarge("Uncompressed", limits.MaxUncompressedBytes, bytes: true, "The workbook expands to");
            }
        }
    }

    private static bool IsSheet(string name) => name.StartsWith(SheetFolder, StringComparison.OrdinalIgnoreCase);

    private static long PartCap(string name, WorkbookLimits limits) => IsSheet(name) ? limits.MaxSheetBytes : limits.MaxPartBytes;

    private static Func<long, UploadRefusedException> PartRefusal(string name) => IsSheet(name)
        ? cap => UploadRefusedException.TooLarge("SheetSize", cap, bytes: true, "A sheet of the workbook expands to")
        : cap => UploadRefusedException.TooLarge("PartSize", cap, bytes: true, "A part of the workbook expands to");

    /// <summary>Whether a part's first bytes are XML: '&lt;' after an optional byte order mark and white space.</summary>
    private static bool LooksLikeXml(ZipArchiveEntry entry)
    {
        Span<byte> head = stackalloc byte[256];
        int read;
        using (var sniff = entry.Open())
        {
            read = sniff.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        var bytes = head[..read];
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return true; // UTF-16
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        foreach (var b in bytes)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            return b == (byte)'<';
        }

        return false;
    }

    private static bool IsXml(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".vml", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The longest run of bytes an XML part may hold between two '&lt;': a tag and the text after it. Longer runs mean a
    /// giant attribute, comment or text node, which an XML reader would buffer whole. A cell of the longest text allowed,
    /// every character written as a numeric character reference (up to 10 bytes), still fits.
    /// </summary>
    public static long MaxTokenBytes(WorkbookLimits limits) => (10L * limits.MaxCellChars) + (64 * 1024);

    private static readonly XmlReaderSettings ScanSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    /// <summary>Counts rows, columns, shared strings and characters of text; only element names and chunks of text are read.</summary>
    private static void ScanXml(Stream part, WorkbookLimits limits)
    {
        using var reader = XmlReader.Create(part, ScanSettings);
        var buffer = new char[4096];
        var rows = 0;
        var cellsInRow = 0;
        var strings = 0;
        var textInString = 0L;
        var inString = false;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when IsMain(reader.NamespaceURI):
                    switch (reader.LocalName)
                    {
                        case "row":
                            rows++;
                            cellsInRow = 0;
                            if (rows > limits.MaxRows || (int.TryParse(reader.GetAttribute("r"), out var number) && number > limits.MaxRows))
                            {
                                throw UploadRefusedException.TooLarge("Rows", limits.MaxRows, bytes: false, "A sheet of the workbook has");
                            }

                            break;
                        case "c":
                            cellsInRow++;
                            if (cellsInRow > limits.MaxColumns || ColumnOf(reader.GetAttribute("r")) > limits.MaxColumns)
                            {
                                throw UploadRefusedException.TooLarge("Columns", limits.MaxColumns, bytes: false, "A sheet of the workbook has");
                            }

                            break;
                        case "si":
                            strings++;
                            textInString = 0;
                            inString = !reader.IsEmptyElement;
                            if (strings > limits.MaxSharedStrings)
                            {
                                throw UploadRefusedException.TooLarge("SharedStrings", limits.MaxSharedStrings, bytes: false, "The workbook has");
                            }

                            break;
                    }

                    break;
                case XmlNodeType.EndElement when reader.LocalName == "si" && IsMain(reader.NamespaceURI):
                    inString = false;
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    // ReadValueChunk reads the text a piece at a time, so a giant text node is never built as one string.
                    var length = 0L;
                    int read;
                    while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
                    {
                        length += read;
                        if (length > limits.MaxCellChars || (inString && textInString + length > limits.MaxCellChars))
                        {
                            throw UploadRefusedException.TooLarge("CellText", limits.MaxCellChars, bytes: false, "A cell of the workbook holds");
                        }
                    }

                    if (inString)
                    {
                        textInString += length;
                    }

                    break;
            }
        }
    }

    private static bool IsMain(string ns) =>
        ns is "http://schemas.openxmlformats.org/spreadsheetml/2006/main" or "http://purl.oclc.org/ooxml/spreadsheetml/main";

    /// <summary>The 1-based column of a cell reference such as "AB12"; 0 when there is none.</summary>
    public static int ColumnOf(string? reference)
    {
        if (reference is null)
        {
            return 0;
        }

        var column = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z' or >= 'a' and <= 'z')
            {
                column = (column * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
                if (column > 100_000)
                {
                    return column;
                }
            }
            else
            {
                break;
            }
        }

        return column;
    }

    /// <summary>A shared countdown of the bytes all parts may still inflate to.</summary>
    internal sealed class Budget(long limit)
    {
        public long Used { get; private set; }

        public void Add(long bytes)
        {
            Used += bytes;
            if (Used > limit)
            {
                throw UploadRefusedException.TooLarge("Uncompressed", limit, bytes: true, "The workbook expands to");
            }
        }
    }

    /// <summary>
    /// Reads an inflating stream and counts what comes out: throws as soon as the part passes its cap or all parts the
    /// total, so a bomb is stopped after at most one buffer past the cap. For XML, also bounds the bytes between two '&lt;'.
    /// </summary>
    internal sealed class BoundedReadStream(Stream inner, long cap, Budget total, long maxToken, Func<long, UploadRefusedException> refuse) : Stream
    {
        private long _read;
        private long _run;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            _read += n;
            if (_read > cap)
            {
                throw refuse(cap);
            }

            total.Add(n);
            if (maxToken > 0)
            {
                var rest = buffer[..n];
                int at;
                while ((at = rest.IndexOf((byte)'<')) >= 0)
                {
                    CheckRun(_run + at);
                    _run = 0;
                    rest = rest[(at + 1)..];
                }

                _run += rest.Length;
                CheckRun(_run);
            }

            return n;
        }

        private void CheckRun(long run)
        {
            if (run > maxToken)
            {
                throw UploadRefusedException.TooLarge("CellText", (maxToken - (64 * 1024)) / 10, bytes: false, "A cell of the workbook holds");
            }
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _read;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
