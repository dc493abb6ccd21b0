using System.Text.Json;
using System.Text.Json.Serialization;
using ServiceReview.Core.Inspections;
using ServiceReview.Core.Plans;
using ServiceReview.Core.Scoring;

namespace ServiceReview.Web.Features.Plans;

/// <summary><c>GET /api/plans</c>: one line per plan version.</summary>
public sealed record PlanSummaryDto(int Id, string Name, int Version, string Status)
{
    public static PlanSummaryDto From(PlanVersion v) => new(v.Id, v.Name, v.Number, v.Status.ToString());
}

/// <summary><c>GET /api/plans/{id}</c>: a plan version in full, in the shape of contracts.md.</summary>
public sealed record PlanDto(int Id, string Name, int Version, string Status, IReadOnlyList<GradeBoundDto> GradeBounds, IReadOnlyList<CategoryDto> Categories)
{
    public static PlanDto From(PlanVersion v) => new(
        v.Id,
        v.Name,
        v.Number,
        v.Status.ToString(),
        v.GradeBounds.OrderByDescending(g => g.Min).Select(g => new GradeBoundDto(g.Grade, Plain(g.Min), g.EnglishLabel)).ToList(),
        v.CategoriesInOrder().Select(c => new CategoryDto(
            c.Code,
            c.Name,
            Plain(c.Weight),
            c.IndicatorsInOrder().Select(IndicatorDto.From).ToList())).ToList());

    /// <summary>Drops the trailing zeros a decimal column brings back (20.0000 → 20).</summary>
    public static decimal Plain(decimal d) => d / 1.000000000000000000000000000000000m;
}

/// <summary>A grade bound; <see cref="EnglishLabel"/> (added later, null when the plan gives none) is what the English UI shows.</summary>
public sealed record GradeBoundDto(string Grade, decimal Min, string? EnglishLabel = null);

public sealed record CategoryDto(string Code, string Name, decimal Weight, IReadOnlyList<IndicatorDto> Indicators);

public sealed record IndicatorDto(
    string Code,
    string Name,
    string Standard,
    string Kind,
    decimal Max,
    bool NaAllowed,
    bool Critical,
    string? Measure,
    string? Direction,
    IReadOnlyList<BandDto>? Bands,
    decimal? PerOccurrence,
    IReadOnlyList<LevelDto>? Levels,
    string? Unit,
    decimal? MinValue,
    decimal? MaxValue)
{
    public static IndicatorDto From(Indicator i) => new(
        i.Code,
        i.Name,
        i.Standard,
        i.Kind.ToString(),
        PlanDto.Plain(i.Max),
        i.NaAllowed,
        i.Critical,
        i.Measure is { } m ? JsonNamingPolicy.CamelCase.ConvertName(m.ToString()) : null,
        i.Kind == RuleKind.Bands ? (i.Direction ?? BandDirection.HigherIsBetter).ToString() : null,
        i.Kind == RuleKind.Bands ? i.Bands.Select(b => new BandDto(PlanDto.Plain(b.Bound), PlanDto.Plain(b.Points))).ToList() : null,
        i.Kind == RuleKind.Deduction && i.PerOccurrence is { } p ? PlanDto.Plain(p) : null,
        i.Kind == RuleKind.Rating ? i.Levels.Select(l => new LevelDto(l.Label, PlanDto.Plain(l.Fraction))).ToList() : null,
        i.Unit,
        i.MinValue is { } min ? PlanDto.Plain(min) : null,
        i.MaxValue is { } max ? PlanDto.Plain(max) : null);
}

public sealed record BandDto(decimal Bound, decimal Points);

public sealed record LevelDto(string Label, decimal Fraction);

/// <summary>
/// <c>POST /api/plans/{id}/score</c> response (contracts.md), plus <c>points</c> per indicator (rounded once to the
/// points format, one decimal, as every page shows them; null for N/A or missing) so that the form can show each
/// indicator's points without computing or re-rounding them. A partial form is
/// provisional: while any indicator has no input, <c>complete</c> is false and <c>grade</c> is null (the total is
/// what the inputs so far give, the missing indicators counted as N/A).
/// </summary>
public sealed record ScorePreviewDto(
    IReadOnlyList<CategoryScoreDto> Categories,
    decimal Total,
    decimal TotalBeforeVeto,
    string? Grade,
    string? VetoedBy,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> MissingEvidence,
    IReadOnlyDictionary<string, decimal?> Points,
    bool Complete)
{
    /// <summary>
    /// The indicators whose input overrides their measured figure, in plan order, as the server decided it: only the
    /// per-inspection preview (<c>POST /api/inspections/{id}/score</c>) knows the figures, so only it carries this.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Overridden { get; init; }

    /// <summary>The per-inspection preview: the score plus the overrides Core marked.</summary>
    public static ScorePreviewDto From(ScorePreview preview) => From(preview.Score) with { Overridden = preview.Overridden };

    public static ScorePreviewDto From(ScoreResult r) => new(
        r.Categories.Select(c => new CategoryScoreDto(c.Code, c.Name, c.Score, PlanDto.Plain(c.Weight), c.Excluded)).ToList(),
        r.Total,
        r.TotalBeforeVeto,
        r.Missing.Count == 0 ? r.Grade : null,
        r.VetoedBy,
        r.Missing,
        r.MissingEvidence,
        r.Points.ToDictionary(p => p.Key, p => p.Value is { } v ? Figure.Round(v, FigureKind.Points) : (decimal?)null),
        r.Missing.Count == 0);
}

public sealed record CategoryScoreDto(string Code, string Name, decimal? Score, decimal Weight, bool Excluded);
