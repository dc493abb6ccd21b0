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

    /// <summary>
    /// True when <paramref name="input"/> replaces the figure: another value or count, or N/A for an indicator that has
    /// a value (N/A takes the figure out of the score). The one home of the override rule: the stored entry
    /// (<see cref="InspectionEntry.MeasuredOverridden"/>), the live preview and calibration all ask it; an override
    /// needs a note.
    /// </summary>
    public static bool Overrides(MeasuredFigure figure, IndicatorInput input)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentNullException.ThrowIfNull(input);
        return figure.Value is { } value
            && (input.NotApplicable || (input.Value is not null && input.Value != value) || (input.Count is not null && input.Count != value));
    }

    /// <summary>The input marked as overriding the figure when it does (the scoring engine then asks for a note).</summary>
    public static IndicatorInput Marked(MeasuredFigure? figure, IndicatorInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return figure is not null && Overrides(figure, input) ? input with { MeasuredOverridden = true } : input;
    }
}
