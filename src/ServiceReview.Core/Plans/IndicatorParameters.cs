using System.Globalization;

namespace ServiceReview.Core.Plans;

/// <summary>
/// The parameters of an indicator's rule written as one line of text, the same in the Excel workbook, the plan
/// editor and the comparison: Rating <c>优秀=1; 良好=0.8</c> (label = fraction), Deduction <c>2.5</c> (points per
/// occurrence), Bands <c>≥98→8; ≥95→6</c> (higher is better) or <c>≤2→6; ≤5→3</c> (lower is better), Check nothing.
/// Items are separated by ';' (or '；' or a new line); numbers use '.' as the decimal point.
/// </summary>
public static class IndicatorParameters
{
    private static readonly char[] ItemSeparators = [';', '；', '\n', '\r'];

    public static string Format(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return indicator.Kind switch
        {
            RuleKind.Rating => FormatLevels(indicator.Levels),
            RuleKind.Deduction => indicator.PerOccurrence is { } step ? Number(step) : "",
            RuleKind.Bands => FormatBands(indicator.Direction ?? BandDirection.HigherIsBetter, indicator.Bands),
            _ => "",
        };
    }

    public static string FormatLevels(IEnumerable<RatingLevel> levels) =>
        string.Join("; ", levels.Select(l => $"{l.Label}={Number(l.Fraction)}"));

    public static string FormatBands(BandDirection direction, IEnumerable<Band> bands)
    {
        var op = direction == BandDirection.LowerIsBetter ? "≤" : "≥";
        return string.Join("; ", bands.Select(b => $"{op}{Number(b.Bound)}→{Number(b.Points)}"));
    }

    /// <summary>Parses "优秀=1; 良好=0.8"; null and an error code (Plans.Parameters.*) when the text does not read.</summary>
    public static ParseResult<IReadOnlyList<RatingLevel>> ParseLevels(string? text)
    {
        var levels = new List<RatingLevel>();
        foreach (var item in Items(text))
        {
            var parts = item.Split(['=', '＝', ':', '：'], 2);
            if (parts.Length != 2 || string.IsNullOrWhiteSpace(parts[0]) || !TryNumber(parts[1], out var fraction))
            {
                return ParseResult.Fail<IReadOnlyList<RatingLevel>>("Plans.Parameters.Level", item);
            }

            levels.Add(new RatingLevel(parts[0].Trim(), fraction));
        }

        return levels.Count == 0
            ? ParseResult.Fail<IReadOnlyList<RatingLevel>>("Plans.Parameters.LevelsMissing", text ?? "")
            : ParseResult.Ok<IReadOnlyList<RatingLevel>>(levels);
    }

    /// <summary>Parses "2.5" (a trailing 分 or 分/次 is tolerated).</summary>
    public static ParseResult<decimal> ParseDeduction(string? text)
    {
        var trimmed = (text ?? "").Trim().TrimEnd('次').TrimEnd('/', '每').TrimEnd('分').Trim();
        return TryNumber(trimmed, out var step)
            ? ParseResult.Ok<decimal>(step)
            : ParseResult.Fail<decimal>("Plans.Parameters.Deduction", text ?? "");
    }

    /// <summary>Parses "≥98→8; ≥95→6" or "≤2→6"; every band must use the same comparison.</summary>
    public static ParseResult<(BandDirection Direction, IReadOnlyList<Band> Bands)> ParseBands(string? text)
    {
        BandDirection? direction = null;
        var bands = new List<Band>();
        foreach (var raw in Items(text))
        {
            var item = raw.Replace(">=", "≥", StringComparison.Ordinal).Replace("<=", "≤", StringComparison.Ordinal)
                .Replace("->", "→", StringComparison.Ordinal).Replace("=>", "→", StringComparison.Ordinal)
                .Replace('＞', '≥').Replace('＜', '≤').Replace('：', '→').Replace(':', '→').Replace('=', '→').Trim();
            BandDirection itemDirection;
            if (item.StartsWith('≥'))
            {
                itemDirection = BandDirection.HigherIsBetter;
            }
            else if (item.StartsWith('≤'))
            {
                itemDirection = BandDirection.LowerIsBetter;
            }
            else
            {
                return Fail(raw);
            }

            var parts = item[1..].Split('→', 2);
            if (parts.Length != 2 || !TryNumber(parts[0], out var bound) || !TryNumber(parts[1].Trim().TrimEnd('分'), out var points))
            {
                return Fail(raw);
            }

            if (direction is not null && direction != itemDirection)
            {
                return ParseResult.Fail<(BandDirection, IReadOnlyList<Band>)>("Plans.Parameters.MixedDirections", text ?? "");
            }

            direction = itemDirection;
            bands.Add(new Band(bound, points));
        }

        return direction is { } d
            ? ParseResult.Ok<(BandDirection, IReadOnlyList<Band>)>((d, bands))
            : ParseResult.Fail<(BandDirection, IReadOnlyList<Band>)>("Plans.Parameters.BandsMissing", text ?? "");

        static ParseResult<(BandDirection, IReadOnlyList<Band>)> Fail(string item) =>
            ParseResult.Fail<(BandDirection, IReadOnlyList<Band>)>("Plans.Parameters.Band", item.Trim());
    }

    public static bool TryNumber(string? text, out decimal value) =>
        decimal.TryParse((text ?? "").Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    private static string[] Items(string? text) =>
        (text ?? "").Split(ItemSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>A parsed value, or the code of what was wrong and the piece of text that was.</summary>
public sealed record ParseResult<T>(bool Success, T? Value, string? ErrorCode, string? ErrorText);

/// <summary>Factories of <see cref="ParseResult{T}"/>.</summary>
public static class ParseResult
{
    public static ParseResult<T> Ok<T>(T value) => new(true, value, null, null);

    public static ParseResult<T> Fail<T>(string code, string text) => new(false, default, code, text);
}
