using ServiceReview.Core.Scoring;

namespace ServiceReview.Core.Inspections;

/// <summary>One indicator of an inspection record: the input, the note (evidence), the measured figure, the points.</summary>
public sealed class InspectionEntry
{
    private InspectionEntry()
    {
    }

    internal InspectionEntry(string indicatorCode) => IndicatorCode = indicatorCode;

    public int Id { get; private set; }

    public string IndicatorCode { get; private set; } = "";

    public decimal? Value { get; private set; }

    public int? Count { get; private set; }

    public bool? Pass { get; private set; }

    public string? Level { get; private set; }

    public bool NotApplicable { get; private set; }

    /// <summary>Observation / evidence (检查记录); for N/A the reason; for an overridden measured value the override reason.</summary>
    public string? Note { get; private set; }

    /// <summary>The figure computed from service records, when the indicator is measured.</summary>
    public decimal? MeasuredValue { get; private set; }

    public int? MeasuredNumerator { get; private set; }

    public int? MeasuredDenominator { get; private set; }

    /// <summary>Points earned, as scored at submission (null: N/A or not scored).</summary>
    public decimal? Points { get; private set; }

    /// <summary>The figure computed from service records, or null when none was put into this entry.</summary>
    public MeasuredFigure? Measured =>
        MeasuredValue is null && MeasuredNumerator is null && MeasuredDenominator is null
            ? null
            : new MeasuredFigure(MeasuredValue, MeasuredNumerator, MeasuredDenominator);

    /// <summary>
    /// True when the inspector entered something other than the measured figure (<see cref="MeasuredInput.Overrides"/>,
    /// the one rule; marking N/A an indicator that has a figure is an override too).
    /// </summary>
    public bool MeasuredOverridden => Input.MeasuredOverridden;

    /// <summary>The input as the scoring engine takes it: marked when it overrides the measured figure (it then needs a note).</summary>
    public IndicatorInput Input => MeasuredInput.Marked(Measured, Entered);

    /// <summary>What the inspector entered, as entered.</summary>
    private IndicatorInput Entered => new()
    {
        Value = Value,
        Count = Count,
        Pass = Pass,
        Level = Level,
        NotApplicable = NotApplicable,
        Note = Note,
    };

    /// <summary>The input and points as they stand now, kept by a dispute's ruling.</summary>
    internal RecordedScore Snapshot() => new(Entered, Points);

    internal void SetInput(IndicatorInput input)
    {
        Value = input.Value;
        Count = input.Count;
        Pass = input.Pass;
        Level = input.Level;
        NotApplicable = input.NotApplicable;
        Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
    }

    internal void SetMeasured(MeasuredFigure figure)
    {
        MeasuredValue = figure.Value;
        MeasuredNumerator = figure.Numerator;
        MeasuredDenominator = figure.Denominator;
    }

    internal void SetPoints(decimal? points) => Points = points;
}

/// <summary>A figure computed from service records: value with the numerator and denominator behind it.</summary>
public sealed record MeasuredFigure(decimal? Value, int? Numerator, int? Denominator);
