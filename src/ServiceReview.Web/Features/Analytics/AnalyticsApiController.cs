using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceReview.Core.Analytics;
using ServiceReview.Core.Scoring;
using ServiceReview.Web.Security;

namespace ServiceReview.Web.Features.Analytics;

/// <summary>
/// The accuracy statistics for integrations (contracts.md): <c>GET /api/analytics/inspectors?from=&amp;to=</c> and
/// <c>GET /api/rounds/{id}/agreement</c>. Differences are in points at one decimal; coefficients at two decimals.
/// </summary>
[ApiController]
[Authorize(Policy = Policies.ManagerOrAdmin)]
public sealed class AnalyticsApiController(InspectorBiasService bias, RoundAgreementService agreement) : ControllerBase
{
    [HttpGet("api/analytics/inspectors")]
    public async Task<ActionResult<IReadOnlyList<InspectorBiasJson>>> Inspectors([FromQuery] DateOnly? from, [FromQuery] DateOnly? to, CancellationToken cancellationToken)
    {
        if (from is not null && to is not null && to < from)
        {
            ModelState.AddModelError("to", "Give the range as from=yyyy-MM-dd&to=yyyy-MM-dd, with to not before from.");
        }

        if (!ModelState.IsValid)
        {
            return ValidationProblem(ModelState);
        }

        var report = await bias.ComputeAsync(from, to, cancellationToken);
        return report.Inspectors
            .Where(r => r.Shared > 0)
            .Select(r => new InspectorBiasJson(
                string.IsNullOrEmpty(r.Email) ? r.Name : r.Email,
                r.Shared,
                Points(r.Difference!.Mean)!.Value,
                Points(r.Difference.StandardError),
                Points(r.Difference.CiLow),
                Points(r.Difference.CiHigh),
                r.Flag?.ToString()))
            .ToList();
    }

    [HttpGet("api/rounds/{id:int}/agreement")]
    public async Task<ActionResult<RoundAgreementJson>> Agreement(int id, CancellationToken cancellationToken)
    {
        var result = await agreement.ComputeAsync(id, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        return new RoundAgreementJson(
            Coefficient(result.AlphaInterval),
            Coefficient(result.Icc.Value),
            result.Icc.ModelName,
            Reading(result.AlphaReading),
            Reading(result.IccReading),
            result.Indicators.Select(i => new IndicatorAgreementJson(i.Code, Coefficient(i.Alpha), Reading(i.Reading), i.Metric.ToString().ToLowerInvariant())).ToList());
    }

    // Rounded once, here at the edge, from the full-precision value, through Figure (decimal, so that half is away
    // from zero on the digits a person reads, not on the binary double): points one decimal, coefficients two.
    private static double? Points(double? value) => Figure.Round(value, FigureKind.Points);

    private static double? Coefficient(double? value) => Figure.Round(value, FigureKind.Coefficient);

    private static string? Reading(AgreementReading? reading) => reading?.ToString().ToLowerInvariant();
}

/// <summary>One inspector's bias; <c>flag</c> is Lenient, Severe or null. SE and interval are null with one shared inspection.</summary>
public sealed record InspectorBiasJson(string Inspector, int Shared, double MeanDifference, double? StandardError, double? CiLow, double? CiHigh, string? Flag);

/// <summary>
/// A round's agreement. <c>reading</c> reads <c>alphaInterval</c>; <c>iccReading</c> (an addition to the contract) reads the ICC.
/// </summary>
public sealed record RoundAgreementJson(double? AlphaInterval, double? Icc, string IccModel, string? Reading, string? IccReading, IReadOnlyList<IndicatorAgreementJson> Indicators);

/// <summary>An indicator's alpha; <c>metric</c> (an addition to the contract) is ordinal or interval.</summary>
public sealed record IndicatorAgreementJson(string Code, double? Alpha, string? Reading, string Metric);
