namespace ServiceReview.Web.Features.ServiceRecords;

/// <summary>
/// A subset of a team's records in a period that a measured figure counts: the numerator or denominator of a figure,
/// or its complement, so that the UI can list "the records behind" a number.
/// </summary>
public enum RecordSlice
{
    All,
    Complete,
    Incomplete,
    LateArchive,
    ResponseOnTime,
    ResponseLate,
    ResponseJudged,
    ResolvedOnTime,
    ResolutionLate,
    ResolutionJudged,
    Resolved,
    FirstContact,

    /// <summary>Resolved, but not at the first contact: what the first-contact figure counts against the team.</summary>
    NotFirstContact,
}
