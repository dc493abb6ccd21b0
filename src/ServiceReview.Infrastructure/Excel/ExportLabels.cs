using System.Globalization;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Infrastructure.Excel;

/// <summary>
/// The words of the exported sheets in the user's language. Infrastructure holds no resources: the web layer passes
/// a lookup of its localised texts (keys <c>Exports.*</c> in SharedResource), so sheet and column names are Chinese by
/// default and English when the UI is in English. Data (plan texts, team names, notes) is never translated.
/// </summary>
public sealed class ExportLabels(Func<string, string> text, CultureInfo culture)
{
    public CultureInfo Culture { get; } = culture;

    public string this[string key] => text("Exports." + key);

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    public string Status(InspectionStatus status) => this["Status." + status];

    public string ActionStatus(CorrectiveActionStatus status) => this["ActionStatus." + status];

    /// <summary>What the inspector entered, as the paper form shows it (the number itself goes to a number cell elsewhere).</summary>
    public string Input(IndicatorInput input) => input switch
    {
        { NotApplicable: true } => this["Input.NotApplicable"],
        { Pass: { } pass } => pass ? this["Input.Pass"] : this["Input.Fail"],
        { Level: { } level } => level,
        { Count: { } count } => Format("Input.Count", count),
        { Value: { } value } => value.ToString("0.0##", Culture),
        _ => this["Input.Empty"],
    };

    public string Outcome(DisputeOutcome outcome) => this["Ruling.Outcome." + outcome];

    /// <summary>A ruled item's input before or after the ruling; "not recorded" for items ruled before these facts were kept.</summary>
    public string Recorded(RecordedScore? recorded) => recorded is null ? this["Ruling.NotRecorded"] : Input(recorded.Input);

    /// <summary>English-neutral invariant culture for the lookup-less tests and the benchmarks.</summary>
    public static ExportLabels Keys() => new(key => key, CultureInfo.InvariantCulture);
}
