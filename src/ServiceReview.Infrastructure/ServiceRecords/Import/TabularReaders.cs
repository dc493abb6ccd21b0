using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ServiceReview.Infrastructure.ServiceRecords.Import;

/// <summary>One cell as read from a file: its text (numbers in invariant culture), and whether it held a formula.</summary>
public readonly record struct ImportCell(string? Text, bool IsFormula = false);

/// <summary>Rows of a .csv or the first sheet of an .xlsx, streamed one at a time (the first row is the header).</summary>
public static class TabularReaders
{
    public static bool LooksLikeXlsx(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        var read = stream.Read(head);
        stream.Position = 0;
        return read == 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04;
    }

    /// <summary>RFC 4180 CSV in UTF-8 (with or without BOM): quoted fields, doubled quotes, line breaks inside quotes.</summary>
    public static IEnumerable<ImportCell[]> ReadCsv(Stream stream)
    {
        using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var row = new List<ImportCell>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            any = true;
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
                    yield return row.ToArray();
                    row.Clear();
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (any)
        {
            row.Add(new ImportCell(field.ToString()));
            yield return row.ToArray();
        }
    }

    /// <summary>
    /// The first sheet of an .xlsx, read with the Open XML SAX reader (the sheet is never loaded as a DOM). Cells are
    /// placed by their reference, so skipped empty cells stay empty.
    /// </summary>
    public static IEnumerable<ImportCell[]> ReadXlsx(Stream stream)
    {
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no workbook part.");
        var first = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("The workbook has no sheet.");
        var sheet = (WorksheetPart)workbook.GetPartById(first.Id!.Value!);
        var strings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];

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
            for (; expected < number; expected++)
            {
                yield return [];
            }

            expected = number + 1;
            var cells = new List<ImportCell>();
            foreach (var cell in row.Elements<Cell>())
            {
                var index = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
                while (cells.Count < index)
                {
                    cells.Add(default);
                }

                cells.Add(new ImportCell(CellText(cell, strings), cell.CellFormula is not null));
            }

            yield return cells.ToArray();
        }
    }

    private static string? CellText(Cell cell, List<string> strings)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : null;
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "true" : "false";
        }

        return raw;
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(ch) - 'A' + 1);
        }

        return index - 1;
    }
}
