namespace ServiceReview.Core.Rounds;

/// <summary>
/// Where one inspection stands against its round's inspection window at a moment (<see cref="Round.SubmissionWindowFor(Inspections.Inspection, DateTime)"/>,
/// the one home of the rule "closed unless reopened").
/// </summary>
public enum SubmissionWindow
{
    /// <summary>The round's window has not opened yet: nothing can be submitted, nothing is overdue.</summary>
    NotYetOpen,

    /// <summary>The round is open and the moment falls inside its window.</summary>
    Open,

    /// <summary>The window is not open, but a manager reopened this inspection: it may be submitted, and is then late.</summary>
    Reopened,

    /// <summary>The window has ended (or the round was closed) and the inspection was not reopened: an unfinished one is overdue.</summary>
    Closed,
}

public static class SubmissionWindowExtensions
{
    /// <summary>Whether an inspection may be submitted now.</summary>
    public static bool AcceptsSubmission(this SubmissionWindow window) => window is SubmissionWindow.Open or SubmissionWindow.Reopened;

    /// <summary>Whether a submission now is late (allowed only because the inspection was reopened).</summary>
    public static bool IsLate(this SubmissionWindow window) => window == SubmissionWindow.Reopened;
}
