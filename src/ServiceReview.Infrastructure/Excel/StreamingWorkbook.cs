using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ServiceReview.Infrastructure.Excel;

/// <summary>How a cell's borders are drawn.</summary>
public enum CellBorder
{
    None,
    All,
    Bottom,
}

/// <summary>
/// The look of a cell in a <see cref="StreamingWorkbook"/>: a value, so that equal looks share one style entry
/// (<c>with</c> expressions derive one look from another).
/// </summary>
public sealed record CellStyle
{
    public bool Bold { get; init; }
    public bool Italic { get; init; }
    public double? FontSize { get; init; }

    /// <summary>RRGGBB.</summary>
    public string? FontColor { get; init; }

    /// <summary>RRGGBB.</summary>
    public string? Fill { get; init; }
    public CellBorder Border { get; init; }
    public bool Wrap { get; init; }
    public HorizontalAlignmentValues? Horizontal { get; init; }
    public VerticalAlignmentValues? Vertical { get; init; }

    /// <summary>An Excel number format code ("0.0", "yyyy-mm-dd").</summary>
    public string? NumberFormat { get; init; }

    /// <summary>Formula-like text: quote prefix and the Text format (<see cref="ExcelText"/>). Set by the writer itself.</summary>
    public bool Guarded { get; init; }

    public static readonly CellStyle Default = new();
}

/// <summary>One cell of a row: text (never a formula), a number, a date, or nothing; with a style from <see cref="StreamingWorkbook.Style"/>.</summary>
public readonly record struct XlCell(string? Text, double? Number, int Style)
{
    public static XlCell Of(string? text, int style = 0) => new(text, null, style);

    public static XlCell Of(decimal? number, int style = 0) => new(null, number is { } n ? (double)n : null, style);

    public static XlCell Of(DateTime? local, int style) => new(null, local?.ToOADate(), style);

    public static XlCell Empty(int style = 0) => new(null, null, style);
}

/// <summary>A sheet's columns and page: widths, frozen rows, the rows repeated on each printed page, orientation.</summary>
public sealed record SheetLayout(IReadOnlyList<double> Widths)
{
    /// <summary>Rows frozen at the top (the title block and the header row); 0 for none.</summary>
    public int FrozenRows { get; init; }

    /// <summary>The header row printed at the top of every page (print titles); null for none.</summary>
    public int? RepeatRow { get; init; }
    public bool Landscape { get; init; } = true;

    /// <summary>A footer ("&amp;P / &amp;N" page numbers by default).</summary>
    public string Footer { get; init; } = "&P / &N";
}

/// <summary>
/// A forward-only .xlsx writer for formatted, printable sheets (issue #15): each row goes through the Open XML SDK's
/// <see cref="OpenXmlWriter"/> into a zip entry written straight to the output stream, so the first bytes leave while
/// later sheets are still being written, and memory holds one row, not the workbook. Unlike SpreadCheetah (which
/// streams the history export) it writes what a sheet handed to a boss needs: A4 landscape, fit to one page wide,
/// print titles and print areas (defined names), frozen panes, merged title rows, autofilters, row heights and
/// styles. The zip's parts may come in any order, so the workbook part, the styles and the content types, which
/// depend on every sheet, are written last. Text cells are inline strings, never formulas; formula-like text gets
/// the guard of <see cref="ExcelText"/> (quote prefix and the Text format).
/// </summary>
public sealed class StreamingWorkbook : IDisposable
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private readonly ZipArchive _zip;
    private readonly string _fontName;
    private readonly double _fontSize;
    private readonly List<CellStyle> _styles = [CellStyle.Default];
    private readonly Dictionary<CellStyle, int> _styleIds = new() { [CellStyle.Default] = 0 };
    private readonly Dictionary<int, int> _guarded = [];
    private readonly List<SheetInfo> _sheets = [];
    private Stream? _entry;
    private OpenXmlWriter? _writer;
    private SheetLayout? _layout;
    private readonly List<string> _merges = [];
    private string? _filter;
    private int _row;
    private int _lastColumn;
    private bool _finished;
    private readonly List<OpenXmlAttribute> _attributes = new(4);
    private readonly Row _rowElement = new();
    private readonly Cell _cellElement = new();
    private readonly CellValue _valueElement = new();
    private readonly InlineString _inlineElement = new();
    private readonly Text _textElement = new();

    private sealed record SheetInfo(string Name, int? RepeatRow, string PrintArea, string? Filter);

    public StreamingWorkbook(Stream output, string fontName = "SimSun", double fontSize = 10.5)
    {
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        _fontName = fontName;
        _fontSize = fontSize;
    }

    /// <summary>The number of the next row to be written (1-based).</summary>
    public int NextRow => _row + 1;

    /// <summary>The id of a style (the same look always gives the same id).</summary>
    public int Style(CellStyle style)
    {
        ArgumentNullException.ThrowIfNull(style);
        if (!_styleIds.TryGetValue(style, out var id))
        {
            id = _styles.Count;
            _styles.Add(style);
            _styleIds[style] = id;
        }

        return id;
    }

    public CellStyle StyleOf(int id) => _styles[id];

    public void StartSheet(string name, SheetLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (_writer is not null)
        {
            EndSheet();
        }

        _layout = layout;
        _row = 0;
        _lastColumn = layout.Widths.Count;
        _merges.Clear();
        _filter = null;
        _sheets.Add(new SheetInfo(name, layout.RepeatRow, "", null));
        _entry = _zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count}.xml", CompressionLevel.Fastest).Open();
        _writer = new OpenXmlPartWriter(_entry, Encoding.UTF8);
        _writer.WriteStartDocument();
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        var view = new SheetView { WorkbookViewId = 0U, TabSelected = _sheets.Count == 1 };
        if (layout.FrozenRows > 0)
        {
            var topLeft = "A" + (layout.FrozenRows + 1).ToString(CultureInfo.InvariantCulture);
            view.Append(new Pane { VerticalSplit = layout.FrozenRows, TopLeftCell = topLeft, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
            view.Append(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } });
        }

        _writer.WriteElement(new SheetViews(view));
        _writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = 14.25 });
        if (layout.Widths.Count > 0)
        {
            var columns = new Columns();
            for (var c = 0; c < layout.Widths.Count; c++)
            {
                var n = (uint)(c + 1);
                columns.Append(new Column { Min = n, Max = n, Width = layout.Widths[c], CustomWidth = true });
            }

            _writer.WriteElement(columns);
        }

        _writer.WriteStartElement(new SheetData());
    }

    /// <summary>Writes the next row; cells from column A on (an empty cell with style 0 is skipped).</summary>
    public void AddRow(IReadOnlyList<XlCell> cells, double? height = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var writer = _writer ?? throw new InvalidOperationException("No sheet is started.");
        _row++;
        var number = _row.ToString(CultureInfo.InvariantCulture);

        // Element by element (the SDK's SAX-like API): no element tree per row or cell, only their names are used.
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", string.Empty, number));
        if (height is { } h)
        {
            _attributes.Add(new OpenXmlAttribute("ht", string.Empty, h.ToString("0.##", CultureInfo.InvariantCulture)));
            _attributes.Add(new OpenXmlAttribute("customHeight", string.Empty, "1"));
        }

        writer.WriteStartElement(_rowElement, _attributes);
        for (var c = 0; c < cells.Count; c++)
        {
            var cell = cells[c];
            if (cell.Text is null && cell.Number is null && cell.Style == 0)
            {
                continue;
            }

            _lastColumn = Math.Max(_lastColumn, c + 1);
            var style = cell.Style;
            var text = cell.Number is null && !string.IsNullOrEmpty(cell.Text) ? cell.Text : null;
            if (text is not null && ExcelText.LooksLikeFormula(text))
            {
                style = GuardedStyle(style);
            }

            _attributes.Clear();
            _attributes.Add(new OpenXmlAttribute("r", string.Empty, ColumnName(c + 1) + number));
            if (style != 0)
            {
                _attributes.Add(new OpenXmlAttribute("s", string.Empty, style.ToString(CultureInfo.InvariantCulture)));
            }

            if (text is not null)
            {
                _attributes.Add(new OpenXmlAttribute("t", string.Empty, "inlineStr"));
            }

            writer.WriteStartElement(_cellElement, _attributes);
            if (cell.Number is { } value)
            {
                writer.WriteStartElement(_valueElement);
                writer.WriteString(value.ToString("R", CultureInfo.InvariantCulture));
                writer.WriteEndElement();
            }
            else if (text is not null)
            {
                writer.WriteStartElement(_inlineElement);
                if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('\n', StringComparison.Ordinal))
                {
                    writer.WriteStartElement(_textElement, [new OpenXmlAttribute("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")]);
                }
                else
                {
                    writer.WriteStartElement(_textElement);
                }

                writer.WriteString(Escape(text));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    public void Merge(int firstRow, int firstColumn, int lastRow, int lastColumn)
    {
        if (lastRow > firstRow || lastColumn > firstColumn)
        {
            _merges.Add(Reference(firstRow, firstColumn) + ":" + Reference(lastRow, lastColumn));
        }
    }

    /// <summary>The sheet's autofilter (one per sheet): the header row and the rows under it.</summary>
    public void AutoFilter(int firstRow, int firstColumn, int lastRow, int lastColumn) =>
        _filter = Reference(firstRow, firstColumn) + ":" + Reference(Math.Max(firstRow, lastRow), lastColumn);

    public void EndSheet()
    {
        var writer = _writer ?? throw new InvalidOperationException("No sheet is started.");
        var layout = _layout!;
        writer.WriteEndElement(); // sheetData
        if (_filter is not null)
        {
            writer.WriteElement(new AutoFilter { Reference = _filter });
        }

        if (_merges.Count > 0)
        {
            var merges = new MergeCells { Count = (uint)_merges.Count };
            foreach (var m in _merges)
            {
                merges.Append(new MergeCell { Reference = m });
            }

            writer.WriteElement(merges);
        }

        writer.WriteElement(new PrintOptions { HorizontalCentered = true });
        writer.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.5, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new PageSetup
        {
            PaperSize = 9U, // A4
            Orientation = layout.Landscape ? OrientationValues.Landscape : OrientationValues.Portrait,
            FitToWidth = 1U,
            FitToHeight = 0U,
        });
        writer.WriteElement(new HeaderFooter(new OddFooter(layout.Footer)));
        writer.WriteEndElement(); // worksheet
        writer.Close();
        _entry!.Dispose();
        _writer = null;
        _entry = null;
        var info = _sheets[^1];
        _sheets[^1] = info with { PrintArea = "$A$1:$" + ColumnName(_lastColumn) + "$" + Math.Max(1, _row).ToString(CultureInfo.InvariantCulture), Filter = _filter };
    }

    /// <summary>Writes the parts that depend on every sheet (workbook, styles, relationships, content types) and the zip's directory.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        if (_writer is not null)
        {
            EndSheet();
        }

        _finished = true;
        WritePart("xl/workbook.xml", WorkbookElement());
        WritePart("xl/styles.xml", Stylesheet());
        var workbookRels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (var i = 1; i <= _sheets.Count; i++)
        {
            workbookRels.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rId{i}\" Type=\"{RelNs}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>");
        }

        workbookRels.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rId{_sheets.Count + 1}\" Type=\"{RelNs}/styles\" Target=\"styles.xml\"/></Relationships>");
        WriteText("xl/_rels/workbook.xml.rels", workbookRels.ToString());
        WriteText("_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + $"<Relationship Id=\"rId1\" Type=\"{RelNs}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        var types = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        for (var i = 1; i <= _sheets.Count; i++)
        {
            types.Append(CultureInfo.InvariantCulture, $"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }

        types.Append("</Types>");
        WriteText("[Content_Types].xml", types.ToString());
        _zip.Dispose();
    }

    public void Dispose()
    {
        if (_writer is not null)
        {
            _writer.Dispose();
            _entry?.Dispose();
            _writer = null;
        }

        _zip.Dispose();
    }

    private int GuardedStyle(int style)
    {
        if (!_guarded.TryGetValue(style, out var guarded))
        {
            guarded = Style(_styles[style] with { Guarded = true });
            _guarded[style] = guarded;
        }

        return guarded;
    }

    private Workbook WorkbookElement()
    {
        var workbook = new Workbook();
        workbook.AddNamespaceDeclaration("r", RelNs);
        workbook.Append(new BookViews(new WorkbookView { ActiveTab = 0U }));
        var sheets = new Sheets();
        var names = new DefinedNames();
        for (var i = 0; i < _sheets.Count; i++)
        {
            var s = _sheets[i];
            sheets.Append(new Sheet { Name = s.Name, SheetId = (uint)(i + 1), Id = "rId" + (i + 1).ToString(CultureInfo.InvariantCulture) });
            var quoted = "'" + s.Name.Replace("'", "''", StringComparison.Ordinal) + "'!";
            if (s.Filter is { } filter)
            {
                var parts = filter.Split(':');
                names.Append(new DefinedName(quoted + Absolute(parts[0]) + ":" + Absolute(parts[1])) { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true });
            }

            names.Append(new DefinedName(quoted + s.PrintArea) { Name = "_xlnm.Print_Area", LocalSheetId = (uint)i });
            if (s.RepeatRow is { } repeat)
            {
                var r = repeat.ToString(CultureInfo.InvariantCulture);
                names.Append(new DefinedName(quoted + "$" + r + ":$" + r) { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
            }
        }

        workbook.Append(sheets);
        if (names.HasChildren)
        {
            workbook.Append(names);
        }

        return workbook;
    }

    private Stylesheet Stylesheet()
    {
        var formats = new List<string>();
        var fonts = new List<(bool, bool, double, string?)> { (false, false, _fontSize, null) };
        var fills = new List<string?> { null, "gray125" };
        var borders = new List<CellBorder> { CellBorder.None };
        var xfs = new CellFormats();
        foreach (var s in _styles)
        {
            var font = (s.Bold, s.Italic, s.FontSize ?? _fontSize, s.FontColor);
            var fontId = fonts.IndexOf(font);
            if (fontId < 0)
            {
                fontId = fonts.Count;
                fonts.Add(font);
            }

            var fillId = s.Fill is null ? 0 : fills.IndexOf(s.Fill);
            if (fillId < 0)
            {
                fillId = fills.Count;
                fills.Add(s.Fill);
            }

            var borderId = borders.IndexOf(s.Border);
            if (borderId < 0)
            {
                borderId = borders.Count;
                borders.Add(s.Border);
            }

            uint formatId = 0;
            if (s.Guarded)
            {
                formatId = ExcelText.TextNumberFormatId;
            }
            else if (s.NumberFormat is { } code)
            {
                var index = formats.IndexOf(code);
                if (index < 0)
                {
                    index = formats.Count;
                    formats.Add(code);
                }

                formatId = (uint)(164 + index);
            }

            var xf = new CellFormat
            {
                NumberFormatId = formatId, FontId = (uint)fontId, FillId = (uint)fillId, BorderId = (uint)borderId, FormatId = 0U,
                ApplyNumberFormat = formatId != 0, ApplyFont = fontId != 0, ApplyFill = fillId != 0, ApplyBorder = borderId != 0,
            };
            if (s.Guarded)
            {
                xf.QuotePrefix = true;
            }

            if (s.Wrap || s.Horizontal is not null || s.Vertical is not null)
            {
                xf.ApplyAlignment = true;
                xf.Alignment = new Alignment { WrapText = s.Wrap ? true : null, Horizontal = s.Horizontal, Vertical = s.Vertical };
            }

            xfs.Append(xf);
        }

        xfs.Count = (uint)_styles.Count;
        var stylesheet = new Stylesheet();
        if (formats.Count > 0)
        {
            stylesheet.Append(new NumberingFormats(formats.Select((f, i) => new NumberingFormat { NumberFormatId = (uint)(164 + i), FormatCode = f })) { Count = (uint)formats.Count });
        }

        stylesheet.Append(new Fonts(fonts.Select(f =>
        {
            var font = new Font();
            if (f.Item1)
            {
                font.Append(new Bold());
            }

            if (f.Item2)
            {
                font.Append(new Italic());
            }

            font.Append(new FontSize { Val = f.Item3 });
            if (f.Item4 is { } color)
            {
                font.Append(new Color { Rgb = "FF" + color });
            }

            font.Append(new FontName { Val = _fontName });
            font.Append(new FontCharSet { Val = 134 }); // GB2312: Chinese text in the default font
            return font;
        })) { Count = (uint)fonts.Count });
        stylesheet.Append(new Fills(fills.Select((f, i) => i switch
        {
            0 => new Fill(new PatternFill { PatternType = PatternValues.None }),
            1 => new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            _ => new Fill(new PatternFill(new ForegroundColor { Rgb = "FF" + f }, new BackgroundColor { Indexed = 64U }) { PatternType = PatternValues.Solid }),
        })) { Count = (uint)fills.Count });
        stylesheet.Append(new Borders(borders.Select(b =>
        {
            BorderPropertiesType Edge(BorderPropertiesType edge, bool on)
            {
                if (on)
                {
                    edge.Style = BorderStyleValues.Thin;
                    edge.Append(new Color { Indexed = 64U });
                }

                return edge;
            }

            var all = b == CellBorder.All;
            return new Border(
                Edge(new LeftBorder(), all), Edge(new RightBorder(), all), Edge(new TopBorder(), all),
                Edge(new BottomBorder(), all || b == CellBorder.Bottom), new DiagonalBorder());
        })) { Count = (uint)borders.Count });
        stylesheet.Append(new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U });
        stylesheet.Append(xfs);
        stylesheet.Append(new CellStyles(new DocumentFormat.OpenXml.Spreadsheet.CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });
        return stylesheet;
    }

    private void WritePart(string path, OpenXmlElement root)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var writer = new OpenXmlPartWriter(stream, Encoding.UTF8);
        writer.WriteStartDocument();
        writer.WriteElement(root);
        writer.Close();
    }

    private void WriteText(string path, string xml)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        var bytes = Encoding.UTF8.GetBytes(xml);
        stream.Write(bytes);
    }

    /// <summary>Characters XML cannot hold are written the way Excel writes them (_xHHHH_); the text is otherwise unchanged.</summary>
    private static string Escape(string text)
    {
        var clean = true;
        foreach (var c in text)
        {
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
            {
                sb.Append(CultureInfo.InvariantCulture, $"_x{(int)c:X4}_");
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static string Absolute(string reference)
    {
        var letters = new string(reference.TakeWhile(char.IsLetter).ToArray());
        return "$" + letters + "$" + reference[letters.Length..];
    }

    public static string Reference(int row, int column) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    public static string ColumnName(int number)
    {
        var name = "";
        while (number > 0)
        {
            var rest = (number - 1) % 26;
            name = (char)('A' + rest) + name;
            number = (number - rest - 1) / 26;
        }

        return name;
    }
}
