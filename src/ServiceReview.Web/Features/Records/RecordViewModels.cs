using ServiceReview.Web.Common;

namespace ServiceReview.Web.Features.Records;

/// <summary>The record page: the record, and what the person looking at it may do from here.</summary>
public sealed class RecordPageViewModel
{
    public required RecordView Record { get; init; }

    /// <summary>The inspector's own record is still editable: the page links to the form ("继续填写").</summary>
    public required bool CanContinue { get; init; }

    /// <summary>The team's lead may confirm or dispute it now (the review page).</summary>
    public bool CanReview { get; init; }

    /// <summary>A manager may rule on this open dispute (the arbitration page).</summary>
    public int? DisputeToRule { get; init; }

    /// <summary>The record's conversation: its comments and, for who may write, the form (Features/Conversation).</summary>
    public required Conversation.ConversationView Conversation { get; init; }

    /// <summary>The way back, by who is looking: the inspector's list, the lead's reviews, the team's result.</summary>
    public required IReadOnlyList<Crumb> Breadcrumb { get; init; }
}
