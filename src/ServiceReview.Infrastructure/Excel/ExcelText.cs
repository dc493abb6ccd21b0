using System.Globalization;
using ClosedXML.Excel;

namespace ServiceReview.Infrastructure.Excel;

/// <summary>
/// Writing people's text into spreadsheets safely. ClosedXML 0.95 turns a string value that starts with "=" into a
/// formula, and spreadsheet programs treat text that starts with =, +, -, @, tab, CR or LF as a formula when a cell is
/// edited or a CSV is re-imported (CSV/formula injection). Every user-typed text therefore goes through
/// <see cref="Set(IXLCell, string?)"/>: it is stored as a text cell (never a formula) and, when it starts with one of
/// those characters, also carries the quote-prefix style, so that editing the cell in Excel, WPS or LibreOffice keeps it
/// text. The text itself is never altered: the user sees exactly what was typed.
/// </summary>
public static class ExcelText
{
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
        }

        return cell;
    }

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
