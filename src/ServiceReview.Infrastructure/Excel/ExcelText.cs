using System.Globalization;
using ClosedXML.Excel;
using ServiceReview.Core.Scoring;
using SpreadCheetah.Styling;

namespace ServiceReview.Infrastructure.Excel;

/// <summary>
/// The one place where text reaches a spreadsheet cell, for every workbook the app writes (ClosedXML and the streaming
/// SpreadCheetah writer alike). ClosedXML 0.95 turns a string value that starts with "=" into a formula, and spreadsheet
/// programs treat text that starts with =, +, -, @, tab, CR or LF as a formula when a cell is edited (formula
/// injection). So text is always a text cell, never a formula, and text that starts with one of those characters is
/// <em>guarded</em>: it carries the Text number format (<c>@</c>) and, where the writer can set it (ClosedXML), the
/// quote-prefix flag — what Excel itself stores when someone types a leading apostrophe. Editing such a cell in Excel,
/// WPS or LibreOffice keeps it text. The text itself is never altered (no apostrophe is added to the value): the user
/// sees exactly what was typed, and a plan workbook reads back unchanged. Numbers, negative ones included, are number
/// cells and are never guarded (docs/security.md, "Exports").
/// </summary>
public static class ExcelText
{
    /// <summary>The built-in number format "@" (Text).</summary>
    public const int TextNumberFormatId = 49;

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r', '\n'];

    /// <summary>Whether a spreadsheet program could read <paramref name="text"/> as a formula.</summary>
    public static bool LooksLikeFormula(string? text) =>
        !string.IsNullOrEmpty(text) && Array.IndexOf(FormulaStarts, text[0]) >= 0;

    /// <summary>Writes <paramref name="text"/> as a text cell; null or empty leaves the cell blank.</summary>
    public static IXLCell Set(IXLCell cell, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            cell.Clear(XLClearOptions.Contents);
            return cell;
        }

        // DataType first, then SetValue<string>: ClosedXML then stores the string as it is, never as a formula.
        cell.DataType = XLDataType.Text;
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        if (LooksLikeFormula(text))
        {
            cell.Style.IncludeQuotePrefix = true;
            cell.Style.NumberFormat.NumberFormatId = TextNumberFormatId;
        }

        return cell;
    }

    /// <summary>
    /// The style a streaming (SpreadCheetah) writer gives formula-like text: SpreadCheetah cannot set the quote-prefix
    /// flag, so the guard is the Text number format. Add it once per spreadsheet and pass its id to
    /// <see cref="Cell(string?, StyleId)"/>.
    /// </summary>
    public static Style GuardedTextStyle() => new() { Format = SpreadCheetah.Styling.NumberFormat.Standard(StandardNumberFormat.Text) };

    /// <summary>The style a streaming (SpreadCheetah) writer gives a figure of <paramref name="kind"/>: its kind's number format.</summary>
    public static Style FigureStyle(FigureKind kind) => new() { Format = SpreadCheetah.Styling.NumberFormat.Custom(Core.Scoring.Figure.ExcelFormat(kind)) };

    /// <summary>
    /// A SpreadCheetah number cell for a figure, rounded once to its kind's precision (a percentage written as a
    /// fraction); pass the id of <see cref="FigureStyle"/> for the same kind. Null gives an empty cell.
    /// </summary>
    public static SpreadCheetah.Cell FigureCell(decimal? value, FigureKind kind, StyleId style) =>
        value is { } v
            ? new SpreadCheetah.Cell(kind == FigureKind.Percent ? Core.Scoring.Figure.Round(v, kind) / 100m : Core.Scoring.Figure.Round(v, kind), style)
            : new SpreadCheetah.Cell((string?)null);

    /// <summary>A SpreadCheetah text cell (an inline string, never a formula), guarded when it looks like a formula.</summary>
    public static SpreadCheetah.Cell Cell(string? text, StyleId guarded) =>
        LooksLikeFormula(text) ? new SpreadCheetah.Cell(text, guarded) : new SpreadCheetah.Cell(text);

    /// <summary>
    /// Writes a figure as a number cell, rounded once to its kind's precision with its kind's number format
    /// (<see cref="Core.Scoring.Figure"/>); a percentage (held as 96.4) is written as the fraction 0.964 with "0.0%". Null leaves the cell blank.
    /// </summary>
    public static IXLCell Figure(IXLCell cell, decimal? value, FigureKind kind)
    {
        if (value is { } v)
        {
            var rounded = Core.Scoring.Figure.Round(v, kind);
            cell.SetValue(kind == FigureKind.Percent ? rounded / 100m : rounded);
            cell.Style.NumberFormat.Format = Core.Scoring.Figure.ExcelFormat(kind);
        }

        return cell;
    }

    /// <summary>A double figure (statistics) as <see cref="Figure(IXLCell, decimal?, FigureKind)"/>; NaN and infinities leave the cell blank.</summary>
    public static IXLCell Figure(IXLCell cell, double? value, FigureKind kind) =>
        Figure(cell, value is { } v && double.IsFinite(v) ? (decimal)v : null, kind);

    /// <summary>A whole-number figure (a count, a rank) as <see cref="Figure(IXLCell, decimal?, FigureKind)"/>.</summary>
    public static IXLCell Figure(IXLCell cell, int? value, FigureKind kind) => Figure(cell, (decimal?)value, kind);

    /// <summary>Writes a number (or leaves the cell blank for null) with a number format.</summary>
    public static IXLCell Number(IXLCell cell, decimal? value, string format = "0.0")
    {
        if (value is { } v)
        {
            cell.SetValue(v);
            cell.Style.NumberFormat.Format = format;
        }

        return cell;
    }

    /// <summary>Writes an integer (or leaves the cell blank for null).</summary>
    public static IXLCell Number(IXLCell cell, int? value)
    {
        if (value is { } v)
        {
            cell.SetValue(v);
            cell.Style.NumberFormat.Format = "0";
        }

        return cell;
    }

    /// <summary>A date as a real date cell (sortable), shown as yyyy-mm-dd.</summary>
    public static IXLCell Date(IXLCell cell, DateOnly? date)
    {
        if (date is { } d)
        {
            cell.SetValue(d.ToDateTime(TimeOnly.MinValue));
            cell.Style.DateFormat.Format = "yyyy-mm-dd";
        }

        return cell;
    }

    /// <summary>A local date-time as a real date cell, shown as yyyy-mm-dd hh:mm.</summary>
    public static IXLCell DateTime(IXLCell cell, DateTime? local)
    {
        if (local is { } d)
        {
            cell.SetValue(System.DateTime.SpecifyKind(d, DateTimeKind.Unspecified));
            cell.Style.DateFormat.Format = "yyyy-mm-dd hh:mm";
        }

        return cell;
    }

    /// <summary>
    /// A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], unique in the workbook
    /// (a counter is appended when needed).
    /// </summary>
    public static string SheetName(string wanted, ISet<string> taken)
    {
        var clean = new string(wanted.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '_' : c).ToArray()).Trim('\'').Trim();
        if (clean.Length == 0)
        {
            clean = "Sheet";
        }

        var name = clean.Length > 31 ? clean[..31] : clean;
        for (var n = 2; taken.Contains(name); n++)
        {
            var suffix = " (" + n.ToString(CultureInfo.InvariantCulture) + ")";
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }

        taken.Add(name);
        return name;
    }
}
