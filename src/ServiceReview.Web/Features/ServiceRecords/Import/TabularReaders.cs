using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ServiceReview.Infrastructure.Uploads;

namespace ServiceReview.Web.Features.ServiceRecords.Import;

/// <summary>One cell as read from a file: its text (numbers in invariant culture), and whether it held a formula.</summary>
public readonly record struct ImportCell(string? Text, bool IsFormula = false);

/// <summary>
/// Rows of a .csv or the first sheet of an .xlsx, streamed one at a time (the first row is the header). Every read is
/// bounded by <see cref="UploadOptions"/>: a file past a cap throws <see cref="UploadRefusedException"/>.
/// </summary>
public static class TabularReaders
{
    static TabularReaders() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool LooksLikeXlsx(Stream stream) => XlsxGuard.HasZipSignature(stream);

    /// <summary>
    /// The rows of an .xlsx (decided by its zip signature, never by its name) or else of a .csv; binary content that is
    /// neither (a PNG, an old .xls) is refused as the wrong type.
    /// </summary>
    public static IEnumerable<ImportCell[]> Read(Stream stream, UploadOptions limits)
    {
        if (LooksLikeXlsx(stream))
        {
            return ReadXlsx(stream, limits.ServiceRecordWorkbooks);
        }

        if (LooksBinary(stream))
        {
            throw NotATable();
        }

        return ReadCsv(stream, limits.Csv);
    }

    /// <summary>
    /// What can be refused without reading rows: the type (by content), a workbook's caps (<see cref="XlsxGuard"/>), a
    /// CSV's size. Throws <see cref="UploadRefusedException"/>; the position is kept.
    /// </summary>
    public static void CheckUpload(Stream stream, UploadOptions limits)
    {
        if (LooksLikeXlsx(stream))
        {
            XlsxGuard.Check(stream, limits.ServiceRecordWorkbooks);
        }
        else if (LooksBinary(stream))
        {
            throw NotATable();
        }
        else if (stream.Length - stream.Position > limits.Csv.MaxBytes)
        {
            throw UploadRefusedException.TooLarge("CsvSize", limits.Csv.MaxBytes, bytes: true, "The file is");
        }
    }

    private static UploadRefusedException NotATable() =>
        new(UploadRefusal.WrongType, "NotATable", "", "The file is neither an Excel workbook (.xlsx) nor a CSV text file.");

    /// <summary>A NUL byte in the first 4 KiB (and no UTF-16 byte order mark): no CSV text file holds one.</summary>
    private static bool LooksBinary(Stream stream)
    {
        var start = stream.Position;
        var head = new byte[4096];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        var bytes = head.AsSpan(0, read);
        var utf16 = bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..];
        return !utf16 && bytes.Contains((byte)0);
    }

    /// <summary>
    /// The encoding of a CSV: UTF-8 (with or without BOM) when every byte is valid UTF-8; UTF-16 by its byte order mark;
    /// otherwise GB18030, which Chinese Excel on Windows writes (GBK is a subset). The stream is read once to decide
    /// and rewound; its size is checked on the way.
    /// </summary>
    public static Encoding DetectCsvEncoding(Stream stream, CsvLimits limits)
    {
        var start = stream.Position;
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[bytes.Length + 4];
        long total = 0;
        var first = true;
        try
        {
            int read;
            while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                total += read;
                if (total > limits.MaxBytes)
                {
                    throw UploadRefusedException.TooLarge("CsvSize", limits.MaxBytes, bytes: true, "The file is");
                }

                if (first && (bytes.AsSpan(0, read) is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..]))
                {
                    return Encoding.Unicode;
                }

                first = false;
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            }

            decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030");
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>RFC 4180 CSV (encoding by <see cref="DetectCsvEncoding"/>): quoted fields, doubled quotes, line breaks inside quotes.</summary>
    public static IEnumerable<ImportCell[]> ReadCsv(Stream stream, CsvLimits limits)
    {
        var encoding = stream.CanSeek ? DetectCsvEncoding(stream, limits) : new UTF8Encoding(false);
        return ReadCsv(stream, encoding, limits);
    }

    private static IEnumerable<ImportCell[]> ReadCsv(Stream stream, Encoding encoding, CsvLimits limits)
    {
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var row = new List<ImportCell>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        var recordChars = 0;
        var rows = 0;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            any = true;
            if (++recordChars > limits.MaxRecordChars)
            {
                throw UploadRefusedException.TooLarge("CsvRecord", limits.MaxRecordChars, bytes: false, "A line of the file holds (an unclosed quote?)");
            }

            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    row.Add(new ImportCell(field.ToString()));
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    row.Add(new ImportCell(field.ToString()));
                    field.Clear();
                    CountRow(ref rows, limits);
                    yield return row.ToArray();
                    row.Clear();
                    any = false;
                    recordChars = 0;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (any)
        {
            row.Add(new ImportCell(field.ToString()));
            CountRow(ref rows, limits);
            yield return row.ToArray();
        }
    }

    private static void CountRow(ref int rows, CsvLimits limits)
    {
        if (++rows > limits.MaxRows)
        {
            throw UploadRefusedException.TooLarge("CsvRows", limits.MaxRows, bytes: false, "The file has");
        }
    }

    /// <summary>
    /// The first sheet of an .xlsx, read with the Open XML SAX reader (neither the sheet nor the shared strings are
    /// loaded as a DOM) after <see cref="XlsxGuard.Check"/> has bounded what it inflates. Cells are placed by their
    /// reference, so skipped empty cells stay empty.
    /// </summary>
    public static IEnumerable<ImportCell[]> ReadXlsx(Stream stream, WorkbookLimits limits)
    {
        XlsxGuard.Check(stream, limits);
        return ReadCheckedXlsx(stream, limits);
    }

    private static IEnumerable<ImportCell[]> ReadCheckedXlsx(Stream stream, WorkbookLimits limits)
    {
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no workbook part.");
        var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("The workbook has no sheet.");
        var sheet = (WorksheetPart)workbook.GetPartById(first.Id!.Value!);
        var strings = SharedStrings(workbook.SharedStringTablePart, limits);

        using var reader = OpenXmlReader.Create(sheet);
        var expected = 1;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            var number = (int)(row.RowIndex?.Value ?? (uint)expected);
            if (number > limits.MaxRows || number < 1)
            {
                throw UploadRefusedException.TooLarge("Rows", limits.MaxRows, bytes: false, "A sheet of the workbook has");
            }

            for (; expected < number; expected++)
            {
                yield return [];
            }

            expected = number + 1;
            var cells = new List<ImportCell>();
            foreach (var cell in row.Elements<Cell>())
            {
                var index = cell.CellReference?.Value is { } reference && ColumnIndex(reference) is >= 0 and var at ? at : cells.Count;
                if (index >= limits.MaxColumns)
                {
                    throw UploadRefusedException.TooLarge("Columns", limits.MaxColumns, bytes: false, "A sheet of the workbook has");
                }

                while (cells.Count < index)
                {
                    cells.Add(default);
                }

                cells.Add(new ImportCell(CellText(cell, strings, limits), cell.CellFormula is not null));
            }

            yield return cells.ToArray();
        }
    }

    /// <summary>The shared-string table, streamed one item at a time and counted.</summary>
    private static List<string> SharedStrings(SharedStringTablePart? part, WorkbookLimits limits)
    {
        var strings = new List<string>();
        if (part is null)
        {
            return strings;
        }

        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(SharedStringItem) || !reader.IsStartElement)
            {
                continue;
            }

            if (strings.Count >= limits.MaxSharedStrings)
            {
                throw UploadRefusedException.TooLarge("SharedStrings", limits.MaxSharedStrings, bytes: false, "The workbook has");
            }

            strings.Add(Limited(reader.LoadCurrentElement()!.InnerText, limits));
        }

        return strings;
    }

    private static string Limited(string text, WorkbookLimits limits) => text.Length > limits.MaxCellChars
        ? throw UploadRefusedException.TooLarge("CellText", limits.MaxCellChars, bytes: false, "A cell of the workbook holds")
        : text;

    private static string? CellText(Cell cell, List<string> strings, WorkbookLimits limits)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : null;
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText is { } inline ? Limited(inline, limits) : null;
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "true" : "false";
        }

        return raw is null ? null : Limited(raw, limits);
    }

    private static int ColumnIndex(string reference) => XlsxGuard.ColumnOf(reference) - 1;
}
