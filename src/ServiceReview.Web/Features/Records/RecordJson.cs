using System.Text.Json.Serialization;
using ServiceReview.Core.Inspections;
using ServiceReview.Web.Features.Results;
using ServiceReview.Web.Features.Reviews.Disputes;

namespace ServiceReview.Web.Features.Records;

/// <summary>
/// <c>GET /api/inspections/{id}</c> (contracts.md, "The record of one inspection"): the fields of an inspection in the
/// round results (<see cref="InspectionJson"/>: id, inspector, status, total, totalBeforeVeto, vetoedBy, categories,
/// items, rulings) with the record's context, notes, files, comments and timeline. Times are UTC.
/// </summary>
public sealed record RecordJson(
    int Id,
    string Inspector,
    string Status,
    decimal? Total,
    decimal? TotalBeforeVeto,
    string? VetoedBy,
    IReadOnlyList<CategoryJson> Categories,
    IReadOnlyDictionary<string, ItemJson> Items,
    IReadOnlyList<RulingJson> Rulings,
    string? Grade,
    bool Late,
    RecordRoundJson Round,
    RecordTeamJson Team,
    RecordPlanJson Plan,
    int TimeSpentSeconds,
    DateTime? SubmittedAt,
    DateTime? ConfirmedAt,
    IReadOnlyDictionary<string, string> Notes,
    IReadOnlyList<AttachmentJson> Attachments,
    IReadOnlyList<CommentJson> Comments,
    IReadOnlyList<TimelineJson> Timeline)
{
    public static RecordJson From(RecordView record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var sheet = record.Sheet;
        var rulings = record.Disputes
            .Where(d => d.Status == DisputeStatus.Ruled)
            .GroupBy(d => d.IndicatorCode, StringComparer.Ordinal)
            .Select(g => g.OrderBy(d => d.RuledAt).ThenBy(d => d.DisputeId).Last())
            .OrderBy(d => d.IndicatorCode, StringComparer.Ordinal)
            .Select(d => RulingJson.Of(new RulingFact(sheet.Id, d.IndicatorCode, d.Outcome, d.Original, d.Ruled, d.Reason, d.Ruling, d.RuledBy, d.RuledAt)))
            .ToList();
        return new RecordJson(
            sheet.Id,
            string.IsNullOrEmpty(record.InspectorEmail) ? sheet.InspectorName : record.InspectorEmail,
            sheet.Status.ToString(),
            Json.Trim(sheet.Total),
            Json.Trim(sheet.TotalBeforeVeto),
            sheet.VetoedBy,
            sheet.Categories.Select(c => new CategoryJson(c.Code, Json.Trim(c.Score))).ToList(),
            sheet.Rows.ToDictionary(r => r.Code, r => ItemJson.From(r.Input, r.Points), StringComparer.Ordinal),
            rulings,
            sheet.Grade,
            sheet.IsLate,
            new RecordRoundJson(sheet.RoundId, sheet.RoundName, record.PeriodStart, record.PeriodEnd),
            new RecordTeamJson(sheet.TeamId, sheet.TeamName, sheet.ProjectName),
            new RecordPlanJson(record.PlanName, record.PlanVersionNumber),
            record.TimeSpentSeconds,
            Utc(sheet.SubmittedAt),
            Utc(sheet.ConfirmedAt),
            sheet.Rows.Where(r => !string.IsNullOrWhiteSpace(r.Input.Note)).ToDictionary(r => r.Code, r => r.Input.Note!, StringComparer.Ordinal),
            record.Attachments.Select(AttachmentJson.Of).ToList(),
            record.Comments.Select(c => new CommentJson(
                c.Id, c.Author, Utc(c.At)!.Value, c.IndicatorCode, c.Text, Utc(c.EditedAt),
                record.OfComment(c.Id).Select(AttachmentJson.Of).ToList())).ToList(),
            record.Timeline.Select(TimelineJson.Of).ToList());
    }

    internal static DateTime? Utc(DateTime? at) => at is { } v ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : null;
}

public sealed record RecordRoundJson(int Id, string Name, DateOnly PeriodStart, DateOnly PeriodEnd);

public sealed record RecordTeamJson(int Id, string Name, string Project);

public sealed record RecordPlanJson(string Name, int Version);

/// <summary>A file of the record: <c>indicator</c> is null for a file of the record as a whole; <c>to</c> says what it is attached to.</summary>
public sealed record AttachmentJson(int Id, string Name, long Size, string ContentType, string? Indicator, string To)
{
    public static AttachmentJson Of(RecordAttachment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.Name, a.Size, a.ContentType, a.IndicatorCode, a.To.ToString());
    }
}

public sealed record CommentJson(int Id, string Author, DateTime At, string? Indicator, string Text, DateTime? EditedAt, IReadOnlyList<AttachmentJson> Attachments);

/// <summary>
/// One event of the record's history (<see cref="RecordTimeline.Events"/>); a ruling is <c>"Ruled"</c> with the input and
/// points before (<c>from</c>) and after (<c>to</c>); <c>count</c> is the number of drafts on <c>"LastDraft"</c>.
/// </summary>
public sealed record TimelineJson(DateTime At, string Actor, string Event, string? Indicator, ItemJson? From, ItemJson? To, string? Note)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Count { get; init; }

    public static TimelineJson Of(TimelineEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(
            RecordJson.Utc(e.At)!.Value, e.Actor, e.Event, e.Indicator,
            e.From is { } f ? ItemJson.From(f.Input, f.Points) : null,
            e.To is { } t ? ItemJson.From(t.Input, t.Points) : null,
            e.Note)
        {
            Count = e.Count > 1 ? e.Count : null,
        };
    }
}
