using Microsoft.EntityFrameworkCore;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;
using ServiceReview.Infrastructure.Persistence;
using ServiceReview.Web.Features.Plans;

namespace ServiceReview.Web.Features.Reviews;

/// <summary>
/// A submitted inspection as the lead, the manager and the result pages show it: every indicator's input, evidence,
/// measured figure, points, the category scores, total, grade and veto, laid out in plan order.
/// </summary>
public sealed record InspectionSheet(
    int Id,
    int RoundId,
    string RoundName,
    int TeamId,
    string TeamName,
    string ProjectName,
    int? TeamLeadId,
    int InspectorId,
    string InspectorName,
    InspectionStatus Status,
    DateTime? SubmittedAt,
    DateTime? ConfirmedAt,
    decimal? Total,
    decimal? TotalBeforeVeto,
    string? Grade,
    string? VetoedBy,
    bool IsLate,
    Guid ConcurrencyStamp,
    IReadOnlyList<SheetCategory> Categories)
{
    /// <summary>The plan version's grade bounds, for the grade's name in the user's language.</summary>
    public IReadOnlyList<GradeBound> GradeBounds { get; init; } = [];

    public IEnumerable<SheetRow> Rows => Categories.SelectMany(c => c.Rows);

    public SheetRow? Row(string code) => Rows.FirstOrDefault(r => r.Code == code);
}

public sealed record SheetCategory(string Code, string Name, decimal Weight, decimal? Score, bool Excluded, IReadOnlyList<SheetRow> Rows);

/// <summary>One indicator of a sheet: the plan's definition beside what the inspector entered and earned.</summary>
public sealed record SheetRow(
    string Code,
    string Name,
    string Standard,
    RuleKind Kind,
    decimal Max,
    bool NaAllowed,
    bool Critical,
    string? Unit,
    IReadOnlyList<string> Levels,
    IndicatorInput Input,
    decimal? Points,
    decimal? MeasuredValue,
    int? MeasuredNumerator,
    int? MeasuredDenominator)
{
    public bool MeasuredOverridden => Input.MeasuredOverridden;

    /// <summary>Below 60 % of the indicator's maximum: a candidate for a corrective action.</summary>
    public bool IsWeak => Points is { } p && p < WeakShare * Max;

    public const decimal WeakShare = 0.6m;
}

/// <summary>Loads <see cref="InspectionSheet"/>s (one inspection and its plan version, read-only).</summary>
public static class InspectionSheetLoader
{
    /// <summary>
    /// The sheet of one inspection in three round trips: the inspection with the names it shows (round, team, project,
    /// lead, inspector), its entries, its category scores; the plan from <paramref name="plans"/> (in memory once published).
    /// </summary>
    public static async Task<InspectionSheet?> LoadAsync(ServiceReviewDbContext db, PlanVersionCache plans, int inspectionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plans);
        var found = await (
            from i in db.Inspections.Include(i => i.Entries).Include(i => i.CategoryScores)
            where i.Id == inspectionId
            join r in db.Rounds on i.RoundId equals r.Id
            join t in db.Teams on i.TeamId equals t.Id
            join p in db.Projects on t.ProjectId equals p.Id
            join person in db.People on i.InspectorId equals person.Id
            select new { Inspection = i, RoundName = r.Name, TeamName = t.Name, ProjectName = p.Name, t.LeadId, Inspector = person.DisplayName })
            .AsNoTracking()
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var plan = await plans.GetAsync(db, found.Inspection.PlanVersionId, cancellationToken);
        return Build(found.Inspection, plan, found.RoundName, found.TeamName, found.ProjectName, found.LeadId, found.Inspector);
    }

    public static InspectionSheet Build(Inspection inspection, PlanVersion plan, string roundName, string teamName, string projectName, int? leadId, string inspectorName)
    {
        var entries = inspection.Entries.ToDictionary(e => e.IndicatorCode, StringComparer.Ordinal);
        var scores = inspection.CategoryScores.ToDictionary(c => c.CategoryCode, StringComparer.Ordinal);
        var categories = plan.CategoriesInOrder().Select(category =>
        {
            var rows = category.IndicatorsInOrder()
                .Select(indicator =>
                {
                    var entry = entries.GetValueOrDefault(indicator.Code);
                    return new SheetRow(
                        indicator.Code, indicator.Name, indicator.Standard, indicator.Kind, indicator.Max, indicator.NaAllowed,
                        indicator.Critical, indicator.Unit, indicator.Levels.Select(l => l.Label).ToList(),
                        entry?.Input ?? new IndicatorInput(), entry?.Points, entry?.MeasuredValue, entry?.MeasuredNumerator, entry?.MeasuredDenominator);
                })
                .ToList();
            var score = scores.GetValueOrDefault(category.Code);
            return new SheetCategory(category.Code, category.Name, category.Weight, score?.Score, score?.Excluded ?? false, rows);
        }).ToList();

        return new InspectionSheet(
            inspection.Id, inspection.RoundId, roundName, inspection.TeamId, teamName, projectName, leadId,
            inspection.InspectorId, inspectorName, inspection.Status, inspection.SubmittedAt, inspection.ConfirmedAt,
            inspection.Total, inspection.TotalBeforeVeto, inspection.Grade, inspection.VetoedBy, inspection.IsLate,
            inspection.ConcurrencyStamp, categories)
        {
            GradeBounds = plan.GradeBounds,
        };
    }
}

/// <summary>Language-neutral text of an input, for the audit log ("value=96", "level=良好", "na").</summary>
public static class InputText
{
    public static string Of(IndicatorInput input) => input switch
    {
        { NotApplicable: true } => "na",
        { Value: { } v } => "value=" + v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
        { Count: { } c } => "count=" + c.ToString(System.Globalization.CultureInfo.InvariantCulture),
        { Pass: { } p } => p ? "pass=true" : "pass=false",
        { Level: { } l } => "level=" + l,
        _ => "empty",
    };

    public static string Points(decimal? points) =>
        points is { } p ? p.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
