using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Common;
using ServiceReview.Web.Features.Reviews.Disputes;
using ServiceReview.Web.Features.Rounds;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Results;

/// <summary><c>GET /api/rounds/{id}/results</c>: a round's results for integrations such as HR systems (contracts.md).</summary>
[ApiController]
[Route("api/rounds/{id:int}/results")]
[Authorize(Policy = Policies.ManagerOrAdmin)]
public sealed class RoundResultsApiController(RoundResultsService results) : ControllerBase
{
    [HttpGet]
    [ProducesResponseType<RoundResultsResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(int id, CancellationToken cancellationToken)
    {
        var round = await results.WithRulingsAsync(id, cancellationToken);
        return this.Answer(round, ok: () => Ok(RoundResultsResponse.From(round.Value.Results, round.Value.Rulings)));
    }
}

public sealed record RoundResultsResponse(RoundJson Round, IReadOnlyList<TeamResultJson> Teams)
{
    public static RoundResultsResponse From(RoundResults r, IReadOnlyDictionary<int, IReadOnlyList<RulingFact>> rulings) => new(
        new RoundJson(r.Round.Id, r.Round.Name, r.Round.PlanVersionId, r.Round.Status.ToString(), r.Round.Aggregation.ToString()),
        r.Teams.Select(t => new TeamResultJson(
            t.TeamId, t.Team, t.Project, Json.Trim(t.Total), t.Grade, t.Rank, t.Trimmed,
            t.Counted,
            t.Categories.Select(c => new CategoryJson(c.Code, Json.Trim(c.Score))).ToList(),
            t.Inspections.Select(i => new InspectionJson(
                i.Id,
                string.IsNullOrEmpty(i.InspectorEmail) ? i.Inspector : i.InspectorEmail,
                i.Status.ToString(),
                Json.Trim(i.Total),
                Json.Trim(i.TotalBeforeVeto),
                i.VetoedBy,
                i.Categories.Select(c => new CategoryJson(c.Code, Json.Trim(c.Score))).ToList(),
                i.Items.ToDictionary(x => x.Code, x => ItemJson.From(x.Input, x.Points), StringComparer.Ordinal),
                rulings.GetValueOrDefault(i.Id, []).Select(RulingJson.Of).ToList())).ToList())).ToList());
}

/// <summary>
/// A team's result: <c>counted</c> lists the confirmed inspections its figures come from (all, or what the trimmed mean
/// kept) and <c>categories</c> the mean of each category over those same inspections (rounded once, one decimal), so the
/// categories add up to the mean of the counted totals before veto.
/// </summary>
public sealed record TeamResultJson(
    int TeamId, string Team, string Project, decimal? Total, string? Grade, int? Rank, bool Trimmed,
    IReadOnlyList<int> Counted, IReadOnlyList<CategoryJson> Categories, IReadOnlyList<InspectionJson> Inspections);

public sealed record InspectionJson(
    int Id, string Inspector, string Status, decimal? Total, decimal? TotalBeforeVeto, string? VetoedBy,
    IReadOnlyList<CategoryJson> Categories, IReadOnlyDictionary<string, ItemJson> Items, IReadOnlyList<RulingJson> Rulings);

/// <summary>
/// A ruled disputed indicator (ADR 0023): the input and points before (<c>from</c>) and after (<c>to</c>) the ruling —
/// null when ruled before these were recorded — the lead's reason, the ruling, who ruled and when (UTC).
/// </summary>
public sealed record RulingJson(
    string Indicator, string Outcome, ItemJson? From, ItemJson? To, string Reason, string? Ruling, string? RuledBy, DateTime? RuledAt)
{
    public static RulingJson Of(RulingFact f) => new(
        f.IndicatorCode, f.Outcome.ToString(),
        f.Original is { } o ? ItemJson.From(o.Input, o.Points) : null,
        f.Ruled is { } r ? ItemJson.From(r.Input, r.Points) : null,
        f.Reason, f.Ruling, f.RuledBy,
        f.RuledAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null);
}

public sealed record CategoryJson(string Code, decimal? Score);

/// <summary>An indicator's input in the score preview's request form (one of value, count, pass, level, na), plus its points.</summary>
public sealed record ItemJson
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Value { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Count { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Pass { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Level { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Na { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Points { get; init; }

    public static ItemJson From(IndicatorInput input, decimal? points) => input.NotApplicable
        ? new ItemJson { Na = true }
        : new ItemJson { Value = Json.Trim(input.Value), Count = input.Count, Pass = input.Pass, Level = input.Level, Points = Json.Trim(Figure.Round(points, FigureKind.Points)) };
}

internal static class Json
{
    /// <summary>Drops the trailing zeros that decimal(18,4) columns bring back (96.0000 → 96), so numbers read as written.</summary>
    public static decimal? Trim(decimal? value) => value is { } v ? v / 1.0000000000000000000000000000m : null;
}
