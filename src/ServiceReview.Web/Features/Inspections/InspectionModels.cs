using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Rounds;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Web.Features.Inspections;

/// <summary>One line of an inspector's own list.</summary>
public sealed record InspectionListItem(
    int Id,
    string Round,
    string Project,
    string Team,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateTime DueUtc,
    InspectionStatus Status,
    int TimeSpentSeconds,
    decimal? Total,
    string? Grade,
    bool IsOverdue)
{
    /// <summary>The plan version the inspection is scored under (the grade's names come from it).</summary>
    public int PlanVersionId { get; init; }

    public bool IsOpen => Status is InspectionStatus.Assigned or InspectionStatus.InProgress;
}

/// <summary>Everything the checklist form or the read-only record shows.</summary>
public sealed class InspectionRecord
{
    public required Inspection Inspection { get; init; }

    public required PlanVersion Plan { get; init; }

    public required Round Round { get; init; }

    public required string TeamName { get; init; }

    public required string ProjectName { get; init; }

    public required string InspectorName { get; init; }

    /// <summary>What the form shows per indicator: the saved input, or what a measured figure suggests for an empty entry.</summary>
    public required IReadOnlyDictionary<string, IndicatorInput> Inputs { get; init; }

    /// <summary>Whether submitting now is allowed by the window (open, or reopened by a manager).</summary>
    public required bool WindowOpen { get; init; }

    /// <summary>The other inspectors' handed-in totals for the same team and round; empty until this one is submitted.</summary>
    public IReadOnlyList<OtherInspectorTotal> Others { get; init; } = [];
}

public sealed record OtherInspectorTotal(string Inspector, InspectionStatus Status, decimal? Total, decimal? TotalBeforeVeto, string? Grade, string? VetoedBy);

/// <summary>An inspector's own record with its plan version: what the live preview scores against.</summary>
public sealed record InspectionPreviewSource(Inspection Inspection, PlanVersion Plan)
{
    /// <summary>The score with the form's inputs, overrides of measured figures marked by Core.</summary>
    public ScorePreview Preview(IReadOnlyDictionary<string, IndicatorInput> inputs) => Inspection.Preview(Plan, inputs);
}

public sealed record DraftSaved(Guid Stamp, int TimeSpentSeconds, DateTime SavedAtUtc);

/// <summary>
/// The result of a submit: either submitted, or refused with the score of the draft (its Missing / MissingEvidence
/// name the indicators to fix) and whether the window is closed. A refused submit still saved the draft.
/// </summary>
public sealed record SubmitOutcome(bool Submitted, Guid Stamp, ScoreResult Score, bool WindowClosed)
{
    /// <summary>The plan's grade bounds, for the grade's name in the user's language.</summary>
    public IReadOnlyList<GradeBound> GradeBounds { get; init; } = [];
}
