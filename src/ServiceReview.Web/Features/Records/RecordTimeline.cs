using System.Globalization;
using ServiceReview.Core.Feedback;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Records;
using ServiceReview.Core.Rounds;
using ServiceReview.Web.Features.Attachments;
using ServiceReview.Web.Features.Inspections;

namespace ServiceReview.Web.Features.Records;

/// <summary>
/// The history of one record, oldest first. What the audit log says about the inspection, the round's opening (the
/// assignment) and the corrective actions raised from it; disputes, rulings, comments and files from their own rows,
/// which hold the facts (reason, input before and after, author) that the audit log only has as text. The many
/// autosaved drafts collapse into the first and the last, with their count.
/// </summary>
public static class RecordTimeline
{
    /// <summary>Event names (the JSON's <c>event</c>; resource keys <c>Record.Event.{name}</c>).</summary>
    public static class Events
    {
        public const string Assigned = "Assigned";
        public const string Reassigned = "Reassigned";
        public const string FirstDraft = "FirstDraft";
        public const string LastDraft = "LastDraft";
        public const string Submitted = "Submitted";
        public const string Disputed = "Disputed";
        public const string Ruled = "Ruled";
        public const string ScoreChanged = "ScoreChanged";
        public const string Arbitrated = "Arbitrated";
        public const string Confirmed = "Confirmed";
        public const string Reopened = "Reopened";
        public const string Commented = "Commented";
        public const string CommentEdited = "CommentEdited";
        public const string Attached = "Attached";
        public const string ActionRaised = "ActionRaised";
        public const string ActionDone = "ActionDone";
        public const string ActionVerified = "ActionVerified";
        public const string ActionSentBack = "ActionSentBack";
    }

    private const int CommentExcerpt = 80;

    internal static IReadOnlyList<TimelineEvent> Build(
        IReadOnlyList<AuditRow> audit,
        IReadOnlyList<Dispute> disputes,
        IReadOnlyDictionary<int, string> names,
        IReadOnlyList<Comment> comments,
        IReadOnlyList<Attachment> attachments,
        IReadOnlyList<CorrectiveAction> actions)
    {
        var events = new List<TimelineEvent>();
        string Name(int? id) => id is { } v ? names.GetValueOrDefault(v, "") : "";

        var drafts = audit.Where(e => e.EntityType == InspectionService.AuditEntityType && e.Action == "DraftSaved").ToList();
        if (drafts.Count > 0)
        {
            events.Add(new(drafts[0].At, drafts[0].Actor, Events.FirstDraft, null, null, null, null));
            if (drafts.Count > 1)
            {
                events.Add(new(drafts[^1].At, drafts[^1].Actor, Events.LastDraft, null, null, null, null, drafts.Count));
            }
        }

        var actionCodes = actions.ToDictionary(a => a.Id.ToString(CultureInfo.InvariantCulture), a => a.IndicatorCode, StringComparer.Ordinal);
        foreach (var e in audit)
        {
            var item = e.EntityType switch
            {
                nameof(Round) => new TimelineEvent(e.At, e.Actor, Events.Assigned, null, null, null, null),
                nameof(CorrectiveAction) => new TimelineEvent(e.At, e.Actor, ActionEvent(e.Action), actionCodes.GetValueOrDefault(e.EntityId), null, null, null),
                InspectionService.AuditEntityType => FromInspectionEntry(e, disputes),
                _ => null, // a dispute's own entry: its items are told from the dispute rows below
            };
            if (item is not null)
            {
                events.Add(item);
            }
        }

        foreach (var dispute in disputes)
        {
            foreach (var item in dispute.Items.OrderBy(i => i.IndicatorCode, StringComparer.Ordinal))
            {
                events.Add(new(dispute.RaisedAt, Name(dispute.RaisedById), Events.Disputed, item.IndicatorCode, null, null, item.Reason));
                if (dispute.Status == DisputeStatus.Ruled && dispute.RuledAt is { } ruledAt)
                {
                    events.Add(new(ruledAt, Name(dispute.RuledById), Events.Ruled, item.IndicatorCode, item.Original, item.Ruled, item.Ruling));
                }
            }
        }

        foreach (var comment in comments)
        {
            events.Add(new(comment.CreatedAt, Name(comment.AuthorId), Events.Commented, comment.IndicatorCode, null, null, Excerpt(comment.Text)));
            if (comment.EditedAt is { } edited)
            {
                events.Add(new(edited, Name(comment.AuthorId), Events.CommentEdited, comment.IndicatorCode, null, null, null));
            }
        }

        events.AddRange(attachments.Select(a => new TimelineEvent(a.UploadedAt, Name(a.UploadedById), Events.Attached, a.IndicatorCode, null, null, a.FileName)));

        // What happened in one save (a ruling, its score change, the arbitration and the confirmation) is told in the
        // order of the record's life, whatever the fractions of a second its rows were stamped with.
        return events
            .Select((e, i) => (e, i))
            .OrderBy(x => x.e.At.Ticks / TimeSpan.TicksPerSecond)
            .ThenBy(x => Rank.GetValueOrDefault(x.e.Event, int.MaxValue))
            .ThenBy(x => x.e.At)
            .ThenBy(x => x.i)
            .Select(x => x.e)
            .ToList();
    }

    private static readonly Dictionary<string, int> Rank = new(StringComparer.Ordinal)
    {
        [Events.Assigned] = 0,
        [Events.Reassigned] = 1,
        ["MeasuredFiguresSet"] = 2,
        [Events.FirstDraft] = 3,
        [Events.LastDraft] = 4,
        [Events.Submitted] = 5,
        [Events.Disputed] = 6,
        [Events.Ruled] = 7,
        [Events.ScoreChanged] = 8,
        [Events.Arbitrated] = 9,
        [Events.Confirmed] = 10,
        [Events.Reopened] = 11,
    };

    private static TimelineEvent? FromInspectionEntry(AuditRow e, IReadOnlyList<Dispute> disputes) => e.Action switch
    {
        "DraftSaved" or "Disputed" => null, // collapsed above; the disputed items come from the dispute rows
        AttachmentsController.AuditAction => null, // the inspector's evidence is told from the attachments' rows
        "Reassigned" => new(e.At, e.Actor, Events.Reassigned, null, null, null, e.NewValue),
        "Reopened" => new(e.At, e.Actor, Events.Reopened, null, null, null, AfterStatus(e.NewValue)),
        "ScoreChanged" => ScoreChanged(e, disputes),
        _ => new(e.At, e.Actor, e.Action, null, null, null, null),
    };

    /// <summary>A score changed by a ruling: the indicator is the entry's prefix ("2.3: ..."), the figures those the ruling kept.</summary>
    private static TimelineEvent ScoreChanged(AuditRow e, IReadOnlyList<Dispute> disputes)
    {
        var text = e.NewValue ?? "";
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var code = colon > 0 ? text[..colon] : null;
        // Written in the same save as the ruling; the audit keeps whole microseconds, hence the tolerance.
        var item = disputes
            .Where(d => d.RuledAt is { } ruled && Math.Abs((ruled - e.At).TotalSeconds) < 1)
            .SelectMany(d => d.Items)
            .FirstOrDefault(i => i.IndicatorCode == code);
        return new(e.At, e.Actor, Events.ScoreChanged, code, item?.Original, item?.Ruled, null);
    }

    private static string ActionEvent(string action) => action switch
    {
        "Raised" => Events.ActionRaised,
        "ReportedDone" => Events.ActionDone,
        "Verified" => Events.ActionVerified,
        "SentBack" => Events.ActionSentBack,
        _ => "Action" + action,
    };

    /// <summary>"InProgress: 重新检查" → "重新检查" (the reopening's reason after the new status).</summary>
    private static string? AfterStatus(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var colon = value.IndexOf(": ", StringComparison.Ordinal);
        return colon >= 0 ? value[(colon + 2)..] : value;
    }

    private static string Excerpt(string text) => text.Length <= CommentExcerpt ? text : text[..CommentExcerpt] + "…";
}
