using ServiceReview.Core.Scoring;

namespace ServiceReview.Core.Inspections;

/// <summary>
/// The answer of <see cref="Inspection.TrySubmit"/>: submitted, or not, with the score of the entries (what is missing or
/// lacks evidence) and whether the round's window refused it.
/// </summary>
public sealed record SubmitAttempt(ScoreResult Score, bool Submitted, bool WindowClosed);

/// <summary>The live preview of one inspection (<see cref="Inspection.Preview"/>): the score and the indicators whose input overrides the measured figure, in plan order.</summary>
public sealed record ScorePreview(ScoreResult Score, IReadOnlyList<string> Overridden);
