using ServiceReview.Web.Common;

namespace ServiceReview.Web.Features.Records;

/// <summary>The record page: the record, and what the person looking at it may do from here.</summary>
public sealed class RecordPageViewModel
{
    public required RecordView Record { get; init; }

    /// <summary>The inspector's own record is still editable: the page links to the form ("继续填写").</summary>
    public required bool CanContinue { get; init; }

    /// <summary>The way back, by who is looking: the inspector's list, the lead's reviews, the team's result.</summary>
    public required IReadOnlyList<Crumb> Breadcrumb { get; init; }
}
