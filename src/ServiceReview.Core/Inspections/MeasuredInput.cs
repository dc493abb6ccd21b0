using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Core.Inspections;

/// <summary>What a measured figure puts into the inspector's form before they judge it (scoring.md, measured indicators).</summary>
public static class MeasuredInput
{
    /// <summary>The reason a figure without a value makes its indicator N/A (data, kept in Chinese like grades).</summary>
    public const string NoServiceRecordsNote = "无服务记录";

    /// <summary>
    /// The input a figure suggests: the value for a Bands indicator, the count for a Deduction indicator, or, when the
    /// figure has no value (denominator 0), N/A with the note <see cref="NoServiceRecordsNote"/> if the indicator allows
    /// N/A. Null when the figure cannot fill this indicator (nothing is pre-filled then).
    /// </summary>
    public static IndicatorInput? For(Indicator indicator, MeasuredFigure figure)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(figure);
        if (figure.Value is not { } value)
        {
            return indicator.NaAllowed ? new IndicatorInput { NotApplicable = true, Note = NoServiceRecordsNote } : null;
        }

        return indicator.Kind switch
        {
            RuleKind.Bands => new IndicatorInput { Value = value },
            RuleKind.Deduction when value >= 0 && value == decimal.Truncate(value) => new IndicatorInput { Count = (int)value },
            _ => null,
        };
    }
}
